"""The stages between segmentation and assembly, each a small class with one
interface: ``__call__(doc) -> doc``, its dependencies passed to its constructor, a
``name``, and the document fields it ``requires`` and ``produces``.

Field names are ``doc.<field>`` or ``sentence.<field>`` of :mod:`diplo_extract.doc`;
``tests/test_stages.py`` checks that every field a stage reads is written by an
earlier one.
"""
from __future__ import annotations

from typing import Any, Protocol, runtime_checkable

from .actors.annotator import tokens_of
from .arguments import SentenceContext
from .doc import Doc, Mention, Sentence
from .framing import FrameBuilder
from .languages import Languages
from .schema import DOCUMENT_EVENT_TYPES

INPUTS = ("doc.text", "doc.published", "doc.id")  # given by the caller, not by a stage


@runtime_checkable
class Stage(Protocol):
    """What the extractor runs: a named callable over the working document."""

    name: str
    requires: tuple[str, ...]
    produces: tuple[str, ...]

    def __call__(self, doc: Doc) -> Doc: ...


class DatelineReader:
    """The dateline ("МОСКВА, 25 ноября. /ТАСС/.") and its place, linked to the KB."""

    name = "dateline"
    requires = ("doc.lang",)
    produces = ("doc.dateline", "doc.dateline_place")

    def __init__(self, languages: Languages) -> None:
        self.languages = languages

    def __call__(self, doc: Doc) -> Doc:
        if doc.lang not in self.languages:
            return doc
        lang = self.languages[doc.lang]
        doc.dateline = lang.dates.find_dateline(doc.text, doc.lang)
        place = getattr(doc.dateline, "place", None)
        if place is not None:
            doc.dateline_place = self.place(doc, lang, place.start, place.end)
        return doc

    @staticmethod
    def place(doc: Doc, lang: Any, start: int, end: int) -> Mention:
        """A place named at ``start:end``, linked to the KB when it can be."""
        for m in lang.gazetteer(doc.text, lang.tokenize(doc.text, start, end)):
            if m.label == "PLACE":
                return m
        raw = doc.text[start:end]
        return Mention(start, end, raw, "LOC", name=raw.title() if raw.isupper() else raw, rule="dateline")


class TriggerGate:
    """Marks the article sentences that hold a trigger stem: only they, and the
    stages' reads around them, pay for tokens, NER and argument rules."""

    name = "gate"
    requires = ("sentence.lang", "sentence.noise")
    produces = ("sentence.gated",)

    def __init__(self, languages: Languages) -> None:
        self.languages = languages

    def __call__(self, doc: Doc) -> Doc:
        for sent in doc.sentences:
            sent.gated = self.passes(doc, sent)
        return doc

    def passes(self, doc: Doc, sent: Sentence) -> bool:
        if sent.noise or sent.lang not in self.languages:
            return False
        return self.languages[sent.lang].triggers.passes_gate(doc.text[sent.start : sent.end])


MAX_TRIGGERS_PER_SENTENCE = 24  # the first ones are read: prose has at most a handful (5 in the dev fixtures)


class TriggerFinder:
    """Trigger words of the gated sentences: at most :data:`MAX_TRIGGERS_PER_SENTENCE`
    per sentence, so that a run of trigger words (a tag cloud, a repeated word)
    costs what prose costs."""

    name = "triggers"
    requires = ("sentence.gated", "sentence.lang")
    produces = ("sentence.triggers", "sentence.tokens")

    def __init__(self, languages: Languages) -> None:
        self.languages = languages

    def __call__(self, doc: Doc) -> Doc:
        for i, sent in enumerate(doc.sentences):
            if sent.gated:
                lang = self.languages[sent.lang]
                sent.triggers = lang.triggers(doc.text, tokens_of(doc, sent, lang), i)[:MAX_TRIGGERS_PER_SENTENCE]
        return doc


class NERTagger:
    """Named entities of the sentences with triggers (only there does the actors stage
    read them), one batched call per language over their tokens; or the entities the
    caller gave (``Extractor.extract(entities=...)``)."""

    name = "ner"
    requires = ("sentence.triggers", "sentence.tokens", "sentence.lang")
    produces = ("sentence.ner",)

    def __init__(self, languages: Languages) -> None:
        self.languages = languages

    def __call__(self, doc: Doc) -> Doc:
        tagged = [s for s in doc.sentences if s.triggers]
        if doc.entities is not None:  # the caller's NER (a spaCy pipeline's entities) instead of ours
            for sent in tagged:
                sent.ner = [m for m in doc.entities if sent.start <= m.start and m.end <= sent.end]
            return doc
        for code in sorted({s.lang for s in tagged}):
            batch = [s for s in tagged if s.lang == code]
            found = self.languages[code].ner.batch(doc.text, [(s.start, s.end) for s in batch], [s.tokens for s in batch])
            for sent, mentions in zip(batch, found):
                sent.ner = mentions
        return doc


class FrameReader:
    """One frame per trigger mention, with the arguments its own sentence gives:
    dates, documents, places, persons and parties (see :mod:`framing`)."""

    name = "frames"
    requires = ("sentence.triggers", "sentence.mentions", "sentence.tokens")
    produces = ("doc.frames", "doc.domestic", "sentence.dates")

    def __init__(self, languages: Languages) -> None:
        self.languages = languages

    def __call__(self, doc: Doc) -> Doc:
        for i, sent in enumerate(doc.sentences):
            if sent.triggers:
                doc.frames += self.frames(doc, i, sent)
        return doc

    def frames(self, doc: Doc, i: int, sent: Sentence) -> list:
        lang = self.languages[sent.lang]
        tokens = tokens_of(doc, sent, lang)
        dates = [d for d in lang.dates.find(doc.text, sent.lang, sent.start, sent.end) if not lang.eve_of(doc.text, d)]
        sent.dates = dates
        ctx = SentenceContext(i, doc.text, tokens, sent.mentions, dates, [], sent.lang)
        names = [(m.start, m.end) for m in ctx.mentions if m.label in ("ORG", "BODY", "STATE")]
        verbs = [t for t in sent.triggers if t.pos == "verb" or t.type in DOCUMENT_EVENT_TYPES]  # "план консультаций" keeps its noun
        in_trigger = {k for k, tok in enumerate(tokens) for t in verbs if t.start <= tok.start < t.end}
        ctx.documents = lang.documents.find_all(doc.text, tokens, names, blocked=in_trigger.__contains__)
        builder = FrameBuilder(lang, ctx)
        frames = builder.build(sent.triggers)
        doc.domestic += builder.domestic
        return frames
