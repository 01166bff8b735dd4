"""Happenings across documents: the events of many reports merged into one record
per real-world happening, with every source kept.

>>> from diplo_extract.happenings import merge            # doctest: +SKIP
>>> for h in merge(results):                               # doctest: +SKIP
...     print(h.id, h.type, h.status, h.start, [m.document for m in h.members])

How reports are compared and joined: :mod:`.compare` (points per shared type,
dates, parties, persons, place, document title) and :mod:`.clusters` (blocking by
type, party and month; guarded joining, so recurring meetings of other years and
summits of other parties stay apart). What a happening holds: :mod:`.model`.
"""
from __future__ import annotations

import gc
from collections.abc import Iterable, Iterator
from contextlib import contextmanager

from pydantic import ValidationError

from ..errors import DiploExtractError, Errors
from ..jsonl import json_lines
from ..schema import DocumentResult
from .assemble import assemble, happening_id
from .clusters import cluster
from .compare import SAME_HAPPENING, pair_score
from .model import Happening
from .reports import Report, reports_of

__all__ = ["merge", "read_results", "Happening", "happening_id", "pair_score", "SAME_HAPPENING", "Report", "reports_of"]


def merge(results: Iterable[DocumentResult | dict]) -> list[Happening]:
    """The happenings the events of ``results`` report, one per happening.

    Args:
        results: document results of the extractor (objects, or their JSON as dicts).
            A document id seen again replaces the earlier document.

    Returns:
        Happenings sorted by first day (undated last), then type and id. Every event
        of every document is a member of exactly one happening. The output depends
        only on the documents, not on their order.

    Raises:
        DiploExtractError: E082 when a dict is not a document result.
    """
    with _cyclic_gc_paused():
        reports = list(reports_of(_as_result(r, n) for n, r in enumerate(results, 1)))
        happenings = [assemble([reports[i] for i in group]) for group in cluster(reports)]
        happenings.sort(key=lambda h: (h.start is None, h.start or h.end, h.type, h.id))
    return happenings


@contextmanager
def _cyclic_gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector (and restore its state after): merging
    builds millions of small acyclic objects beside a large corpus, and each
    collection would scan the corpus again (half the time of 100,000 events)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _as_result(item: DocumentResult | dict, n: int, path: str = "<results>") -> DocumentResult:
    if isinstance(item, DocumentResult):
        return item
    try:
        return DocumentResult.model_validate(item)
    except ValidationError as exc:
        raise DiploExtractError(Errors.E082.format(path=path, line=n, detail=_first_problem(exc))) from None


def _first_problem(exc: ValidationError) -> str:
    problem = exc.errors()[0]
    where = ".".join(str(p) for p in problem["loc"]) or "the record"
    return f"{where}: {problem['msg']}"


def read_results(path: str) -> Iterator[DocumentResult]:
    """The document results of a JSONL file written by ``diplo-extract extract``.

    Raises:
        DiploExtractError: E030 when the file cannot be read, E082 for a line that is
            not a document result.
    """
    for n, data in json_lines(path, Errors.E082):
        yield _as_result(data, n, path)
