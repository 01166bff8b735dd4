"""Commands that draw results: ``view`` (one HTML page per document) and
``timeline`` (the happenings over time); ``extract --html DIR`` uses :func:`write_html_pages`.
Registered by :mod:`.cli`."""
from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from .cli_common import CliError, command_parser
from .errors import Errors

if TYPE_CHECKING:  # the command line loads no pydantic model until a command runs
    from .schema import DocumentResult

__all__ = ["add_view_commands", "check_html_folder", "write_html_pages"]


def add_view_commands(sub) -> None:  # noqa: ANN001 - argparse's subparsers
    """Add ``view`` and ``timeline`` to the subcommands ``sub``."""
    _view_parser(sub)
    _timeline_parser(sub)


def _view_parser(sub) -> None:  # noqa: ANN001
    p = command_parser(
        sub, "view", help="a self-contained HTML page per document: highlighted spans, one card per event",
        description="RESULT is what `diplo-extract extract` wrote: one document object (.json) or a JSONL batch. The page "
        "shows the text with every trigger and argument highlighted and one card per event (arguments, status, the rules "
        "that gave them); clicking a card outlines its spans. Everything is escaped and nothing is loaded: it works offline.",
        epilog="Examples:\n  diplo-extract extract examples/ria-lavrov-visit-ru.txt --published 2025-04-30 -o result.json\n"
        "  diplo-extract view result.json -o doc.html\n"
        "  diplo-extract view events.jsonl --id tass-russia-malawi-memorandum -o doc.html   # one document of a batch\n"
        "  diplo-extract view events.jsonl -o pages/                  # a page per document (a folder: end it with /)\n"
        "  diplo-extract extract examples/articles.jsonl -o events.jsonl --html pages/     # the same while extracting",
    )
    p.add_argument("result", help="a .json document object or a .jsonl file of them")
    p.add_argument("-o", "--output", required=True, metavar="HTML|DIR/",
                   help="the page to write; a folder (an existing one, or a path ending in /) gets one page per document")
    p.add_argument("--id", metavar="ID", help="the document of a batch to show (its id)")
    p.set_defaults(func=_view)


def _timeline_parser(sub) -> None:  # noqa: ANN001
    p = command_parser(
        sub, "timeline", help="the happenings of `merge` on a timeline (one self-contained HTML page)",
        description="HAPPENINGS is the JSONL file of `diplo-extract merge`. One lane per organization (else per party "
        "pair or group), a marker per happening at its first day (a line to its last), colour by type, shape by status "
        "(circle occurred, diamond planned, x cancelled); hovering shows its arguments and sources. plotly.js is embedded: "
        "the page works offline (about 5 MB). Needs the extra: pip install 'diplo_extract[view]'.",
        epilog="Examples:\n  diplo-extract extract examples/articles.jsonl -o events.jsonl\n"
        "  diplo-extract merge events.jsonl -o happenings.jsonl\n"
        "  diplo-extract timeline happenings.jsonl -o timeline.html\n"
        "  diplo-extract timeline happenings.jsonl -o timeline.html --title 'Russia, 2025' --min-members 2",
    )
    p.add_argument("happenings", help="a .jsonl file of happenings (diplo-extract merge)")
    p.add_argument("-o", "--output", required=True, metavar="HTML", help="the page to write")
    p.add_argument("--title", help="the chart's title (default: Happenings)")
    p.add_argument("--min-members", type=int, default=1, metavar="N", help="show only happenings with at least N reports")
    p.set_defaults(func=_timeline)


def _view(args: argparse.Namespace) -> int:
    from .views.files import choose_document, read_documents, write_pages
    from .views.page import document_page

    documents = read_documents(args.result)
    if _is_folder(args.output):
        shown = documents if args.id is None else [choose_document(documents, args.result, args.id)]
        count = sum(1 for _ in write_pages(shown, args.output))
        print(f"diplo-extract: {count} page{'s' * (count != 1)} written to {args.output}", file=sys.stderr)
        return 0
    _write_page(args.output, document_page(choose_document(documents, args.result, args.id)))
    return 0


def _timeline(args: argparse.Namespace) -> int:
    from .views.timeline import read_happenings, require_view_extra, timeline_page

    require_view_extra("diplo-extract timeline")  # before reading a large file
    happenings = [h for h in read_happenings(args.happenings) if len(h.members) >= args.min_members]
    _write_page(args.output, timeline_page(happenings, title=args.title))
    drawn = sum(1 for h in happenings if h.start is not None)
    left_out = f" ({len(happenings) - drawn} without a day left out)" if drawn < len(happenings) else ""
    print(f"diplo-extract: {drawn} happenings drawn in {args.output}{left_out}", file=sys.stderr)
    return 0


def check_html_folder(folder: str | None) -> None:
    """Refuse ``extract --html DIR`` up front when DIR is an existing file (E105)."""
    if folder is not None and Path(folder).exists() and not Path(folder).is_dir():
        raise CliError(Errors.E105.format(path=folder, detail="it is a file"))


def write_html_pages(folder: str | None, results: Iterable[DocumentResult]) -> None:
    """``extract --html DIR``: one page per document into ``folder`` (nothing when None)."""
    if folder is None:
        return
    from .views.files import write_pages

    for _ in write_pages(results, folder):
        pass


def _is_folder(output: str) -> bool:
    return output.endswith(("/", "\\")) or Path(output).is_dir()


def _write_page(path: str, page: str) -> None:
    try:
        Path(path).write_text(page, encoding="utf-8")
    except OSError as exc:
        raise CliError(Errors.E030.format(path=path, detail=exc.strerror or exc)) from None
