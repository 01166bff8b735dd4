"""Cold start: ``diplo-extract extract FILE`` as a whole process, against a process that
only loads natasha's NER and tags the same text (``benchmarks/natasha_ner.py``).

For each example article (Russian and English) it runs, alternating so that noise
from a shared machine falls on all of them:

- ``cli (cached)``: ``diplo-extract extract FILE --published DATE`` with the disk cache
  already filled (the usual case: every run after the first);
- ``cli (empty cache)``: the same with an empty cache folder each time (a first run);
- ``natasha``: ``python benchmarks/natasha_ner.py FILE``.

Each figure is the median wall time of ``--repeat`` fresh processes; the ratios are
the CLI's over natasha's on the same file. The issue's targets: within 1.8× for
Russian, within 3× for English. The cache goes to a temporary folder
(``DIPLO_EXTRACT_CACHE_DIR``), never to the user's.

Usage::

    .venv/bin/python benchmarks/cold_start.py [--repeat 5] [--json]
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BASELINE = ROOT / "benchmarks" / "natasha_ner.py"
TARGETS = {"ru": 1.8, "en": 3.0}


@dataclass(frozen=True)
class Article:
    """One example article and its publication date."""

    lang: str
    path: Path
    published: str


ARTICLES = (
    Article("ru", ROOT / "examples" / "ria-lavrov-visit-ru.txt", "2025-04-30"),
    Article("en", ROOT / "examples" / "reuters-call-en.txt", "2025-10-07"),
)


def cli_command(article: Article) -> list[str]:
    """The command a user types: the ``diplo-extract`` script beside this interpreter."""
    script = Path(sys.executable).with_name("diplo-extract")
    head = [str(script)] if script.exists() else [sys.executable, "-m", "diplo_extract.cli"]
    return [*head, "extract", str(article.path), "--published", article.published]


def run_once(command: list[str], env: dict[str, str]) -> float:
    """Wall seconds of one process, from spawn to exit; a failure stops the benchmark."""
    started = time.perf_counter()
    proc = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
    seconds = time.perf_counter() - started
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed ({proc.returncode}):\n{proc.stderr[-2000:]}")
    return seconds


def measure(article: Article, repeat: int, cache: Path) -> dict[str, float]:
    """The median seconds of each contender on ``article``."""
    warm = dict(os.environ, DIPLO_EXTRACT_CACHE_DIR=str(cache / "warm"))
    run_once(cli_command(article), warm)  # fills the cache
    times: dict[str, list[float]] = {"cli_cached": [], "cli_empty_cache": [], "natasha": []}
    for k in range(repeat):
        empty = cache / f"empty-{article.lang}-{k}"
        cold = dict(os.environ, DIPLO_EXTRACT_CACHE_DIR=str(empty))
        times["cli_cached"].append(run_once(cli_command(article), warm))
        times["cli_empty_cache"].append(run_once(cli_command(article), cold))
        times["natasha"].append(run_once([sys.executable, str(BASELINE), str(article.path)], dict(os.environ)))
        shutil.rmtree(empty, ignore_errors=True)
    return {name: statistics.median(values) for name, values in times.items()}


def report(repeat: int) -> dict:
    """Every article's medians and ratios, with the load average around the run."""
    load_start = os.getloadavg()[0]
    with tempfile.TemporaryDirectory(prefix="diplo-cold-") as folder:
        rows = {a.lang: measure(a, repeat, Path(folder)) for a in ARTICLES}
    for lang, row in rows.items():
        row["ratio_cached"] = row["cli_cached"] / row["natasha"]
        row["ratio_empty_cache"] = row["cli_empty_cache"] / row["natasha"]
        row["target"] = TARGETS[lang]
    return {"repeat": repeat, "load_avg": [round(load_start, 2), round(os.getloadavg()[0], 2)], "articles": rows}


def markdown(result: dict) -> str:
    """The report as a Markdown table."""
    lines = [
        f"Median of {result['repeat']} processes each; load average {result['load_avg'][0]} → {result['load_avg'][1]}.",
        "",
        "| article | cli, cached s | cli, empty cache s | natasha NER only s | ratio cached | ratio empty cache | target |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for lang, r in result["articles"].items():
        lines.append(
            f"| {lang} | {r['cli_cached']:.2f} | {r['cli_empty_cache']:.2f} | {r['natasha']:.2f} "
            f"| {r['ratio_cached']:.2f}× | {r['ratio_empty_cache']:.2f}× | ≤ {r['target']}× |"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=5, help="processes per contender and article (default 5)")
    parser.add_argument("--json", action="store_true", help="print JSON instead of Markdown")
    args = parser.parse_args(argv)
    try:
        result = report(max(1, args.repeat))
    except RuntimeError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(json.dumps(result, indent=1) if args.json else markdown(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
