"""Labelling predictions against gold, for calibration and for the reliability table.

An event is correct when the scorer pairs it with a gold event of its type
(:func:`~diplo_extract.evaluation.scoring.pair_events`); an argument is correct when
its event is paired and the argument alone matches the paired gold event's under
:func:`~diplo_extract.evaluation.scoring.compare_arguments`.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from ..evaluation.scoring import compare_arguments, pair_events
from ..schema import DocumentResult, Event
from .calibration import CalibrationTable
from .features import Argument, argument_features, arguments, event_features
from .fitting import Example

RELIABILITY_EDGES: tuple[float, ...] = (0.0, 0.5, 0.6, 0.7, 0.8, 0.9)  # lower edges of the reported bins
_ROLE_KEYS = {"date": "date", "location": "location", "person": "persons", "party": "parties", "document": "document"}
_LISTED = ("person", "party")


@dataclass(frozen=True)
class Labelled:
    """One predicted event with whether it is correct, and its arguments likewise."""

    event: Event
    text_length: int
    correct: bool
    arguments: tuple[tuple[str, Argument, bool], ...]


def labelled_events(gold_docs: Sequence[dict[str, Any]], results: Iterable[DocumentResult]) -> Iterator[Labelled]:
    """Every predicted event of ``results`` labelled against the gold document of its id."""
    gold_by_id = {str(g.get("id")): g for g in gold_docs}
    for result in results:
        gold = (gold_by_id.get(str(result.id)) or {}).get("events") or []
        preds = [e.model_dump(mode="json") for e in result.events]
        paired = {j: gold[i] for i, j, _ in pair_events(gold, preds)}
        for j, event in enumerate(result.events):
            match = paired.get(j)
            args = tuple((role, arg, match is not None and argument_matches(role, arg, match)) for role, arg in arguments(event))
            yield Labelled(event, len(result.text), match is not None, args)


def argument_matches(role: str, argument: Argument, gold_event: dict[str, Any]) -> bool:
    """Whether ``argument`` alone matches ``gold_event``'s ``role`` under the scorer.

    >>> from diplo_extract.schema import PartyArg
    >>> argument_matches("party", PartyArg(code="RUS"), {"parties": [{"code": "RUS"}, {"code": "BLR"}]})
    True
    >>> argument_matches("party", PartyArg(code="CHN"), {"parties": [{"code": "RUS"}]})
    False
    """
    key = _ROLE_KEYS[role]
    value = argument.model_dump(mode="json")
    pred = {key: [value] if role in _LISTED else value}
    return compare_arguments(gold_event, pred)[key].tp >= 1


def event_examples(labelled: Sequence[Labelled]) -> list[Example]:
    """Training examples for the event scorer."""
    return [Example(event_features(x.event, x.text_length), x.correct) for x in labelled]


def argument_examples(labelled: Sequence[Labelled], table: CalibrationTable, role: str) -> list[Example]:
    """Training examples for the scorer of ``role``; the event's raw score comes from
    ``table``'s (already fitted) event scorer."""
    out = []
    for x in labelled:
        raw = table.event.raw(event_features(x.event, x.text_length))
        out += [Example(argument_features(r, arg, x.event, raw), ok) for r, arg, ok in x.arguments if r == role]
    return out


@dataclass(frozen=True)
class ReliabilityRow:
    """One bin of predicted confidence against observed precision."""

    low: float
    high: float
    count: int
    correct: int
    mean_confidence: float

    @property
    def precision(self) -> float | None:
        return self.correct / self.count if self.count else None


def reliability(pairs: Iterable[tuple[float, bool]], edges: Sequence[float] = RELIABILITY_EDGES) -> list[ReliabilityRow]:
    """``(confidence, correct)`` pairs binned by confidence (the last bin includes 1.0).

    >>> [(r.low, r.count, r.precision) for r in reliability([(0.95, True), (0.92, False), (0.3, False)], (0.0, 0.9))]
    [(0.0, 1, 0.0), (0.9, 2, 0.5)]
    """
    bounds = [*edges[1:], float("inf")]
    rows = []
    items = list(pairs)
    for low, high in zip(edges, bounds):
        inside = [(c, ok) for c, ok in items if low <= c < high]
        mean = sum(c for c, _ in inside) / len(inside) if inside else 0.0
        rows.append(ReliabilityRow(low, min(high, 1.0), len(inside), sum(ok for _, ok in inside), mean))
    return rows


def render_reliability(title: str, rows: Sequence[ReliabilityRow]) -> str:
    """A Markdown table of ``rows``."""
    lines = [f"| {title} confidence | count | mean confidence | correct | observed precision |", "|---|---:|---:|---:|---:|"]
    for r in rows:
        span = f"[{r.low:.1f}, {r.high:.1f}]" if r.high >= 1.0 else f"[{r.low:.1f}, {r.high:.1f})"
        precision = "–" if r.precision is None else f"{r.precision:.3f}"
        mean = "–" if not r.count else f"{r.mean_confidence:.3f}"
        lines.append(f"| {span} | {r.count} | {mean} | {r.correct} | {precision} |")
    return "\n".join(lines)
