"""Speed benchmark: the full diplo_extract pipeline against natasha's segmentation + NER.

Both contenders process the same corpus in the same run, each in its own
subprocess (so their memory does not mix and models load once per process):

- ``full``: ``Extractor().extract(text, published=None)``;
- ``baseline``: natasha ``Doc(text)``, ``doc.segment(Segmenter())``,
  ``doc.tag_ner(NewsNERTagger(NewsEmbedding()))``;
- ``bare``: the interpreter holding the corpus and doing nothing, the reference
  for memory and start-up.

Measured for each contender:

- throughput: documents/s and words/s (words = whitespace tokens), the median of
  ``--repeat`` timed passes over the corpus, after one warm-up document per
  language (so a model loaded lazily for English loads outside the timed passes).
  The passes of the contenders alternate (full, baseline, full, ...) so that noise
  from a shared machine falls on both; docs per CPU second are reported too;
- peak memory: ``ru_maxrss`` of the worker process at its end, and its excess over
  the ``bare`` worker's;
- cold start: the wall time from spawning ``python -c`` to the first result on one
  Russian article (median of ``--repeat`` fresh processes).

The corpus is built deterministically from ``../shared/seeds/*.txt`` and the
``text`` of ``tests/fixtures/*.json``, in a fixed order (by a hash of each source's
name, which mixes the languages) and cycled to ``--docs`` documents.

By default the math libraries run one thread per process (``--blas-threads 1``),
as the deployment advice says (scale with processes); ``--blas-threads inherit``
leaves the environment as it is.

Usage::

    .venv/bin/python benchmarks/speed.py [--docs N] [--repeat K] [--stages] [--scaling N] [--json]
"""
from __future__ import annotations

import argparse
import datetime as _dt
import hashlib
import importlib.util
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType

ROOT = Path(__file__).resolve().parents[1]
SEEDS_GLOB = (str(ROOT.parent / "shared" / "seeds"), "*.txt")  # ../shared, from the repository root
FIXTURES_GLOB = (str(ROOT / "tests" / "fixtures" / "dev"), "*.json")
THREAD_VARS = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS", "NUMEXPR_NUM_THREADS")
REQUIRED_MODULES = (("natasha", "pip install natasha"), ("diplo_extract", "pip install -e ."))


@dataclass(frozen=True)
class Contender:
    """One thing to measure: ``setup`` is Python source that defines ``run(text) -> int``
    (a count of what was found, to check that the work was done)."""

    name: str
    label: str
    setup: str


CONTENDERS = MappingProxyType({
    "bare": Contender("bare", "bare interpreter", "def run(text):\n    return 0\n"),
    "full": Contender(
        "full",
        "diplo_extract full extraction",
        "from diplo_extract import Extractor\n"
        "_ex = Extractor()\n"
        "def run(text):\n"
        "    return len(_ex.extract(text, published=None).events)\n",
    ),
    "baseline": Contender(
        "baseline",
        "natasha segmentation + NER",
        "from natasha import Doc, NewsEmbedding, NewsNERTagger, Segmenter\n"
        "_seg = Segmenter()\n"
        "_ner = NewsNERTagger(NewsEmbedding())\n"
        "def run(text):\n"
        "    doc = Doc(text)\n"
        "    doc.segment(_seg)\n"
        "    doc.tag_ner(_ner)\n"
        "    return len(doc.spans)\n",
    ),
})
MEASURED = ("full", "baseline")
ALL = ("bare", *MEASURED)


@dataclass(frozen=True)
class Text:
    """One unique source text."""

    name: str
    text: str


# ----------------------------------------------------------------------- corpus
def word_count(text: str) -> int:
    """Whitespace tokens.

    >>> word_count(" Лавров  прибыл\\nв Пекин ")
    4
    """
    return len(text.split())


def script_lang(text: str) -> str:
    """``ru`` when Cyrillic letters are the majority of letters, else ``en``.

    >>> script_lang("Lavrov met Wang Yi в Пекине")
    'en'
    >>> script_lang("Лавров и Ван И в Пекине")
    'ru'
    """
    cyrillic = sum(1 for ch in text if "\u0400" <= ch <= "\u04ff")
    letters = sum(1 for ch in text if ch.isalpha())
    return "ru" if letters and cyrillic * 2 > letters else "en"


def read_seeds(directory: str, pattern: str) -> list[Text]:
    return [Text(f"seed:{p.name}", p.read_text(encoding="utf-8")) for p in sorted(Path(directory).glob(pattern))]


def read_fixtures(directory: str, pattern: str) -> list[Text]:
    """The ``text`` of each fixture; a file still being written (bad JSON) is skipped."""
    out = []
    for path in sorted(Path(directory).glob(pattern)):
        try:
            text = json.loads(path.read_text(encoding="utf-8"))["text"]
        except (json.JSONDecodeError, KeyError, TypeError) as exc:
            print(f"warning: skipping {path.name}: {type(exc).__name__}", file=sys.stderr)
            continue
        out.append(Text(f"fixture:{path.name}", text))
    return out


def order_key(item: Text) -> str:
    """A fixed order that does not follow file names (so any prefix mixes languages)."""
    return hashlib.sha1(item.name.encode("utf-8")).hexdigest()


def cycle_to(texts: list[Text], n: int) -> list[Text]:
    """``n`` documents, cycling through ``texts`` in order.

    >>> [t.name for t in cycle_to([Text("a", ""), Text("b", "")], 3)]
    ['a', 'b', 'a']
    """
    return [texts[i % len(texts)] for i in range(n)]


def build_corpus(n: int) -> tuple[list[Text], list[Text]]:
    """The unique texts (in benchmark order) and the ``n`` documents cycled from them."""
    unique = sorted(read_seeds(*SEEDS_GLOB) + read_fixtures(*FIXTURES_GLOB), key=order_key)
    unique = [t for t in unique if t.text.strip()]
    if not unique:
        raise SystemExit(f"error: no texts in {'/'.join(SEEDS_GLOB)} nor {'/'.join(FIXTURES_GLOB)}")
    return unique, cycle_to(unique, n)


def describe_corpus(unique: list[Text], docs: list[Text]) -> dict:
    langs = [script_lang(d.text) for d in docs]
    digest = hashlib.sha256("\x00".join(d.text for d in docs).encode("utf-8")).hexdigest()[:12]
    return {
        "docs": len(docs),
        "unique_texts": len(unique),
        "seeds": sum(t.name.startswith("seed:") for t in unique),
        "fixtures": sum(t.name.startswith("fixture:") for t in unique),
        "ru": langs.count("ru"),
        "en": langs.count("en"),
        "words": sum(word_count(d.text) for d in docs),
        "mean_chars": round(statistics.mean(len(d.text) for d in docs)),
        "mean_words": round(statistics.mean(word_count(d.text) for d in docs)),
        "sha256": digest,
    }


def cold_article(docs: list[Text]) -> str:
    """The first Russian document (the first document if there is none)."""
    return next((d.text for d in docs if script_lang(d.text) == "ru"), docs[0].text)


# ----------------------------------------------------------------------- worker
def peak_rss_mb() -> float:
    """This process's peak resident set size in MB (Linux gives KB, macOS bytes)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024 if sys.platform == "darwin" else 1024)


def load_namespace(contender: Contender) -> dict:
    """The names the contender's setup defines (``run``, and ``_ex`` for the full extraction)."""
    namespace: dict = {}
    exec(contender.setup, namespace)  # noqa: S102 - trusted source from this file
    return namespace


def load_run(contender: Contender):  # noqa: ANN201
    return load_namespace(contender)["run"]


def warm_up_texts(texts: list[str]) -> list[str]:
    """One warm-up document per script present, so that a pipeline loaded lazily for a
    language (spaCy for English) does not load inside a timed pass.

    >>> warm_up_texts(["Лавров прибыл", "Лавров уехал", "Lavrov left"])
    ['Лавров прибыл', 'Lavrov left']
    """
    first: dict[str, str] = {}
    for text in texts:
        first.setdefault(script_lang(text), text)
    return list(first.values())


def timed_pass(run, texts: list[str]) -> dict:  # noqa: ANN001
    wall, cpu = time.perf_counter(), time.process_time()
    found = sum(run(text) for text in texts)
    return {"wall_s": time.perf_counter() - wall, "cpu_s": time.process_time() - cpu, "found": found}


class TimedStage:
    """A stage of the extractor with its time added to ``times[name]`` at each call."""

    def __init__(self, stage, times: dict[str, float]) -> None:  # noqa: ANN001
        self.stage, self.name, self.times = stage, stage.name, times

    def __call__(self, doc):  # noqa: ANN001, ANN204
        start = time.perf_counter()
        doc = self.stage(doc)
        self.times[self.name] += time.perf_counter() - start
        return doc


def stage_pass(run, extractor, texts: list[str]) -> dict:  # noqa: ANN001
    """One pass over the corpus with each stage of ``extractor`` timed, and the
    conversion to the result (``output``). The timers cost a little, so this pass
    is apart from the timed ones. ``other`` is the rest of the pass (input checks,
    normalization)."""
    from diplo_extract import pipeline

    times = dict.fromkeys([s.name for s in extractor.stages] + ["output"], 0.0)
    stages, to_result = list(extractor.stages), pipeline.to_result

    def timed_result(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        start = time.perf_counter()
        result = to_result(*args, **kwargs)
        times["output"] += time.perf_counter() - start
        return result

    extractor.stages[:] = [TimedStage(s, times) for s in stages]
    pipeline.to_result = timed_result
    try:
        timed = timed_pass(run, texts)
    finally:
        extractor.stages[:] = stages
        pipeline.to_result = to_result
    times["other"] = max(0.0, timed["wall_s"] - sum(times.values()))
    return {"wall_s": timed["wall_s"], "stages": times}


def private_channel():  # noqa: ANN201
    """A private copy of stdout for the replies; anything else written to stdout, even
    by C code, goes to stderr and cannot break the protocol."""
    sys.stdout.flush()
    channel = os.fdopen(os.dup(sys.stdout.fileno()), "w", encoding="utf-8")
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())
    return channel


def reply(channel, message: dict) -> None:  # noqa: ANN001
    channel.write(json.dumps(message) + "\n")
    channel.flush()


def serve(name: str) -> None:
    """The worker, inside its subprocess. One line per message: it reads the corpus (a
    JSON list), loads and warms up, replies ``load_s``; for each ``pass`` it replies one
    timed pass; for ``stages`` (the full extraction only) one pass with each stage
    timed; at ``done`` (or the end of input) it replies ``peak_rss_mb`` and ends."""
    channel = private_channel()
    texts = json.loads(sys.stdin.readline())
    load_start = time.perf_counter()
    namespace = load_namespace(CONTENDERS[name])
    run = namespace["run"]
    load_s = time.perf_counter() - load_start
    for text in warm_up_texts(texts):
        run(text)
    reply(channel, {"load_s": load_s})
    for line in sys.stdin:
        command = line.strip()
        if command == "pass":
            reply(channel, timed_pass(run, texts))
        elif command == "stages" and "_ex" in namespace:
            reply(channel, stage_pass(run, namespace["_ex"], texts))
        else:
            break
    reply(channel, {"peak_rss_mb": peak_rss_mb()})


# ----------------------------------------------------------------------- parent
def child_env(blas_threads: str) -> dict[str, str]:
    env = dict(os.environ)
    if blas_threads != "inherit":
        env.update({var: blas_threads for var in THREAD_VARS})
    return env


class Worker:
    """The parent's handle on one contender's worker process."""

    def __init__(self, name: str, texts: list[str], env: dict[str, str]) -> None:
        self.name = name
        self._stderr = tempfile.TemporaryFile(mode="w+", encoding="utf-8")
        cmd = [sys.executable, str(Path(__file__).resolve()), "--worker", name]
        self._proc = subprocess.Popen(
            cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self._stderr, text=True, encoding="utf-8", env=env
        )
        self._send(json.dumps(texts))

    def ready(self) -> dict:
        return self._receive()

    def timed_pass(self) -> dict:
        self._send("pass")
        return self._receive()

    def stage_pass(self) -> dict:
        self._send("stages")
        return self._receive()

    def finish(self) -> dict:
        self._send("done")
        final = self._receive()
        self._proc.wait()
        return final

    def close(self) -> None:
        if self._proc.poll() is None:
            self._proc.kill()
            self._proc.wait()
        self._stderr.close()

    def _send(self, line: str) -> None:
        try:
            self._proc.stdin.write(line + "\n")
            self._proc.stdin.flush()
        except BrokenPipeError:
            self._fail()

    def _receive(self) -> dict:
        line = self._proc.stdout.readline()
        return json.loads(line) if line else self._fail()

    def _fail(self) -> dict:
        self._proc.wait()
        self._stderr.seek(0)
        raise RuntimeError(f"worker {self.name!r} failed (exit {self._proc.returncode}):\n{self._stderr.read()[-3000:]}")


def run_workers(names: tuple[str, ...], texts: list[str], repeat: int, env: dict[str, str], stages: bool = False) -> dict[str, dict]:
    """Every contender in its own process, all loaded first; then the timed passes
    alternate between them, so that noise from the machine falls on all of them;
    with ``stages``, one more pass of the full extraction with each stage timed."""
    workers: list[Worker] = []
    try:
        workers.extend(Worker(name, texts, env) for name in names)
        raw = {w.name: {"name": w.name, **w.ready(), "passes": []} for w in workers}
        for k in range(1, repeat + 1):
            for w in workers:
                print(f"... pass {k}/{repeat}: {w.name}", file=sys.stderr, flush=True)
                raw[w.name]["passes"].append(w.timed_pass())
        for w in workers:
            if stages and w.name == "full":
                print("... stage pass: full", file=sys.stderr, flush=True)
                raw[w.name]["stage_pass"] = w.stage_pass()
        for w in workers:
            raw[w.name].update(w.finish())
        return raw
    finally:
        for w in workers:
            w.close()


def cold_start_once(contender: Contender, article: str, env: dict[str, str]) -> float:
    """Seconds from spawning ``python -c`` to its first result (the child reports the time)."""
    code = "import sys, time\ntext = sys.stdin.read()\n" + contender.setup + "run(text)\nprint(time.time())\n"
    spawned = time.time()
    proc = subprocess.run([sys.executable, "-c", code], input=article, capture_output=True, text=True, env=env, check=False)
    if proc.returncode != 0:
        raise RuntimeError(f"cold start of {contender.name!r} failed:\n{proc.stderr[-3000:]}")
    return float(proc.stdout.strip().splitlines()[-1]) - spawned


def cold_starts(names: tuple[str, ...], article: str, repeat: int, env: dict[str, str]) -> dict[str, float]:
    """The median cold start of each contender, the contenders alternating."""
    times: dict[str, list[float]] = {name: [] for name in names}
    for _ in range(repeat):
        for name in names:
            times[name].append(cold_start_once(CONTENDERS[name], article, env))
    return {name: statistics.median(values) for name, values in times.items()}


def summarize(raw: dict, corpus: dict, cold_s: float, bare_rss: float) -> dict:
    wall = statistics.median(p["wall_s"] for p in raw["passes"])
    cpu = statistics.median(p["cpu_s"] for p in raw["passes"])
    return {
        "contender": CONTENDERS[raw["name"]].label,
        "docs_per_s": corpus["docs"] / wall,
        "words_per_s": corpus["words"] / wall,
        "docs_per_cpu_s": corpus["docs"] / cpu,
        "pass_wall_s": [round(p["wall_s"], 3) for p in raw["passes"]],
        "pass_cpu_s": [round(p["cpu_s"], 3) for p in raw["passes"]],
        "found_per_pass": raw["passes"][0]["found"],
        "load_s": raw["load_s"],
        "peak_rss_mb": raw["peak_rss_mb"],
        "rss_over_bare_mb": raw["peak_rss_mb"] - bare_rss,
        "cold_start_s": cold_s,
    }


def ratios(results: dict) -> dict:
    """full / baseline, in docs per wall second and per CPU second."""
    full, base = results["full"], results["baseline"]
    return {key: full[key] / base[key] for key in ("docs_per_s", "docs_per_cpu_s")}


def git(*args: str) -> str:
    """The output of a git command in the project, or ``unknown`` when git cannot tell."""
    try:
        proc = subprocess.run(["git", "-C", str(ROOT), *args], capture_output=True, text=True, check=True)
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return proc.stdout.rstrip()


def code_state() -> dict:
    """The commit measured and the files of ``src/`` and ``models/`` changed since it."""
    changed = git("status", "--porcelain", "--", "src", "models")
    diff = git("diff", "HEAD", "--", "src", "models")
    return {
        "commit": git("rev-parse", "--short", "HEAD"),
        "uncommitted": [] if changed == "unknown" else [line[3:] for line in changed.splitlines()],
        "diff_sha1": hashlib.sha1((changed + diff).encode("utf-8")).hexdigest()[:12],
    }


def environment(args: argparse.Namespace) -> dict:
    return {
        **code_state(),
        "date": _dt.datetime.now().astimezone().isoformat(timespec="seconds"),
        "command": " ".join([".venv/bin/python", "benchmarks/speed.py", *sys.argv[1:]]),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "cpus": os.cpu_count(),
        "load_avg_at_start": [round(x, 2) for x in os.getloadavg()],
        "blas_threads": args.blas_threads,
        "repeat": args.repeat,
    }


def benchmark(args: argparse.Namespace) -> dict:
    unique, docs = build_corpus(args.docs)
    corpus = describe_corpus(unique, docs)
    texts, article = [d.text for d in docs], cold_article(docs)
    env_info, env = environment(args), child_env(args.blas_threads)
    raw = run_workers(ALL, texts, args.repeat, env, stages=args.stages)
    print("... cold starts", file=sys.stderr, flush=True)
    cold = cold_starts(ALL, article, args.repeat, env)
    bare_rss = raw["bare"]["peak_rss_mb"]
    results = {name: summarize(raw[name], corpus, cold[name], bare_rss) for name in MEASURED}
    results["bare"] = {"contender": CONTENDERS["bare"].label, "peak_rss_mb": bare_rss, "cold_start_s": cold["bare"]}
    env_info["load_avg_at_end"] = [round(x, 2) for x in os.getloadavg()]
    env_info["code_changed_during_run"] = code_state() != {k: env_info[k] for k in ("commit", "uncommitted", "diff_sha1")}
    report = {"environment": env_info, "corpus": corpus, "results": results, "ratios": ratios(results)}
    if "stage_pass" in raw["full"]:
        report["stages"] = raw["full"]["stage_pass"]
    return report


# ----------------------------------------------------------------------- report
def fmt(value: float | None, digits: int) -> str:
    """A number with thousands separators, or an em dash.

    >>> fmt(12345.678, 0), fmt(1.234, 2), fmt(None, 1)
    ('12,346', '1.23', '—')
    """
    return "—" if value is None else f"{value:,.{digits}f}"


def table(results: dict) -> str:
    lines = [
        "| contender | docs/s | words/s | peak RSS MB | RSS over bare MB | cold start s | docs/CPU-s |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for key in (*MEASURED, "bare"):
        r = results[key]
        lines.append(
            f"| {r['contender']} | {fmt(r.get('docs_per_s'), 1)} | {fmt(r.get('words_per_s'), 0)} "
            f"| {fmt(r['peak_rss_mb'], 0)} | {fmt(r.get('rss_over_bare_mb'), 0)} | {fmt(r['cold_start_s'], 2)} "
            f"| {fmt(r.get('docs_per_cpu_s'), 1)} |"
        )
    return "\n".join(lines)


def corpus_line(c: dict) -> str:
    return (
        f"Corpus: {c['docs']} docs cycled from {c['unique_texts']} unique texts "
        f"({c['seeds']} seeds, {c['fixtures']} fixtures); by script ru {c['ru']}, en {c['en']}; "
        f"mean {c['mean_chars']:,} chars / {c['mean_words']:,} words; {c['words']:,} words in all; "
        f"sha256 {c['sha256']}."
    )


def ratio_line(ratios: dict) -> str:
    """The headline ratio, in words.

    >>> ratio_line({"docs_per_s": 0.25, "docs_per_cpu_s": 0.2})
    'full / baseline, docs/s: **0.25×** (the full extraction is 4.0× slower); per CPU second: 0.20×.'
    """
    r = ratios["docs_per_s"]
    words = f"{1 / r:.1f}× slower" if r <= 1 else f"{r:.1f}× faster"
    return f"full / baseline, docs/s: **{r:.2f}×** (the full extraction is {words}); per CPU second: {ratios['docs_per_cpu_s']:.2f}×."


def code_line(env: dict) -> str:
    changes = f"uncommitted changes in {', '.join(env['uncommitted'])}" if env["uncommitted"] else "src/ and models/ clean"
    warning = " **Warning: src/ or models/ changed during the run.**" if env.get("code_changed_during_run") else ""
    return f"Code at the start: commit {env['commit']}, {changes}.{warning}"


def stage_table(stage_pass: dict, docs: int) -> str:
    """Per-stage time of the stage pass: seconds, ms per document and share of the
    pass, slowest first.

    >>> print(stage_table({"wall_s": 2.0, "stages": {"ner": 1.0, "gate": 0.5, "other": 0.5}}, 100))
    | stage | s | ms/doc | share |
    |---|---:|---:|---:|
    | ner | 1.000 | 10.00 | 50.0% |
    | gate | 0.500 | 5.00 | 25.0% |
    | other | 0.500 | 5.00 | 25.0% |
    """
    lines = ["| stage | s | ms/doc | share |", "|---|---:|---:|---:|"]
    wall = stage_pass["wall_s"]
    for name, seconds in sorted(stage_pass["stages"].items(), key=lambda kv: -kv[1]):
        lines.append(f"| {name} | {seconds:.3f} | {1000 * seconds / docs:.2f} | {100 * seconds / wall:.1f}% |")
    return "\n".join(lines)


def markdown(report: dict) -> str:
    env, res = report["environment"], report["results"]
    full, base = res["full"], res["baseline"]
    return "\n".join([
        f"`{env['command']}` — {env['date']}, Python {env['python']}, {env['cpus']} CPUs, "
        f"BLAS threads {env['blas_threads']}, load average {env['load_avg_at_start'][0]} → {env['load_avg_at_end'][0]}.",
        code_line(env),
        "",
        corpus_line(report["corpus"]),
        "",
        table(res),
        "",
        ratio_line(report["ratios"]),
        f"Median of {env['repeat']} alternating passes. Wall s per pass: full {full['pass_wall_s']}, "
        f"baseline {base['pass_wall_s']}; CPU s: full {full['pass_cpu_s']}, baseline {base['pass_cpu_s']}. "
        f"Found per pass: {full['found_per_pass']} events, {base['found_per_pass']} NER spans.",
        *stage_lines(report),
    ])


def stage_lines(report: dict) -> list[str]:
    """The per-stage table (``--stages``), or nothing."""
    if "stages" not in report:
        return []
    stage_pass = report["stages"]
    return [
        "",
        f"Per stage (one extra pass of the full extraction with each stage timed, {stage_pass['wall_s']:.3f} s in all; "
        "`output` is the conversion to the result, `other` the rest):",
        "",
        stage_table(stage_pass, report["corpus"]["docs"]),
    ]


# ----------------------------------------------------------------------- CLI
def positive(value: str) -> int:
    number = int(value)
    if number < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, got {number}")
    return number


def thread_count(value: str) -> str:
    """``inherit`` or a positive integer, as a string for the environment.

    >>> thread_count("2"), thread_count("inherit")
    ('2', 'inherit')
    """
    return value if value == "inherit" else str(positive(value))


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], epilog="See benchmarks/README.md.")
    parser.add_argument("--docs", type=positive, default=200, help="documents in the corpus (default 200)")
    parser.add_argument("--repeat", type=positive, default=3, help="timed passes and cold starts per contender; the median is reported (default 3)")
    parser.add_argument("--stages", action="store_true", help="one more pass of the full extraction with each stage timed")
    parser.add_argument("--json", action="store_true", help="print the full report as JSON instead of Markdown")
    parser.add_argument("--scaling", type=positive, metavar="N", help="then jobs=1 against jobs=2 and a Dask local cluster of 2 workers "
                        "on a batch of N records (benchmarks/dask_speed.py; needs the dask extra)")
    parser.add_argument("--blas-threads", type=thread_count, default="1", help="math-library threads in each subprocess, or 'inherit' (default 1)")
    parser.add_argument("--worker", choices=sorted(CONTENDERS), help=argparse.SUPPRESS)
    return parser.parse_args(argv)


def check_requirements() -> None:
    for module, hint in REQUIRED_MODULES:
        if importlib.util.find_spec(module) is None:
            raise SystemExit(f"error: the module {module!r} is not installed in {sys.executable} ({hint})")


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if args.worker:
        serve(args.worker)
        return 0
    check_requirements()
    try:
        report = benchmark(args)
    except RuntimeError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(json.dumps(report, indent=1, ensure_ascii=False) if args.json else markdown(report))
    if args.scaling:
        sys.path.insert(0, str(Path(__file__).resolve().parent))
        import dask_speed

        print()
        return dask_speed.main(["--docs", str(args.scaling), "--repeat", str(args.repeat), *(["--json"] if args.json else [])])
    return 0


if __name__ == "__main__":
    sys.exit(main())
