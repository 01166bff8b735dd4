"""The SQLite store (``diplo_extract.store``, ``diplo-extract store | query``):
idempotent ingest by document id, incremental happenings, queries, and an ingest
killed midway that leaves a consistent database."""
from __future__ import annotations

import csv
import io
import json
import signal
import sqlite3
import subprocess
import sys
import time

import pytest

from diplo_extract import cli
from diplo_extract.errors import DiploExtractError
from diplo_extract.schema import DateArg, DocumentResult, Event, LocationArg, PartyArg, PersonArg, Span
from diplo_extract.store import EventStore

TEXT = "МИНСК, 26 ноября. Сергей Лавров и Владимир Макей провели переговоры."


def _span(fragment: str) -> Span:
    start = TEXT.index(fragment)
    return Span(start=start, end=start + len(fragment), text=fragment)


def meeting(date: str = "2020-11-26", parties: tuple[str, ...] = ("RUS", "BLR"), status: str = "occurred") -> Event:
    return Event(type="meeting", status=status, mentions=[_span("переговоры")], date=DateArg(value=date, spans=[_span("26 ноября")]),
                 location=LocationArg(name="Минск", spans=[_span("МИНСК")]),
                 persons=[PersonArg(name="Сергей Лавров", kb="person:sergei_lavrov", spans=[_span("Сергей Лавров")])],
                 parties=[PartyArg(code=c) for c in parties])


def doc(id: str, published: str, *events: Event) -> DocumentResult:
    return DocumentResult(id=id, lang="ru", published=published, text=TEXT, events=list(events))


BATCH = [doc("belta", "2020-11-26", meeting()), doc("tass", "2020-11-20", meeting("2020-11", status="planned")),
         doc("ria", "2021-03-02", meeting("2021-03-01", ("RUS", "CHN"))), doc("empty", "2021-03-02")]


def _dump(path) -> list[str]:  # noqa: ANN001
    with sqlite3.connect(path) as db:
        return list(db.iterdump())


def _write(path, results) -> None:  # noqa: ANN001
    path.write_text("".join(r.model_dump_json() + "\n" for r in results), encoding="utf-8")


def _count(db: sqlite3.Connection, sql: str, *args: object) -> int:
    return db.execute(sql, args).fetchone()[0]


def test_ingest_writes_every_table(tmp_path) -> None:
    with EventStore(tmp_path / "e.sqlite") as store:
        report = store.ingest(BATCH)
        db = store.connection
        assert dict(report) == {"read": 4, "written": 4, "unchanged": 0, "happenings": 2}
        assert _count(db, "SELECT COUNT(*) FROM documents") == 4 and _count(db, "SELECT COUNT(*) FROM events") == 3
        # arguments: one row per span (RUS and BLR have none: one row each without a span)
        roles = db.execute("SELECT role, value, start, \"end\", text FROM arguments WHERE document_id = 'belta' ORDER BY role, value").fetchall()
        assert [r[:2] for r in roles] == [("date", "2020-11-26"), ("location", "Минск"), ("mention", "переговоры"), ("party", "BLR"),
                                         ("party", "RUS"), ("person", "Сергей Лавров")]
        for _, _, start, end, text in roles:
            assert start is None or TEXT[start:end] == text
        members = db.execute("SELECT h.status, GROUP_CONCAT(m.document_id) FROM happenings h JOIN happening_members m ON m.happening_id = h.id "
                             "GROUP BY h.id ORDER BY h.start").fetchall()
        assert sorted(members) == [("occurred", "ria"), ("occurred", "tass,belta")] or sorted(members) == [("occurred", "ria"), ("occurred", "belta,tass")]


def test_reingesting_the_same_file_changes_nothing(tmp_path) -> None:
    path, events = tmp_path / "e.sqlite", tmp_path / "events.jsonl"
    _write(events, BATCH)
    assert cli.main(["store", str(events), "--db", str(path), "--no-progress"]) == 0
    before = _dump(path)
    assert cli.main(["store", str(events), "--db", str(path), "--no-progress"]) == 0
    assert _dump(path) == before and len(before) > 20


def test_a_document_read_again_replaces_its_rows_and_happenings_follow(tmp_path) -> None:
    with EventStore(tmp_path / "e.sqlite") as store:
        store.ingest(BATCH)
        db = store.connection
        old_ids = {r[0] for r in db.execute("SELECT id FROM happenings")}
        # "ria" now reports the Minsk meeting too (a second event): it joins the belta/tass happening
        report = store.ingest([doc("ria", "2021-03-02", meeting("2021-03-01", ("RUS", "CHN")), meeting())])
        assert (report["written"], report["unchanged"]) == (1, 0)
        assert _count(db, "SELECT COUNT(*) FROM events WHERE document_id = 'ria'") == 2
        groups = sorted(r[0] for r in db.execute("SELECT GROUP_CONCAT(document_id || '#' || event_index, ' ') FROM "
                                                 "(SELECT * FROM happening_members ORDER BY document_id, event_index) GROUP BY happening_id"))
        assert groups == ["belta#0 ria#1 tass#0", "ria#0"]
        assert _count(db, "SELECT COUNT(*) FROM happenings") == 2 and {r[0] for r in db.execute("SELECT id FROM happenings")} != old_ids
        assert _count(db, "SELECT COUNT(*) FROM happenings WHERE id NOT IN (SELECT happening_id FROM happening_members)") == 0


QUERIES = [
    (["--party", "RUS", "--party", "BLR"], ["tass#0", "belta#0"]),
    (["--party", "rus", "--type", "meeting", "--from", "2021-01", "--to", "2021-12"], ["ria#0"]),
    (["--from", "2020-11-26", "--to", "2020-11-26"], ["tass#0", "belta#0"]),  # the month 2020-11 overlaps the day
    (["--party", "CHN", "--party", "BLR"], []),
    (["--type", "visit"], []),
    (["--to", "2019"], []),
]


@pytest.mark.parametrize(("argv", "expected"), QUERIES)
def test_query_answers_from_the_database(tmp_path, capsys, argv, expected) -> None:
    path = tmp_path / "e.sqlite"
    with EventStore(path) as store:
        store.ingest(BATCH)
    assert cli.main(["query", "--db", str(path), *argv, "--format", "jsonl"]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [f"{r['document_id']}#{r['event_index']}" for r in rows] == expected
    assert cli.main(["query", "--db", str(path), *argv, "--format", "csv"]) == 0
    assert [r["document_id"] for r in csv.DictReader(io.StringIO(capsys.readouterr().out))] == [e.split("#")[0] for e in expected]
    assert cli.main(["query", "--db", str(path), *argv]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == f"{len(expected)} events"


def test_query_happenings(tmp_path, capsys) -> None:
    path = tmp_path / "e.sqlite"
    with EventStore(path) as store:
        store.ingest(BATCH)
    assert cli.main(["query", "--db", str(path), "--party", "BLR", "--happenings"]) == 0
    (record,) = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [s["status"] for s in record["status_history"]] == ["planned", "occurred"]


@pytest.mark.parametrize(("argv", "code"), [
    (["--from", "2020-13"], "E084"),
    (["--to", "yesterday"], "E084"),
    (["--db-missing"], "E030"),
])
def test_query_bad_input_is_one_coded_line(tmp_path, capsys, argv, code) -> None:
    db = tmp_path / ("none.sqlite" if argv == ["--db-missing"] else "e.sqlite")
    if argv != ["--db-missing"]:
        EventStore(db).close()
    assert cli.main(["query", "--db", str(db), *[a for a in argv if a != "--db-missing"]]) == cli.EXIT_INPUT
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith(f"diplo-extract: error: {code} ")


def test_not_a_database_is_a_coded_error(tmp_path) -> None:
    path = tmp_path / "e.sqlite"
    path.write_bytes(b"not a database at all" * 100)
    with pytest.raises(DiploExtractError, match=r"^E083 "):
        EventStore(path)


# ----------------------------------------------------------------- killed midway

DOCUMENTS = 2_000


def _big_batch(path) -> None:  # noqa: ANN001
    template = doc("ID", "2020-11-26", meeting(), meeting("2020-11-27", ("RUS", "KAZ"))).model_dump_json()
    with open(path, "w", encoding="utf-8") as handle:
        for n in range(DOCUMENTS):
            handle.write(template.replace('"id":"ID"', f'"id":"doc-{n:05d}"', 1) + "\n")


def _consistent(path) -> tuple[int, int]:  # noqa: ANN001
    """Check the database after a crash; return (documents, documents merged)."""
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert db.execute("PRAGMA foreign_key_check").fetchall() == []
        # all or nothing per document: each stored document has both events and all their argument rows
        per_document = db.execute("SELECT d.id, (SELECT COUNT(*) FROM events e WHERE e.document_id = d.id), "
                                  "(SELECT COUNT(*) FROM arguments a WHERE a.document_id = d.id) FROM documents d").fetchall()
        assert per_document and {(events, arguments) for _, events, arguments in per_document} == {(2, 12)}  # 6 argument rows per event
        assert _count(db, "SELECT COUNT(*) FROM events WHERE document_id NOT IN (SELECT id FROM documents)") == 0
        return len(per_document), _count(db, "SELECT COUNT(*) FROM documents WHERE merged = 1")


def test_an_ingest_killed_midway_leaves_a_consistent_database(tmp_path) -> None:
    events, path = tmp_path / "events.jsonl", tmp_path / "e.sqlite"
    _big_batch(events)
    ingest = subprocess.Popen([sys.executable, "-m", "diplo_extract.cli", "store", str(events), "--db", str(path), "--no-progress"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    try:
        while time.monotonic() < deadline:
            time.sleep(0.05)
            try:
                with sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=1) as db:
                    if db.execute("SELECT COUNT(*) FROM documents").fetchone()[0] >= 100:
                        break
            except sqlite3.OperationalError:  # not created yet
                continue
        ingest.send_signal(signal.SIGKILL)
    finally:
        ingest.wait(timeout=30)
    assert ingest.returncode == -signal.SIGKILL, ingest.stderr.read().decode()
    stored, merged = _consistent(path)
    assert 100 <= stored < DOCUMENTS and merged == 0, "killed after some documents, before the happenings"
    # the next ingest finishes the job: every document once, and their happenings
    assert cli.main(["store", str(events), "--db", str(path), "--no-progress"]) == 0
    assert _consistent(path) == (DOCUMENTS, DOCUMENTS)
    with sqlite3.connect(path) as db:
        assert _count(db, "SELECT COUNT(*) FROM happening_members") == 2 * DOCUMENTS
        assert _count(db, "SELECT COUNT(*) FROM happenings") == 2  # one Minsk meeting, one call on the next day, many reports each
