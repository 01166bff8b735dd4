"""Events as a table: one row per event, for filtering in pandas, a spreadsheet or
any tool that reads CSV or Parquet.

:func:`event_rows` gives plain rows (no dependency); :func:`events_frame` gives a
pandas DataFrame and :func:`write_parquet` a Parquet file, both with the optional
extra ``diplo_extract[table]`` (pandas, pyarrow); without it they raise E080.

Columns (:data:`COLUMNS`): the document (``document_id``, ``published``, ``lang``),
the event (``event_index`` from 0, ``event_id``, ``type``, ``status``,
``status_rule``), its date as written (``date``) and the first and last day it
covers (``date_start``, ``date_end``), ``location``, ``persons`` and ``parties``
(joined by "; "), the signed or adopted document (``document_kind``,
``document_title``, ``period_start``, ``period_end``), the trigger text of its first
mention (``trigger``), the sentence of that mention (``evidence``) and every span of
the event as JSON (``spans``: ``{"mentions": [...], "date": [...], "location": [...],
"persons": {name: [...]}, "parties": {code: [...]}, "document": [...]}``, each span
``[start, end, text]``).
"""
from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from .date_values import day_span
from .errors import DiploExtractError, Errors
from .schema import DocumentResult, Event, Span

if TYPE_CHECKING:  # pragma: no cover
    import pandas

__all__ = ["COLUMNS", "LIST_SEPARATOR", "event_rows", "events_frame", "csv_records", "write_parquet", "require_table_extra"]

COLUMNS: tuple[str, ...] = (
    "document_id", "published", "lang", "event_index", "event_id", "type", "status", "status_rule",
    "date", "date_start", "date_end", "location", "persons", "parties",
    "document_kind", "document_title", "period_start", "period_end", "trigger", "evidence", "spans",
)
LIST_SEPARATOR = "; "
_DATE_COLUMNS = ("published", "date_start", "date_end")
_INT_COLUMNS = ("event_index", "period_start", "period_end")


def event_rows(results: Iterable[DocumentResult]) -> Iterator[dict[str, Any]]:
    """One dict per event of ``results``, keys in the order of :data:`COLUMNS`.

    Dates are ``datetime.date`` (or None), list values are joined with "; ".
    A document without events (or with an ``error``) gives no row.
    """
    for result in results:
        for index, event in enumerate(result.events):
            yield _row(result, index, event)


def _row(result: DocumentResult, index: int, event: Event) -> dict[str, Any]:
    days = day_span(event.date.value if event.date else None, result.published)
    document = event.document
    return {
        "document_id": result.id, "published": result.published, "lang": result.lang,
        "event_index": index, "event_id": event.id, "type": event.type, "status": event.status, "status_rule": event.status_rule,
        "date": event.date.value if event.date else None,
        "date_start": days.start if days else None, "date_end": days.end if days else None,
        "location": event.location.name if event.location else None,
        "persons": LIST_SEPARATOR.join(p.name for p in event.persons) or None,
        "parties": LIST_SEPARATOR.join(p.code for p in event.parties) or None,
        "document_kind": document.kind if document else None,
        "document_title": document.title if document else None,
        "period_start": document.period.start if document and document.period else None,
        "period_end": document.period.end if document and document.period else None,
        "trigger": event.mentions[0].text if event.mentions else None,
        "evidence": event.evidence.text if event.evidence else None,
        "spans": json.dumps(_spans(event), ensure_ascii=False, sort_keys=True),
    }


def _spans(event: Event) -> dict[str, Any]:
    def triples(spans: Iterable[Span]) -> list[list]:
        return [[s.start, s.end, s.text] for s in spans]

    return {
        "mentions": triples(event.mentions),
        "date": triples(event.date.spans) if event.date else [],
        "location": triples(event.location.spans) if event.location else [],
        "persons": {p.name: triples(p.spans) for p in event.persons},
        "parties": {p.code: triples(p.spans) for p in event.parties},
        "document": triples(event.document.spans) if event.document else [],
    }


def csv_records(rows: Iterable[dict[str, Any]]) -> Iterator[str]:
    """The CSV text of ``rows``, one record at a time without its final newline: the
    header first, then one record per row (dates ISO, missing values empty). Streams:
    a row is formatted when it comes.

    >>> list(csv_records([]))[0].split(",")[:4]
    ['document_id', 'published', 'lang', 'event_index']
    """
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    yield _drain(buffer)
    for row in rows:
        writer.writerow({k: ("" if v is None else v.isoformat() if k in _DATE_COLUMNS else v) for k, v in row.items()})
        yield _drain(buffer)


def _drain(buffer: io.StringIO) -> str:
    text = buffer.getvalue()
    buffer.seek(0)
    buffer.truncate()
    return text[:-1]


def require_table_extra(feature: str) -> Any:
    """The pandas module, after checking that pyarrow is importable too.

    Raises:
        DiploExtractError: E080, naming the missing package and the extra to install.
    """
    try:
        import pandas
        import pyarrow  # noqa: F401 - the Parquet engine
    except ImportError as exc:
        raise DiploExtractError(Errors.E080.format(feature=feature, packages="pandas, pyarrow", detail=exc, extra="table")) from None
    return pandas


def events_frame(results: Iterable[DocumentResult]) -> pandas.DataFrame:
    """A pandas DataFrame with one row per event of ``results`` (columns: :data:`COLUMNS`).

    ``published``, ``date_start`` and ``date_end`` hold ``datetime.date`` values;
    ``event_index`` and the period columns are nullable integers (``Int64``).

    Raises:
        DiploExtractError: E080 when pandas or pyarrow is not installed.
    """
    pandas = require_table_extra("events_frame")
    frame = pandas.DataFrame.from_records(list(event_rows(results)), columns=list(COLUMNS))
    for column in _INT_COLUMNS:
        frame[column] = frame[column].astype("Int64")
    for column in COLUMNS:
        if column not in _INT_COLUMNS:
            frame[column] = frame[column].astype(object).where(frame[column].notna(), None)
    return frame


def write_parquet(results: Iterable[DocumentResult], path: str) -> int:
    """Write the events of ``results`` to a Parquet file; returns the number of rows.

    Raises:
        DiploExtractError: E080 when pandas or pyarrow is not installed.
    """
    frame = events_frame(results)
    frame.to_parquet(path, engine="pyarrow", index=False)
    return len(frame)
