"""Memory and time on one long text: a 5 MB Russian (or English) article.

The text is built deterministically from the article lines of the dev fixtures
(``tests/fixtures/dev``; lines the page-noise filter marks, and date/time stamp
lines, are left out, so that the whole text is article body), in a fixed order, cycled to ``--chars``
characters. A fresh subprocess loads the extractor, warms it on one sentence,
then extracts the long text; its peak RSS (``ru_maxrss``) is measured before and
after, with the time and the time per character. Two pathological inputs of the
same length run too: one trigger word repeated, and one word without spaces.

Usage::

    .venv/bin/python benchmarks/long_text.py [--chars 5000000] [--lang ru] [--json]
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEV = ROOT / "tests" / "fixtures" / "dev"

CHILD = r"""
import json, resource, sys, time
from diplo_extract import Extractor
text = sys.stdin.read()
ex = Extractor()
ex.extract("Лавров провел переговоры с Ван И. Lavrov met Wang Yi.", "2024-05-01")
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
started = time.perf_counter()
result = ex.extract(text, "2024-05-01")
seconds = time.perf_counter() - started
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"chars": len(text), "events": len(result.events), "seconds": round(seconds, 2),
                  "us_per_char": round(seconds / max(1, len(text)) * 1e6, 2),
                  "rss_after_load_mb": round(before), "peak_rss_mb": round(peak)}))
"""


def article_lines(lang: str) -> list[str]:
    """The lines of the dev fixtures of ``lang`` that are article body."""
    from diplo_extract.doc import Doc
    from diplo_extract.segmentation import PageNoiseFilter, Segmenter

    segment, noise = Segmenter(), PageNoiseFilter()
    out: list[str] = []
    for path in sorted(DEV.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("lang") != lang:
            continue
        doc = noise(segment(Doc(text=data["text"])))
        lines = (data["text"][s.start:s.end] for s in doc.sentences if not s.noise)
        out += [line for line in lines if not noise.is_stamp(line)]  # a stamp inside the long text would end its body
    return out


def build(lang: str, chars: int) -> str:
    lines = article_lines(lang)
    parts, n, k = [], 0, 0
    while n < chars:
        line = lines[k % len(lines)]
        parts.append(line)
        n += len(line) + 2
        k += 1
    return "\n\n".join(parts)[:chars]


def run(text: str) -> dict:
    proc = subprocess.run([sys.executable, "-c", CHILD], input=text, capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        return {"error": proc.stderr.strip().splitlines()[-1] if proc.stderr.strip() else f"exit {proc.returncode}"}
    return json.loads(proc.stdout)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--chars", type=int, default=5_000_000)
    ap.add_argument("--lang", default="ru", choices=("ru", "en"))
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    trigger = "переговоры " if args.lang == "ru" else "talks "
    cases = {
        f"{args.lang} article, {args.chars:,} chars": build(args.lang, args.chars),
        "one trigger word repeated": (trigger * (args.chars // len(trigger) + 1))[: args.chars],
        "one word, no spaces": ("ab" * (args.chars // 2 + 1))[: args.chars],
    }
    rows = {name: run(text) for name, text in cases.items()}
    if args.json:
        print(json.dumps(rows, indent=2, ensure_ascii=False))
        return
    print("| input | chars | events | time, s | µs/char | RSS after load, MB | peak RSS, MB |")
    print("|---|---|---|---|---|---|---|")
    for name, r in rows.items():
        if "error" in r:
            print(f"| {name} | error: {r['error']} ||||||")
            continue
        print(f"| {name} | {r['chars']:,} | {r['events']} | {r['seconds']} | {r['us_per_char']} | {r['rss_after_load_mb']} | {r['peak_rss_mb']} |")


if __name__ == "__main__":
    main()
