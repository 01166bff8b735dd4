"""The carrying rule interface and the helpers its rules share: days and their
first day, how near two events are mentioned, and the passing down of a date and
a place from one event to another."""
from __future__ import annotations

from ..actors.kb import ActorKB
from ..assembly import DateResolver, EventDraft
from ..doc import Doc, Mention


class CarryRule:
    """One carrying rule over a document's events."""

    name = "carry"
    requires: tuple[str, ...] = ("doc.events",)
    produces: tuple[str, ...] = ("doc.events",)

    def __init__(self, kb: ActorKB) -> None:
        self.kb = kb

    def __call__(self, doc: Doc) -> Doc:
        kept = self.apply(doc, doc.events, DateResolver(doc))
        if kept is not None:  # a rule that returns a list decides what remains, even nothing
            doc.events = kept
        return doc

    def apply(self, doc: Doc, events: list[EventDraft], resolve: DateResolver) -> list[EventDraft] | None:
        """Change ``events`` in place, or return the events that remain."""
        raise NotImplementedError


def _start(value: str | None) -> str | None:
    """The first day of a value: ``2024-07-03`` of a range, ``2024-05-01`` of a month."""
    if value is None:
        return None
    first = value.split("/")[0]
    return first + "-01" if len(first) == 7 else first


def _copy_place_and_date(ev: EventDraft, source: EventDraft, why: str, doc: Doc) -> None:
    """Date and place passed down; a visit's country becomes, for what is held
    during it, the city the document names in that country."""
    if ev.date is None and source.date is not None:
        ev.date, ev.date_value, ev.date_rule = source.date, source.date_value, f"date:from-{why}"
    if ev.location is None and source.location is not None and ev.type != "phone_call":
        place = source.location
        city = _city_in(doc, place.code) if place.label == "STATE" else None
        ev.location, ev.location_rule = city or place, f"location:from-{why}"


VISIT_REACH = 3  # sentences: a meeting this close to its visit's mention is held during it


def _distance(a: EventDraft, b: EventDraft) -> int:
    """Sentences between the nearest mentions of two events."""
    return min(abs(i - j) for i in a.sentences for j in b.sentences)


def _near(a: EventDraft, b: EventDraft, reach: int = VISIT_REACH) -> bool:
    """Some mention of ``a`` within ``reach`` sentences of some mention of ``b``."""
    from bisect import bisect_left

    ordered = sorted(a.sentences)
    for j in b.sentences:
        k = bisect_left(ordered, j - reach)
        if k < len(ordered) and ordered[k] <= j + reach:
            return True
    return False


def _city_in(doc: Doc, code: str | None) -> Mention | None:
    line = doc.dateline_place
    if line is not None and line.label == "PLACE" and line.code == code:
        return line
    return next((m for m in doc.mentions if m.label == "PLACE" and m.code == code and m.rule.endswith((":city", ":capital"))), None)


def _day(value: str | None):  # noqa: ANN202
    import datetime as _dt

    if value and len(value) == 10 and not value.startswith("X"):
        try:
            return _dt.date.fromisoformat(value)
        except ValueError:
            return None
    return None
