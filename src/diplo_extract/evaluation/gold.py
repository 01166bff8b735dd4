"""Load and validate gold documents (see ``docs/event-format.md``).

Gold comes as a ``.jsonl`` file (one document a line), a ``.json`` file (one
document, or a list of them) or a folder holding such files (the folder itself
only, files sorted by name; subfolders such as ``src/`` are ignored).

Every document is validated by the pydantic models below (extra fields are
allowed anywhere) and then checked for what a schema cannot see: span integrity
(``text[start:end] == span.text``, for every span-like object anywhere in the
document, extra fields included) and unique ids. All problems are collected and
raised together as one :class:`GoldError`, each naming the file, the line (for
JSON Lines) or list index, the record id and the field path::

    fixtures/x.jsonl:3 (id=fx-1): events[2].date.value: 'abc' is not an ISO date

Every event field the benchmark reads is required (``null`` or ``[]`` when
empty), so that a misspelt key is caught instead of being read as "no value".
"""
from __future__ import annotations

import calendar
import json
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from diplo_extract.errors import DiploExtractError

__all__ = [
    "GoldError", "GoldDocument", "GoldEvent", "load_gold", "validate_gold",
    "gold_problems", "iter_spans", "span_problem", "date_value_problem",
    "party_code_problem", "EVENT_TYPES", "STATUSES", "DOCUMENT_KINDS", "ORG_CODES",
]

from diplo_extract.schema import DOCUMENT_EVENT_TYPES, DOCUMENT_KINDS, EVENT_TYPES, ORG_CODES, STATUSES, DocumentKind, EventType, Status


_DATE_PART = re.compile(r"(\d{4}|XXXX)(?:-(\d{2})(?:-(\d{2}))?)?")
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_ABBREVIATION = re.compile(r"[A-Z][A-Z0-9]{1,9}")


class GoldError(DiploExtractError, ValueError):
    """Gold data that does not follow the event format; ``problems`` lists each one."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = list(problems)
        head = f"{len(self.problems)} problems in gold data:\n" if len(self.problems) > 1 else ""
        super().__init__(head + "\n".join(self.problems))

    def __reduce__(self) -> tuple[type[GoldError], tuple[list[str]]]:
        return GoldError, (self.problems,)


# ---------------------------------------------------------------- pure checks


def _date_part_problem(part: str) -> str | None:
    """Check one side of a date value; ``None`` when it is well formed.

    >>> _date_part_problem("2021-02-29"), _date_part_problem("XXXX-02-29")
    ('day 29 is not in 2021-02', None)
    >>> _date_part_problem("2021-13"), _date_part_problem("21-01")
    ('month 13 is not 01..12', 'not YYYY, YYYY-MM or YYYY-MM-DD')
    """
    match = _DATE_PART.fullmatch(part)
    if match is None:
        return "not YYYY, YYYY-MM or YYYY-MM-DD"
    year, month, day = match.groups()
    if month is not None and not 1 <= int(month) <= 12:
        return f"month {month} is not 01..12"
    if day is None:
        return None
    last = calendar.monthrange(2000 if year == "XXXX" else int(year), int(month))[1]
    return None if 1 <= int(day) <= last else f"day {day} is not in {year}-{month}"


def _range_order_problem(first: str, last: str) -> str | None:
    """Check that a range of known years does not run backwards.

    >>> _range_order_problem("2022-11-28", "2022-11-27")
    'range ends before it starts'
    >>> _range_order_problem("2022-11", "2022-11-30"), _range_order_problem("XXXX-12-30", "XXXX-01-02")
    (None, None)
    """
    if "X" in first or "X" in last:
        return None
    size = min(len(first), len(last))
    return "range ends before it starts" if first[:size] > last[:size] else None


def date_value_problem(value: str) -> str | None:
    """Say what is wrong with a date ``value``, or ``None`` when it is valid.

    Valid: ``2020-11-26``, ``2021-11``, ``2025``, ``XXXX-10-30``, ``XXXX``,
    ``2022-11-27/2022-11-28``.

    >>> [date_value_problem(v) for v in ("2020-11-26", "2021-11", "XXXX-10-30", "2022-11-27/2022-11-28")]
    [None, None, None, None]
    >>> date_value_problem("abc")
    "'abc' is not an ISO date (not YYYY, YYYY-MM or YYYY-MM-DD)"
    >>> date_value_problem("2022-11-28/2022-11-27")
    "'2022-11-28/2022-11-27' is not an ISO date (range ends before it starts)"
    """
    parts = value.split("/")
    problems = [_date_part_problem(p) for p in parts] if len(parts) <= 2 else ["too many '/'"]
    if len(parts) == 2 and not any(problems):
        problems.append(_range_order_problem(*parts))
    found = next((p for p in problems if p), None)
    return f"{value!r} is not an ISO date ({found})" if found else None


def party_code_problem(code: str) -> str | None:
    """Say what is wrong with a party code, or ``None`` for ISO alpha-3, a code of the
    guide's table, or another organization's usual English abbreviation in capitals
    (the guide: ``G7``, ``G20``, ``APEC``... and any other forum that takes part).

    >>> party_code_problem("BLR"), party_code_problem("CSTO"), party_code_problem("G77"), party_code_problem("SEECP")
    (None, None, None, None)
    >>> party_code_problem("blr")
    "'blr' is neither ISO 3166-1 alpha-3 nor an organization's abbreviation in capitals"
    """
    if _ABBREVIATION.fullmatch(code):  # ISO alpha-3 and the guide's codes are such abbreviations too
        return None
    return f"{code!r} is neither ISO 3166-1 alpha-3 nor an organization's abbreviation in capitals"


def _is_int(value: Any) -> bool:
    """True for an int that is not a bool.

    >>> _is_int(3), _is_int(True), _is_int("3")
    (True, False, False)
    """
    return isinstance(value, int) and not isinstance(value, bool)


def span_problem(span: dict[str, Any], text: str) -> str | None:
    """Say why ``span`` does not satisfy ``text[start:end] == span.text``, or ``None``.

    >>> span_problem({"start": 0, "end": 5, "text": "Минск"}, "Минск, 26 ноября")
    >>> span_problem({"start": 1, "end": 6, "text": "Минск"}, "Минск, 26 ноября")
    "text[1:6] is 'инск,', not 'Минск'"
    >>> span_problem({"start": 3, "end": 99, "text": "x"}, "abc")
    'offsets 3..99 are outside the text (length 3)'
    >>> span_problem({"start": "0", "end": 1, "text": "a"}, "abc")
    'start and end must be integers'
    """
    start, end, expected = span.get("start"), span.get("end"), span.get("text")
    if not (_is_int(start) and _is_int(end)):
        return "start and end must be integers"
    if not isinstance(expected, str):
        return "span text must be a string"
    if not 0 <= start <= end <= len(text):
        return f"offsets {start}..{end} are outside the text (length {len(text)})"
    actual = text[start:end]
    return None if actual == expected else f"text[{start}:{end}] is {actual!r}, not {expected!r}"


def _is_span(obj: Any) -> bool:
    """True for a dict that looks like a span (has start, end and text keys)."""
    return isinstance(obj, dict) and {"start", "end", "text"} <= obj.keys()


def _child_path(path: str, key: str | int) -> str:
    """Extend a JSON path the way error messages show it.

    >>> _child_path("", "events"), _child_path("events", 2), _child_path("events[2]", "date")
    ('events', 'events[2]', 'events[2].date')
    """
    if isinstance(key, int):
        return f"{path}[{key}]"
    return f"{path}.{key}" if path else key


def iter_spans(obj: Any, path: str = "") -> Iterator[tuple[str, dict[str, Any]]]:
    """Yield ``(json_path, span)`` for every span-like dict anywhere inside ``obj``.

    A span-like dict has ``start``, ``end`` and ``text`` keys; the walk does not
    descend into it.

    >>> doc = {"text": "ab", "events": [{"mentions": [{"start": 0, "end": 1, "text": "a"}]}],
    ...        "entities": {"x": {"start": 1, "end": 2, "text": "b"}}}
    >>> [p for p, _ in iter_spans(doc)]
    ['events[0].mentions[0]', 'entities.x']
    """
    if _is_span(obj):
        yield path, obj
        return
    children = obj.items() if isinstance(obj, dict) else enumerate(obj) if isinstance(obj, list) else ()
    for key, child in children:
        yield from iter_spans(child, _child_path(path, key))


# ---------------------------------------------------------------- schema


class _Model(BaseModel):
    model_config = ConfigDict(extra="allow", strict=True, frozen=True)


class Span(_Model):
    """Half-open character offsets into the document text, with the text they cover."""

    start: int = Field(ge=0)
    end: int = Field(ge=0)
    text: str

    @model_validator(mode="after")
    def _ordered(self) -> Span:
        if self.start > self.end:
            raise ValueError(f"start {self.start} is after end {self.end}")
        return self


def _non_blank(value: str) -> str:
    """Reject empty or whitespace-only names."""
    if not value.strip():
        raise ValueError("must not be blank")
    return value


class DateArg(_Model):
    value: str
    spans: list[Span]

    @field_validator("value")
    @classmethod
    def _iso(cls, value: str) -> str:
        problem = date_value_problem(value)
        if problem:
            raise ValueError(problem)
        return value


class Location(_Model):
    name: str
    spans: list[Span]
    _name = field_validator("name")(_non_blank)


class Person(_Model):
    name: str
    spans: list[Span]
    _name = field_validator("name")(_non_blank)


class Party(_Model):
    code: str
    spans: list[Span]

    @field_validator("code")
    @classmethod
    def _code(cls, code: str) -> str:
        problem = party_code_problem(code)
        if problem:
            raise ValueError(problem)
        return code


class Period(_Model):
    start: int
    end: int

    @model_validator(mode="after")
    def _ordered(self) -> Period:
        if self.start > self.end:
            raise ValueError(f"period start {self.start} is after end {self.end}")
        return self


class DocumentArg(_Model):
    kind: DocumentKind
    title: str
    period: Period | None
    spans: list[Span]
    _title = field_validator("title")(_non_blank)


class GoldEvent(_Model):
    """One event; every field is required, possibly ``null`` or ``[]``."""

    type: EventType
    status: Status
    mentions: list[Span] = Field(min_length=1)
    date: DateArg | None
    location: Location | None
    persons: list[Person]
    parties: list[Party]
    document: DocumentArg | None

    @model_validator(mode="after")
    def _guide_rules(self) -> GoldEvent:
        if self.document is not None and self.type not in DOCUMENT_EVENT_TYPES:
            raise ValueError(f"a {self.type} event has no document (only signing and adoption)")
        if self.type == "phone_call" and self.location is not None:
            raise ValueError("a phone_call has no location")
        codes = [p.code for p in self.parties]
        if len(codes) != len(set(codes)):
            raise ValueError(f"duplicate party codes {sorted(codes)}")
        return self


class GoldDocument(_Model):
    """One gold document: the text and its hand-written events."""

    id: str = Field(min_length=1)
    lang: Literal["ru", "en"]
    published: str | None
    text: str
    events: list[GoldEvent]

    @field_validator("published")
    @classmethod
    def _iso_day(cls, value: str | None) -> str | None:
        if value is not None and (not _ISO_DAY.fullmatch(value) or date_value_problem(value)):
            raise ValueError(f"{value!r} is not an ISO date YYYY-MM-DD")
        return value


# ---------------------------------------------------------------- validation


def _loc_path(loc: tuple[str | int, ...]) -> str:
    """Render a pydantic error location as a JSON path.

    >>> _loc_path(("events", 2, "date", "value"))
    'events[2].date.value'
    """
    path = ""
    for key in loc:
        path = _child_path(path, key)
    return path


def _error_message(error: dict[str, Any]) -> str:
    """Render one pydantic error (``Value error, `` prefix dropped, input shown)."""
    if error["type"] == "value_error":
        return str(error["ctx"]["error"])
    shown = error.get("input")
    if error["type"] == "missing" or isinstance(shown, (dict, list)):
        return error["msg"]
    return f"{error['msg']} (got {repr(shown)[:60]})"


def _schema_problems(obj: Any) -> list[tuple[str, str]]:
    """Validate ``obj`` against :class:`GoldDocument`; ``(path, message)`` pairs."""
    try:
        GoldDocument.model_validate(obj)
    except ValidationError as exc:
        return [(_loc_path(e["loc"]), _error_message(e)) for e in exc.errors()]
    return []


def _span_problems(obj: Any, skip: list[str]) -> list[tuple[str, str]]:
    """Span integrity problems, except at paths the schema already reported."""
    text = obj.get("text") if isinstance(obj, dict) else None
    if not isinstance(text, str):
        return []
    found = ((path, span_problem(span, text)) for path, span in iter_spans(obj))
    return [(p, m) for p, m in found if m and not any(_within(s, p) for s in skip)]


def _within(path: str, outer: str) -> bool:
    """True when JSON ``path`` is ``outer`` or lies inside it.

    >>> _within("events[1].start", "events[1]"), _within("events[10]", "events[1]")
    (True, False)
    """
    return path == outer or path.startswith((outer + ".", outer + "["))


def _label(where: str, obj: Any) -> str:
    """Name a record: its place, and its id when it has one."""
    rid = obj.get("id") if isinstance(obj, dict) else None
    return f"{where} (id={rid})" if isinstance(rid, str) and rid else where


def _record_problems(where: str, obj: Any) -> list[str]:
    """All schema and span problems of one record, as message lines."""
    if not isinstance(obj, dict):
        return [f"{where}: a document must be a JSON object, not {type(obj).__name__}"]
    schema = _schema_problems(obj)
    spans = _span_problems(obj, [path for path, _ in schema])
    label = _label(where, obj)
    return [f"{label}: {path}: {msg}" if path else f"{label}: {msg}" for path, msg in schema + spans]


def _duplicate_problems(records: list[tuple[str, Any]]) -> list[str]:
    """One problem for every record whose id was already used."""
    first: dict[str, str] = {}
    problems = []
    for where, obj in records:
        rid = obj.get("id") if isinstance(obj, dict) else None
        if isinstance(rid, str) and rid in first:
            problems.append(f"{_label(where, obj)}: id: duplicate id, first used at {first[rid]}")
        elif isinstance(rid, str):
            first[rid] = where
    return problems


def gold_problems(records: Iterable[tuple[str, Any]]) -> list[str]:
    """Every problem of ``(where, document)`` records, as message lines."""
    records = list(records)
    problems = [p for where, obj in records for p in _record_problems(where, obj)]
    return problems + _duplicate_problems(records)


def validate_gold(docs: list[Any], source: str = "<gold>") -> list[dict[str, Any]]:
    """Validate in-memory documents, naming them ``source[i]``; raise :class:`GoldError`."""
    problems = gold_problems((f"{source}[{i}]", doc) for i, doc in enumerate(docs))
    if problems:
        raise GoldError(problems)
    return list(docs)


# ---------------------------------------------------------------- reading


def _read_jsonl(path: Path) -> tuple[list[tuple[str, Any]], list[str]]:
    """Records and JSON syntax problems of a JSON Lines file (blank lines skipped)."""
    records, problems = [], []
    for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            records.append((f"{path}:{lineno}", json.loads(line)))
        except json.JSONDecodeError as exc:
            problems.append(f"{path}:{lineno}: invalid JSON: {exc}")
    return records, problems


def _read_json(path: Path) -> tuple[list[tuple[str, Any]], list[str]]:
    """Records of a JSON file holding one document or a list of documents."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        return [], [f"{path}: invalid JSON: {exc}"]
    if isinstance(data, list):
        return [(f"{path}[{i}]", doc) for i, doc in enumerate(data)], []
    return [(str(path), data)], []


_READERS = {".jsonl": _read_jsonl, ".json": _read_json}


def _gold_files(path: Path) -> list[Path]:
    """The gold files at ``path``: itself, or the folder's own files sorted by name."""
    if not path.exists():
        raise FileNotFoundError(f"no such gold file or folder: {path}")
    if path.is_dir():
        files = sorted((p for p in path.iterdir() if p.is_file() and p.suffix in _READERS),
                       key=lambda p: p.name)
        if not files:
            raise GoldError([f"{path}: no .json or .jsonl files in this folder"])
        return files
    if path.suffix not in _READERS:
        raise GoldError([f"{path}: not a .json or .jsonl file"])
    return [path]


def load_gold(path: str | Path) -> list[dict[str, Any]]:
    """Load and validate gold documents from a file or folder.

    Raises :class:`GoldError` listing every problem found, and
    :class:`FileNotFoundError` when ``path`` does not exist.
    """
    records: list[tuple[str, Any]] = []
    problems: list[str] = []
    for file in _gold_files(Path(path)):
        found, syntax = _READERS[file.suffix](file)
        records += found
        problems += syntax
    problems += gold_problems(records)
    if problems:
        raise GoldError(problems)
    return [obj for _, obj in records]
