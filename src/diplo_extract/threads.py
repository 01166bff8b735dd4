"""Math-library threads for NER.

natasha's NER gains nothing from several math-library threads and, on a busy
machine, loses many times over (see benchmarks/README.md). When the extractor first
builds its languages, one thread is used unless the user has chosen a number
(``OPENBLAS_NUM_THREADS``, ``OMP_NUM_THREADS`` or ``MKL_NUM_THREADS``). Nothing
happens at import time.
"""
from __future__ import annotations

import os
import sys

THREAD_VARIABLES = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")


def user_chose_threads(environ: dict[str, str] | os._Environ = os.environ) -> bool:
    """Whether the user set any of the math-library thread variables.

    >>> user_chose_threads({"OMP_NUM_THREADS": "4"})
    True
    >>> user_chose_threads({})
    False
    """
    return any(v in environ for v in THREAD_VARIABLES)


def limit_math_threads() -> None:
    """One math-library thread, unless the user chose: through the environment when
    numpy is not loaded yet, else through threadpoolctl when it is installed."""
    if user_chose_threads():
        return
    if "numpy" not in sys.modules:
        for var in THREAD_VARIABLES:
            os.environ[var] = "1"
        return
    try:
        from threadpoolctl import threadpool_limits
    except ImportError:  # pragma: no cover - optional
        return
    threadpool_limits(1)
