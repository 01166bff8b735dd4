"""Shared fixtures: one Extractor for the whole session (models load once), and a
disk cache of the session's own (never the user's cache folder)."""
import os

import pytest

from diplo_extract import Extractor
from diplo_extract.disk_cache import ENV_DIR


@pytest.fixture(scope="session", autouse=True)
def session_cache(tmp_path_factory: pytest.TempPathFactory):  # noqa: ANN201
    """Point ``DIPLO_EXTRACT_CACHE_DIR`` (inherited by subprocesses) at a temporary folder."""
    before = os.environ.get(ENV_DIR)
    os.environ[ENV_DIR] = str(tmp_path_factory.mktemp("diplo-cache"))
    yield os.environ[ENV_DIR]
    if before is None:
        os.environ.pop(ENV_DIR, None)
    else:
        os.environ[ENV_DIR] = before


@pytest.fixture(scope="session")
def extractor(session_cache: str) -> Extractor:
    return Extractor()
