"""Extraction on a Dask cluster (the optional extra ``diplo_extract[dask]``).

- :func:`extract_bag` turns a bag of ``{id, text, published?}`` records into a bag
  of :class:`~diplo_extract.schema.DocumentResult`, in the same order.
- :func:`extract_frame` turns a dask DataFrame of texts into a dask DataFrame with
  one row per event (the event fields of event-format.md, spans as JSON).

Each worker holds one :class:`~diplo_extract.pipeline.Extractor`, built once by
:class:`ExtractorPlugin` when the plugin is registered (and again on a worker that
joins or is restarted later). Tasks carry only the plugin's name, never the
extractor. A record that fails becomes a result with ``error``, as in a local
batch; a worker that dies is replaced by its nanny and Dask reruns its tasks.

This module is ``diplo_extract.dask``; ``import dask`` below is the Dask package
(imports are absolute).
"""
from __future__ import annotations

import hashlib
import json
import threading
from collections.abc import Iterable, Iterator
from typing import Any

from .errors import DiploExtractError, Errors, MissingExtraError
from .schema import DocumentResult

try:
    import dask.bag
    import distributed
    from distributed.diagnostics.plugin import WorkerPlugin
except ImportError as _missing:  # pragma: no cover - exercised in a subprocess by the tests
    raise MissingExtraError(Errors.E090.format(feature="diplo_extract.dask", extra="dask", detail=_missing)) from None

__all__ = ["ExtractorPlugin", "extract_bag", "extract_frame", "install_extractor", "EVENT_COLUMNS"]

PLUGIN_PREFIX = "diplo-extract-"
EVENT_FIELDS_AS_JSON = ("mentions", "date", "location", "persons", "parties", "document")
EVENT_COLUMNS = ("id", "lang", "published", "event", "type", "status", *EVENT_FIELDS_AS_JSON, "error")


class ExtractorPlugin(WorkerPlugin):
    """Holds the extractor of one worker, built from ``config`` in :meth:`setup`.

    The plugin travels to each worker once, before the extractor exists; tasks
    find it by name on their worker (:func:`worker_plugin`). A lock makes a worker
    with several threads use its extractor one record at a time (run workers
    with one thread each and scale with processes).
    """

    idempotent = True  # registering the same configuration again keeps the built extractor

    def __init__(self, config: dict) -> None:
        self.config = dict(config)
        self.extractor: Any = None
        self._lock: threading.Lock | None = None

    def setup(self, worker: Any) -> None:
        """Build the extractor (its models load lazily, at the first text)."""
        from .pipeline import Extractor

        self.extractor = Extractor(**self.config)
        self._lock = threading.Lock()

    def extract(self, record: Any) -> DocumentResult:
        """One record through :meth:`Extractor.extract_record` (never raises)."""
        with self._lock:
            return self.extractor.extract_record(record)

    def extract_all(self, records: Iterable[Any]) -> Iterator[DocumentResult]:
        """Each record's result, in order, one at a time."""
        for record in records:
            yield self.extract(record)


def plugin_name(config: dict) -> str:
    """The plugin's name for an extractor configuration: equal configurations
    share one extractor per worker, different ones get their own.

    >>> plugin_name({"max_chars": 10}) == plugin_name({"max_chars": 10}) != plugin_name({"max_chars": 11})
    True
    """
    key = json.dumps(config, sort_keys=True, default=str)
    return PLUGIN_PREFIX + hashlib.sha1(key.encode("utf-8")).hexdigest()[:12]


def current_client(client: Any, what: str) -> distributed.Client:
    """``client``, or the default client of this process; E094 when there is none."""
    if client is not None:
        return client
    try:
        return distributed.default_client()
    except ValueError:
        raise DiploExtractError(Errors.E094.format(what=what)) from None


def install_extractor(client: distributed.Client, config: dict) -> str:
    """Register an :class:`ExtractorPlugin` for ``config`` on every worker (present
    and future) and return its name."""
    name = plugin_name(config)
    client.register_plugin(ExtractorPlugin(config), name=name)
    return name


def worker_plugin(name: str) -> ExtractorPlugin:
    """The plugin ``name`` of the worker running this task."""
    try:
        worker = distributed.get_worker()
    except ValueError:
        raise DiploExtractError(Errors.E094.format(what="computing extracted results (they run on distributed workers)")) from None
    return worker.plugins[name]


def _config_of(extractor: Any) -> dict:
    if extractor is not None:
        return extractor.config
    from .pipeline import Extractor

    return Extractor().config


# ------------------------------------------------------------------------ bag
def extract_partition(records: Iterable[Any], name: str) -> list[DocumentResult]:
    """The results of one bag partition, on a worker."""
    return list(worker_plugin(name).extract_all(records))


def extract_bag(bag: dask.bag.Bag, *, extractor: Any = None, client: Any = None) -> dask.bag.Bag:
    """A bag of :class:`DocumentResult`, one per record of ``bag``, in order.

    Args:
        bag: ``{id, text, published?}`` records.
        extractor: an :class:`~diplo_extract.pipeline.Extractor` whose configuration
            the workers rebuild (``Extractor()`` when None); it is not sent itself.
        client: the ``distributed.Client`` (the default client when None; E094 if
            there is none).

    >>> import dask.bag as db, distributed                    # doctest: +SKIP
    >>> client = distributed.Client(n_workers=2, threads_per_worker=1)  # doctest: +SKIP
    >>> extract_bag(db.from_sequence(records)).map(lambda r: r.model_dump_json()).compute()  # doctest: +SKIP
    """
    name = install_extractor(current_client(client, "extract_bag"), _config_of(extractor))
    return bag.map_partitions(extract_partition, name)


# ---------------------------------------------------------------------- frame
def _json(value: Any) -> str | None:
    return None if value is None else json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def event_rows(result: DocumentResult) -> list[dict]:
    """The rows of one document: one per event (fields of event-format.md, the
    structured ones as JSON); a failed document gives one row with ``error``.

    >>> event_rows(DocumentResult(id="x", lang="und", text="", error="E020 ..."))[0]["error"]
    'E020 ...'
    >>> event_rows(DocumentResult(id="y", lang="ru", text=""))
    []
    """
    head = {"id": result.id, "lang": result.lang, "published": result.published and result.published.isoformat()}
    if result.error is not None:
        return [{**head, **dict.fromkeys(EVENT_COLUMNS[3:-1]), "error": result.error}]
    rows = []
    for event in result.events:
        data = event.model_dump(mode="json")
        fields = {key: _json(data[key]) for key in EVENT_FIELDS_AS_JSON}
        rows.append({**head, "event": event.id, "type": event.type, "status": event.status, **fields, "error": None})
    return rows


def _plain(value: Any) -> Any:
    """A cell as the plain Python value the extractor takes: missing (None, NaN,
    NaT, NA) becomes None, a numpy scalar its Python value."""
    import pandas as pd

    if value is None or value is pd.NaT or value is pd.NA or isinstance(value, float) and value != value:
        return None
    item = getattr(value, "item", None)
    return item() if callable(item) and not isinstance(value, (str, bytes)) else value


def frame_records(frame: Any, columns: dict[str, str | None]) -> Iterator[dict]:
    """``{id, text, published}`` records from the rows of a pandas frame, by the
    column names in ``columns`` (a None column gives no field)."""
    present = {field: column for field, column in columns.items() if column is not None}
    for values in zip(*(frame[column] for column in present.values())):
        yield {field: _plain(value) for field, value in zip(present, values)}


def events_frame(rows: list[dict]) -> Any:
    """A pandas frame of event rows, every column of :data:`EVENT_COLUMNS` as text."""
    import pandas as pd

    return pd.DataFrame(rows, columns=list(EVENT_COLUMNS), dtype=object)


def extract_frame_partition(frame: Any, name: str, columns: dict[str, str | None]) -> Any:
    """The event rows of one partition, on a worker."""
    plugin = worker_plugin(name)
    return events_frame([row for result in plugin.extract_all(frame_records(frame, columns)) for row in event_rows(result)])


def extract_frame(ddf: Any, text: str = "text", published: str | None = "published", id: str | None = "id", *,
                  extractor: Any = None, client: Any = None) -> Any:
    """A dask DataFrame with one row per event of the texts of ``ddf``.

    Columns (:data:`EVENT_COLUMNS`): the document's ``id``, ``lang`` and
    ``published``; the event's ``event`` id (``e1``...), ``type`` and ``status``;
    ``mentions``, ``date``, ``location``, ``persons``, ``parties`` and ``document``
    as the JSON of event-format.md (spans included; None when null); and ``error``,
    set on the one row of a document that failed (its event columns are None).
    A document without events has no row.

    Args:
        ddf: a dask DataFrame holding the texts.
        text, published, id: its column names; ``published`` or ``id`` may be None
            when the frame has no such column.
        extractor, client: as for :func:`extract_bag`.

    Raises:
        DiploExtractError: E095 when a named column is missing, E094 without a client.
    """
    try:
        import pandas  # noqa: F401 - dask.dataframe needs it
    except ImportError as exc:  # pragma: no cover - pandas comes with the extra
        raise MissingExtraError(Errors.E090.format(feature="extract_frame", extra="dask", detail=exc)) from None
    columns = {"text": text, "published": published, "id": id}
    for role, column in columns.items():
        if column is not None and column not in ddf.columns:
            raise DiploExtractError(Errors.E095.format(column=column, role=role, columns=", ".join(map(str, ddf.columns))))
    name = install_extractor(current_client(client, "extract_frame"), _config_of(extractor))
    return ddf.map_partitions(extract_frame_partition, name, columns, meta=events_frame([]), enforce_metadata=False)
