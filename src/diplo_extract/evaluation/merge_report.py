"""``diplo-extract bench-merge``: extract the documents of a merge gold folder,
merge their events into happenings and score the clustering (:mod:`.merge_scoring`);
render the report as text or JSON."""
from __future__ import annotations

import json
import time
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from ..schema import DocumentResult
from .merge_gold import load_merge_gold
from .merge_scoring import MergeReport, score_merge

if TYPE_CHECKING:
    from ..pipeline import Extractor

__all__ = ["run_merge_bench", "render_merge_text", "render_merge_json"]


def run_merge_bench(gold_path: str | Path, extractor: Extractor, *, progress: bool = False, jobs: int = 1) -> tuple[MergeReport, list[DocumentResult]]:
    """Load the merge gold at ``gold_path``, extract its documents with ``extractor``,
    merge the results and score them.

    Returns:
        The report and the document results (in the order of ``documents.jsonl``).

    Raises:
        DiploExtractError: E110-E116 for unusable gold (see :func:`.load_merge_gold`).
    """
    from ..happenings import merge

    gold = load_merge_gold(gold_path)
    started = time.perf_counter()
    results = list(extractor.extract_many(list(gold.documents), progress=progress, jobs=jobs))
    happenings = merge(results)
    return score_merge(gold, results, happenings, seconds=time.perf_counter() - started), results


def render_merge_text(report: MergeReport, *, verbose: bool = False) -> str:
    """The report as a few lines of text; ``verbose`` adds the split and wrongly
    joined gold happenings."""
    lines = [
        f"documents {report.documents}, gold happenings {report.gold_happenings} ({report.gold_multi} with >= 2 reports), "
        f"gold members {report.gold_members}" + (f"; extract + merge {report.seconds:.1f} s" if report.seconds is not None else ""),
        f"members paired with a predicted event: {report.paired} of {report.gold_members}; "
        f"predicted events {report.predicted_events} ({report.predicted_events - report.paired} not in the gold), "
        f"predicted happenings {report.predicted_happenings}",
        f"{'':<10}{'P':>7}{'R':>7}{'F1':>7}",
        *(f"{name:<10}{r.precision:7.3f}{r.recall:7.3f}{r.f1:7.3f}" for name, r in (("B-cubed", report.bcubed), ("pairwise", report.pairwise))),
        _distractors("recurring", report.recurring, report.recurring_merged),
        _distractors("confusable", report.confusable, report.confusable_merged),
    ]
    if report.unmatched:
        lines.append(f"unmatched gold members ({len(report.unmatched)}):")
        lines += [f"  {label}" for label in report.unmatched]
    if verbose:
        lines += _details(report)
    return "\n".join(lines)


def _distractors(name: str, pairs: dict, merged: list[tuple[str, str]]) -> str:
    listed = "".join(f"\n  {a} + {b}" for a, b in merged)
    return f"{name} happening pairs merged: {len(merged)} of {len(pairs)}{listed}"


def _details(report: MergeReport) -> Iterator[str]:
    yield f"gold happenings split by the merge ({len(report.split)}):"
    for happening, parts in report.split.items():
        yield f"  {happening}: " + " | ".join(", ".join(part) for part in parts)
    yield f"predicted happenings joining several gold happenings ({len(report.joined)}):"
    yield from (f"  {' + '.join(ids)}" for ids in report.joined)


def render_merge_json(report: MergeReport) -> str:
    """The report as one JSON object (rates rounded to 4 places; no timing, so the same
    input gives the same bytes)."""
    data = {
        "documents": report.documents, "gold_happenings": report.gold_happenings, "gold_multi_report": report.gold_multi,
        "gold_members": report.gold_members, "paired_members": report.paired, "predicted_events": report.predicted_events,
        "predicted_happenings": report.predicted_happenings,
        "bcubed": report.bcubed.to_dict(), "pairwise": report.pairwise.to_dict(),
        "recurring_pairs": len(report.recurring), "recurring_merged": [list(p) for p in report.recurring_merged],
        "confusable_pairs": len(report.confusable), "confusable_merged": [list(p) for p in report.confusable_merged],
        "unmatched_members": report.unmatched, "split": report.split, "joined": report.joined,
    }
    return json.dumps(data, ensure_ascii=False, indent=2)
