"""Results in an embedded SQLite database (the standard library's ``sqlite3``).

Schema (:data:`SCHEMA`, documented in docs/happenings.md#the-store):

- ``documents``: one row per document id: language, publication date, the result
  as JSON, its SHA-256 (``digest``) and ``merged`` (0 until its events are in
  happenings);
- ``events``: one row per event, with the columns of :mod:`diplo_extract.table` and
  the window of days merging uses;
- ``arguments``: one row per span of a trigger (``mention``) or argument value
  (``date``, ``location``, ``person``, ``party``, ``document``), or per value
  without a span;
- ``entities``: the actors of each document with their mentions (JSON);
- ``happenings`` and ``happening_members``: the merged happenings (their record
  as JSON) and which events they hold.

**Ingest** (:meth:`EventStore.ingest`) reads each document in its own transaction:
its old rows are deleted (cascading to events, arguments, entities and happening
memberships) and its new rows written, or nothing happens at all. A document whose
digest is unchanged is skipped, so re-ingesting a file changes nothing. Then, in one
more transaction, the happenings around the new documents (same types, overlapping
days) are merged again from their documents; documents whose happenings were not
refreshed (an ingest killed midway) keep ``merged = 0`` and are refreshed by the
next ingest.
"""
from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from .errors import DiploExtractError, Errors
from .happenings import merge
from .happenings.reports import reports_of
from .schema import DocumentResult, Event
from .table import COLUMNS, event_rows

__all__ = ["SCHEMA", "EventStore", "IngestReport"]

_EVENT_COLUMNS = tuple(c for c in COLUMNS if c not in ("document_id", "event_index", "spans"))
SCHEMA = f"""
CREATE TABLE IF NOT EXISTS documents (
    id TEXT PRIMARY KEY, lang TEXT NOT NULL, published TEXT, error TEXT,
    result TEXT NOT NULL, digest TEXT NOT NULL, merged INTEGER NOT NULL DEFAULT 0);
CREATE TABLE IF NOT EXISTS events (
    document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE, event_index INTEGER NOT NULL,
    {", ".join(_EVENT_COLUMNS)}, window_start TEXT, window_end TEXT,
    PRIMARY KEY (document_id, event_index));
CREATE INDEX IF NOT EXISTS events_by_type_and_days ON events (type, window_start, window_end);
CREATE TABLE IF NOT EXISTS arguments (
    document_id TEXT NOT NULL, event_index INTEGER NOT NULL, role TEXT NOT NULL, value TEXT,
    start INTEGER, "end" INTEGER, text TEXT,
    FOREIGN KEY (document_id, event_index) REFERENCES events(document_id, event_index) ON DELETE CASCADE);
CREATE INDEX IF NOT EXISTS arguments_by_value ON arguments (role, value);
CREATE INDEX IF NOT EXISTS arguments_by_event ON arguments (document_id, event_index);
CREATE TABLE IF NOT EXISTS entities (
    document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE, entity_id TEXT NOT NULL,
    kind TEXT NOT NULL, name TEXT NOT NULL, kb TEXT, code TEXT, mentions TEXT NOT NULL,
    PRIMARY KEY (document_id, entity_id));
CREATE TABLE IF NOT EXISTS happenings (
    id TEXT PRIMARY KEY, type TEXT NOT NULL, status TEXT NOT NULL, start TEXT, "end" TEXT, record TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS happening_members (
    happening_id TEXT NOT NULL REFERENCES happenings(id) ON DELETE CASCADE,
    document_id TEXT NOT NULL, event_index INTEGER NOT NULL,
    PRIMARY KEY (document_id, event_index),
    FOREIGN KEY (document_id, event_index) REFERENCES events(document_id, event_index) ON DELETE CASCADE);
CREATE INDEX IF NOT EXISTS members_by_happening ON happening_members (happening_id);
"""


class IngestReport(dict):
    """Counts of an ingest: ``read``, ``written``, ``unchanged``, ``happenings`` (refreshed)."""


class EventStore:
    """An SQLite database of results and happenings.

    >>> with EventStore(":memory:") as store:                  # doctest: +SKIP
    ...     store.ingest(results)
    """

    def __init__(self, path: str | Path) -> None:
        try:
            self._db = sqlite3.connect(str(path), isolation_level=None)  # transactions are explicit
            self._db.execute("PRAGMA foreign_keys = ON")
            self._db.execute("PRAGMA journal_mode = WAL")
            self._db.execute("PRAGMA synchronous = NORMAL")  # with WAL: a killed process loses no commit; a power cut, the last ones
            self._db.executescript(SCHEMA)
        except sqlite3.DatabaseError as exc:
            raise DiploExtractError(Errors.E083.format(path=path, detail=exc)) from None

    def __enter__(self) -> EventStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Close the database."""
        self._db.close()

    @property
    def connection(self) -> sqlite3.Connection:
        """The SQLite connection (for queries of your own; the schema is :data:`SCHEMA`)."""
        return self._db

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        self._db.execute("BEGIN IMMEDIATE")
        try:
            yield self._db
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        self._db.execute("COMMIT")

    # ------------------------------------------------------------------ ingest
    def ingest(self, results: Iterable[DocumentResult]) -> IngestReport:
        """Store each result (one transaction per document; an unchanged one is
        skipped), then refresh the happenings around the new documents."""
        report = IngestReport(read=0, written=0, unchanged=0, happenings=0)
        for result in results:
            report["read"] += 1
            report["written" if self._put(result) else "unchanged"] += 1
        report["happenings"] = self.refresh_happenings()
        return report

    def _put(self, result: DocumentResult) -> bool:
        document_id = result.id if result.id is not None else hashlib.sha256(result.text.encode("utf-8", "surrogatepass")).hexdigest()[:16]
        as_json = result.model_dump_json()
        digest = hashlib.sha256(as_json.encode("utf-8", "surrogatepass")).hexdigest()
        with self._transaction() as db:
            if db.execute("SELECT 1 FROM documents WHERE id = ? AND digest = ?", (document_id, digest)).fetchone():
                return False
            db.execute("DELETE FROM documents WHERE id = ?", (document_id,))
            db.execute("INSERT INTO documents (id, lang, published, error, result, digest) VALUES (?, ?, ?, ?, ?, ?)",
                       (document_id, result.lang, _iso(result.published), result.error, as_json, digest))
            stored = result.model_copy(update={"id": document_id})
            windows = {r.index: r.window for r in reports_of([stored])}
            for row in event_rows([stored]):
                window = windows[row["event_index"]]
                db.execute(f"INSERT INTO events (document_id, event_index, {', '.join(_EVENT_COLUMNS)}, window_start, window_end) "
                           f"VALUES ({', '.join('?' * (len(_EVENT_COLUMNS) + 4))})",
                           (document_id, row["event_index"], *(_iso(row[c]) for c in _EVENT_COLUMNS),
                            _iso(window.start) if window else None, _iso(window.end) if window else None))
            for index, event in enumerate(result.events):
                db.executemany('INSERT INTO arguments (document_id, event_index, role, value, start, "end", text) VALUES (?, ?, ?, ?, ?, ?, ?)',
                               [(document_id, index, *a) for a in _arguments(event)])
            db.executemany("INSERT INTO entities VALUES (?, ?, ?, ?, ?, ?, ?)", [
                (document_id, e.id, e.kind, e.name, e.kb, e.code, json.dumps([[s.start, s.end, s.text] for s in e.mentions], ensure_ascii=False))
                for e in result.entities])
        return True

    # ------------------------------------------------------------------ happenings
    def refresh_happenings(self) -> int:
        """Merge again the happenings around documents not yet merged (same types,
        overlapping days, and the happenings they were in), in one transaction.
        Returns the number of happenings written."""
        with self._transaction() as db:
            db.execute("CREATE TEMP TABLE IF NOT EXISTS scope (id TEXT PRIMARY KEY)")
            db.execute("DELETE FROM temp.scope")
            if not db.execute("INSERT INTO temp.scope SELECT id FROM documents WHERE merged = 0").rowcount:
                return 0
            spans = db.execute("SELECT type, MIN(window_start), MAX(window_end) FROM events WHERE document_id IN (SELECT id FROM temp.scope) "
                               "AND window_start IS NOT NULL GROUP BY type ORDER BY type").fetchall()
            for kind, low, high in spans:  # documents with events of these types on overlapping days
                db.execute("INSERT OR IGNORE INTO temp.scope SELECT DISTINCT document_id FROM events "
                           "WHERE type = ? AND window_start <= ? AND window_end >= ?", (kind, high, low))
            db.execute("INSERT OR IGNORE INTO temp.scope SELECT DISTINCT m2.document_id FROM happening_members m1 "
                       "JOIN happening_members m2 USING (happening_id) WHERE m1.document_id IN (SELECT id FROM temp.scope)")
            results = [DocumentResult.model_validate_json(result).model_copy(update={"id": document_id}) for result, document_id in db.execute(
                "SELECT result, id FROM documents WHERE id IN (SELECT id FROM temp.scope) ORDER BY id")]
            happenings = merge(results)
            db.execute("DELETE FROM happenings WHERE id IN (SELECT happening_id FROM happening_members "
                       "WHERE document_id IN (SELECT id FROM temp.scope))")
            for h in happenings:
                db.execute('INSERT OR REPLACE INTO happenings (id, type, status, start, "end", record) VALUES (?, ?, ?, ?, ?, ?)',
                           (h.id, h.type, h.status, _iso(h.start), _iso(h.end), h.model_dump_json()))
                db.executemany("INSERT OR REPLACE INTO happening_members VALUES (?, ?, ?)", [(h.id, m.document, m.event) for m in h.members])
            db.execute("UPDATE documents SET merged = 1 WHERE merged = 0")
        return len(happenings)

    # ------------------------------------------------------------------ query
    def events(self, *, parties: Iterable[str] = (), types: Iterable[str] = (), start: str | None = None, end: str | None = None) -> list[dict]:
        """Events with every one of ``parties``, of one of ``types``, whose days
        overlap ``start``..``end`` (ISO days; either may be None), as rows of
        :data:`diplo_extract.table.COLUMNS` plus ``happening_id``, ordered by
        first day, document id and event index."""
        parties, types = sorted(set(parties)), sorted(set(types))
        where, args = ["1"], []
        if types:
            where.append(f"e.type IN ({', '.join('?' * len(types))})")
            args += types
        for code in parties:
            where.append("EXISTS (SELECT 1 FROM arguments a WHERE a.document_id = e.document_id AND a.event_index = e.event_index "
                         "AND a.role = 'party' AND a.value = ?)")
            args.append(code)
        if start:
            where.append("e.date_end >= ?")
            args.append(start)
        if end:
            where.append("e.date_start <= ?")
            args.append(end)
        rows = self._db.execute(
            f"SELECT {', '.join('e.' + c for c in COLUMNS if c != 'spans')}, m.happening_id FROM events e "
            f"LEFT JOIN happening_members m ON m.document_id = e.document_id AND m.event_index = e.event_index "
            f"WHERE {' AND '.join(where)} ORDER BY e.date_start IS NULL, e.date_start, e.document_id, e.event_index", args)
        names = [c[0] for c in rows.description]
        return [dict(zip(names, row)) for row in rows]

    def happening_records(self, ids: Iterable[str]) -> list[str]:
        """The JSON records of the happenings ``ids``, in the order given (unknown ids skipped)."""
        found = []
        for happening_id in dict.fromkeys(ids):
            row = self._db.execute("SELECT record FROM happenings WHERE id = ?", (happening_id,)).fetchone()
            if row:
                found.append(row[0])
        return found


def _arguments(event: Event) -> Iterator[tuple]:
    """(role, value, start, end, text) per span of each argument value (one row
    without span for a value that has none)."""
    def rows(role: str, value: str | None, spans) -> Iterator[tuple]:  # noqa: ANN001 - a list of Span
        if not spans:
            yield (role, value, None, None, None)
        for s in spans:
            yield (role, value, s.start, s.end, s.text)

    for s in event.mentions:
        yield ("mention", s.text, s.start, s.end, s.text)
    if event.date:
        yield from rows("date", event.date.value, event.date.spans)
    if event.location:
        yield from rows("location", event.location.name, event.location.spans)
    for person in event.persons:
        yield from rows("person", person.name, person.spans)
    for party in event.parties:
        yield from rows("party", party.code, party.spans)
    if event.document:
        yield from rows("document", event.document.title, event.document.spans)


def _iso(value: object) -> object:
    return value.isoformat() if hasattr(value, "isoformat") else value
