"""Tests of ``diplo_extract.evaluation.scoring`` (and its text/JSON rendering).

Groups: event pairing and event counts (one table); argument scoring per role
(one table of paired events); unpaired arguments, status confusion, strict F1;
provenance (bad spans); document bookkeeping (missing, extra, malformed
predictions); the seed gold scored against itself; rendering.
"""
from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from diplo_extract.evaluation import Report, load_gold, score
from diplo_extract.evaluation.report import render_docs, render_json, render_text
from diplo_extract.evaluation.scoring import pair_score, ROLES, Counts, compare_arguments, pair_events

SEEDS = Path(__file__).resolve().parents[3] / "shared" / "gold" / "seeds.jsonl"  # ../shared from the repository root
RU = ("26 ноября в Минске прошла встреча Сергея Лаврова и Владимира Макея. "
      "Министры подписали план консультаций на 2021 год и постановление коллегий. "
      "В декабре Лавров посетит Пекин.")
EN = "MINSK, 30 October. Sergei Lavrov met his Belarusian counterpart Vladimir Makei."


def sp(fragment: str, text: str = RU, nth: int = 0) -> dict[str, Any]:
    """The span of the ``nth`` occurrence of ``fragment`` in ``text``."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(fragment, start + 1)
    return {"start": start, "end": start + len(fragment), "text": fragment}


def _named(name: str, fragment: str | None, text: str) -> dict[str, Any]:
    return {"name": name, "spans": [sp(fragment, text)] if fragment else []}


def ev(kind: str, *mentions: str, text: str = RU, status: str = "occurred",
       date: tuple[str, str | None] | None = None, loc: tuple[str, str | None] | None = None,
       persons: tuple[tuple[str, str | None], ...] = (), parties: tuple[str, ...] = (),
       doc: tuple[str, tuple[int, int] | None] | None = None) -> dict[str, Any]:
    """An event; arguments given as (value, fragment-or-None) pairs."""
    return {
        "type": kind, "status": status, "mentions": [sp(m, text) for m in mentions],
        "date": None if date is None else {"value": date[0], "spans": [sp(date[1], text)] if date[1] else []},
        "location": None if loc is None else _named(*loc, text),
        "persons": [_named(name, fragment, text) for name, fragment in persons],
        "parties": [{"code": code, "spans": []} for code in parties],
        "document": None if doc is None else {
            "kind": doc[0], "title": "t", "spans": [],
            "period": None if doc[1] is None else {"start": doc[1][0], "end": doc[1][1]}},
    }


def document(events: list[dict[str, Any]], doc_id: str = "d1", text: str = RU, **extra: Any) -> dict[str, Any]:
    return {"id": doc_id, "lang": "ru", "published": "2020-11-26", "text": text, "events": events, **extra}


def run(gold_events: list[dict[str, Any]], pred_events: list[dict[str, Any]], text: str = RU) -> Report:
    return score([document(gold_events, text=text)], [document(pred_events, text=text)])


MEETING = ev("meeting", "встреча", date=("2020-11-26", "26 ноября"), loc=("Минск", "Минске"),
             persons=(("Сергей Лавров", "Сергея Лаврова"), ("Владимир Макей", "Владимира Макея")),
             parties=("RUS", "BLR"))
PLAN = ev("signing", "подписали", date=("2020-11-26", "26 ноября"), loc=("Минск", "Минске"),
          parties=("RUS", "BLR"), doc=("plan", (2021, 2021)))
RESOLUTION = ev("signing", "подписали", date=("2020-11-26", "26 ноября"), loc=("Минск", "Минске"),
                parties=("RUS", "BLR"), doc=("resolution", None))
VISIT = ev("visit", "посетит", status="planned", date=("2020-12", "В декабре"), loc=("Пекин", "Пекин"),
           persons=(("Сергей Лавров", "Лавров"),), parties=("RUS", "CHN"))


# ---------------------------------------------------------------- pairing and event counts

EVENT_CASES = [
    ("perfect", [MEETING, PLAN, VISIT], [MEETING, PLAN, VISIT], (3, 0, 0)),
    ("missing-event", [MEETING, PLAN], [MEETING], (1, 0, 1)),
    ("extra-event", [MEETING], [MEETING, VISIT], (1, 1, 0)),
    ("nothing-to-find", [], [], (0, 0, 0)),
    ("type-must-agree", [MEETING], [ev("visit", "встреча")], (0, 1, 1)),
    ("date-and-party", [MEETING], [ev("meeting", "прошла", date=("2020-11-26", None), parties=("RUS",))], (1, 0, 0)),
    ("date-and-person", [MEETING], [ev("meeting", "прошла", date=("2020-11-26", None), persons=(("Лавров", None),))],
     (1, 0, 0)),
    ("date-without-actor", [MEETING], [ev("meeting", "прошла", date=("2020-11-26", None), parties=("USA",))],
     (0, 1, 1)),
    ("actor-without-date", [MEETING], [ev("meeting", "прошла", parties=("RUS", "BLR"))], (0, 1, 1)),
    ("other-date", [MEETING], [ev("meeting", "прошла", date=("2020-11-25", None), parties=("RUS",))], (0, 1, 1)),
    ("one-gold-pairs-once", [MEETING], [MEETING, copy.deepcopy(MEETING)], (1, 1, 0)),
    ("one-pred-pairs-once", [MEETING, copy.deepcopy(MEETING)], [MEETING], (1, 0, 1)),
]


@pytest.mark.parametrize(("gold", "pred", "expected"), [c[1:] for c in EVENT_CASES], ids=[c[0] for c in EVENT_CASES])
def test_event_counts(gold: list[dict[str, Any]], pred: list[dict[str, Any]], expected: tuple[int, int, int]) -> None:
    report = run(gold, pred)
    assert (report.events.tp, report.events.fp, report.events.fn) == expected
    if expected[1:] == (0, 0):
        assert report.events.f1 == 1.0
    if gold == pred:
        assert report.strict.f1 == report.arguments.f1 == 1.0


def test_shared_trigger_pairs_by_document() -> None:
    """One trigger serving two signings: the documents decide which pairs with which."""
    assert pair_events([PLAN, RESOLUTION], [RESOLUTION, PLAN]) == [(0, 1, "mention"), (1, 0, "mention")]
    assert run([PLAN, RESOLUTION], [RESOLUTION, PLAN]).roles["document"] == Counts(tp=2)


def test_mention_links_beat_date_links() -> None:
    """A pred overlapping B pairs with B, though it also date-links A; A then pairs by date."""
    a = ev("meeting", "встреча", date=("2020-11-26", None), parties=("RUS",))
    b = ev("meeting", "прошла", date=("2020-11-26", None), parties=("RUS",))
    by_date = ev("meeting", "Министры", date=("2020-11-26", None), parties=("RUS",))
    assert pair_events([a, b], [b, by_date]) == [(0, 1, "date"), (1, 0, "mention")]


def test_ties_go_to_the_earlier_gold_event() -> None:
    assert pair_events([MEETING, copy.deepcopy(MEETING)], [MEETING]) == [(0, 0, "mention")]


def test_ties_go_to_the_earlier_predicted_event_first() -> None:
    """event-format.md: ties go to the earlier predicted event, then the earlier gold one."""
    assert pair_events([MEETING], [MEETING, copy.deepcopy(MEETING)]) == [(0, 0, "mention")]


def test_pair_score_is_the_one_spelled_out_in_event_format() -> None:
    """2 for overlapping mentions + 1 same date + 1 shared actor + 1 same document kind
    and period; agreement on persons' names or places beyond that does not count."""
    a = ev("meeting", "встреча", date=("2020-11-26", None), parties=("RUS",))
    same_date_other_party = ev("meeting", "встреча", date=("2020-11-26", None), parties=("BLR",))
    assert pair_score(a, a) == 4
    assert pair_score(a, same_date_other_party) == 3
    assert pair_score(PLAN, PLAN) == 2 + 1 + bool(PLAN.get("parties") or PLAN.get("persons")) + (PLAN.get("date") is not None)


def test_higher_pair_score_wins_over_order() -> None:
    """A later predicted event that agrees on the date wins the gold event from an
    earlier one that only overlaps its mention."""
    gold = ev("meeting", "встреча", date=("2020-11-26", None), parties=("RUS",))
    weaker = ev("meeting", "встреча", date=("2019-01-01", None), parties=("CHN",))
    assert pair_events([gold], [weaker, gold]) == [(0, 1, "mention")]


def test_per_type_counts() -> None:
    report = run([MEETING, PLAN], [MEETING, VISIT])
    assert report.by_type == {"meeting": Counts(tp=1), "signing": Counts(fn=1), "visit": Counts(fp=1)}


# ---------------------------------------------------------------- arguments of paired events

M = "встреча"
ARG_CASES = [
    ("date-equal", "date", {"date": ("2020-11-26", None)}, {"date": ("2020-11-26", None)}, (1, 0, 0)),
    ("date-differs", "date", {"date": ("2020-11-26", None)}, {"date": ("2020-11", None)}, (0, 1, 1)),
    ("date-missed", "date", {"date": ("2020-11-26", None)}, {}, (0, 0, 1)),
    ("date-spurious", "date", {}, {"date": ("2020-11-26", None)}, (0, 1, 0)),
    ("date-null-both", "date", {}, {}, (0, 0, 0)),
    ("location-inflected", "location", {"loc": ("Минск", "Минске")}, {"loc": ("Минске", None)}, (1, 0, 0)),
    ("location-latin", "location", {"loc": ("Минск", None)}, {"loc": ("Minsk", None)}, (1, 0, 0)),
    ("location-by-span", "location", {"loc": ("Минск", "Минске")}, {"loc": ("Беларусь", "Минске")}, (1, 0, 0)),
    ("location-differs", "location", {"loc": ("Минск", "Минске")}, {"loc": ("Москва", None)}, (0, 1, 1)),
    ("persons-by-span-and-surname", "persons",
     {"persons": (("Сергей Лавров", "Сергея Лаврова"), ("Владимир Макей", "Владимира Макея"))},
     {"persons": (("Сергея Лаврова", "Сергея Лаврова"), ("Макей", None))}, (2, 0, 0)),
    ("persons-inflected-surname", "persons", {"persons": (("Сергей Лавров", None),)},
     {"persons": (("Сергея Лаврова", None),)}, (1, 0, 0)),
    ("persons-one-to-one", "persons", {"persons": (("Сергей Лавров", None),)},
     {"persons": (("Лавров", None), ("С. Лавров", None))}, (1, 1, 0)),
    ("persons-other-person", "persons", {"persons": (("Сергей Лавров", None), ("Владимир Макей", None))},
     {"persons": (("Сергей Шойгу", None),)}, (0, 1, 2)),
    ("parties-as-sets", "parties", {"parties": ("BLR", "RUS")}, {"parties": ("RUS", "USA", "RUS")}, (1, 1, 1)),
    ("document-equal", "document", {"doc": ("plan", (2021, 2021))}, {"doc": ("plan", (2021, 2021))}, (1, 0, 0)),
    ("document-period", "document", {"doc": ("plan", (2021, 2021))}, {"doc": ("plan", None)}, (0, 1, 1)),
    ("document-kind", "document", {"doc": ("plan", None)}, {"doc": ("programme", None)}, (0, 1, 1)),
]


@pytest.mark.parametrize(("role", "gold_args", "pred_args", "expected"), [c[1:] for c in ARG_CASES],
                         ids=[c[0] for c in ARG_CASES])
def test_paired_arguments(role: str, gold_args: dict[str, Any], pred_args: dict[str, Any],
                          expected: tuple[int, int, int]) -> None:
    kind = "signing" if role == "document" else "meeting"
    report = run([ev(kind, M, **gold_args)], [ev(kind, M, **pred_args)])
    assert report.events == Counts(tp=1)
    assert report.roles[role] == Counts(*expected)
    assert all(report.roles[r] == Counts() for r in ROLES if r != role)


@pytest.mark.parametrize(("gold_name", "pred_name", "matches"), [
    ("Sergei Lavrov", "Sergey Lavrov", True),
    ("Sergei Lavrov", "Lavrov", True),
    ("Vladimir Makei", "Vladimir Makey", True),
    ("Vladimir Makei", "Sergei Lavrov", False),
])
def test_english_person_spellings(gold_name: str, pred_name: str, matches: bool) -> None:
    gold = ev("meeting", "met", text=EN, persons=((gold_name, None),))
    pred = ev("meeting", "met", text=EN, persons=((pred_name, None),))
    assert compare_arguments(gold, pred)["persons"] == (Counts(tp=1) if matches else Counts(fp=1, fn=1))


def test_unpaired_arguments_count_as_missed_and_spurious() -> None:
    report = run([MEETING, PLAN], [MEETING, VISIT])
    assert report.roles == {
        "date": Counts(tp=1, fp=1, fn=1), "location": Counts(tp=1, fp=1, fn=1),
        "persons": Counts(tp=2, fp=1), "parties": Counts(tp=2, fp=2, fn=2), "document": Counts(fn=1),
    }
    assert report.arguments == Counts(tp=6, fp=5, fn=5)


def test_status_confusion_and_strict() -> None:
    gold = [MEETING, ev("signing", "подписали", status="planned")]
    pred = [dict(MEETING, status="planned"), ev("signing", "подписали", status="planned")]
    report = run(gold, pred)
    assert report.events.f1 == 1.0
    assert report.strict == Counts(tp=1, fp=1, fn=1)
    assert report.status_confusion["occurred"] == {"occurred": 0, "planned": 1, "cancelled": 0}
    assert report.status_confusion["planned"]["planned"] == 1
    assert not report.docs[0].paired[0].status_match


# ---------------------------------------------------------------- provenance


def test_bad_spans_anywhere_in_predictions() -> None:
    wrong = copy.deepcopy(MEETING)
    wrong["mentions"][0]["text"] = "встречи"
    wrong["location"]["spans"][0]["end"] = 10_000
    good_entity, bad_entity = sp("Минске"), {**sp("Минске"), "text": "Минск"}
    pred = document([wrong], entities=[{"kind": "LOC", "span": good_entity}, {"kind": "LOC", "span": bad_entity}])
    report = score([document([MEETING])], [pred])
    assert [(b.doc_id, b.path) for b in report.bad_spans] == [
        ("d1", "events[0].mentions[0]"), ("d1", "events[0].location.spans[0]"), ("d1", "entities[1].span")]
    assert report.events == Counts(tp=1)  # scoring itself reads offsets only


def test_spans_checked_against_gold_text() -> None:
    pred = document([MEETING], text=RU.upper())
    report = score([document([MEETING])], [pred])
    assert report.text_mismatches == ("d1",)
    assert report.bad_spans == ()


# ---------------------------------------------------------------- documents


def test_missing_and_extra_documents() -> None:
    gold = [document([MEETING], "d1"), document([PLAN, VISIT], "d2")]
    pred = [document([MEETING], "d1"), document([VISIT], "d3")]
    report = score(gold, pred)
    assert report.n_docs == 2
    assert report.events == Counts(tp=1, fn=2)
    assert report.extra_docs == ("d3",)
    assert [d.missing for d in report.docs] == [False, True]
    assert [e.type for e in report.docs[1].gold_only] == ["signing", "visit"]


def test_malformed_predictions_are_read_leniently() -> None:
    broken = [{"type": "meeting", "mentions": [sp(M), {"start": "x"}], "persons": None, "date": {"value": 5}},
              {"status": "planned"}, "not an event"]
    report = run([MEETING], broken)
    assert report.events == Counts(tp=1, fp=1)
    assert report.roles["persons"] == Counts(fn=2)
    assert report.by_type["?"] == Counts(fp=1)


def test_duplicate_predicted_ids() -> None:
    with pytest.raises(ValueError, match="duplicate predicted document ids"):
        score([document([])], [document([]), document([])])


def test_seed_gold_scores_perfectly_against_itself() -> None:
    gold = load_gold(SEEDS)
    report = score(gold, copy.deepcopy(gold))
    rows = [report.events, report.strict, report.arguments, *report.by_type.values(), *report.roles.values()]
    assert all(c.f1 == 1.0 and c.fp == c.fn == 0 for c in rows)
    assert report.events.tp == sum(len(d["events"]) for d in gold)
    assert report.bad_spans == () and report.text_mismatches == ()
    assert all(n == 0 for g, row in report.status_confusion.items() for p, n in row.items() if g != p)


# ---------------------------------------------------------------- rendering


def test_render_text_and_json() -> None:
    report = score([document([MEETING, PLAN])], [document([MEETING, VISIT])], seconds=0.5)
    text = render_text(report)
    assert "documents: 1   time: 0.50 s (2.0 docs/s)" in text
    assert "events         0.500  0.500  0.500     1     1     1" in text
    assert "by type" not in text and "by type" in render_text(report, by_type=True)
    assert "bad spans: 0" in text
    assert json.loads(render_json(report)) == json.loads(json.dumps(report.to_dict()))
    assert "docs" not in report.to_dict(details=False)


def test_render_docs_lists_missed_and_spurious() -> None:
    report = score([document([MEETING, PLAN])], [document([dict(MEETING, status="planned"), VISIT])])
    listing = render_docs(report)
    assert listing.splitlines()[0] == "== d1: 2 gold, 2 predicted, 1 paired"
    assert '  missed    #1 signing occurred "подписали" 2020-11-26' in listing
    assert '  spurious  #1 visit planned "посетит" 2020-12' in listing
    assert "STATUS" in listing
    assert listing in render_text(report, verbose=True)
