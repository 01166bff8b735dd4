"""The extractor: the public API, batching, and the declared list of stages.

Each stage is a small class with ``__call__(doc) -> doc`` and a ``name``; the
extractor runs them in the order of :meth:`Extractor.build_stages`, skipping any
named in ``disable``. Models load lazily, once per extractor, and only for the
languages that appear.
"""
from __future__ import annotations

import datetime as _dt
import logging
from collections.abc import Callable, Iterable, Iterator, Sized
from dataclasses import replace
from functools import cached_property
from pathlib import Path

from .actors.annotator import ActorAnnotator
from .actors.kb import ActorKB
from .assembly import EventAssembler
from .confidence import CalibrationTable, load_calibration
from .carry import AFTER_DISCOURSE, BEFORE_DISCOURSE, FIRST
from .discourse import DiscourseResolver
from .disk_cache import cache_for, models_key
from .doc import Doc, Mention
from .event_dates import EventDurations, FollowingDates, VisitStays
from .constants import MAX_CHARS
from .errors import Errors, InputError
from .language import LanguageDetector
from .languages import IndexCache, Languages
from .ner import PERSON_LABELS, PLACE_LABELS
from .normalize import SURROGATE_PAIR, NormalizedText
from .output import to_result
from .regex_programs import MAGIC as REGEX_MAGIC, RegexPrograms
from .schema import DocumentResult
from .segmentation import PageNoiseFilter, Segmenter
from .stages import DatelineReader, FrameReader, NERTagger, Stage, TriggerFinder, TriggerGate
from .threads import limit_math_threads
from .windows import WINDOW_CHARS, ResultMerger, sentence_windows
from .workers import failed_record

WHOLE_TEXT_STAGES = ("segment", "noise", "language")  # cheap, and document-level: run once on a long text
FIRST_WINDOW_ONLY = ("carry.dateline",)  # the dateline dates the lead, which is in the first window

log = logging.getLogger(__name__)

PUBLISHED_RANGE = (1900, 2100)  # years of a usable publication date (E021 outside)


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
        max_chars: longer texts are refused with E025 (a batch record gets that
            error instead of a result).
        cache: where the knowledge base and gazetteer indexes are kept between runs:
            True, the user cache folder (``DIPLO_EXTRACT_CACHE_DIR`` overrides it,
            ``DIPLO_EXTRACT_NO_CACHE=1`` turns it off); False, nowhere (built in
            memory each time); a path, that folder.
    """

    def __init__(self, *, actor_files: Iterable[str | Path] = (), en_pipeline: str | None = None,
                 models_dir: str | Path | None = None, disable: Iterable[str] = (), max_chars: int = MAX_CHARS,
                 cache: bool | str | Path = True) -> None:
        self._actor_files = tuple(str(f) for f in actor_files)
        self._en_pipeline = en_pipeline
        self._root = None if models_dir is None else Path(models_dir)
        self._disable = tuple(disable)
        self._max_chars = max_chars
        self._cache = cache
        self.disk_cache = cache_for(cache)
        unknown = sorted(set(self._disable) - set(self.stage_names))
        if unknown:
            raise InputError(Errors.E024.format(names=", ".join(unknown), known=", ".join(self.stage_names)))
        if self._actor_files or self._root is not None:
            _ = self.kb  # validate user data now, not at the first text
            _ = self.calibration

    @property
    def config(self) -> dict:
        """The keyword arguments that rebuild this extractor (in a worker process)."""
        return {"actor_files": self._actor_files, "en_pipeline": self._en_pipeline, "models_dir": self._root, "disable": self._disable,
                "max_chars": self._max_chars, "cache": self._cache}

    # ----------------------------------------------------------------- resources
    @cached_property
    def _models_key(self) -> tuple[str, ...]:
        """What the knowledge base and the indexes are built from (their disk cache key)."""
        return models_key(self._root, self._actor_files)

    @cached_property
    def kb(self) -> ActorKB:
        """The actor knowledge base (from the disk cache when its inputs are unchanged)."""
        if self.disk_cache.folder is None:
            return ActorKB.load(self._actor_files, root=self._root)
        return self.disk_cache.get("kb", self._models_key, lambda: ActorKB.load(self._actor_files, root=self._root))

    @cached_property
    def calibration(self) -> CalibrationTable:
        """The confidence calibration table (``models/confidence/calibration.yaml``)."""
        return load_calibration(self._root)

    @cached_property
    def languages(self) -> Languages:
        """The per-language objects, each built at its first sentence."""
        from .dates import DatesExtractor

        limit_math_threads()
        if self.disk_cache.folder is None:
            return Languages(self.kb, DatesExtractor.from_models(root=self._root), root=self._root, en_pipeline=self._en_pipeline)
        key = self._models_key

        def programs(lang: str, build: Callable[[], RegexPrograms]) -> RegexPrograms:
            return self.disk_cache.get(f"dates-{lang}", (*key, lang, REGEX_MAGIC), build)

        dates = DatesExtractor.from_models(root=self._root, programs=programs)
        return Languages(self.kb, dates, root=self._root, en_pipeline=self._en_pipeline, indexes=IndexCache(self.disk_cache, key))

    # -------------------------------------------------------------------- stages
    stage_names = (
        "segment", "noise", "language", "dateline", "gate", "triggers", "ner", "actors", "frames", "assembly",
        *(rule.name for rule in FIRST), "dates.following", "dates.durations", "dates.stays", *(rule.name for rule in BEFORE_DISCOURSE), "discourse",
        *(rule.name for rule in AFTER_DISCOURSE),
    )

    def build_stages(self) -> list[Stage]:
        """The stages, in the order they run (all of them, disabled or not)."""
        langs = self.languages
        return [
            Segmenter(root=self._root),  # sentences, each inside one line
            PageNoiseFilter(root=self._root),  # navigation, appeals, teasers
            LanguageDetector(root=self._root),  # per sentence and per document
            DatelineReader(langs),  # "МОСКВА, 25 ноября /ТАСС/": date and place
            TriggerGate(langs),  # sentences with a trigger stem
            TriggerFinder(langs),  # trigger words (and the tokens of the gated sentences)
            NERTagger(langs),  # natasha / spaCy over the sentences with triggers, batched
            ActorAnnotator(langs, self.kb),  # persons, states, organizations, places, roles
            FrameReader(langs),  # one frame per trigger, with its sentence's arguments
            EventAssembler(),  # frames into events, one per happening
            *(rule(self.kb) for rule in FIRST),  # event dates resolved
            FollowingDates(langs),  # "Он состоится 17 января": a planned event's date in the next sentence
            EventDurations(langs),  # "двухдневный визит" + "прилетел в среду": the range of its days
            VisitStays(langs),  # "Fidan, who is in the United States from Sept. 17 to 23": a visit's days
            *(rule(self.kb) for rule in BEFORE_DISCOURSE),  # document-level arguments
            DiscourseResolver(langs, self.kb),  # "he", "his counterpart", "его коллега": the persons meant
            *(rule(self.kb) for rule in AFTER_DISCOURSE),
        ]

    @cached_property
    def stages(self) -> list[Stage]:
        """The stages that run: :meth:`build_stages` minus ``disable``."""
        return [s for s in self.build_stages() if s.name not in self._disable]

    # ---------------------------------------------------------------- public API
    def extract(self, text: str, published: _dt.date | str | None = None, *, id: str | None = None,
                entities: Iterable[tuple[int, int, str]] | None = None) -> DocumentResult:
        """Extract the events of one text.

        Args:
            text: the raw text; every span in the result points into it unchanged.
            published: publication date (``date``, ISO string or None), used to
                resolve relative and year-less dates.
            id: an identifier carried to the result (a number becomes its string).
            entities: named entities found by the caller's own NER, as ``(start,
                end, label)`` character spans of ``text`` (spaCy labels: PERSON,
                PER, GPE, LOC, FAC; others are ignored). They are used instead of
                the built-in NER; the knowledge base still reads every sentence.
                Ignored (the built-in NER runs) for a text that normalization
                changes (soft hyphens, zero-width or control characters) or that
                is read in windows (over 100,000 characters).

        Raises:
            TypeError: ``text`` is not a string.
            InputError: ``published`` is not a date between 1900 and 2100 (E021),
                ``id`` is not a string or a number (E026), the text is longer
                than ``max_chars`` (E025), it holds a surrogate pair as two
                code points, which JSON cannot keep (E028), or an entity is not a
                ``(start, end, label)`` span of the text (E029).
        """
        if not isinstance(text, str):
            raise TypeError(Errors.E020.format(type=type(text).__name__))
        if len(text) > self._max_chars:
            raise InputError(Errors.E025.format(length=len(text), limit=self._max_chars))
        pair = SURROGATE_PAIR.search(text)
        if pair is not None:
            raise InputError(Errors.E028.format(offset=pair.start()))
        given = _entities(text, entities) if entities is not None else None
        source = NormalizedText.of(text)
        doc = Doc(text=source.text, published=parse_published(published), id=_record_id(id))
        if given is not None and source.identity and len(source.text) <= WINDOW_CHARS:
            doc.entities = given
        if not source.text.strip():
            return to_result(doc, self.kb, source, self.calibration)
        if len(source.text) <= WINDOW_CHARS:
            for stage in self.stages:
                doc = stage(doc)
            return to_result(doc, self.kb, source, self.calibration)
        return self._by_windows(doc, source)

    def _by_windows(self, doc: Doc, source: NormalizedText) -> DocumentResult:
        """A long text window by window (see :mod:`diplo_extract.windows`)."""
        for stage in self.stages:
            if stage.name in WHOLE_TEXT_STAGES:
                doc = stage(doc)
        merged = ResultMerger()
        for k, sentences in enumerate(sentence_windows(doc.text, doc.sentences)):
            # copies: the window's tokens and mentions go with it, not into the whole document
            window = Doc(text=doc.text, published=doc.published, id=doc.id, lang=doc.lang, sentences=[replace(s) for s in sentences])
            for stage in self.stages:
                if stage.name not in WHOLE_TEXT_STAGES and not (k and stage.name in FIRST_WINDOW_ONLY):
                    window = stage(window)
            merged.add(to_result(window, self.kb, source, self.calibration))
        return merged.result(doc.lang)

    def extract_many(self, records: Iterable[dict], *, progress: bool = False, jobs: int = 1, total: int | None = None) -> Iterator[DocumentResult]:
        """Extract each ``{id, text, published?}`` record, in order; a record that
        fails gives a result with ``error`` set, and the batch goes on.

        Args:
            progress: a progress bar on stderr.
            jobs: worker processes (each loads its own models, 200-300 MB); 1 runs here.
            total: the number of records, for the progress bar, when ``records`` is a
                stream (a list or other sized collection gives its own).
        """
        from tqdm import tqdm

        from .workers import in_workers

        if total is None and isinstance(records, Sized):
            total = len(records)
        results = in_workers(self.config, records, jobs) if jobs > 1 else map(self.extract_record, records)
        yield from tqdm(results, disable=not progress, unit="doc", desc="extract", total=total)

    def extract_record(self, record: dict) -> DocumentResult:
        """One ``{id, text, published?}`` record; never raises: whatever goes wrong
        becomes the result's ``error`` (coded; the traceback of an unexpected
        exception is logged at debug level)."""
        if isinstance(record, dict) and record.get("_error"):  # a line the reader could not parse
            return failed_record(record, str(record["_error"]))
        if not isinstance(record, dict) or "text" not in record:
            what = "an object without 'text'" if isinstance(record, dict) else type(record).__name__
            return failed_record(record, Errors.E027.format(type=what))
        try:
            result = self.extract(record["text"], record.get("published"), id=record.get("id"))
            result.model_dump_json()  # a result that cannot be written is this record's failure, not the batch's
            return result
        except (TypeError, InputError) as exc:
            # a text JSON cannot carry is not written back (E028)
            return failed_record(record, str(exc), keep_text=not str(exc).startswith("E028"))
        except Exception as exc:  # noqa: BLE001 - one record must never end a batch
            log.debug("record %r failed", record.get("id"), exc_info=True)
            return failed_record(record, Errors.E051.format(kind=type(exc).__name__, detail=exc))


def _entities(text: str, entities: Iterable[tuple[int, int, str]]) -> list[Mention]:
    """The caller's entity spans as NER mentions (persons and places only)."""
    out = []
    for item in entities:
        try:
            start, end, label = item
        except (TypeError, ValueError):
            raise InputError(Errors.E029.format(length=len(text), value=item)) from None
        if not (isinstance(start, int) and isinstance(end, int) and isinstance(label, str) and 0 <= start < end <= len(text)):
            raise InputError(Errors.E029.format(length=len(text), value=item))
        kind = PERSON_LABELS.get(label) or PLACE_LABELS.get(label)
        if kind is not None:
            out.append(Mention(start, end, text[start:end], kind, rule="ner:caller"))
    return sorted(out, key=lambda m: (m.start, m.end))


def _record_id(value: object) -> str | None:
    """A record's id as a string: strings and numbers are kept, anything else is E026.

    >>> _record_id(5), _record_id("a1"), _record_id(None)
    ('5', 'a1', None)
    """
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    raise InputError(Errors.E026.format(type=type(value).__name__))


def parse_published(value: _dt.date | str | None) -> _dt.date | None:
    """``published`` as a date.

    >>> parse_published("2020-11-26")
    datetime.date(2020, 11, 26)
    >>> parse_published(None) is None
    True
    """
    if value is None or isinstance(value, str) and not value.strip():
        return None
    day = _as_date(value)
    if day is None or not PUBLISHED_RANGE[0] <= day.year <= PUBLISHED_RANGE[1]:
        raise InputError(Errors.E021.format(value=value, low=PUBLISHED_RANGE[0], high=PUBLISHED_RANGE[1]))
    return day


def _as_date(value: object) -> _dt.date | None:
    if isinstance(value, _dt.datetime):
        return value.date()
    if isinstance(value, _dt.date):
        return value
    if isinstance(value, str):
        try:
            return _dt.datetime.fromisoformat(value.strip()).date()
        except ValueError:
            return None
    return None
