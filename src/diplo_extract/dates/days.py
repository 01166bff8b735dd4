"""Total calendar arithmetic: the only place where dates resolution builds or moves
a day.

Both helpers give ``None`` instead of raising when the day would not exist: outside
the calendar of :mod:`datetime` (0001-01-01 to 9999-12-31) or not in its month (30
February). ``None`` goes in and comes out again, so steps chain without checks.
"""
from __future__ import annotations

import calendar
import datetime as dt


def safe_date(year: int | None, month: int | None, day: int | None = 1) -> dt.date | None:
    """The day, or ``None`` when it does not exist (or a part is missing).

    >>> safe_date(2024, 2, 29), safe_date(2023, 2, 29), safe_date(10000, 1, 1), safe_date(0, 12, 31)
    (datetime.date(2024, 2, 29), None, None, None)
    >>> safe_date(2024, 13), safe_date(None, 1, 1)
    (None, None)
    """
    if year is None or month is None or day is None:
        return None
    if not (dt.MINYEAR <= year <= dt.MAXYEAR and 1 <= month <= 12 and 1 <= day <= calendar.monthrange(year, month)[1]):
        return None
    return dt.date(year, month, day)


def shift(day: dt.date | None, days: int = 0, *, weeks: int = 0) -> dt.date | None:
    """``day`` moved by ``days`` and ``weeks``, or ``None`` out of the calendar.

    >>> shift(dt.date(2024, 2, 28), 1), shift(dt.date(2024, 1, 1), weeks=-1)
    (datetime.date(2024, 2, 29), datetime.date(2023, 12, 25))
    >>> shift(dt.date.max, 1), shift(dt.date.min, -1), shift(None, 1), shift(dt.date.min, 10**9)
    (None, None, None, None)
    """
    if day is None:
        return None
    offset = days + 7 * weeks
    if not dt.date.min.toordinal() <= day.toordinal() + offset <= dt.date.max.toordinal():
        return None
    return dt.date.fromordinal(day.toordinal() + offset)
