"""The days an event's ISO date value covers: ``2020-11-26`` one day, ``2021-11`` a
month, ``2025`` a year, ``2022-11-27/2022-11-28`` a range, ``XXXX-10-30`` a day of an
unknown year (read in the publication year).

Tables give each event's first and last day from it; merging reports of one
happening compares these spans of days.

>>> import datetime as dt
>>> day_span("2021-11")
DaySpan(start=datetime.date(2021, 11, 1), end=datetime.date(2021, 11, 30), precision='month')
>>> day_span("2022-11-27/2022-11-28").precision, day_span("2025").end
('range', datetime.date(2025, 12, 31))
>>> day_span("XXXX-10-30", dt.date(2020, 11, 2)).start, day_span("XXXX-10-30") is None
(datetime.date(2020, 10, 30), True)
>>> day_span("2021-02-30"), day_span("soon"), day_span(None), day_span("2022-12-01/2022-11-01")
(None, None, None, None)
"""
from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

__all__ = ["DaySpan", "day_span", "PRECISION_RANK"]

# the finer a value, the lower its rank: a day says more than a range, a range than a
# month; "inferred" is for days guessed from elsewhere (a publication date), not written
PRECISION_RANK = {"day": 0, "range": 1, "month": 2, "year": 3, "inferred": 4}
_VALUE = re.compile(r"(?P<year>\d{4}|XXXX)(?:-(?P<month>\d{2})(?:-(?P<day>\d{2}))?)?")


@dataclass(frozen=True, slots=True)
class DaySpan:
    """The first and last day (inclusive) a date value covers, and how precise it is."""

    start: dt.date
    end: dt.date
    precision: str

    def overlaps(self, other: DaySpan) -> bool:
        """Whether the two spans share a day."""
        return self.start <= other.end and other.start <= self.end

    def intersection(self, other: DaySpan) -> DaySpan | None:
        """The days both spans cover (the finer precision of the two), or None."""
        if not self.overlaps(other):
            return None
        finer = min(self.precision, other.precision, key=PRECISION_RANK.__getitem__)
        return DaySpan(max(self.start, other.start), min(self.end, other.end), finer)

    @property
    def days(self) -> int:
        """How many days the span covers."""
        return (self.end - self.start).days + 1


def day_span(value: str | None, published: dt.date | None = None) -> DaySpan | None:
    """The span of days of an ISO date value, or None when it names no real day.

    Args:
        value: ``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD``, ``XXXX-MM-DD`` or ``a/b`` of these.
        published: the year of a ``XXXX`` value (None: such a value gives None).
    """
    if not isinstance(value, str):
        return None
    if "/" in value:
        first, _, last = value.partition("/")
        low, high = _single(first, published), _single(last, published)
        if low is None or high is None or high.end < low.start:
            return None
        return DaySpan(low.start, high.end, "range")
    return _single(value, published)


def _single(value: str, published: dt.date | None) -> DaySpan | None:
    match = _VALUE.fullmatch(value.strip())
    if match is None:
        return None
    year_text, month_text, day_text = match.group("year", "month", "day")
    if year_text == "XXXX":
        if published is None or month_text is None:
            return None
        year_text = str(published.year)
    year = int(year_text)
    if not dt.MINYEAR <= year <= dt.MAXYEAR:
        return None
    if month_text is None:
        return DaySpan(dt.date(year, 1, 1), dt.date(year, 12, 31), "year")
    month = int(month_text)
    if not 1 <= month <= 12:
        return None
    last = calendar.monthrange(year, month)[1]
    if day_text is None:
        return DaySpan(dt.date(year, month, 1), dt.date(year, month, last), "month")
    day = int(day_text)
    if not 1 <= day <= last:
        return None
    return DaySpan(dt.date(year, month, day), dt.date(year, month, day), "day")
