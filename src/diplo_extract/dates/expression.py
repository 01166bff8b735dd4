"""Date values found in a text: expressions, spans and datelines."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class DateExpression:
    """One date expression found in a text.

    ``start``/``end`` are offsets into the original text, ``text`` is
    ``source[start:end]``. Absolute parts as written go in ``year``/``month``/``day``
    (and ``end_*`` for ranges); relative parts in ``offset_days`` (days),
    ``weekday``/``direction`` (0 = Monday; -1 last, +1 next, 0 this) or
    ``unit``/``offset`` (a week, month or year relative to the anchor; with a
    month or day given, ``unit='year'`` says which year: "в октябре нынешнего
    года"). ``is_period`` marks the years a document covers ("на 2022-2023 годы"),
    which are not event dates. ``rule`` names the strategy that found it.
    """

    start: int
    end: int
    text: str
    kind: str  # date | range | month | year | relative | anaphoric | weekday | week | period
    year: int | None = None
    month: int | None = None
    day: int | None = None
    end_year: int | None = None
    end_month: int | None = None
    end_day: int | None = None
    offset_days: int | None = None
    weekday: int | None = None
    direction: int | None = None
    unit: str | None = None  # week | month | year
    offset: int | None = None
    part: str | None = None  # before_anchor | after_anchor (earlier/later this week)
    duration_days: int | None = None
    start_kind: str | None = None  # a duration's start written as a weekday or a relative day
    is_period: bool = False
    period: tuple[int, int] | None = None
    rule: str = ""


@dataclass(frozen=True)
class Span:
    """A half-open character span of the original text."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Dateline:
    """A dateline: its date (``None`` in "RIYADH, Saudi Arabia (AP) —") and the place
    as written (``None`` in "26 ноября /БЕЛТА/"); ``start``/``end``/``text`` cover both."""

    date: DateExpression | None
    place: Span | None
    start: int
    end: int
    text: str


# --------------------------------------------------------------------------- lexicon schema
