"""Benchmark: load gold fixtures, score extractor output against them, render reports."""
from __future__ import annotations

from diplo_extract.evaluation.gold import GoldError, load_gold
from diplo_extract.evaluation.scoring import Report, score

__all__ = ["GoldError", "Report", "load_gold", "score"]
