"""The readable summary (``diplo_extract.summary.render_summary``) on real
extractions of the examples, Russian and English, and on error and empty results.

Each case states the header it must print and rows that must be among its
event lines (type, status, date and place exactly; the persons and parties
listed must be among the row's). Every case is also checked against its own
result: one aligned row per event, in order, each cell the event's value or a
cut of it ending in "…"."""
from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, field

import pytest
from paths import ROOT

from diplo_extract import DocumentResult, Extractor
from diplo_extract.schema import DateArg, Event, LocationArg, PartyArg, PersonArg, Span
from diplo_extract.summary import ELLIPSIS, NONE, render_summary

EXAMPLES = ROOT / "examples"
COLUMNS = ("#", "type", "status", "date", "place", "persons", "parties", "document")


def _example_file(name: str, published: str):
    return lambda ex: ex.extract((EXAMPLES / name).read_text(encoding="utf-8"), published, id=name.rsplit(".", 1)[0])


def _example_line(doc_id: str):
    def run(ex: Extractor) -> DocumentResult:
        for line in (EXAMPLES / "articles.jsonl").read_text(encoding="utf-8").splitlines():
            record = json.loads(line)
            if record["id"] == doc_id:
                return ex.extract(record["text"], record.get("published"), id=doc_id)
        raise LookupError(doc_id)
    return run


def _failed_record(ex: Extractor) -> DocumentResult:
    return next(iter(ex.extract_many([{"id": "broken", "text": None}], jobs=1)))


@dataclass(frozen=True)
class Case:
    name: str
    make: object  # Extractor -> DocumentResult
    header: str
    rows: list[dict] = field(default_factory=list)  # each must match one event line
    error: str | None = None  # a fragment of the error line
    no_events_line: bool = False


CASES = [
    Case("ru-visit", _example_file("ria-lavrov-visit-ru.txt", "2025-04-30"),
         header="ria-lavrov-visit-ru · ru · published 2025-04-30 · {n} events",
         rows=[
             {"type": "meeting", "status": "occurred", "date": "2025-04-30", "place": "Санто-Доминго",
              "persons": ["Сергей Лавров"], "parties": ["RUS", "DOM"]},
             {"type": "visit", "status": "occurred", "place": "Доминиканская Республика", "persons": ["Сергей Лавров"]},
         ]),
    Case("en-call", _example_file("reuters-call-en.txt", "2025-10-07"),
         header="reuters-call-en · en · published 2025-10-07 · {n} events",
         rows=[{"type": "phone_call", "status": "occurred", "date": "2025-10-07", "place": NONE, "parties": ["TUR", "RUS"]}]),
    Case("ru-signing", _example_line("tass-russia-malawi-memorandum"),
         header="tass-russia-malawi-memorandum · ru · published 2025-12-19 · {n} events",
         rows=[{"type": "signing", "status": "occurred", "date": "2025-12-19", "place": "Каир",
                "persons": ["Сергей Лавров"], "parties": ["RUS", "MWI"], "document": "memorandum: "}]),
    Case("en-cancelled", _example_line("dawn-dar-us-visit-postponed"),
         header="dawn-dar-us-visit-postponed · en · published 2025-06-15 · {n} events",
         rows=[{"type": "visit", "status": "cancelled", "persons": ["Ishaq Dar"], "parties": ["PAK"]}]),
    Case("en-no-events", lambda ex: ex.extract("The weather in Moscow was fine on Monday.", "2025-01-01", id="weather"),
         header="weather · en · published 2025-01-01 · 0 events", no_events_line=True),
    Case("ru-no-events", lambda ex: ex.extract("В Москве в понедельник было солнечно.", None, id="pogoda"),
         header="pogoda · ru · published — · 0 events", no_events_line=True),
    Case("error-record", _failed_record, header="broken · und · published — · 0 events", error="E020"),
    Case("error-handmade", lambda ex: DocumentResult(lang="und", text="", error="InputError: E021 bad\ndate"),
         header="— · und · published — · 0 events", error="InputError: E021 bad date"),
]


@pytest.fixture(scope="module")
def rendered(extractor) -> dict[str, tuple[DocumentResult, str]]:
    out = {}
    for case in CASES:
        result = case.make(extractor)
        out[case.name] = (result, render_summary(result))
    return out


def _width(text: str) -> int:
    return sum(0 if unicodedata.combining(c) else 2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _cells(line: str, starts: list[int]) -> list[str]:
    """The cells of a table line, cut at the header's display columns."""
    cells, col, current = [""] * len(starts), 0, -1
    for char in line:
        while current + 1 < len(starts) and col >= starts[current + 1]:
            current += 1
        cells[current] += char
        col += _width(char)
    return [cell.strip() for cell in cells]


def _at(line: str, col: int) -> str:
    """The character at a display column of a line ("" past its end)."""
    at = 0
    for char in line:
        if at >= col:
            return char
        at += _width(char)
    return ""


def _table(summary: str) -> tuple[list[str], list[dict]]:
    """Parse the table after the header (and error) lines into column → cell dicts,
    checking that every cell starts exactly at its column."""
    lines = summary.split("\n")
    at = next(i for i, line in enumerate(lines) if line.startswith("#  "))
    header = lines[at]
    found = list(re.finditer(r"\S+", header))
    names, starts = [m.group() for m in found], [m.start() for m in found]
    rows = []
    for line in lines[at + 1:]:
        assert line[:1].isdigit(), f"not a table line: {line!r}"
        cells = _cells(line, starts)
        for start, cell in zip(starts[1:], cells[1:]):
            if cell:
                assert _at(line, start - 1) == " " and _at(line, start) != " ", f"misaligned at column {start}: {line!r}"
        rows.append(dict(zip(names, cells)))
    return names, rows


def _shown(cell: str, full: str) -> bool:
    return cell == full or (cell.endswith(ELLIPSIS) and full.startswith(cell[:-1]))


def _expected_cells(event: Event) -> dict[str, str]:
    document = ""
    if event.type in ("signing", "adoption") and event.document:
        document = f"{event.document.kind}: {event.document.title}"
    return {
        "type": event.type, "status": event.status,
        "date": event.date.value if event.date and event.date.value else NONE,
        "place": event.location.name if event.location else NONE,
        "persons": ", ".join(p.name for p in event.persons) or NONE,
        "parties": ", ".join(p.code for p in event.parties) or NONE,
        "document": document,
    }


def _matches(row: dict, want: dict) -> bool:
    for key, value in want.items():
        cell = row.get(key, "")
        if isinstance(value, list):
            if not all(v in cell for v in value):
                return False
        elif key == "document":
            if not cell.startswith(value):
                return False
        elif cell != value:
            return False
    return True


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_summary(case: Case, rendered) -> None:
    result, summary = rendered[case.name]
    lines = summary.split("\n")
    assert lines[0] == case.header.format(n=len(result.events))
    assert not summary.endswith("\n") and all(line == line.rstrip() for line in lines)
    assert summary == render_summary(result), "the same result must render the same text"

    if case.error is not None:
        assert lines[1].startswith("error: ") and case.error in lines[1]
    else:
        assert result.error is None and not any(line.startswith("error:") for line in lines)

    if not result.events:
        assert lines[1:] == (["(no events)"] if case.no_events_line else lines[1:2])
        assert case.rows == []
        return

    names, rows = _table(summary)
    assert names == list(COLUMNS[: len(names)]) and len(names) >= 7
    assert len(rows) == len(result.events)
    for number, (row, event) in enumerate(zip(rows, result.events), 1):
        assert row["#"] == str(number)
        for key, full in _expected_cells(event).items():
            assert _shown(row.get(key, ""), full), (key, row.get(key), full)
    for want in case.rows:
        assert any(_matches(row, want) for row in rows), f"no row like {want} in:\n{summary}"


def test_long_fields_are_cut_and_columns_stay_aligned() -> None:
    mention = [Span(start=0, end=1, text="x")]
    long_names = [PersonArg(name=f"Person Number{k} With A Long Surname") for k in range(4)]
    result = DocumentResult(id="long", lang="en", text="x", events=[
        Event(type="visit", status="planned", mentions=mention, date=DateArg(value="XXXX-10-30"),
              location=LocationArg(name="Llanfairpwllgwyngyllgogerychwyrndrobwllllantysiliogogogoch"),
              persons=long_names, parties=[PartyArg(code=c) for c in ("RUS", "BLR", "KAZ", "KGZ", "ARM", "UZB", "TJK")]),
        Event(type="meeting", status="occurred", mentions=mention,
              persons=[PersonArg(name="Ван\nИ\x00")], parties=[PartyArg(code="CHN")]),
    ])
    summary = render_summary(result)
    names, rows = _table(summary)
    assert "document" not in names, "no document column without a signing or an adoption"
    first, second = rows
    assert first["place"].endswith(ELLIPSIS) and _width(first["place"]) <= 24
    assert first["persons"].endswith(ELLIPSIS) and first["persons"].startswith("Person Number0")
    assert first["parties"].endswith(ELLIPSIS) and not first["parties"].endswith("," + ELLIPSIS)
    assert second["persons"] == "Ван И", "line breaks and control characters never break the table"
    assert len(summary.split("\n")) == 4
