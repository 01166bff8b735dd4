"""Fit the confidence calibration table on the dev fixtures, or report its reliability.

    python benchmarks/calibrate.py                      # fit on tests/fixtures/dev, write models/confidence/calibration.yaml
    python benchmarks/calibrate.py --z 1.645            # each bin at the Wilson lower bound of its dev precision
    python benchmarks/calibrate.py --report heldout     # the stored table's reliability on tests/fixtures/heldout
    python benchmarks/calibrate.py --report dev --predictions dev.jsonl   # reuse `bench --predictions` output

An event is correct when the scorer pairs it with a gold event of its type; an argument
when its event is paired and it matches the gold event's under the scorer
(``src/diplo_extract/confidence/reliability.py``). Held-out gold is read only by
``--report``: nothing is fitted on it.
"""
from __future__ import annotations

import argparse
import json
import logging
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
SETS = {"dev": ROOT / "tests" / "fixtures" / "dev", "heldout": ROOT / "tests" / "fixtures" / "heldout"}
TABLE = ROOT / "models" / "confidence" / "calibration.yaml"
Z_DEFAULT = 1.645  # one-sided 95 %: a bin's confidence is the Wilson lower bound of its dev precision

log = logging.getLogger("calibrate")


def main(argv: list[str] | None = None) -> int:
    """Fit and write the table, or (``--report``) print reliability tables."""
    args = _parser().parse_args(argv)
    from diplo_extract.errors import DiploExtractError

    try:
        gold_path = SETS.get(args.report or args.gold, Path(args.report or args.gold))
        gold, results = _gold_and_results(gold_path, args.predictions)
        if args.report:
            print(report(gold, results, _stored_table(args.table), name=str(args.report)))
            return 0
        table = fit(gold, results, z=args.z, min_bin=args.min_bin)
        Path(args.out).write_text(dump_table(table, args), encoding="utf-8")
        print(report(gold, results, table, name=f"{args.gold} (fitted on)"))
        print(f"\nwritten {args.out}", file=sys.stderr)
    except DiploExtractError as exc:
        print(f"calibrate: error: {exc}", file=sys.stderr)
        return 2
    return 0


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--gold", default="dev", help="gold to fit on: dev (default), heldout or a path")
    p.add_argument("--report", metavar="SET", help="only print the stored table's reliability on this gold set (dev, heldout or a path)")
    p.add_argument("--predictions", metavar="JSONL", help="predicted documents (from `diplo-extract bench --predictions`) instead of extracting")
    p.add_argument("--z", type=float, default=Z_DEFAULT, help=f"Wilson lower bound in standard errors for each bin (default {Z_DEFAULT}; 0: the point estimate)")
    p.add_argument("--min-bin", type=int, default=20, help="fewest dev examples in a bin (default 20)")
    p.add_argument("--out", default=str(TABLE), help="where to write the table")
    p.add_argument("--table", default=str(TABLE), help="the table --report reads (default: the packaged one)")
    return p


def _stored_table(path: str):  # noqa: ANN202 - a CalibrationTable
    """The calibration table in the YAML file ``path`` (validated; E120 if invalid)."""
    from diplo_extract.confidence.calibration import read_table

    return read_table(Path(path))


def _gold_and_results(path: Path, predictions: str | None) -> tuple[list[dict], list]:
    from diplo_extract import DocumentResult, Extractor
    from diplo_extract.errors import Errors, InputError
    from diplo_extract.evaluation import load_gold

    gold = load_gold(path) if path.exists() else []
    if not gold:
        raise InputError(Errors.E123.format(path=path))
    if predictions:
        lines = Path(predictions).read_text(encoding="utf-8").splitlines()
        return gold, [DocumentResult.model_validate_json(line) for line in lines if line.strip()]
    records = [{"id": g["id"], "text": g["text"], "published": g.get("published")} for g in gold]
    return gold, list(Extractor().extract_many(records, progress=sys.stderr.isatty()))


def fit(gold: list[dict], results: list, *, z: float, min_bin: int):  # noqa: ANN201 - a CalibrationTable
    """The event scorer first, then each role's (which reads the event's raw score)."""
    from diplo_extract.confidence import ROLES, CalibrationTable, ScoreBin, Scorer
    from diplo_extract.confidence.fitting import fit_scorer
    from diplo_extract.confidence.reliability import argument_examples, event_examples, labelled_events

    labelled = list(labelled_events(gold, results))
    event = fit_scorer(event_examples(labelled), z=z, min_bin=min_bin)
    blank = Scorer(bins=[ScoreBin(above=None, confidence=0.5)])
    table = CalibrationTable(event=event, roles={r: blank for r in ROLES})
    roles = {r: fit_scorer(argument_examples(labelled, table, r), z=z, min_bin=min_bin) for r in ROLES}
    return CalibrationTable(event=event, roles=roles)


def report(gold: list[dict], results: list, table, *, name: str) -> str:  # noqa: ANN001 - a CalibrationTable
    """Reliability tables of events and of arguments (confidence from ``table``)."""
    from diplo_extract.confidence.features import arguments
    from diplo_extract.confidence.reliability import labelled_events, reliability, render_reliability

    labelled = list(labelled_events(gold, results))
    events, args = [], []
    for x in labelled:
        scored = table.score_event(x.event, x.text_length)
        events.append((scored.confidence, x.correct))
        args += [(a.confidence, ok) for (_, a), (_, _, ok) in zip(arguments(scored), x.arguments)]
    top = [ok for c, ok in events if c >= 0.9]
    share = f"{sum(top)}/{len(top)} = {sum(top) / len(top):.3f}" if top else "none"
    return "\n".join([
        f"## {name}: {len(gold)} documents, {len(events)} predicted events, {len(args)} arguments",
        "", render_reliability("event", reliability(events)), "", render_reliability("argument", reliability(args)), "",
        f"events with confidence >= 0.9 that are correct: {share}",
    ])


def dump_table(table, args: argparse.Namespace) -> str:  # noqa: ANN001 - a CalibrationTable
    """The table as YAML, with a header saying how it was made."""
    data = table.model_dump(mode="json", exclude={"note"})
    note = (f"fitted by benchmarks/calibrate.py on {args.gold} (z={args.z}, min-bin={args.min_bin}): "
            "logistic weights over the features of src/diplo_extract/confidence/features.py, isotonic bins of the raw score")
    header = "# Confidence calibration table: data, not code. Regenerate with `python benchmarks/calibrate.py`.\n"
    return header + yaml.safe_dump({"note": note, **json.loads(json.dumps(data))}, sort_keys=False, allow_unicode=True, width=120)


if __name__ == "__main__":
    logging.basicConfig(level=logging.WARNING)
    sys.exit(main())
