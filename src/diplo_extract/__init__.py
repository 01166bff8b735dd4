"""diplo_extract: typed diplomatic events with provenance from Russian and English news.

>>> from diplo_extract import Extractor                      # doctest: +SKIP
>>> Extractor().extract(text, published="2020-11-26").events  # doctest: +SKIP
"""
from __future__ import annotations

import datetime as _dt

from .errors import DiploExtractError, InputError, ResourceError
from .pipeline import Extractor
from .rendering import render, render_html
from .schema import DateArg, DocumentArg, DocumentResult, Entity, Event, LocationArg, PartyArg, PersonArg, Span, json_schema

__all__ = [
    "extract", "Extractor", "DocumentResult", "Event", "Entity", "Span", "DateArg", "LocationArg",
    "PersonArg", "PartyArg", "DocumentArg", "json_schema", "DiploExtractError", "InputError", "ResourceError",
    "render", "render_html",
]
__version__ = "0.1.0"


def extract(text: str, published: _dt.date | str | None = None, *, extractor: Extractor | None = None) -> DocumentResult:
    """Extract the events of one text with a default :class:`Extractor`.

    For many texts, build one ``Extractor()`` and reuse it: models load once.
    """
    return (extractor or Extractor()).extract(text, published)
