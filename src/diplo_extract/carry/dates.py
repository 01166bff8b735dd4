"""Each event's own date resolved (``carry.dates``), with the status checks that go
with it: a weakly-tensed event dated soon after publication is planned, a planned
one whose days hold the publication day is going on."""
from __future__ import annotations

from typing import Any

from ..assembly import DateResolver, EventDraft
from ..doc import Doc
from .base import CarryRule, _day, _start


class OwnDates(CarryRule):
    """Each event's own date resolved; a weakly-tensed event with a soon date is planned."""

    name = "carry.dates"
    requires = ("doc.events", "doc.published", "doc.dateline")

    def apply(self, doc: Doc, events: list[EventDraft], resolve: DateResolver) -> None:
        for ev in events:
            if ev.date is None:
                continue
            weak = all(f.status_rule in WEAK_STATUS_RULES for f in ev.frames if not f.weak)
            if ev.status == "occurred" and weak and _ahead(doc, ev.date, resolve):
                ev.status, ev.status_rule = "planned", "status:date-ahead"
            ev.date_value = resolve(ev.date, ev.status)
            ev.date_rule = "date:own"
            if ev.status == "planned" and _ongoing(doc, ev.date_value) and all(f.status_rule in ONGOING_RULES for f in ev.frames if not f.weak):
                ev.status, ev.status_rule = "occurred", "status:ongoing"  # "the visit lasts two days, 8-9 April" in a 9 April report


def _ongoing(doc: Doc, value: str | None) -> bool:
    """A range of days that holds the publication day: the happening is going on.

    >>> import datetime as dt
    >>> _ongoing(Doc(text="", published=dt.date(2024, 4, 9)), "2024-04-08/2024-04-09")
    True
    """
    if doc.published is None or not value or "/" not in value:
        return False
    first, last = (_day(v) for v in value.split("/"))
    return first is not None and last is not None and first <= doc.published <= last


def _ahead(doc: Doc, expr: Any, resolve: DateResolver) -> bool:
    """A day without a year that falls soon after publication, nearer than its past
    reading ("3-4 июля" in a June article), dates a coming event (a bare month does
    not: background months are common); a range that holds the publication day is going on, not coming."""
    if doc.published is None or expr.year is not None or expr.kind not in ("date", "range") or expr.month is None:
        return False
    ahead = _day(_start(resolve(expr, "planned")))
    behind = resolve(expr, "occurred")
    behind_end = _last_day(behind.split("/")[-1]) if behind else None
    if ahead is None or behind_end is None:
        return False
    soon = (ahead - doc.published).days <= AHEAD_DAYS
    return behind_end < doc.published and soon and (ahead - doc.published) < (doc.published - _day(_start(behind)))


def _last_day(value: str):  # noqa: ANN202
    """The last day of ``2024-05-07`` or of ``2024-05``.

    >>> _last_day("2024-02")
    datetime.date(2024, 2, 29)
    """
    import calendar
    import datetime as _dt

    if len(value) == 7 and not value.startswith("X"):
        year, month = int(value[:4]), int(value[5:])
        return _dt.date(year, month, calendar.monthrange(year, month)[1])
    return _day(value)


ONGOING_RULES = ("status:planning_cue", "status:nearest_verb", "status:default")  # "продлится", "will last": not the trigger's own tense
WEAK_STATUS_RULES = ("status:default", "status:nearest_verb")
AHEAD_DAYS = 60
