"""``diplo-extract export-ls`` and ``import-ls``: the command-line side of the
Label Studio round trip (parsers and handlers, registered by :mod:`diplo_extract.cli`)."""
from __future__ import annotations

import argparse
import json
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path

from ..errors import Errors

EXIT_OK, EXIT_INPUT, EXIT_SOME_FAILED = 0, 2, 3


class CommandError(Exception):
    """Unusable input or output: one line on stderr, exit status 2."""


def add_parsers(sub) -> None:  # noqa: ANN001 - argparse's subparsers action
    """Register ``export-ls`` and ``import-ls``."""
    p = sub.add_parser(
        "export-ls", help="write Label Studio tasks with the events as predictions",
        description="INPUT is the JSONL output of `extract` (or gold: a .jsonl/.json file or a folder of them). Writes a JSON "
        "list of Label Studio tasks, one per document, its events as `predictions` (model version = package version), to "
        "import into a project set up with models/labelstudio/config.xml. Records with an error are left out.",
        epilog="Examples:\n  diplo-extract extract examples/articles.jsonl -o events.jsonl --no-progress\n"
        "  diplo-extract export-ls events.jsonl -o tasks.json --config-out config.xml\n"
        "  diplo-extract export-ls tests/fixtures/dev -o dev-tasks.json        # gold as predictions, to review",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("input", help="documents: .jsonl, .json or a folder of gold files")
    p.add_argument("-o", "--output", metavar="JSON", help="tasks file (default: standard output)")
    p.add_argument("--config-out", metavar="XML", help="also write the labeling config here")
    p.set_defaults(func=export_ls)
    p = sub.add_parser(
        "import-ls", help="turn an annotated Label Studio JSON export into gold",
        description="EXPORT is a Label Studio JSON export (Export > JSON) of a project set up with "
        "models/labelstudio/config.xml. Each task's latest submitted annotation becomes one gold document "
        "(docs/output-format.md); mentions are grouped into events through relations. A task that breaks the guide "
        "(an argument with no trigger, a signing with no document, a span out of range...) is named on stderr with "
        "its region and not written; the exit status is then 3.",
        epilog="Example:\n  diplo-extract import-ls project-1-at-2026-12-02.json -o gold.jsonl",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("export", help="Label Studio JSON export")
    p.add_argument("-o", "--output", metavar="JSONL", help="gold file (default: standard output)")
    p.set_defaults(func=import_ls)


def export_ls(args: argparse.Namespace) -> int:
    """Documents to tasks."""
    from .. import __version__
    from .tasks import to_tasks

    docs = list(_documents(args.input))
    usable = [d for d in docs if not d.get("error")]
    tasks = list(to_tasks(usable, model_version=__version__))
    _write(args.output, json.dumps(tasks, ensure_ascii=False, indent=1) + "\n")
    if args.config_out:
        _copy_config(args.config_out)
    if len(usable) < len(docs):
        print(f"diplo-extract: {len(docs) - len(usable)} records with an error left out", file=sys.stderr)
    print(f"diplo-extract: {len(tasks)} tasks written", file=sys.stderr)
    return EXIT_OK


def import_ls(args: argparse.Namespace) -> int:
    """An annotated export to gold."""
    from .annotations import read_export

    tasks = _read_export(args.export)
    docs, problems = read_export(tasks)
    _write(args.output, "".join(json.dumps(doc, ensure_ascii=False) + "\n" for doc in docs))
    for problem in problems:
        print(f"diplo-extract: {problem}", file=sys.stderr)
    skipped = len({p.task for p in problems})
    print(f"diplo-extract: {len(docs)} of {len(tasks)} tasks written" + (f"; {skipped} left out" if skipped else ""), file=sys.stderr)
    return EXIT_SOME_FAILED if problems else EXIT_OK


def _documents(path: str) -> Iterator[dict]:
    source = Path(path)
    if not source.exists():
        raise CommandError(Errors.E030.format(path=path, detail="no such file or folder"))
    if source.suffix != ".jsonl":
        from ..evaluation import load_gold

        yield from load_gold(source)
        return
    try:
        lines = source.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise CommandError(Errors.E030.format(path=path, detail=exc)) from None
    for n, line in enumerate(lines, 1):
        if line.strip():
            yield _record(path, n, line)


def _record(path: str, n: int, line: str) -> dict:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        raise CommandError(Errors.E031.format(path=path, line=n, detail=exc.msg)) from None
    if not isinstance(record, dict) or not isinstance(record.get("text"), str):
        raise CommandError(Errors.E031.format(path=path, line=n, detail="not a document object with a text"))
    return record


def _read_export(path: str) -> list:
    try:
        tasks = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise CommandError(Errors.E030.format(path=path, detail=exc)) from None
    except json.JSONDecodeError as exc:
        raise CommandError(Errors.E072.format(path=path, detail=f"invalid JSON ({exc.msg} at line {exc.lineno})")) from None
    if not isinstance(tasks, list) or not all(isinstance(t, dict) for t in tasks):
        raise CommandError(Errors.E072.format(path=path, detail=f"a JSON {type(tasks).__name__}"))
    return tasks


def _copy_config(path: str) -> None:
    from ..resources import model_path

    try:
        shutil.copyfile(model_path("labelstudio", "config.xml"), path)
    except OSError as exc:
        raise CommandError(Errors.E030.format(path=path, detail=exc.strerror or exc)) from None


def _write(path: str | None, content: str) -> None:
    if path is None:
        sys.stdout.write(content)
        return
    try:
        Path(path).write_text(content, encoding="utf-8")
    except OSError as exc:
        raise CommandError(Errors.E030.format(path=path, detail=exc.strerror or exc)) from None
