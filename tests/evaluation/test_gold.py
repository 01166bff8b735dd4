"""Tests of ``diplo_extract.evaluation.gold``: reading gold files and validating them.

Groups: what loads (file kinds, folders, every valid date form, extra fields);
what is rejected (one table row per rule, each naming the record and field);
how problems are collected and located (lines, list indexes, duplicates).
"""
from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any, Callable

import pytest

from diplo_extract.evaluation import GoldError, load_gold
from diplo_extract.evaluation.gold import validate_gold

SEEDS = Path(__file__).resolve().parents[3] / "shared" / "gold" / "seeds.jsonl"  # ../shared from the repository root
TEXT = "26 ноября в Минске Сергей Лавров и Владимир Макей подписали план консультаций на 2021 год."


def _span(fragment: str) -> dict[str, Any]:
    start = TEXT.index(fragment)
    return {"start": start, "end": start + len(fragment), "text": fragment}


def _doc(doc_id: str = "fx-1") -> dict[str, Any]:
    """A small valid gold document with one signing event."""
    signing = {
        "type": "signing", "status": "occurred", "mentions": [_span("подписали")],
        "date": {"value": "2020-11-26", "spans": [_span("26 ноября")]},
        "location": {"name": "Минск", "spans": [_span("Минске")]},
        "persons": [{"name": "Сергей Лавров", "spans": [_span("Сергей Лавров")]}],
        "parties": [{"code": "RUS", "spans": []}, {"code": "BLR", "spans": []}],
        "document": {"kind": "plan", "title": "план консультаций на 2021 год",
                     "period": {"start": 2021, "end": 2021},
                     "spans": [_span("план консультаций на 2021 год")]},
    }
    return {"id": doc_id, "lang": "ru", "published": "2020-11-26", "text": TEXT, "events": [signing]}


def _write_jsonl(path: Path, docs: list[Any]) -> Path:
    path.write_text("".join(json.dumps(d, ensure_ascii=False) + "\n" for d in docs), encoding="utf-8")
    return path


def _set(path: str, value: Any) -> Callable[[dict[str, Any]], None]:
    """A mutation setting a dotted path (integers index lists) to ``value``."""
    *parents, last = [int(k) if k.isdigit() else k for k in path.split(".")]

    def mutate(doc: dict[str, Any]) -> None:
        target: Any = doc
        for key in parents:
            target = target[key]
        target[last] = value
    return mutate


def _delete(path: str) -> Callable[[dict[str, Any]], None]:
    *parents, last = [int(k) if k.isdigit() else k for k in path.split(".")]

    def mutate(doc: dict[str, Any]) -> None:
        target: Any = doc
        for key in parents:
            target = target[key]
        del target[last]
    return mutate


# ---------------------------------------------------------------- what loads


def test_seeds_load() -> None:
    docs = load_gold(SEEDS)
    assert len(docs) == 5 and all(d["events"] for d in docs)


def test_seed_folder_loads_its_own_files_only() -> None:
    """The shared gold folder holds seeds.jsonl and a src/ subfolder, which is ignored."""
    assert [d["id"] for d in load_gold(SEEDS.parent)] == [d["id"] for d in load_gold(SEEDS)]


def test_json_object_and_list(tmp_path: Path) -> None:
    one = tmp_path / "one.json"
    one.write_text(json.dumps(_doc("a"), ensure_ascii=False), encoding="utf-8")
    many = tmp_path / "many.json"
    many.write_text(json.dumps([_doc("b"), _doc("c")], ensure_ascii=False), encoding="utf-8")
    assert [d["id"] for d in load_gold(one)] == ["a"]
    assert [d["id"] for d in load_gold(many)] == ["b", "c"]


def test_folder_sorted_by_name_without_subfolders(tmp_path: Path) -> None:
    _write_jsonl(tmp_path / "b.jsonl", [_doc("b1"), _doc("b2")])
    (tmp_path / "a.json").write_text(json.dumps(_doc("a")), encoding="utf-8")
    (tmp_path / "notes.txt").write_text("not gold", encoding="utf-8")
    (tmp_path / "src").mkdir()
    _write_jsonl(tmp_path / "src" / "ignored.jsonl", [{"broken": True}])
    assert [d["id"] for d in load_gold(tmp_path)] == ["a", "b1", "b2"]


@pytest.mark.parametrize("value", [
    "2020-11-26", "2021-11", "2025", "XXXX-10-30", "XXXX-09", "XXXX", "XXXX-02-29",
    "2022-11-27/2022-11-28", "2020-06-18/2020-06-19", "2024-02-29",
])
def test_valid_date_values(value: str) -> None:
    doc = _doc()
    doc["events"][0]["date"]["value"] = value
    validate_gold([doc])


@pytest.mark.parametrize("mutate", [
    _set("events.0.confidence", 0.9),
    _set("events.0.persons.0.role", "министр"),
    _set("entities", [{**_span("Минске"), "kind": "LOC"}]),
    _set("events.0.date", None),
    _set("events.0.document.period", None),
    _set("published", None),
    _set("events.0.parties.0.code", "CSTO"),
    _set("events.0.parties.1.code", "AU"),
    _set("events", []),
], ids=["extra-event-field", "extra-person-field", "extra-entities", "null-date",
        "null-period", "null-published", "org-code", "two-letter-org-code", "no-events"])
def test_valid_variants(mutate: Callable[[dict[str, Any]], None]) -> None:
    doc = _doc()
    mutate(doc)
    validate_gold([doc])


# ---------------------------------------------------------------- what is rejected

REJECTED = [
    ("date-not-iso", _set("events.0.date.value", "abc"), "events[0].date.value: 'abc' is not an ISO date"),
    ("date-bad-day", _set("events.0.date.value", "2021-02-29"), "events[0].date.value: '2021-02-29'"),
    ("date-bad-month", _set("events.0.date.value", "2021-13"), "month 13"),
    ("date-range-backwards", _set("events.0.date.value", "2022-11-28/2022-11-27"), "range ends before it starts"),
    ("date-lower-x", _set("events.0.date.value", "xxxx-10-30"), "events[0].date.value"),
    ("type", _set("events.0.type", "meet"), "events[0].type: Input should be"),
    ("status", _set("events.0.status", "happened"), "events[0].status"),
    ("party-code", _set("events.0.parties.0.code", "Russia"), "events[0].parties[0].code: 'Russia'"),
    ("duplicate-party", _set("events.0.parties.1.code", "RUS"), "duplicate party codes"),
    ("document-kind", _set("events.0.document.kind", "contract"), "events[0].document.kind"),
    ("period-order", _set("events.0.document.period", {"start": 2023, "end": 2022}),
     "events[0].document.period: period start 2023 is after end 2022"),
    ("period-type", _set("events.0.document.period.start", "2021"), "events[0].document.period.start"),
    ("lang", _set("lang", "de"), "lang: Input should be 'ru' or 'en'"),
    ("published", _set("published", "yesterday"), "published: 'yesterday' is not an ISO date"),
    ("missing-persons", _delete("events.0.persons"), "events[0].persons: Field required"),
    ("missing-id", _delete("id"), "id: Field required"),
    ("no-mentions", _set("events.0.mentions", []), "events[0].mentions"),
    ("blank-person", _set("events.0.persons.0.name", " "), "events[0].persons[0].name: must not be blank"),
    ("document-on-meeting", _set("events.0.type", "meeting"), "a meeting event has no document"),
    ("span-text", _set("events.0.mentions.0.text", "подписал"),
     "events[0].mentions[0]: text[50:59] is 'подписали', not 'подписал'"),
    ("span-outside", _set("events.0.date.spans.0.end", 999), "events[0].date.spans[0]: offsets 0..999"),
    ("span-start-type", _set("events.0.location.spans.0.start", "11"), "events[0].location.spans[0].start"),
    ("span-in-extra-field", _set("entities", [{"start": 0, "end": 2, "text": "xx"}]), "entities[0]: text[0:2]"),
]


@pytest.mark.parametrize(("mutate", "expected"), [r[1:] for r in REJECTED], ids=[r[0] for r in REJECTED])
def test_rejected(tmp_path: Path, mutate: Callable[[dict[str, Any]], None], expected: str) -> None:
    doc = _doc()
    mutate(doc)
    path = _write_jsonl(tmp_path / "x.jsonl", [doc])
    with pytest.raises(GoldError) as caught:
        load_gold(path)
    message = str(caught.value)
    assert expected in message
    label = f"{path}:1 (id=fx-1): " if "id" in doc else f"{path}:1: "
    assert message.startswith(label), message


# ---------------------------------------------------------------- collection and location


def test_all_problems_collected_with_lines(tmp_path: Path) -> None:
    first, second = _doc("fx-1"), _doc("fx-2")
    first["events"][0]["date"]["value"] = "abc"
    second["events"][0]["status"] = "done"
    second["lang"] = "fr"
    path = tmp_path / "x.jsonl"
    lines = [json.dumps(_doc("ok"), ensure_ascii=False), "", json.dumps(first, ensure_ascii=False),
             json.dumps(second, ensure_ascii=False), "{not json"]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(GoldError) as caught:
        load_gold(path)
    problems = caught.value.problems
    assert len(problems) == 4
    assert any(p.startswith(f"{path}:3 (id=fx-1): events[0].date.value: 'abc' is not an ISO date")
               for p in problems)
    assert any(p.startswith(f"{path}:4 (id=fx-2): lang") for p in problems)
    assert any(p.startswith(f"{path}:4 (id=fx-2): events[0].status") for p in problems)
    assert any(p.startswith(f"{path}:5: invalid JSON") for p in problems)
    assert str(caught.value).startswith("4 problems in gold data:")


def test_json_list_records_named_by_index(tmp_path: Path) -> None:
    bad = _doc("fx-9")
    bad["events"][0]["type"] = "party"
    path = tmp_path / "x.json"
    path.write_text(json.dumps([_doc("ok"), bad, 7]), encoding="utf-8")
    with pytest.raises(GoldError) as caught:
        load_gold(path)
    assert caught.value.problems == [
        f"{path}[1] (id=fx-9): events[0].type: Input should be 'meeting', 'phone_call', 'visit', "
        "'signing' or 'adoption' (got 'party')",
        f"{path}[2]: a document must be a JSON object, not int",
    ]


def test_duplicate_ids_across_files(tmp_path: Path) -> None:
    _write_jsonl(tmp_path / "a.jsonl", [_doc("same")])
    _write_jsonl(tmp_path / "b.jsonl", [_doc("other"), _doc("same")])
    with pytest.raises(GoldError, match=r"b\.jsonl:2 \(id=same\): id: duplicate id, first used at .*a\.jsonl:1"):
        load_gold(tmp_path)


def test_gold_error_is_value_error() -> None:
    assert issubclass(GoldError, ValueError)


@pytest.mark.parametrize(("name", "error"), [("missing.jsonl", FileNotFoundError), ("gold.txt", GoldError)])
def test_unusable_paths(tmp_path: Path, name: str, error: type[Exception]) -> None:
    if name.endswith(".txt"):
        (tmp_path / name).write_text("x", encoding="utf-8")
    with pytest.raises(error):
        load_gold(tmp_path / name)


def test_empty_folder(tmp_path: Path) -> None:
    with pytest.raises(GoldError, match="no .json or .jsonl files"):
        load_gold(tmp_path)


def test_validation_does_not_change_documents() -> None:
    doc = _doc()
    before = copy.deepcopy(doc)
    assert validate_gold([doc]) == [before]
