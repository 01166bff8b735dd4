"""The disk cache (disk_cache.py): hit, miss, corrupt and unwritable folders, keys
that change with the models, and the regex programs it keeps (regex_programs.py)."""
from __future__ import annotations

import logging
import os
import pickle
import re
import shutil
from pathlib import Path

import pytest

from diplo_extract import Extractor
from diplo_extract.dates import DatesExtractor
from diplo_extract.disk_cache import DiskCache, cache_for, models_key
from diplo_extract.errors import InputError
from diplo_extract.regex_programs import RegexPrograms, from_program
from diplo_extract.resources import models_dir

from paths import ROOT

KEY = ("0.1.0", "models-hash", "files-hash")


class Builds:
    """A build function that counts its calls."""

    def __init__(self, value: object) -> None:
        self.value, self.calls = value, 0

    def __call__(self) -> object:
        self.calls += 1
        return self.value


def _prefill(folder: Path, content: bytes | None) -> None:
    """Put ``content`` where the entry ``numbers`` of KEY lives (None: leave it empty)."""
    if content is not None:
        path = folder / f"numbers-{DiskCache(folder).key(KEY)}.pickle"
        path.write_bytes(content)


@pytest.mark.parametrize(("case", "content", "builds", "warning"), [
    ("miss: empty folder", None, 1, None),
    ("hit: the value kept", pickle.dumps([7, 8]), 0, None),
    ("corrupt: garbage bytes", b"not a pickle at all", 1, "E130"),
    ("corrupt: truncated pickle", pickle.dumps(list(range(100)))[:20], 1, "E130"),
    ("corrupt: empty file", b"", 1, "E130"),
])
def test_read(tmp_path: Path, caplog: pytest.LogCaptureFixture, case: str, content: bytes | None, builds: int, warning: str | None) -> None:
    _prefill(tmp_path, content)
    build = Builds([7, 8])
    with caplog.at_level(logging.WARNING, logger="diplo_extract.disk_cache"):
        assert DiskCache(tmp_path).get("numbers", KEY, build) == [7, 8], case
    assert build.calls == builds
    assert [r.getMessage()[:4] for r in caplog.records] == ([warning] if warning else [])
    assert DiskCache(tmp_path).get("numbers", KEY, Builds(None)) == [7, 8]  # written (again): the next run hits


def _not_a_folder(tmp_path: Path) -> Path:
    (tmp_path / "file").write_text("x", encoding="utf-8")
    return tmp_path / "file" / "cache"


def _read_only(tmp_path: Path) -> Path:
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o500)
    return folder


@pytest.mark.parametrize("make_folder", [
    _not_a_folder,
    pytest.param(_read_only, marks=pytest.mark.skipif(os.geteuid() == 0, reason="root writes into a read-only folder")),
])
def test_unwritable_folder_builds_in_memory(tmp_path: Path, caplog: pytest.LogCaptureFixture, make_folder) -> None:  # noqa: ANN001
    folder = make_folder(tmp_path)
    build = Builds({"a": 1})
    with caplog.at_level(logging.WARNING, logger="diplo_extract.disk_cache"):
        cache = DiskCache(folder)
        assert cache.get("numbers", KEY, build) == {"a": 1}
        assert cache.get("letters", KEY, build) == {"a": 1}  # the same cache warns once
        assert DiskCache(folder).get("numbers", KEY, build) == {"a": 1}
    assert build.calls == 3
    assert [r.getMessage()[:4] for r in caplog.records] == ["E131", "E131"]
    folder.parent.chmod(0o700)


@pytest.mark.parametrize(("other", "hits"), [
    (KEY, True),
    (("0.2.0", *KEY[1:]), False),  # another package version
    ((KEY[0], "other-models", KEY[2]), False),  # other models
    ((*KEY[:2], "other-files"), False),  # other user actor files
])
def test_key_parts(tmp_path: Path, other: tuple[str, ...], hits: bool) -> None:
    DiskCache(tmp_path).get("numbers", KEY, Builds(1))
    build = Builds(2)
    assert DiskCache(tmp_path).get("numbers", other, build) == (1 if hits else 2)
    assert len(list(tmp_path.glob("numbers-*.pickle"))) == 1  # bounded: the older key's file is gone


@pytest.mark.parametrize("change", ["edit", "add", "none"])
def test_models_key_follows_the_models_folder(tmp_path: Path, change: str) -> None:
    root = tmp_path / "models"
    shutil.copytree(models_dir(), root)
    before = models_key(root)
    if change == "edit":
        path = root / "language.yaml"
        path.write_text(path.read_text(encoding="utf-8") + "\n# changed\n", encoding="utf-8")
    elif change == "add":
        (root / "actors" / "extra.yaml").write_text("persons: []\n", encoding="utf-8")
    assert (models_key(root) == before) == (change == "none")


@pytest.mark.parametrize(("setting", "folder"), [(False, None), ("{tmp}", "{tmp}")])
def test_cache_setting(tmp_path: Path, setting: object, folder: object) -> None:
    fill = (lambda v: Path(str(v).format(tmp=tmp_path)) if isinstance(v, str) else v)
    assert cache_for(fill(setting) if isinstance(setting, str) else setting).folder == fill(folder)


@pytest.mark.parametrize("setting", [None, 3, ["a"]])
def test_bad_cache_setting_is_E133(setting: object) -> None:
    with pytest.raises(InputError, match="^E133"):
        Extractor(cache=setting)


def test_no_cache_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DIPLO_EXTRACT_NO_CACHE", "1")
    assert cache_for(True).folder is None


TEXTS = [
    ("ru", "МИНСК, 26 ноября /ТАСС/. Лавров и Макей провели переговоры 25-26 ноября 2020 года, в среду."),
    ("en", "MOSCOW, Nov 25 (Reuters) - Lavrov met Wang Yi on Tuesday, Nov. 24, and will visit China in March 2021."),
    ("ru", "В прошлом месяце, 3.10.2020, и на следующей неделе: визит с 1 по 5 декабря."),
]


@pytest.mark.parametrize(("lang", "text"), TEXTS)
def test_dates_from_kept_programs_match_compiled_ones(tmp_path: Path, lang: str, text: str) -> None:
    cache = DiskCache(tmp_path)

    def programs(code: str, build):  # noqa: ANN001, ANN202
        return cache.get(f"dates-{code}", ("test", code), build)

    plain = DatesExtractor.from_models().find(text, lang)
    first = DatesExtractor.from_models(programs=programs).find(text, lang)  # records and writes
    again = DatesExtractor.from_models(programs=programs).find(text, lang)  # rebuilds from the file
    assert plain and plain == first == again
    assert len(list(tmp_path.glob(f"dates-{lang}-*.pickle"))) == 1


@pytest.mark.parametrize(("pattern", "program", "text", "found"), [
    (r"(\d+) ноября", "kept", "26 ноября", "26"),
    (r"(\d+) ноября", (0, [1, 2, 3], 0, {}, ()), "26 ноября", "26"),  # a garbled program: compiled again
    (r"(\d+) ноября", None, "26 ноября", "26"),
    (r"(\d+) ноября", "kept", "26 декабря", None),
])
def test_regex_programs(pattern: str, program: object, text: str, found: str | None) -> None:
    kept = RegexPrograms()
    kept.record(pattern)
    compiled = (kept.compile(pattern) if program == "kept" else RegexPrograms().compile(pattern) if program is None
                else from_program(pattern, program))
    assert isinstance(compiled, re.Pattern) and compiled.pattern == pattern
    match = compiled.match(text)
    assert (match and match.group(1)) == found


def test_cached_and_uncached_extractors_agree(tmp_path: Path, extractor: Extractor) -> None:
    text = (ROOT / "examples" / "ria-lavrov-visit-ru.txt").read_text(encoding="utf-8")
    cached = extractor.extract(text, "2025-04-30").model_dump_json()
    assert cached == Extractor(cache=False).extract(text, "2025-04-30").model_dump_json()
    assert {p.name.split("-")[0] for p in Path(os.environ["DIPLO_EXTRACT_CACHE_DIR"]).glob("*.pickle")} >= {"kb", "gazetteer", "dates"}
