"""The text of a result cut into segments at every span boundary, each segment
with the event spans that cover it: what the document page highlights.

>>> from diplo_extract.event_spans import EventSpan
>>> spans = [EventSpan("e1", "meeting", "trigger", 7, 10), EventSpan("e1", "meeting", "persons", 0, 6, "Lavrov"),
...          EventSpan("e2", "signing", "persons", 0, 6, "Lavrov")]
>>> [(s.start, s.end, s.spans) for s in segments("Lavrov met Wang.", spans)]
[(0, 6, (1, 2)), (6, 7, ()), (7, 10, (0,)), (10, 16, ())]
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from ..errors import Errors, InputError
from ..event_spans import EventSpan

__all__ = ["Segment", "segments", "check_spans"]


@dataclass(frozen=True)
class Segment:
    """``text[start:end]`` and the indices (into the span list) of the spans covering it."""

    start: int
    end: int
    spans: tuple[int, ...]


def check_spans(document: str, text: str, spans: Sequence[EventSpan]) -> None:
    """Refuse a span that does not lie inside ``text`` (a hand-edited result).

    Raises:
        InputError: E103, naming the document, the event, the role and the offsets.
    """
    for span in spans:
        if not 0 <= span.start <= span.end <= len(text):
            raise InputError(Errors.E103.format(document=document, event=span.event_id, role=span.role,
                                                start=span.start, end=span.end, length=len(text)))


def segments(text: str, spans: Sequence[EventSpan]) -> list[Segment]:
    """``text`` cut at every start and end of ``spans`` (non-empty spans only), in order;
    each piece lists the spans that cover it, in the order of ``spans``. One sweep over
    the cuts: the spans open at a cut are those started and not yet ended."""
    opening: dict[int, list[int]] = defaultdict(list)
    closing: dict[int, list[int]] = defaultdict(list)
    for n, span in enumerate(spans):
        if span.end > span.start:
            opening[span.start].append(n)
            closing[span.end].append(n)
    cuts = sorted({0, len(text), *opening, *closing})
    open_spans: set[int] = set()
    pieces = []
    for start, end in zip(cuts, cuts[1:], strict=False):
        open_spans.difference_update(closing.get(start, ()))
        open_spans.update(opening.get(start, ()))
        pieces.append(Segment(start, end, tuple(sorted(open_spans))))
    return pieces
