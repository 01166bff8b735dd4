"""Commands over many documents' results: ``merge`` (happenings), ``store`` (an
SQLite database), ``query`` (answers from it) and ``bench-merge`` (merging scored
against merge gold). Registered by :mod:`.cli`."""
from __future__ import annotations

import argparse
import json
from collections.abc import Iterator
from pathlib import Path

from .cli_common import (
    CliError, add_extractor_options, add_progress_options, build_extractor, check_jobs, command_parser, count_records,
    shows_progress, write_lines,
)
from .errors import Errors
from .constants import EVENT_TYPES

__all__ = ["add_collection_commands"]


def add_collection_commands(sub) -> None:  # noqa: ANN001 - argparse's subparsers
    """Add ``merge``, ``store``, ``query`` and ``bench-merge`` to the subcommands ``sub``."""
    _merge_parser(sub)
    _store_parser(sub)
    _query_parser(sub)
    _bench_merge_parser(sub)


def _merge_parser(sub) -> None:  # noqa: ANN001
    p = command_parser(
        sub, "merge", help="merge the events of many documents into happenings (one per real-world happening)",
        description="EVENTS is a JSONL file written by `diplo-extract extract` (one document object per line). "
        "Events of the same type, compatible dates, shared parties, persons, place and document title are merged "
        "into one happening per line: a stable id, merged arguments with their sources, every member event, the first "
        "and last report, and the status history by publication date (docs/happenings.md).",
        epilog="Examples:\n  diplo-extract extract examples/articles.jsonl -o events.jsonl\n"
        "  diplo-extract merge events.jsonl -o happenings.jsonl\n"
        "  diplo-extract merge events.jsonl --min-members 2      # only happenings reported by two events or more",
    )
    p.add_argument("events", help="a .jsonl file of document results")
    p.add_argument("-o", "--output", metavar="PATH", help="write the happenings here (JSONL) instead of standard output")
    p.add_argument("--min-members", type=int, default=1, metavar="N", help="write only happenings with at least N member events")
    add_progress_options(p, " while reading")
    p.set_defaults(func=_merge)


def _merge(args: argparse.Namespace) -> int:
    from tqdm import tqdm

    from .happenings import merge, read_results

    total = count_records(args.events)
    shown = shows_progress(args)
    results = tqdm(read_results(args.events), total=total, unit="doc", desc="read", disable=not shown)
    happenings = merge(results)
    write_lines(args.output, (h.model_dump_json() for h in happenings if len(h.members) >= args.min_members))
    return 0


def _bench_merge_parser(sub) -> None:  # noqa: ANN001
    p = command_parser(
        sub, "bench-merge", help="score merging into happenings against merge gold (B-cubed and pairwise F1)",
        description="GOLD is a merge gold folder: documents.jsonl ({id, text, published} per line) and happenings.jsonl "
        "(per gold happening, its member events named by document, type and mention text; docs/happenings.md#merge-gold). "
        "The documents are extracted, their events merged as `diplo-extract merge` does, each gold member paired with the "
        "predicted event whose mentions overlap its own, and the clustering scored: B-cubed and pairwise precision, recall "
        "and F1 over the paired members, recurring (recurs_with) and confusable pairs merged, and unmatched gold members.",
        epilog="Examples:\n  diplo-extract bench-merge tests/fixtures/merge\n"
        "  diplo-extract bench-merge tests/fixtures/merge --json              # machine-readable\n"
        "  diplo-extract bench-merge tests/fixtures/merge --verbose -o results.jsonl   # which gold happenings were split or joined",
    )
    p.add_argument("gold", help="a merge gold folder (or its happenings.jsonl)")
    p.add_argument("--json", action="store_true", help="the report as JSON")
    p.add_argument("--verbose", action="store_true", help="also list the gold happenings split and the ones joined together")
    p.add_argument("-o", "--predictions", metavar="PATH", help="also write the extracted documents here (JSONL, as `extract` writes them)")
    p.add_argument("-j", "--jobs", type=int, default=1, metavar="N", help="worker processes for extraction (default 1)")
    add_progress_options(p, " while extracting")
    add_extractor_options(p)
    p.set_defaults(func=_bench_merge)


def _bench_merge(args: argparse.Namespace) -> int:
    from .evaluation.merge_report import render_merge_json, render_merge_text, run_merge_bench

    check_jobs(args)
    report, results = run_merge_bench(args.gold, build_extractor(args), progress=shows_progress(args), jobs=args.jobs)
    if args.predictions:
        write_lines(args.predictions, (r.model_dump_json() for r in results))
    print(render_merge_json(report) if args.json else render_merge_text(report, verbose=args.verbose))
    return 0


def _store_parser(sub) -> None:  # noqa: ANN001
    p = command_parser(
        sub, "store", help="put results into an SQLite database and update its happenings",
        description="EVENTS is a JSONL file written by `diplo-extract extract`. Each document goes in by its id in one "
        "transaction (a document read again replaces its rows; an unchanged one is skipped), then the happenings around "
        "the new documents are merged again. Schema: docs/happenings.md#the-store.",
        epilog="Examples:\n  diplo-extract store events.jsonl --db events.sqlite\n"
        "  diplo-extract store more-events.jsonl --db events.sqlite     # adds, replaces by id, updates happenings",
    )
    p.add_argument("events", help="a .jsonl file of document results")
    p.add_argument("--db", required=True, metavar="PATH", help="the SQLite database (created when missing)")
    add_progress_options(p)
    p.set_defaults(func=_store)


def _query_parser(sub) -> None:  # noqa: ANN001
    p = command_parser(
        sub, "query", help="events (or happenings) from an SQLite database written by `store`",
        description="Events with every --party given, of any --type given, whose days overlap --from..--to.",
        epilog="Examples:\n  diplo-extract query --db events.sqlite --party RUS --party BLR --type meeting --from 2020-01 --to 2025-12\n"
        "  diplo-extract query --db events.sqlite --party RUS --format csv > events.csv\n"
        "  diplo-extract query --db events.sqlite --type signing --happenings       # the happenings of those events, JSONL",
    )
    p.add_argument("--db", required=True, metavar="PATH", help="the SQLite database")
    p.add_argument("--party", action="append", default=[], metavar="CODE", help="a party code the event has; repeatable (all must be there)")
    p.add_argument("--type", action="append", default=[], choices=EVENT_TYPES, help="an event type; repeatable (any)")
    p.add_argument("--from", dest="start", metavar="DATE", help="first day, month or year (2020-01)")
    p.add_argument("--to", dest="end", metavar="DATE", help="last day, month or year (2025-12)")
    p.add_argument("--format", choices=("table", "csv", "jsonl"), default="table", help="table (default), csv or jsonl rows")
    p.add_argument("--happenings", action="store_true", help="write the happenings of the matching events (JSONL) instead")
    p.set_defaults(func=_query)


def _store(args: argparse.Namespace) -> int:
    from tqdm import tqdm

    from .happenings import read_results
    from .store import EventStore

    total = count_records(args.events)
    shown = shows_progress(args)
    with EventStore(args.db) as store:
        report = store.ingest(tqdm(read_results(args.events), total=total, unit="doc", desc="store", disable=not shown))
    print(f"{args.db}: {report['read']} documents read, {report['written']} written, {report['unchanged']} unchanged; "
          f"{report['happenings']} happenings merged again")
    return 0


def _query(args: argparse.Namespace) -> int:
    from .store import EventStore

    start, end = _query_day(args.start, "--from", first=True), _query_day(args.end, "--to", first=False)
    if not Path(args.db).is_file():
        raise CliError(Errors.E030.format(path=args.db, detail="no such database"))
    with EventStore(args.db) as store:
        rows = store.events(parties=[c.upper() for c in args.party], types=args.type, start=start, end=end)
        if args.happenings:
            write_lines(None, store.happening_records(r["happening_id"] for r in rows if r["happening_id"]))
            return 0
    write_lines(None, _query_lines(rows, args.format))
    return 0


def _query_day(value: str | None, option: str, *, first: bool) -> str | None:
    from .date_values import day_span

    if value is None:
        return None
    span = day_span(value)
    if span is None or "/" in value:
        raise CliError(Errors.E084.format(option=option, value=value))
    return (span.start if first else span.end).isoformat()


QUERY_TABLE = ("date", "type", "status", "location", "parties", "persons", "document_id", "event_index", "happening_id")


def _query_lines(rows: list[dict], form: str) -> Iterator[str]:
    if form == "jsonl":
        yield from (json.dumps(r, ensure_ascii=False) for r in rows)
        return
    if form == "csv":
        import csv
        import io

        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=list(rows[0]) if rows else ["document_id"], lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
        yield buffer.getvalue().rstrip("\n")
        return
    cells = [list(QUERY_TABLE)] + [["—" if r[c] is None else str(r[c]) for c in QUERY_TABLE] for r in rows]
    widths = [min(40, max(len(row[i]) for row in cells)) for i in range(len(QUERY_TABLE))]
    for row in cells:
        yield "  ".join(cell[:w].ljust(w) for cell, w in zip(row, widths)).rstrip()
    yield f"{len(rows)} events"
