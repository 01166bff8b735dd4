"""Resolution: an expression to the ISO 8601 value of the annotation guide, against
an anchor (the published date, or a dateline's date whose year may be unknown).

Resolution is total: it never raises for a day out of the calendar. Every day is
built or moved by :mod:`.days`, and a value whose day would fall outside 0001-01-01
to 9999-12-31, or does not exist (30 February), is ``None``; so is every range with
such an end. An anchor that is no real day (a dateline of 30 February) counts as no
anchor."""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import replace
from types import MappingProxyType
from typing import NamedTuple

from ..errors import InputError
from .days import safe_date, shift
from .expression import DateExpression
from .grammar import _valid_day


class _Anchor(NamedTuple):
    """The reference day; ``year_known`` is False for a dateline with no year."""

    day: dt.date
    year_known: bool


def _reference_year(month: int | None, day: int | None) -> int:
    """The year that stands for an unknown one: a leap year only for 29 February.

    >>> _reference_year(2, 29), _reference_year(2, 28)
    (2000, 2001)
    """
    return 2000 if (month, day) == (2, 29) else 2001


def _as_anchor(anchor: dt.date | DateExpression | None) -> _Anchor | None:
    """A published date, or a dateline's day-month (year possibly unknown); a
    dateline that is no real day is no anchor.

    >>> _as_anchor(dt.date(2020, 11, 26))
    _Anchor(day=datetime.date(2020, 11, 26), year_known=True)
    >>> _as_anchor(DateExpression(0, 0, "", "date", month=2, day=29)).day
    datetime.date(2000, 2, 29)
    >>> _as_anchor(DateExpression(0, 0, "", "date", year=2021, month=2, day=29)) is None
    True
    """
    if anchor is None or isinstance(anchor, dt.date):
        return None if anchor is None else _Anchor(anchor, True)
    if anchor.kind != "date" or anchor.month is None or anchor.day is None or anchor.unit:
        return None
    year = _reference_year(anchor.month, anchor.day) if anchor.year is None else anchor.year
    day = safe_date(year, anchor.month, anchor.day)
    return None if day is None else _Anchor(day, anchor.year is not None)


def _iso(year: int | None, month: int | None = None, day: int | None = None) -> str | None:
    """ISO 8601 with the given precision; an unknown year is ``XXXX``; ``None`` when
    no such day (month, year) is in the calendar.

    >>> _iso(2020, 11, 26), _iso(None, 10), _iso(2025), _iso(None, 2, 29)
    ('2020-11-26', 'XXXX-10', '2025', 'XXXX-02-29')
    >>> _iso(10000), _iso(0, 12), _iso(2023, 2, 29), _iso(None, 13), _iso(None, 4, 31)
    (None, None, None, None, None)
    """
    known = _reference_year(month, day) if year is None else year
    if safe_date(known, 1 if month is None else month, 1 if day is None else day) is None:
        return None
    parts = ["XXXX" if year is None else f"{year:04d}"]
    parts += [f"{n:02d}" for n in (month, day) if n is not None]
    return "-".join(parts)


def _iso_day(day: dt.date | None, year_known: bool) -> str | None:
    return None if day is None else _iso(day.year if year_known else None, day.month, day.day)


def _join(first: str | None, last: str | None) -> str | None:
    """A range ``first/last``; no range when either end is no date.

    >>> _join("2024-12-30", "2025-01-02"), _join("9999-12-30", None)
    ('2024-12-30/2025-01-02', None)
    """
    return None if first is None or last is None else f"{first}/{last}"


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
    if expr.month is not None and expr.direction is not None:
        return _directed_month(expr.month, expr.direction, anchor)
    if expr.month is not None:
        return _iso(_year_for(expr, anchor, future, None), expr.month)
    if anchor is None:
        return None
    index = anchor.day.year * 12 + anchor.day.month - 1 + (expr.offset or 0)
    return _iso(index // 12 if anchor.year_known else None, index % 12 + 1)


def _directed_month(month: int, direction: int, anchor: _Anchor | None) -> str | None:
    """"last October" (the latest before the anchor's month), "next March" (the first
    after it), "this June" (the anchor's year).

    >>> import datetime as dt
    >>> a = _Anchor(dt.date(2024, 11, 20), True)
    >>> _directed_month(10, -1, a), _directed_month(11, -1, a), _directed_month(3, 1, a), _directed_month(6, 0, a)
    ('2024-10', '2023-11', '2025-03', '2024-06')
    """
    if anchor is None or not anchor.year_known:
        return _iso(None, month)
    year = anchor.day.year
    if direction < 0:
        year -= month >= anchor.day.month
    elif direction > 0:
        year += month <= anchor.day.month
    return _iso(year, month)


def _resolve_year(expr: DateExpression, anchor: _Anchor | None, future: bool) -> str | None:
    if expr.year is not None:
        return _iso(expr.year)
    if anchor is None or not anchor.year_known:
        return None
    return _iso(anchor.day.year + (expr.offset or 0))


def _resolve_relative(expr: DateExpression, anchor: _Anchor | None, future: bool) -> str | None:
    if anchor is None:
        return None
    return _iso_day(shift(anchor.day, expr.offset_days or 0), anchor.year_known)


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
    return _iso_day(shift(anchor.day, delta), True)


def _week_bounds(anchor: dt.date, offset: int, part: str | None) -> tuple[dt.date | None, dt.date | None]:
    """Monday-Sunday of the week ``offset`` weeks from the anchor's, cut at the anchor;
    a bound out of the calendar is ``None``.

    >>> thu = dt.date(2025, 2, 20)
    >>> [d.isoformat() for d in _week_bounds(thu, -1, None)]
    ['2025-02-10', '2025-02-16']
    >>> [d.isoformat() for d in _week_bounds(thu, 0, "before_anchor")]
    ['2025-02-17', '2025-02-19']
    >>> _week_bounds(dt.date.max, 0, None), _week_bounds(dt.date.max, 0, "before_anchor")
    ((datetime.date(9999, 12, 27), None), (datetime.date(9999, 12, 27), datetime.date(9999, 12, 30)))
    """
    monday = shift(anchor, -anchor.weekday(), weeks=offset)
    sunday = shift(monday, 6)
    cuts = {"before_anchor": (monday, shift(anchor, -1)), "after_anchor": (shift(anchor, 1), sunday)}
    return cuts.get(part or "", (monday, sunday))


def _resolve_week(expr: DateExpression, anchor: _Anchor | None, future: bool) -> str | None:
    if anchor is None or not anchor.year_known:
        return None
    first, last = _week_bounds(anchor.day, expr.offset or 0, expr.part)
    if first is None or last is None or last < first:
        return None
    return first.isoformat() if first == last else f"{first.isoformat()}/{last.isoformat()}"


def _resolve_range(expr: DateExpression, anchor: _Anchor | None, future: bool) -> str | None:
    if expr.duration_days:
        return _resolve_duration(expr, anchor, future)
    if expr.day is not None:
        return _resolve_day_range(expr, anchor, future)
    if expr.month is not None:
        return _resolve_month_range(expr, anchor, future)
    return _join(_iso(expr.year), _iso(expr.end_year))


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
    return _join(_iso(year, expr.month, expr.day), _iso(end_year, expr.end_month, expr.end_day))


def _resolve_month_range(expr: DateExpression, anchor: _Anchor | None, future: bool) -> str | None:
    year = _range_start_year(replace(expr, day=None), anchor, future, 0)
    return _join(_iso(year, expr.month), _iso(year, expr.end_month))


def _resolve_duration(expr: DateExpression, anchor: _Anchor | None, future: bool) -> str | None:
    if expr.start_kind is not None:  # "a two-day visit starting Monday"
        begin = _RESOLVERS[expr.start_kind](replace(expr, kind=expr.start_kind, duration_days=None), anchor, future)
        return _shift_range(begin, expr.duration_days or 1)
    year = _year_for(expr, anchor, future, expr.day)
    first = safe_date(_reference_year(expr.month, expr.day) if year is None else year, expr.month, expr.day)
    return _days_from(first, expr.duration_days or 1, year is not None)


def _days_from(first: dt.date | None, days: int, year_known: bool) -> str | None:
    """The range of ``days`` days from ``first``; none when an end is out of the calendar.

    >>> _days_from(dt.date(2024, 12, 31), 2, False), _days_from(dt.date.max, 2, True)
    ('XXXX-12-31/XXXX-01-01', None)
    """
    return _join(_iso_day(first, year_known), _iso_day(shift(first, days - 1), year_known))


def _shift_range(begin: str | None, days: int) -> str | None:
    """``begin`` (an ISO day, maybe ``XXXX-``) to a range of ``days`` days.

    >>> _shift_range("2024-05-13", 2), _shift_range("XXXX-05-31", 2), _shift_range("XXXX-02-29", 2)
    ('2024-05-13/2024-05-14', 'XXXX-05-31/XXXX-06-01', 'XXXX-02-29/XXXX-03-01')
    >>> _shift_range("9999-12-31", 2) is None
    True
    """
    if begin is None or len(begin) != 10:
        return begin
    known = not begin.startswith("X")
    year, month, day = begin.split("-")
    first = safe_date(int(year) if known else _reference_year(int(month), int(day)), int(month), int(day))
    return _days_from(first, days, known)


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
    Document periods give ``None`` (their years are in ``expr.period``), and so does a
    value out of the calendar (see the module's docstring): it never raises for a day.

    >>> e = DateExpression(0, 9, "26 ноября", "date", month=11, day=26)
    >>> resolve(e, dt.date(2020, 11, 26)), resolve(e, dt.date(2021, 3, 1), future=True), resolve(e, None)
    ('2020-11-26', '2021-11-26', 'XXXX-11-26')
    >>> yesterday = DateExpression(0, 5, "вчера", "relative", offset_days=-1)
    >>> resolve(yesterday, None), resolve(yesterday, dt.date.min), resolve(e, dt.date.min)
    (None, None, None)
    """
    if expr.is_period:
        return None
    resolver = _RESOLVERS.get(expr.kind)
    if resolver is None:
        raise InputError(f"E023 unknown date expression kind {expr.kind!r} (known: {', '.join(_RESOLVERS)})")
    return resolver(expr, _as_anchor(anchor), future)
