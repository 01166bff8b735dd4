"""The extractor: stages run in order over one working document per text.

Models load lazily, once per :class:`Extractor`, and only for the languages that
appear; the costly stages (NER, morphology-heavy rules) run only on sentences that
pass the trigger gate, and on their neighbours.
"""
from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

from .actors.kb import ActorKB, build_index
from .actors.linker import PersonLinker
from .actors.matcher import GazetteerMatcher
from .arguments import ArgumentCues, ArgumentReader, Frame, SentenceContext
from .assembly import EventAssembler
from .carry import ArgumentCarrier
from .doc import Doc, Mention, Sentence
from .documents import DocumentFinder, DocumentLexicon
from .errors import Errors, InputError
from .language import SUPPORTED, LanguageDetector
from .output import to_result
from .schema import DocumentResult
from .segmentation import EnglishTokenizer, PageNoiseFilter, RussianTokenizer, Segmenter, english_lemmas
from .status import StatusClassifier, StatusCues
from .triggers import TriggerLexicon, TriggerTagger

MAX_CHARS = 20_000_000


@dataclass
class LanguageTools:
    """Everything one language needs, built once."""

    tokenize: Any
    lemmas: Any
    triggers: TriggerTagger
    gazetteer: GazetteerMatcher
    ner: Any
    dates: Any
    documents: DocumentFinder
    status: StatusClassifier
    arguments: ArgumentReader
    nominative_name: Any = None
    linker: Any = None


class Extractor:
    """Turns news text into typed diplomatic events with provenance.

    >>> ex = Extractor()                                         # doctest: +SKIP
    >>> ex.extract("Лавров и Ван И провели переговоры в Пекине.", published="2024-04-09")  # doctest: +SKIP

    Args:
        actor_files: extra knowledge-base files (``models/actors`` format), merged
            after the packaged ones.
        en_pipeline: name or path of an installed statistical spaCy pipeline to use
            for English instead of the embedded rule-based one.
    """

    def __init__(self, *, actor_files: Iterable[str | Path] = (), en_pipeline: str | None = None) -> None:
        self._actor_files = tuple(actor_files)
        self._en_pipeline = en_pipeline
        self._tools: dict[str, LanguageTools] = {}
        if self._actor_files:
            _ = self.kb  # validate user files now, not at the first text

    # ----------------------------------------------------------------- resources
    @cached_property
    def kb(self) -> ActorKB:
        return ActorKB.load(self._actor_files)

    @cached_property
    def _segmenter(self) -> Segmenter:
        return Segmenter()

    @cached_property
    def _noise(self) -> PageNoiseFilter:
        return PageNoiseFilter()

    @cached_property
    def _language(self) -> LanguageDetector:
        return LanguageDetector()

    @cached_property
    def _roles(self):
        from .actors.roles import RoleResolver

        return RoleResolver(self.kb)

    @cached_property
    def _dates(self):
        from .dates import DatesExtractor

        return DatesExtractor.from_models()

    @cached_property
    def _morph(self):
        from .morph import Morphology

        return Morphology()

    def tools(self, lang: str) -> LanguageTools:
        if lang not in self._tools:
            self._tools[lang] = self._build_ru() if lang == "ru" else self._build_en()
        return self._tools[lang]

    def _build_ru(self) -> LanguageTools:
        from .ner import NatashaNER

        morph = self._morph
        tokenize = RussianTokenizer(morph.lemmas)
        return LanguageTools(
            tokenize=tokenize,
            lemmas=morph.lemmas,
            triggers=TriggerTagger(TriggerLexicon.load("ru")),
            gazetteer=self._gazetteer("ru", tokenize, morph.lemmas),
            ner=NatashaNER(),
            dates=self._dates,
            documents=DocumentFinder(DocumentLexicon.load("ru"), morph.nominative_phrase, morph.is_verb, morph.is_adjective),
            status=StatusClassifier(StatusCues.load("ru"), morph.verb_features),
            arguments=ArgumentReader(ArgumentCues.load("ru")),
            nominative_name=morph.nominative_name,
            linker=PersonLinker(self.kb, "ru", morph.lemmas),
        )

    def _build_en(self) -> LanguageTools:
        from .ner import SpacyEnglishNER, build_english_pipeline

        names = [p.en.full for p in self.kb.persons.values()] + [v for p in self.kb.persons.values() for v in p.en.variants if " " in v]
        nlp = build_english_pipeline(names, self._en_pipeline)
        tokenize = EnglishTokenizer(nlp)
        return LanguageTools(
            tokenize=tokenize,
            lemmas=english_lemmas,
            triggers=TriggerTagger(TriggerLexicon.load("en")),
            gazetteer=self._gazetteer("en", tokenize, english_lemmas),
            ner=SpacyEnglishNER(nlp),
            dates=self._dates,
            documents=DocumentFinder(DocumentLexicon.load("en")),
            status=StatusClassifier(StatusCues.load("en")),
            arguments=ArgumentReader(ArgumentCues.load("en")),
            linker=PersonLinker(self.kb, "en", english_lemmas),
        )

    def _gazetteer(self, lang: str, tokenize, lemmas) -> GazetteerMatcher:  # noqa: ANN001
        def lemmatize(name: str) -> tuple[str, ...]:
            return tuple(_name_lemma(tok) for tok in tokenize(name, 0, len(name)))

        return GazetteerMatcher(build_index(self.kb.entries(lang, lemmatize)), lemmas)

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
            self._run(doc)
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

        results = self._in_workers(records, jobs) if jobs > 1 else map(self.extract_record, records)
        yield from tqdm(results, disable=not progress, unit="doc", desc="extract", total=total)

    def _in_workers(self, records: Iterable[dict], jobs: int) -> Iterator[DocumentResult]:
        from multiprocessing import get_context

        with get_context("spawn").Pool(jobs, initializer=_start_worker, initargs=(self._actor_files, self._en_pipeline)) as pool:
            yield from pool.imap(_work, records, chunksize=4)

    def extract_record(self, record: dict) -> DocumentResult:
        """One ``{id, text, published?}`` record; never raises for a bad record."""
        return self._safe_extract(record)

    def _safe_extract(self, record: dict) -> DocumentResult:
        rid = record.get("id") if isinstance(record, dict) else None
        if isinstance(record, dict) and record.get("_error"):  # a line the reader could not parse
            return DocumentResult(id=None if rid is None else str(rid), lang="und", text="", error=str(record["_error"]))
        try:
            return self.extract(record["text"], record.get("published"), id=None if rid is None else str(rid))
        except (TypeError, KeyError, InputError, ValueError) as exc:
            text = record.get("text") if isinstance(record, dict) and isinstance(record.get("text"), str) else ""
            return DocumentResult(id=None if rid is None else str(rid), lang="und", text=text, error=f"{type(exc).__name__}: {exc}")

    # ----------------------------------------------------------------- stages
    def _run(self, doc: Doc) -> None:
        self._segmenter(doc)
        self._noise(doc)
        self._language(doc)
        if doc.lang not in SUPPORTED:
            return
        self._dateline(doc)
        gated = [i for i, sent in enumerate(doc.sentences) if self._gated(doc, sent)]
        self._prefetch_ner(doc, gated)
        frames: list[Frame] = []
        for i in gated:
            frames += self._frames(doc, i)
        self._annotate_context(doc)
        events = EventAssembler(lambda expr, status: self._resolve(doc, expr, status))(frames)
        doc.events = ArgumentCarrier(self.kb, lambda expr, status: self._resolve(doc, expr, status))(doc, events)

    def _prefetch_ner(self, doc: Doc, gated: list[int]) -> None:
        """NER over all gated sentences of a language in one batched call."""
        found = doc.meta.setdefault("ner", {})
        for lang in {doc.sentences[i].lang for i in gated}:
            batch = getattr(self.tools(lang).ner, "batch", None)
            if batch is None:  # a plain callable tagger: sentence by sentence later
                continue
            ids = [i for i in gated if doc.sentences[i].lang == lang]
            found.update(zip(ids, batch(doc.text, [(doc.sentences[i].start, doc.sentences[i].end) for i in ids])))

    def _gated(self, doc: Doc, sent: Sentence) -> bool:
        if sent.noise or sent.lang not in SUPPORTED:
            return False
        return self.tools(sent.lang).triggers.passes_gate(doc.text[sent.start : sent.end])

    def _tokens(self, doc: Doc, i: int):
        sent = doc.sentences[i]
        if sent.tokens is None:
            sent.tokens = self.tools(sent.lang).tokenize(doc.text, sent.start, sent.end)
        return sent.tokens

    def _mentions(self, doc: Doc, i: int, ner: bool) -> list[Mention]:
        cache = doc.meta.setdefault("mentions", {})
        if i in cache and (not ner or cache[i][1]):
            return cache[i][0]
        sent, tools = doc.sentences[i], self.tools(doc.sentences[i].lang)
        found = tools.gazetteer(doc.text, self._tokens(doc, i))
        if ner:
            tagged = doc.meta.get("ner", {}).get(i)
            found, ner_found = tools.linker(found, tagged if tagged is not None else tools.ner(doc.text, sent.start, sent.end))
            found = _merge_ner(found, ner_found, tools.nominative_name)
        found = [self._person_name(m, sent.lang) if m.key else m for m in found]
        found = sorted(found + self._roles(doc.text, found, doc.published, sent.lang), key=lambda m: m.start)
        cache[i] = (found, ner)
        return found

    def _eve_of(self, text: str, expr: Any, lang: str) -> bool:
        """"накануне саммита" is "on the eve of the summit", not "the day before"."""
        if lang != "ru" or expr.text.lower() != "накануне":
            return False
        nxt = text[expr.end : expr.end + 40].split()
        word = nxt[0].strip(".,;:!?\"»«") if nxt else ""
        parses = self._morph.parse(word.lower()) if word.isalpha() else ()
        return any(p.tag.POS == "NOUN" and p.tag.case == "gent" for p in parses) and not any(p.tag.case == "nomn" for p in parses)

    def _person_name(self, m: Mention, lang: str) -> Mention:
        """A linked person's name as written, each word in its nominative KB form
        where it is one of the person's names (``Лаврова`` → ``Лавров``)."""
        person = self.kb.persons.get((m.key or "").removeprefix("person:")) if m.label == "PER" else None
        if person is None:
            return _named(m, self.tools(lang).nominative_name)
        parts = [p for p in (getattr(person, lang).first, getattr(person, lang).patronymic, getattr(person, lang).last) if p]
        tools = self.tools(lang)
        written = _strip_possessive(m.text).split()
        nominal = tools.nominative_name(written) if tools.nominative_name else written
        words = [_kb_part(w, parts, tools.lemmas) or n for w, n in zip(written, nominal)]
        return Mention(m.start, m.end, m.text, m.label, m.key, m.code, " ".join(words), m.role, m.rule)

    def _frames(self, doc: Doc, i: int) -> list[Frame]:
        sent, tools = doc.sentences[i], self.tools(doc.sentences[i].lang)
        tokens = self._tokens(doc, i)
        triggers = tools.triggers(doc.text, tokens, i)
        if not triggers:
            return []
        dates = [d for d in tools.dates.find(doc.text, sent.lang, sent.start, sent.end) if not self._eve_of(doc.text, d, sent.lang)]
        ctx = SentenceContext(i, doc.text, tokens, self._mentions(doc, i, ner=True), dates, [], sent.lang)
        names = [(m.start, m.end) for m in ctx.mentions if m.label in ("ORG", "BODY", "STATE")]
        verbs = [t for t in triggers if t.pos == "verb" or t.type in ("signing", "adoption")]  # "план консультаций" keeps its noun
        in_trigger = {k for k, tok in enumerate(tokens) for t in verbs if t.start <= tok.start < t.end}
        ctx.documents = tools.documents.find_all(doc.text, tokens, names, blocked=in_trigger.__contains__)
        from .framing import FrameBuilder

        return FrameBuilder(tools, ctx).build(triggers)

    def _annotate_context(self, doc: Doc) -> None:
        """Mentions of actors in every article sentence, for document-level carrying."""
        for i, sent in enumerate(doc.sentences):
            if not sent.noise and sent.lang in SUPPORTED:
                doc.mentions += self._mentions(doc, i, ner=i in doc.meta.get("mentions", {}))

    def _dateline(self, doc: Doc) -> None:
        doc.dateline = self.tools(doc.lang).dates.find_dateline(doc.text, doc.lang)
        place = getattr(doc.dateline, "place", None)
        if place is not None:
            doc.meta["dateline_place"] = self._place(doc, place.start, place.end)

    def _place(self, doc: Doc, start: int, end: int) -> Mention:
        """A place named at ``start:end`` (a dateline's), linked to the KB when it can be."""
        tools = self.tools(doc.lang)
        for m in tools.gazetteer(doc.text, tools.tokenize(doc.text, start, end)):
            if m.label == "PLACE":
                return m
        raw = doc.text[start:end]
        return Mention(start, end, raw, "LOC", name=raw.title() if raw.isupper() else raw, rule="dateline")

    def _resolve(self, doc: Doc, expr: Any, status: str) -> str | None:
        from .dates import resolve

        anchor = doc.published or getattr(doc.dateline, "date", None)
        return resolve(expr, anchor, future=status != "occurred")  # a cancelled event keeps its scheduled date


_WORKER: dict[str, "Extractor"] = {}  # one extractor per worker process, built by _start_worker


def _start_worker(actor_files: tuple, en_pipeline: str | None) -> None:
    _WORKER["extractor"] = Extractor(actor_files=actor_files, en_pipeline=en_pipeline)


def _work(record: dict) -> DocumentResult:
    return _WORKER["extractor"].extract_record(record)


def _name_lemma(tok) -> str:  # noqa: ANN001
    """The lemma a knowledge-base name word is indexed by: the word itself when it
    is one of its own lemmas (names are written in the nominative), else the first.

    >>> from diplo_extract.doc import Token
    >>> _name_lemma(Token(0, 6, "Лавров", frozenset({"лавр", "лавров"})))
    'лавров'
    """
    low = tok.text.lower().replace("ё", "е")
    return low if low in tok.lemmas else sorted(tok.lemmas)[0]


def _merge_ner(gazetteer: list[Mention], ner: list[Mention], nominative) -> list[Mention]:  # noqa: ANN001
    """Gazetteer mentions win; NER adds persons and places that the KB does not know."""
    out = list(gazetteer)
    for m in ner:
        if any(g.start < m.end and m.start < g.end for g in gazetteer):
            continue
        name = " ".join(nominative(m.text.split())) if nominative and m.label == "PER" else m.text
        if m.label == "LOC" and nominative:
            name = " ".join(nominative(m.text.split()))
        out.append(Mention(m.start, m.end, m.text, m.label, m.key, None, name, None, m.rule))
    return sorted(out, key=lambda m: m.start)


def _named(m: Mention, nominative) -> Mention:  # noqa: ANN001
    """Persons keep the name as written, in the nominative (not the KB's canonical)."""
    if m.label != "PER":
        return m
    name = " ".join(nominative(m.text.split())) if nominative else _strip_possessive(m.text)
    return Mention(m.start, m.end, m.text, m.label, m.key, m.code, name, m.role, m.rule)


def _kb_part(word: str, parts: list[str], lemmas) -> str | None:  # noqa: ANN001
    """The knowledge-base name part that ``word`` is a form of, if any."""
    forms = lemmas(word)
    for part in parts:
        if part.lower().replace("ё", "е") in forms or part.lower() == word.lower():
            return part
    return None


def _strip_possessive(name: str) -> str:
    """``Lavrov's`` → ``Lavrov``.

    >>> _strip_possessive("Sergei Lavrov’s")
    'Sergei Lavrov'
    """
    for suffix in ("'s", "’s", "'", "’"):
        if name.endswith(suffix):
            return name[: -len(suffix)]
    return name


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
