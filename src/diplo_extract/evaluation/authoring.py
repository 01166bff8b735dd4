"""Compile gold annotations from the authoring format (``*.gold.txt``) to JSON.

The authoring format keeps the raw text readable while it is annotated::

    # id: fx-ru-01-example
    # lang: ru
    # published: 2024-05-16
    # source: ТАСС
    # note: what this fixture tests
    === text
    [[Путин|p1]] [[прибыл|v1]] в [[Пекин|l1]].
    === events
    [{"type": "visit", "status": "occurred", "mentions": ["v1"],
      "date": null, "location": {"name": "Пекин", "refs": ["l1"]},
      "persons": [{"name": "Владимир Путин", "refs": ["p1"]}],
      "parties": [], "document": null}]

- Header lines ``# key: value`` come first. ``none``, ``null`` or an empty value
  give ``null``. Every header becomes a top-level field, in the order written.
- The text is every line between ``=== text`` and ``=== events``, joined by
  ``\\n``: the newline just before ``=== events`` ends the section and is not part
  of the text; leading spaces and inner blank lines are kept.
- ``[[span text|ref]]`` marks a span and names it ``ref``; marks may nest.
  The markup is removed from the text, and spans are offsets into the clean text.
- The events are a JSON list in the shape of ``event-format.md``, except that each
  ``refs`` list of ref names stands for a ``spans`` list, and ``mentions`` is a list
  of ref names.

Errors raise :class:`AuthoringError` (a ``ValueError``) naming the file, the line
and the ref. Run ``python -m diplo_extract.evaluation.authoring SRC_DIR OUT_DIR``
to write one ``OUT_DIR/<id>.json`` per ``SRC_DIR/*.gold.txt``.
"""
from __future__ import annotations

import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Sequence

TEXT_MARK = "=== text"
EVENTS_MARK = "=== events"
HEADER = re.compile(r"# ([A-Za-z_][\w-]*):(.*)")
CLOSE = re.compile(r"\|([A-Za-z0-9_.\-]+)\]\]")
NULL_VALUES = frozenset({"", "none", "null"})
REQUIRED_HEADERS = ("id", "lang")
FIRST_FIELDS = ("id", "lang", "published", "source", "note")


class AuthoringError(ValueError):
    """An error in a ``.gold.txt`` source, located by file, line and ref."""

    def __init__(self, name: str, line: int | None, message: str, ref: str | None = None):
        where = name if line is None else f"{name}:{line}"
        about = "" if ref is None else f" (ref {ref!r})"
        super().__init__(f"{where}: {message}{about}")
        self.name, self.line, self.ref = name, line, ref


@dataclass(frozen=True)
class Span:
    """A half-open ``[start, end)`` span of the clean text."""

    start: int
    end: int
    text: str

    def to_dict(self) -> dict[str, Any]:
        """The span as event-format JSON."""
        return {"start": self.start, "end": self.end, "text": self.text}


@dataclass(frozen=True)
class Section:
    """A part of the source: its raw content and the file line it starts on."""

    content: str
    first_line: int

    def line_of(self, index: int) -> int:
        """File line number of character ``index`` of ``content``."""
        return self.first_line + self.content.count("\n", 0, index)


# ----------------------------------------------------------------------------- headers


def parse_header_value(value: str) -> str | None:
    """Strip a header value; ``none``, ``null`` and blanks are ``None``.

    >>> parse_header_value(" 2020-11-26 "), parse_header_value(" none")
    ('2020-11-26', None)
    """
    value = value.strip()
    return None if value.lower() in NULL_VALUES else value


def parse_headers(section: Section, name: str) -> dict[str, str | None]:
    """The ``# key: value`` lines before ``=== text``, in order."""
    headers: dict[str, str | None] = {}
    for offset, line in enumerate(section.content.split("\n")):
        _add_header(headers, line, section.first_line + offset, name)
    missing = [key for key in REQUIRED_HEADERS if key not in headers]
    if missing:
        raise AuthoringError(name, None, f"missing header(s) {', '.join(missing)}")
    return headers


def _add_header(headers: dict[str, str | None], line: str, lineno: int, name: str) -> None:
    if not line.strip():
        return
    match = HEADER.fullmatch(line.rstrip())
    if match is None:
        raise AuthoringError(name, lineno, f"expected '# key: value', got {line!r}")
    key = match.group(1)
    if key in headers or key in ("text", "events"):
        raise AuthoringError(name, lineno, f"duplicate or reserved header {key!r}")
    headers[key] = parse_header_value(match.group(2))


# ------------------------------------------------------------------------------ markup


def parse_markup(source: str, *, name: str = "<string>", first_line: int = 1
                 ) -> tuple[str, dict[str, Span]]:
    """Remove ``[[span|ref]]`` markup; return the clean text and the spans by ref.

    >>> text, spans = parse_markup("a [[b [[c|x]]|y]] d")
    >>> text, spans["x"], spans["y"].text
    ('a b c d', Span(start=4, end=5, text='c'), 'b c')
    """
    section = Section(source, first_line)
    out: list[str] = []  # one character per item
    opened: list[tuple[int, int]] = []  # (clean offset, source index) of each '[['
    spans: dict[str, Span] = {}
    i = 0
    while i < len(source):
        i = _step(section, i, out, opened, spans, name)
    if opened:
        raise AuthoringError(name, section.line_of(opened[-1][1]), "'[[' is never closed")
    return "".join(out), spans


def _step(section: Section, i: int, out: list[str], opened: list[tuple[int, int]],
          spans: dict[str, Span], name: str) -> int:
    """Consume one token at ``i``: an opening, a closing or a character."""
    source = section.content
    if source.startswith("[[", i):
        opened.append((len(out), i))
        return i + 2
    close = CLOSE.match(source, i)
    if close is not None:
        _close(section, close, out, opened, spans, name)
        return close.end()
    if source.startswith("]]", i):
        raise AuthoringError(name, section.line_of(i), "']]' without '|ref'")
    out.append(source[i])
    return i + 1


def _close(section: Section, close: re.Match[str], out: list[str],
           opened: list[tuple[int, int]], spans: dict[str, Span], name: str) -> None:
    ref, line = close.group(1), section.line_of(close.start())
    if not opened:
        raise AuthoringError(name, line, "'|ref]]' without '[['", ref)
    if ref in spans:
        raise AuthoringError(name, line, "duplicate ref", ref)
    start, end = opened.pop()[0], len(out)
    spans[ref] = Span(start, end, "".join(out[start:end]))


# ------------------------------------------------------------------------------ events


def parse_events(section: Section, name: str) -> list[dict[str, Any]]:
    """The JSON list after ``=== events``."""
    try:
        events = json.loads(section.content)
    except json.JSONDecodeError as error:
        line = section.first_line + error.lineno - 1
        raise AuthoringError(name, line, f"bad JSON: {error.msg}") from None
    if not isinstance(events, list):
        raise AuthoringError(name, section.first_line, "events must be a JSON list")
    return events


def resolve_refs(value: Any, spans: dict[str, Span], section: Section, name: str) -> Any:
    """Replace every ``refs`` by ``spans`` and every ``mentions`` ref by its span.

    >>> spans = {"t": Span(0, 3, "met")}
    >>> resolve_refs({"mentions": ["t"], "date": None}, spans, Section("", 1), "-")
    {'mentions': [{'start': 0, 'end': 3, 'text': 'met'}], 'date': None}
    """
    if isinstance(value, list):
        return [resolve_refs(item, spans, section, name) for item in value]
    if not isinstance(value, dict):
        return value
    return dict(_resolve_item(key, item, spans, section, name) for key, item in value.items())


def _resolve_item(key: str, item: Any, spans: dict[str, Span], section: Section,
                  name: str) -> tuple[str, Any]:
    if key in ("refs", "mentions"):
        return ("spans" if key == "refs" else key), _spans_of(item, spans, section, name)
    return key, resolve_refs(item, spans, section, name)


def _spans_of(refs: Any, spans: dict[str, Span], section: Section, name: str
              ) -> list[dict[str, Any]]:
    if not isinstance(refs, list) or not all(isinstance(ref, str) for ref in refs):
        raise AuthoringError(name, section.first_line, f"refs must be a list of names: {refs!r}")
    return [_span_of(ref, spans, section, name) for ref in refs]


def _span_of(ref: str, spans: dict[str, Span], section: Section, name: str) -> dict[str, Any]:
    if ref not in spans:
        index = section.content.find(json.dumps(ref))
        raise AuthoringError(name, section.line_of(max(index, 0)), "unknown ref", ref)
    return spans[ref].to_dict()


# ---------------------------------------------------------------------------- document


def split_sections(source: str, name: str) -> tuple[Section, Section, Section]:
    """Split a source into its header, text and events sections."""
    lines = source.split("\n")
    text_at = _marker_line(lines, TEXT_MARK, 0, name)
    events_at = _marker_line(lines, EVENTS_MARK, text_at + 1, name)
    return (
        Section("\n".join(lines[:text_at]), 1),
        Section("\n".join(lines[text_at + 1:events_at]), text_at + 2),
        Section("\n".join(lines[events_at + 1:]), events_at + 2),
    )


def _marker_line(lines: Sequence[str], marker: str, start: int, name: str) -> int:
    for index in range(start, len(lines)):
        if lines[index].rstrip() == marker:
            return index
    raise AuthoringError(name, None, f"missing {marker!r} line")


def order_fields(doc: dict[str, Any]) -> dict[str, Any]:
    """Put the usual fields first (id, lang, published, source, note), then the rest.

    >>> list(order_fields({"text": "", "extra": 1, "id": "x", "events": []}))
    ['id', 'extra', 'text', 'events']
    """
    first = [key for key in FIRST_FIELDS if key in doc]
    last = [key for key in ("text", "events") if key in doc]
    middle = [key for key in doc if key not in first and key not in last]
    return {key: doc[key] for key in first + middle + last}


def compile_gold_txt(source: str, *, name: str = "<string>") -> dict[str, Any]:
    """Compile one ``.gold.txt`` source to the document object of event-format.md."""
    source = source.lstrip("\ufeff").replace("\r\n", "\n")
    head, body, tail = split_sections(source, name)
    headers = parse_headers(head, name)
    text, spans = parse_markup(body.content, name=name, first_line=body.first_line)
    events = resolve_refs(parse_events(tail, name), spans, tail, name)
    return order_fields({**headers, "text": text, "events": events})


def compile_file(path: str | Path) -> dict[str, Any]:
    """Compile one ``.gold.txt`` file (UTF-8)."""
    path = Path(path)
    return compile_gold_txt(path.read_text(encoding="utf-8"), name=str(path))


def compile_dir(src_dir: str | Path) -> list[dict[str, Any]]:
    """Compile every ``*.gold.txt`` of a folder, in file-name order; ids must be unique."""
    docs = [compile_file(path) for path in sorted(Path(src_dir).glob("*.gold.txt"))]
    _check_unique_ids(docs, str(src_dir))
    return docs


def _check_unique_ids(docs: Iterable[dict[str, Any]], name: str) -> None:
    seen: set[str] = set()
    for doc in docs:
        if doc["id"] in seen:
            raise AuthoringError(name, None, f"duplicate document id {doc['id']!r}")
        seen.add(doc["id"])


def dump_document(doc: dict[str, Any]) -> str:
    """The JSON text written for one document (stable: same input, same bytes)."""
    return json.dumps(doc, indent=1, ensure_ascii=False) + "\n"


def write_documents(docs: Iterable[dict[str, Any]], out_dir: str | Path) -> list[Path]:
    """Write each document to ``out_dir/<id>.json``; return the paths written."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for doc in docs:
        path = out / f"{doc['id']}.json"
        path.write_text(dump_document(doc), encoding="utf-8")
        paths.append(path)
    return paths


def main(argv: Sequence[str] | None = None) -> int:
    """CLI: ``python -m diplo_extract.evaluation.authoring SRC_DIR OUT_DIR``."""
    args = list(sys.argv[1:] if argv is None else argv)
    if len(args) != 2:
        print("usage: python -m diplo_extract.evaluation.authoring SRC_DIR OUT_DIR",
              file=sys.stderr)
        return 2
    try:
        paths = write_documents(compile_dir(args[0]), args[1])
    except (AuthoringError, OSError) as error:
        print(error, file=sys.stderr)
        return 1
    print(f"wrote {len(paths)} document(s) to {args[1]}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
