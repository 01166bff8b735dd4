"""Label Studio round trip: documents to tasks (:func:`to_tasks`) and an annotated
JSON export back to gold (:func:`read_export`), with the labeling config of
``models/labelstudio/config.xml``. The names load on first use, so that the command
line's parsers (:mod:`.commands`) import nothing heavy."""
from __future__ import annotations

from importlib import import_module
from typing import Any

__all__ = ["Problem", "read_export", "to_task", "to_tasks"]
_LAZY = {"Problem": "annotations", "read_export": "annotations", "to_task": "tasks", "to_tasks": "tasks"}


def __getattr__(name: str) -> Any:
    """A public name from its module, imported on first use."""
    if name not in _LAZY:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(import_module(f".{_LAZY[name]}", __name__), name)
