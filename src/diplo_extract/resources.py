"""Where packaged data lives: the one module that resolves resource paths.

In a wheel, ``models/`` is installed inside the package (``diplo_extract/models``);
in a source checkout (editable install, tests) it is the repository's top-level
``models/`` folder.
"""
from __future__ import annotations

from pathlib import Path

from .errors import ResourceError


def models_dir() -> Path:
    """Return the folder holding gazetteers, lexicons and patterns."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "models", here.parents[1] / "models"):
        if candidate.is_dir():
            return candidate
    raise ResourceError(f"E001 models folder not found next to {here}")


def model_path(*parts: str) -> Path:
    """Path of one packaged resource, e.g. ``model_path('triggers', 'ru.yaml')``."""
    path = models_dir().joinpath(*parts)
    if not path.exists():
        raise ResourceError(f"E002 missing resource {path}")
    return path
