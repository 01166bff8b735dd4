"""diplo_extract: typed diplomatic events with provenance from Russian and English news.

>>> from diplo_extract import Extractor                      # doctest: +SKIP
>>> Extractor().extract(text, published="2020-11-26").events  # doctest: +SKIP
"""
from __future__ import annotations

import datetime as _dt
import os as _os
import sys as _sys

# natasha's NER gains nothing from several math-library threads and, on a busy
# machine, loses many times over (see benchmarks/README.md). Unless the user has
# chosen, one thread is used; this must happen before numpy is first imported.
if "numpy" not in _sys.modules:
    for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        _os.environ.setdefault(_var, "1")

from .errors import DiploExtractError, InputError, ResourceError
from .pipeline import Extractor
from .schema import DateArg, DocumentArg, DocumentResult, Entity, Event, LocationArg, PartyArg, PersonArg, Span, json_schema

__all__ = [
    "extract", "Extractor", "DocumentResult", "Event", "Entity", "Span", "DateArg", "LocationArg",
    "PersonArg", "PartyArg", "DocumentArg", "json_schema", "DiploExtractError", "InputError", "ResourceError",
]
__version__ = "0.1.0"


def extract(text: str, published: _dt.date | str | None = None, *, extractor: Extractor | None = None) -> DocumentResult:
    """Extract the events of one text with a default :class:`Extractor`.

    For many texts, build one ``Extractor()`` and reuse it: models load once.
    """
    return (extractor or Extractor()).extract(text, published)
