"""brat standoff (``.txt`` + ``.ann``) for the same round trip as Label Studio.

One event is a brat event ``E1\tmeeting:T1 Mention:T5 Date:T2 Person:T3 Person2:T4``
whose trigger (``T1``) is its first mention; further mentions are ``Mention``
entities and arguments; ``A1\tStatus E1 occurred`` is its status. Argument entities are typed
``Date``, ``Location``, ``Person``, ``Party``, ``Document``; their normalized value is
their ``AnnotatorNotes``; a document has ``A\tKind T8 plan`` and a ``Period`` note
(``2021-2023``). A value without a span is an ``AnnotatorNotes`` of the event, one
line each, as in Label Studio's ``unanchored`` field (``party 2: RUS``). Offsets are
code points, as in the event format. The document's other fields (id, lang,
published...) go to ``<id>.meta.json`` beside the two files.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from ..errors import Errors
from ..evaluation.authoring import order_fields
from ..evaluation.gold import gold_problems
from ..schema import DOCUMENT_EVENT_TYPES, EVENT_TYPES
from .vocabulary import UNANCHORED_LINE, VALUE_KEYS, parse_period, period_text

ROLES = {"Date": "date", "Location": "location", "Person": "person", "Party": "party", "Document": "document"}
ENTITY = re.compile(r"^(?P<id>T\d+)\t(?P<type>\S+) (?P<start>\d+) (?P<end>\d+)\t(?P<text>.*)$")


def one_line(text: str) -> str:
    """Text as a standoff line holds it: line breaks and tabs as spaces (offsets unchanged).

    >>> one_line("план\\nконсультаций")
    'план консультаций'
    """
    return re.sub(r"[\t\n\r\u2028\u2029\x0b\x0c\x1c-\x1e\x85]", " ", text)


def annotation_conf() -> str:
    """brat's ``annotation.conf`` for these files: entity, event and attribute types."""
    from ..schema import DOCUMENT_KINDS, STATUSES

    events = [f"{kind}\tMention*:Mention, Date?:Date, Location?:Location, Person*:Person, Party*:Party"
              + (", Document?:Document" if kind in DOCUMENT_EVENT_TYPES else "") for kind in EVENT_TYPES]
    return "\n".join(["[entities]", "Mention", *ROLES, "", "[relations]", "", "[events]", *events, "", "[attributes]",
                      f"Status\tArg:<EVENT>, Value:{'|'.join(STATUSES)}", f"Kind\tArg:Document, Value:{'|'.join(DOCUMENT_KINDS)}", ""])


@dataclass(frozen=True)
class BratProblem:
    """Why a brat document is not written, naming the document and the annotation."""

    document: str
    annotation: str
    message: str

    def __str__(self) -> str:
        return Errors.E073.format(document=self.document, annotation=self.annotation, problem=self.message)


def to_ann(doc: dict) -> str:
    """The ``.ann`` text of one document in event-format.md."""
    return "".join(line + "\n" for line in AnnWriter(doc["text"]).lines(doc.get("events") or []))


class AnnWriter:
    """Builds the standoff lines of one document, event by event."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.entities: list[str] = []
        self.others: list[str] = []
        self._shared: dict[tuple, str] = {}
        self._count = {"T": 0, "E": 0, "A": 0, "#": 0}

    def lines(self, events: list[dict]) -> list[str]:
        """The standoff lines of ``events``: text-bound annotations first, then events, attributes, notes."""
        for event in events:
            self._event(event)
        return self.entities + self.others

    def _next(self, prefix: str) -> str:
        self._count[prefix] += 1
        return f"{prefix}{self._count[prefix]}"

    def _entity(self, kind: str, span: dict, notes: tuple[tuple[str, str], ...] = (), attributes: tuple = (), shared: bool = True) -> str:
        key = (kind, span["start"], span["end"], notes, attributes)
        if shared and key in self._shared:
            return self._shared[key]
        tid = self._next("T")
        self.entities.append(f"{tid}\t{kind} {span['start']} {span['end']}\t{one_line(span['text'])}")
        for name, value in attributes:
            self.others.append(f"{self._next('A')}\t{name} {tid} {value}")
        for name, note in notes:
            self.others.append(f"{self._next('#')}\t{name} {tid}\t{one_line(note)}")
        self._shared[key] = tid
        return tid

    def _event(self, event: dict) -> None:
        first, *others = event["mentions"]
        trigger = self._entity(event["type"], first, shared=False)
        args = [("Mention", self._entity("Mention", m, shared=False)) for m in others]
        args += [(role, self._entity(role, span, notes, attributes)) for role, span, notes, attributes in _arguments(event)]
        eid = self._next("E")
        counts: dict[str, int] = {}
        named = []
        for role, tid in args:
            counts[role] = counts.get(role, 0) + 1
            named.append(f"{role}{counts[role] if counts[role] > 1 else ''}:{tid}")
        head = f"{event['type']}:{trigger}"
        self.others.append(f"{eid}\t{' '.join([head, *named])}")
        self.others.append(f"{self._next('A')}\tStatus {eid} {event['status']}")
        for line in _unanchored(event):
            self.others.append(f"{self._next('#')}\tAnnotatorNotes {eid}\t{line}")


def _arguments(event: dict) -> Iterator[tuple[str, dict, tuple, tuple]]:
    for role, key in (("Date", "date"), ("Location", "location")):
        arg = event.get(key)
        if arg is not None:
            notes = () if arg[VALUE_KEYS[key]] is None else (("AnnotatorNotes", arg[VALUE_KEYS[key]]),)
            for span in arg["spans"]:
                yield role, span, notes, ()
    for role, key, label in (("Person", "persons", "person"), ("Party", "parties", "party")):
        for arg in event.get(key) or []:
            for span in arg["spans"]:
                yield role, span, (("AnnotatorNotes", arg[VALUE_KEYS[label]]),), ()
    document = event.get("document")
    if document is not None:
        period = period_text(document.get("period"))
        notes = (("AnnotatorNotes", document["title"]),) + ((("Period", period),) if period else ())
        for span in document["spans"]:
            yield "Document", span, notes, (("Kind", document["kind"]),)


def _unanchored(event: dict) -> Iterator[str]:
    for key in ("date", "location"):
        arg = event.get(key)
        if arg is not None and not arg["spans"] and arg[VALUE_KEYS[key]] is not None:
            yield f"{key}: {arg[VALUE_KEYS[key]]}"
    for key, label in (("persons", "person"), ("parties", "party")):
        for position, arg in enumerate(event.get(key) or [], 1):
            if not arg["spans"]:
                yield f"{label} {position}: {arg[VALUE_KEYS[label]]}"


@dataclass
class Entity:
    """A text-bound annotation (``T``) with its attributes and notes."""

    id: str
    kind: str
    start: int
    end: int
    text: str
    notes: dict[str, str] = field(default_factory=dict)
    attributes: dict[str, str] = field(default_factory=dict)

    def span(self) -> dict:
        """The entity's span as in event-format.md."""
        return {"start": self.start, "end": self.end, "text": self.text}


def from_ann(meta: dict, text: str, ann: str) -> tuple[dict | None, list[BratProblem]]:
    """One gold document from its metadata, text and ``.ann``; None with the problems
    when it breaks the guide."""
    return AnnReader(meta, text, ann).gold()


class AnnReader:
    """Reads one ``.ann`` into the events of event-format.md."""

    def __init__(self, meta: dict, text: str, ann: str) -> None:
        self.meta, self.text, self.name = meta, text, str(meta.get("id"))
        self.problems: list[BratProblem] = []
        self.entities: dict[str, Entity] = {}
        self.events: list[tuple[str, list[tuple[str, str]]]] = []
        self.event_notes: dict[str, list[str]] = {}
        self.status: dict[str, str] = {}
        self.dropped: set[str] = set()  # entities already named as broken
        for n, line in enumerate(ann.splitlines(), 1):
            if line.strip():
                self._line(line, n)

    def problem(self, annotation: str, message: str) -> None:
        """Record a problem of this document, naming the annotation."""
        self.problems.append(BratProblem(self.name, annotation, message))

    def _line(self, line: str, n: int) -> None:
        head, _, rest = line.partition("\t")
        if head.startswith("T"):
            self._entity(line, head)
        elif head.startswith("E"):
            trigger, *args = [tuple(part.split(":", 1)) for part in rest.split()]
            self.events.append((head, [trigger, *args]))
        elif head.startswith("A"):
            name, target, *value = rest.split()
            if name == "Status":
                self.status[target] = value[0] if value else ""
            elif target in self.entities:
                self.entities[target].attributes[name] = value[0] if value else ""
        elif head.startswith("#"):
            kind_target, _, note = rest.partition("\t")
            kind, _, target = kind_target.partition(" ")
            if target.startswith("E"):
                self.event_notes.setdefault(target, []).append(note)
            elif target in self.entities:
                self.entities[target].notes[kind] = note
        else:
            self.problem(f"line {n}", f"an annotation this format does not use (T, E, A, #): {line[:40]!r}")

    def _entity(self, line: str, tid: str) -> None:
        match = ENTITY.match(line)
        if match is None:
            self.problem(tid, "not 'T<n>\\t<type> <start> <end>\\t<text>' (discontinuous spans are not used)")
            return
        start, end = int(match["start"]), int(match["end"])
        if not 0 <= start < end <= len(self.text):
            self.problem(tid, f"span {start}-{end} out of range (the text has {len(self.text)} characters)")
            self.dropped.add(tid)
        elif one_line(self.text[start:end]) != match["text"]:
            self.problem(tid, f"span {start}-{end} reads {self.text[start:end]!r}, not {match['text']!r}")
            self.dropped.add(tid)
        else:
            self.entities[tid] = Entity(tid, match["type"], start, end, match["text"])

    def gold(self) -> tuple[dict | None, list[BratProblem]]:
        """The gold document, or None when it breaks the guide, with its problems."""
        used = {tid for _, args in self.events for _, tid in args}
        for tid, entity in self.entities.items():
            if (entity.kind in ROLES or entity.kind == "Mention") and tid not in used:
                self.problem(tid, f"an argument ({entity.kind} {entity.text!r}) with no trigger")
        events = [e for e in (self._event(eid, args) for eid, args in self.events) if e is not None]
        doc = order_fields({**self.meta, "text": self.text, "events": events})
        self.problems.extend(BratProblem(self.name, "-", p.split(": ", 1)[-1]) for p in gold_problems([(self.name, doc)]))
        return (None if self.problems else doc), self.problems

    def _event(self, eid: str, args: list[tuple[str, str]]) -> dict | None:
        (kind, trigger), *rest = args
        if kind not in EVENT_TYPES or trigger not in self.entities or eid not in self.status:
            self.problem(eid, f"not an event with a known trigger, type and status ({kind}:{trigger})")
            return None
        found = [(re.sub(r"\d+$", "", role), self.entities.get(tid), tid) for role, tid in rest if tid not in self.dropped]
        for role, entity, tid in found:
            if entity is None or role not in (*ROLES, "Mention"):
                self.problem(eid, f"argument {role}:{tid} is not a known role with an entity")
        found = [(role, entity) for role, entity, _ in found if entity is not None]
        event = {"type": kind, "status": self.status[eid],
                 "mentions": [self.entities[trigger].span()] + [e.span() for role, e in found if role == "Mention"]}
        loose = [m.groupdict() for m in map(UNANCHORED_LINE.match, self.event_notes.get(eid, [])) if m]
        event["date"], event["location"] = self._single(found, "Date", loose), self._single(found, "Location", loose)
        event["persons"], event["parties"] = self._list(found, "Person", loose), self._list(found, "Party", loose)
        event["document"] = self._document(eid, found)
        if kind in DOCUMENT_EVENT_TYPES and event["document"] is None:
            self.problem(eid, f"a {kind} with no document")
        return event

    def _single(self, found: list, role: str, loose: list[dict]) -> dict | None:
        label = ROLES[role]
        entities = [e for r, e in found if r == role]
        values = list(dict.fromkeys([e.notes.get("AnnotatorNotes") for e in entities] + [m["value"] for m in loose if m["role"] == label]))
        if not values:
            return None
        return {VALUE_KEYS[label]: values[0], "spans": [e.span() for e in entities]}

    def _list(self, found: list, role: str, loose: list[dict]) -> list[dict]:
        label, groups = ROLES[role], {}
        for r, entity in found:
            if r == role:
                groups.setdefault(entity.notes.get("AnnotatorNotes") or entity.text, []).append(entity.span())
        items = [{VALUE_KEYS[label]: value, "spans": spans} for value, spans in groups.items()]
        for position, _, value in sorted((int(m["position"] or 10**6), n, m["value"]) for n, m in enumerate(loose) if m["role"] == label):
            items.insert(min(position - 1, len(items)), {VALUE_KEYS[label]: value, "spans": []})
        return items

    def _document(self, eid: str, found: list) -> dict | None:
        entities = [e for r, e in found if r == "Document"]
        if not entities:
            return None
        first = entities[0]
        period = parse_period(first.notes["Period"]) if "Period" in first.notes else None
        return {"kind": first.attributes.get("Kind"), "title": first.notes.get("AnnotatorNotes", first.text), "period": period,
                "spans": [e.span() for e in entities]}
