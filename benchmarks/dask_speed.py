"""Scaling benchmark: one process, ``extract_many(jobs=2)``, and a Dask local cluster.

On a mixed ru/en batch built from ``tests/fixtures/dev/*.json`` and ``examples/``
(``*.txt`` and ``articles.jsonl``), ordered by a hash of each source's name and
cycled to ``--docs`` records (default 2,000), it times in alternating rounds:

- ``jobs=1``: ``Extractor().extract_many(records)`` in this process, warm;
- ``jobs=2``: ``extract_many(records, jobs=2)``: two spawned worker processes,
  started (and loading their models) inside the timed call, as a user pays it;
  the rate after the first result is shown too;
- ``dask``: ``extract_bag`` on a ``LocalCluster(n_workers=2, processes=True)``
  started and warmed before the rounds (its start-up is reported apart).

Each figure is the median over ``--repeat`` rounds; the load average at each
round is printed, since a shared machine disturbs them. Every contender's output
is compared with the one-process output (the same bytes, or the run fails).

Usage::

    .venv/bin/python benchmarks/dask_speed.py [--docs 2000] [--repeat 3] [--partitions 40] [--json]
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures" / "dev"
EXAMPLES = ROOT / "examples"


# ----------------------------------------------------------------------- corpus
def sources() -> list[dict]:
    """The unique records: dev fixtures, example texts and the example batch."""
    found = []
    for path in sorted(FIXTURES.glob("*.json")):
        doc = json.loads(path.read_text(encoding="utf-8"))
        found.append({"id": f"fixture:{path.name}", "text": doc["text"], "published": doc.get("published")})
    for path in sorted(EXAMPLES.glob("*.txt")):
        found.append({"id": f"example:{path.name}", "text": path.read_text(encoding="utf-8"), "published": None})
    batch = EXAMPLES / "articles.jsonl"
    for n, line in enumerate(batch.read_text(encoding="utf-8").splitlines(), 1):
        if line.strip():
            record = json.loads(line)
            found.append({"id": f"batch:{n}", "text": record["text"], "published": record.get("published")})
    return [r for r in found if r["text"].strip()]


def build_batch(n: int) -> list[dict]:
    """``n`` records cycled from :func:`sources` in a fixed order that mixes the
    languages, each with its own id."""
    unique = sorted(sources(), key=lambda r: hashlib.sha1(r["id"].encode("utf-8")).hexdigest())
    return [{**unique[k % len(unique)], "id": f"d{k:05d}"} for k in range(n)]


def describe(records: list[dict]) -> dict:
    cyrillic = sum(1 for r in records if sum("\u0400" <= c <= "\u04ff" for c in r["text"]) * 2 > sum(c.isalpha() for c in r["text"]))
    return {"docs": len(records), "unique": len(sources()), "ru": cyrillic, "en": len(records) - cyrillic,
            "words": sum(len(r["text"].split()) for r in records)}


# ----------------------------------------------------------------------- timing
def timed(run: Callable[[], list[str]]) -> tuple[float, list[str]]:
    """Wall seconds of ``run`` and its output lines."""
    started = time.perf_counter()
    lines = run()
    return time.perf_counter() - started, lines


def one_process(extractor, records: list[dict]) -> Callable[[], list[str]]:  # noqa: ANN001
    return lambda: [r.model_dump_json() for r in extractor.extract_many(records)]


def two_jobs(extractor, records: list[dict], first: list[float]) -> Callable[[], list[str]]:  # noqa: ANN001
    def run() -> list[str]:
        started, lines = time.perf_counter(), []
        for r in extractor.extract_many(records, jobs=2):
            if not lines:
                first.append(time.perf_counter() - started)
            lines.append(r.model_dump_json())
        return lines
    return run


def on_dask(client, records: list[dict], partitions: int) -> Callable[[], list[str]]:  # noqa: ANN001
    import dask.bag as db

    from diplo_extract.dask import extract_bag

    return lambda: extract_bag(db.from_sequence(records, npartitions=partitions), client=client).map(lambda r: r.model_dump_json()).compute()


def warm_worker(records: list[dict], name: str, dask_worker=None) -> int:  # noqa: ANN001 - distributed passes its Worker
    """Run ``records`` through the worker's extractor (both languages load)."""
    plugin = dask_worker.plugins[name]
    return sum(len(plugin.extract(r).events) for r in records)


def start_cluster(workers: int, warm: list[dict]):  # noqa: ANN201
    """A LocalCluster and its client, every worker's extractor loaded."""
    import distributed

    from diplo_extract import Extractor
    from diplo_extract.dask import install_extractor

    cluster = distributed.LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None)
    client = distributed.Client(cluster)
    client.run(warm_worker, warm, install_extractor(client, Extractor().config))
    return cluster, client


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--docs", type=int, default=2000, help="records in the batch (default 2000)")
    ap.add_argument("--repeat", type=int, default=3, help="alternating rounds; medians are reported (default 3)")
    ap.add_argument("--partitions", type=int, default=40, help="bag partitions for Dask (default 40)")
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = ap.parse_args(argv)

    from diplo_extract import Extractor

    records = build_batch(args.docs)
    corpus = describe(records)
    print(f"batch: {corpus}", file=sys.stderr)
    extractor = Extractor()
    warm = [next(r for r in records if r["text"][:200].isascii()), records[0]]
    for r in warm:
        extractor.extract_record(r)
    started = time.perf_counter()
    cluster, client = start_cluster(2, warm)
    cluster_s = time.perf_counter() - started
    first: list[float] = []
    contenders = {"jobs=1": one_process(extractor, records), "jobs=2": two_jobs(extractor, records, first),
                  "dask local 2 workers": on_dask(client, records, args.partitions)}
    seconds: dict[str, list[float]] = {name: [] for name in contenders}
    loads: list[float] = []
    reference: list[str] | None = None
    try:
        for round_ in range(args.repeat):
            for name, run in contenders.items():
                wall, lines = timed(run)
                reference = reference or lines
                if lines != reference:
                    raise SystemExit(f"error: {name} gave other output than one process")
                seconds[name].append(wall)
                loads.append(os.getloadavg()[0])
                print(f"round {round_ + 1} {name}: {len(records) / wall:.1f} docs/s ({wall:.1f} s, load {loads[-1]:.1f})", file=sys.stderr)
    finally:
        client.close()
        cluster.close()
    report = summarize(seconds, first, len(records), corpus, cluster_s, loads)
    print(json.dumps(report, indent=2) if args.json else render(report))
    return 0


def summarize(seconds: dict[str, list[float]], first: list[float], n: int, corpus: dict, cluster_s: float, loads: list[float]) -> dict:
    rates = {name: n / statistics.median(walls) for name, walls in seconds.items()}
    steady = [(n - 1) / (wall - lag) for wall, lag in zip(seconds["jobs=2"], first)]
    return {
        "corpus": corpus, "cpus": os.cpu_count(), "rounds": len(seconds["jobs=1"]),
        "docs_per_s": {k: round(v, 1) for k, v in rates.items()},
        "jobs2_after_first_result_docs_per_s": round(statistics.median(steady), 1),
        "jobs2_first_result_s": round(statistics.median(first), 2),
        "speedup": {k: round(v / rates["jobs=1"], 2) for k, v in rates.items()},
        "jobs2_speedup_after_first_result": round(statistics.median(steady) / rates["jobs=1"], 2),
        "dask_cluster_start_and_warm_s": round(cluster_s, 1),
        "load_average": [round(min(loads), 1), round(max(loads), 1)],
    }


def render(report: dict) -> str:
    rows = [f"| {name} | {rate:,.1f} | {report['speedup'][name]:.2f}× |" for name, rate in report["docs_per_s"].items()]
    return "\n".join([
        f"{report['corpus']['docs']} docs ({report['corpus']['ru']} ru, {report['corpus']['en']} en; {report['corpus']['words']:,} words), "
        f"{report['cpus']} CPUs, median of {report['rounds']} alternating rounds, load average {report['load_average'][0]}–{report['load_average'][1]}",
        "", "| contender | docs/s | vs 1 process |", "|---|---:|---:|", *rows, "",
        f"jobs=2 after its first result ({report['jobs2_first_result_s']} s: two processes start and load models): "
        f"{report['jobs2_after_first_result_docs_per_s']:,.1f} docs/s, {report['jobs2_speedup_after_first_result']:.2f}×",
        f"Dask LocalCluster start and warm-up (not in its docs/s): {report['dask_cluster_start_and_warm_s']} s",
    ])


if __name__ == "__main__":
    raise SystemExit(main())
