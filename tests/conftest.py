"""Shared fixtures: one Extractor for the whole session (models load once)."""
import pytest

from diplo_extract import Extractor


@pytest.fixture(scope="session")
def extractor() -> Extractor:
    return Extractor()
