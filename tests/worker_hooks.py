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
