"""Where packaged data lives: the one module that resolves resource paths.

In a wheel, ``models/`` is installed inside the package (``diplo_extract/models``);
in a source checkout (editable install, tests) it is the repository's top-level
``models/`` folder.
"""
from __future__ import annotations

from pathlib import Path

from .errors import ResourceError


def models_dir(root: str | Path | None = None) -> Path:
    """Return the folder holding gazetteers, lexicons and patterns: ``root`` when
    given (a user's folder of the same layout), else the packaged one."""
    if root is not None:
        path = Path(root)
        if not path.is_dir():
            raise ResourceError(f"E001 models folder not found: {path}")
        return path
    here = Path(__file__).resolve().parent
    for candidate in (here / "models", here.parents[1] / "models"):
        if candidate.is_dir():
            return candidate
    raise ResourceError(f"E001 models folder not found next to {here}")


def model_path(*parts: str, root: str | Path | None = None) -> Path:
    """Path of one resource, e.g. ``model_path('triggers', 'ru.yaml')``, in the
    packaged ``models/`` or in ``root``."""
    path = models_dir(root).joinpath(*parts)
    if not path.exists():
        raise ResourceError(f"E002 missing resource {path}")
    return path
