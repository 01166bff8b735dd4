"""The working document: the original text, untouched, plus the annotations that
the stages add. Every annotation holds ``(start, end)`` offsets into that text."""
from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Token:
    start: int
    end: int
    text: str
    lemmas: frozenset[str]  # lower-cased normal forms (every plausible one)


@dataclass
class Sentence:
    start: int
    end: int
    lang: str = "und"
    noise: bool = False  # navigation, appeals, teasers of other articles
    tokens: list[Token] | None = None  # filled only for gated sentences


@dataclass(frozen=True)
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


@dataclass
class Doc:
    text: str
    published: _dt.date | None = None
    id: str | None = None
    lang: str = "und"
    sentences: list[Sentence] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    dateline: Any = None  # Dateline
    events: list[Any] = field(default_factory=list)  # assembly.EventDraft
    meta: dict[str, Any] = field(default_factory=dict)
