"""Worker processes for ``extract_many(jobs=N)``: each builds its own extractor
from the parent's config, once, in the pool initializer; results stream back in
input order."""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from .schema import DocumentResult


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


def in_workers(config: dict, records: Iterable[dict], jobs: int) -> Iterator[DocumentResult]:
    """Extract ``records`` in ``jobs`` spawned processes, in order."""
    from multiprocessing import get_context

    with get_context("spawn").Pool(jobs, initializer=Worker.start, initargs=(config,)) as pool:
        yield from pool.imap(Worker.work, records, chunksize=4)
