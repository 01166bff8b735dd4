"""Evidence behind an event and behind each of its arguments, as named numeric
features: the rule that fired, the distance of the value from the trigger, how many
mentions agree, whether a name is linked to the knowledge base.

They are read from the public result (:mod:`diplo_extract.schema`) alone, so any
output of ``extract`` can be scored again, and the calibration script sees exactly
what the extractor saw. A feature that does not hold is left out (it counts 0).
"""
from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterator, Sequence
from itertools import accumulate
from typing import Union

from ..schema import DateArg, DocumentArg, Event, LocationArg, PartyArg, PersonArg, Span

Argument = Union[DateArg, LocationArg, PersonArg, PartyArg, DocumentArg]
Features = dict[str, float]

ROLES: tuple[str, ...] = ("date", "location", "person", "party", "document")
NEAR_CHARS = 80  # an argument this close to a trigger mention sits in its clause
FAR_CHARS = 300  # farther than this it came from another sentence or the dateline
LATE_POSITION = 0.5  # an event first mentioned in the second half of its text is often background
RULE_PREFIX = "rule:"  # one feature per rule name (date:own, party:person...): an open set

EVENT_FEATURES: tuple[str, ...] = (
    "type:phone_call", "type:visit", "type:signing", "type:adoption", "status:planned", "status:cancelled",
    "status_rule:default", "mentions:2+", "mentions:3+", "position:late", "date", "location", "persons:1+",
    "persons:2+", "persons:linked", "parties:2+", "parties:named", "document",
)
ARGUMENT_FEATURES: tuple[str, ...] = (
    "event", "spans:none", "spans:2+", "distance:near", "distance:far", "linked",
    "date:day", "date:month", "date:range", "date:no-year", "document:period", "document:other",
)


def known_feature(role: str, name: str) -> bool:
    """Whether ``name`` is a feature the scorer of ``role`` (``event`` or an argument
    role) can see.

    >>> known_feature("event", "mentions:2+"), known_feature("date", "rule:date:own"), known_feature("party", "mentions:2+")
    (True, True, False)
    """
    fixed = EVENT_FEATURES if role == "event" else ARGUMENT_FEATURES
    return name in fixed or name.startswith(RULE_PREFIX)


def event_features(event: Event, text_length: int) -> Features:
    """The evidence behind ``event`` in a text of ``text_length`` characters."""
    mentions = len(event.mentions)
    first = min((m.start for m in event.mentions), default=0)
    flags = {
        f"type:{event.type}": event.type != "meeting",
        f"status:{event.status}": event.status != "occurred",
        "status_rule:default": event.status_rule == "status:default",
        "mentions:2+": mentions >= 2,
        "mentions:3+": mentions >= 3,
        "position:late": text_length > 0 and first / text_length > LATE_POSITION,
        "date": event.date is not None and event.date.value is not None,
        "location": event.location is not None,
        "persons:1+": len(event.persons) >= 1,
        "persons:2+": len(event.persons) >= 2,
        "persons:linked": any(p.kb for p in event.persons),
        "parties:2+": len(event.parties) >= 2,
        "parties:named": any(p.spans for p in event.parties),
        "document": event.document is not None,
    }
    return {name: 1.0 for name, on in flags.items() if on}


def arguments(event: Event) -> Iterator[tuple[str, Argument]]:
    """Each scored argument of ``event`` with its role, in output order (role
    holders are not scored and have no confidence)."""
    if event.date is not None:
        yield "date", event.date
    if event.location is not None:
        yield "location", event.location
    yield from (("person", p) for p in event.persons)
    yield from (("party", p) for p in event.parties)
    if event.document is not None:
        yield "document", event.document


def argument_features(role: str, argument: Argument, event: Event, event_score: float) -> Features:
    """The evidence behind one argument of ``event``; ``event_score`` is the event's
    raw score (an argument of a wrong event is wrong)."""
    out: Features = {"event": event_score}
    distance = _distance(argument.spans, event.mentions)
    flags = {
        "spans:none": not argument.spans,
        "spans:2+": len(argument.spans) >= 2,
        "distance:near": distance is not None and distance <= NEAR_CHARS,
        "distance:far": distance is not None and distance > FAR_CHARS,
        "linked": bool(argument.kb if isinstance(argument, PersonArg) else getattr(argument, "entity", None)),
    }
    rule = getattr(argument, "rule", None)
    if rule:
        flags[RULE_PREFIX + rule] = True
    flags.update(_value_flags(argument))
    out.update({name: 1.0 for name, on in flags.items() if on})
    return out


def _value_flags(argument: Argument) -> dict[str, bool]:
    """What the normalized value says about itself: a date's precision, a document's
    period and kind."""
    if isinstance(argument, DateArg):
        value = argument.value or ""
        return {"date:day": len(value) == 10, "date:month": len(value) == 7, "date:range": "/" in value, "date:no-year": "X" in value}
    if isinstance(argument, DocumentArg):
        return {"document:period": argument.period is not None, "document:other": argument.kind == "other"}
    return {}


def _distance(spans: Sequence[Span], mentions: Sequence[Span]) -> int | None:
    """Characters between the nearest argument span and trigger mention (0 when they
    touch or overlap); None without spans.

    >>> _distance([Span(start=50, end=55, text="x" * 5)], [Span(start=10, end=20, text="y" * 10)])
    30
    >>> _distance([], [Span(start=0, end=1, text="y")]) is None
    True
    """
    if not spans or not mentions:
        return None
    bounds = sorted((m.start, m.end) for m in mentions)
    starts = [b for b, _ in bounds]
    reach = list(accumulate((e for _, e in bounds), max))  # the farthest end among the mentions up to each
    return min(_gap(s.start, s.end, starts, reach) for s in spans)


def _gap(start: int, end: int, starts: list[int], reach: list[int]) -> int:
    """Characters between ``start:end`` and the nearest of the mentions (``starts``
    sorted, ``reach`` their running farthest end): 0 when one overlaps or touches it.

    >>> _gap(50, 55, [10, 60], [20, 70]), _gap(50, 55, [10, 52], [20, 60]), _gap(5, 8, [10], [12])
    (5, 0, 2)
    """
    k = bisect_left(starts, end)  # the mentions that start before the span's end
    if k and reach[k - 1] >= start:  # one of them ends at or after the span's start
        return 0
    before = start - reach[k - 1] if k else None
    after = starts[k] - end if k < len(starts) else None
    return min(d for d in (before, after) if d is not None)

