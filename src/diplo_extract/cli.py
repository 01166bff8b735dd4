"""Command line: ``diplo-extract extract | bench | bench-merge | merge | store | query | schema | export-ls | import-ls``."""
from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Iterator, Sequence
from pathlib import Path

from .cli_common import CliError, add_extractor_options, build_extractor, check_jobs, command_parser, count_records, write_lines
from .errors import DiploExtractError, Errors
from .jsonl import batch_records
from .labelstudio.commands import CommandError, add_parsers as _interchange_parsers
from .constants import MAX_CHARS

EXIT_INPUT = 2  # unusable input: nothing was extracted
EXIT_SOME_FAILED = 3  # a batch ran to its end, but some records carry an error
FAILED_IDS_SHOWN = 20
FORMATS = ("json", "jsonl", "summary", "csv", "parquet")


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except (CliError, CommandError, DiploExtractError) as exc:
        print(f"diplo-extract: error: {exc}", file=sys.stderr)
        return EXIT_INPUT
    except BrokenPipeError:  # the reader went away (`| head`): stop quietly
        _silence_stdout()
        return 0
    except KeyboardInterrupt:
        return 130


def _silence_stdout() -> None:
    """Point stdout at /dev/null so that the interpreter's final flush does not
    report the closed pipe again."""
    import os

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):  # pragma: no cover - stdout without a descriptor
        pass


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="diplo-extract",
        description="Extract typed diplomatic events (meetings, phone calls, visits, signings, adoptions) "
        "with character spans from Russian and English news text.",
        epilog="Examples:\n  diplo-extract extract article.txt --published 2020-11-26\n"
        "  diplo-extract extract articles.jsonl -o events.jsonl\n"
        "  diplo-extract extract article.txt --published 2020-11-26 --displacy events.html\n"
        "  diplo-extract merge events.jsonl -o happenings.jsonl\n"
        "  diplo-extract view result.json -o doc.html              # a page: highlighted spans, one card per event\n"
        "  diplo-extract timeline happenings.jsonl -o timeline.html  # the happenings over time (extra [view])\n"
        "  diplo-extract store events.jsonl --db events.sqlite\n  diplo-extract query --db events.sqlite --party RUS --type meeting --from 2020-01\n"
        "  diplo-extract extract 'shards/*.jsonl' -o out/ --dask local:2       # Dask: one output file per shard\n"
        "  diplo-extract bench tests/fixtures/ --by-type\n  diplo-extract bench-merge tests/fixtures/merge   # merging: B-cubed, pairwise F1\n"
        "  diplo-extract schema\n"
        "  diplo-extract export-ls events.jsonl -o tasks.json      # Label Studio tasks\n"
        "  diplo-extract import-ls export.json -o gold.jsonl       # an annotated export back to gold",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")
    _extract_parser(sub)
    _bench_parser(sub)
    _interchange_parsers(sub)
    from .cli_collections import add_collection_commands

    add_collection_commands(sub)
    from .cli_views import add_view_commands

    add_view_commands(sub)
    s = sub.add_parser(
        "schema", help="print the JSON Schema of the output document object",
        description="Print the JSON Schema (draft 2020-12, from the pydantic models) of the document object that "
        "`extract` writes: id, lang, published, text, events (with spans), entities, languages, error.",
    )
    s.set_defaults(func=_schema)
    return p


def _extract_parser(sub) -> None:  # noqa: ANN001
    p = command_parser(
        sub, "extract", help="extract events from a text file or a JSONL batch",
        description="INPUT is a .txt file (one document; JSON object to stdout), a .jsonl file of "
        '{"id", "text", "published"?} records (one document object per line, ids kept, progress on stderr), or - for stdin text.',
        epilog="Examples:\n  diplo-extract extract article.txt --published 2020-11-26 --format summary\n"
        "  diplo-extract extract articles.jsonl -o events.jsonl -j 2\n"
        "  diplo-extract extract examples/articles.jsonl --format csv -o events.csv\n"
        "  diplo-extract extract articles.jsonl -o sure.jsonl --min-confidence 0.9     # only the likely events\n"
        "  diplo-extract extract examples/articles.jsonl --format parquet -o events.parquet   # pip install 'diplo_extract[table]'\n"
        "  diplo-extract extract article.txt --published 2020-11-26 --displacy events.html   # open it in a browser\n"
        "  diplo-extract extract articles.jsonl -o events.jsonl --html pages/   # a page per document: pages/<id>.html\n"
        "  diplo-extract extract 'shards/*.jsonl' -o out/ --dask local:2        # out/<shard name> per shard\n"
        "  diplo-extract extract '/shared/shards/*.jsonl' -o /shared/out/ --dask tcp://scheduler:8786",
    )
    p.add_argument("input", help="a .txt file, a .jsonl file, or - for standard input")
    p.add_argument("--published", metavar="YYYY-MM-DD", help="publication date of a single text (resolves relative dates)")
    p.add_argument("--id", help="identifier to put in the output of a single text")
    p.add_argument("-o", "--output", metavar="PATH", help="write here instead of standard output")
    p.add_argument("--compact", action="store_true", help="single-line JSON for a single text")
    p.add_argument("--format", choices=FORMATS, default="json",
                   help="json: the document object (default; one per line for a batch); jsonl: one compact document object "
                   "per line; summary: one readable line per event; csv: one row per event (a header line first); "
                   "parquet: one row per event, into the file of -o (needs diplo_extract[table])")
    p.add_argument("--max-chars", type=int, default=MAX_CHARS, metavar="N",
                   help=f"refuse longer texts with error E025 (default {MAX_CHARS:,})")
    p.add_argument("--no-progress", action="store_true", help="no progress bar for batches")
    p.add_argument("--displacy", metavar="HTML", help="also write a displaCy page here: triggers and arguments as spans, "
                   "one colour per event type (a batch: one section per document)")
    p.add_argument("--html", metavar="DIR", help="also write one self-contained page per document into DIR (<id>.html): "
                   "highlighted spans and one card per event, as `diplo-extract view` writes")
    p.add_argument("-j", "--jobs", type=int, default=1, metavar="N", help="worker processes for a batch (each loads its own models, ~300 MB); default 1")
    p.add_argument("--min-confidence", type=float, metavar="X",
                   help="leave out events whose confidence is below X (0-1; the kept events keep their ids), e.g. 0.9 for the "
                   "events that are right 9 times in 10 (README: Confidence)")
    p.add_argument("--dask", metavar="local:N|ADDRESS",
                   help="run on Dask (extra diplo_extract[dask]): INPUT is a glob of JSONL shards (quote it), -o a folder that gets "
                   "one JSONL file per shard, named after it; local:N starts N local worker processes, tcp://HOST:8786 uses a running scheduler")
    add_extractor_options(p)
    p.set_defaults(func=_extract)


def _bench_parser(sub) -> None:  # noqa: ANN001
    p = sub.add_parser(
        "bench", help="score the extractor against gold fixtures",
        description="GOLD is a .jsonl file or a folder of .json/.jsonl gold documents (event-format.md). "
        "The gold is validated first; the extractor runs on each text and is scored by the rules of event-format.md.",
    )
    p.add_argument("gold", help="gold .jsonl file or folder")
    p.add_argument("--by-type", action="store_true", help="per event type table")
    p.add_argument("--json", action="store_true", help="machine-readable report")
    p.add_argument("--verbose", action="store_true", help="per-document listing of paired, missed and spurious events")
    p.add_argument("--predictions", metavar="PATH", help="also write the predicted documents as JSONL here")
    add_extractor_options(p)
    p.set_defaults(func=_bench)


def _extractor(args: argparse.Namespace):  # noqa: ANN202 - an Extractor
    """The extractor the options ask for (tests put the session's in its place)."""
    return build_extractor(args)


def _extract(args: argparse.Namespace) -> int:
    path = args.input
    if args.min_confidence is not None:
        from .confidence import check_threshold

        check_threshold(args.min_confidence)
    if args.dask is not None:
        return _extract_dask(args)
    if path != "-" and Path(path).suffix == ".jsonl":
        return _extract_batch(args, path)
    text = _read_stdin() if path == "-" else _read_text(path)
    from .pipeline import parse_published

    published = parse_published(args.published)
    _check_table_output(args)
    _check_html(args.html)
    result = _confident(args, _extractor(args).extract(text, published, id=args.id or (Path(path).stem if path != "-" else None)))
    _emit(args, [result], compact=args.compact)
    _write_displacy(args.displacy, [result])
    _write_html(args.html, [result])
    return 0


def _confident(args: argparse.Namespace, result):  # noqa: ANN001, ANN202 - a DocumentResult
    """``result`` without the events under ``--min-confidence`` (unchanged without it)."""
    if args.min_confidence is None:
        return result
    from .confidence import drop_below

    return drop_below(result, args.min_confidence)


def _write_html(folder: str | None, results: list) -> None:  # noqa: ANN001 - DocumentResults
    """``--html DIR``: one page per document (:mod:`.cli_views`)."""
    from .cli_views import write_html_pages as write

    write(folder, results)


def _check_html(folder: str | None) -> None:
    """Refuse ``--html`` naming a file before any extraction (:mod:`.cli_views`)."""
    from .cli_views import check_html_folder as check

    check(folder)


def _write_displacy(path: str | None, results: list) -> None:  # noqa: ANN001 - DocumentResults
    if path is not None:
        from .rendering import render_html

        write_lines(path, [render_html(results)])


def _check_table_output(args: argparse.Namespace) -> None:
    """Refuse a table format that cannot be written, before any extraction."""
    if args.format == "parquet":
        if args.output is None:
            raise CliError(Errors.E081.format(form="parquet"))
        from .table import require_table_extra

        require_table_extra("--format parquet")


def _emit(args: argparse.Namespace, results, *, compact: bool) -> None:  # noqa: ANN001 - DocumentResults
    """Write results in ``args.format`` to ``args.output`` (or stdout), as they come."""
    if args.format == "parquet":
        from .table import write_parquet

        try:
            write_parquet(results, args.output)
        except OSError as exc:
            raise CliError(Errors.E030.format(path=args.output, detail=exc.strerror or exc)) from None
    elif args.format == "csv":
        from .table import csv_records, event_rows

        write_lines(args.output, csv_records(event_rows(results)), newline="")
    else:
        write_lines(args.output, (_render(r, args.format, compact=compact) for r in results))


def _render(result, form: str, *, compact: bool) -> str:  # noqa: ANN001 - a DocumentResult
    if form == "summary":
        from .summary import render_summary

        return render_summary(result)
    return result.model_dump_json(indent=None if compact or form == "jsonl" else 2)


def _extract_batch(args: argparse.Namespace, path: str) -> int:
    """Stream a JSONL batch: records are read, extracted and written one by one."""
    check_jobs(args)
    total = count_records(path)  # also checks the whole file is UTF-8 before any work
    _check_table_output(args)
    _check_html(args.html)
    ex = _extractor(args)
    results = ex.extract_many(_read_jsonl(path), progress=not args.no_progress, jobs=args.jobs, total=total)
    failed: list[str] = []
    displayed: list = []  # the results for --displacy and --html, kept until the pages are written

    def checked() -> Iterator:
        for n, r in enumerate(map(lambda r: _confident(args, r), results), 1):
            if r.error is not None:
                failed.append(r.id or f"line-{n}")
            if args.displacy is not None or args.html is not None:
                displayed.append(r)
            yield r

    _emit(args, checked(), compact=True)
    _write_displacy(args.displacy, displayed)
    _write_html(args.html, displayed)
    if not failed:
        return 0
    _report_failed(failed, total)
    return EXIT_SOME_FAILED


def _extract_dask(args: argparse.Namespace) -> int:
    """JSONL shards on a Dask cluster, one output file per shard (``dask_shards.py``)."""
    if not args.output:
        raise CliError(Errors.E096.format(detail="give it with -o DIR"))
    if args.min_confidence is not None:
        raise CliError(Errors.E122)
    if args.html is not None:
        raise CliError("--html writes pages on this machine; with --dask, write the pages after: diplo-extract view out/SHARD.jsonl -o pages/")
    if args.jobs != 1:
        raise CliError(f"--jobs is for one machine; with --dask give the workers in local:N or start them on the cluster (got --jobs {args.jobs})")
    from .dask_shards import dask_client, plan_shards, run_shards

    shards = plan_shards(args.input, args.output)
    config = _extractor(args).config
    with dask_client(args.dask) as client:
        reports = run_shards(shards, config, client=client, form=args.format, progress=not args.no_progress)
    failed = [i for r in reports for i in r.failed]
    for report in reports:
        if report.error is not None:
            print(f"diplo-extract: {report.error}", file=sys.stderr)
    documents = sum(r.documents for r in reports)
    print(f"diplo-extract: {documents} documents from {len(reports)} shards written to {args.output}", file=sys.stderr)
    broken = [r for r in reports if r.error is not None]
    if not failed and not broken:
        return 0
    if failed:
        _report_failed(failed, documents)
    return EXIT_SOME_FAILED


def _report_failed(failed: list[str], total: int) -> None:
    shown = ", ".join(failed[:FAILED_IDS_SHOWN]) + (f" and {len(failed) - FAILED_IDS_SHOWN} more" if len(failed) > FAILED_IDS_SHOWN else "")
    print(f"diplo-extract: {len(failed)} of {total} documents failed (see their 'error' field): {shown}", file=sys.stderr)


def _read_stdin() -> str:
    data = sys.stdin.buffer.read() if hasattr(sys.stdin, "buffer") else sys.stdin.read()
    if isinstance(data, str):
        return data
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise CliError(Errors.E032.format(detail=f"{exc.reason} at byte {exc.start}")) from None


def _read_text(path: str) -> str:
    try:
        return Path(path).read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise CliError(Errors.E030.format(path=path, detail=f"not UTF-8 text ({exc.reason} at byte {exc.start})")) from None
    except OSError as exc:
        raise CliError(Errors.E030.format(path=path, detail=exc.strerror or exc)) from None


def _read_jsonl(path: str) -> Iterator[dict]:
    with open(path, encoding="utf-8") as handle:
        yield from batch_records(path, handle)


def _bench(args: argparse.Namespace) -> int:
    from .evaluation import load_gold, score
    from .evaluation.report import render_json, render_text

    gold_path = Path(args.gold)
    if not gold_path.exists():
        raise CliError(Errors.E030.format(path=gold_path, detail="no such file or folder"))
    gold = load_gold(gold_path)
    ex = _extractor(args)
    started = time.perf_counter()
    preds = [r.model_dump(mode="json") for r in ex.extract_many(({"id": g["id"], "text": g["text"], "published": g.get("published")} for g in gold), progress=False)]
    seconds = time.perf_counter() - started
    if args.predictions:
        write_lines(args.predictions, (json.dumps(p, ensure_ascii=False) for p in preds))
    report = score(gold, preds, seconds=seconds)
    print(render_json(report, details=args.verbose) if args.json else render_text(report, by_type=args.by_type, verbose=args.verbose))
    return 0


def _schema(args: argparse.Namespace) -> int:
    from .schema import json_schema

    print(json.dumps(json_schema(), indent=2, ensure_ascii=False))
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
