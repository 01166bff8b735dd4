"""Work functions for worker-pool tests: imported by name in spawned workers
(which inherit the parent's ``sys.path``), so they live in a module, not a test."""
import os
import signal

from diplo_extract.workers import Worker


def die_on_boom(record: dict):  # noqa: ANN201 - a DocumentResult
    """Like ``Worker.work``, but the worker process is killed by a record whose id
    starts with "boom", as the kernel's out-of-memory killer would."""
    if str(record.get("id", "")).startswith("boom"):
        os.kill(os.getpid(), signal.SIGKILL)
    return Worker.work(record)


def die_once(record: dict, marker: str, victim: str) -> dict:
    """The record unchanged; but the first time the record ``victim`` passes, its
    worker process exits at once (``marker`` is created first, so that the
    rerun passes). For Dask tests: a worker killed in the middle of a job."""
    if record.get("id") == victim:
        try:
            with open(marker, "x", encoding="utf-8"):
                pass
        except FileExistsError:
            return record
        os._exit(1)
    return record
