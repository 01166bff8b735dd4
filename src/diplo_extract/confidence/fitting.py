"""Fitting a :class:`~diplo_extract.confidence.calibration.Scorer` on labelled
examples (used by ``benchmarks/calibrate.py``): L2-regularised logistic regression
for the feature weights, then isotonic regression (pool adjacent violators) of the
raw score into bins, each bin's confidence optionally lowered to the Wilson lower
bound of its observed precision. Pure Python and deterministic: no scikit-learn."""
from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from .calibration import ScoreBin, Scorer
from .features import Features

NEWTON_STEPS = 25
RIDGE = 1.0  # L2 penalty on the weights (not the bias)
MIN_BIN = 20  # dev examples a bin needs before it stands alone
DIGITS = 3


@dataclass(frozen=True)
class Example:
    """One event or argument of the dev fixtures: its features and whether it was right."""

    features: Features
    correct: bool


def fit_scorer(examples: Sequence[Example], *, z: float = 0.0, min_bin: int = MIN_BIN) -> Scorer:
    """A scorer for ``examples``: weights by logistic regression, bins by isotonic
    regression of its raw score; ``z > 0`` lowers each bin to the Wilson lower bound
    of that many standard errors."""
    names = sorted({n for e in examples for n in e.features})
    bias, weights = fit_logistic(examples, names)
    scorer = Scorer(bias=bias, weights=weights, bins=[ScoreBin(above=None, confidence=0.5)])
    scored = sorted((scorer.raw(e.features), e.correct) for e in examples)
    return Scorer(bias=bias, weights=weights, bins=isotonic_bins(scored, z=z, min_bin=min_bin))


def fit_logistic(examples: Sequence[Example], names: Sequence[str], ridge: float = RIDGE) -> tuple[float, dict[str, float]]:
    """Bias and weights (rounded) of an L2-regularised logistic regression, by Newton's method."""
    rows = [[1.0, *(e.features.get(n, 0.0) for n in names)] for e in examples]
    ys = [1.0 if e.correct else 0.0 for e in examples]
    beta = [0.0] * (len(names) + 1)
    for _ in range(NEWTON_STEPS):
        grad = [(-ridge * b if k else 0.0) for k, b in enumerate(beta)]
        hess = [[(ridge if i == j and i else 0.0) for j in range(len(beta))] for i in range(len(beta))]
        for x, y in zip(rows, ys):
            p = _sigmoid(sum(b * v for b, v in zip(beta, x)))
            for i, xi in enumerate(x):
                if xi:
                    grad[i] += (y - p) * xi
                    for j, xj in enumerate(x):
                        hess[i][j] += p * (1 - p) * xi * xj
        beta = [b + d for b, d in zip(beta, _solve(hess, grad))]
    return round(beta[0], DIGITS), {n: round(b, DIGITS) for n, b in zip(names, beta[1:]) if round(b, DIGITS)}


def isotonic_bins(scored: Sequence[tuple[float, bool]], *, z: float = 0.0, min_bin: int = MIN_BIN) -> list[ScoreBin]:
    """Bins of a non-decreasing step function of the raw score, from ``(score, correct)``
    pairs sorted by score: pool adjacent violators, then blocks under ``min_bin``
    examples pooled with a neighbour, then (``z > 0``) each level lowered to its Wilson
    bound, kept non-decreasing from the top down.

    >>> [(b.above, b.confidence) for b in isotonic_bins([(0.0, False), (1.0, False), (2.0, True), (3.0, True)], min_bin=1)]
    [(None, 0.0), (2.0, 1.0)]
    """
    blocks = _pool_violators(_ties_joined(scored))
    blocks = _small_pooled(blocks, min_bin)
    levels = [wilson_lower(b.hits, b.count, z) if z > 0 else b.hits / b.count for b in blocks]
    for k in range(len(levels) - 2, -1, -1):
        levels[k] = min(levels[k], levels[k + 1])
    return [ScoreBin(above=None if k == 0 else round(b.low, 4), confidence=round(level, DIGITS), count=b.count)
            for k, (b, level) in enumerate(zip(blocks, levels))]


def wilson_lower(hits: int, count: int, z: float) -> float:
    """The Wilson score interval's lower bound of ``hits / count``.

    >>> round(wilson_lower(95, 100, 1.645), 3), wilson_lower(0, 0, 1.645)
    (0.901, 0.0)
    """
    if count == 0:
        return 0.0
    p = hits / count
    centre = p + z * z / (2 * count)
    margin = z * math.sqrt(p * (1 - p) / count + z * z / (4 * count * count))
    return max(0.0, (centre - margin) / (1 + z * z / count))


@dataclass
class _Block:
    low: float
    hits: int
    count: int


def _ties_joined(scored: Sequence[tuple[float, bool]]) -> list[_Block]:
    """One block per distinct score (a step may only change between scores)."""
    blocks: list[_Block] = []
    for score, correct in scored:
        if blocks and blocks[-1].low == score:
            blocks[-1].hits += correct
            blocks[-1].count += 1
        else:
            blocks.append(_Block(score, int(correct), 1))
    return blocks


def _pool_violators(blocks: list[_Block]) -> list[_Block]:
    """Pool adjacent blocks until their precisions do not decrease."""
    out: list[_Block] = []
    for b in blocks:
        out.append(_Block(b.low, b.hits, b.count))
        while len(out) > 1 and out[-2].hits * out[-1].count >= out[-1].hits * out[-2].count:
            last = out.pop()
            out[-1].hits += last.hits
            out[-1].count += last.count
    return out


def _small_pooled(blocks: list[_Block], min_bin: int) -> list[_Block]:
    """Blocks of fewer than ``min_bin`` examples joined to the block below (the
    lowest to the one above)."""
    out: list[_Block] = []
    for b in blocks:
        if out and (b.count < min_bin or out[-1].count < min_bin):
            out[-1].hits += b.hits
            out[-1].count += b.count
        else:
            out.append(_Block(b.low, b.hits, b.count))
    return out


def _sigmoid(x: float) -> float:
    return 1.0 / (1.0 + math.exp(-x)) if x >= 0 else math.exp(x) / (1.0 + math.exp(x))


def _solve(a: list[list[float]], b: list[float]) -> list[float]:
    """``a x = b`` by Gaussian elimination with partial pivoting (``a`` is small and
    positive definite)."""
    n = len(b)
    m = [row[:] + [b[i]] for i, row in enumerate(a)]
    for col in range(n):
        pivot = max(range(col, n), key=lambda r: abs(m[r][col]))
        m[col], m[pivot] = m[pivot], m[col]
        if abs(m[col][col]) < 1e-12:
            continue
        for r in range(col + 1, n):
            f = m[r][col] / m[col][col]
            for c in range(col, n + 1):
                m[r][c] -= f * m[col][c]
    x = [0.0] * n
    for r in range(n - 1, -1, -1):
        if abs(m[r][r]) >= 1e-12:
            x[r] = (m[r][n] - sum(m[r][c] * x[c] for c in range(r + 1, n))) / m[r][r]
    return x
