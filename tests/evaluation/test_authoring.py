"""Tests of the ``.gold.txt`` compiler.

Groups: the shared seed annotations reproduce ``seeds.jsonl``; the checked-in
fixtures match their sources (drift test); small sources show each rule of the
format; broken sources raise errors naming the file, the line and the ref.
"""
from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
try:
    from diplo_extract.evaluation import authoring
except ModuleNotFoundError:  # a source checkout that is not installed
    sys.path.insert(0, str(ROOT / "src"))
    from diplo_extract.evaluation import authoring

SEEDS = ROOT.parent / "shared" / "gold"  # ../shared, from the repository root
FIXTURES = ROOT / "tests" / "fixtures"
HEAD = "# id: t\n# lang: ru\n"


def _events(*refs: str) -> str:
    mentions = json.dumps(list(refs))
    return f'[{{"type": "meeting", "status": "occurred", "mentions": {mentions}}}]'


def _source(text: str, events: str = "[]", head: str = HEAD) -> str:
    return f"{head}=== text\n{text}\n=== events\n{events}\n"


# ------------------------------------------------------------------ seeds and fixtures


def _seed_lines() -> dict[str, dict]:
    path = SEEDS / "seeds.jsonl"
    if not path.exists():
        return {}
    docs = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    return {doc["id"]: doc for doc in docs}


SEED_SOURCES = sorted((SEEDS / "src").glob("*.gold.txt")) if SEEDS.exists() else []
FIXTURE_SOURCES = sorted(FIXTURES.glob("*/src/*.gold.txt"))  # dev/ and heldout/


@pytest.mark.skipif(not SEED_SOURCES, reason="shared gold seeds not available")
@pytest.mark.parametrize("path", SEED_SOURCES, ids=lambda p: p.name)
def test_seed_reproduces_seeds_jsonl(path: Path) -> None:
    doc = authoring.compile_file(path)
    assert doc == _seed_lines()[doc["id"]]


@pytest.mark.parametrize("path", FIXTURE_SOURCES, ids=lambda p: p.name)
def test_fixture_json_matches_its_source(path: Path) -> None:
    doc = authoring.compile_file(path)
    written = (path.parent.parent / f"{doc['id']}.json").read_text(encoding="utf-8")
    assert written == authoring.dump_document(doc)


@pytest.mark.parametrize("path", FIXTURE_SOURCES, ids=lambda p: p.name)
def test_fixture_has_a_note_and_exact_spans(path: Path) -> None:
    doc = authoring.compile_file(path)
    assert doc.get("note")
    for span in _all_spans(doc["events"]):
        assert doc["text"][span["start"]:span["end"]] == span["text"]


def _all_spans(value: object) -> list[dict]:
    if isinstance(value, list):
        return [span for item in value for span in _all_spans(item)]
    if not isinstance(value, dict):
        return []
    if set(value) == {"start", "end", "text"}:
        return [value]
    return [span for item in value.values() for span in _all_spans(item)]


# ------------------------------------------------------------------------- the format

FORMAT_CASES = [
    # (what, source, field, expected)
    ("markup removed", _source("a [[b|x]] c"), "text", "a b c"),
    ("nested markup", _source("[[x [[y|i]] z|o]]"), "text", "x y z"),
    ("leading space kept", _source(" date x"), "text", " date x"),
    ("inner blank lines kept", _source("a\n\nb"), "text", "a\n\nb"),
    ("trailing blank line kept", _source("a\n"), "text", "a\n"),
    ("bar outside markup kept", _source("a | b"), "text", "a | b"),
    ("none header", _source("x", head=HEAD + "# published: none\n"), "published", None),
    ("empty header", _source("x", head=HEAD + "# published:\n"), "published", None),
    ("extra header", _source("x", head=HEAD + "# note: tests x\n"), "note", "tests x"),
    ("crlf line ends", _source("a\nb").replace("\n", "\r\n"), "text", "a\nb"),
]


@pytest.mark.parametrize("what, source, field, expected", FORMAT_CASES,
                         ids=[case[0] for case in FORMAT_CASES])
def test_format(what: str, source: str, field: str, expected: object) -> None:
    assert authoring.compile_gold_txt(source)[field] == expected


def test_refs_become_spans_in_order() -> None:
    events = '[{"date": {"value": "2020", "refs": ["b", "a"]}, "mentions": ["a"]}]'
    doc = authoring.compile_gold_txt(_source("[[x|a]] [[yz|b]]", events))
    assert doc["events"][0] == {
        "date": {"value": "2020", "spans": [{"start": 2, "end": 4, "text": "yz"},
                                            {"start": 0, "end": 1, "text": "x"}]},
        "mentions": [{"start": 0, "end": 1, "text": "x"}],
    }


def test_field_order() -> None:
    head = "# note: n\n# id: t\n# extra: e\n# lang: ru\n"
    doc = authoring.compile_gold_txt(_source("x", head=head))
    assert list(doc) == ["id", "lang", "note", "extra", "text", "events"]


def test_main_writes_one_file_per_source(tmp_path: Path) -> None:
    (tmp_path / "a.gold.txt").write_text(_source("[[met|t]]", _events("t")), encoding="utf-8")
    assert authoring.main([str(tmp_path), str(tmp_path / "out")]) == 0
    written = json.loads((tmp_path / "out" / "t.json").read_text(encoding="utf-8"))
    assert written["events"][0]["mentions"] == [{"start": 0, "end": 3, "text": "met"}]


# ------------------------------------------------------------------------------ errors

ERROR_CASES = [
    # (what, source, line, ref, message part)
    ("unknown ref", _source("[[a|x]]", _events("x", "y")), 6, "y", "unknown ref"),
    ("unclosed opening", _source("ok\n[[a"), 5, None, "never closed"),
    ("closing without opening", _source("a|x]]"), 4, "x", "without '[['"),
    ("closing without ref", _source("[[a]]"), 4, None, "without '|ref'"),
    ("duplicate ref", _source("[[a|x]]\n[[b|x]]"), 5, "x", "duplicate ref"),
    ("bad json", _source("a", "[\n{,}\n]"), 7, None, "bad JSON"),
    ("events not a list", _source("a", "{}"), 6, None, "JSON list"),
    ("missing header", _source("a", head="# lang: ru\n"), None, None, "missing header"),
    ("bad header line", _source("a", head=HEAD + "id = t\n"), 3, None, "expected '# key"),
    ("duplicate header", _source("a", head=HEAD + "# id: u\n"), 3, None, "duplicate"),
    ("no events section", HEAD + "=== text\na\n", None, None, "=== events"),
    ("refs not a list", _source("[[a|x]]", '[{"date": {"refs": "x"}}]'), 6, None, "list"),
]


@pytest.mark.parametrize("what, source, line, ref, message", ERROR_CASES,
                         ids=[case[0] for case in ERROR_CASES])
def test_errors(what: str, source: str, line: int | None, ref: str | None,
                message: str) -> None:
    with pytest.raises(ValueError, match=re.escape(message)) as caught:
        authoring.compile_gold_txt(source, name="f.gold.txt")
    error = caught.value
    assert (error.name, error.line, error.ref) == ("f.gold.txt", line, ref)
    assert str(error).startswith("f.gold.txt" + ("" if line is None else f":{line}"))


def test_duplicate_ids_across_files(tmp_path: Path) -> None:
    for name in ("a", "b"):
        (tmp_path / f"{name}.gold.txt").write_text(_source("x"), encoding="utf-8")
    with pytest.raises(ValueError, match="duplicate document id"):
        authoring.compile_dir(tmp_path)
    assert authoring.main([str(tmp_path), str(tmp_path / "out")]) == 1
