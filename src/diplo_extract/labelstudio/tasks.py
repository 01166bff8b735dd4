"""Documents in event-format.md (gold, or the extractor's output) as Label Studio
tasks whose ``predictions`` hold their events, ready to import with
``models/labelstudio/config.xml``.

One event is a trigger region (its first mention) carrying the per-region choices
``type`` and ``status``; its other mentions are trigger regions related to it; each
argument span is a region labelled with its role (``date``, ``location``,
``person``, ``party``, ``document``) carrying its normalized value (``value``;
a document also ``kind`` and ``period``) and related to the trigger. A region of
the same role, span and value is shared by the events it belongs to (one region,
one relation per event). A value with no span in the text (a party the text only
implies) is a line ``party 2: RUS`` of the trigger's ``unanchored`` field: role,
position in the event's list, value.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator

from .vocabulary import KIND, LABELS, PERIOD, STATUS, TEXT, TRIGGER, TYPE, UNANCHORED, VALUE, VALUE_KEYS, Utf16Offsets, period_text

DATA_SKIPPED = ("events", "entities", "languages", "error")  # output-only fields that are not task data


def to_tasks(docs: Iterable[dict], *, model_version: str) -> Iterator[dict]:
    """A task per document (a dict in event-format.md), in order."""
    for doc in docs:
        yield to_task(doc, model_version=model_version)


def to_task(doc: dict, *, model_version: str) -> dict:
    """One document as a Label Studio task: its fields as ``data``, its events as
    the result of one prediction, whose ``score`` is its events' lowest confidence
    when they have one (Label Studio can sort and filter tasks by it)."""
    regions = TaskRegions(doc["text"])
    for event in doc.get("events") or []:
        regions.add_event(event)
    data = {key: value for key, value in doc.items() if key not in DATA_SKIPPED}
    prediction: dict = {"model_version": model_version, "result": regions.results}
    lowest = lowest_confidence(doc)
    if lowest is not None:
        prediction["score"] = lowest
    return {"data": data, "predictions": [prediction]}


def lowest_confidence(doc: dict) -> float | None:
    """The lowest ``confidence`` among a document's events (None when no event has one).

    >>> lowest_confidence({"events": [{"confidence": 0.9}, {"confidence": 0.4}, {}]}), lowest_confidence({"events": []})
    (0.4, None)
    """
    found = [e["confidence"] for e in doc.get("events") or [] if isinstance(e, dict) and isinstance(e.get("confidence"), (int, float))]
    return min(found) if found else None


def most_doubtful_first(docs: Iterable[dict]) -> list[dict]:
    """Documents by their lowest event confidence, lowest first, so that annotators
    review the doubtful ones first; documents without a confidence (no events, or
    gold) come last; ties keep their input order.

    >>> [d["id"] for d in most_doubtful_first([{"id": "a", "events": []}, {"id": "b", "events": [{"confidence": 0.9}]},
    ...                                         {"id": "c", "events": [{"confidence": 0.3}, {"confidence": 0.95}]}])]
    ['c', 'b', 'a']
    """
    keyed = [(lowest_confidence(d), d) for d in docs]
    return [d for low, d in sorted(keyed, key=lambda pair: (pair[0] is None, pair[0] or 0.0))]


class TaskRegions:
    """The result list of one task, built event by event."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.offsets = Utf16Offsets(text)
        self.results: list[dict] = []
        self._shared: dict[tuple, str] = {}
        self._relations: set[tuple[str, str]] = set()
        self._count = 0

    def add_event(self, event: dict) -> None:
        """The regions and relations of one event (it has at least one mention)."""
        first, *others = event["mentions"]
        lines = list(_unanchored_lines(event))
        controls = [(TYPE, "choices", event["type"]), (STATUS, "choices", event["status"])]
        head = self.region(TRIGGER, first, controls + ([(UNANCHORED, "textarea", "\n".join(lines))] if lines else []), shared=False)
        for mention in others:
            self.relate(self.region(TRIGGER, mention, [], shared=False), head, "mention")
        for label, span, controls in _argument_regions(event):
            self.relate(self.region(label, span, controls, shared=True), head, "argument")

    def region(self, label: str, span: dict, controls: list[tuple[str, str, str]], *, shared: bool) -> str:
        """The id of the region of ``span`` (a new one, or the shared one of the same label, span and values)."""
        key = (label, span["start"], span["end"], tuple(controls))
        if shared and key in self._shared:
            return self._shared[key]
        self._count += 1
        rid = f"r{self._count}"
        where = {"start": self.offsets.to_ls(span["start"]), "end": self.offsets.to_ls(span["end"]), "text": span["text"]}
        self.results.append({"id": rid, "from_name": LABELS, "to_name": TEXT, "type": "labels", "value": {**where, "labels": [label]}})
        for name, kind, payload in controls:
            field = "choices" if kind == "choices" else "text"
            self.results.append({"id": rid, "from_name": name, "to_name": TEXT, "type": kind, "value": {**where, field: [payload]}})
        if shared:
            self._shared[key] = rid
        return rid

    def relate(self, argument: str, trigger: str, label: str) -> None:
        """A relation from an argument (or a further mention) to its event's trigger, once."""
        if (argument, trigger) not in self._relations:
            self._relations.add((argument, trigger))
            self.results.append({"from_id": argument, "to_id": trigger, "type": "relation", "direction": "right", "labels": [label]})


def _argument_regions(event: dict) -> Iterator[tuple[str, dict, list[tuple[str, str, str]]]]:
    """(label, span, per-region controls) of every argument span, role by role."""
    for label in ("date", "location"):
        arg = event.get(label)
        if arg is not None:
            value = arg[VALUE_KEYS[label]]
            for span in arg["spans"]:
                yield label, span, [] if value is None else [(VALUE, "textarea", value)]
    for label, field in (("person", "persons"), ("party", "parties")):
        for arg in event.get(field) or []:
            for span in arg["spans"]:
                yield label, span, [(VALUE, "textarea", arg[VALUE_KEYS[label]])]
    document = event.get("document")
    if document is not None:
        controls = [(KIND, "choices", document["kind"]), (VALUE, "textarea", document["title"])]
        period = period_text(document.get("period"))
        for span in document["spans"]:
            yield "document", span, controls + ([(PERIOD, "textarea", period)] if period else [])


def _unanchored_lines(event: dict) -> Iterator[str]:
    """``role [position]: value`` for each value without a span."""
    for label in ("date", "location"):
        arg = event.get(label)
        if arg is not None and not arg["spans"] and arg[VALUE_KEYS[label]] is not None:
            yield f"{label}: {arg[VALUE_KEYS[label]]}"
    for label, field in (("person", "persons"), ("party", "parties")):
        for position, arg in enumerate(event.get(field) or [], 1):
            if not arg["spans"]:
                yield f"{label} {position}: {arg[VALUE_KEYS[label]]}"
