"""Document-level arguments: what the annotation guide carries across sentences.

Each rule is a stage of its own (``carry.<rule>``), run in this order: dates
resolved; meetings during a visit take its date and place; documents take date,
place, parties (and, when named by role, signatories) from their occasion (so a
signing after talks held during a visit gets the visit's city); group references ("the presidents") resolve to named persons;
after discourse, the persons a meeting held during a visit has gained join the visit;
persons give their parties; a visit's host state takes part; "the two countries" are the document's two
leading parties; participants' offices focus the parties; the dateline
dates and places past events; reference events without arguments of their own are
dropped. Any of them can be switched off by name for ablation."""
from __future__ import annotations

from collections.abc import Collection, Iterator
from typing import Any

from .actors.kb import ActorKB
from .assembly import DateResolver, EventDraft, person_id
from .assembly import date_within as _within
from .arguments import looks_plural
from .doc import Doc, Mention
from .schema import DOCUMENT_EVENT_TYPES


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


class DatelineCarry(CarryRule):
    """The dateline dates and places the past events that have no date or place."""

    name = "carry.dateline"
    requires = ("doc.events", "doc.dateline", "doc.dateline_place")

    def apply(self, doc: Doc, events: list[EventDraft], resolve: DateResolver) -> None:
        line = doc.dateline
        if line is None:
            return
        lead = _lead_end(doc)
        for ev in events:
            if ev.status != "occurred" or ev.reference:
                continue
            in_lead = min(ev.sentences) <= lead  # a background event told further down happened on another day
            if in_lead and ev.date is None and getattr(line, "date", None) is not None and ev.date_value is None:
                ev.date, ev.date_value, ev.date_rule = line.date, resolve(line.date, "occurred"), "date:dateline"
            if ev.location is None and ev.type != "phone_call" and doc.dateline_place is not None and (in_lead or _same_day(ev.date_value, line, resolve)):
                ev.location, ev.location_rule = doc.dateline_place, "location:dateline"


def _same_day(value: str | None, line: Any, resolve: DateResolver) -> bool:
    """An event dated on the dateline's day (or by nothing that says otherwise)."""
    day = getattr(line, "date", None)
    return value is None or day is not None and _start(value) == _start(resolve(day, "occurred"))


LEAD_SENTENCES = 6  # headline, dateline and lead: the news the dateline dates


def _lead_end(doc: Doc) -> int:
    """Index of the last sentence of the lead (article sentences only)."""
    article = [i for i, s in enumerate(doc.sentences) if not s.noise]
    return article[min(LEAD_SENTENCES, len(article)) - 1] if article else -1


class DropReferences(CarryRule):
    """Reference points without arguments of their own, and mentions with no
    argument at all (generic talk of "summits" and "visits"), are not events."""

    name = "carry.references"

    def apply(self, doc: Doc, events: list[EventDraft], resolve: DateResolver) -> list[EventDraft]:
        documents_at = {f.trigger.sentence for ev in events if ev.type in DOCUMENT_EVENT_TYPES for f in ev.frames}
        kept = [ev for ev in events if not ev.reference or ev.date or ev.location or ev.persons or ev.sentences & documents_at]
        kept = [ev for ev in kept if ev.date or ev.location or ev.persons or ev.parties or ev.implied_parties]
        return [ev for ev in kept if _has_visitor(ev) and _crosses_border(ev)]


def _has_visitor(ev: EventDraft) -> bool:
    """A visit names who travels: a person, or a state or organization other than
    the destination's ("fans visited Melbourne Park" is no visit)."""
    if ev.type != "visit" or ev.persons:
        return True
    here = ev.location.code if ev.location is not None else None
    return any(m.code != here for m in ev.parties) or bool(ev.implied_parties - {here})


def _crosses_border(ev: EventDraft) -> bool:
    """A diplomatic event has a state or an organization on some side. A visit has
    two, the visitor's and the host's: one with a single side or none is a trip at
    home ("the president's trip to Samarkand") or one whose sides the text does not
    give."""
    sides = {m.code for m in ev.parties if m.code} | set(ev.implied_parties)
    if ev.type == "visit":
        return len(sides) >= 2
    # people named with no state or organization behind any of them: a gathering at
    # home ("Mikati held a consultative meeting with the ministers")
    return bool(sides) or not ev.persons or ev.type == "adoption"


CARRY_RULES: tuple[type[CarryRule], ...] = (OwnDates, Witnesses, Visits, Occasions, Anchors, CancelledOccasions, Groups, VisitHosts, PersonParties, HostParties, BothParties, FocusParties, DatelineCarry, DropReferences)
# The discourse stage runs between these two groups: after group references, before
# persons give their parties.
FIRST = CARRY_RULES[:1]  # dates resolved; then the dates of following sentences (event_dates.FollowingDates, EventDurations)
BEFORE_DISCOURSE = CARRY_RULES[1 : CARRY_RULES.index(Groups) + 1]
AFTER_DISCOURSE = CARRY_RULES[CARRY_RULES.index(Groups) + 1 :]


ONGOING_RULES = ("status:planning_cue", "status:nearest_verb", "status:default")  # "продлится", "will last": not the trigger's own tense
WEAK_STATUS_RULES = ("status:default", "status:nearest_verb")
AHEAD_DAYS = 60


def _start(value: str | None) -> str | None:
    """The first day of a value: ``2024-07-03`` of a range, ``2024-05-01`` of a month."""
    if value is None:
        return None
    first = value.split("/")[0]
    return first + "-01" if len(first) == 7 else first


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
OCCASION_REACH = 3  # sentences: a signing or adoption this close to an occasion may be held at it


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


def _day(value: str | None):  # noqa: ANN202
    import datetime as _dt

    if value and len(value) == 10 and not value.startswith("X"):
        try:
            return _dt.date.fromisoformat(value)
        except ValueError:
            return None
    return None
