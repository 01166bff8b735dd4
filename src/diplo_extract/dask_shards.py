"""JSONL shards on a Dask cluster: ``diplo-extract extract 'shards/*.jsonl' -o out/ --dask local:2``.

Each input shard is one task. The worker reads the shard, extracts its records
with its :class:`~diplo_extract.dask.ExtractorPlugin` and writes one JSONL file
named after the shard into the output folder, the same bytes as
``diplo-extract extract SHARD -o FILE`` in one process. It writes to
``NAME.partial`` and renames it at the end, so a task that Dask reruns after its
worker died rewrites the file from the start: nothing is lost or written twice.

Paths are fsspec URLs (``s3://bucket/shards/*.jsonl``) or local paths; on a real
cluster every worker must reach them (shared storage, or object storage with the
fsspec backend and credentials installed on the workers).
"""
from __future__ import annotations

import contextlib
import logging
import posixpath
from collections.abc import Iterator
from dataclasses import dataclass, field

import fsspec
from fsspec.implementations.local import LocalFileSystem

from .dask import current_client, distributed, install_extractor, worker_plugin
from .errors import DiploExtractError, Errors, InputError

log = logging.getLogger(__name__)

LOCAL_PREFIX = "local:"
CONNECT_TIMEOUT = "20s"
PARTIAL_SUFFIX = ".partial"


@dataclass(frozen=True)
class Shard:
    """One input file and the output file named after it."""

    source: str
    output: str


@dataclass(frozen=True)
class ShardReport:
    """What became of one shard: documents written, ids of the failed records,
    or ``error`` when the shard could not be read or written at all."""

    shard: Shard
    documents: int = 0
    failed: tuple[str, ...] = field(default_factory=tuple)
    error: str | None = None


def _url(fs: fsspec.AbstractFileSystem, path: str) -> str:
    return path if isinstance(fs, LocalFileSystem) else fs.unstrip_protocol(path)


def plan_shards(pattern: str, out_dir: str) -> list[Shard]:
    """The shards matching ``pattern`` (sorted), each with its output file in
    ``out_dir`` (same file name).

    Raises:
        InputError: E092 when nothing matches; E096 when two shards share a file
            name or an output would overwrite an input.
    """
    fs, _, paths = fsspec.core.get_fs_token_paths(pattern, mode="rb")
    paths = sorted(p for p in paths if not fs.isdir(p))
    if not paths:
        raise InputError(Errors.E092.format(pattern=pattern))
    out_fs, out_root = fsspec.core.url_to_fs(out_dir)
    if out_fs.isfile(out_root):
        raise InputError(Errors.E096.format(detail=f"{out_dir} is a file, not a folder"))
    names = [posixpath.basename(p) for p in paths]
    clash = sorted({n for n in names if names.count(n) > 1})
    if clash:
        raise InputError(Errors.E096.format(detail=f"several input shards are named {clash[0]}"))
    shards = [Shard(_url(fs, p), _url(out_fs, posixpath.join(out_root.rstrip("/") or "/", n))) for p, n in zip(paths, names)]
    inputs = {s.source for s in shards}
    if any(s.output in inputs for s in shards):
        raise InputError(Errors.E096.format(detail=f"{out_dir} holds the input shards; choose another output folder"))
    return shards


def render(result, form: str) -> str:  # noqa: ANN001 - a DocumentResult
    """One output line, as ``diplo-extract extract`` writes it for a batch."""
    if form == "summary":
        from .summary import render_summary

        return render_summary(result)
    return result.model_dump_json()


def write_shard(shard: Shard, name: str, form: str = "json") -> ShardReport:
    """Extract one shard on a worker into its output file (see the module doc)."""
    from .jsonl import batch_records  # the JSONL reading of a local batch, bad lines included

    plugin = worker_plugin(name)
    out_fs, out_path = fsspec.core.url_to_fs(shard.output)
    partial = out_path + PARTIAL_SUFFIX
    documents, failed = 0, []
    try:
        out_fs.makedirs(posixpath.dirname(out_path) or ".", exist_ok=True)
        with fsspec.open(shard.source, "rt", encoding="utf-8") as handle, out_fs.open(partial, "w", encoding="utf-8") as out:
            for documents, result in enumerate(plugin.extract_all(batch_records(shard.source, handle)), 1):
                if result.error is not None:
                    failed.append(result.id or f"line-{documents}")
                out.write(render(result, form) + "\n")
        out_fs.mv(partial, out_path)
    except (OSError, UnicodeDecodeError) as exc:
        with contextlib.suppress(OSError):
            out_fs.rm(partial)
        detail = f"not UTF-8 text ({exc.reason})" if isinstance(exc, UnicodeDecodeError) else str(exc)
        return ShardReport(shard, documents, tuple(failed), Errors.E097.format(path=shard.source, detail=detail))
    return ShardReport(shard, documents, tuple(failed))


def run_shards(shards: list[Shard], config: dict, *, client=None, form: str = "json", progress: bool = False) -> list[ShardReport]:  # noqa: ANN001
    """Extract ``shards`` on the cluster of ``client``; the reports in shard
    order. A shard whose workers keep dying (Dask's ``allowed-failures``) gets
    an E097 report; the others go on."""
    from tqdm import tqdm

    client = current_client(client, "run_shards")
    name = install_extractor(client, config)
    futures = client.map(write_shard, shards, [name] * len(shards), [form] * len(shards), pure=False)
    order = {future.key: k for k, future in enumerate(futures)}
    reports: list[ShardReport | None] = [None] * len(shards)
    with tqdm(total=len(shards), disable=not progress, unit="shard", desc="extract") as bar:
        for future in distributed.as_completed(futures):
            k = order[future.key]
            reports[k] = _report(future, shards[k])
            bar.set_postfix(docs=sum(r.documents for r in reports if r is not None), refresh=False)
            bar.update(1)
    return [r for r in reports if r is not None]


def _report(future: distributed.Future, shard: Shard) -> ShardReport:
    try:
        return future.result()
    except distributed.KilledWorker as exc:
        log.warning("shard %s: its workers died; not written", shard.source)
        return ShardReport(shard, error=Errors.E097.format(path=shard.source, detail=f"the workers running it died ({exc})"))


@contextlib.contextmanager
def dask_client(spec: str) -> Iterator[distributed.Client]:
    """A client for ``--dask SPEC``: ``local:N`` starts a LocalCluster of N worker
    processes (one thread each) for the time of the block; an address
    (``tcp://HOST:8786``) connects to a running scheduler.

    Raises:
        InputError: E091 for a malformed spec; E093 when the scheduler cannot be reached.
    """
    if spec.startswith(LOCAL_PREFIX):
        workers = spec[len(LOCAL_PREFIX):]
        if not workers.isdigit() or int(workers) < 1:
            raise InputError(Errors.E091.format(value=spec))
        with distributed.LocalCluster(n_workers=int(workers), threads_per_worker=1, processes=True, dashboard_address=None) as cluster, \
                distributed.Client(cluster) as client:
            yield client
        return
    if "://" not in spec:
        raise InputError(Errors.E091.format(value=spec))
    try:
        client = distributed.Client(spec, timeout=CONNECT_TIMEOUT)
    except (OSError, TimeoutError, ValueError) as exc:
        raise DiploExtractError(Errors.E093.format(address=spec, detail=exc)) from None
    with client:
        yield client
