"""Ablation: the ``bench`` figures with each stage of the pipeline switched off.

    python benchmarks/ablation.py [GOLD ...] [--stages carry.visits,carry.groups]

GOLD defaults to ``tests/fixtures/dev``. For each gold set, the first row is the
full pipeline; each further row switches off one stage (``Extractor(disable=[name])``)
and shows event F1, strict F1, argument F1 and each role's F1, with the change in
argument F1 against the full pipeline, and "docs": how many documents' events change
(a stage that changes one document only is probably fitted to it). Stages that every later stage needs (segment,
language, gate, triggers) are left out unless named with ``--stages``.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from diplo_extract import Extractor
from diplo_extract.evaluation import load_gold, score

ROOT = Path(__file__).resolve().parents[1]
ROLES = ("date", "location", "persons", "parties", "document")
ESSENTIAL = ("segment", "language", "gate", "triggers")


def figures(extractor: Extractor, gold: list[dict]) -> tuple[dict[str, float], list[str]]:
    """The bench figures, and each document's events as JSON (to count the documents
    a stage changes)."""
    records = ({"id": g["id"], "text": g["text"], "published": g.get("published")} for g in gold)
    preds = [r.model_dump(mode="json") for r in extractor.extract_many(records)]
    report = score(gold, preds).to_dict(details=False)
    out = {"events": report["events"]["f1"], "strict": report["strict"]["f1"], "arguments": report["arguments"]["f1"]}
    out.update({role: report["roles"][role]["f1"] for role in ROLES})
    return out, [json.dumps(p["events"], sort_keys=True) for p in preds]


def row(name: str, fig: dict[str, float], base: dict[str, float] | None, seconds: float, changed: int | None = None) -> str:
    delta = "" if base is None else f"{fig['arguments'] - base['arguments']:+.3f}"
    cells = " ".join(f"{fig[k]:6.3f}" for k in ("events", "strict", "arguments", *ROLES))
    docs = "" if changed is None else f"{changed:5d}"
    return f"{name:<22} {cells} {delta:>7} {docs:>5} {seconds:6.1f}s"


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("gold", nargs="*", default=[str(ROOT / "tests" / "fixtures" / "dev")])
    p.add_argument("--stages", help="comma-separated stage names to switch off (default: every non-essential stage)")
    args = p.parse_args(argv)
    names = args.stages.split(",") if args.stages else [n for n in Extractor.stage_names if n not in ESSENTIAL]
    header = f"{'stage off':<22} " + " ".join(f"{k[:6]:>6}" for k in ("events", "strict", "args", *ROLES)) + "   Δargs  docs   time"
    for path in args.gold:
        gold = load_gold(path)
        print(f"\n{path} ({len(gold)} documents)\n{header}")
        started = time.perf_counter()
        base, base_docs = figures(Extractor(), gold)
        print(row("(none: full pipeline)", base, None, time.perf_counter() - started), flush=True)
        for name in names:
            started = time.perf_counter()
            fig, docs = figures(Extractor(disable=[name]), gold)
            changed = sum(a != b for a, b in zip(base_docs, docs))
            print(row(name, fig, base, time.perf_counter() - started, changed), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
