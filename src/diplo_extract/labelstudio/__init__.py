"""Label Studio round trip: documents to tasks (:func:`to_tasks`) and an annotated
JSON export back to gold (:func:`read_export`), with the labeling config of
``models/labelstudio/config.xml``."""
from __future__ import annotations

from .annotations import Problem, read_export
from .tasks import to_task, to_tasks

__all__ = ["Problem", "read_export", "to_task", "to_tasks"]
