"""The extractor: the public API, batching, and the declared list of stages.

Each stage is a small class with ``__call__(doc) -> doc`` and a ``name``; the
extractor runs them in the order of :meth:`Extractor.build_stages`, skipping any
named in ``disable``. Models load lazily, once per extractor, and only for the
languages that appear.
"""
from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable, Iterator
from functools import cached_property
from pathlib import Path

from .actors.annotator import ActorAnnotator
from .actors.kb import ActorKB
from .assembly import EventAssembler
from .carry import AFTER_DISCOURSE, BEFORE_DISCOURSE, FIRST
from .discourse import DiscourseResolver, FollowingDates
from .doc import Doc
from .errors import Errors, InputError
from .language import LanguageDetector
from .languages import Languages
from .output import to_result
from .schema import DocumentResult
from .segmentation import PageNoiseFilter, Segmenter
from .stages import DatelineReader, FrameReader, NERTagger, Stage, TriggerFinder, TriggerGate
from .threads import limit_math_threads

MAX_CHARS = 20_000_000


class Extractor:
    """Turns news text into typed diplomatic events with provenance.

    >>> ex = Extractor()                                         # doctest: +SKIP
    >>> ex.extract("Лавров и Ван И провели переговоры в Пекине.", published="2024-04-09")  # doctest: +SKIP

    Args:
        actor_files: extra knowledge-base files (``models/actors`` format), merged
            after the ones of the models folder.
        en_pipeline: name or path of an installed statistical spaCy pipeline to use
            for English instead of the embedded rule-based one.
        models_dir: a data folder of the same layout as the packaged ``models/``
            (lexicons, patterns, actors), used instead of it.
        disable: names of stages to skip (``"ner"``, ``"carry.visits"``...), for
            ablation; see :attr:`stage_names`.
    """

    def __init__(self, *, actor_files: Iterable[str | Path] = (), en_pipeline: str | None = None,
                 models_dir: str | Path | None = None, disable: Iterable[str] = ()) -> None:
        self._actor_files = tuple(str(f) for f in actor_files)
        self._en_pipeline = en_pipeline
        self._root = None if models_dir is None else Path(models_dir)
        self._disable = tuple(disable)
        unknown = sorted(set(self._disable) - set(self.stage_names))
        if unknown:
            raise InputError(Errors.E024.format(names=", ".join(unknown), known=", ".join(self.stage_names)))
        if self._actor_files or self._root is not None:
            _ = self.kb  # validate user data now, not at the first text

    @property
    def config(self) -> dict:
        """The keyword arguments that rebuild this extractor (in a worker process)."""
        return {"actor_files": self._actor_files, "en_pipeline": self._en_pipeline, "models_dir": self._root, "disable": self._disable}

    # ----------------------------------------------------------------- resources
    @cached_property
    def kb(self) -> ActorKB:
        return ActorKB.load(self._actor_files, root=self._root)

    @cached_property
    def languages(self) -> Languages:
        from .dates import DatesExtractor

        limit_math_threads()
        return Languages(self.kb, DatesExtractor.from_models(root=self._root), root=self._root, en_pipeline=self._en_pipeline)

    # -------------------------------------------------------------------- stages
    stage_names = (
        "segment", "noise", "language", "dateline", "gate", "ner", "triggers", "actors", "frames", "assembly",
        *(rule.name for rule in FIRST), "dates.following", *(rule.name for rule in BEFORE_DISCOURSE), "discourse",
        *(rule.name for rule in AFTER_DISCOURSE),
    )

    def build_stages(self) -> list[Stage]:
        """The stages, in the order they run (all of them, disabled or not)."""
        langs = self.languages
        return [
            Segmenter(),  # sentences, each inside one line
            PageNoiseFilter(root=self._root),  # navigation, appeals, teasers
            LanguageDetector(root=self._root),  # per sentence and per document
            DatelineReader(langs),  # "МОСКВА, 25 ноября /ТАСС/": date and place
            TriggerGate(langs),  # sentences with a trigger stem
            NERTagger(langs),  # natasha / spaCy over gated sentences, batched
            TriggerFinder(langs),  # trigger words
            ActorAnnotator(langs, self.kb),  # persons, states, organizations, places, roles
            FrameReader(langs),  # one frame per trigger, with its sentence's arguments
            EventAssembler(),  # frames into events, one per happening
            *(rule(self.kb) for rule in FIRST),  # event dates resolved
            FollowingDates(langs),  # "Он состоится 17 января": a planned event's date in the next sentence
            *(rule(self.kb) for rule in BEFORE_DISCOURSE),  # document-level arguments
            DiscourseResolver(langs),  # "he", "his counterpart", "его коллега": the persons meant
            *(rule(self.kb) for rule in AFTER_DISCOURSE),
        ]

    @cached_property
    def stages(self) -> list[Stage]:
        """The stages that run: :meth:`build_stages` minus ``disable``."""
        return [s for s in self.build_stages() if s.name not in self._disable]

    # ---------------------------------------------------------------- public API
    def extract(self, text: str, published: _dt.date | str | None = None, *, id: str | None = None) -> DocumentResult:
        """Extract the events of one text.

        Args:
            text: the raw text; every span in the result points into it unchanged.
            published: publication date (``date``, ISO string or None), used to
                resolve relative and year-less dates.
            id: an identifier carried to the result.

        Raises:
            TypeError: ``text`` is not a string.
            InputError: ``published`` is not a date.
        """
        if not isinstance(text, str):
            raise TypeError(Errors.E020.format(type=type(text).__name__))
        doc = Doc(text=text, published=parse_published(published), id=id)
        if text.strip() and len(text) <= MAX_CHARS:
            for stage in self.stages:
                doc = stage(doc)
        return to_result(doc, self.kb)

    def extract_many(self, records: Iterable[dict], *, progress: bool = False, jobs: int = 1, total: int | None = None) -> Iterator[DocumentResult]:
        """Extract each ``{id, text, published?}`` record, in order; a record that
        fails gives a result with ``error`` set, and the batch goes on.

        Args:
            progress: a progress bar on stderr.
            jobs: worker processes (each loads its own models, 200-300 MB); 1 runs here.
            total: the number of records, for the progress bar, when ``records`` is a stream.
        """
        from tqdm import tqdm

        from .workers import in_workers

        results = in_workers(self.config, records, jobs) if jobs > 1 else map(self.extract_record, records)
        yield from tqdm(results, disable=not progress, unit="doc", desc="extract", total=total)

    def extract_record(self, record: dict) -> DocumentResult:
        """One ``{id, text, published?}`` record; never raises for a bad record."""
        rid = record.get("id") if isinstance(record, dict) else None
        rid = None if rid is None else str(rid)
        if isinstance(record, dict) and record.get("_error"):  # a line the reader could not parse
            return DocumentResult(id=rid, lang="und", text="", error=str(record["_error"]))
        try:
            return self.extract(record["text"], record.get("published"), id=rid)
        except (TypeError, KeyError, InputError, ValueError) as exc:
            text = record.get("text") if isinstance(record, dict) and isinstance(record.get("text"), str) else ""
            return DocumentResult(id=rid, lang="und", text=text, error=f"{type(exc).__name__}: {exc}")


def parse_published(value: _dt.date | str | None) -> _dt.date | None:
    """``published`` as a date.

    >>> parse_published("2020-11-26")
    datetime.date(2020, 11, 26)
    >>> parse_published(None) is None
    True
    """
    if value is None or isinstance(value, _dt.date) and not isinstance(value, _dt.datetime):
        return value
    if isinstance(value, _dt.datetime):
        return value.date()
    if isinstance(value, str):
        if not value.strip():
            return None
        try:
            return _dt.datetime.fromisoformat(value.strip()).date()
        except ValueError:
            pass
    raise InputError(Errors.E021.format(value=value))
