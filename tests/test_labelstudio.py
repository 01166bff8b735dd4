"""Label Studio round trip (``diplo_extract.labelstudio``, ``export-ls``, ``import-ls``).

Groups: the lossless round trip gold -> tasks -> export -> gold on every fixture
(dev and held-out; held-out gold is read here only as a format sample); a
hand-annotated export shaped like Label Studio's (random region ids, relations
drawn either way, no ``text`` in region values); broken tasks, each named by task
and region and not written; the labeling config against what the tasks use;
UTF-16 offsets; the command line."""
from __future__ import annotations

import copy
import json
import xml.etree.ElementTree as ET

import pytest
from paths import DEV, HELDOUT, ROOT

from diplo_extract import __version__, cli
from diplo_extract.evaluation.authoring import dump_document
from diplo_extract.labelstudio import read_export, to_task
from diplo_extract.schema import DOCUMENT_KINDS, EVENT_TYPES, STATUSES

CONFIG = ROOT / "models" / "labelstudio" / "config.xml"
GOLD_FILES = sorted(DEV.glob("*.json")) + sorted(HELDOUT.glob("*.json"))


def ls_export(tasks: list[dict], *, drop_text: bool = False) -> list[dict]:
    """What Label Studio's JSON export gives for imported tasks whose predictions an
    annotator accepted: task and annotation ids, bookkeeping fields, data keys in
    the database's (jsonb) order, regions marked by origin, optionally without
    ``value.text`` (manual regions have none)."""
    exported = []
    for n, task in enumerate(json.loads(json.dumps(tasks)), 1):
        result = task["predictions"][0]["result"]
        for item in result:
            if "value" in item:
                item["origin"] = "prediction"
                if drop_text and item["type"] != "textarea":  # a textarea's "text" is its content
                    item["value"].pop("text", None)
        data = dict(sorted(task["data"].items(), key=lambda kv: (len(kv[0]), kv[0])))
        exported.append({
            "id": n, "data": data, "meta": {}, "created_at": "2026-12-02T10:00:00Z", "updated_at": "2026-12-02T10:05:00Z",
            "annotations": [{"id": 100 + n, "completed_by": 1, "result": result, "was_cancelled": False, "ground_truth": False,
                             "created_at": "2026-12-02T10:05:00Z", "lead_time": 12.5, "task": n, "project": 1, "prediction": {}}],
            "predictions": task["predictions"], "drafts": [], "file_upload": None, "inner_id": n, "total_annotations": 1,
        })
    return exported


# ------------------------------------------------------------------ round trip


@pytest.mark.parametrize("path", GOLD_FILES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_gold_to_tasks_to_export_to_gold_is_lossless(path) -> None:
    gold = json.loads(path.read_text(encoding="utf-8"))
    task = to_task(gold, model_version=__version__)
    docs, problems = read_export(ls_export([task], drop_text=path.stem < "fx-m"))
    assert problems == []
    assert docs == [gold]
    assert dump_document(docs[0]) == path.read_text(encoding="utf-8"), "the same bytes, fields in the same order"


# ------------------------------------------------------------------ a hand-annotated export

TEXT = ("МИНСК, 26 ноября /ТАСС/. Сергей Лавров и Владимир Макей провели переговоры. "
        "Стороны подписали план консультаций на 2021 год. Переговоры прошли в Минске.")


def _where(fragment: str, nth: int = 0) -> dict:
    start = -1
    for _ in range(nth + 1):
        start = TEXT.index(fragment, start + 1)
    return {"start": start, "end": start + len(fragment)}


def _region(rid: str, label: str, fragment: str, nth: int = 0, **controls) -> list[dict]:
    """A region as Label Studio exports a manual one: its labels and per-region controls, no text."""
    where = _where(fragment, nth)
    items = [{"id": rid, "from_name": "label", "to_name": "text", "type": "labels", "origin": "manual", "value": {**where, "labels": [label]}}]
    for name, value in controls.items():
        kind, key = ("choices", "choices") if name in ("type", "status", "kind") else ("textarea", "text")
        items.append({"id": rid, "from_name": name, "to_name": "text", "type": kind, "origin": "manual", "value": {**where, key: [value]}})
    return items


def _rel(a: str, b: str) -> dict:
    return {"from_id": a, "to_id": b, "type": "relation", "direction": "right", "labels": []}


def annotated_task() -> dict:
    result = [
        *_region("Xk2_a", "trigger", "переговоры", type="meeting", status="occurred"),
        *_region("Q9f_b", "trigger", "Переговоры"),  # a further mention
        *_region("Lv_c1", "person", "Сергей Лавров", value="Сергей Лавров"),
        *_region("Mk_d2", "person", "Владимир Макей", value="Владимир Макей"),
        *_region("dt_e3", "date", "26 ноября", value="2020-11-26"),
        *_region("mn_f4", "location", "Минске", value="Минск"),
        *_region("sg_g5", "trigger", "подписали", type="signing", status="occurred", unanchored="party 1: RUS\nparty 2: BLR"),
        *_region("pl_h6", "document", "план консультаций на 2021 год", kind="plan", value="план консультаций на 2021 год", period="2021"),
        _rel("Q9f_b", "Xk2_a"), _rel("Lv_c1", "Xk2_a"), _rel("Xk2_a", "Mk_d2"),  # drawn from the trigger: read the same way
        _rel("dt_e3", "Xk2_a"), _rel("mn_f4", "Xk2_a"),
        _rel("pl_h6", "sg_g5"), _rel("dt_e3", "sg_g5"), _rel("Lv_c1", "sg_g5"), _rel("Mk_d2", "sg_g5"),  # shared regions
    ]
    return {"id": 7, "data": {"text": TEXT, "published": "2020-11-26", "lang": "ru", "id": "minsk"},
            "annotations": [{"id": 1, "result": [], "was_cancelled": True}, {"id": 2, "result": result, "was_cancelled": False}]}


def _span(fragment: str, nth: int = 0) -> dict:
    return {**_where(fragment, nth), "text": fragment}


def test_a_hand_annotated_export_becomes_gold() -> None:
    (doc,), problems = read_export([annotated_task()])
    assert problems == []
    assert list(doc) == ["id", "lang", "published", "text", "events"]
    meeting, signing = doc["events"]
    assert meeting == {
        "type": "meeting", "status": "occurred", "mentions": [_span("переговоры"), _span("Переговоры")],
        "date": {"value": "2020-11-26", "spans": [_span("26 ноября")]}, "location": {"name": "Минск", "spans": [_span("Минске")]},
        "persons": [{"name": "Сергей Лавров", "spans": [_span("Сергей Лавров")]}, {"name": "Владимир Макей", "spans": [_span("Владимир Макей")]}],
        "parties": [], "document": None,
    }
    assert signing["document"] == {"kind": "plan", "title": "план консультаций на 2021 год", "period": {"start": 2021, "end": 2021},
                                   "spans": [_span("план консультаций на 2021 год")]}
    assert signing["parties"] == [{"code": "RUS", "spans": []}, {"code": "BLR", "spans": []}]
    assert [p["name"] for p in signing["persons"]] == ["Сергей Лавров", "Владимир Макей"]


def _drop(rid: str):
    return lambda result: [r for r in result if r.get("id") != rid and rid not in (r.get("from_id"), r.get("to_id"))]


def _unrelate(rid: str):
    return lambda result: [r for r in result if rid not in (r.get("from_id"), r.get("to_id"))]


def _set(rid: str, control: str, key: str, value):  # noqa: ANN001
    def change(result: list[dict]) -> list[dict]:
        for r in result:
            if r.get("id") == rid and r["from_name"] == control:
                r["value"][key] = value
        return result
    return change


def _add(*items: dict):
    return lambda result: result + list(items)


BROKEN = [
    (_unrelate("mn_f4"), "E070 task 7 (minsk) region mn_f4: an argument (location 'Минске') with no trigger"),
    (_drop("pl_h6"), "E070 task 7 (minsk) region sg_g5: a signing with no document"),
    (_set("Lv_c1", "label", "end", 10_000), "E070 task 7 (minsk) region Lv_c1: span 25-10000 out of range (the text has 152 characters)"),
    (_set("Lv_c1", "label", "start", -3), "E070 task 7 (minsk) region Lv_c1: span -3-38 out of range"),
    (_set("Lv_c1", "label", "text", "Сергей Лавровым"), "E070 task 7 (minsk) region Lv_c1: span 25-38 reads 'Сергей Лавров', not 'Сергей Лавровым'"),
    (_set("Xk2_a", "status", "choices", []), "E070 task 7 (minsk) region Xk2_a: a trigger 'переговоры' without status"),
    (_set("Lv_c1", "value", "text", []), "E070 task 7 (minsk) region Lv_c1: a person without its normalized value"),
    (_set("sg_g5", "unanchored", "text", ["RUS"]), "E070 task 7 (minsk) region sg_g5: unanchored line 'RUS' is not 'role [position]: value'"),
    (_set("pl_h6", "period", "text", ["next year"]), "E070 task 7 (minsk) region pl_h6: period 'next year' is not YYYY or YYYY-YYYY"),
    (_add(*_region("d2", "date", "2021 год", value="2021"), _rel("d2", "Xk2_a")),
     "E070 task 7 (minsk) region Xk2_a: more than one date: ['2020-11-26', '2021']"),
    (_add(_rel("Lv_c1", "Mk_d2")), "E070 task 7 (minsk) region Lv_c1: a relation between two arguments (Lv_c1 -> Mk_d2)"),
    (_add(_rel("ghost", "Xk2_a")), "E071 task 7 (minsk): a relation ghost -> Xk2_a to a region that does not exist"),
    (_set("Xk2_a", "type", "choices", ["phone_call"]), "E071 task 7 (minsk): events[0]: a phone_call has no location"),
    (_set("Lv_c1", "label", "labels", ["speaker"]), "E070 task 7 (minsk) region Lv_c1: labels ['speaker'] are not one of trigger"),
]


@pytest.mark.parametrize("change, message", BROKEN, ids=[m.split(": ", 1)[1][:40] for _, m in BROKEN])
def test_a_task_that_breaks_the_guide_is_named_with_its_region_and_not_written(change, message) -> None:
    broken = annotated_task()
    broken["annotations"][1]["result"] = change(copy.deepcopy(broken["annotations"][1]["result"]))
    good = {**annotated_task(), "id": 8, "data": {**annotated_task()["data"], "id": "minsk-2"}}
    docs, problems = read_export([broken, good])
    assert [d["id"] for d in docs] == ["minsk-2"], "the broken task is left out, the good one written"
    assert any(str(p).startswith(message) for p in problems), [str(p) for p in problems]
    assert all(p.task == "7 (minsk)" for p in problems)
    assert not any("does not exist" in str(p) or "without a label" in str(p) for p in problems) or "ghost" in message, \
        "no echo of a region already named"


@pytest.mark.parametrize("task, message", [
    ({"id": 3, "data": {"text": "x", "id": "a"}, "annotations": []}, "E071 task 3 (a): no submitted annotation"),
    ({"id": 4, "data": {"text": "x"}, "annotations": [{"result": [], "was_cancelled": True}]}, "E071 task 4: no submitted annotation"),
    ({"id": 5, "data": {"image": "x.png"}, "annotations": [{"result": []}]}, "E071 task 5: no data.text"),
])
def test_unannotated_or_foreign_tasks_are_named(task, message) -> None:
    docs, problems = read_export([task])
    assert docs == [] and [str(p) for p in problems] == [message]


# ------------------------------------------------------------------ config and offsets


def test_the_labeling_config_declares_every_control_the_tasks_use() -> None:
    root = ET.parse(CONFIG).getroot()
    tags = {el.get("name"): el for el in root.iter() if el.get("name")}
    assert tags["text"].tag == "Text" and tags["label"].tag == "Labels"
    assert {label.get("value") for label in tags["label"]} == {"trigger", "date", "location", "person", "party", "document"}
    choices = {name: [c.get("value") for c in tags[name]] for name in ("type", "status", "kind")}
    assert choices == {"type": list(EVENT_TYPES), "status": list(STATUSES), "kind": list(DOCUMENT_KINDS)}
    tag_of = {"labels": "Labels", "choices": "Choices", "textarea": "TextArea"}
    used = {(r["from_name"], r["type"], r["to_name"]) for p in GOLD_FILES[:40]
            for r in to_task(json.loads(p.read_text(encoding="utf-8")), model_version="x")["predictions"][0]["result"] if "from_name" in r}
    assert {name for name, _, _ in used} == {"label", "type", "status", "kind", "value", "period", "unanchored"}
    for name, kind, to_name in used:
        assert tags[name].tag == tag_of[kind] and tags[name].get("toName") == to_name == "text"
        assert tags[name].tag == "Labels" or tags[name].get("perRegion") == "true"


def test_offsets_are_utf16_code_units_as_in_label_studio() -> None:
    text = "😀 Лавров 🇷🇺 встретился с Ван И."
    start = text.index("встретился")
    gold = {"id": "emoji", "lang": "ru", "published": None, "text": text, "events": [{
        "type": "meeting", "status": "occurred", "mentions": [{"start": start, "end": start + 10, "text": "встретился"}],
        "date": None, "location": None, "persons": [{"name": "Ван И", "spans": [{"start": text.index("Ван"), "end": text.index("Ван") + 5, "text": "Ван И"}]}],
        "parties": [], "document": None}]}
    task = to_task(gold, model_version="x")
    trigger = task["predictions"][0]["result"][0]["value"]
    assert trigger["start"] == len(text[:start].encode("utf-16-le")) // 2 == start + 3
    assert read_export(ls_export([task], drop_text=True)) == ([gold], [])


# ------------------------------------------------------------------ command line


@pytest.fixture
def shared(monkeypatch, extractor):  # noqa: ANN001, ANN201
    monkeypatch.setattr(cli, "_extractor", lambda args: extractor)
    return extractor


def test_export_ls_writes_tasks_with_the_extractors_events_as_predictions(shared, tmp_path, capsys) -> None:
    events = tmp_path / "events.jsonl"
    assert cli.main(["extract", str(ROOT / "examples" / "articles.jsonl"), "-o", str(events), "--no-progress"]) == 0
    assert cli.main(["export-ls", str(events), "-o", str(tmp_path / "tasks.json"), "--config-out", str(tmp_path / "config.xml")]) == 0
    tasks = json.loads((tmp_path / "tasks.json").read_text(encoding="utf-8"))
    results = [json.loads(line) for line in events.read_text(encoding="utf-8").splitlines()]
    lowest = {r["id"]: min((e["confidence"] for e in r["events"]), default=None) for r in results}
    ordered = sorted((r["id"] for r in results), key=lambda i: (lowest[i] is None, lowest[i] or 0.0))
    assert [t["data"]["id"] for t in tasks] == ordered  # most doubtful first (tests/test_confidence.py checks the order itself)
    assert all(t["predictions"][0]["model_version"] == __version__ for t in tasks)
    assert sum(1 for t in tasks for r in t["predictions"][0]["result"] if r.get("from_name") == "type") == sum(len(r["events"]) for r in results) > 0
    assert (tmp_path / "config.xml").read_bytes() == CONFIG.read_bytes()
    assert "4 tasks written" in capsys.readouterr().err


def test_import_ls_writes_the_good_tasks_and_names_the_broken_ones(tmp_path, capsys) -> None:
    broken = annotated_task()
    broken["annotations"][1]["result"] = _unrelate("mn_f4")(broken["annotations"][1]["result"])
    good = {**annotated_task(), "id": 8, "data": {**annotated_task()["data"], "id": "minsk-2"}}
    export = tmp_path / "export.json"
    export.write_text(json.dumps([broken, good], ensure_ascii=False), encoding="utf-8")
    assert cli.main(["import-ls", str(export), "-o", str(tmp_path / "gold.jsonl")]) == 3
    err = capsys.readouterr().err
    assert "E070 task 7 (minsk) region mn_f4: an argument (location 'Минске') with no trigger" in err
    assert "1 of 2 tasks written; 1 left out" in err
    assert [json.loads(line)["id"] for line in (tmp_path / "gold.jsonl").read_text(encoding="utf-8").splitlines()] == ["minsk-2"]


@pytest.mark.parametrize("content, code", [("{not json", "E072"), ('{"data": {}}', "E072"), ("[1, 2]", "E072")])
def test_import_ls_of_something_else_is_a_one_line_error(tmp_path, capsys, content, code) -> None:
    export = tmp_path / "export.json"
    export.write_text(content, encoding="utf-8")
    assert cli.main(["import-ls", str(export)]) == 2
    assert capsys.readouterr().err.startswith(f"diplo-extract: error: {code} ")


def test_export_ls_of_a_missing_file_is_a_one_line_error(tmp_path, capsys) -> None:
    assert cli.main(["export-ls", str(tmp_path / "nothing.jsonl")]) == 2
    assert capsys.readouterr().err.startswith("diplo-extract: error: E030 ")
