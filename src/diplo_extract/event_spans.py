"""The spans of a result's events, flat: one :class:`EventSpan` per trigger or
argument span, labelled ``<type>:<role>`` (``meeting:trigger``, ``signing:document``).

The spaCy component (``doc.spans``) and the displaCy view read events through
this one list, so both show the same spans with the same labels.

>>> from diplo_extract.schema import DocumentResult, Event, PartyArg, Span
>>> result = DocumentResult(lang="en", text="Lavrov met Wang in Beijing.", events=[
...     Event(id="e1", type="meeting", status="occurred", mentions=[Span(start=7, end=10, text="met")],
...           parties=[PartyArg(code="CHN", spans=[Span(start=19, end=26, text="Beijing")])])])
>>> [(s.label, s.start, s.end, s.value) for s in event_spans(result)]
[('meeting:trigger', 7, 10, None), ('meeting:parties', 19, 26, 'CHN')]
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from .schema import DocumentResult, Event, Span

ROLES: tuple[str, ...] = ("trigger", "date", "location", "persons", "parties", "document")


@dataclass(frozen=True)
class EventSpan:
    """One span of one event: its role, its offsets into the text, and the
    normalized value it supports (a date, a name, a party code, a document kind)."""

    event_id: str
    event_type: str
    role: str
    start: int
    end: int
    value: str | None = None

    @property
    def label(self) -> str:
        """``<type>:<role>``, e.g. ``meeting:persons``."""
        return f"{self.event_type}:{self.role}"


def event_spans(result: DocumentResult) -> list[EventSpan]:
    """Every trigger and argument span of ``result``'s events, event by event,
    role by role (in :data:`ROLES` order), in the order the result lists them."""
    return [span for n, event in enumerate(result.events, 1) for span in _spans_of(event, event.id or f"e{n}")]


def _spans_of(event: Event, event_id: str) -> Iterator[EventSpan]:
    for role, value, spans in _role_values(event):
        for span in spans:
            yield EventSpan(event_id, event.type, role, span.start, span.end, value)


def _role_values(event: Event) -> Iterator[tuple[str, str | None, list[Span]]]:
    """(role, normalized value, spans) for each value the event holds."""
    yield "trigger", None, event.mentions
    if event.date is not None:
        yield "date", event.date.value, event.date.spans
    if event.location is not None:
        yield "location", event.location.name, event.location.spans
    for person in event.persons:
        yield "persons", person.name, person.spans
    for party in event.parties:
        yield "parties", party.code, party.spans
    if event.document is not None:
        yield "document", event.document.kind, event.document.spans
