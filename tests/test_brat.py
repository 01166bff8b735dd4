"""brat standoff round trip (``diplo_extract.labelstudio.brat``, ``export-brat``, ``import-brat``).

Groups: gold -> .ann -> gold on every fixture (dev and held-out; held-out gold is
read here only as a format sample); a hand-written .ann; broken annotations, each
named by document and annotation and not written; the command line."""
from __future__ import annotations

import json

import pytest
from paths import DEV, HELDOUT

from diplo_extract import cli
from diplo_extract.evaluation.authoring import dump_document
from diplo_extract.labelstudio.brat import from_ann, to_ann

GOLD_FILES = sorted(DEV.glob("*.json")) + sorted(HELDOUT.glob("*.json"))


def _meta(doc: dict) -> dict:
    return {k: v for k, v in doc.items() if k not in ("text", "events")}


@pytest.mark.parametrize("path", GOLD_FILES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_gold_to_ann_to_gold_is_lossless(path) -> None:
    gold = json.loads(path.read_text(encoding="utf-8"))
    doc, problems = from_ann(_meta(gold), gold["text"], to_ann(gold))
    assert problems == []
    assert dump_document(doc) == path.read_text(encoding="utf-8")


TEXT = "Лавров и Макей провели переговоры в Минске.\nОни подписали план консультаций на 2021 год."
META = {"id": "minsk", "lang": "ru", "published": "2020-11-26"}
ANN = """T1\tmeeting 23 33\tпереговоры
T2\tPerson 0 6\tЛавров
T3\tPerson 9 14\tМакей
T4\tLocation 36 42\tМинске
T5\tsigning 48 57\tподписали
T6\tDocument 58 87\tплан консультаций на 2021 год
E1\tmeeting:T1 Person:T2 Person2:T3 Location:T4
A1\tStatus E1 occurred
E2\tsigning:T5 Document:T6 Person:T2 Person2:T3
A2\tStatus E2 occurred
A3\tKind T6 plan
#1\tAnnotatorNotes T2\tСергей Лавров
#2\tAnnotatorNotes T3\tВладимир Макей
#3\tAnnotatorNotes T4\tМинск
#4\tAnnotatorNotes T6\tплан консультаций на 2021 год
#5\tPeriod T6\t2021
#6\tAnnotatorNotes E2\tparty 1: RUS
#7\tAnnotatorNotes E2\tparty 2: BLR
"""


def test_a_hand_written_ann_becomes_gold() -> None:
    doc, problems = from_ann(META, TEXT, ANN)
    assert problems == []
    meeting, signing = doc["events"]
    assert [p["name"] for p in meeting["persons"]] == ["Сергей Лавров", "Владимир Макей"]
    assert meeting["location"] == {"name": "Минск", "spans": [{"start": 36, "end": 42, "text": "Минске"}]}
    assert signing["document"]["period"] == {"start": 2021, "end": 2021} and signing["document"]["kind"] == "plan"
    assert signing["parties"] == [{"code": "RUS", "spans": []}, {"code": "BLR", "spans": []}]


@pytest.mark.parametrize("old, new, message", [
    ("E1\tmeeting:T1 Person:T2 Person2:T3 Location:T4", "E1\tmeeting:T1 Person:T2 Person2:T3",
     "E073 brat document minsk annotation T4: an argument (Location 'Минске') with no trigger"),
    ("E2\tsigning:T5 Document:T6 Person:T2 Person2:T3", "E2\tsigning:T5 Person:T2 Person2:T3",
     "E073 brat document minsk annotation E2: a signing with no document"),
    ("T4\tLocation 36 42\tМинске", "T4\tLocation 36 420\tМинске",
     "E073 brat document minsk annotation T4: span 36-420 out of range (the text has 88 characters)"),
    ("T4\tLocation 36 42\tМинске", "T4\tLocation 35 42\tМинске", "E073 brat document minsk annotation T4: span 35-42 reads ' Минске', not 'Минске'"),
    ("A1\tStatus E1 occurred\n", "", "E073 brat document minsk annotation E1: not an event with a known trigger, type and status"),
    ("E1\tmeeting:T1 Person:T2", "E1\tmeeting:T1 Speaker:T2", "E073 brat document minsk annotation E1: argument Speaker:T2 is not a known role"),
    ("A2\tStatus E2 occurred", "R1\tRelated Arg1:T2 Arg2:T3", "E073 brat document minsk annotation line 10: an annotation this format does not use"),
    ("E1\tmeeting:T1", "E1\tphone_call:T1", "E073 brat document minsk annotation -: events[0]: a phone_call has no location"),
])
def test_a_broken_ann_is_named_with_its_annotation_and_not_written(old, new, message) -> None:
    assert old in ANN
    doc, problems = from_ann(META, TEXT, ANN.replace(old, new))
    assert doc is None
    assert any(str(p).startswith(message) for p in problems), [str(p) for p in problems]
    assert not any("not a known role" in str(p) for p in problems) or "Speaker" in message, "a broken entity is named once"


def test_export_brat_and_import_brat_round_trip_a_folder(tmp_path, capsys) -> None:
    assert cli.main(["export-brat", str(DEV), "-o", str(tmp_path / "brat")]) == 0
    assert (tmp_path / "brat" / "annotation.conf").is_file()
    assert cli.main(["import-brat", str(tmp_path / "brat"), "-o", str(tmp_path / "gold.jsonl")]) == 0
    back = {d["id"]: d for d in map(json.loads, (tmp_path / "gold.jsonl").read_text(encoding="utf-8").splitlines())}
    gold = {d["id"]: d for d in (json.loads(p.read_text(encoding="utf-8")) for p in sorted(DEV.glob("*.json")))}
    assert back == gold


def test_import_brat_without_metadata_names_the_broken_file_and_writes_the_rest(tmp_path, capsys) -> None:
    (tmp_path / "good.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "good.ann").write_text(ANN, encoding="utf-8")
    (tmp_path / "bad.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "bad.ann").write_text(ANN.replace("Document:T6 ", ""), encoding="utf-8")
    assert cli.main(["import-brat", str(tmp_path), "-o", str(tmp_path / "gold.jsonl")]) == 3
    (doc,) = map(json.loads, (tmp_path / "gold.jsonl").read_text(encoding="utf-8").splitlines())
    assert (doc["id"], doc["lang"], doc["published"]) == ("good", "ru", None)
    err = capsys.readouterr().err
    assert "E073 brat document bad annotation E2: a signing with no document" in err and "1 of 2 documents written" in err


@pytest.mark.parametrize("command", [["import-brat", "missing-folder"], ["export-brat", "missing.jsonl", "-o", "out"]])
def test_missing_inputs_are_one_line_errors(tmp_path, capsys, command) -> None:
    command = [command[0], str(tmp_path / command[1]), *command[2:]]
    assert cli.main(command) == 2
    assert capsys.readouterr().err.startswith("diplo-extract: error: E030 ")
