"""One event of one document, as merging sees it: a :class:`Report` with the keys
that reports of the same happening share (type, days, parties, persons, place,
document) computed once.

A report's *window* is the span of days it can describe: the days of its date
value (a visit's single day widened by one on each side: reports date a visit by
its first, its main or its last day), or, with no usable date, days inferred from
the publication date by its status (an occurred event shortly before it, a planned
one within the months after it).
"""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from ..date_values import DaySpan, day_span
from ..schema import ORG_CODES, DocumentResult, Event, PersonArg
from ..translit import normalize_name

__all__ = ["Report", "reports_of", "person_key", "INFERRED"]

INFERRED = "inferred"
OCCURRED_BEFORE_DAYS = 14  # an undated "met" is recent news
PLANNED_WITHIN_DAYS = 90  # an undated "will meet" is for the next months
VISIT_SLACK_DAYS = 1
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")


@dataclass(frozen=True, slots=True)
class Report:
    """One event of one document with its comparison keys."""

    document: str
    index: int
    published: dt.date | None
    lang: str
    event: Event
    days: DaySpan | None  # the days of its own date value
    window: DaySpan | None  # the days it can describe (see the module doc); None: no date, no publication date
    parties: frozenset[str]
    organizations: frozenset[str]
    person_keys: tuple[str, ...]  # one per person of the event, in its order (see person_key)
    persons: frozenset[str]
    place: str | None
    place_cyrillic: bool
    title: str | None
    title_cyrillic: bool

    @property
    def key(self) -> tuple[str, int]:
        """The report's identity: its document id and event index."""
        return (self.document, self.index)

    @property
    def type(self) -> str:
        """The event type."""
        return self.event.type

    @property
    def status(self) -> str:
        """The event status."""
        return self.event.status

    @property
    def date_value(self) -> str | None:
        """The ISO date value as the document gives it."""
        return self.event.date.value if self.event.date else None


def reports_of(results: Iterable[DocumentResult]) -> Iterator[Report]:
    """The reports of every event of ``results``. A document id seen again
    replaces the earlier document; a document without an id is named by its
    position (``#3``)."""
    latest: dict[str, DocumentResult] = {}
    for position, result in enumerate(results, 1):
        latest[result.id if result.id is not None else f"#{position}"] = result
    names = _Names()
    for document in sorted(latest):
        result = latest[document]
        for index, event in enumerate(result.events):
            yield _report(document, index, result, event, names)


class _Names(dict):
    """Comparison keys of names, each computed once per merge."""

    def __missing__(self, name: str) -> str:
        self[name] = key = normalize_name(name)
        return key


def _report(document: str, index: int, result: DocumentResult, event: Event, names: _Names) -> Report:
    days = day_span(event.date.value if event.date else None, result.published)
    place = names[event.location.name] if event.location else None
    title = names[event.document.title] if event.document else None
    codes = frozenset(p.code for p in event.parties)
    person_keys = tuple(p.kb or "name:" + names[_surname(p.name)] for p in event.persons)
    return Report(
        document=document, index=index, published=result.published, lang=result.lang, event=event,
        days=days, window=_window(event, days, result.published),
        parties=codes, organizations=codes & ORG_CODES, person_keys=person_keys,
        persons=frozenset(person_keys),
        place=place or None, place_cyrillic=bool(event.location and _CYRILLIC.search(event.location.name)),
        title=title or None, title_cyrillic=bool(event.document and _CYRILLIC.search(event.document.title)),
    )


def person_key(person: PersonArg) -> str:
    """A person's comparison key: the knowledge-base key, else the normalized surname.

    >>> person_key(PersonArg(name="Сергей Лавров", kb="person:sergei_lavrov")), person_key(PersonArg(name="Х.Фидан"))
    ('person:sergei_lavrov', 'name:kh fidan')
    >>> person_key(PersonArg(name="Ivan Petrovsky")) == person_key(PersonArg(name="Иван Петровский"))
    True
    """
    return person.kb or "name:" + normalize_name(_surname(person.name))


def _surname(name: str) -> str:
    words = name.split()
    return words[-1] if words else name


def _window(event: Event, days: DaySpan | None, published: dt.date | None) -> DaySpan | None:
    if days is not None:
        if event.type == "visit" and days.precision == "day":
            return DaySpan(_shift(days.start, -VISIT_SLACK_DAYS), _shift(days.end, VISIT_SLACK_DAYS), "day")
        return days
    if published is None:
        return None
    before = OCCURRED_BEFORE_DAYS if event.status != "planned" else 0
    after = PLANNED_WITHIN_DAYS if event.status != "occurred" else 0
    return DaySpan(_shift(published, -before), _shift(published, after), INFERRED)


def _shift(day: dt.date, days: int) -> dt.date:
    try:
        return day + dt.timedelta(days=days)
    except OverflowError:  # the calendar's first or last days
        return day
