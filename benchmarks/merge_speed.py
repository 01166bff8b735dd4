"""Merge speed: 100,000 events synthesised from real outputs, merged into happenings.

The extractor runs once over the dev fixtures and the examples (``--events PATH``
reads a JSONL of results instead). Their documents are then copied, each copy
moved by a whole number of months (dates and publication day alike, −120 to +120)
and its state parties renamed by a random permutation of the states they use, until
``--events`` events exist. Copies thus repeat the real mix of types, parties,
persons, places and date precisions, with reports of one happening inside a copy
and few collisions between copies. Seeded: the same corpus every run.

Timed: ``diplo_extract.happenings.merge`` on the results (in memory), best of
``--repeat`` runs: wall seconds and the process's CPU seconds (on a shared machine
the second tells the work apart from the waiting), with the peak RSS of the process.

Usage::

    .venv/bin/python benchmarks/merge_speed.py [--events 100000] [--repeat 1] [--json]
"""
from __future__ import annotations

import argparse
import calendar
import json
import random
import re
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from diplo_extract.schema import ORG_CODES, DocumentResult  # noqa: E402

_PART = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


def real_results(events_path: str | None) -> list[DocumentResult]:
    """The seed documents: a JSONL of results, or a fresh extraction of the dev fixtures and examples."""
    if events_path:
        from diplo_extract.happenings import read_results

        return list(read_results(events_path))
    from diplo_extract import Extractor
    from paths import DEV

    records = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(DEV.glob("*.json"))]
    records += [json.loads(line) for line in (ROOT / "examples" / "articles.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]
    return list(Extractor().extract_many([{"id": r["id"], "text": r["text"], "published": r.get("published")} for r in records]))


def shift_value(value: str | None, months: int) -> str | None:
    """An ISO date value (``2020-11-26``, ``2021-11``, ``2025``, ``a/b``) moved by whole months."""
    if value is None:
        return None
    return _PART.sub(lambda m: _shift_part(m, months), value)


def _shift_part(match: re.Match, months: int) -> str:
    year, month, day = match.groups()
    if month is None:
        return f"{int(year) + round(months / 12):04d}"
    index = int(year) * 12 + int(month) - 1 + months
    y, m = divmod(index, 12)
    if day is None:
        return f"{y:04d}-{m + 1:02d}"
    return f"{y:04d}-{m + 1:02d}-{min(int(day), calendar.monthrange(y, m + 1)[1]):02d}"


def synthesise(seeds: list[DocumentResult], target: int, seed: int = 0) -> list[DocumentResult]:
    """Copies of ``seeds`` (dates shifted, state parties renamed) until ``target`` events."""
    rng = random.Random(seed)
    states = sorted({p.code for r in seeds for e in r.events for p in e.parties} - ORG_CODES)
    out: list[DocumentResult] = []
    total, copy = 0, 0
    while total < target:
        months = rng.randint(-120, 120)
        renamed = dict(zip(states, rng.sample(states, len(states))))
        for result in seeds:
            if total >= target:
                break
            events = []
            for event in result.events[: target - total]:
                date = event.date.model_copy(update={"value": shift_value(event.date.value, months)}) if event.date else None
                parties = [p.model_copy(update={"code": renamed.get(p.code, p.code)}) for p in event.parties]
                events.append(event.model_copy(update={"date": date, "parties": parties}))
            published = shift_value(result.published.isoformat(), months) if result.published else None
            out.append(result.model_copy(update={"id": f"{result.id}~{copy}", "published": published and _date(published), "events": events}))
            total += len(events)
        copy += 1
    return out


def _date(iso: str):  # noqa: ANN202
    import datetime as dt

    return dt.date.fromisoformat(iso)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--from-file", metavar="PATH", help="seed documents from a JSONL of results instead of extracting")
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    from diplo_extract.happenings import merge

    seeds = real_results(args.from_file)
    corpus = synthesise(seeds, args.events)
    events = sum(len(r.events) for r in corpus)
    times, cpu, happenings = [], [], []
    for _ in range(args.repeat):
        started, started_cpu = time.perf_counter(), time.process_time()
        happenings = merge(corpus)
        times.append(time.perf_counter() - started)
        cpu.append(time.process_time() - started_cpu)
    assert sum(len(h.members) for h in happenings) == events, "every event belongs to exactly one happening"
    report = {
        "events": events, "documents": len(corpus), "seed_documents": len(seeds), "happenings": len(happenings),
        "multi_report_happenings": sum(len(h.members) > 1 for h in happenings),
        "seconds": round(min(times), 2), "cpu_seconds": round(min(cpu), 2), "events_per_second": round(events / min(times)),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
    }
    print(json.dumps(report) if args.json else "\n".join(f"{k:>24}: {v}" for k, v in report.items()))


if __name__ == "__main__":
    main()
