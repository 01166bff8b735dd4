"""``diplo-extract export-ls``, ``import-ls``, ``export-brat`` and ``import-brat``: the
command-line side of the Label Studio and brat round trips (parsers and handlers, registered by :mod:`diplo_extract.cli`)."""
from __future__ import annotations

import argparse
import json
import re
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path

from ..cli_common import command_parser
from ..errors import Errors
from .tasks import DATA_SKIPPED

EXIT_OK, EXIT_INPUT, EXIT_SOME_FAILED = 0, 2, 3


class CommandError(Exception):
    """Unusable input or output: one line on stderr, exit status 2."""


def add_parsers(sub) -> None:  # noqa: ANN001 - argparse's subparsers action
    """Register ``export-ls``, ``import-ls``, ``export-brat`` and ``import-brat``."""
    p = command_parser(
        sub, "export-ls", help="write Label Studio tasks with the events as predictions",
        description="INPUT is the JSONL output of `extract` (or gold: a .jsonl/.json file or a folder of them). Writes a JSON "
        "list of Label Studio tasks, one per document, its events as `predictions` (model version = package version), to "
        "import into a project set up with models/labelstudio/config.xml. Records with an error are left out. Tasks come "
        "most doubtful first: by their events' lowest confidence (also the prediction's score), documents without one last.",
        epilog="Examples:\n  diplo-extract extract examples/articles.jsonl -o events.jsonl --no-progress\n"
        "  diplo-extract export-ls events.jsonl -o tasks.json --config-out config.xml\n"
        "  diplo-extract export-ls tests/fixtures/dev -o dev-tasks.json        # gold as predictions, to review",
    )
    p.add_argument("input", help="documents: .jsonl, .json or a folder of gold files")
    p.add_argument("-o", "--output", metavar="JSON", help="tasks file (default: standard output)")
    p.add_argument("--config-out", metavar="XML", help="also write the labeling config here")
    p.add_argument("--input-order", action="store_true",
                   help="keep the documents' order (default: lowest event confidence first, documents without one last)")
    p.set_defaults(func=export_ls)
    p = command_parser(
        sub, "import-ls", help="turn an annotated Label Studio JSON export into gold",
        description="EXPORT is a Label Studio JSON export (Export > JSON) of a project set up with "
        "models/labelstudio/config.xml. Each task's latest submitted annotation becomes one gold document "
        "(docs/output-format.md); mentions are grouped into events through relations. A task that breaks the guide "
        "(an argument with no trigger, a signing with no document, a span out of range...) is named on stderr with "
        "its region and not written; the exit status is then 3.",
        epilog="Example:\n  diplo-extract import-ls project-1-at-2026-12-02.json -o gold.jsonl",
    )
    p.add_argument("export", help="Label Studio JSON export")
    p.add_argument("-o", "--output", metavar="JSONL", help="gold file (default: standard output)")
    p.set_defaults(func=import_ls)
    p = command_parser(
        sub, "export-brat", help="write brat standoff files (.txt, .ann) of documents",
        description="INPUT as for export-ls. Writes DIR/<id>.txt, <id>.ann and <id>.meta.json per document, and "
        "DIR/annotation.conf.",
        epilog="Example:\n  diplo-extract export-brat events.jsonl -o brat/",
    )
    p.add_argument("input", help="documents: .jsonl, .json or a folder of gold files")
    p.add_argument("-o", "--output", metavar="DIR", required=True, help="folder to write (created if missing)")
    p.set_defaults(func=export_brat)
    p = command_parser(
        sub, "import-brat", help="turn brat standoff files (.txt, .ann) into gold",
        description="DIR holds <name>.txt and <name>.ann pairs (and, from export-brat, <name>.meta.json; without it the id "
        "is the file name, lang is guessed from the script and published is null). A document that breaks the guide "
        "is named on stderr with its annotation and not written; the exit status is then 3.",
        epilog="Example:\n  diplo-extract import-brat brat/ -o gold.jsonl",
    )
    p.add_argument("folder", help="folder of .txt/.ann pairs")
    p.add_argument("-o", "--output", metavar="JSONL", help="gold file (default: standard output)")
    p.set_defaults(func=import_brat)


def export_ls(args: argparse.Namespace) -> int:
    """Documents to tasks."""
    from .. import __version__
    from .tasks import most_doubtful_first, to_tasks

    docs = list(_documents(args.input))
    usable = [d for d in docs if not d.get("error")]
    ordered = usable if args.input_order else most_doubtful_first(usable)
    tasks = list(to_tasks(ordered, model_version=__version__))
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


def export_brat(args: argparse.Namespace) -> int:
    """Documents to brat standoff files."""
    from .brat import annotation_conf, to_ann

    folder = Path(args.output)
    docs = [d for d in _documents(args.input) if not d.get("error")]
    try:
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "annotation.conf").write_text(annotation_conf(), encoding="utf-8")
        for n, doc in enumerate(docs, 1):
            stem = _file_stem(doc.get("id"), n)
            (folder / f"{stem}.txt").write_text(doc["text"], encoding="utf-8", newline="")
            (folder / f"{stem}.ann").write_text(to_ann(doc), encoding="utf-8")
            meta = {k: v for k, v in doc.items() if k not in ("text", *DATA_SKIPPED)}
            (folder / f"{stem}.meta.json").write_text(json.dumps(meta, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    except OSError as exc:
        raise CommandError(Errors.E030.format(path=folder, detail=exc.strerror or exc)) from None
    print(f"diplo-extract: {len(docs)} documents written to {folder}", file=sys.stderr)
    return EXIT_OK


def import_brat(args: argparse.Namespace) -> int:
    """brat standoff files to gold."""
    from .brat import from_ann

    folder = Path(args.folder)
    if not folder.is_dir():
        raise CommandError(Errors.E030.format(path=folder, detail="not a folder"))
    docs, problems, anns = [], [], sorted(folder.glob("*.ann"))
    for ann in anns:
        text, meta = _brat_pair(ann)
        doc, found = from_ann(meta, text, _read(ann))
        problems.extend(found)
        if doc is not None:
            docs.append(doc)
    _write(args.output, "".join(json.dumps(doc, ensure_ascii=False) + "\n" for doc in docs))
    for problem in problems:
        print(f"diplo-extract: {problem}", file=sys.stderr)
    print(f"diplo-extract: {len(docs)} of {len(anns)} documents written", file=sys.stderr)
    return EXIT_SOME_FAILED if problems else EXIT_OK


def _brat_pair(ann: Path) -> tuple[str, dict]:
    """The text and the metadata beside an ``.ann`` file."""
    text_path, meta_path = ann.with_suffix(".txt"), ann.with_suffix(".meta.json")
    if not text_path.exists():
        raise CommandError(Errors.E030.format(path=text_path, detail="no text beside the .ann file"))
    text = _read(text_path)
    if meta_path.exists():
        try:
            meta = json.loads(_read(meta_path))
        except json.JSONDecodeError as exc:
            raise CommandError(Errors.E030.format(path=meta_path, detail=f"invalid JSON ({exc.msg})")) from None
        if not isinstance(meta, dict):
            raise CommandError(Errors.E030.format(path=meta_path, detail="not a JSON object"))
        return text, meta
    cyrillic = sum(1 for ch in text if "\u0400" <= ch <= "\u04ff")
    latin = sum(1 for ch in text if ch.isascii() and ch.isalpha())
    return text, {"id": ann.stem, "lang": "ru" if cyrillic > latin else "en", "published": None}


def _read(path: Path) -> str:
    """A UTF-8 file exactly as written (line ends untranslated: offsets count them)."""
    try:
        with open(path, encoding="utf-8", newline="") as handle:
            return handle.read()
    except (OSError, UnicodeDecodeError) as exc:
        raise CommandError(Errors.E030.format(path=path, detail=exc)) from None


def _file_stem(doc_id: object, n: int) -> str:
    """A safe file name for a document id ("doc-<n>" without one)."""
    stem = re.sub(r"[^\w.-]+", "_", str(doc_id)) if doc_id not in (None, "") else f"doc-{n}"
    return stem.lstrip(".") or f"doc-{n}"


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
