"""The grammar: an ordered list of regex strategies compiled from a lexicon, each
match turned into an expression by a small builder; overlapping candidates settled
longest first."""
from __future__ import annotations

import calendar
import re
from bisect import bisect_right
from dataclasses import replace
from collections.abc import Callable, Iterable, Iterator
from typing import NamedTuple

from .expression import DateExpression
from .lexicon import DateLexicon, _key


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
    heads: frozenset[str] = frozenset()  # the characters a match can start with (its pattern's head guard)


class _Grammar:
    """Patterns and lookups compiled from one lexicon; read-only after construction."""

    def __init__(self, lex: DateLexicon, compile: Callable[[str], re.Pattern] = re.compile) -> None:  # noqa: A002
        self.lex = lex
        self._compile = compile  # re.compile, or one that keeps/reuses compiled programs (regex_programs.py)
        self.month_of = {_key(f): e.month for e in lex.months for f in e.forms}
        self.weekday_of = {_key(f): e.weekday for e in lex.weekdays for f in e.forms}
        self.direction_of = {_key(f): e.direction for e in lex.weekday_modifiers for f in e.forms}
        self.month_direction_of = {_key(f): e.direction for e in lex.month_modifiers for f in e.forms}
        self.rel_day_of = {_key(f): e.offset for e in lex.relative_days for f in e.forms}
        self.ana_day_of = {_key(f): e.offset for e in lex.anaphoric_days for f in e.forms}
        self.rel_period_of = {_key(f): e for e in lex.relative_periods for f in e.forms}
        self.rel_year_of = {_key(f): e.offset for e in lex.relative_years for f in e.forms}
        self.frames = {_key(fr.start or ""): {_key(j) for j in fr.joiners} for fr in lex.range_frames}
        self.blocker = self._compile(f"(?:{_alternation(lex.blockers)}){WS}\\Z")
        self.prev_word = self._compile(r"(\w+)\W{1,4}\Z")
        self.dur = self._compile(_named("dur", self._duration_alt()))
        self.dur_start = self._compile(f"(?:{_alternation(lex.duration_starts)}){WS}\\Z")
        days = _alternation(f for e in lex.weekdays for f in e.forms)
        links = _alternation(lex.weekday_range_links)
        self.wd_range = self._compile(f"{OWS}(?:{links}){OWS}{_named('wd2', days)}\\b") if lex.weekday_range_links else None
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
                yield _Strategy(name, self._compile(self._head_guard(heads) + pattern), build, self._head_chars(heads))

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
            ("modified_month", self._p_modified_month(), self._b_modified_month, "month_mod", bool(lex.month_modifiers)),
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
            "month_mod": [f for e in lex.month_modifiers for f in e.forms],
            "period": lex.period_prefixes,
            "rel_period": [f for e in lex.relative_periods for f in e.forms],
            "rel_year": [f for e in lex.relative_years for f in e.forms],
            "rel_day": [f for e in lex.relative_days for f in e.forms],
            "ana_day": [f for e in lex.anaphoric_days for f in e.forms],
        }

    def _head_chars(self, heads: str) -> frozenset[str]:
        """The first characters a match can have, from the word lists named in ``heads``."""
        forms = self._head_forms()
        return frozenset(v[0] for name in heads.split() for f in forms[name] for v in _case_variants(f))

    def _head_guard(self, heads: str) -> str:
        """A lookahead on the first character a match can have: the regex engine then
        skips every other position cheaply (about 10x faster on ordinary text)."""
        chars = self._head_chars(heads)
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

    def _p_modified_month(self) -> str:
        mod = _named("mmod", _alternation(f for e in self.lex.month_modifiers for f in e.forms))
        return f"{mod}{WS}{self.month('m')}"

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

    def _b_modified_month(self, m: re.Match, ctx: _Ctx) -> DateExpression | None:
        """"last October", "next March": a month with no year, the direction telling
        which of its years."""
        return self._make(m, ctx, "month", month=self._month_num(m["m"]), direction=self.month_direction_of[_key(m["mmod"])])

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

    # ----- weekday ranges: "from Tuesday to Thursday", "в четверг и пятницу"

    def weekday_ranges(self, found: Iterable[DateExpression], ctx: _Ctx) -> list[DateExpression]:
        """A weekday joined to the next by a range link is one range of days, from the
        first to the second (resolved as a duration that starts on the first)."""
        if self.wd_range is None:
            return []
        out = []
        for first in (e for e in found if e.kind == "weekday"):
            m = self.wd_range.match(ctx.source, first.end)
            if m is None:
                continue
            days = (self.weekday_of[_key(m["wd2"])] - (first.weekday or 0)) % 7 + 1
            if days > 1:
                out.append(replace(first, end=m.end(), text=ctx.source[first.start : m.end()], kind="range", duration_days=days,
                                   start_kind="weekday", rule="weekday_range"))
        return out

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


def _candidates(grammar: _Grammar, masked: str, ctx: _Ctx, lo: int, hi: int) -> Iterator[tuple[int, DateExpression]]:
    """(priority, expression) of every strategy match in ``masked[lo:hi]``; a strategy
    none of whose head characters occurs there is not run (its head guard would fail
    at every position)."""
    present = frozenset(masked[lo:hi])
    for priority, strategy in enumerate(grammar.strategies):
        if strategy.heads.isdisjoint(present):
            continue
        named = None
        for m in strategy.pattern.finditer(masked, lo, hi):
            named = named or _Ctx(ctx.source, ctx.base, strategy.name)
            expr = strategy.build(m, named)
            if expr is not None:
                yield priority, expr
