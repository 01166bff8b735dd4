"""Gold for merging: which events of which documents report the same happening.

A merge gold folder holds two JSON Lines files (format: ``docs/happenings.md``,
section "Merge gold"):

- ``documents.jsonl``: ``{"id", "text", "published"}`` per line, the reports;
- ``happenings.jsonl``: one gold happening per line::

    {"id": "collegium-2020", "type": "meeting",
     "members": [{"document": "belta-collegium-2020-ru", "mentions": ["заседании"]},
                 {"document": "ont-...-2023-ru", "mentions": [["подписание", 1]], "title": "меморандума"}],
     "recurs_with": ["collegium-2023"], "confusable_with": [], "note": "..."}

A member is one event of one document, named by its document, the happening's
type and the text of its mentions as written (a string is its first occurrence in
the document, ``[text, n]`` the n-th), never by the extractor's event order.
``title`` (a substring of the signed or adopted document's name) tells apart
the events of one trigger shared by several documents ("подписание постановления,
плана и меморандума"). ``recurs_with`` names happenings of the same series (an
annual session of another year) that must never be merged; ``confusable_with``
other look-alikes (same parties in the same month, a call and a meeting on one day).
"""
from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import DiploExtractError, Errors
from ..schema import EVENT_TYPES

__all__ = ["GoldMember", "GoldHappening", "MergeGold", "load_merge_gold", "find_occurrence", "DOCUMENTS_FILE", "HAPPENINGS_FILE"]

DOCUMENTS_FILE = "documents.jsonl"
HAPPENINGS_FILE = "happenings.jsonl"
_HAPPENING_KEYS = {"id", "type", "members", "recurs_with", "confusable_with", "note"}
_MEMBER_KEYS = {"document", "mentions", "title"}


@dataclass(frozen=True, slots=True)
class GoldMember:
    """One gold event: a document, a type, the offsets of its mentions (and of its
    document title, when the gold gives one)."""

    happening: str
    document: str
    type: str
    mentions: tuple[tuple[int, int], ...]
    title: tuple[int, int] | None
    label: str  # "document: first mention" for reports

    @property
    def key(self) -> tuple[str, int, int]:
        """A stable identity: document and the offsets of the first mention."""
        return (self.document, *self.mentions[0])


@dataclass(frozen=True, slots=True)
class GoldHappening:
    """A gold happening: its members and the happenings it must stay apart from."""

    id: str
    type: str
    members: tuple[GoldMember, ...]
    recurs_with: tuple[str, ...]
    confusable_with: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class MergeGold:
    """A loaded merge gold folder."""

    documents: tuple[dict, ...]
    happenings: tuple[GoldHappening, ...]

    @property
    def members(self) -> list[GoldMember]:
        """Every gold member, in the order of the file."""
        return [m for h in self.happenings for m in h.members]

    def pairs(self, field: str) -> list[tuple[str, str]]:
        """The unordered happening pairs named by ``recurs_with`` or ``confusable_with``, sorted."""
        return sorted({tuple(sorted((h.id, other))) for h in self.happenings for other in getattr(h, field)})


def load_merge_gold(path: str | Path) -> MergeGold:
    """Read and check a merge gold folder (or its ``happenings.jsonl``).

    Raises:
        DiploExtractError: E110 for a missing folder or file, E111 for a bad document
            line, E112 for a bad happening line, E113 for an unknown document, E114
            for a mention or title not in its document, E115 for an unknown
            happening in ``recurs_with`` / ``confusable_with``, E116 for an event
            claimed by two happenings.
    """
    folder = Path(path)
    if folder.is_file() and folder.name == HAPPENINGS_FILE:
        folder = folder.parent
    if not folder.is_dir():
        detail = "a file, not a folder or its happenings.jsonl" if folder.exists() else "no such folder"
        raise DiploExtractError(Errors.E110.format(path=path, detail=detail))
    documents = tuple(_read_documents(folder / DOCUMENTS_FILE))
    texts = {d["id"]: d["text"] for d in documents}
    happenings = tuple(_read_happenings(folder / HAPPENINGS_FILE, texts))
    return MergeGold(documents=documents, happenings=happenings)


def _lines(path: Path) -> Iterator[tuple[int, Any]]:
    """(line number, parsed JSON) of each non-blank line; E110 when unreadable."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise DiploExtractError(Errors.E110.format(path=path.parent, detail=f"cannot read {path.name} ({exc})")) from None
    for n, line in enumerate(lines, 1):
        if line.strip():
            try:
                yield n, json.loads(line)
            except json.JSONDecodeError as exc:
                yield n, exc


def _read_documents(path: Path) -> Iterator[dict]:
    seen: set[str] = set()
    for n, record in _lines(path):
        problem = _document_problem(record, seen)
        if problem:
            raise DiploExtractError(Errors.E111.format(path=path, line=n, detail=problem))
        seen.add(record["id"])
        yield {"id": record["id"], "text": record["text"], "published": record.get("published")}


def _document_problem(record: Any, seen: set[str]) -> str | None:
    if isinstance(record, json.JSONDecodeError):
        return record.msg
    if not isinstance(record, dict):
        return f"a JSON {type(record).__name__}, not an object"
    if not isinstance(record.get("id"), str) or not record["id"]:
        return "'id' must be a non-empty string"
    if record["id"] in seen:
        return f"id {record['id']!r} appears twice"
    if not isinstance(record.get("text"), str):
        return "'text' must be a string"
    if record.get("published") is not None and not isinstance(record["published"], str):
        return "'published' must be an ISO date string or null"
    return None


def _read_happenings(path: Path, texts: dict[str, str]) -> Iterator[GoldHappening]:
    records = list(_lines(path))
    ids: dict[str, int] = {}
    for n, record in records:
        problem = _happening_problem(record, ids)
        if problem:
            raise DiploExtractError(Errors.E112.format(path=path, line=n, detail=problem))
        ids[record["id"]] = n
    owners: dict[tuple, str] = {}
    for n, record in records:
        for field in ("recurs_with", "confusable_with"):
            for other in record.get(field, []):
                if other not in ids:
                    raise DiploExtractError(Errors.E115.format(path=path, line=n, happening=record["id"], field=field, other=other))
        members = tuple(_member(path, n, record, m, texts) for m in record["members"])
        for member in members:
            where = (member.document, member.type, member.mentions[0], member.title)
            if where in owners:
                raise DiploExtractError(Errors.E116.format(path=path, line=n, happening=record["id"], document=member.document,
                                                           where=member.label, other=owners[where]))
            owners[where] = record["id"]
        yield GoldHappening(id=record["id"], type=record["type"], members=members,
                            recurs_with=tuple(record.get("recurs_with", [])), confusable_with=tuple(record.get("confusable_with", [])))


def _happening_problem(record: Any, ids: dict[str, int]) -> str | None:
    if isinstance(record, json.JSONDecodeError):
        return record.msg
    if not isinstance(record, dict):
        return f"a JSON {type(record).__name__}, not an object"
    unknown = sorted(set(record) - _HAPPENING_KEYS)
    if unknown:
        return f"unknown field(s) {', '.join(unknown)} (fields: {', '.join(sorted(_HAPPENING_KEYS))})"
    if not isinstance(record.get("id"), str) or not record["id"]:
        return "'id' must be a non-empty string"
    if record["id"] in ids:
        return f"id {record['id']!r} appears twice (first on line {ids[record['id']]})"
    if record.get("type") not in EVENT_TYPES:
        return f"'type' must be one of {', '.join(EVENT_TYPES)}, got {record.get('type')!r}"
    members = record.get("members")
    if not isinstance(members, list) or not members:
        return "'members' must be a non-empty list"
    for i, member in enumerate(members):
        problem = _member_problem(member)
        if problem:
            return f"members[{i}]: {problem}"
    for field in ("recurs_with", "confusable_with"):
        value = record.get(field, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            return f"'{field}' must be a list of happening ids"
    return None


def _member_problem(member: Any) -> str | None:
    if not isinstance(member, dict):
        return "not an object"
    unknown = sorted(set(member) - _MEMBER_KEYS)
    if unknown:
        return f"unknown field(s) {', '.join(unknown)} (fields: {', '.join(sorted(_MEMBER_KEYS))})"
    if not isinstance(member.get("document"), str):
        return "'document' must be a document id"
    mentions = member.get("mentions")
    if not isinstance(mentions, list) or not mentions or not all(_is_occurrence(m) for m in mentions):
        return "'mentions' must be a non-empty list of texts or [text, n] (n >= 1)"
    if "title" in member and (not isinstance(member["title"], str) or not member["title"]):
        return "'title' must be a non-empty string"
    return None


def _is_occurrence(value: Any) -> bool:
    if isinstance(value, str):
        return bool(value)
    return (isinstance(value, list) and len(value) == 2 and isinstance(value[0], str) and bool(value[0])
            and isinstance(value[1], int) and not isinstance(value[1], bool) and value[1] >= 1)


def _member(path: Path, line: int, record: dict, member: dict, texts: dict[str, str]) -> GoldMember:
    document = member["document"]
    if document not in texts:
        raise DiploExtractError(Errors.E113.format(path=path, line=line, happening=record["id"], document=document))
    text = texts[document]

    def locate(what: str, value: str | list) -> tuple[int, int]:
        needle, occurrence = (value, 1) if isinstance(value, str) else value
        start = find_occurrence(text, needle, occurrence)
        if start is None:
            raise DiploExtractError(Errors.E114.format(path=path, line=line, happening=record["id"], what=what, text=needle,
                                                       occurrence=occurrence, document=document))
        return (start, start + len(needle))

    mentions = tuple(locate("mention", m) for m in member["mentions"])
    title = locate("title", member["title"]) if "title" in member else None
    start, end = mentions[0]
    label = f"{document}: {record['type']} {text[start:end]!r}" + (f" ({text[title[0]:title[1]]!r})" if title else "")
    return GoldMember(happening=record["id"], document=document, type=record["type"], mentions=mentions, title=title, label=label)


def find_occurrence(text: str, needle: str, occurrence: int) -> int | None:
    """The start of the ``occurrence``-th (from 1) appearance of ``needle`` in ``text``,
    case-sensitive, or None.

    >>> find_occurrence("talks, then talks", "talks", 2), find_occurrence("talks", "talks", 2)
    (12, None)
    """
    start = -1
    for _ in range(occurrence):
        start = text.find(needle, start + 1)
        if start < 0:
            return None
    return start
