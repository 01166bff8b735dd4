"""Memory: peak RSS for Russian-only and for mixed work, and RSS over a long stream.

- ``peak``: one fresh process per mode extracts the corpus of ``speed.py`` (``ru``:
  its Russian documents only; ``mixed``: all of them) and reports its peak resident
  set size (``ru_maxrss``). Targets: ≤ 300 MB Russian-only, ≤ 400 MB mixed.
- ``stream``: one process extracts ``--stream-docs`` documents (default 20,000) cycled
  from the mixed corpus through ``extract_many`` and reports its current RSS after
  1,000 documents and at the end. Target: the end within 10% of the 1,000 mark.

Each mode runs in its own subprocess so that the figures do not mix; the disk cache is
a temporary folder, filled by a first process.

Usage::

    .venv/bin/python benchmarks/memory.py [--stream-docs 20000] [--skip-stream] [--json]
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from speed import build_corpus, script_lang  # noqa: E402  (the same corpus as the speed benchmark)

CHECKPOINT = 1_000
TARGETS_MB = {"ru": 300, "mixed": 400}


def rss_mb() -> float:
    """This process's current resident set size in MB (Linux ``/proc``; else the peak)."""
    try:
        with open("/proc/self/statm", encoding="ascii") as handle:
            return int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20
    except OSError:
        return peak_mb()


def peak_mb() -> float:
    """This process's peak resident set size in MB (Linux gives KB, macOS bytes)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (2**20 if sys.platform == "darwin" else 1024)


def texts(mode: str, docs: int) -> list[str]:
    """The corpus of the mode: ``ru`` keeps the Russian documents of the mixed one."""
    _unique, corpus = build_corpus(docs)
    return [d.text for d in corpus if mode != "ru" or script_lang(d.text) == "ru"]


def run_peak(mode: str) -> dict:
    """Inside the worker: extract the corpus once; the peak RSS."""
    from diplo_extract import Extractor

    corpus = texts(mode, 200)
    ex = Extractor()
    events = sum(len(ex.extract(t).events) for t in corpus)
    return {"mode": mode, "docs": len(corpus), "events": events, "peak_rss_mb": round(peak_mb(), 1)}


def run_stream(docs: int) -> dict:
    """Inside the worker: ``docs`` records through ``extract_many``; RSS at the checkpoint and the end."""
    from diplo_extract import Extractor

    corpus = texts("mixed", 200)
    records = ({"id": str(i), "text": corpus[i % len(corpus)]} for i in range(docs))
    marks, started = {}, time.perf_counter()
    for n, _result in enumerate(Extractor().extract_many(records), 1):
        if n in (CHECKPOINT, docs):
            marks[n] = round(rss_mb(), 1)
    first, last = marks[min(CHECKPOINT, docs)], marks[docs]
    return {"docs": docs, "rss_mb": marks, "growth": round(last / first - 1, 4), "peak_rss_mb": round(peak_mb(), 1),
            "seconds": round(time.perf_counter() - started, 1)}


def worker(args: list[str], cache: str) -> dict:
    """One measurement in a fresh process."""
    env = dict(os.environ, DIPLO_EXTRACT_CACHE_DIR=cache, OPENBLAS_NUM_THREADS="1", OMP_NUM_THREADS="1")
    proc = subprocess.run([sys.executable, __file__, "--worker", *args], capture_output=True, text=True, env=env, check=False)
    if proc.returncode != 0:
        raise RuntimeError(f"worker {args} failed:\n{proc.stderr[-2000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def report(stream_docs: int | None) -> dict:
    with tempfile.TemporaryDirectory(prefix="diplo-mem-") as cache:
        worker(["peak", "mixed"], cache)  # fills the disk cache
        result = {"load_avg": round(os.getloadavg()[0], 2), "peak": {m: worker(["peak", m], cache) for m in ("ru", "mixed")}}
        if stream_docs:
            result["stream"] = worker(["stream", str(stream_docs)], cache)
    return result


def markdown(result: dict) -> str:
    lines = ["| work | docs | peak RSS MB | target |", "|---|---:|---:|---:|"]
    for mode, r in result["peak"].items():
        lines.append(f"| {mode} | {r['docs']} | {r['peak_rss_mb']:.0f} | ≤ {TARGETS_MB[mode]} |")
    stream = result.get("stream")
    if stream:
        marks = stream["rss_mb"]
        lines += ["", f"Stream of {stream['docs']:,} mixed documents ({stream['seconds']} s): RSS after {CHECKPOINT:,} "
                  f"{marks[str(CHECKPOINT)] if str(CHECKPOINT) in marks else marks[CHECKPOINT]:.0f} MB, at the end "
                  f"{list(marks.values())[-1]:.0f} MB ({stream['growth']:+.1%}; target within ±10%)."]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["--worker"]:
        kind, value = argv[1], argv[2]
        print(json.dumps(run_peak(value) if kind == "peak" else run_stream(int(value))))
        return 0
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--stream-docs", type=int, default=20_000, help="documents in the stream (default 20,000)")
    parser.add_argument("--skip-stream", action="store_true", help="only the peak RSS figures")
    parser.add_argument("--json", action="store_true", help="print JSON instead of Markdown")
    args = parser.parse_args(argv)
    try:
        result = json.loads(json.dumps(report(None if args.skip_stream else max(CHECKPOINT, args.stream_docs))))
    except RuntimeError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(json.dumps(result, indent=1) if args.json else markdown(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
