"""The document's scope: the dateline dates and places what happened in the lead,
and what is no diplomatic event (reference points without arguments, visits with
no visitor, gatherings at home) is dropped."""
from __future__ import annotations

from typing import Any

from ..assembly import DateResolver, EventDraft
from ..doc import Doc
from ..schema import DOCUMENT_EVENT_TYPES
from .base import CarryRule, _start


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
    requires = ("doc.events", "doc.domestic")

    def apply(self, doc: Doc, events: list[EventDraft], resolve: DateResolver) -> list[EventDraft]:
        documents_at = {f.trigger.sentence for ev in events if ev.type in DOCUMENT_EVENT_TYPES for f in ev.frames}
        kept = [ev for ev in events if not ev.reference or ev.date or ev.location or ev.persons or ev.sentences & documents_at]
        kept = [ev for ev in kept if ev.date or ev.location or ev.persons or ev.parties or ev.implied_parties]
        return [ev for ev in kept if _has_visitor(ev) and _crosses_border(ev) and not _refers_to_domestic(ev, doc)]


def _refers_to_domestic(ev: EventDraft, doc: Doc) -> bool:
    """Every mention of a meeting is a word that named a domestic gathering earlier in
    the document ("видеоселекторное совещание ... К совещанию подключились послы"), and
    it has at most one side: it is that gathering again."""
    if ev.type not in ("meeting", "phone_call") or not doc.domestic:
        return False
    sides = {m.code for m in ev.parties if m.code} | set(ev.implied_parties)
    first, words = min(t.start for t in doc.domestic), {t.lemma for t in doc.domestic}
    return len(sides) <= 1 and all(f.trigger.lemma in words and f.trigger.start > first for f in ev.frames)


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
