"""Confidence for review queues (``diplo_extract.confidence``): features, the
calibration table, fitting, ``extract --min-confidence`` and ``export-ls`` order."""
from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from paths import DEV, ROOT

from diplo_extract import cli
from diplo_extract.confidence import ScoreBin, Scorer, argument_features, event_features, load_calibration
from diplo_extract.confidence.calibration import read_table
from diplo_extract.confidence.fitting import Example, fit_scorer, isotonic_bins, wilson_lower
from diplo_extract.confidence.reliability import argument_matches, reliability
from diplo_extract.errors import ResourceError
from diplo_extract.schema import DateArg, DocumentArg, Event, LocationArg, PartyArg, PersonArg, Span

sys.path.insert(0, str(ROOT / "benchmarks"))
import calibrate  # noqa: E402

TEXT = "Sergei Lavrov met Wang Yi in Beijing on Tuesday."


def _span(start: int, end: int) -> Span:
    return Span(start=start, end=end, text="x" * (end - start))


def _event(**fields) -> Event:  # noqa: ANN003
    base = {"type": "meeting", "status": "occurred", "mentions": [_span(100, 105)]}
    return Event(**{**base, **fields})


# ------------------------------------------------------------------ features

@pytest.mark.parametrize(("fields", "length", "expected"), [
    ({}, 1000, set()),  # a bare occurred meeting, early in its text: no evidence either way
    ({"type": "phone_call", "status": "planned"}, 1000, {"type:phone_call", "status:planned"}),
    ({"mentions": [_span(10, 15), _span(40, 45), _span(90, 95)]}, 1000, {"mentions:2+", "mentions:3+"}),
    ({"mentions": [_span(800, 805)]}, 1000, {"position:late"}),
    ({"mentions": [_span(800, 805)]}, 0, set()),  # no text length: no position
    ({"date": DateArg(value="2024-04-09"), "location": LocationArg(name="Пекин")}, 1000, {"date", "location"}),
    ({"date": DateArg(value=None)}, 1000, set()),  # a date expression that resolved to nothing
    ({"persons": [PersonArg(name="A", kb="person:a"), PersonArg(name="B")]}, 1000, {"persons:1+", "persons:2+", "persons:linked"}),
    ({"persons": [PersonArg(name="B")]}, 1000, {"persons:1+"}),
    ({"parties": [PartyArg(code="RUS"), PartyArg(code="CHN", spans=[_span(0, 5)])]}, 1000, {"parties:2+", "parties:named"}),
    ({"status_rule": "status:default"}, 1000, {"status_rule:default"}),
    ({"status_rule": "status:own_tense"}, 1000, set()),
])
def test_event_features(fields: dict, length: int, expected: set[str]) -> None:
    assert set(event_features(_event(**fields), length)) == expected


@pytest.mark.parametrize(("role", "argument", "expected"), [
    ("date", DateArg(value="2024-04-09", spans=[_span(107, 117)], rule="date:own"), {"event", "distance:near", "rule:date:own", "date:day"}),
    ("date", DateArg(value="2024-04", spans=[_span(600, 607)], rule="date:dateline"), {"event", "distance:far", "rule:date:dateline", "date:month"}),
    ("date", DateArg(value="XXXX-10-30/XXXX-10-31", spans=[_span(250, 260)]), {"event", "date:range", "date:no-year"}),
    ("location", LocationArg(name="Пекин", spans=[_span(90, 96), _span(300, 306)], rule="location:own"),
     {"event", "spans:2+", "distance:near", "rule:location:own"}),
    ("person", PersonArg(name="Wang Yi", spans=[_span(106, 113)], kb="person:wang_yi"), {"event", "distance:near", "linked"}),
    ("person", PersonArg(name="Nobody", spans=[_span(106, 113)], entity="ent3"), {"event", "distance:near"}),  # in the text, not in the KB
    ("party", PartyArg(code="RUS", rule="party:person"), {"event", "spans:none", "rule:party:person"}),
    ("party", PartyArg(code="CHN", spans=[_span(90, 95)], entity="ent2", rule="party:mention"), {"event", "distance:near", "linked", "rule:party:mention"}),
    ("document", DocumentArg(kind="other", title="t", spans=[_span(120, 130)]), {"event", "distance:near", "document:other"}),
])
def test_argument_features(role: str, argument, expected: set[str]) -> None:  # noqa: ANN001
    features = argument_features(role, argument, _event(), 1.5)
    assert set(features) == expected
    assert features["event"] == 1.5


# ------------------------------------------------------------------ scorer and table

SCORER = Scorer(bias=-1.0, weights={"date": 2.0, "location": 1.0}, bins=[
    ScoreBin(above=None, confidence=0.2), ScoreBin(above=0.5, confidence=0.6), ScoreBin(above=1.5, confidence=0.95)])


@pytest.mark.parametrize(("features", "raw", "confidence"), [
    ({}, -1.0, 0.2),
    ({"location": 1.0}, 0.0, 0.2),
    ({"date": 1.0}, 1.0, 0.6),
    ({"date": 1.0, "location": 1.0}, 2.0, 0.95),
    ({"date": 1.0, "unseen": 1.0}, 1.0, 0.6),  # a feature the table does not weigh counts 0
])
def test_scorer_maps_features_to_a_bin(features: dict, raw: float, confidence: float) -> None:
    assert SCORER.raw(features) == raw
    assert SCORER.confidence(raw) == confidence


@pytest.mark.parametrize(("raw", "confidence"), [(-100.0, 0.2), (0.4999, 0.2), (0.5, 0.6), (1.5, 0.95), (1e9, 0.95)])
def test_bin_edges_are_inclusive_below(raw: float, confidence: float) -> None:
    assert SCORER.confidence(raw) == confidence


BLANK = "{bins: [{above: null, confidence: 0.5}]}"
ROLES_OK = "\n".join(f"  {r}: {BLANK}" for r in ("date", "location", "person", "party", "document"))


@pytest.mark.parametrize(("event", "roles", "message"), [
    ("{bins: [{above: null, confidence: 1.5}]}", ROLES_OK, "less than or equal to 1"),
    ("{bins: [{above: null, confidence: 0.9}, {above: 1.0, confidence: 0.5}]}", ROLES_OK, "must not fall"),
    ("{bins: [{above: null, confidence: 0.1}, {above: 2.0, confidence: 0.5}, {above: 1.0, confidence: 0.6}]}", ROLES_OK, "edges must increase"),
    ("{bins: [{above: 0.0, confidence: 0.5}]}", ROLES_OK, "above: null"),
    ("{bins: []}", ROLES_OK, "at least 1"),
    (BLANK, ROLES_OK.replace("  document: " + BLANK, ""), "missing ['document']"),
    ("{weights: {colour: 1.0}, bins: [{above: null, confidence: 0.5}]}", ROLES_OK, "unknown features ['colour']"),
])
def test_an_invalid_table_is_E120_naming_the_problem(tmp_path, event: str, roles: str, message: str) -> None:
    path = tmp_path / "calibration.yaml"
    path.write_text(f"event: {event}\nroles:\n{roles}\n", encoding="utf-8")
    with pytest.raises(ResourceError, match="E120") as caught:
        read_table(path)
    assert message in str(caught.value) and str(path) in str(caught.value)


def test_a_models_folder_without_a_table_uses_the_packaged_one(tmp_path) -> None:
    assert load_calibration(tmp_path) == load_calibration()


# ------------------------------------------------------------------ fitting

@pytest.mark.parametrize(("scored", "z", "expected"), [
    ([(0.0, False), (1.0, True), (2.0, True)], 0.0, [(None, 0.0), (1.0, 1.0)]),
    ([(0.0, True), (1.0, False), (2.0, True)], 0.0, [(None, 0.5), (2.0, 1.0)]),  # a violation pooled
    ([(0.0, True), (0.0, False), (1.0, True)], 0.0, [(None, 0.5), (1.0, 1.0)]),  # ties stay together
    ([(float(k), True) for k in range(4)], 0.0, [(None, 1.0)]),
    ([(0.0, False), (1.0, True), (2.0, True)], 1.645, [(None, 0.0), (1.0, 0.425)]),  # Wilson: two hits prove little
])
def test_isotonic_bins(scored: list, z: float, expected: list) -> None:
    assert [(b.above, b.confidence) for b in isotonic_bins(scored, z=z, min_bin=1)] == expected


@pytest.mark.parametrize(("hits", "count", "z", "low", "high"), [
    (95, 100, 1.645, 0.90, 0.91), (100, 100, 1.645, 0.97, 0.98), (0, 10, 1.645, 0.0, 0.0), (5, 10, 0.0, 0.5, 0.5), (0, 0, 1.645, 0.0, 0.0),
])
def test_wilson_lower_bound(hits: int, count: int, z: float, low: float, high: float) -> None:
    assert low <= wilson_lower(hits, count, z) <= high


def test_fitting_ranks_the_telling_feature_above_the_rest() -> None:
    examples = [Example({"date": 1.0}, k % 10 != 0) for k in range(60)] + [Example({}, k % 2 == 0) for k in range(60)]
    scorer = fit_scorer(examples, z=0.0)
    assert scorer.weights["date"] > 1.0
    assert scorer.confidence(scorer.raw({"date": 1.0})) == pytest.approx(0.9, abs=0.01)
    assert scorer.confidence(scorer.raw({})) == pytest.approx(0.5, abs=0.01)


@pytest.mark.parametrize(("role", "argument", "gold", "expected"), [
    ("date", DateArg(value="2024-04-09"), {"date": {"value": "2024-04-09"}}, True),
    ("date", DateArg(value="2024-04"), {"date": {"value": "2024-04-09"}}, False),
    ("location", LocationArg(name="Minsk"), {"location": {"name": "Минск", "spans": []}}, True),
    ("location", LocationArg(name="Brest"), {"location": {"name": "Минск", "spans": []}}, False),
    ("person", PersonArg(name="Wang Yi"), {"persons": [{"name": "Sergei Lavrov", "spans": []}, {"name": "Wang Yi", "spans": []}]}, True),
    ("person", PersonArg(name="Wang Yi"), {"persons": []}, False),
    ("document", DocumentArg(kind="plan", title="t"), {"document": {"kind": "treaty", "title": "t", "period": None}}, False),
])
def test_an_argument_is_correct_when_it_matches_gold_under_the_scorer(role: str, argument, gold: dict, expected: bool) -> None:  # noqa: ANN001
    assert argument_matches(role, argument, gold) is expected


def test_reliability_rows_cover_zero_to_one() -> None:
    rows = reliability([(0.0, False), (0.55, True), (0.9, True), (1.0, True)])
    assert [(r.low, r.count, r.correct) for r in rows] == [(0.0, 1, 0), (0.5, 1, 1), (0.6, 0, 0), (0.7, 0, 0), (0.8, 0, 0), (0.9, 2, 2)]


# ------------------------------------------------------------------ on the dev fixtures

def _dev_confidences(results) -> list[tuple]:  # noqa: ANN001
    return [(r.id, e.id, e.confidence, *(a.confidence for a in (e.date, e.location, e.document, *e.persons, *e.parties) if a))
            for r in results for e in r.events]


def test_confidence_is_set_within_0_and_1_on_every_dev_fixture_and_the_same_in_another_process(extractor) -> None:
    docs = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(DEV.glob("*.json"))]
    results = [extractor.extract(d["text"], d.get("published"), id=d["id"]) for d in docs]
    values = _dev_confidences(results)
    assert len(values) > 300
    assert all(isinstance(c, float) and 0.0 <= c <= 1.0 for row in values for c in row[2:])
    assert all(h.confidence is None for r in results for e in r.events for h in e.role_holders)  # not scored
    script = ("import json, sys; from pathlib import Path; from diplo_extract import Extractor; ex = Extractor(); "
              "docs = [json.loads(Path(p).read_text(encoding='utf-8')) for p in sys.argv[1:]]; "
              "print(json.dumps([[r.id, e.id, e.confidence] for r in (ex.extract(d['text'], d.get('published'), id=d['id']) for d in docs) for e in r.events]))")
    env = {**os.environ, "PYTHONHASHSEED": "7"}
    out = subprocess.run([sys.executable, "-c", script, *map(str, sorted(DEV.glob("*.json")))], capture_output=True, text=True, env=env, check=True)
    assert json.loads(out.stdout) == [[i, e, c] for i, e, c, *_ in values]


def test_readme_shows_the_heldout_reliability_table_the_script_gives(extractor) -> None:
    gold = calibrate.SETS["heldout"]
    from diplo_extract.evaluation import load_gold

    docs = load_gold(gold)
    results = [extractor.extract(d["text"], d.get("published"), id=d["id"]) for d in docs]
    text = calibrate.report(docs, results, load_calibration(), name="heldout")
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert text.split("\n", 2)[2] in readme  # both tables and the >= 0.9 line, from the header on


# ------------------------------------------------------------------ command line

@pytest.fixture
def shared(monkeypatch, extractor):  # noqa: ANN001, ANN201
    monkeypatch.setattr(cli, "_extractor", lambda args: extractor)
    return extractor


@pytest.mark.parametrize("threshold", [0.0, 0.5, 0.85, 1.0])
def test_min_confidence_drops_the_events_below_it_and_keeps_ids(shared, tmp_path, capsys, threshold: float) -> None:
    source = ROOT / "examples" / "ria-lavrov-visit-ru.txt"
    assert cli.main(["extract", str(source), "--published", "2025-04-30"]) == 0
    everything = json.loads(capsys.readouterr().out)
    assert cli.main(["extract", str(source), "--published", "2025-04-30", "--min-confidence", str(threshold)]) == 0
    kept = json.loads(capsys.readouterr().out)
    assert [e["id"] for e in kept["events"]] == [e["id"] for e in everything["events"] if e["confidence"] >= threshold]
    assert 0 < len(everything["events"])


def test_min_confidence_filters_a_batch(shared, tmp_path) -> None:
    out = tmp_path / "events.jsonl"
    assert cli.main(["extract", str(ROOT / "examples" / "articles.jsonl"), "-o", str(out), "--no-progress", "--min-confidence", "0.8"]) == 0
    events = [e for line in out.read_text(encoding="utf-8").splitlines() for e in json.loads(line)["events"]]
    assert events and all(e["confidence"] >= 0.8 for e in events)


@pytest.mark.parametrize(("extra", "code"), [
    (["--min-confidence", "1.5"], "E121"), (["--min-confidence", "-0.1"], "E121"), (["--min-confidence", "nan"], "E121"),
    (["--min-confidence", "0.5", "--dask", "local:1", "-o", "out"], "E122"),
])
def test_a_bad_min_confidence_is_a_one_line_error(tmp_path, capsys, extra: list[str], code: str) -> None:
    source = tmp_path / "a.txt"
    source.write_text(TEXT, encoding="utf-8")
    assert cli.main(["extract", str(source), *extra]) == 2
    err = capsys.readouterr().err
    assert code in err and len(err.strip().splitlines()) == 1


def _doc(doc_id: str, *confidences: float | None) -> dict:
    events = [{"type": "meeting", "status": "occurred", "mentions": [{"start": 14, "end": 17, "text": "met"}], "date": None,
               "location": None, "persons": [], "parties": [], "document": None, **({} if c is None else {"confidence": c})}
              for c in confidences]
    return {"id": doc_id, "lang": "en", "published": None, "text": TEXT, "events": events}


@pytest.mark.parametrize(("docs", "flags", "order", "scores"), [
    ([_doc("a", 0.9), _doc("b", 0.95, 0.2), _doc("c"), _doc("d", 0.6)], [], ["b", "d", "a", "c"], [0.2, 0.6, 0.9, None]),
    ([_doc("a", 0.9), _doc("b", 0.95, 0.2), _doc("c"), _doc("d", 0.6)], ["--input-order"], ["a", "b", "c", "d"], [0.9, 0.2, None, 0.6]),
    ([_doc("a", 0.5), _doc("b", 0.5), _doc("c", None)], [], ["a", "b", "c"], [0.5, 0.5, None]),  # ties and no confidence keep their order
])
def test_export_ls_puts_the_most_doubtful_documents_first(tmp_path, docs: list, flags: list, order: list, scores: list) -> None:
    source, target = tmp_path / "events.jsonl", tmp_path / "tasks.json"
    source.write_text("".join(json.dumps(d) + "\n" for d in docs), encoding="utf-8")
    assert cli.main(["export-ls", str(source), "-o", str(target), *flags]) == 0
    tasks = json.loads(target.read_text(encoding="utf-8"))
    assert [t["data"]["id"] for t in tasks] == order
    assert [t["predictions"][0].get("score") for t in tasks] == scores
