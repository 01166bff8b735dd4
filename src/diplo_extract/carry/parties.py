"""Who takes part: group references ("the presidents") resolved to named persons,
the parties those persons hold office for, a visit's host state, "the two
countries" as the document's two leading parties, and the parties focused on the
participants' own."""
from __future__ import annotations

from collections.abc import Collection

from ..assembly import DateResolver, EventDraft, person_id
from ..doc import Doc, Mention
from .base import CarryRule, _day


class Groups(CarryRule):
    """Group references ("the presidents", "они") resolve to named persons."""

    name = "carry.groups"
    requires = ("doc.events", "doc.mentions", "doc.published")

    def apply(self, doc: Doc, events: list[EventDraft], resolve: DateResolver) -> None:
        for ev in events:
            if ev.persons or ev.group_role is None or ev.witnessed:
                continue
            ev.persons = self._members(doc, ev)

    def _members(self, doc: Doc, ev: EventDraft) -> list[Mention]:
        start = min(t.start for t in ev.triggers)
        before = [m for m in doc.mentions if m.label == "PER" and m.start < start]
        if ev.group_role not in (None, "any"):
            day = _day(ev.date_value) or doc.published
            holders = [m for m in before if m.key and self._holds(m.key, ev.group_role, day)]
            if holders:
                return _distinct(holders)
        return _last_pair(before)

    def _holds(self, key: str, role: str, day) -> bool:  # noqa: ANN001
        person = self.kb.persons.get(key.removeprefix("person:"))
        if person is None:
            return False
        return any(o.role == role and (day is None or o.holds_on(day)) for o in person.offices)


def _distinct(mentions: list[Mention]) -> list[Mention]:
    seen, out = set(), []
    for m in mentions:
        if person_id(m) not in seen:
            seen.add(person_id(m))
            out.append(m)
    return out


def _last_pair(before: list[Mention]) -> list[Mention]:
    """The last two distinct persons named before the reference."""
    out: list[Mention] = []
    for m in reversed(before):
        if person_id(m) not in {person_id(o) for o in out}:
            out.append(m)
        if len(out) == 2:
            break
    return list(reversed(out))


class PersonParties(CarryRule):
    """Persons give the parties they hold office for on the event's day."""

    name = "carry.person_parties"
    requires = ("doc.events", "doc.published")

    def apply(self, doc: Doc, events: list[EventDraft], resolve: DateResolver) -> None:
        for ev in events:
            day = _day(ev.date_value) or doc.published
            for m in ev.persons:
                code = self.kb.party_of(m.key, day) if m.key else None
                if code:
                    ev.implied_parties.add(code)


class HostParties(CarryRule):
    """A visit's host takes part: the state of its destination ("Fidan's visit to
    Cairo" gives EGY beside TUR), when the visitor is of another party."""

    name = "carry.host_parties"

    def apply(self, doc: Doc, events: list[EventDraft], resolve: DateResolver) -> None:
        for ev in events:
            host = ev.location.code if ev.type == "visit" and ev.location is not None else None
            if host in self.kb.states and (ev.implied_parties | {m.code for m in ev.parties if m.code}) - {host}:
                ev.implied_parties.add(host)


class BothParties(CarryRule):
    """"Консультации между МИД двух стран", "the two sides agreed": an event that
    names its sides together takes the document's two leading parties (the codes its
    events give most, the first named first on a tie) when it has fewer of its own."""

    name = "carry.both_parties"

    def apply(self, doc: Doc, events: list[EventDraft], resolve: DateResolver) -> None:
        leading = _leading_parties(events, self.kb.states.keys())
        if len(leading) < 2:
            return
        for ev in events:
            own = ev.implied_parties | {m.code for m in ev.parties if m.code}
            if ev.both_parties and len(own) < 2 and ev.type != "adoption":
                ev.implied_parties |= set(leading)


def _leading_parties(events: list[EventDraft], states: Collection[str]) -> list[str]:
    """The two state codes (of ``states``) the document's events give most."""
    counts: dict[str, int] = {}
    for ev in events:
        for code in sorted(ev.implied_parties) + [m.code for m in ev.parties if m.code]:
            if code in states:
                counts[code] = counts.get(code, 0) + 1
    ranked = sorted(counts, key=lambda c: -counts[c])  # stable: first counted first on a tie
    return ranked[:2]


class FocusParties(CarryRule):
    """When the participants' own offices name two or more parties, the other
    states in the sentence are topics ("talks on Ukraine"), not parties; the
    organization of a summit stays."""

    name = "carry.focus_parties"

    def apply(self, doc: Doc, events: list[EventDraft], resolve: DateResolver) -> None:
        for ev in events:
            if ev.type == "adoption" and any(m.label == "ORG" for m in ev.parties):
                # the body that adopts, not the sponsors or the object of the text
                ev.parties = [m for m in ev.parties if m.label == "ORG" or m.code in ev.implied_parties]
                continue
            if len(ev.implied_parties) < 2:
                continue
            keep_orgs = any(f.trigger.group == "multilateral" for f in ev.frames)
            ev.parties = [m for m in ev.parties if m.code in ev.implied_parties or keep_orgs and m.label == "ORG"]
