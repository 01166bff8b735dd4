"""Resolution: an expression to the ISO 8601 value of the annotation guide, against
an anchor (the published date, or a dateline's date whose year may be unknown)."""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import replace
from types import MappingProxyType
from typing import NamedTuple

from ..errors import InputError
from .expression import DateExpression
from .grammar import _valid_day


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
