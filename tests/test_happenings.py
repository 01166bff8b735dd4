"""Happenings across documents (``diplo_extract.happenings``, ``diplo-extract merge``).

Reports are built by hand: each case is a few documents of one or more events, and
the expected grouping of their (document, event index) keys into happenings."""
from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from diplo_extract import cli
from diplo_extract.errors import DiploExtractError
from diplo_extract.happenings import happening_id, merge
from diplo_extract.schema import DateArg, DocumentArg, DocumentResult, Event, LocationArg, PartyArg, Period, PersonArg, Span

WORD = Span(start=0, end=4, text="talk")
TEXT = "talk " * 4


def event(type: str = "meeting", status: str = "occurred", date: str | None = None, parties: str = "", persons: str = "",
          place: str | None = None, title: str | None = None, kind: str = "plan", period: int | None = None) -> Event:
    """An event; ``parties`` and ``persons`` are comma-separated (persons as knowledge-base keys)."""
    return Event(
        type=type, status=status, mentions=[WORD], date=DateArg(value=date) if date else None,
        location=LocationArg(name=place) if place else None,
        parties=[PartyArg(code=c) for c in parties.split(",") if c],
        persons=[PersonArg(name=k.split(":")[-1].replace("_", " ").title(), kb=k) for k in persons.split(",") if k],
        document=DocumentArg(kind=kind, title=title, period=Period(start=period, end=period) if period else None) if title else None,
    )


def doc(id: str, published: str | None, *events: Event, lang: str = "ru") -> DocumentResult:
    return DocumentResult(id=id, lang=lang, published=published, text=TEXT, events=list(events))


def groups(results: list[DocumentResult]) -> list[list[str]]:
    """The happenings as sorted lists of "document#index", sorted."""
    return sorted(sorted(f"{m.document}#{m.event}" for m in h.members) for h in merge(results))


LAVROV, MAKEI = "person:sergei_lavrov", "person:vladimir_makei"

CASES = {
    # ---- date compatibility
    "same day": ([doc("a", "2020-11-26", event(date="2020-11-26", parties="RUS,BLR")),
                  doc("b", "2020-11-26", event(date="2020-11-26", parties="BLR,RUS"), lang="en")], [["a#0", "b#0"]]),
    "day inside a range": ([doc("a", "2024-07-04", event(date="2024-07-03/2024-07-04", parties="SCO,KAZ,CHN")),
                            doc("b", "2024-07-04", event(date="2024-07-04", parties="SCO,CHN"))], [["a#0", "b#0"]]),
    "month containing a day": ([doc("a", "2021-11-10", event(status="planned", date="2021-11", parties="RUS,BLR")),
                                doc("b", "2021-11-27", event(date="2021-11-26", parties="RUS,BLR"))], [["a#0", "b#0"]]),
    "planned, then occurred, undated announcement": (
        [doc("a", "2020-11-20", event(status="planned", parties="RUS,BLR", persons=LAVROV)),
         doc("b", "2020-11-26", event(date="2020-11-26", parties="RUS,BLR", persons=LAVROV))], [["a#0", "b#0"]]),
    "a visit dated by its first and by its last day": (
        [doc("a", "2024-04-08", event("visit", date="2024-04-08", parties="RUS,BLR", place="Минск")),
         doc("b", "2024-04-09", event("visit", date="2024-04-09", parties="RUS,BLR", place="Minsk"), lang="en")], [["a#0", "b#0"]]),
    "meetings on two days": ([doc("a", "2020-11-27", event(date="2020-11-26", parties="RUS,BLR")),
                              doc("b", "2020-11-27", event(date="2020-11-27", parties="RUS,BLR"))], [["a#0"], ["b#0"]]),
    "month against a day of the next month": ([doc("a", "2021-11-10", event(status="planned", date="2021-11", parties="RUS,BLR")),
                                              doc("b", "2021-12-02", event(date="2021-12-01", parties="RUS,BLR"))], [["a#0"], ["b#0"]]),
    "a month never chains two days of it": (
        [doc("a", "2020-03-01", event(date="2020-03-01", parties="RUS,BLR")),
         doc("b", "2020-03-25", event(date="2020-03", parties="RUS,BLR")),
         doc("c", "2020-03-20", event(date="2020-03-20", parties="RUS,BLR"))], [["a#0", "b#0"], ["c#0"]]),  # tie: the earlier pair
    "undated with the parties only stays apart": ([doc("a", "2020-11-20", event(status="planned", parties="RUS,BLR")),
                                                   doc("b", "2020-11-26", event(date="2020-11-26", parties="RUS,BLR"))], [["a#0"], ["b#0"]]),
    "a call and a meeting on one day": ([doc("a", "2020-11-26", event("phone_call", date="2020-11-26", parties="RUS,BLR")),
                                         doc("b", "2020-11-26", event(date="2020-11-26", parties="RUS,BLR"))], [["a#0"], ["b#0"]]),
    "two events of one document": ([doc("a", "2020-11-26", event(date="2020-11-26", parties="RUS,BLR"), event(date="2020-11-26", parties="RUS,BLR"))],
                                   [["a#0"], ["a#1"]]),
    # ---- recurring events stay apart
    "annual collegium, dated": ([doc("a", "2020-03-15", event(date="2020-03-15", parties="RUS,BLR", persons=LAVROV, place="Минск")),
                                 doc("b", "2021-03-16", event(date="2021-03-16", parties="RUS,BLR", persons=LAVROV, place="Минск"))], [["a#0"], ["b#0"]]),
    "annual collegium, by year only": ([doc("a", "2020-12-01", event(date="2020", parties="RUS,BLR", persons=LAVROV, place="Минск")),
                                        doc("b", "2021-01-10", event(date="2021", parties="RUS,BLR", persons=LAVROV, place="Минск"))], [["a#0"], ["b#0"]]),
    "annual collegium, undated": ([doc("a", "2020-03-15", event(parties="RUS,BLR", persons=f"{LAVROV},{MAKEI}", place="Минск")),
                                   doc("b", "2021-03-16", event(parties="RUS,BLR", persons=f"{LAVROV},{MAKEI}", place="Минск"))], [["a#0"], ["b#0"]]),
    "plans of consultations for two years": (
        [doc("a", "2020-11-26", event("signing", date="2020-11", parties="RUS,BLR", title="план консультаций на 2021 год", period=2021)),
         doc("b", "2020-11-27", event("signing", date="2020-11-26", parties="RUS,BLR", title="план консультаций на 2022 год", period=2022))],
        [["a#0"], ["b#0"]]),
    # ---- two summits in one city in one month
    "summits of two organizations": ([doc("a", "2023-09-06", event(date="2023-09", parties="IDN,ASEAN", place="Jakarta"), lang="en"),
                                      doc("b", "2023-09-10", event(date="2023-09", parties="IDN,G20", place="Jakarta"), lang="en")], [["a#0"], ["b#0"]]),
    "summits of other guests": ([doc("a", "2023-09-06", event(date="2023-09", parties="IDN,USA", place="Jakarta"), lang="en"),
                                 doc("b", "2023-09-10", event(date="2023-09", parties="IDN,CHN", place="Jakarta"), lang="en")], [["a#0"], ["b#0"]]),
    "one summit, one report naming fewer parties": ([doc("a", "2023-09-06", event(date="2023-09", parties="IDN,USA", place="Jakarta"), lang="en"),
                                                     doc("b", "2023-09-10", event(date="2023-09", parties="USA", place="Джакарта"))], [["a#0", "b#0"]]),
    # ---- documents signed
    "two documents signed at one ceremony": (
        [doc("a", "2024-07-03", event("signing", date="2024-07-03", parties="CHN,KAZ", title="joint statement on comprehensive partnership", kind="statement")),
         doc("b", "2024-07-03", event("signing", date="2024-07-03", parties="CHN,KAZ", title="agreement on visa-free travel", kind="agreement"))],
        [["a#0"], ["b#0"]]),
    "one document in two reports": (
        [doc("a", "2024-07-03", event("signing", date="2024-07-03", parties="CHN,KAZ", title="agreement on visa free travel", kind="agreement"), lang="en"),
         doc("b", "2024-07-04", event("signing", date="2024-07-03", parties="KAZ,CHN", title="Agreement on visa-free travel between China and Kazakhstan",
                                      kind="agreement"), lang="en")],
        [["a#0", "b#0"]]),
}


@pytest.mark.parametrize("name", list(CASES))
def test_grouping(name: str) -> None:
    results, expected = CASES[name]
    assert groups(results) == sorted(expected)


@pytest.mark.parametrize("name", list(CASES))
def test_grouping_does_not_depend_on_the_input_order(name: str) -> None:
    results, _ = CASES[name]
    forward = [h.model_dump_json() for h in merge(results)]
    assert [h.model_dump_json() for h in merge(list(reversed(results)))] == forward


# ----------------------------------------------------------------- status history


HISTORIES = {
    "planned then occurred": ([("tass", "2020-11-20", "planned"), ("belta", "2020-11-26", "occurred"), ("kazinform", "2020-11-27", "occurred")],
                              "occurred", [("planned", "2020-11-20", ["tass"]), ("occurred", "2020-11-26", ["belta", "kazinform"])]),
    "planned then cancelled": ([("ria", "2020-11-18", "planned"), ("tass", "2020-11-21", "cancelled")],
                               "cancelled", [("planned", "2020-11-18", ["ria"]), ("cancelled", "2020-11-21", ["tass"])]),
    "an announcement on the day it happened comes first": (
        [("z-occurred", "2020-11-26", "occurred"), ("a-planned", "2020-11-26", "planned")],
        "occurred", [("planned", "2020-11-26", ["a-planned"]), ("occurred", "2020-11-26", ["z-occurred"])]),
    "the latest report gives the status": ([("a", "2020-11-20", "occurred"), ("b", "2020-11-22", "cancelled")],
                                           "cancelled", [("occurred", "2020-11-20", ["a"]), ("cancelled", "2020-11-22", ["b"])]),
}


@pytest.mark.parametrize("name", list(HISTORIES))
def test_status_history_by_publication_date(name: str) -> None:
    reports, status, history = HISTORIES[name]
    results = [doc(d, published, event(status=s, date="2020-11", parties="RUS,BLR", persons=LAVROV, place="Минск")) for d, published, s in reports]
    for order in (results, list(reversed(results))):
        (happening,) = merge(order)
        assert happening.status == status
        assert [(s.status, s.since.isoformat(), [r.document for r in s.reports]) for s in happening.status_history] == history
        published = sorted(p for _, p, _ in reports)
        assert (happening.first_report.published.isoformat(), happening.last_report.published.isoformat()) == (published[0], published[-1])
        assert [m.published.isoformat() for m in happening.members] == published


# ----------------------------------------------------------------- merged values and ids


def test_merged_arguments_keep_their_sources() -> None:
    (h,) = merge(CASES["a visit dated by its first and by its last day"][0])
    assert h.type == "visit" and (h.start.isoformat(), h.end.isoformat(), h.date_inferred) == ("2024-04-09", "2024-04-09", False)
    assert [(s.document, s.event) for s in h.date.sources] == [("b", 0)]  # the latest report, equal precision
    assert (h.location.name, h.location.names) == ("Минск", ["Минск", "Minsk"])
    assert [(p.code, [s.document for s in p.sources]) for p in h.parties] == [("BLR", ["a", "b"]), ("RUS", ["a", "b"])]
    (person_free,) = merge(CASES["day inside a range"][0])
    assert [p.code for p in person_free.parties] == ["CHN", "SCO", "KAZ"]  # most reported first, then by code
    assert person_free.date.value == "2024-07-04"  # a day is finer than a range


def test_undated_happening_is_placed_by_its_reports() -> None:
    (h,) = merge([doc("a", "2020-11-20", event(status="planned", parties="RUS,BLR", persons=LAVROV))])
    assert (h.date, h.start.isoformat(), h.end.isoformat(), h.date_inferred) == (None, "2020-11-20", "2020-11-20", True)
    (lost,) = merge([doc("a", None, event(parties="RUS,BLR"))])
    assert (lost.start, lost.date_inferred, len(lost.members)) == (None, False, 1)


@pytest.mark.parametrize(("keys", "same_as"), [
    ([("b", 1), ("a", 0)], [("a", 0), ("b", 1)]),
    ([("a", 0)], [("a", 0)]),
])
def test_stable_id_is_a_hash_of_the_sorted_member_keys(keys, same_as) -> None:
    assert happening_id(keys) == happening_id(same_as)
    assert happening_id(keys).startswith("h") and len(happening_id(keys)) == 17


@pytest.mark.parametrize(("keys", "other"), [
    ([("a", 0)], [("a", 1)]),
    ([("a", 0), ("b", 0)], [("a", 0)]),
    ([("a", 10)], [("a1", 0)]),  # no ambiguity from joining the parts
])
def test_other_members_another_id(keys, other) -> None:
    assert happening_id(keys) != happening_id(other)


def test_happening_id_is_the_id_of_its_members() -> None:
    (h,) = merge(CASES["same day"][0])
    assert h.id == happening_id([("a", 0), ("b", 0)]) == "h" + __import__("hashlib").sha1(b'[["a",0],["b",0]]').hexdigest()[:16]


def test_a_document_read_again_replaces_the_earlier_one() -> None:
    old = doc("a", "2020-11-26", event(date="2020-11-26", parties="RUS,BLR"), event("visit", date="2020-11-26", parties="RUS,BLR"))
    new = doc("a", "2020-11-26", event(date="2020-11-26", parties="RUS,BLR"))
    assert groups([old, new]) == [["a#0"]]


def test_a_dict_that_is_not_a_result_is_a_coded_error() -> None:
    with pytest.raises(DiploExtractError, match=r"^E082 .*events\.0\.type"):
        merge([{"lang": "ru", "text": "", "events": [{"type": "war", "status": "occurred", "mentions": []}]}])


# ----------------------------------------------------------------- the CLI


def _write_results(path, results) -> None:  # noqa: ANN001
    path.write_text("".join(r.model_dump_json() + "\n" for r in results), encoding="utf-8")


def test_cli_merge_writes_one_happening_per_line(tmp_path, capsys) -> None:
    events, out = tmp_path / "events.jsonl", tmp_path / "happenings.jsonl"
    results = [*CASES["planned, then occurred, undated announcement"][0], *CASES["annual collegium, dated"][0][:1]]
    results[-1] = results[-1].model_copy(update={"id": "c"})
    _write_results(events, results)
    assert cli.main(["merge", str(events), "-o", str(out)]) == 0
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [sorted(m["document"] for m in h["members"]) for h in lines] == [["c"], ["a", "b"]]  # by first day
    assert lines[1]["status_history"][0]["status"] == "planned" and lines[1]["id"] == happening_id([("a", 0), ("b", 0)])
    assert cli.main(["merge", str(events), "--min-members", "2"]) == 0
    assert [json.loads(line)["id"] for line in capsys.readouterr().out.splitlines()] == [lines[1]["id"]]


@pytest.mark.parametrize(("content", "code"), [
    ('{"id": "a", "lang": "ru", "text": "", "events": [{"type": "war"}]}\n', "E082"),
    ("[1, 2]\n", "E082"),
    ("{not json\n", "E082"),
    (None, "E030"),  # no such file
    (b"\xff\xfe\n", "E030"),  # not UTF-8
])
def test_cli_merge_bad_input_is_one_coded_line(tmp_path, capsys, content, code) -> None:
    path = tmp_path / "events.jsonl"
    if isinstance(content, bytes):
        path.write_bytes(content)
    elif content is not None:
        path.write_text(content, encoding="utf-8")
    assert cli.main(["merge", str(path)]) == cli.EXIT_INPUT
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith(f"diplo-extract: error: {code} ")


def test_cli_merge_same_bytes_whatever_the_hash_seed(tmp_path) -> None:
    events = tmp_path / "events.jsonl"
    _write_results(events, [r for results, _ in CASES.values() for r in results if r.id == "a"][:1]
                   + [r.model_copy(update={"id": f"{name}/{r.id}"}) for name, (results, _) in CASES.items() for r in results])
    outputs = []
    for seed in ("1", "2", "7"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        run = subprocess.run([sys.executable, "-m", "diplo_extract.cli", "merge", str(events)], capture_output=True, env=env, timeout=120, check=True)
        outputs.append(run.stdout)
    assert outputs[0] and outputs[0] == outputs[1] == outputs[2]


# ----------------------------------------------------------------- real outputs


def test_real_outputs_a_reprinted_report_joins_the_original(extractor) -> None:
    from paths import ROOT

    records = [json.loads(line) for line in (ROOT / "examples" / "articles.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]
    results = list(extractor.extract_many(records))
    original = next(r for r in results if r.id == "tass-russia-malawi-memorandum")
    reprint = original.model_copy(update={"id": "reprint"})  # another outlet, the same text
    happenings = merge([*results, reprint])
    where = {(m.document, m.event): h.id for h in happenings for m in h.members}
    assert len(where) == sum(len(r.events) for r in results) + len(reprint.events), "every event in exactly one happening"
    dated = [i for i, e in enumerate(original.events) if e.date is not None]
    assert dated and all(where[("reprint", i)] == where[(original.id, i)] for i in dated)
    assert all(len(h.members) == 1 for h in happenings if not any(m.document == "reprint" for m in h.members))
