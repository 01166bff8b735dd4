"""What the command modules share (:mod:`.cli`, :mod:`.cli_collections`,
:mod:`.cli_views`, :mod:`.labelstudio.commands`): the input error, a subcommand whose
help keeps its line breaks, the options several commands take (knowledge base and
English pipeline, progress bar), and counting and writing lines. It imports nothing
heavy: ``--help`` loads no pipeline and no model library."""
from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable

from .constants import MAX_CHARS
from .errors import Errors

__all__ = [
    "CliError", "add_extractor_options", "add_progress_options", "build_extractor", "check_jobs", "command_parser",
    "count_records", "shows_progress", "write_lines",
]


class CliError(Exception):
    """A problem with the user's input: printed on one line, exit code 2."""


def command_parser(sub, name: str, *, help: str, description: str, epilog: str) -> argparse.ArgumentParser:  # noqa: ANN001, A002
    """Add the subcommand ``name`` to ``sub`` (argparse's subparsers); its description
    and examples (``epilog``) are printed with their line breaks as written."""
    return sub.add_parser(name, help=help, description=description, epilog=epilog, formatter_class=argparse.RawDescriptionHelpFormatter)


def add_extractor_options(p: argparse.ArgumentParser) -> None:
    """``--actors`` and ``--en-pipeline``: what the extractor a command builds loads."""
    p.add_argument("--actors", action="append", default=[], metavar="YAML", help="extra actor knowledge-base file (models/actors format); repeatable")
    p.add_argument("--en-pipeline", metavar="NAME_OR_PATH", help="use an installed statistical spaCy pipeline for English")


def add_progress_options(p: argparse.ArgumentParser, during: str = "") -> None:
    """``--progress`` and ``--no-progress`` (see :func:`shows_progress`); ``during``
    says when the bar runs (" while reading")."""
    p.add_argument("--progress", action="store_true", help=f"a progress bar on stderr{during} (shown anyway on a terminal)")
    p.add_argument("--no-progress", action="store_true", help="no progress bar")


def shows_progress(args: argparse.Namespace) -> bool:
    """A progress bar on stderr with --progress, or on a terminal unless --no-progress."""
    return not args.no_progress and (args.progress or sys.stderr.isatty())


def check_jobs(args: argparse.Namespace) -> None:
    """Refuse ``--jobs`` below 1."""
    if args.jobs < 1:
        raise CliError(f"--jobs must be at least 1, got {args.jobs}")


def build_extractor(args: argparse.Namespace):  # noqa: ANN201 - an Extractor, imported only when a command runs
    """The extractor that ``--actors``, ``--en-pipeline`` and ``--max-chars`` ask for."""
    from .pipeline import Extractor

    return Extractor(actor_files=args.actors, en_pipeline=args.en_pipeline, max_chars=getattr(args, "max_chars", MAX_CHARS))


def count_records(path: str) -> int:
    """The non-blank lines of a UTF-8 file (E030 when it is unreadable or not UTF-8)."""
    try:
        with open(path, encoding="utf-8") as handle:
            return sum(1 for line in handle if line.strip())
    except UnicodeDecodeError as exc:
        raise CliError(Errors.E030.format(path=path, detail=f"not UTF-8 text ({exc.reason} at byte {exc.start})")) from None
    except OSError as exc:
        raise CliError(Errors.E030.format(path=path, detail=exc.strerror or exc)) from None


def write_lines(output: str | None, lines: Iterable[str], *, newline: str | None = None) -> None:
    """Each of ``lines`` and a line end, to the file ``output`` or to standard output."""
    if output is None:
        for line in lines:
            sys.stdout.write(line + "\n")
        return
    try:
        with open(output, "w", encoding="utf-8", newline=newline) as handle:
            for line in lines:
                handle.write(line + "\n")
    except OSError as exc:
        raise CliError(Errors.E030.format(path=output, detail=exc.strerror or exc)) from None
