"""The working document: the original text, untouched, plus the typed annotations
that the stages add. Every annotation holds ``(start, end)`` offsets into that text.

Each field below is written by one stage (see ``produces`` on the stage classes in
:mod:`diplo_extract.stages`) and read by later ones; there is no untyped side channel.
"""
from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover - imports for type checkers only
    from .arguments import Frame
    from .assembly import EventDraft
    from .dates import DateExpression, Dateline


@dataclass(frozen=True, slots=True)
class Token:
    start: int
    end: int
    text: str
    lemmas: frozenset[str]  # lower-cased normal forms (every plausible one)


@dataclass(frozen=True, slots=True)
class Mention:
    """An actor or place mention: NER span, gazetteer match or role phrase.

    ``label`` is one of PER, LOC, STATE, ORG, BODY, ROLE, PLACE, GROUP;
    ``key`` the knowledge-base key when linked; ``code`` the state or organization
    code it gives; ``name`` its normalized (nominative) form.
    """

    start: int
    end: int
    text: str
    label: str
    key: str | None = None
    code: str | None = None
    name: str | None = None
    role: str | None = None
    rule: str = ""


@dataclass(frozen=True)
class Trigger:
    start: int
    end: int
    text: str
    type: str
    lemma: str
    pos: str  # verb | noun
    sentence: int
    weak: bool = False  # only ever a further mention of an event found otherwise
    tense: str | None = None
    group: str = "bilateral"
    otherwise: str | None = None
    person_after: int | None = None  # sense test: a person must follow within this many tokens
    not_followed_by: tuple[str, ...] = ()  # sense test: lemmas that must not follow it
    not_preceded_by: tuple[str, ...] = ()  # sense test: lemmas that must not come right before it


@dataclass(slots=True)
class Sentence:
    start: int
    end: int
    lang: str = "und"  # language stage
    noise: bool = False  # noise stage: navigation, appeals, teasers of other articles
    gated: bool = False  # gate stage: holds a trigger stem, so costly stages read it
    tokens: list[Token] | None = None  # filled on demand for gated sentences and their readers
    ner: list[Mention] | None = None  # ner stage: raw NER spans of a gated sentence
    triggers: list[Trigger] = field(default_factory=list)  # triggers stage
    mentions: list[Mention] = field(default_factory=list)  # actors stage: linked actor mentions
    dates: list[DateExpression] = field(default_factory=list)  # frames stage: date expressions of a triggered sentence


@dataclass
class Doc:
    text: str
    published: _dt.date | None = None
    id: str | None = None
    lang: str = "und"
    sentences: list[Sentence] = field(default_factory=list)
    dateline: Dateline | None = None  # dateline stage
    dateline_place: Mention | None = None  # dateline stage: the dateline's place, linked
    entities: list[Mention] | None = None  # given by the caller (a spaCy pipeline's doc.ents): used instead of the NER stage's own
    mentions: list[Mention] = field(default_factory=list)  # actors stage: every article sentence's mentions
    frames: list[Frame] = field(default_factory=list)  # frames stage: one per trigger mention
    domestic: list[Trigger] = field(default_factory=list)  # frames stage: triggers dropped as domestic, academic or private gatherings
    events: list[EventDraft] = field(default_factory=list)  # assembly stage, then carry stages
