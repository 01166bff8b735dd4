"""What is held at an occasion takes from it: meetings during a visit, documents
signed or adopted at talks, events on the sidelines of a summit, and what was to
happen inside a cancelled occasion; witnessed signings keep their signatories."""
from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..actors.kb import ActorKB
from ..arguments import looks_plural
from ..assembly import DateResolver, EventDraft, person_id
from ..assembly import date_within as _within
from ..doc import Doc, Mention
from ..schema import DOCUMENT_EVENT_TYPES
from .base import CarryRule, _copy_place_and_date, _day, _distance, _near


class Witnesses(CarryRule):
    """"The documents were signed by officials in the presence of the two leaders":
    a witnessed mention of documents in the plural speaks of every signing of its
    day. A witnessed signing keeps only the persons named as signing it (before a
    signing verb), never the leaders present or the talks' participants."""

    name = "carry.witnesses"

    def apply(self, doc: Doc, events: list[EventDraft], resolve: DateResolver) -> None:
        signings = [ev for ev in events if ev.type == "signing"]
        for ev in signings:
            if any(f.witnessed and f.document is not None and f.document.generic and looks_plural(f.document.text) for f in ev.frames):
                for other in signings:
                    other.witnessed = other.witnessed or _dated_alike(other, ev)
        for ev in signings:
            if ev.witnessed:
                ev.persons = [p for p in ev.persons if _named_as_signing(p, ev)]
                ev.person_ids = {person_id(p) for p in ev.persons}


def _dated_alike(a: EventDraft, b: EventDraft) -> bool:
    return a.date_value is None or b.date_value is None or a.date_value == b.date_value


def _named_as_signing(person: Mention, ev: EventDraft) -> bool:
    """The subject of one of the event's own signing verbs ("Lavrov and Wang signed")."""
    return any(not f.witnessed and f.trigger.pos == "verb" and person in f.persons and person.end <= f.trigger.start for f in ev.frames)


class Occasions(CarryRule):
    """Documents take date, place, parties and signatories from their occasion."""

    name = "carry.occasions"

    def apply(self, doc: Doc, events: list[EventDraft], resolve: DateResolver) -> None:
        for ev in events:
            if ev.type not in DOCUMENT_EVENT_TYPES or ev.date is not None:
                continue
            occasion = _occasion(ev, events)
            if occasion is None:
                continue
            _take_occasion(ev, occasion, doc)


class Visits(CarryRule):
    """Meetings held during a visit take its date and place; its hosts join the visit."""

    name = "carry.visits"

    def apply(self, doc: Doc, events: list[EventDraft], resolve: DateResolver) -> None:
        for ev, visit in _meetings_near_visits(events, doc.published):
            own_place, own_date = ev.location, ev.date_value
            _copy_place_and_date(ev, visit, "visit", doc)
            if _held_during(own_place, own_date, visit):
                visit.persons += _hosts(self.kb, ev.persons, visit, doc)  # the hosts the visitor meets take part in the visit
            if visit.location is None and ev.location is not None:  # only where the visit names no destination
                visit.location, visit.location_rule = ev.location, "location:from-meeting"


class VisitHosts(CarryRule):
    """After discourse, the persons a meeting held during a visit has gained ("the
    leaders began talks": the host) take part in the visit too."""

    name = "carry.visit_hosts"

    def apply(self, doc: Doc, events: list[EventDraft], resolve: DateResolver) -> None:
        for ev, visit in _meetings_near_visits(events, doc.published):
            if not _held_during(ev.location, ev.date_value, visit):
                continue
            taking_part = {person_id(p) for p in visit.persons}
            for p in _hosts(self.kb, ev.persons, visit, doc):
                if person_id(p) not in taking_part:
                    visit.persons.append(p)
                    visit.person_ids.add(person_id(p))
                    taking_part.add(person_id(p))


def _meetings_near_visits(events: list[EventDraft], published: Any = None) -> Iterator[tuple[EventDraft, EventDraft]]:
    """Each meeting with the nearest visit of its status mentioned near it whose days
    can hold the meeting's own (the earlier one on a tie). A visit going on at
    publication holds the meetings still to come in it ("прибыл с двухдневным визитом
    ... встретится с Си Цзиньпином")."""
    visits = [ev for ev in events if ev.type == "visit"]
    for ev in events:
        if ev.type == "meeting":
            fits = [v for v in visits if _same_stage(ev, v, published) and _near(v, ev) and _within(ev.date_value, v.date_value)]
            if fits:
                yield ev, min(fits, key=lambda v: _distance(v, ev))


def _same_stage(meeting: EventDraft, visit: EventDraft, published: Any) -> bool:
    """A meeting and a visit of one status, or a coming meeting in a visit going on."""
    if meeting.status == visit.status:
        return True
    if meeting.status != "planned" or visit.status != "occurred" or published is None or not visit.date_value:
        return False
    first, _, last = visit.date_value.partition("/")
    return _day(first) is not None and _day(first) <= published <= (_day(last) or _day(first))


def _hosts(kb: ActorKB, persons: list[Mention], visit: EventDraft, doc: Doc) -> list[Mention]:
    """The persons of a meeting held during a visit who host it: those who stand for
    the destination's state on the day ("the visitor(s) and the host(s) they meet"),
    not the other delegations met at a conference in that city."""
    host = visit.location.code if visit.location is not None else None
    if host is None:
        return list(persons)
    day = _day(visit.date_value) or doc.published
    return [p for p in persons if p.key and kb.party_of(p.key, day) == host]


def _held_during(place: Mention | None, day: str | None, visit: EventDraft) -> bool:
    """Whether a meeting with its own place and date can be held during a visit: in
    its destination (or a city of it) and within its dates."""
    dest = visit.location
    same_place = place is None or dest is None or (place.name or place.text) == (dest.name or dest.text) or dest.label == "STATE" and place.code == dest.code
    return same_place and _within(day, visit.date_value)


class Anchors(CarryRule):
    """An event held "on the sidelines of" or "in the course of" an occasion named in
    its sentence ("на полях саммита запланирована встреча", "during the visit, the
    ministers signed") takes that occasion's place and date where it has none."""

    name = "carry.anchors"

    def apply(self, doc: Doc, events: list[EventDraft], resolve: DateResolver) -> None:
        anchored: dict[int, EventDraft] = {}
        for occasion in events:
            for f in occasion.frames:
                if f.anchor and occasion.type in ("meeting", "visit"):
                    anchored.setdefault(f.trigger.sentence, occasion)
        for ev in events:
            outer = next((anchored[f.trigger.sentence] for f in ev.frames if not f.anchor and anchored.get(f.trigger.sentence, ev) is not ev), None)
            if outer is not None and (outer.status == "cancelled") == (ev.status == "cancelled"):
                _copy_place_and_date(ev, outer, "anchor", doc)


class CancelledOccasions(CarryRule):
    """What was to happen inside a cancelled or postponed occasion is cancelled too:
    the talks of a called-off visit, the signing planned for a postponed summit. A
    planned event is inside when it is mentioned near the occasion and has no date of
    its own outside the occasion's."""

    name = "carry.cancellation"

    def apply(self, doc: Doc, events: list[EventDraft], resolve: DateResolver) -> list[EventDraft]:
        cancelled = [o for o in events if o.status == "cancelled"]
        kept = []
        for ev in events:
            same = next((o for o in cancelled if ev.status == "planned" and _same_slot(o, ev)), None)
            if same is not None:  # "подписание отложено ... должны были подписать 27 февраля": one happening
                same.frames += ev.frames
                same.sentences |= ev.sentences
                continue
            kept.append(ev)
            if ev.status != "planned":
                continue
            outer = next((o for o in cancelled if ev.type in INSIDE.get(o.type, ()) and _near(o, ev, CANCEL_REACH) and _within(ev.date_value, o.date_value)), None)
            if outer is not None:
                ev.status, ev.status_rule = "cancelled", "status:inside-cancelled"
                _take_occasion(ev, outer, doc)
        return kept


def _take_occasion(ev: EventDraft, occasion: EventDraft, doc: Doc) -> None:
    """What an event held at an occasion takes from it (carry.occasions, and for
    what was planned inside a cancelled occasion): date, place, parties and, for a
    signing that names none, the signatories."""
    _copy_place_and_date(ev, occasion, "occasion", doc)
    if not ev.parties and not ev.implied_parties:
        ev.parties = list(occasion.parties)
        ev.implied_parties |= occasion.implied_parties
    if ev.type == "signing" and not ev.persons and not ev.witnessed:
        ev.persons = list(occasion.persons)
        ev.group_role = ev.group_role or occasion.group_role


def _same_slot(cancelled: EventDraft, planned: EventDraft) -> bool:
    """A planned mention of a cancelled happening: same type, same date, near."""
    return cancelled.type == planned.type and planned.date_value is not None and planned.date_value == cancelled.date_value and _near(cancelled, planned, CANCEL_REACH)


# What can be held inside an occasion of each type.
INSIDE = {"visit": ("meeting", "signing", "adoption"), "meeting": ("signing", "adoption")}
CANCEL_REACH = 2  # sentences


def _occasion(ev: EventDraft, events: list[EventDraft]) -> EventDraft | None:
    """The occasion a document event is held at: one of its sentence, else the
    nearest one mentioned within :data:`OCCASION_REACH` sentences (the earlier on a
    tie), else the document's main occasion; a dated or placed meeting with more
    mentions first among equals."""
    every = [o for o in events if o.type in ("meeting", "visit") and o.status == ev.status and not o.reference]
    candidates = [o for o in every if _near(o, ev, OCCASION_REACH)]
    if not candidates:
        return max(every, key=lambda o: (o.date is not None or o.location is not None, o.type == "meeting", len(o.frames))) if every else None
    same_sentence = [o for o in candidates if o.sentences & ev.sentences]
    if same_sentence:
        return max(same_sentence, key=lambda o: (o.date is not None or o.location is not None, o.type == "meeting", len(o.frames)))
    return min(candidates, key=lambda o: (_distance(o, ev), min(o.sentences) > min(ev.sentences), not (o.date is not None or o.location is not None), o.type != "meeting"))


OCCASION_REACH = 3  # sentences: a signing or adoption this close to an occasion may be held at it
