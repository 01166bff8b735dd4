"""Math-library threads: one thread unless the user chose, through the environment
before numpy loads, through threadpoolctl after. The process environment and
``sys.modules`` are only changed through monkeypatch, so every test leaves them as found."""
import os
import sys
import types

import pytest

from diplo_extract import threads
from diplo_extract.threads import THREAD_VARIABLES, limit_math_threads, user_chose_threads


@pytest.fixture
def clean_env(monkeypatch):
    """No thread variable set; whatever the code sets is undone afterwards
    (setenv first records the original value, so delenv's removal is undone too)."""
    for var in THREAD_VARIABLES:
        monkeypatch.setenv(var, "sentinel")
        monkeypatch.delenv(var)
    return monkeypatch


@pytest.fixture
def fake_threadpoolctl(monkeypatch):
    calls = []
    module = types.ModuleType("threadpoolctl")
    module.threadpool_limits = lambda n: calls.append(n)
    monkeypatch.setitem(sys.modules, "threadpoolctl", module)
    return calls


@pytest.mark.parametrize(
    ("environ", "chose"),
    [
        ({}, False),
        ({"OMP_NUM_THREADS": "4"}, True),
        ({"OPENBLAS_NUM_THREADS": ""}, True),  # set, even empty
        ({"MKL_NUM_THREADS": "2", "PATH": "/bin"}, True),
        ({"NUMEXPR_NUM_THREADS": "4", "OMP_THREAD_LIMIT": "1"}, False),  # not ones we read
    ],
)
def test_user_chose_threads(environ, chose) -> None:
    assert user_chose_threads(environ) is chose


def test_user_chose_threads_reads_the_process_environment_by_default(clean_env) -> None:
    assert user_chose_threads() is False
    clean_env.setenv("MKL_NUM_THREADS", "3")
    assert user_chose_threads() is True


def test_before_numpy_loads_the_environment_asks_for_one_thread(clean_env, fake_threadpoolctl) -> None:
    clean_env.delitem(sys.modules, "numpy", raising=False)
    limit_math_threads()
    assert {var: os.environ.get(var) for var in THREAD_VARIABLES} == dict.fromkeys(THREAD_VARIABLES, "1")
    assert fake_threadpoolctl == []


def test_after_numpy_loads_threadpoolctl_limits_to_one_thread(clean_env, fake_threadpoolctl) -> None:
    clean_env.setitem(sys.modules, "numpy", types.ModuleType("numpy"))
    limit_math_threads()
    assert fake_threadpoolctl == [1]
    assert not any(var in os.environ for var in THREAD_VARIABLES), "too late for the environment: left alone"


@pytest.mark.parametrize("numpy_loaded", [False, True])
@pytest.mark.parametrize("var", THREAD_VARIABLES)
def test_a_users_choice_is_left_alone(clean_env, fake_threadpoolctl, var, numpy_loaded) -> None:
    clean_env.setenv(var, "8")
    if numpy_loaded:
        clean_env.setitem(sys.modules, "numpy", types.ModuleType("numpy"))
    else:
        clean_env.delitem(sys.modules, "numpy", raising=False)
    limit_math_threads()
    assert {v: os.environ.get(v) for v in THREAD_VARIABLES} == {v: ("8" if v == var else None) for v in THREAD_VARIABLES}
    assert fake_threadpoolctl == []


def test_without_threadpoolctl_nothing_happens_after_numpy_loads(clean_env) -> None:
    clean_env.setitem(sys.modules, "numpy", types.ModuleType("numpy"))
    clean_env.setitem(sys.modules, "threadpoolctl", None)  # import fails
    limit_math_threads()  # must not raise
    assert not any(var in os.environ for var in THREAD_VARIABLES)


def test_nothing_happens_at_import_time(clean_env, fake_threadpoolctl) -> None:
    import importlib

    clean_env.delitem(sys.modules, "numpy", raising=False)
    importlib.reload(threads)
    assert not any(var in os.environ for var in THREAD_VARIABLES)
    assert fake_threadpoolctl == []


def _thread_state() -> dict:
    numpy = sys.modules.get("numpy")
    return {**{var: os.environ.get(var) for var in THREAD_VARIABLES}, "numpy": None if numpy is None else id(numpy)}


@pytest.fixture(scope="module", autouse=True)
def state_before() -> dict:
    return _thread_state()


def test_zz_the_environment_is_as_this_module_found_it(state_before) -> None:
    """Runs last in this file: the tests above left no thread variable, nor numpy's
    entry in sys.modules, changed."""
    assert _thread_state() == state_before
