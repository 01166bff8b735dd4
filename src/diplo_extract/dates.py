"""Dates stage: find date expressions in Russian and English text and resolve them.

Three verbs:

* :meth:`DatesExtractor.find` returns every :class:`DateExpression` in a text (or a
  slice of it), with half-open character offsets into the ORIGINAL text
  (``expr.text == text[expr.start:expr.end]`` always) and the partial value as
  written (day, month, year, a relative offset...).
* :func:`resolve` turns one expression into the ISO 8601 value of the annotation
  guide (``2020-11-26``, ``2021-11``, ``2025``, ``XXXX-10-30``, ``a/b``) against an
  anchor: the published date, or a dateline's date whose year may be unknown.
* :meth:`DatesExtractor.find_dateline` finds a dateline ("МОСКВА, 25 ноября. /ТАСС/.",
  "MOSCOW, Nov 25 (Reuters) -") at the start of a text.

Vocabulary (month names, relative words, prepositions...) lives in
``models/dates/<lang>.yaml``, validated at load time by :class:`DateLexicon`. This
module holds only the grammar: an ordered list of regex strategies, each built from
the lexicon, each match turned into an expression by a small builder. Overlapping
candidates are settled longest first (then by strategy order), so "26 ноября 2020
года" wins over "2020 года" inside it.

Every pattern is a sequence of bounded pieces (no nested unbounded quantifiers), so
matching is linear in the text length. Transcript time codes (``05:18``) are masked
before matching and can never be read as dates.
"""
from __future__ import annotations

import calendar
import datetime as dt
import re
from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from types import MappingProxyType
from typing import Literal, NamedTuple

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from .errors import InputError, ResourceError
from .resources import models_dir

__all__ = [
    "DateExpression",
    "DateLexicon",
    "Dateline",
    "DatesExtractor",
    "Span",
    "load_date_lexicon",
    "resolve",
]

# --------------------------------------------------------------------------- values


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


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def _clean_forms(forms: list[str]) -> list[str]:
    """Reject blank forms and forms with edge spaces.

    >>> _clean_forms(["ноября", "нояб."])
    ['ноября', 'нояб.']
    >>> _clean_forms([" x"])
    Traceback (most recent call last):
    ...
    ValueError: form ' x' is blank or has leading/trailing spaces
    """
    for form in forms:
        if not form.strip() or form != form.strip():
            raise ValueError(f"form {form!r} is blank or has leading/trailing spaces")
    return forms


class _Forms(_Strict):
    forms: list[str] = Field(min_length=1)

    @field_validator("forms")
    @classmethod
    def _forms_ok(cls, value: list[str]) -> list[str]:
        return _clean_forms(value)


class MonthEntry(_Forms):
    month: int = Field(ge=1, le=12)


class WeekdayEntry(_Forms):
    weekday: int = Field(ge=0, le=6)  # 0 = Monday


class DirectionEntry(_Forms):
    direction: Literal[-1, 0, 1]


class OffsetEntry(_Forms):
    offset: int = Field(ge=-7, le=7)
    exclude_after: list[str] = Field(default_factory=list)


class PeriodEntry(_Forms):
    unit: Literal["week", "month"]
    offset: int = Field(ge=-2, le=2)
    part: Literal["before_anchor", "after_anchor"] | None = None


class DurationEntry(_Forms):
    days: int = Field(ge=2, le=31)


class RangeFrame(_Strict):
    """A range opener and the words that may join its two ends ("с ... по ...");
    ``start: null`` lists the joiners allowed without an opener. Dashes always join."""

    start: str | None = None
    joiners: list[str] = Field(default_factory=list)


_WORD_LISTS = (
    "weekday_prepositions", "year_words", "day_suffixes", "ordinal_year_suffixes",
    "day_month_connectors", "month_prepositions", "year_prepositions", "parts", "blockers",
    "period_prefixes", "period_fillers", "period_nouns", "period_exclusions_before",
    "duration_starts",
)


class DateLexicon(_Strict):
    """The content of one ``models/dates/<lang>.yaml`` file (see the comments there)."""

    lang: str = Field(pattern=r"^[a-z]{2}$")
    months: list[MonthEntry]
    weekdays: list[WeekdayEntry]
    weekday_prepositions: list[str] = Field(default_factory=list)
    weekday_bare: bool = False
    weekday_modifiers: list[DirectionEntry] = Field(default_factory=list)
    relative_days: list[OffsetEntry] = Field(default_factory=list)
    # Days counted from the date the text named last ("в тот же день", "the next day").
    anaphoric_days: list[OffsetEntry] = Field(default_factory=list)
    relative_periods: list[PeriodEntry] = Field(default_factory=list)
    relative_years: list[OffsetEntry] = Field(default_factory=list)
    year_words: list[str] = Field(default_factory=list)
    day_suffixes: list[str] = Field(default_factory=list)
    ordinal_year_suffixes: list[str] = Field(default_factory=list)
    day_month_connectors: list[str] = Field(default_factory=list)
    month_day_order: bool = False
    month_prepositions: list[str] = Field(default_factory=list)
    year_prepositions: list[str] = Field(default_factory=list)
    bare_year_after_preposition: bool = False
    parts: list[str] = Field(default_factory=list)
    blockers: list[str] = Field(default_factory=list)
    range_frames: list[RangeFrame] = Field(default_factory=list)
    period_prefixes: list[str] = Field(default_factory=list)
    period_fillers: list[str] = Field(default_factory=list)
    period_nouns: list[str] = Field(default_factory=list)
    period_exclusions_before: list[str] = Field(default_factory=list)
    durations: list[DurationEntry] = Field(default_factory=list)
    duration_stems: bool = False
    duration_starts: list[str] = Field(default_factory=list)
    slash_order: Literal["dmy", "mdy"] = "dmy"
    # "накануне саммита": an eve word followed by a noun in the genitive is "on the
    # eve of <event>" and dates nothing (the language object checks the noun).
    eve_of: list[str] = Field(default_factory=list)

    @field_validator(*_WORD_LISTS)
    @classmethod
    def _words_ok(cls, value: list[str]) -> list[str]:
        return _clean_forms(value)

    @model_validator(mode="after")
    def _complete(self) -> "DateLexicon":
        _check_cover("months", [e.month for e in self.months], range(1, 13))
        _check_cover("weekdays", [e.weekday for e in self.weekdays], range(7))
        _check_unique("months", [(f, e.month) for e in self.months for f in e.forms])
        _check_unique("weekdays", [(f, e.weekday) for e in self.weekdays for f in e.forms])
        return self


def _check_cover(what: str, numbers: list[int], expected: range) -> None:
    """Each expected number appears exactly once.

    >>> _check_cover("weekdays", [0, 1, 2, 3, 4, 5, 5], range(7))
    Traceback (most recent call last):
    ...
    ValueError: weekdays: entry 5 appears 2 times, entry 6 appears 0 times
    """
    wrong = [f"entry {n} appears {numbers.count(n)} times" for n in expected if numbers.count(n) != 1]
    if wrong:
        raise ValueError(f"{what}: " + ", ".join(wrong))


def _check_unique(what: str, pairs: list[tuple[str, int]]) -> None:
    """No form (case-folded) stands for two different values."""
    seen: dict[str, int] = {}
    for form, value in pairs:
        other = seen.setdefault(_key(form), value)
        if other != value:
            raise ValueError(f"{what}: form {form!r} is in entries {other} and {value}")


def _entry_name(loc: tuple[int | str, ...]) -> str:
    """A pydantic error location as a readable entry path.

    >>> _entry_name(("months", 3, "forms", 0))
    'months[3].forms[0]'
    >>> _entry_name(())
    '(file)'
    """
    name = "".join(f"[{part}]" if isinstance(part, int) else f".{part}" for part in loc)
    return name.lstrip(".") or "(file)"


def _entry_value(data: object, loc: tuple[int | str, ...]) -> object:
    """The raw YAML entry an error points at (its first two levels), for messages."""
    node = data
    for part in loc[:2]:
        try:
            node = node[part]  # type: ignore[index]
        except (KeyError, IndexError, TypeError):
            return None
    return node


def load_date_lexicon(lang: str, path: Path | None = None, root: Path | None = None) -> DateLexicon:
    """Read and validate ``models/dates/<lang>.yaml`` (or ``path``).

    Raises :class:`~diplo_extract.errors.ResourceError` naming the file and the entry.
    """
    path = path or models_dir(root) / "dates" / f"{lang}.yaml"
    if not path.exists():
        raise ResourceError(f"E002 missing resource {path}")
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise ResourceError(f"E011 {path}: cannot parse: {exc}") from exc
    try:
        return DateLexicon.model_validate(data)
    except ValidationError as exc:
        raise ResourceError(_lexicon_error(path, data, exc)) from exc


def _lexicon_error(path: Path, data: object, exc: ValidationError) -> str:
    """The E010 message of the first validation error."""
    err = exc.errors()[0]
    loc = tuple(err["loc"])
    entry = f"{_entry_name(loc)} = {_entry_value(data, loc)!r}" if loc else "(file)"
    return f"E010 {path}: invalid date lexicon entry {entry}: {err['msg']}"


# --------------------------------------------------------------------------- regex pieces

_HS = "[ \\t\\u00a0\\u202f]"
WS = _HS + "{1,3}"
OWS = _HS + "{0,3}"
_DASHES = "\\u2010-\\u2015\\u2212-"
DASH = f"[{_DASHES}]"
DASH_SEP = f"{OWS}{DASH}{OWS}"
NUM_LEFT = f"(?<![\\w.,:/{_DASHES}])"  # a number glued to nothing before it
DAY_NUM = r"(?:0?[1-9]|[12]\d|3[01])"
YEAR_NUM = r"(?:1[89]\d\d|2[01]\d\d)"  # 1800-2199
TWO_DIGITS = r"\d\d"
NEVER = "(?!)"
VOID = "void"  # kind of the non-dates that only shadow what they cover
TIME_CODE = re.compile(r"(?<!\d)\d{1,2}:\d\d(?::\d\d)?")
BLOCK_WINDOW = 32


def _key(text: str) -> str:
    """Lookup key of a matched form: spaces collapsed, case folded.

    >>> _key("На  прошлой\\u00a0неделе")
    'на прошлой неделе'
    """
    return " ".join(text.split()).casefold()


def _case_variants(form: str) -> set[str]:
    """The form as written, with its first letter capitalized, and upper-cased.

    >>> sorted(_case_variants("нояб."))
    ['НОЯБ.', 'Нояб.', 'нояб.']
    >>> sorted(_case_variants("Nov"))
    ['NOV', 'Nov']
    """
    return {form, form[:1].upper() + form[1:], form.upper()}


def _literal(form: str, *, stem: bool = False, not_after: Iterable[str] = ()) -> str:
    """Regex for one literal form: words joined by 1-3 spaces, a word boundary at its end.

    The boundary at its start is left to :func:`_alternation` (one lookbehind for all
    branches keeps the regex engine's first-character test).

    >>> re.fullmatch(_literal("в конце"), "в  конце") is not None
    True
    >>> _literal("Nov."), _literal("mid-")
    ('Nov\\\\.', 'mid\\\\-')
    """
    body = WS.join(re.escape(word) for word in form.split())
    tail = "\\w{0,12}(?!\\w)" if stem else ("(?!\\w)" if form[-1].isalnum() else "")
    guard = "".join(f"(?!{re.escape(x)})" for x in not_after)
    return body + tail + guard


def _alternation(
    forms: Iterable[str], *, stem: bool = False, not_after: Iterable[str] = (), suffix: bool = False
) -> str:
    """Non-capturing alternation of literal forms and their case variants, longest first.

    Forms that start with a letter or digit must start at a word boundary, unless they
    are ``suffix`` forms glued to what precedes them ("30th").

    >>> _alternation([])
    '(?!)'
    >>> re.fullmatch(_alternation(["вчера", "накануне"]), "Накануне") is not None
    True
    >>> re.search(_alternation(["-го", "ноября"]), "26-го аноября").group()
    '-го'
    >>> re.search(_alternation(["th"], suffix=True), "30th").group()
    'th'
    """
    variants = sorted({v for f in forms for v in _case_variants(f)}, key=lambda s: (-len(s), s))
    not_after = tuple(not_after)
    words = [_literal(v, stem=stem, not_after=not_after) for v in variants if v[0].isalnum() and not suffix]
    others = [_literal(v, stem=stem, not_after=not_after) for v in variants if not v[0].isalnum() or suffix]
    branches = (["(?<!\\w)(?:" + "|".join(words) + ")"] if words else []) + others
    return "(?:" + "|".join(branches) + ")" if branches else NEVER


def _prefix_alternation(forms: Iterable[str]) -> str:
    """Alternation of prefix words, each with its following spaces ("mid-" takes none).

    >>> re.match(_prefix_alternation(["mid-", "in"]), "mid-November").group()
    'mid-'
    """
    forms = list(forms)
    joined = [f for f in forms if f.endswith("-")]
    spaced = [f for f in forms if not f.endswith("-")]
    branches = [b for b in (_alternation(joined), _alternation(spaced) + WS) if not b.startswith(NEVER)]
    return "(?:" + "|".join(branches) + ")" if branches else NEVER


def _named(name: str, pattern: str) -> str:
    """A named group."""
    return f"(?P<{name}>{pattern})"


def _valid_day(year: int | None, month: int | None, day: int) -> bool:
    """Whether the day exists in that month (any leap year when the year is unknown).

    >>> _valid_day(None, 2, 29), _valid_day(2021, 2, 29), _valid_day(2020, 11, 31)
    (True, False, False)
    """
    if month is None or not 1 <= month <= 12:
        return False
    return 1 <= day <= calendar.monthrange(year or 2000, month)[1]


def _int(text: str | None) -> int | None:
    """Leading digits of a number token ("2025-го" -> 2025), None for no token.

    >>> _int("2025-го"), _int("30th"), _int(None)
    (2025, 30, None)
    """
    if text is None:
        return None
    digits = re.match(r"\d+", text)
    return int(digits.group()) if digits else None


def _expand_year(end: int, start: int) -> int:
    """A two-digit range end read against the start year.

    >>> _expand_year(26, 2024), _expand_year(2026, 2024), _expand_year(5, 1998)
    (2026, 2026, 2005)
    """
    if end >= 100:
        return end
    century = start - start % 100
    return century + end if century + end > start else century + 100 + end


def _spoken_year(two_digits: int, pivot: int = 50) -> int:
    """A spoken two-digit year ("на 26-й год") as a full year.

    >>> _spoken_year(26), _spoken_year(98)
    (2026, 1998)
    """
    return 2000 + two_digits if two_digits < pivot else 1900 + two_digits


def _mask_time_codes(text: str) -> str:
    """Replace time codes (``05:18``, ``10:00:05``) by NULs of the same length.

    >>> _mask_time_codes("05:3626 сентября в 10:00")
    '\\x00\\x00\\x00\\x00\\x0026 сентября в \\x00\\x00\\x00\\x00\\x00'
    """
    return TIME_CODE.sub(lambda m: "\0" * len(m.group()), text)


# --------------------------------------------------------------------------- grammar


class _Ctx(NamedTuple):
    """Where a match lives: the original text and the offset of the matched slice."""

    source: str
    base: int
    rule: str = ""  # the strategy being run


Builder = Callable[[re.Match, _Ctx], "DateExpression | None"]


class _Strategy(NamedTuple):
    name: str
    pattern: re.Pattern
    build: Builder


class _Grammar:
    """Patterns and lookups compiled from one lexicon; read-only after construction."""

    def __init__(self, lex: DateLexicon) -> None:
        self.lex = lex
        self.month_of = {_key(f): e.month for e in lex.months for f in e.forms}
        self.weekday_of = {_key(f): e.weekday for e in lex.weekdays for f in e.forms}
        self.direction_of = {_key(f): e.direction for e in lex.weekday_modifiers for f in e.forms}
        self.rel_day_of = {_key(f): e.offset for e in lex.relative_days for f in e.forms}
        self.ana_day_of = {_key(f): e.offset for e in lex.anaphoric_days for f in e.forms}
        self.rel_period_of = {_key(f): e for e in lex.relative_periods for f in e.forms}
        self.rel_year_of = {_key(f): e.offset for e in lex.relative_years for f in e.forms}
        self.frames = {_key(fr.start or ""): {_key(j) for j in fr.joiners} for fr in lex.range_frames}
        self.blocker = re.compile(f"(?:{_alternation(lex.blockers)}){WS}\\Z")
        self.prev_word = re.compile(r"(\w+)\W{1,4}\Z")
        self.dur = re.compile(_named("dur", self._duration_alt()))
        self.dur_start = re.compile(f"(?:{_alternation(lex.duration_starts)}){WS}\\Z")
        self.strategies = tuple(self._strategies())

    # ----- fragments

    def _duration_alt(self) -> str:
        return _alternation([f for e in self.lex.durations for f in e.forms], stem=self.lex.duration_stems)

    def month(self, name: str) -> str:
        return _named(name, _alternation(f for e in self.lex.months for f in e.forms))

    def day(self, name: str) -> str:
        suffix = f"(?:{_alternation(self.lex.day_suffixes, suffix=True)})?" if self.lex.day_suffixes else ""
        return f"{_named(name, DAY_NUM)}{suffix}(?!\\w)"

    def year(self, name: str, *, two_digits: bool = False) -> str:
        number = f"{YEAR_NUM}|\\d\\d" if two_digits else YEAR_NUM
        suffixes = self.lex.ordinal_year_suffixes
        suffix = f"(?:{_alternation(suffixes, suffix=True)})?" if suffixes else ""
        return f"{_named(name, number)}(?!\\d){suffix}(?!\\w)"

    def spoken(self, name: str) -> str:
        suffixes = self.lex.ordinal_year_suffixes
        return f"{_named(name, TWO_DIGITS)}{_alternation(suffixes, suffix=True)}(?!\\w)" if suffixes else NEVER

    def year_word(self, name: str = "yw") -> str:
        return _named(name, _alternation(self.lex.year_words))

    def rel_year(self, name: str = "ry") -> str:
        return _named(name, _alternation(f for e in self.lex.relative_years for f in e.forms))

    def prep_part(self, name: str = "pp", *, months: bool = True) -> str:
        preps = self.lex.month_prepositions if months else self.lex.year_prepositions
        return _named(name, _prefix_alternation([*preps, *self.lex.parts]))

    def starts(self, name: str = "st") -> str:
        return _named(name, _alternation(fr.start for fr in self.lex.range_frames if fr.start))

    def range_sep(self, name: str = "j") -> str:
        joiners = _alternation(j for fr in self.lex.range_frames for j in fr.joiners)
        return f"(?:{DASH_SEP}|{WS}{_named(name, joiners)}{WS})"

    def connector(self) -> str:
        conn = self.lex.day_month_connectors
        return f"(?:{_alternation(conn)}{WS})?" if conn else ""

    def weekday_prefix(self) -> str:
        preps = _alternation(self.lex.weekday_prepositions)
        days = _alternation(f for e in self.lex.weekdays for f in e.forms)
        return f"(?:(?:{preps}{WS})?{days},?{WS})?"

    def year_tail(self, y: str = "y", yw: str = "yw", ry: str = "ry") -> str:
        return f"(?:,?{WS}{self.year(y)}(?:{WS}{self.year_word(yw)})?|{WS}{self.rel_year(ry)})"

    # ----- strategies, in priority order

    def _strategies(self) -> Iterator[_Strategy]:
        for name, pattern, build, heads, enabled in self._table():
            if enabled:
                yield _Strategy(name, re.compile(self._head_guard(heads) + pattern), build)

    def _table(self) -> list[tuple[str, str, Builder, str, bool]]:
        """(name, pattern, builder, what a match can start with, enabled), in priority order."""
        lex = self.lex
        return [
            ("iso", self._p_iso(), self._b_iso, "digit", True),
            ("numeric", self._p_numeric(), self._b_numeric, "digit", True),
            ("day_range_dm", self._p_day_range_dm(), self._b_day_range, "start digit", True),
            ("day_range_md", self._p_day_range_md(), self._b_day_range, "start month", lex.month_day_order),
            ("day_month", self._p_day_month(), self._b_day, "weekday digit", True),
            ("month_day", self._p_month_day(), self._b_day, "weekday month", lex.month_day_order),
            ("period", self._p_period(), self._b_period, "period", bool(lex.period_prefixes)),
            ("period_noun", self._p_period_noun(), self._b_period_noun, "digit", bool(lex.period_nouns)),
            ("month_range", self._p_month_range(), self._b_month_range, "start prep month", True),
            ("year_range", self._p_year_range(), self._b_year_range, "start year_prep digit", True),
            ("month_year", self._p_month_year(), self._b_month, "prep month", True),
            ("month", self._p_month(), self._b_month, "prep", True),
            ("year", self._p_year(), self._b_year, "year_prep digit", bool(lex.year_words)),
            ("bare_year", self._p_bare_year(), self._b_year, "year_prep", lex.bare_year_after_preposition),
            ("ordinal_year", self._p_ordinal_year(), self._b_year, "year_prep", bool(lex.ordinal_year_suffixes)),
            ("spoken_year", self._p_spoken_year(), self._b_year, "year_prep digit", bool(lex.year_words)),
            ("relative_period", self._p_relative_period(), self._b_relative_period, "rel_period", True),
            ("relative_year", self._p_relative_year(), self._b_relative_year, "part rel_year", True),
            ("anaphoric_day", self._p_anaphoric_day(), self._b_anaphoric_day, "ana_day", bool(lex.anaphoric_days)),
            ("relative_day", self._p_relative_day(), self._b_relative_day, "rel_day", True),
            ("weekday", self._p_weekday(), self._b_weekday, "weekday", True),
        ]

    def _head_forms(self) -> dict[str, list[str]]:
        """The word lists a pattern may start with, by the names used in :meth:`_table`."""
        lex = self.lex
        weekdays = [f for e in lex.weekdays for f in e.forms]
        return {
            "digit": list("0123456789"),
            "start": [fr.start for fr in lex.range_frames if fr.start],
            "month": [f for e in lex.months for f in e.forms],
            "prep": [*lex.month_prepositions, *lex.parts],
            "year_prep": [*lex.year_prepositions, *lex.parts],
            "part": lex.parts,
            "weekday": [*lex.weekday_prepositions, *weekdays, *(f for e in lex.weekday_modifiers for f in e.forms)],
            "period": lex.period_prefixes,
            "rel_period": [f for e in lex.relative_periods for f in e.forms],
            "rel_year": [f for e in lex.relative_years for f in e.forms],
            "rel_day": [f for e in lex.relative_days for f in e.forms],
            "ana_day": [f for e in lex.anaphoric_days for f in e.forms],
        }

    def _head_guard(self, heads: str) -> str:
        """A lookahead on the first character a match can have: the regex engine then
        skips every other position cheaply (about 10x faster on ordinary text)."""
        forms = self._head_forms()
        chars = {v[0] for name in heads.split() for f in forms[name] for v in _case_variants(f)}
        return "(?=[" + "".join(sorted(re.escape(c) for c in chars)) + "])" if chars else NEVER

    def _p_iso(self) -> str:
        return f"{NUM_LEFT}(?P<y>\\d{{4}})-(?P<m>\\d\\d)-(?P<d>\\d\\d)(?![\\w{_DASHES}])"

    def _p_numeric(self) -> str:
        number = r"(?P<a>\d{1,2})(?P<sep>[./])(?P<b>\d{1,2})(?P=sep)(?P<y>\d{4})(?!\w|[.,/]\d)"
        return f"{NUM_LEFT}{number}(?:{WS}{self.year_word()})?"

    def _p_day_range_dm(self) -> str:
        first = f"{NUM_LEFT}{self.day('d1')}(?:{WS}{self.connector()}{self.month('m1')}(?:,?{WS}{self.year('y1')})?)?"
        second = f"{self.day('d2')}{WS}{self.connector()}{self.month('m2')}{self.year_tail('y2')}?"
        return f"(?:{self.starts()}{WS})?{first}{self.range_sep()}{second}"

    def _p_day_range_md(self) -> str:
        first = f"{self.month('m1')}{WS}{self.day('d1')}(?:,?{WS}{self.year('y1')})?"
        second = f"(?:{self.month('m2')}{WS})?{self.day('d2')}(?:,?{WS}{self.year('y2')}|{WS}{self.rel_year()})?"
        return f"(?:{self.starts()}{WS})?{first}{self.range_sep()}{second}"

    def _p_day_month(self) -> str:
        body = f"{NUM_LEFT}{self.day('d')}{WS}{self.connector()}{self.month('m')}{self.year_tail()}?"
        return self.weekday_prefix() + body

    def _p_month_day(self) -> str:
        body = f"{self.month('m')}{WS}{self.day('d')}(?:,?{WS}{self.year('y')}|{WS}{self.rel_year()})?"
        return self.weekday_prefix() + body

    def _p_period(self) -> str:
        lex = self.lex
        prefix = _named("pp", _alternation(lex.period_prefixes))
        filler = f"(?:{_named('fill', _alternation(lex.period_fillers))},?{WS})?" if lex.period_fillers else ""
        years = f"(?:{self.year('y1')}(?:{self.range_sep()}{self.year('y2', two_digits=True)})?|{self.spoken('sp')})"
        return f"{prefix}{WS}{filler}(?:{self.starts()}{WS})?{NUM_LEFT}{years}(?:{WS}{self.year_word()})?"

    def _p_period_noun(self) -> str:
        words = f"(?:[\\w{_DASHES}]{{1,30}}{WS}){{0,2}}"
        noun = f"(?={WS}{words}{_alternation(self.lex.period_nouns)})"
        return f"{NUM_LEFT}{self.year('y1')}{DASH_SEP}{self.year('y2', two_digits=True)}{noun}"

    def _p_month_range(self) -> str:
        head = f"(?:{self.starts()}{WS}|{self.prep_part()})?"
        return f"{head}{self.month('m1')}{self.range_sep()}{self.month('m2')}{self.year_tail()}?"

    def _p_year_range(self) -> str:
        head = f"(?:{self.starts()}{WS}|{self.prep_part(months=False)})?"
        tail = f"(?:{WS}{self.year_word()})?"
        return f"{head}{NUM_LEFT}{self.year('y1')}{self.range_sep()}{self.year('y2', two_digits=True)}{tail}"

    def _p_month_year(self) -> str:
        return f"{self.prep_part()}?{self.month('m')}{self.year_tail()}"

    def _p_month(self) -> str:
        return f"{self.prep_part()}{self.month('m')}"

    def _p_year(self) -> str:
        return f"{self.prep_part(months=False)}?{NUM_LEFT}{self.year('y')}{WS}{self.year_word()}"

    def _p_bare_year(self) -> str:
        return f"{self.prep_part(months=False)}{NUM_LEFT}{self.year('y')}(?!{OWS}(?:%|per{OWS}cent))"

    def _p_ordinal_year(self) -> str:
        suffix = _alternation(self.lex.ordinal_year_suffixes, suffix=True)
        return f"{self.prep_part(months=False)}{NUM_LEFT}{_named('y', YEAR_NUM)}{suffix}(?!\\w)"

    def _p_spoken_year(self) -> str:
        return f"{self.prep_part(months=False)}?{NUM_LEFT}{self.spoken('sp')}{WS}{self.year_word()}"

    def _p_relative_period(self) -> str:
        return _named("rp", _alternation(f for e in self.lex.relative_periods for f in e.forms))

    def _p_relative_year(self) -> str:
        return f"{_named('pp', _prefix_alternation(self.lex.parts))}?{self.rel_year()}"

    def _p_relative_day(self) -> str:
        forms = sorted(((f, e.exclude_after) for e in self.lex.relative_days for f in e.forms), key=lambda p: -len(p[0]))
        return _named("rd", "|".join(_alternation([f], not_after=x) for f, x in forms) or NEVER)

    def _p_anaphoric_day(self) -> str:
        forms = sorted((f for e in self.lex.anaphoric_days for f in e.forms), key=len, reverse=True)
        return _named("ad", _alternation(forms) if forms else NEVER)

    def _p_weekday(self) -> str:
        lex = self.lex
        prep = f"(?:{_named('wp', _alternation(lex.weekday_prepositions))}{WS})?"
        mod = f"(?:{_named('mod', _alternation(f for e in lex.weekday_modifiers for f in e.forms))}{WS})?"
        return f"{prep}{mod}{_named('wd', _alternation(f for e in lex.weekdays for f in e.forms))}"

    # ----- shared builder helpers

    def _make(self, m: re.Match, ctx: _Ctx, kind: str, rule: str = "", **fields: object) -> DateExpression:
        """An expression over the match; an empty ``rule`` is filled with the strategy's name."""
        start, end = ctx.base + m.start(), ctx.base + m.end()
        return DateExpression(start, end, ctx.source[start:end], kind, rule=rule or ctx.rule, **fields)

    def _void(self, m: re.Match, ctx: _Ctx) -> DateExpression:
        """A non-date over the match ("до 2030 года", "31 ноября"): it wins the overlap
        contest against the dates inside it ("2030 года"), then is dropped from the output."""
        return self._make(m, ctx, VOID)

    def _blocked(self, m: re.Match, ctx: _Ctx, *heads: str) -> bool:
        """True when no head group matched and a blocker ("до", "by") stands before."""
        if any(m.group(h) for h in heads if h in m.re.groupindex):
            return False
        pos = ctx.base + m.start()
        return bool(self.blocker.search(ctx.source, max(0, pos - BLOCK_WINDOW), pos))

    def _frame_ok(self, m: re.Match) -> bool:
        """The range joiner word, if any, belongs to the opener's frame."""
        joiner = m.groupdict().get("j")
        if joiner is None:
            return True
        opener = _key(m.groupdict().get("st") or "")
        return _key(joiner) in self.frames.get(opener, set())

    def _rel_year_fields(self, m: re.Match, name: str = "ry") -> dict[str, object]:
        rel = m.groupdict().get(name)
        return {"unit": "year", "offset": self.rel_year_of[_key(rel)]} if rel else {}

    def _month_num(self, text: str | None) -> int | None:
        return self.month_of[_key(text)] if text else None

    # ----- builders

    def _b_iso(self, m: re.Match, ctx: _Ctx) -> DateExpression | None:
        y, mo, d = int(m["y"]), int(m["m"]), int(m["d"])
        if not (1000 <= y <= 2999 and _valid_day(y, mo, d)):
            return self._void(m, ctx)
        return self._make(m, ctx, "date", year=y, month=mo, day=d)

    def _b_numeric(self, m: re.Match, ctx: _Ctx) -> DateExpression | None:
        a, b, y = int(m["a"]), int(m["b"]), int(m["y"])
        day, mo = (b, a) if m["sep"] == "/" and self.lex.slash_order == "mdy" else (a, b)
        if not (1000 <= y <= 2999 and _valid_day(y, mo, day)):
            return self._void(m, ctx)
        return self._make(m, ctx, "date", year=y, month=mo, day=day)

    def _b_day(self, m: re.Match, ctx: _Ctx) -> DateExpression | None:
        day, month, year = int(m["d"]), self._month_num(m["m"]), _int(m["y"])
        if not _valid_day(year, month, day):
            return self._void(m, ctx)
        fields = self._rel_year_fields(m)
        return self._make(m, ctx, "date", year=year, month=month, day=day, **fields)

    def _b_day_range(self, m: re.Match, ctx: _Ctx) -> DateExpression | None:
        m2 = self._month_num(m["m2"]) or self._month_num(m["m1"])
        m1 = self._month_num(m["m1"]) or m2
        d1, d2 = int(m["d1"]), int(m["d2"])
        y1, y2 = _range_years(_int(m["y1"]), _int(m["y2"]), (m1, d1), (m2, d2))
        if not self._frame_ok(m):
            return None
        if not _day_range_ok(m, (y1, m1, d1), (y2, m2, d2)):
            return self._void(m, ctx)
        fields = {"year": y1, "month": m1, "day": d1, "end_year": y2, "end_month": m2, "end_day": d2}
        return self._make(m, ctx, "range", **fields, **self._rel_year_fields(m))

    def _b_period(self, m: re.Match, ctx: _Ctx) -> DateExpression | None:
        years = self._years(m)
        if years is None or (self.lex.year_words and not m["yw"]) or not self._frame_ok(m):
            return None
        if self._scheduled(m, ctx):
            kind = "year" if years[0] == years[1] else "range"
            return self._make(m, ctx, kind, "scheduled_year", year=years[0], end_year=_if_range(years))
        return self._make(m, ctx, "period", is_period=True, period=years)

    def _years(self, m: re.Match) -> tuple[int, int] | None:
        """(first, last) year of a year or year-range match, None when backwards."""
        if m.groupdict().get("sp"):
            year = _spoken_year(int(m["sp"]))
            return year, year
        first = int(m["y1"])
        last = _expand_year(_int(m["y2"]), first) if m["y2"] else first
        return (first, last) if first <= last <= first + 100 else None

    def _scheduled(self, m: re.Match, ctx: _Ctx) -> bool:
        """The word before is one of "scheduled for", "перенесен на" (a date, not a period)."""
        pos = ctx.base + m.start()
        prev = self.prev_word.search(ctx.source, max(0, pos - 40), pos)
        word = prev.group(1).casefold() if prev else ""
        return any(word.startswith(stem.casefold()) for stem in self.lex.period_exclusions_before)

    def _b_period_noun(self, m: re.Match, ctx: _Ctx) -> DateExpression | None:
        years = self._years(m)
        if years is None or years[0] == years[1]:
            return None
        return self._make(m, ctx, "period", is_period=True, period=years)

    def _b_month_range(self, m: re.Match, ctx: _Ctx) -> DateExpression | None:
        m1, m2, year = self._month_num(m["m1"]), self._month_num(m["m2"]), _int(m["y"])
        anchored = m["st"] or m["pp"] or year or m["ry"]
        if m1 >= m2 or not anchored or not self._frame_ok(m):
            return None
        if self._blocked(m, ctx, "st", "pp"):
            return self._void(m, ctx)
        fields = {"year": year, "month": m1, "end_year": year, "end_month": m2}
        return self._make(m, ctx, "range", **fields, **self._rel_year_fields(m))

    def _b_year_range(self, m: re.Match, ctx: _Ctx) -> DateExpression | None:
        years = self._years(m)
        anchored = m["st"] or m["pp"] or m["yw"]
        if years is None or years[0] == years[1] or not anchored or not self._frame_ok(m):
            return None
        if self._blocked(m, ctx, "st", "pp"):
            return self._void(m, ctx)
        return self._make(m, ctx, "range", year=years[0], end_year=years[1])

    def _b_month(self, m: re.Match, ctx: _Ctx) -> DateExpression | None:
        if self._blocked(m, ctx, "pp"):
            return self._void(m, ctx)
        fields = {"year": _int(m.groupdict().get("y")), "month": self._month_num(m["m"])}
        return self._make(m, ctx, "month", **fields, **self._rel_year_fields(m))

    def _b_year(self, m: re.Match, ctx: _Ctx) -> DateExpression | None:
        if self._blocked(m, ctx, "pp"):
            return self._void(m, ctx)
        spoken = m.groupdict().get("sp")
        year = _spoken_year(int(spoken)) if spoken else int(m["y"])
        return self._make(m, ctx, "year", year=year)

    def _b_relative_period(self, m: re.Match, ctx: _Ctx) -> DateExpression | None:
        entry = self.rel_period_of[_key(m["rp"])]
        kind = "week" if entry.unit == "week" else "month"
        return self._make(m, ctx, kind, unit=entry.unit, offset=entry.offset, part=entry.part)

    def _b_relative_year(self, m: re.Match, ctx: _Ctx) -> DateExpression | None:
        if self._blocked(m, ctx, "pp"):
            return self._void(m, ctx)
        return self._make(m, ctx, "year", **self._rel_year_fields(m))

    def _b_relative_day(self, m: re.Match, ctx: _Ctx) -> DateExpression | None:
        offset = self.rel_day_of[_key(m["rd"])]
        return self._make(m, ctx, "relative", offset_days=offset)

    def _b_anaphoric_day(self, m: re.Match, ctx: _Ctx) -> DateExpression | None:
        return self._make(m, ctx, "anaphoric", offset_days=self.ana_day_of[_key(m["ad"])])

    def _b_weekday(self, m: re.Match, ctx: _Ctx) -> DateExpression | None:
        if not (self.lex.weekday_bare or m["wp"]):
            return None
        direction = self.direction_of[_key(m["mod"])] if m["mod"] else None
        weekday = self.weekday_of[_key(m["wd"])]
        return self._make(m, ctx, "weekday", weekday=weekday, direction=direction)

    # ----- durations: "a two-day visit from 18 June"

    def durations(self, found: Iterable[DateExpression], ctx: _Ctx, masked: str, lo: int, hi: int) -> list[DateExpression]:
        """One range per duration word followed by "from <date>" ("a two-day visit from 18 June")."""
        if not self.lex.durations:
            return []
        singles = sorted((e for e in found if e.kind in DURATION_STARTS), key=lambda e: e.start)
        starts = [e.start for e in singles]
        extra = (self._duration_range(m, ctx, singles, starts) for m in self.dur.finditer(masked, lo, hi))
        return [e for e in extra if e is not None]

    def _duration_range(self, m: re.Match, ctx: _Ctx, singles: list[DateExpression], starts: list[int]) -> DateExpression | None:
        begin, finish = ctx.base + m.start(), ctx.base + m.end()
        i = bisect_right(starts, finish)
        if i == len(singles) or singles[i].start - finish > 120:
            return None
        date = singles[i]
        between = ctx.source[finish:date.start]
        joined = self.dur_start.search(between) or len(between.split()) <= 2 and self.dur_start.search(date.text.split()[0] + " ")
        if _SENTENCE_BREAK.search(between) or not joined:
            return None
        days = self._duration_days(m["dur"])
        fields = {k: getattr(date, k) for k in ("year", "month", "day", "unit", "offset", "weekday", "direction", "offset_days")}
        text = ctx.source[begin:date.end]
        start_kind = None if date.kind == "date" else date.kind
        return DateExpression(begin, date.end, text, "range", duration_days=days, start_kind=start_kind, rule="duration", **fields)

    def _duration_days(self, word: str) -> int:
        key = _key(word)
        return next(e.days for e in self.lex.durations for f in e.forms if key.startswith(_key(f)))


DURATION_STARTS = ("date", "weekday", "relative")  # "two-day visit from 18 June / starting Monday / с завтрашнего дня"
_SENTENCE_BREAK = re.compile(r"[!?;\n]|\.\s+[A-ZА-ЯЁ]")


def _day_range_ok(m: re.Match, first: tuple, second: tuple) -> bool:
    """Both days exist and the range runs forward (across a new year only when both
    months are written: "30 декабря – 2 января", never "June 20-18")."""
    (y1, m1, d1), (y2, m2, d2) = first, second
    if not (_valid_day(y1, m1, d1) and _valid_day(y2, m2, d2)):
        return False
    if y1 is not None:
        return (y1, m1, d1) < (y2, m2, d2)
    one_month_written = m["m1"] is None or m["m2"] is None
    return (m1, d1) != (m2, d2) and not (one_month_written and d1 >= d2)


def _if_range(years: tuple[int, int]) -> int | None:
    """The end year when the years differ."""
    return years[1] if years[1] != years[0] else None


def _range_years(y1: int | None, y2: int | None, first: tuple, last: tuple) -> tuple[int | None, int | None]:
    """Fill in the missing year of a day range from the other end.

    >>> _range_years(None, 2021, (12, 30), (1, 2))
    (2020, 2021)
    >>> _range_years(2020, None, (11, 27), (11, 28))
    (2020, 2020)
    >>> _range_years(None, None, (11, 27), (11, 28))
    (None, None)
    """
    wraps = int(last < first)
    if y1 is None and y2 is not None:
        return y2 - wraps, y2
    if y2 is None and y1 is not None:
        return y1, y1 + wraps
    return y1, y2


# --------------------------------------------------------------------------- selection


def _select(candidates: Iterable[tuple[int, DateExpression]], lo: int, hi: int) -> list[DateExpression]:
    """Non-overlapping expressions: longest first, then by strategy priority, then leftmost.

    Linear in the total length of the candidates (an occupancy map of the slice).
    """
    taken = bytearray(hi - lo)
    chosen = []
    for _, expr in sorted(candidates, key=lambda c: (c[1].start - c[1].end, c[0], c[1].start)):
        a, b = expr.start - lo, expr.end - lo
        if taken.find(1, a, b) == -1:
            taken[a:b] = b"\x01" * (b - a)
            chosen.append(expr)
    return sorted(chosen, key=lambda e: e.start)


# --------------------------------------------------------------------------- extractor

_PLACE_WORD = r"(?:[A-ZА-ЯЁ][A-Za-zА-Яа-яЁё]{0,2}\.(?=[ ][A-ZА-ЯЁ])|[A-ZА-ЯЁ][\w'’\u2010-]{0,40})"
_PLACE = f"(?P<place>{_PLACE_WORD}(?:[ ]{_PLACE_WORD}){{0,3}})"
_PLACE_FIRST = re.compile(f"[ \\t]*{_PLACE}[ \\t]*[,.][ \\t]*")
_AFTER_DATE = re.compile("[ \\t]*[.,]?[ \\t]*(?:[/(]|--|[\\u2010-\\u2015]|-[ \\t]|[A-ZА-ЯЁ]{3,})")
_AFTER_PLACE = re.compile(f",[ \\t]*{_PLACE}[ \\t]*(?:[/(]|[.,][ \\t]*[/(]|--|[\\u2010-\\u2015])")
_DATE_ONLY_END = re.compile("[ \\t]*[.,]?[ \\t]*[/(]")
_DATE_LINE_END = re.compile(r"[ \t]*(?:,?[ \t]*\d{1,2}:\d{2}(?::\d{2})?)?[ \t]*(?:\n|\Z)")
_PLACE_ONLY = re.compile(
    f"[ \\t]*{_PLACE}(?:,[ \\t]*[A-ZА-ЯЁ][\\w .'’-]{{0,40}}?)?[ \\t]*[(/][\\w .&'’-]{{2,40}}[)/][ \\t]*(?:--|[-\\u2010-\\u2015])"
)
_DATELINE_REACH = 200


class DatesExtractor:
    """Finds date expressions with the grammars compiled from per-language lexicons.

    >>> ex = DatesExtractor.from_models()
    >>> [(e.text, resolve(e, dt.date(2020, 11, 26))) for e in ex.find("Встреча прошла 26 ноября.", "ru")]
    [('26 ноября', '2020-11-26')]
    """

    def __init__(self, lexicons: Mapping[str, DateLexicon]) -> None:
        self._grammars = MappingProxyType({lang: _Grammar(lex) for lang, lex in lexicons.items()})

    @classmethod
    def from_models(cls, langs: Iterable[str] = ("ru", "en"), root: Path | None = None) -> "DatesExtractor":
        """An extractor with the lexicons of ``langs`` (from ``root``, else the packaged ``models/``)."""
        return cls({lang: load_date_lexicon(lang, root=root) for lang in langs})

    @property
    def langs(self) -> tuple[str, ...]:
        return tuple(self._grammars)

    def eve_words(self, lang: str) -> list[str]:
        """The words of ``lang`` that mean "on the eve of" before an event noun."""
        return list(self._grammar(lang).lex.eve_of)

    def _grammar(self, lang: str) -> _Grammar:
        if lang not in self._grammars:
            raise InputError(f"E022 no date lexicon for language {lang!r} (loaded: {', '.join(self._grammars)})")
        return self._grammars[lang]

    def _checked(self, text: str, lang: str) -> _Grammar:
        """The grammar of ``lang``, after checking the arguments."""
        if not isinstance(text, str):
            raise InputError(f"E020 text must be a str, got {type(text).__name__}")
        return self._grammar(lang)

    def find(self, text: str, lang: str, start: int = 0, end: int | None = None) -> list[DateExpression]:
        """All date expressions in ``text[start:end]``, offsets into the full ``text``."""
        grammar = self._checked(text, lang)
        start, end = max(0, start), len(text) if end is None else min(end, len(text))
        if start >= end:
            return []
        base = max(0, start - BLOCK_WINDOW)
        masked = _mask_time_codes(text[base:end])
        ctx, lo, hi = _Ctx(text, base), start - base, end - base
        found = list(_candidates(grammar, masked, ctx, lo, hi))
        found += [(-1, e) for e in grammar.durations((e for _, e in found), ctx, masked, lo, hi)]
        return [e for e in _select(found, start, end) if e.kind != VOID]

    def find_dateline(self, text: str, lang: str, *, max_lines: int = 8) -> Dateline | None:
        """The dateline at the start of one of the first ``max_lines`` non-blank lines."""
        self._checked(text, lang)
        for line_start in _line_starts(text, max_lines):
            found = next(self._datelines_at(text, lang, line_start), None)
            if found is not None:
                return found
        return None

    def _datelines_at(self, text: str, lang: str, pos: int) -> Iterator[Dateline]:
        """Dateline styles tried in order at one line start."""
        reach = min(len(text), pos + _DATELINE_REACH)
        for style in (self._place_first, self._date_first, _place_only, self._date_line):
            found = style(text, lang, pos, reach)
            if found is not None:
                yield found

    def _first_date(self, text: str, lang: str, pos: int, reach: int) -> DateExpression | None:
        """The day-precision date starting exactly at ``pos`` (after spaces)."""
        pos += len(text[pos:reach]) - len(text[pos:reach].lstrip(" \t"))
        exprs = self.find(text, lang, pos, reach)
        first = exprs[0] if exprs else None
        return first if first is not None and first.start == pos and first.kind == "date" else None

    def _place_first(self, text: str, lang: str, pos: int, reach: int) -> Dateline | None:
        """"МОСКВА, 25 ноября. /ТАСС/.", "MINSK. October 30. KAZINFORM"."""
        head = _PLACE_FIRST.match(text, pos, reach)
        date = self._first_date(text, lang, head.end(), reach) if head else None
        if date is None or not _AFTER_DATE.match(text, date.end, reach):
            return None
        return _dateline(text, date, _span(text, head, "place"))

    def _date_first(self, text: str, lang: str, pos: int, reach: int) -> Dateline | None:
        """"26 ноября, Минск /Корр. БЕЛТА/.", or "26 ноября /БЕЛТА/" with no place."""
        date = self._first_date(text, lang, pos, reach)
        if date is None:
            return None
        place = _AFTER_PLACE.match(text, date.end, reach)
        if place is None and not _DATE_ONLY_END.match(text, date.end, reach):
            return None
        return _dateline(text, date, _span(text, place, "place") if place else None)


    def _date_line(self, text: str, lang: str, pos: int, reach: int) -> Dateline | None:
        """A line that holds only a full date, maybe with a time: "February 10, 2025,
        18:30", "APRIL 02, 2024" (release pages), with no place."""
        date = self._first_date(text, lang, pos, reach)
        if date is None or date.year is None or not _DATE_LINE_END.match(text, date.end):
            return None
        return _dateline(text, date, None)


def _place_only(text: str, lang: str, pos: int, reach: int) -> Dateline | None:
    """"RIYADH, Saudi Arabia (AP) —": a place and an agency, no date."""
    m = _PLACE_ONLY.match(text, pos, reach)
    return _dateline(text, None, _span(text, m, "place")) if m else None


def _span(text: str, m: re.Match, group: str) -> Span:
    return Span(m.start(group), m.end(group), text[m.start(group):m.end(group)])


def _dateline(text: str, date: DateExpression | None, place: Span | None) -> Dateline:
    parts = [p for p in (date, place) if p is not None]
    start, end = min(p.start for p in parts), max(p.end for p in parts)
    return Dateline(date, place, start, end, text[start:end])


def _line_starts(text: str, max_lines: int) -> Iterator[int]:
    """Offsets of the first ``max_lines`` non-blank lines.

    >>> list(_line_starts("a\\n\\n  \\nb\\nc", 2))
    [0, 6]
    """
    pos, seen = 0, 0
    while pos <= len(text) and seen < max_lines:
        nl = text.find("\n", pos)
        nl = len(text) if nl == -1 else nl
        if text[pos:nl].strip():
            seen += 1
            yield pos
        pos = nl + 1


def _candidates(grammar: _Grammar, masked: str, ctx: _Ctx, lo: int, hi: int) -> Iterator[tuple[int, DateExpression]]:
    """(priority, expression) of every strategy match in ``masked[lo:hi]``."""
    for priority, strategy in enumerate(grammar.strategies):
        named = ctx._replace(rule=strategy.name)
        for m in strategy.pattern.finditer(masked, lo, hi):
            expr = strategy.build(m, named)
            if expr is not None:
                yield priority, expr


# --------------------------------------------------------------------------- resolution


class _Anchor(NamedTuple):
    """The reference day; ``year_known`` is False for a dateline with no year."""

    day: dt.date
    year_known: bool


def _as_anchor(anchor: dt.date | DateExpression | None) -> _Anchor | None:
    """A published date, or a dateline's day-month (year possibly unknown).

    >>> _as_anchor(dt.date(2020, 11, 26))
    _Anchor(day=datetime.date(2020, 11, 26), year_known=True)
    >>> _as_anchor(DateExpression(0, 0, "", "date", month=2, day=29)).day
    datetime.date(2000, 2, 29)
    """
    if anchor is None or isinstance(anchor, dt.date):
        return None if anchor is None else _Anchor(anchor, True)
    if anchor.kind != "date" or anchor.month is None or anchor.day is None or anchor.unit:
        return None
    year = anchor.year or (2000 if (anchor.month, anchor.day) == (2, 29) else 2001)
    return _Anchor(dt.date(year, anchor.month, anchor.day), anchor.year is not None)


def _iso(year: int | None, month: int | None = None, day: int | None = None) -> str:
    """ISO 8601 with the given precision; an unknown year is ``XXXX``.

    >>> _iso(2020, 11, 26), _iso(None, 10), _iso(2025)
    ('2020-11-26', 'XXXX-10', '2025')
    """
    parts = ["XXXX" if year is None else f"{year:04d}"]
    parts += [f"{n:02d}" for n in (month, day) if n is not None]
    return "-".join(parts)


def _iso_day(day: dt.date, year_known: bool) -> str:
    return _iso(day.year if year_known else None, day.month, day.day)


def _nearest_year(anchor: dt.date, month: int, day: int | None, future: bool) -> int:
    """The year of the nearest such month (or day) not after (not before) the anchor.

    >>> a = dt.date(2025, 2, 20)
    >>> _nearest_year(a, 11, 26, False), _nearest_year(a, 11, 26, True), _nearest_year(a, 2, None, False)
    (2024, 2025, 2025)
    >>> _nearest_year(dt.date(2025, 3, 1), 2, 29, False)
    2024
    """
    step = 1 if future else -1
    here = (anchor.month, anchor.day) if day else (anchor.month,)
    there = (month, day) if day else (month,)
    for year in range(anchor.year, anchor.year + 9 * step, step):
        side = (year, *there) >= (anchor.year, *here) if future else (year, *there) <= (anchor.year, *here)
        if side and _valid_day(year, month, day or 1):
            return year
    return anchor.year


def _year_for(expr: DateExpression, anchor: _Anchor | None, future: bool, day: int | None) -> int | None:
    """The year of a day or month expression: as written, relative, or nearest."""
    if expr.year is not None:
        return expr.year
    if anchor is None or not anchor.year_known:
        return None
    if expr.unit == "year":
        return anchor.day.year + (expr.offset or 0)
    return _nearest_year(anchor.day, expr.month, day, future)


def _resolve_date(expr: DateExpression, anchor: _Anchor | None, future: bool) -> str | None:
    return _iso(_year_for(expr, anchor, future, expr.day), expr.month, expr.day)


def _resolve_month(expr: DateExpression, anchor: _Anchor | None, future: bool) -> str | None:
    if expr.month is not None:
        return _iso(_year_for(expr, anchor, future, None), expr.month)
    if anchor is None:
        return None
    index = anchor.day.year * 12 + anchor.day.month - 1 + (expr.offset or 0)
    return _iso(index // 12 if anchor.year_known else None, index % 12 + 1)


def _resolve_year(expr: DateExpression, anchor: _Anchor | None, future: bool) -> str | None:
    if expr.year is not None:
        return _iso(expr.year)
    if anchor is None or not anchor.year_known:
        return None
    return _iso(anchor.day.year + (expr.offset or 0))


def _resolve_relative(expr: DateExpression, anchor: _Anchor | None, future: bool) -> str | None:
    if anchor is None:
        return None
    return _iso_day(anchor.day + dt.timedelta(days=expr.offset_days or 0), anchor.year_known)


def _weekday_delta(anchor: dt.date, weekday: int, direction: int | None, future: bool) -> int:
    """Days from the anchor to the weekday meant.

    >>> wed = dt.date(2025, 11, 26)
    >>> _weekday_delta(wed, 2, None, False), _weekday_delta(wed, 2, -1, False), _weekday_delta(wed, 0, None, True)
    (0, -7, 5)
    >>> _weekday_delta(wed, 4, 0, False)
    2
    """
    back, ahead = (anchor.weekday() - weekday) % 7, (weekday - anchor.weekday()) % 7
    by_direction = {-1: -(back or 7), 1: ahead or 7, 0: weekday - anchor.weekday()}
    if direction is not None:
        return by_direction[direction]
    return ahead if future else -back


def _resolve_weekday(expr: DateExpression, anchor: _Anchor | None, future: bool) -> str | None:
    if anchor is None or not anchor.year_known:
        return None
    delta = _weekday_delta(anchor.day, expr.weekday or 0, expr.direction, future)
    return (anchor.day + dt.timedelta(days=delta)).isoformat()


def _week_bounds(anchor: dt.date, offset: int, part: str | None) -> tuple[dt.date, dt.date]:
    """Monday-Sunday of the week ``offset`` weeks from the anchor's, cut at the anchor.

    >>> thu = dt.date(2025, 2, 20)
    >>> [d.isoformat() for d in _week_bounds(thu, -1, None)]
    ['2025-02-10', '2025-02-16']
    >>> [d.isoformat() for d in _week_bounds(thu, 0, "before_anchor")]
    ['2025-02-17', '2025-02-19']
    """
    monday = anchor - dt.timedelta(days=anchor.weekday()) + dt.timedelta(weeks=offset)
    sunday = monday + dt.timedelta(days=6)
    one = dt.timedelta(days=1)
    cuts = {"before_anchor": (monday, anchor - one), "after_anchor": (anchor + one, sunday)}
    return cuts.get(part or "", (monday, sunday))


def _resolve_week(expr: DateExpression, anchor: _Anchor | None, future: bool) -> str | None:
    if anchor is None or not anchor.year_known:
        return None
    first, last = _week_bounds(anchor.day, expr.offset or 0, expr.part)
    if last < first:
        return None
    return first.isoformat() if first == last else f"{first.isoformat()}/{last.isoformat()}"


def _resolve_range(expr: DateExpression, anchor: _Anchor | None, future: bool) -> str | None:
    if expr.duration_days:
        return _resolve_duration(expr, anchor, future)
    if expr.day is not None:
        return _resolve_day_range(expr, anchor, future)
    if expr.month is not None:
        return _resolve_month_range(expr, anchor, future)
    return f"{_iso(expr.year)}/{_iso(expr.end_year)}"


def _range_start_year(expr: DateExpression, anchor: _Anchor | None, future: bool, wraps: int) -> int | None:
    """Start year of a day or month range written without its year."""
    if expr.year is not None:
        return expr.year
    if future and anchor is not None and anchor.year_known and expr.unit != "year":
        end = replace(expr, month=expr.end_month, day=expr.end_day)
        return _year_for(end, anchor, True, expr.end_day) - wraps
    start = _year_for(expr, anchor, future, expr.day)
    return None if start is None else start - (wraps if expr.unit == "year" else 0)


def _resolve_day_range(expr: DateExpression, anchor: _Anchor | None, future: bool) -> str | None:
    wraps = int((expr.end_month, expr.end_day) < (expr.month, expr.day))
    year = _range_start_year(expr, anchor, future, wraps)
    end_year = None if year is None else year + wraps
    return f"{_iso(year, expr.month, expr.day)}/{_iso(end_year, expr.end_month, expr.end_day)}"


def _resolve_month_range(expr: DateExpression, anchor: _Anchor | None, future: bool) -> str | None:
    year = _range_start_year(replace(expr, day=None), anchor, future, 0)
    return f"{_iso(year, expr.month)}/{_iso(year, expr.end_month)}"


def _resolve_duration(expr: DateExpression, anchor: _Anchor | None, future: bool) -> str | None:
    if expr.start_kind is not None:  # "a two-day visit starting Monday"
        begin = _RESOLVERS[expr.start_kind](replace(expr, kind=expr.start_kind, duration_days=None), anchor, future)
        return _shift_range(begin, expr.duration_days or 1)
    year = _year_for(expr, anchor, future, expr.day)
    reference = year or (2000 if (expr.month, expr.day) == (2, 29) else 2001)
    first = dt.date(reference, expr.month, expr.day)
    last = first + dt.timedelta(days=(expr.duration_days or 1) - 1)
    known = year is not None
    return f"{_iso_day(first, known)}/{_iso_day(last, known)}"


def _shift_range(begin: str | None, days: int) -> str | None:
    """``begin`` (an ISO day, maybe ``XXXX-``) to a range of ``days`` days.

    >>> _shift_range("2024-05-13", 2), _shift_range("XXXX-05-31", 2)
    ('2024-05-13/2024-05-14', 'XXXX-05-31/XXXX-06-01')
    """
    if begin is None or len(begin) != 10:
        return begin
    known = not begin.startswith("X")
    first = dt.date.fromisoformat(begin if known else "2001" + begin[4:])
    last = first + dt.timedelta(days=days - 1)
    return f"{_iso_day(first, known)}/{_iso_day(last, known)}"


def _resolve_period(expr: DateExpression, anchor: _Anchor | None, future: bool) -> str | None:
    return None


_Resolver = Callable[[DateExpression, "_Anchor | None", bool], "str | None"]

_RESOLVERS: Mapping[str, _Resolver] = MappingProxyType({
    "date": _resolve_date,
    "range": _resolve_range,
    "month": _resolve_month,
    "year": _resolve_year,
    "relative": _resolve_relative,
    "anaphoric": _resolve_relative,  # the anchor is the antecedent date (see assembly.DateResolver)
    "weekday": _resolve_weekday,
    "week": _resolve_week,
    "period": _resolve_period,
})


def resolve(expr: DateExpression, anchor: dt.date | DateExpression | None, *, future: bool = False) -> str | None:
    """The ISO 8601 value of an expression, per the annotation guide.

    ``anchor`` is the published date, or a dateline's expression (whose year may be
    unknown: relative days then resolve to ``XXXX-MM-DD``). ``future`` picks the
    nearest matching day or month not before the anchor instead of not after it.
    Document periods give ``None`` (their years are in ``expr.period``).

    >>> e = DateExpression(0, 9, "26 ноября", "date", month=11, day=26)
    >>> resolve(e, dt.date(2020, 11, 26)), resolve(e, dt.date(2021, 3, 1), future=True), resolve(e, None)
    ('2020-11-26', '2021-11-26', 'XXXX-11-26')
    >>> resolve(DateExpression(0, 5, "вчера", "relative", offset_days=-1), None) is None
    True
    """
    if expr.is_period:
        return None
    resolver = _RESOLVERS.get(expr.kind)
    if resolver is None:
        raise InputError(f"E023 unknown date expression kind {expr.kind!r} (known: {', '.join(_RESOLVERS)})")
    return resolver(expr, _as_anchor(anchor), future)
