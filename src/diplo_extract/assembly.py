"""Event assembly: mention frames become events (one per real-world happening),
and arguments are carried across sentences where the annotation guide says so."""
from __future__ import annotations

from bisect import bisect_left

import datetime as _dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from rapidfuzz import fuzz

from .arguments import Frame
from .doc import Doc, Mention, Trigger

SAME_TITLE = 85  # token-set ratio of two titles of one document ("Agreement on Trade" / "on Tourism" score 80)
CANDIDATES = 40  # recent events of a type a new mention may join: keeps long texts linear


@dataclass
class EventDraft:
    type: str
    status: str
    status_rule: str
    frames: list[Frame] = field(default_factory=list)
    extra_mentions: list[Trigger] = field(default_factory=list)
    date: Any = None
    date_value: str | None = None
    date_rule: str | None = None
    location: Mention | None = None
    location_rule: str | None = None
    persons: list[Mention] = field(default_factory=list)
    parties: list[Mention] = field(default_factory=list)
    implied_parties: set[str] = field(default_factory=set)
    document: Any = None
    period: tuple[int, int] | None = None
    reference: bool = False
    group_role: str | None = None
    witnessed: bool = False
    both_parties: bool = False
    counterpart: str | None = None  # talks with this state, split from a list of counterparts

    @property
    def triggers(self) -> list[Trigger]:
        seen, out = set(), []
        for t in [f.trigger for f in self.frames] + [t for f in self.frames for t in f.shared] + self.extra_mentions:
            if (t.start, t.end) not in seen:
                seen.add((t.start, t.end))
                out.append(t)
        return sorted(out, key=lambda t: t.start)

    sentences: set[int] = field(default_factory=set)  # of its mentions, kept as frames come
    person_ids: set[str] = field(default_factory=set)

    def absorb(self, frame: Frame) -> None:
        self.frames.append(frame)
        self.sentences.add(frame.trigger.sentence)
        if frame.weak:
            return
        if frame.date is not None and (self.date is None or _precision(frame.date) > _precision(self.date)):
            self.date = frame.date
        if self.location is None or _more_specific_destination(self, frame.location):
            self.location = frame.location or self.location
        self.persons += frame.persons
        self.person_ids.update(person_id(m) for m in frame.persons)
        self.parties += frame.parties
        self.document = self.document or frame.document
        self.period = self.period or frame.period
        self.group_role = self.group_role or frame.group_role
        self.witnessed = self.witnessed or frame.witnessed
        self.both_parties = self.both_parties or frame.both_parties
        self.counterpart = self.counterpart or frame.counterpart


def _more_specific_destination(ev: "EventDraft", place: Mention | None) -> bool:
    """A visit named as a trip to a country and, in another mention, to a city of
    it ("прибыл в Казахстан ... прилетел в Астану") goes to the city."""
    here = ev.location
    return ev.type == "visit" and place is not None and here is not None and here.label == "STATE" and place.label == "PLACE" and place.code == here.code


def _precision(expr: Any) -> int:
    """How precisely a date expression names a happening's days: a range of days (all
    of them) beats an absolute date, which beats a relative word, which beats a month
    or a year."""
    kind = getattr(expr, "kind", "")
    if kind == "range" and getattr(expr, "day", None) is not None:
        return 4
    if kind in ("date", "range") and getattr(expr, "month", None) is not None:
        return 3
    return 2 if kind in ("relative", "weekday", "week") else 1


def person_id(m: Mention) -> str:
    """Identity of a person mention: its knowledge-base key, else its surname."""
    if m.key:
        return m.key
    words = (m.name or m.text).split()
    return "name:" + (words[-1].lower() if words else m.text.lower())


class EventAssembler:
    """Merges frames into events by an ordered set of rules: same type, no conflict
    in date, place, persons, status or document; weak and reference mentions only
    ever join; the most mentioned compatible event wins."""

    name = "assembly"
    requires = ("doc.frames", "doc.published", "doc.dateline")
    produces = ("doc.events",)

    def __call__(self, doc: Doc) -> Doc:
        doc.events = self.assemble(doc.frames, DateResolver(doc))
        return doc

    def assemble(self, frames: Sequence[Frame], resolve: Callable[[Any, str], str | None]) -> list[EventDraft]:
        events: list[EventDraft] = []
        by_type: dict[str, list[EventDraft]] = {}
        for frame in frames:
            recent = by_type.setdefault(frame.type, [])[-CANDIDATES:]
            target = _target(recent, frame, resolve)
            if target is not None:
                target.absorb(frame)
            elif not frame.weak and not (frame.anchor and not frame.has_own_args):
                events.append(_new(frame))
                by_type[frame.type].append(events[-1])
        return events


class DateResolver:
    """Resolves a date expression of one document against its anchor: the published
    date, else the dateline's date. An anaphoric date ("the next day", "в тот же
    день") counts from the date the text named last before it."""

    def __init__(self, doc: Doc) -> None:
        self.anchor = doc.published or getattr(doc.dateline, "date", None)
        line = [doc.dateline.date] if getattr(doc.dateline, "date", None) is not None else []
        self._named = line + [d for s in doc.sentences for d in s.dates if d.kind not in NOT_ANTECEDENTS and not d.is_period]
        self._starts = [d.start for d in self._named]
        self._cache: dict[tuple[int, bool], str | None] = {}

    def __call__(self, expr: Any, status: str) -> str | None:
        from .dates import resolve

        future = status != "occurred"  # a cancelled event keeps its scheduled date
        if expr.kind == "anaphoric":
            return resolve(expr, self._antecedent(expr, future), future=future)
        return resolve(expr, self.anchor, future=future)

    def _antecedent(self, expr: Any, future: bool) -> Any:
        """The day of the last date named before ``expr`` (else the anchor); an
        anaphoric one counts from its own antecedent ("На следующий день ... В тот
        же день": the same day as the next day)."""
        k = bisect_left(self._starts, expr.start)
        return self._day(self._value(k - 1, future)) if k else self.anchor

    def _value(self, i: int, future: bool) -> str | None:
        """The value of the ``i``-th named date, resolving a chain of anaphoric ones
        from its first antecedent forward (no recursion: chains can be long)."""
        from .dates import resolve

        chain = []
        while i >= 0 and self._named[i].kind == "anaphoric" and (i, future) not in self._cache:
            chain.append(i)
            i -= 1
        if i < 0:
            value = None
        elif (i, future) in self._cache:
            value = self._cache[(i, future)]
        else:
            value = self._cache[(i, future)] = resolve(self._named[i], self.anchor, future=future)
        for j in reversed(chain):
            value = self._cache[(j, future)] = resolve(self._named[j], self._day(value), future=future)
        return value

    def _day(self, value: str | None) -> Any:
        """The first day of a value as an anchor (the document's anchor if it has none)."""
        from .dates import DateExpression

        day = (value or "").split("/")[0]
        if len(day) != 10:
            return self.anchor
        if day.startswith("X"):
            return DateExpression(0, 0, day, "date", month=int(day[5:7]), day=int(day[8:10]))
        return _dt.date.fromisoformat(day)


NOT_ANTECEDENTS = ("period",)


def _new(frame: Frame) -> EventDraft:
    ev = EventDraft(frame.type, frame.status, frame.status_rule, reference=frame.reference)
    ev.absorb(frame)
    return ev


def _target(events: list[EventDraft], frame: Frame, resolve: Callable[[Any, str], str | None]) -> EventDraft | None:
    """The most mentioned compatible event (the latest on a tie)."""
    fits = [(len(ev.frames), k, ev) for k, ev in enumerate(events) if not _conflict(ev, frame, resolve)]
    return max(fits, key=lambda item: item[:2])[2] if fits else None


def _conflict(ev: EventDraft, f: Frame, resolve: Callable[[Any, str], str | None]) -> bool:
    if f.weak or not f.has_own_args and (not f.reference or f.anchor):
        return ev.reference or _groups_differ(ev, f)
    checks = (
        _groups_differ(ev, f),
        ev.reference != f.reference,
        ev.status != f.status and not f.anchor and not (ev.status == "cancelled" and _weakly_tensed(f)),  # "в ходе визита стороны договорились": the clause's verb is not the visit's
        _dates_differ(ev, f, resolve),
        _places_differ(ev.location, f.location),
        _persons_disjoint(ev.person_ids, f.persons),
        _documents_differ(ev.document, f.document),
        _counterparts_differ(ev, f),
    )
    return any(checks)


def _weakly_tensed(f: Frame) -> bool:
    """A noun mention whose status no tense of its own gives ("the trip", "the
    talks") and that carries no date: it may name a cancelled event ("postponed a
    trip to Beijing ... the trip had been seen as a chance")."""
    return f.status_rule in WEAK_STATUS_RULES and f.date is None and f.trigger.pos != "verb"


def _dates_differ(ev: EventDraft, f: Frame, resolve: Callable[[Any, str], str | None]) -> bool:
    if ev.date is None or f.date is None:
        return False
    a, b = resolve(ev.date, ev.status), resolve(f.date, f.status)
    nested = a is not None and b is not None and (date_within(a, b) or date_within(b, a))
    return a != b and not (ev.type == "visit" and nested)  # "arrived on 8 April" for "a visit on 8-9 April"


WEAK_STATUS_RULES = ("status:default", "status:nearest_verb")


def date_within(inner: str | None, outer: str | None) -> bool:
    """Whether an ISO day or range lies inside another (an unknown date may).

    >>> date_within(None, "2024-05-01"), date_within("2024-05-02", "2024-05-01/2024-05-03"), date_within("2024-06-01", "2024-05-01")
    (True, True, False)
    >>> date_within("2024-03-14", "2024-03"), date_within("2024-03-14", "2023-03"), date_within("2024", "2024-03")
    (True, False, False)
    """
    if inner is None or outer is None:
        return True
    first, _, last = outer.partition("/")
    start, _, end = inner.partition("/")
    last = last or first
    return first <= start and (end or start)[: len(last)] <= last  # a day of a month lies within it


def _groups_differ(ev: EventDraft, f: Frame) -> bool:
    """Summits and conferences never merge with bilateral talks."""
    first = next((g for g in ev.frames if not g.weak), None)  # not a list of all: O(1), not O(frames)
    return first is not None and first.trigger.group != f.trigger.group and not f.weak


def _places_differ(a: Mention | None, b: Mention | None) -> bool:
    """Two places that cannot be one happening's: a city and the country it is in can
    ("arrived in Hanoi on a state visit to Vietnam")."""
    if a is None or b is None or (a.name or a.text).lower() == (b.name or b.text).lower():
        return False
    nested = {a.label, b.label} == {"STATE", "PLACE"} and a.code is not None and a.code == b.code
    return not nested


def _persons_disjoint(ids_a: set[str], b: list[Mention]) -> bool:
    """Two different groups of participants: each names at least two persons and
    neither group holds the other; or the two sides of talks are known and the
    mention names a third person alone ("Встреча с Си Цзиньпином" after talks with
    Wang Yi). A single name may otherwise be one side of the same talks."""
    ids_b = {person_id(m) for m in b}
    if len(ids_a) == 2 and len(ids_b) == 1 and not ids_b <= ids_a:
        return True  # both sides of the talks are known: a mention naming a third person is other talks
    return len(ids_a) >= 2 and len(ids_b) >= 2 and not (ids_a <= ids_b or ids_b <= ids_a)


def _counterparts_differ(ev: EventDraft, f: Frame) -> bool:
    """Talks split by counterpart ("with the ministers of Spain and Cuba") take no
    mention of talks with another state."""
    if ev.counterpart is None and f.counterpart is None:
        return False
    if ev.counterpart is not None and f.counterpart is not None:
        return ev.counterpart != f.counterpart
    split, other = (ev, f) if ev.counterpart is not None else (f, ev)
    theirs = {m.code for m in other.parties if m.code and m.label == "STATE"}
    ours = {m.code for m in split.parties if m.code}
    return bool(theirs - ours)


def _documents_differ(a: Any, b: Any) -> bool:
    """Two named documents that are not the same; a generic word ("документ",
    "the document") refers back and never differs."""
    if a is None or b is None or a.generic or b.generic:
        return False
    return a.kind != b.kind or fuzz.token_set_ratio(a.title.lower(), b.title.lower()) < SAME_TITLE
