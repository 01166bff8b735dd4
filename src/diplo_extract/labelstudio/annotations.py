"""Annotated Label Studio tasks (a JSON export) back to gold in event-format.md.

Mentions are grouped into events through relations (see :mod:`.tasks` for the
layout). A task that breaks the guide is not written: each problem names the task
and, where there is one, the region (an argument with no trigger, a signing with
no document, a span out of range...). The rest of the event format's rules are
checked by the gold validator (:func:`diplo_extract.evaluation.gold.gold_problems`).
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from ..errors import Errors
from ..evaluation.authoring import order_fields
from ..evaluation.gold import gold_problems
from ..schema import DOCUMENT_EVENT_TYPES
from .vocabulary import (KIND, LABELS, PERIOD, ROLE_FIELDS, STATUS, TRIGGER, TYPE, UNANCHORED, UNANCHORED_LINE, VALUE, VALUE_KEYS,
                         Utf16Offsets, parse_period)


@dataclass(frozen=True)
class Problem:
    """Why a task is not written, naming the task and the region."""

    task: str
    message: str
    region: str | None = None

    def __str__(self) -> str:
        if self.region is None:
            return Errors.E071.format(task=self.task, problem=self.message)
        return Errors.E070.format(task=self.task, region=self.region, problem=self.message)


@dataclass
class Region:
    """One labelled span of a task and its per-region values."""

    id: str
    start: int
    end: int
    text: str
    label: str | None = None
    choices: dict[str, str] = field(default_factory=dict)
    texts: dict[str, str] = field(default_factory=dict)

    def span(self) -> dict:
        """The region's span as in event-format.md."""
        return {"start": self.start, "end": self.end, "text": self.text}


def read_export(tasks: Iterable[dict]) -> tuple[list[dict], list[Problem]]:
    """The gold documents of the tasks that follow the guide, and the problems of the others."""
    docs, problems = [], []
    for index, task in enumerate(tasks):
        doc, found = TaskReader(task, index).gold()
        problems.extend(found)
        if doc is not None and not found:
            docs.append(doc)
    return docs, problems


class TaskReader:
    """Reads one exported task: its latest submitted annotation into one gold document."""

    def __init__(self, task: dict, index: int) -> None:
        self.task = task
        data = task.get("data") if isinstance(task, dict) else None
        self.data = data if isinstance(data, dict) else {}
        tid = task.get("id", index + 1) if isinstance(task, dict) else index + 1
        self.name = f"{tid}" + (f" ({self.data['id']})" if self.data.get("id") else "")
        self.problems: list[Problem] = []
        self.dropped: set[str] = set()  # regions already named as broken

    def gold(self) -> tuple[dict | None, list[Problem]]:
        """The document, or None, with the task's problems."""
        text = self.data.get("text")
        result = self._result()
        if not isinstance(text, str) or result is None:
            return None, self.problems
        regions, relations = self._regions(result, text), self._relations(result)
        events = EventGrouper(self, regions, relations).events()
        doc = order_fields({**self.data, "events": events})
        self.problems.extend(Problem(self.name, p.split(": ", 1)[-1]) for p in gold_problems([(f"task {self.name}", doc)]))
        return doc, self.problems

    def problem(self, message: str, region: str | None = None) -> None:
        """Record a problem of this task (of one region when named)."""
        self.problems.append(Problem(self.name, message, region))

    def _result(self) -> list | None:
        if not isinstance(self.data.get("text"), str):
            self.problem("no data.text")
            return None
        done = [a for a in self.task.get("annotations") or [] if isinstance(a, dict) and not a.get("was_cancelled")]
        if not done:
            self.problem("no submitted annotation")
            return None
        return done[-1].get("result") or []

    def _regions(self, result: list, text: str) -> dict[str, Region]:
        offsets, regions = Utf16Offsets(text), {}
        for item in result:
            if item.get("type") == "relation" or item.get("id") is None:
                continue
            value, rid = item.get("value") or {}, str(item["id"])
            region = regions.get(rid) or self._region(rid, value, text, offsets, check_text=item.get("type") != "textarea")
            if region is None:
                self.dropped.add(rid)
                continue
            regions[rid] = region
            self._attach(region, item.get("from_name"), value)
        for rid, region in regions.items():
            if region.label is None and rid not in self.dropped:
                self.problem("a region without a label", rid)
                self.dropped.add(rid)
        return {rid: r for rid, r in regions.items() if r.label is not None}

    def _region(self, rid: str, value: dict, text: str, offsets: Utf16Offsets, *, check_text: bool) -> Region | None:
        start, end = value.get("start"), value.get("end")
        first = offsets.from_ls(start) if isinstance(start, int) else None
        last = offsets.from_ls(end) if isinstance(end, int) else None
        if first is None or last is None or first >= last:
            self.problem(f"span {start}-{end} out of range (the text has {len(text)} characters)", rid)
            return None
        if check_text and isinstance(value.get("text"), str) and value["text"] != text[first:last]:
            self.problem(f"span {start}-{end} reads {text[first:last]!r}, not {value['text']!r}", rid)
            return None
        return Region(rid, first, last, text[first:last])

    def _attach(self, region: Region, control: str | None, value: dict) -> None:
        if control == LABELS:
            labels = value.get("labels") or []
            if len(labels) != 1 or labels[0] not in (TRIGGER, *ROLE_FIELDS):
                self.problem(f"labels {labels} are not one of {TRIGGER}, {', '.join(ROLE_FIELDS)}", region.id)
                self.dropped.add(region.id)
            else:
                region.label = labels[0]
        elif control in (TYPE, STATUS, KIND):
            region.choices[control] = (value.get("choices") or [""])[0]
        elif control in (VALUE, PERIOD, UNANCHORED):
            region.texts[control] = "\n".join(value.get("text") or []).strip()

    def _relations(self, result: list) -> list[tuple[str, str]]:
        return [(str(r.get("from_id")), str(r.get("to_id"))) for r in result if r.get("type") == "relation"]


class EventGrouper:
    """Groups a task's regions into events through its relations."""

    def __init__(self, reader: TaskReader, regions: dict[str, Region], relations: list[tuple[str, str]]) -> None:
        self.reader, self.regions = reader, regions
        self.head_of: dict[str, str] = {}  # a further mention -> its event's trigger
        self.arguments: dict[str, list[str]] = {rid: [] for rid, r in regions.items() if r.label == TRIGGER}
        attached: set[str] = set()
        for source, target in relations:
            self._relate(source, target, attached)
        for rid, region in regions.items():
            if region.label != TRIGGER and rid not in attached:
                reader.problem(f"an argument ({region.label} {region.text!r}) with no trigger", rid)

    def _relate(self, source: str, target: str, attached: set[str]) -> None:
        if source in self.reader.dropped or target in self.reader.dropped:
            return
        if source not in self.regions or target not in self.regions:
            self.reader.problem(f"a relation {source} -> {target} to a region that does not exist")
            return
        a, b = self.regions[source], self.regions[target]
        if a.label == TRIGGER and b.label == TRIGGER:
            mention, head = (target, source) if TYPE in a.choices and TYPE not in b.choices else (source, target)
            self.head_of[mention] = head
        elif TRIGGER in (a.label, b.label):
            argument, trigger = (source, target) if b.label == TRIGGER else (target, source)
            self.arguments[trigger].append(argument)
            attached.add(argument)
        else:
            self.reader.problem(f"a relation between two arguments ({source} -> {target})", source)

    def events(self) -> list[dict]:
        """The task's events, one per trigger that is not a further mention, in region order."""
        events = []
        for rid, region in self.regions.items():
            if region.label != TRIGGER or rid in self.head_of:
                continue
            event = self._event(rid, region)
            if event is not None:
                events.append(event)
        for mention, head in self.head_of.items():
            if head in self.head_of:
                self.reader.problem(f"a mention related to another mention ({head}), not to an event's trigger", mention)
        return events

    def _event(self, rid: str, head: Region) -> dict | None:
        kind, status = head.choices.get(TYPE), head.choices.get(STATUS)
        if not kind or not status:
            self.reader.problem(f"a trigger {head.text!r} without {'type' if not kind else 'status'}", rid)
            return None
        mentions = [head.span()] + [self.regions[m].span() for m, h in self.head_of.items() if h == rid]
        for m, h in self.head_of.items():
            if h == rid:
                self.arguments[rid].extend(self.arguments.get(m, []))
        args = [self.regions[a] for a in self.arguments[rid]]
        event = {"type": kind, "status": status, "mentions": mentions}
        event.update(ArgumentBuilder(self.reader, rid, args, head.texts.get(UNANCHORED, "")).fields())
        if kind in DOCUMENT_EVENT_TYPES and event["document"] is None:
            self.reader.problem(f"a {kind} with no document", rid)
        return event


class ArgumentBuilder:
    """The argument fields of one event from its argument regions and unanchored lines."""

    def __init__(self, reader: TaskReader, trigger: str, regions: list[Region], unanchored: str) -> None:
        self.reader, self.trigger, self.regions = reader, trigger, regions  # in the order of the export's result list
        self.loose = self._unanchored([line for line in unanchored.splitlines() if line.strip()])

    def fields(self) -> dict:
        """date, location, persons, parties and document, in the event format's order."""
        return {"date": self._single("date"), "location": self._single("location"), "persons": self._list("person"),
                "parties": self._list("party"), "document": self._document()}

    def _values(self, label: str) -> list[tuple[str | None, Region]]:
        return [(r.texts.get(VALUE) or None, r) for r in self.regions if r.label == label]

    def _single(self, label: str) -> dict | None:
        found = self._values(label)
        loose = [m["value"] for m in self.loose if m["role"] == label]
        values = list(dict.fromkeys([v for v, _ in found] + loose))
        if len(values) > 1:
            self.reader.problem(f"more than one {label}: {values}", self.trigger)
        if not values:
            return None
        if values[0] is None and label == "location":
            self.reader.problem("a location without its name", found[0][1].id)
        return {VALUE_KEYS[label]: values[0], "spans": [r.span() for _, r in found]}

    def _list(self, label: str) -> list[dict]:
        groups: dict[str, list[dict]] = {}
        for value, region in self._values(label):
            if value is None:
                self.reader.problem(f"a {label} without its normalized value", region.id)
                continue
            groups.setdefault(value, []).append(region.span())
        items = [{VALUE_KEYS[label]: value, "spans": spans} for value, spans in groups.items()]
        loose = sorted(((int(m["position"] or 10**6), n, m["value"]) for n, m in enumerate(self.loose) if m["role"] == label))
        for position, _, value in loose:
            items.insert(min(position - 1, len(items)), {VALUE_KEYS[label]: value, "spans": []})
        return items

    def _document(self) -> dict | None:
        found = [r for r in self.regions if r.label == "document"]
        if not found:
            return None
        first = found[0]
        period_text = first.texts.get(PERIOD, "")
        period = parse_period(period_text) if period_text else None
        if period_text and period is None:
            self.reader.problem(f"period {period_text!r} is not YYYY or YYYY-YYYY", first.id)
        if any((r.choices.get(KIND), r.texts.get(VALUE), r.texts.get(PERIOD, "")) != (first.choices.get(KIND), first.texts.get(VALUE), period_text)
               for r in found[1:]):
            self.reader.problem("document regions of one event disagree on kind, title or period", self.trigger)
        return {"kind": first.choices.get(KIND), "title": first.texts.get(VALUE), "period": period, "spans": [r.span() for r in found]}

    def _unanchored(self, lines: list[str]) -> list[dict]:
        matches = []
        for line in lines:
            match = UNANCHORED_LINE.match(line)
            if match is None:
                self.reader.problem(f"unanchored line {line!r} is not 'role [position]: value' (roles: {', '.join(VALUE_KEYS)})", self.trigger)
            else:
                matches.append(match.groupdict())
        return matches

