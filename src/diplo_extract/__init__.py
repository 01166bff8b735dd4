"""diplo_extract: typed diplomatic events with provenance from Russian and English news.

>>> from diplo_extract import Extractor                      # doctest: +SKIP
>>> Extractor().extract(text, published="2020-11-26").events  # doctest: +SKIP

The public names load on first use (PEP 562), so that ``import diplo_extract.cli``
and ``diplo-extract --help`` do not import the pipeline.
"""
from __future__ import annotations

import datetime as _dt
from importlib import import_module
from typing import TYPE_CHECKING, Any

from .errors import DiploExtractError, InputError, ResourceError

if TYPE_CHECKING:  # pragma: no cover
    from .pipeline import Extractor
    from .schema import DocumentResult

__all__ = [
    "extract", "Extractor", "DocumentResult", "Event", "Entity", "Span", "DateArg", "LocationArg",
    "PersonArg", "PartyArg", "DocumentArg", "json_schema", "DiploExtractError", "InputError", "ResourceError",
    "render", "render_html",
]
__version__ = "0.1.0"

_LAZY = {
    "Extractor": "pipeline", "render": "rendering", "render_html": "rendering",
    **{name: "schema" for name in ("DateArg", "DocumentArg", "DocumentResult", "Entity", "Event", "LocationArg", "PersonArg", "PartyArg", "Span", "json_schema")},
}


def __getattr__(name: str) -> Any:
    """A public name from its module, imported on first use."""
    if name not in _LAZY:
        raise AttributeError(f"module 'diplo_extract' has no attribute {name!r}")
    return getattr(import_module(f".{_LAZY[name]}", __name__), name)


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))


def extract(text: str, published: _dt.date | str | None = None, *, extractor: Extractor | None = None) -> DocumentResult:
    """Extract the events of one text with a default :class:`Extractor`.

    For many texts, build one ``Extractor()`` and reuse it: models load once.
    """
    from .pipeline import Extractor

    return (extractor or Extractor()).extract(text, published)
