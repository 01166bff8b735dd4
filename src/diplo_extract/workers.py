"""Worker processes for ``extract_many(jobs=N)``: each builds its own extractor
from the parent's config, once, in the pool initializer; results stream back in
input order.

A worker that dies (killed, out of memory, a crash in native code) breaks the
pool. The records that were in flight are then retried one at a time in a fresh
pool: a record that kills its worker again gets an E050 error result, the others
their results, and the batch goes on.
"""
from __future__ import annotations

import logging
from collections import deque
from itertools import islice
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any

from .errors import Errors
from .schema import DocumentResult

log = logging.getLogger(__name__)

IN_FLIGHT_PER_JOB = 3  # chunks submitted ahead per worker: enough to keep it busy, little memory
CHUNK = 8  # records per task: fewer round trips between the processes


class Worker:
    """The extractor of one worker process, held by the class, never by a module
    global; built by :meth:`start` in the pool initializer."""

    extractor: Any = None

    @classmethod
    def start(cls, config: dict) -> None:
        from .pipeline import Extractor

        cls.extractor = Extractor(**config)

    @classmethod
    def work(cls, record: dict) -> DocumentResult:
        return cls.extractor.extract_record(record)


class WorkerPool:
    """Extracts records in ``jobs`` spawned processes, in input order, surviving
    the death of a worker.

    Args:
        config: the extractor's keyword arguments (``Extractor.config``).
        jobs: number of worker processes.
        work: the function a worker applies to a record (a module-level function,
            importable in the worker); :meth:`Worker.work` by default.
    """

    def __init__(self, config: dict, jobs: int, work: Callable[[dict], DocumentResult] = Worker.work) -> None:
        self.config = config
        self.jobs = jobs
        self.work = work
        self._pool: ProcessPoolExecutor | None = None

    def _fresh_pool(self, jobs: int) -> ProcessPoolExecutor:
        from multiprocessing import get_context

        self.close()
        self._pool = ProcessPoolExecutor(jobs, mp_context=get_context("spawn"), initializer=Worker.start, initargs=(self.config,))
        return self._pool

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None

    def map(self, records: Iterable[dict]) -> Iterator[DocumentResult]:
        """The results of ``records``, in order."""
        pool = self._fresh_pool(self.jobs)
        pending: deque[tuple[dict, Future]] = deque()
        source = iter(records)
        try:
            while True:
                while len(pending) < self.jobs * IN_FLIGHT_PER_JOB:
                    chunk = list(islice(source, CHUNK))
                    if not chunk:
                        break
                    pending.append((chunk, pool.submit(_apply_all, self.work, chunk)))
                if not pending:
                    return
                chunk, future = pending.popleft()
                try:
                    yield from future.result()
                except BrokenProcessPool:
                    # the failed chunk and every record still in flight, one at a time
                    yield from self._isolate([*chunk, *(r for c, _ in pending for r in c)])
                    pending.clear()
                    pool = self._fresh_pool(self.jobs)
        finally:
            self.close()

    def _isolate(self, records: list[dict]) -> Iterator[DocumentResult]:
        """Each record alone in a one-worker pool; one that kills it gets E050."""
        pool = self._fresh_pool(1)
        for record in records:
            try:
                yield pool.submit(self.work, record).result()
            except BrokenProcessPool:
                rid = record.get("id") if isinstance(record, dict) else None
                log.warning("worker died on record %r; marked failed", rid)
                yield failed_record(record, Errors.E050)
                pool = self._fresh_pool(1)


def _apply_all(work: Callable[[dict], DocumentResult], records: list[dict]) -> list[DocumentResult]:
    """``work`` on each record of a chunk, in a worker process."""
    return [work(record) for record in records]


def failed_record(record: Any, message: str, *, keep_text: bool = True) -> DocumentResult:
    """The result of a record that could not be extracted: its id and (unless
    ``keep_text`` is false) its text kept, ``error`` set."""
    rid = record.get("id") if isinstance(record, dict) else None
    text = record.get("text") if isinstance(record, dict) and keep_text else None
    return DocumentResult(id=None if rid is None else str(rid), lang="und", text=text if isinstance(text, str) else "", error=message)


def in_workers(config: dict, records: Iterable[dict], jobs: int) -> Iterator[DocumentResult]:
    """Extract ``records`` in ``jobs`` spawned processes, in order."""
    yield from WorkerPool(config, jobs).map(records)
