"""From the working document to the public result (schema.DocumentResult)."""
from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING

from .actors.kb import ActorKB
from .actors.roles import ROLE_HOLDER
from .assembly import EventDraft, person_id
from .doc import Doc, Mention
from .normalize import NormalizedText
from .schema import DOCUMENT_EVENT_TYPES, DateArg, DocumentArg, DocumentResult, Entity, Event, LanguagePart, LocationArg, PartyArg, Period, PersonArg, Span

if TYPE_CHECKING:
    from .confidence import CalibrationTable

_ENTITY_KINDS = {"PER": "person", "STATE": "state", "ORG": "organization", "BODY": "body"}


class Spans:
    """Makes the result's spans: offsets of the stages' view mapped back to the
    original text, so that ``original[start:end] == span.text`` always holds."""

    def __init__(self, source: NormalizedText) -> None:
        self.source = source
        self._made: dict[tuple[int, int], Span] = {}  # one result's spans: a place recurs across events, and spans are frozen

    def __call__(self, start: int, end: int) -> Span:
        span = self._made.get((start, end))
        if span is None:
            s, e = self.source.span(start, end)
            span = self._made[start, end] = Span(start=s, end=e, text=self.source.original[s:e])
        return span


def to_result(doc: Doc, kb: ActorKB, source: NormalizedText | None = None, calibration: CalibrationTable | None = None) -> DocumentResult:
    """The public result of ``doc``; ``source`` maps its offsets to the text as given
    (``doc.text`` is taken as the original when it is None); ``calibration`` gives each
    event and argument its confidence (none without it)."""
    source = source or NormalizedText(doc.text, doc.text)
    t = Spans(source)
    names = _fullest_names(doc, kb)
    entities, entity_of = _entities(doc, names, t)
    events = [_event(doc, t, ev, k, names, entity_of) for k, ev in enumerate(sorted(doc.events, key=_first_start))]
    if calibration is not None:
        events = calibration.score_events(events, len(source.original))
    return DocumentResult(
        id=doc.id, lang=doc.lang if doc.lang != "und" or not doc.text.strip() else "und", published=doc.published,
        text=source.original, events=events, entities=entities, languages=_languages(doc, t),
    )


def _first_start(ev: EventDraft) -> int:
    return min(t.start for t in ev.triggers)


def _event(doc: Doc, t: Spans, ev: EventDraft, k: int, names: dict[str, str], entity_of: dict[str, str]) -> Event:
    named = [m for m in ev.persons if m.rule != ROLE_HOLDER]
    named_ids = {person_id(m) for m in named}
    triggers = ev.triggers  # a property that gathers and sorts them: read once
    sent = doc.sentences[triggers[0].sentence]
    return Event(
        id=f"e{k + 1}", type=ev.type, status=ev.status, status_rule=ev.status_rule,
        mentions=[t(m.start, m.end) for m in triggers],
        date=_date(t, ev), location=_location(t, ev),
        persons=_persons(t, named, names, entity_of), parties=_parties(t, ev, entity_of),
        role_holders=_persons(t, [m for m in ev.persons if m.rule == ROLE_HOLDER and person_id(m) not in named_ids], names, entity_of),
        document=_document(t, ev), evidence=t(sent.start, sent.end),
    )


def _date(t: Spans, ev: EventDraft) -> DateArg | None:
    if ev.date is None:
        return None
    return DateArg(value=ev.date_value, spans=[t(ev.date.start, ev.date.end)], rule=ev.date_rule)


def _location(t: Spans, ev: EventDraft) -> LocationArg | None:
    m = ev.location
    if m is None or ev.type == "phone_call":
        return None
    return LocationArg(name=m.name or m.text, spans=[t(m.start, m.end)], rule=ev.location_rule or "location:own")


def _persons(t: Spans, persons: list[Mention], names: dict[str, str], entity_of: dict[str, str]) -> list[PersonArg]:
    grouped: dict[str, list[Mention]] = defaultdict(list)
    for m in persons:
        grouped[person_id(m)].append(m)
    return [
        PersonArg(name=names.get(pid, ms[0].name or ms[0].text), spans=_spans(t, ms), entity=entity_of.get(pid), kb=ms[0].key)
        for pid, ms in grouped.items()
    ]


def _parties(t: Spans, ev: EventDraft, entity_of: dict[str, str]) -> list[PartyArg]:
    grouped: dict[str, list[Mention]] = defaultdict(list)
    for m in ev.parties:
        if m.code:
            grouped[m.code].append(m)
    out = [PartyArg(code=code, spans=_spans(t, ms), rule="party:mention", entity=_party_entity(code, entity_of)) for code, ms in grouped.items()]
    out += [PartyArg(code=code, spans=[], rule="party:person", entity=_party_entity(code, entity_of)) for code in sorted(ev.implied_parties - set(grouped))]
    return out


def _party_entity(code: str, entity_of: dict[str, str]) -> str | None:
    return entity_of.get(f"state:{code}") or entity_of.get(f"org:{code}")


def _document(t: Spans, ev: EventDraft) -> DocumentArg | None:
    d = ev.document
    if d is None or ev.type not in DOCUMENT_EVENT_TYPES:
        return None
    period = Period(start=ev.period[0], end=ev.period[1]) if ev.period else None
    return DocumentArg(kind=d.kind, title=d.title, period=period, spans=[t(d.start, d.end)])


def _spans(t: Spans, ms: list[Mention]) -> list[Span]:
    seen = sorted({(m.start, m.end) for m in ms})
    return [t(s, e) for s, e in seen]


def _fullest_names(doc: Doc, kb: ActorKB) -> dict[str, str]:
    """Each person's fullest nominative name in the document (most words); for a
    known person, among the forms that carry the surname."""
    best: dict[str, str] = {}
    for m in doc.mentions + [p for ev in doc.events for p in ev.persons]:
        if m.label != "PER":
            continue
        name = m.name or m.text
        pid = person_id(m)
        if pid not in best or _name_rank(kb, m.key, name, doc.lang) > _name_rank(kb, m.key, best[pid], doc.lang):
            best[pid] = name
    return best


def _name_rank(kb: ActorKB, key: str | None, name: str, lang: str) -> tuple[bool, bool, int, int]:
    """Names in the document's own script rank first (in a mixed document, names
    follow its language); then fuller names: with the surname, more words, fewer
    initials ("Subrahmanyam Jaishankar" over "S. Jaishankar").

    >>> _name_rank(ActorKB([]), None, "S. Jaishankar", "en") < _name_rank(ActorKB([]), None, "Subrahmanyam Jaishankar", "en")
    True
    >>> _name_rank(ActorKB([]), None, "Sergei Lavrov", "ru") < _name_rank(ActorKB([]), None, "Лавров", "ru")
    True
    """
    words = name.split()
    return _in_script(name, lang), _has_surname(kb, key, name, lang), len(words), -sum(len(w.rstrip(".")) <= 1 for w in words)


def _in_script(name: str, lang: str) -> bool:
    """Whether a name is written in the script of ``lang`` (Cyrillic for Russian)."""
    cyrillic = any("\u0400" <= c <= "\u04ff" for c in name)
    return cyrillic if lang == "ru" else not cyrillic


def _has_surname(kb: ActorKB, key: str | None, name: str, lang: str) -> bool:
    person = kb.persons.get((key or "").removeprefix("person:"))
    if person is None or lang not in ("ru", "en"):
        return True
    return getattr(person, lang).last.split()[-1].lower() in name.lower()


def _entities(doc: Doc, names: dict[str, str], t: Spans) -> tuple[list[Entity], dict[str, str]]:
    grouped: dict[str, list[Mention]] = defaultdict(list)
    for m in doc.mentions:
        if m.label in _ENTITY_KINDS:
            grouped[person_id(m) if m.label == "PER" else (m.key or m.text)].append(m)
    out, ids = [], {}
    for k, (key, ms) in enumerate(grouped.items(), 1):
        ids[key] = f"ent{k}"
        first = ms[0]
        out.append(Entity(
            id=f"ent{k}", kind=_ENTITY_KINDS[first.label], name=names.get(key, first.name or first.text),
            names=sorted({m.text for m in ms}), kb=first.key, code=first.code, mentions=_spans(t, ms),
        ))
    return out, ids


def _languages(doc: Doc, t: Spans) -> list[LanguagePart]:
    parts: list[LanguagePart] = []
    for s in doc.sentences:
        start, end = t.source.span(s.start, s.end)
        if parts and parts[-1].lang == s.lang:
            parts[-1] = LanguagePart(lang=s.lang, start=parts[-1].start, end=end)
        else:
            parts.append(LanguagePart(lang=s.lang, start=start, end=end))
    return parts
