"""Render a scoring :class:`~diplo_extract.evaluation.scoring.Report` as text or JSON.

:func:`render_text` gives compact tables (events, strict, arguments, per role,
status confusion, bad spans; per type with ``by_type=True``; the per-document
listing with ``verbose=True``). :func:`render_json` gives ``Report.to_dict()``
as JSON. :func:`render_docs` gives the per-document listing alone.
"""
from __future__ import annotations

import json
from collections.abc import Iterable, Mapping

from diplo_extract.evaluation.scoring import BadSpan, Counts, DocDetail, EventSummary, PairDetail, Report

__all__ = ["render_text", "render_json", "render_docs"]

_LABEL = 14
_CONFUSION_TITLE = "status (gold \\ pred)"
_HEADER = f"{'P':>6} {'R':>6} {'F1':>6} {'tp':>5} {'fp':>5} {'fn':>5}"


def _row(label: str, counts: Counts) -> str:
    """One table row: label, P, R, F1 and the counts.

    >>> _row("events", Counts(tp=3, fp=1, fn=3))
    'events         0.750  0.500  0.600     3     1     3'
    """
    rates = f"{counts.precision:6.3f} {counts.recall:6.3f} {counts.f1:6.3f}"
    return f"{label:<{_LABEL}}{rates} {counts.tp:5d} {counts.fp:5d} {counts.fn:5d}"


def _table(title: str, rows: Mapping[str, Counts]) -> list[str]:
    """A titled table of count rows, indented under its header."""
    return [f"{title:<{_LABEL}}{_HEADER}", *(_row(f"  {k}", v) for k, v in rows.items())]


def _heading(report: Report) -> str:
    """Number of documents and, when known, the time taken.

    >>> _heading(Report(4, Counts(), Counts(), {}, {}, Counts(), {}, seconds=2.0))
    'documents: 4   time: 2.00 s (2.0 docs/s)'
    """
    line = f"documents: {report.n_docs}"
    if report.seconds is None:
        return line
    rate = f" ({report.n_docs / report.seconds:.1f} docs/s)" if report.seconds > 0 else ""
    return f"{line}   time: {report.seconds:.2f} s{rate}"


def _summary_table(report: Report) -> list[str]:
    """Events, strict events and all arguments (micro-averaged)."""
    rows = {"events": report.events, "strict": report.strict, "arguments": report.arguments}
    return [f"{'':<{_LABEL}}{_HEADER}", *(_row(k, v) for k, v in rows.items())]


def _confusion(matrix: Mapping[str, Mapping[str, int]]) -> list[str]:
    """The status confusion matrix, gold statuses as rows.

    >>> print("\\n".join(_confusion({"occurred": {"occurred": 2, "planned": 1},
    ...                               "planned": {"occurred": 0, "planned": 3}})))
    status (gold \\ pred)  occurred   planned
      occurred                   2         1
      planned                    0         3
    """
    columns = list(next(iter(matrix.values()), {}))
    head = f"{_CONFUSION_TITLE:<20}" + "".join(f"{c:>10}" for c in columns)
    rows = [f"  {g:<18}" + "".join(f"{cells.get(c, 0):>10d}" for c in columns) for g, cells in matrix.items()]
    return [head, *rows]


def _bad_spans(spans: tuple[BadSpan, ...], limit: int | None) -> list[str]:
    """The bad-span count and up to ``limit`` of them (all when ``None``)."""
    shown = spans if limit is None else spans[:limit]
    lines = [f"bad spans: {len(spans)}", *(f"  {b.doc_id}: {b.path}: {b.problem}" for b in shown)]
    hidden = len(spans) - len(shown)
    return lines + ([f"  ... and {hidden} more"] if hidden else [])


def _notes(report: Report) -> list[str]:
    """Predicted documents with no gold, and documents whose text differs from gold."""
    notes = []
    if report.extra_docs:
        notes.append(f"predicted documents not in gold (not scored): {', '.join(report.extra_docs)}")
    if report.text_mismatches:
        notes.append(f"predicted text differs from gold: {', '.join(report.text_mismatches)}")
    return notes


def render_text(report: Report, *, by_type: bool = False, verbose: bool = False,
                max_bad_spans: int | None = 10) -> str:
    """A compact human-readable rendering of ``report``.

    ``by_type`` adds the per-type table; ``verbose`` adds the per-document listing
    and lists every bad span.
    """
    blocks: list[list[str]] = [[_heading(report)], _summary_table(report)]
    if by_type:
        blocks.append(_table("by type", report.by_type))
    blocks += [_table("by role", report.roles), _confusion(report.status_confusion)]
    blocks.append(_bad_spans(report.bad_spans, None if verbose else max_bad_spans) + _notes(report))
    if verbose:
        blocks.append([render_docs(report)])
    return "\n\n".join("\n".join(block) for block in blocks)


def render_json(report: Report, *, details: bool = True) -> str:
    """``report.to_dict(details)`` as indented JSON (non-ASCII kept)."""
    return json.dumps(report.to_dict(details=details), ensure_ascii=False, indent=2)


# ---------------------------------------------------------------- per document


def _event(e: EventSummary) -> str:
    """One event in a listing line.

    >>> _event(EventSummary(0, "meeting", "occurred", "заседании", "2020-11-26"))
    '#0 meeting occurred "заседании" 2020-11-26'
    """
    mention = f'"{e.mention}"' if e.mention is not None else "-"
    return f"#{e.index} {e.type} {e.status} {mention} {e.date or '-'}"


def _pair(p: PairDetail) -> str:
    """One paired event: gold, predicted, how they linked and what disagrees."""
    status = "" if p.status_match else "  STATUS"
    roles = f"  args: {', '.join(p.mismatched_roles)}" if p.mismatched_roles else ""
    return f"  paired    {_event(p.gold)}  <->  {_event(p.pred)}  [{p.via}]{status}{roles}"


def _doc_lines(d: DocDetail) -> list[str]:
    """The listing of one document."""
    n_gold, n_pred = len(d.paired) + len(d.gold_only), len(d.paired) + len(d.pred_only)
    missing = "  (missing from predictions)" if d.missing else ""
    head = f"== {d.doc_id}: {n_gold} gold, {n_pred} predicted, {len(d.paired)} paired{missing}"
    return [head, *map(_pair, d.paired),
            *(f"  missed    {_event(e)}" for e in d.gold_only),
            *(f"  spurious  {_event(e)}" for e in d.pred_only)]


def render_docs(report: Report, docs: Iterable[DocDetail] | None = None) -> str:
    """The per-document listing (all documents of ``report`` unless ``docs`` given)."""
    chosen = report.docs if docs is None else docs
    return "\n".join(line for d in chosen for line in _doc_lines(d))
