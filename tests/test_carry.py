"""Document-level carrying (:mod:`diplo_extract.carry`): each CarryRule stage on
hand-built EventDrafts and Docs, then the helpers. The knowledge base is the
packaged one (``extractor.kb``; no language model loads)."""
from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from diplo_extract import carry
from diplo_extract.assembly import DateResolver
from diplo_extract.carry import (
    AFTER_DISCOURSE, BEFORE_DISCOURSE, CARRY_RULES, FIRST, Anchors, CancelledOccasions, CarryRule, DatelineCarry,
    DropReferences, FocusParties, Groups, Occasions, OwnDates, PersonParties, VisitHosts, Visits, HostParties, BothParties, _leading_parties, _ahead, _city_in, _day,
    _distinct, _last_day, _last_pair, _near, _occasion, _same_slot, _start, _within,
)
from diplo_extract.dates import Dateline, DateExpression
from diplo_extract.doc import Sentence, Doc
from drafts import day, draft, frame, org, per, place, state, trig

JUNE_20 = dt.date(2024, 6, 20)
BEIJING = place(500, "Beijing", "CHN", rule="gazetteer:capital")
SHANGHAI = place(600, "Shanghai", "CHN", rule="gazetteer:city")
MOSCOW = place(700, "Moscow", "RUS", rule="gazetteer:capital")
CHINA = state(400, "CHN", "China")


@pytest.fixture(scope="module")
def kb(extractor):
    return extractor.kb


def run(rule_cls, kb, doc: Doc, events: list) -> Doc:
    doc.events = events
    return rule_cls(kb)(doc)


# ------------------------------------------------------------------ the stage list
DOCUMENTED_ORDER = ["carry.dates", "carry.visits", "carry.occasions", "carry.groups",
                    "carry.person_parties", "carry.focus_parties", "carry.dateline", "carry.references"]


def test_rules_are_stages_in_the_declared_order() -> None:
    names = [r.name for r in CARRY_RULES]
    assert len(set(names)) == len(names) and all(n.startswith("carry.") for n in names)
    assert [n for n in names if n in DOCUMENTED_ORDER] == DOCUMENTED_ORDER  # the module docstring's order
    assert names[0] == "carry.dates" and names[-1] == "carry.references"
    # discourse runs after group references and before persons give their parties
    assert FIRST + BEFORE_DISCOURSE + AFTER_DISCOURSE == CARRY_RULES  # dates.following runs after FIRST
    assert BEFORE_DISCOURSE[-1] is Groups and AFTER_DISCOURSE[:4] == (VisitHosts, PersonParties, HostParties, BothParties)


def test_the_base_rule_has_no_behaviour_of_its_own(kb) -> None:
    with pytest.raises(NotImplementedError):
        CarryRule(kb)(Doc(text="x"))


# ------------------------------------------------------------------------ OwnDates
JULY_3 = DateExpression(0, 6, "3 July", "date", month=7, day=3)
JULY_3_4 = DateExpression(0, 8, "3-4 July", "range", month=7, day=3, end_month=7, end_day=4)
JUNE_18_22 = DateExpression(0, 10, "18-22 June", "range", month=6, day=18, end_month=6, end_day=22)
JULY_3_2024 = DateExpression(0, 11, "3 July 2024", "date", year=2024, month=7, day=3)
JULY = DateExpression(0, 4, "July", "month", month=7)


@pytest.mark.parametrize(
    ("published", "expr", "status", "rule", "expect_status", "expect_value"),
    [
        # a year-less day soon after publication, nearer than its past reading: planned
        (JUNE_20, JULY_3, "occurred", "status:default", "planned", "2024-07-03"),
        (JUNE_20, JULY_3, "occurred", "status:nearest_verb", "planned", "2024-07-03"),
        (JUNE_20, JULY_3_4, "occurred", "status:default", "planned", "2024-07-03/2024-07-04"),
        # negative: the trigger's own tense says it happened (a strong status rule)
        (JUNE_20, JULY_3, "occurred", "status:own_tense", "occurred", "2023-07-03"),
        # negative: a range that holds the publication day is going on, not coming
        (JUNE_20, JUNE_18_22, "occurred", "status:default", "occurred", "2024-06-18/2024-06-22"),
        # negative: a year given, a bare month, too far ahead, nearer in the past
        (JUNE_20, JULY_3_2024, "occurred", "status:default", "occurred", "2024-07-03"),
        (JUNE_20, JULY, "occurred", "status:default", "occurred", "2023-07"),
        (dt.date(2024, 3, 1), JULY_3, "occurred", "status:default", "occurred", "2023-07-03"),
        (dt.date(2024, 7, 10), JULY_3, "occurred", "status:default", "occurred", "2024-07-03"),
        # negative: no publication date; the value keeps an unknown year
        (None, JULY_3, "occurred", "status:default", "occurred", "XXXX-07-03"),
        # a planned event resolves forwards and stays planned
        (JUNE_20, JULY_3, "planned", "status:planning_cue", "planned", "2024-07-03"),
    ],
)
def test_own_dates_resolve_and_a_soon_day_makes_a_weakly_tensed_event_planned(kb, published, expr, status, rule, expect_status, expect_value) -> None:
    ev = draft(status=status, rule=rule, date=expr)
    doc = run(OwnDates, kb, Doc(text="x", published=published), [ev])
    assert (ev.status, ev.date_value, ev.date_rule) == (expect_status, expect_value, "date:own")
    assert ev.status_rule == ("status:date-ahead" if expect_status != status else rule)
    assert doc.events == [ev]


def test_own_dates_leave_an_undated_event_alone(kb) -> None:
    ev = draft(status="occurred", rule="status:default")
    run(OwnDates, kb, Doc(text="x", published=JUNE_20), [ev])
    assert (ev.status, ev.date_value, ev.date_rule) == ("occurred", None, None)


def test_own_dates_ignore_weak_frames_when_judging_the_tense(kb) -> None:
    strong = frame(trig(100), rule="status:default")
    weak = frame(trig(300, weak=True), rule="status:own_tense")
    ev = draft(frames=[strong, weak], rule="status:default", date=JULY_3)
    run(OwnDates, kb, Doc(text="x", published=JUNE_20), [ev])
    assert ev.status == "planned"


def test_ahead_is_false_when_the_resolver_gives_nothing() -> None:
    doc = Doc(text="x", published=JUNE_20)
    assert _ahead(doc, JULY_3, lambda expr, status: None) is False
    assert _ahead(doc, JULY_3, DateResolver(doc)) is True


@pytest.mark.parametrize(
    ("value", "expect"),
    [
        ("2024-02", dt.date(2024, 2, 29)),
        ("2023-02", dt.date(2023, 2, 28)),
        ("2024-12", dt.date(2024, 12, 31)),
        ("2024-05-07", dt.date(2024, 5, 7)),
        ("XXXX-05", None),
        ("XXXX-05-07", None),
        ("2024", None),
    ],
)
def test_last_day(value, expect) -> None:
    assert _last_day(value) == expect


@pytest.mark.parametrize(
    ("value", "expect"),
    [
        ("2024-05-07", dt.date(2024, 5, 7)),
        ("2024-02-30", None),  # not a day
        ("2024-05", None),
        ("XXXX-05-07", None),
        ("", None),
        (None, None),
    ],
)
def test_day(value, expect) -> None:
    assert _day(value) == expect


@pytest.mark.parametrize(
    ("value", "expect"),
    [
        (None, None),
        ("2024-07-03", "2024-07-03"),
        ("2024-07-03/2024-07-04", "2024-07-03"),
        ("2024-05", "2024-05-01"),
        ("2024-05/2024-06", "2024-05-01"),
    ],
)
def test_start(value, expect) -> None:
    assert _start(value) == expect


@pytest.mark.parametrize(
    ("dateline_place", "mentions", "code", "expect"),
    [
        (None, [BEIJING], "CHN", BEIJING),
        (SHANGHAI, [BEIJING], "CHN", SHANGHAI),
        (state(0, "CHN"), [BEIJING], "CHN", BEIJING),  # a dateline that is a state is no city
        (None, [BEIJING], "RUS", None),
        (None, [], None, None),
    ],
)
def test_city_in(dateline_place, mentions, code, expect) -> None:
    assert _city_in(Doc(text="x", dateline_place=dateline_place, mentions=mentions), code) == expect


# ----------------------------------------------------------------------- Occasions
def _meeting_occasion(**kw):
    base = dict(date=day(10, 4, 9), date_value="2024-04-09", location=BEIJING, parties=[state(20, "RUS"), state(30, "CHN")],
                implied_parties={"RUS", "CHN"}, persons=[per(40, "Putin", "vladimir_putin"), per(50, "Xi", "xi_jinping")])
    base.update(kw)
    return draft("meeting", **base)


def test_occasions_give_a_signing_date_place_parties_and_signatories(kb) -> None:
    meeting = _meeting_occasion(group_role="head_of_state")
    signing = draft("signing", start=200)
    run(Occasions, kb, Doc(text="x"), [meeting, signing])
    assert (signing.date, signing.date_value, signing.date_rule) == (meeting.date, "2024-04-09", "date:from-occasion")
    assert (signing.location, signing.location_rule) == (BEIJING, "location:from-occasion")
    assert signing.parties == meeting.parties and signing.parties is not meeting.parties
    assert signing.implied_parties == {"RUS", "CHN"}
    assert [p.text for p in signing.persons] == ["Putin", "Xi"]
    assert signing.group_role == "head_of_state"


@pytest.mark.parametrize(
    ("signing_kw", "persons", "parties"),
    [
        (dict(), ["Putin", "Xi"], ["RUS", "CHN"]),
        (dict(witnessed=True), [], ["RUS", "CHN"]),  # signed by officials in the leaders' presence
        (dict(persons=[per(150, "Lavrov", "sergei_lavrov")]), ["Lavrov"], ["RUS", "CHN"]),
        (dict(parties=[state(160, "BLR")]), ["Putin", "Xi"], ["BLR"]),  # its own parties stay
        (dict(implied_parties={"BLR"}), ["Putin", "Xi"], []),
    ],
)
def test_occasions_never_override_what_the_signing_has(kb, signing_kw, persons, parties) -> None:
    signing = draft("signing", start=200, **signing_kw)
    run(Occasions, kb, Doc(text="x"), [_meeting_occasion(), signing])
    assert [p.text for p in signing.persons] == persons
    assert [p.code for p in signing.parties] == parties


def test_an_adoption_takes_place_and_date_but_never_persons(kb) -> None:
    adoption = draft("adoption", start=200)
    run(Occasions, kb, Doc(text="x"), [_meeting_occasion(), adoption])
    assert adoption.date_value == "2024-04-09" and adoption.location == BEIJING
    assert adoption.persons == []


def test_a_dated_document_keeps_its_own_date_and_place(kb) -> None:
    own = day(300, 4, 10)
    signing = draft("signing", start=200, date=own, date_value="2024-04-10")
    run(Occasions, kb, Doc(text="x"), [_meeting_occasion(), signing])
    assert (signing.date, signing.location, signing.persons) == (own, None, [])


def test_an_occasion_in_a_country_gives_the_city_the_document_names(kb) -> None:
    visit = draft("visit", location=CHINA, date=day(10, 4, 9), date_value="2024-04-09")
    signing = draft("signing", start=200)
    run(Occasions, kb, Doc(text="x", mentions=[BEIJING]), [visit, signing])
    assert (signing.location, signing.location_rule) == (BEIJING, "location:from-occasion")


@pytest.mark.parametrize(
    "occasion_kw",
    [
        dict(status="planned"),  # another status
        dict(reference=True),  # a reference point, not the occasion
    ],
)
def test_no_occasion_no_carrying(kb, occasion_kw) -> None:
    signing = draft("signing", start=200)
    run(Occasions, kb, Doc(text="x"), [_meeting_occasion(**occasion_kw), signing])
    assert (signing.date, signing.location, signing.persons, signing.parties) == (None, None, [], [])


def test_occasions_do_not_touch_meetings(kb) -> None:
    first, second = _meeting_occasion(), draft("meeting", start=200)
    run(Occasions, kb, Doc(text="x"), [first, second])
    assert second.date is None and second.location is None


@pytest.mark.parametrize(
    ("candidates", "expect"),
    [
        # the same sentence wins over anything else
        ([("far_meeting", "meeting", (5,), True), ("same_visit", "visit", (0,), False)], "same_visit"),
        # beyond reach: the document's main occasion: one with a date or a place, then a
        # meeting over a visit, then the most mentioned
        ([("bare", "meeting", (5,), False), ("dated_visit", "visit", (6,), True)], "dated_visit"),
        ([("visit", "visit", (5,), True), ("meeting", "meeting", (6,), True)], "meeting"),
        ([("once", "meeting", (5,), True), ("twice", "meeting", (6, 7), True)], "twice"),
        # within reach: the nearest, the earlier on a tie, however often the other is mentioned
        ([("near", "meeting", (1,), True), ("often", "meeting", (3, 6, 7), True)], "near"),
        ([("after", "meeting", (1,), True), ("before", "visit", (-1,), True)], "before"),
        # phone calls and documents are no occasions
        ([("call", "phone_call", (0,), True)], None),
    ],
)
def test_occasion_choice(candidates, expect) -> None:
    named = {}
    for name, type_, sentences, dated in candidates:
        named[name] = draft(type_, sentences=sentences, date=day(0, 4, 9) if dated else None)
    signing = draft("signing", sentences=(0,))
    found = _occasion(signing, [*named.values(), signing])
    assert found is (named[expect] if expect else None)


# -------------------------------------------------------------------------- Visits
def test_a_meeting_during_a_visit_takes_its_date_and_city_and_its_hosts_join(kb) -> None:
    visit = draft("visit", sentences=(0,), location=CHINA, date=day(10, 4, 9), date_value="2024-04-09",
                  persons=[per(40, "Putin", "vladimir_putin")])
    meeting = draft("meeting", sentences=(2,), start=200, persons=[per(210, "Xi", "xi_jinping")])
    run(Visits, kb, Doc(text="x", mentions=[BEIJING]), [visit, meeting])
    assert (meeting.date_value, meeting.date_rule) == ("2024-04-09", "date:from-visit")
    assert (meeting.location, meeting.location_rule) == (BEIJING, "location:from-visit")
    assert [p.text for p in visit.persons] == ["Putin", "Xi"]
    assert visit.location == CHINA  # the visit keeps its destination


def test_a_visit_with_no_destination_takes_the_meetings_place(kb) -> None:
    visit = draft("visit", sentences=(1,))
    meeting = draft("meeting", sentences=(0,), start=200, location=MOSCOW, date=day(0, 4, 9))
    run(Visits, kb, Doc(text="x"), [visit, meeting])
    assert (visit.location, visit.location_rule) == (MOSCOW, "location:from-meeting")
    assert meeting.location_rule is None  # its own place, not carried


@pytest.mark.parametrize(
    ("visit_kw", "meeting_kw"),
    [
        (dict(sentences=(0,)), dict(sentences=(4,))),  # too far from the visit
        (dict(sentences=(9,)), dict(sentences=(2,))),
        (dict(status="planned"), dict(sentences=(1,))),  # another status
    ],
)
def test_a_meeting_away_from_the_visit_takes_nothing(kb, visit_kw, meeting_kw) -> None:
    visit = draft("visit", location=CHINA, date=day(10, 4, 9), date_value="2024-04-09", persons=[per(40, "Putin")], **visit_kw)
    meeting = draft("meeting", start=200, persons=[per(210, "Xi")], **meeting_kw)
    run(Visits, kb, Doc(text="x", mentions=[BEIJING]), [visit, meeting])
    assert (meeting.date, meeting.location) == (None, None)
    assert [p.text for p in visit.persons] == ["Putin"]


@pytest.mark.parametrize(("published", "joins"), [(dt.date(2024, 4, 9), True), (dt.date(2024, 4, 20), False)])
def test_a_coming_meeting_in_a_visit_going_on(kb, published, joins) -> None:
    # "прибыл с двухдневным визитом ... встретится с Си Цзиньпином": held during it while it goes on
    visit = draft("visit", sentences=(0,), location=CHINA, date=day(10, 4, 8), date_value="2024-04-08/2024-04-09",
                  persons=[per(40, "Putin", "vladimir_putin")])
    meeting = draft("meeting", status="planned", sentences=(1,), start=200, persons=[per(210, "Xi", "xi_jinping")])
    run(Visits, kb, Doc(text="x", mentions=[BEIJING], published=published), [visit, meeting])
    assert (meeting.location == BEIJING) is joins
    assert ([p.text for p in visit.persons] == ["Putin", "Xi"]) is joins


def test_a_dated_meeting_takes_the_nearest_visit_whose_days_hold_it(kb) -> None:
    # "Al-Sudani visited Ankara in March last year ... Fidan, who was in Baghdad last month ... He met Hussein on March 14"
    last_year = draft("visit", sentences=(0,), location=MOSCOW, date=day(10, 3, 1), date_value="2023-03")
    last_month = draft("visit", sentences=(2,), start=100, location=BEIJING, date=day(110, 3, 1), date_value="2024-03")
    meeting = draft("meeting", sentences=(3,), start=200, date=day(210, 3, 14), date_value="2024-03-14")
    run(Visits, kb, Doc(text="x"), [last_year, last_month, meeting])
    assert (meeting.location, meeting.location_rule) == (BEIJING, "location:from-visit")
    # a visit whose days cannot hold the meeting gives nothing, however near
    other = draft("meeting", sentences=(1,), start=300, date=day(310, 5, 2), date_value="2024-05-02")
    run(Visits, kb, Doc(text="x"), [last_year, last_month, other])
    assert other.location is None


def test_visits_leave_other_event_types_alone(kb) -> None:
    visit = draft("visit", location=CHINA, date=day(10, 4, 9))
    call = draft("phone_call", start=200)
    run(Visits, kb, Doc(text="x"), [visit, call])
    assert (call.date, call.location) == (None, None)


@pytest.mark.parametrize(
    ("a", "b", "expect"),
    [
        ({0}, {0}, True),
        ({0}, {3}, True),
        ({3}, {0}, True),
        ({0}, {4}, False),
        ({10}, {6}, False),
        ({1, 20}, {17}, True),
        ({1, 20}, {10}, False),
        (set(), {1}, False),
    ],
)
def test_near(a, b, expect) -> None:
    assert _near(_with_sentences(a), _with_sentences(b)) is expect


@pytest.mark.parametrize(("reach", "expect"), [(1, False), (2, True), (3, True)])
def test_near_within_a_given_reach(reach, expect) -> None:
    assert _near(_with_sentences({0}), _with_sentences({2}), reach) is expect


def _with_sentences(sentences: set[int]):
    ev = draft()
    ev.sentences = set(sentences)
    return ev


# ------------------------------------------------------------------------- Anchors
def _anchored_summit(sentence: int = 0, status: str = "occurred", type: str = "meeting"):
    summit = draft(type, sentences=(sentence,), status=status, group="multilateral", date=day(10, 6, 15), date_value="2024-06-15", location=MOSCOW)
    summit.frames[0].anchor = True
    return summit


@pytest.mark.parametrize(
    ("summit_kw", "ev_kw", "carried"),
    [
        (dict(), dict(), True),  # "on the sidelines of the summit, Putin met Modi"
        (dict(), dict(type="signing"), True),
        (dict(status="cancelled"), dict(status="cancelled"), True),
        (dict(type="visit"), dict(), True),  # "during the visit, the ministers signed"
        # negatives
        (dict(), dict(sentences=(1,)), False),  # the occasion is named in another sentence
        (dict(type="phone_call"), dict(), False),  # a call is no occasion
        (dict(status="cancelled"), dict(status="planned"), False),  # one called off, the other not
        (dict(), dict(status="cancelled"), False),
    ],
)
def test_anchors_give_their_place_and_date_to_what_is_held_there(kb, summit_kw, ev_kw, carried) -> None:
    summit = _anchored_summit(**summit_kw)
    ev = draft(ev_kw.pop("type", "meeting"), start=200, **{"sentences": (0,), **ev_kw})
    run(Anchors, kb, Doc(text="x"), [summit, ev])
    if carried:
        assert (ev.date_value, ev.date_rule, ev.location, ev.location_rule) == ("2024-06-15", "date:from-anchor", MOSCOW, "location:from-anchor")
    else:
        assert (ev.date, ev.location) == (None, None)


def test_an_anchor_gives_nothing_to_itself_nor_to_other_anchor_mentions_and_never_overrides(kb) -> None:
    summit = _anchored_summit()
    other = draft(start=300, sentences=(0,))
    other.frames[0].anchor = True
    own = draft(start=200, sentences=(0,), date=day(250, 6, 16), date_value="2024-06-16", location=BEIJING)
    run(Anchors, kb, Doc(text="x"), [summit, other, own])
    assert (summit.date_rule, summit.location_rule) == (None, None)
    assert (other.date, other.location) == (None, None)
    assert (own.date_value, own.location) == ("2024-06-16", BEIJING)


def test_the_first_anchored_occasion_of_a_sentence_counts(kb) -> None:
    first, second = _anchored_summit(), _anchored_summit()
    second.location = BEIJING
    ev = draft(start=200, sentences=(0,))
    run(Anchors, kb, Doc(text="x"), [first, second, ev])
    assert ev.location == MOSCOW


# --------------------------------------------------------------- CancelledOccasions
def _cancelled(type="visit", sentences=(0,), date_value="2024-05-01/2024-05-03"):
    return draft(type, status="cancelled", rule="status:cancellation", sentences=sentences, date_value=date_value)


@pytest.mark.parametrize(
    ("outer", "ev_kw", "expect"),
    [
        # what was to happen inside a called-off visit is called off too
        (_cancelled(), dict(sentences=(1,), date_value="2024-05-02"), "cancelled"),
        (_cancelled(), dict(sentences=(2,), date_value=None), "cancelled"),  # an unknown date may lie inside
        (_cancelled(), dict(type="signing", sentences=(0,)), "cancelled"),
        (_cancelled("meeting"), dict(type="adoption", sentences=(1,)), "cancelled"),
        # negatives
        (_cancelled(), dict(sentences=(3,)), "planned"),  # too far from the occasion
        (_cancelled(), dict(sentences=(1,), date_value="2024-06-02"), "planned"),  # its own date, outside
        (_cancelled(), dict(type="phone_call", sentences=(1,)), "planned"),  # not held inside a visit
        (_cancelled("meeting"), dict(sentences=(1,)), "planned"),
        (_cancelled(), dict(sentences=(1,), status="occurred"), "occurred"),
    ],
)
def test_what_was_to_happen_inside_a_cancelled_occasion_is_cancelled(kb, outer, ev_kw, expect) -> None:
    ev = draft(ev_kw.pop("type", "meeting"), start=300, **{"status": "planned", **ev_kw})
    doc = run(CancelledOccasions, kb, Doc(text="x"), [outer, ev])
    assert doc.events == [outer, ev]
    assert ev.status == expect
    assert ev.status_rule == ("status:inside-cancelled" if expect == "cancelled" else "status:own_tense")


def test_a_planned_mention_of_a_cancelled_slot_joins_it(kb) -> None:
    """"подписание отложено ... должны были подписать 27 февраля": one happening."""
    cancelled = _cancelled("signing", sentences=(0,), date_value="2024-02-27")
    planned = draft("signing", status="planned", sentences=(1,), start=300, date_value="2024-02-27")
    doc = run(CancelledOccasions, kb, Doc(text="x"), [cancelled, planned])
    assert doc.events == [cancelled]
    assert len(cancelled.frames) == 2 and cancelled.sentences == {0, 1}


@pytest.mark.parametrize(
    ("cancelled_kw", "planned_kw", "expect"),
    [
        (dict(), dict(), True),
        (dict(), dict(date_value="2024-02-28"), False),
        (dict(), dict(date_value=None), False),  # no date: nothing to say it is the same slot
        (dict(date_value=None), dict(date_value=None), False),
        (dict(), dict(type="meeting"), False),
        (dict(), dict(sentences=(3,)), False),
    ],
)
def test_same_slot(cancelled_kw, planned_kw, expect) -> None:
    cancelled = _cancelled(**{"type": "signing", "date_value": "2024-02-27", **cancelled_kw})
    planned = draft(**{"type": "signing", "status": "planned", "sentences": (1,), "date_value": "2024-02-27", **planned_kw})
    assert _same_slot(cancelled, planned) is expect


@pytest.mark.parametrize(
    ("inner", "outer", "expect"),
    [
        (None, "2024-05-01", True),
        ("2024-05-01", None, True),
        ("2024-05-01", "2024-05-01", True),
        ("2024-05-02", "2024-05-01/2024-05-03", True),
        ("2024-05-01/2024-05-02", "2024-05-01/2024-05-03", True),
        ("2024-05-02/2024-05-04", "2024-05-01/2024-05-03", False),
        ("2024-04-30", "2024-05-01/2024-05-03", False),
        ("2024-06-01", "2024-05-01", False),
    ],
)
def test_within(inner, outer, expect) -> None:
    assert _within(inner, outer) is expect


# -------------------------------------------------------------------------- Groups
PUTIN, XI, LAVROV, WANG = (per(10, "Putin", "vladimir_putin"), per(20, "Xi", "xi_jinping"),
                           per(30, "Lavrov", "sergei_lavrov"), per(40, "Wang", "wang_yi"))


@pytest.mark.parametrize(
    ("role", "mentions", "date_value", "expect"),
    [
        # holders of the office named on the day
        ("head_of_state", [PUTIN, LAVROV, XI, WANG], None, ["Putin", "Xi"]),
        ("foreign_minister", [PUTIN, LAVROV, XI, WANG, per(50, "Lavrov", "sergei_lavrov")], None, ["Lavrov", "Wang"]),
        ("head_of_government", [PUTIN, LAVROV], "2010-05-01", ["Putin"]),  # Putin was prime minister then
        # no holder: the last two distinct persons named before
        ("head_of_government", [PUTIN, LAVROV, XI, WANG], None, ["Xi", "Wang"]),
        ("any", [PUTIN, LAVROV, XI, per(35, "Xi", "xi_jinping")], None, ["Lavrov", "Xi"]),
        ("any", [per(10, "Smith"), per(20, "Jones")], None, ["Smith", "Jones"]),
        ("head_of_state", [per(10, "Nobody", "no_such_person")], None, ["Nobody"]),
        # persons named after the trigger do not count
        ("any", [PUTIN, per(150, "Xi", "xi_jinping")], None, ["Putin"]),
        ("any", [state(10, "RUS")], None, []),
    ],
)
def test_groups_resolve_to_named_persons(kb, role, mentions, date_value, expect) -> None:
    ev = draft(start=100, group_role=role, date_value=date_value)
    run(Groups, kb, Doc(text="x", published=JUNE_20, mentions=list(mentions)), [ev])
    assert [p.text for p in ev.persons] == expect


@pytest.mark.parametrize(
    "ev_kw",
    [
        dict(group_role=None),
        dict(group_role="any", persons=[per(90, "Lavrov")]),
        dict(group_role="any", witnessed=True),
    ],
)
def test_groups_leave_events_that_need_no_members(kb, ev_kw) -> None:
    ev = draft(start=100, **ev_kw)
    before = list(ev.persons)
    run(Groups, kb, Doc(text="x", published=JUNE_20, mentions=[PUTIN, XI]), [ev])
    assert ev.persons == before


def test_an_office_held_on_no_known_day_counts(kb) -> None:
    """No event date and no publication date: any office of the role counts."""
    ev = draft(start=100, group_role="head_of_government")
    run(Groups, kb, Doc(text="x", mentions=[PUTIN, LAVROV, XI]), [ev])
    assert [p.text for p in ev.persons] == ["Putin"]


@pytest.mark.parametrize(
    ("mentions", "expect"),
    [
        ([PUTIN, XI, per(60, "Putin", "vladimir_putin")], ["Putin", "Xi"]),
        ([per(1, "Smith"), per(2, "John Smith"), per(3, "Jones")], ["Smith", "Jones"]),  # a surname is an identity
        ([], []),
    ],
)
def test_distinct(mentions, expect) -> None:
    assert [m.text for m in _distinct(mentions)] == expect


@pytest.mark.parametrize(
    ("mentions", "expect"),
    [
        ([PUTIN, LAVROV, XI], ["Lavrov", "Xi"]),
        ([PUTIN, XI, per(60, "Putin", "vladimir_putin")], ["Xi", "Putin"]),
        ([PUTIN, per(60, "Putin", "vladimir_putin")], ["Putin"]),
        ([], []),
    ],
)
def test_last_pair(mentions, expect) -> None:
    assert [m.text for m in _last_pair(mentions)] == expect


# ------------------------------------------------------------------ PersonParties
@pytest.mark.parametrize(
    ("persons", "date_value", "published", "expect"),
    [
        ([PUTIN, XI], None, JUNE_20, {"RUS", "CHN"}),
        ([per(1, "Rutte", "mark_rutte")], "2020-01-10", None, {"NLD"}),  # the office held on the event's day
        ([per(1, "Rutte", "mark_rutte")], None, dt.date(2025, 1, 10), {"NATO"}),  # else on publication
        ([per(1, "Rutte", "mark_rutte")], "2024-08-15", None, set()),  # between offices of two parties
        ([per(1, "Smith")], None, JUNE_20, set()),  # not linked
        ([per(1, "Nobody", "no_such_person")], None, JUNE_20, set()),
    ],
)
def test_person_parties(kb, persons, date_value, published, expect) -> None:
    ev = draft(persons=list(persons), date_value=date_value, implied_parties=set())
    run(PersonParties, kb, Doc(text="x", published=published), [ev])
    assert ev.implied_parties == expect


# ------------------------------------------------------------------- FocusParties
RUS, CHN, UKR, SCO = state(1, "RUS"), state(2, "CHN"), state(3, "UKR"), org(4, "SCO")


@pytest.mark.parametrize(
    ("implied", "group", "parties", "expect"),
    [
        ({"RUS", "CHN"}, "bilateral", [RUS, UKR, CHN], ["RUS", "CHN"]),  # Ukraine is a topic
        ({"RUS", "CHN"}, "bilateral", [RUS, SCO, CHN], ["RUS", "CHN"]),
        ({"RUS", "CHN"}, "multilateral", [RUS, SCO, UKR], ["RUS", "SCO"]),  # the summit's organization stays
        ({"RUS"}, "bilateral", [RUS, UKR], ["RUS", "UKR"]),  # one side known: nothing to focus
        (set(), "bilateral", [UKR], ["UKR"]),
    ],
)
def test_focus_parties(kb, implied, group, parties, expect) -> None:
    ev = draft(group=group, implied_parties=set(implied), parties=list(parties))
    run(FocusParties, kb, Doc(text="x"), [ev])
    assert [m.code for m in ev.parties] == expect


@pytest.mark.parametrize(
    ("implied", "parties", "expect"),
    [
        # an adoption by an organization: the body that adopts, not the sponsors or the object
        (set(), [RUS, SCO, UKR], ["SCO"]),
        ({"RUS"}, [RUS, SCO, UKR], ["RUS", "SCO"]),  # a participant's own state stays
        # no organization among them: the usual focusing
        ({"RUS", "CHN"}, [RUS, CHN, UKR], ["RUS", "CHN"]),
        (set(), [RUS, UKR], ["RUS", "UKR"]),
    ],
)
def test_focus_parties_of_an_adoption(kb, implied, parties, expect) -> None:
    ev = draft("adoption", implied_parties=set(implied), parties=list(parties))
    run(FocusParties, kb, Doc(text="x"), [ev])
    assert [m.code for m in ev.parties] == expect


# ------------------------------------------------------------------- DatelineCarry
NOV_26 = DateExpression(7, 16, "26 ноября", "date", month=11, day=26)
MINSK = place(0, "Minsk", "BLR", rule="gazetteer:capital")


def _dateline(date=NOV_26) -> Dateline:
    return Dateline(date=date, place=None, start=0, end=20, text="МИНСК, 26 ноября")


@pytest.mark.parametrize(
    ("ev_kw", "line_date", "line_place", "expect_date", "expect_place"),
    [
        (dict(), NOV_26, MINSK, "2020-11-26", MINSK),
        (dict(type="phone_call"), NOV_26, MINSK, "2020-11-26", None),  # a call has no place
        (dict(), None, MINSK, None, MINSK),  # a dateline without a date
        (dict(), NOV_26, None, "2020-11-26", None),
        (dict(location=MOSCOW), NOV_26, MINSK, "2020-11-26", MOSCOW),  # its own place stays
        (dict(date_value="2020-11-20"), NOV_26, MINSK, "2020-11-20", MINSK),  # a value carried already
        # negatives: not past, or a reference point
        (dict(status="planned"), NOV_26, MINSK, None, None),
        (dict(reference=True), NOV_26, MINSK, None, None),
    ],
)
def test_dateline_dates_and_places_past_events(kb, ev_kw, line_date, line_place, expect_date, expect_place) -> None:
    ev = draft(ev_kw.pop("type", "meeting"), **ev_kw)
    doc = Doc(text="x", published=dt.date(2020, 11, 27), dateline=_dateline(line_date), dateline_place=line_place, sentences=[Sentence(0, 1)])
    run(DatelineCarry, kb, doc, [ev])
    assert (ev.date_value, ev.location) == (expect_date, expect_place)
    if expect_date == "2020-11-26":
        assert (ev.date, ev.date_rule) == (NOV_26, "date:dateline")
    if expect_place is MINSK:
        assert ev.location_rule == "location:dateline"


def test_the_dateline_does_not_date_a_background_event_told_after_the_lead(kb) -> None:
    """An event first mentioned below the lead happened on another day; its place may
    still be the dateline's."""
    ev = draft(sentences=(8,))
    doc = Doc(text="x", published=dt.date(2020, 11, 27), dateline=_dateline(), dateline_place=MINSK, sentences=[Sentence(k, k + 1) for k in range(10)])
    run(DatelineCarry, kb, doc, [ev])
    assert (ev.date_value, ev.location) == (None, MINSK)


def test_no_dateline_carries_nothing(kb) -> None:
    ev = draft()
    run(DatelineCarry, kb, Doc(text="x", dateline_place=MINSK), [ev])
    assert (ev.date, ev.location) == (None, None)


# ------------------------------------------------------------------ DropReferences
@pytest.mark.parametrize(
    ("ev_kw", "kept"),
    [
        # a mention with no argument at all is generic talk
        (dict(), False),
        (dict(date=day(1, 4, 9)), True),
        (dict(location=MOSCOW), True),
        (dict(persons=[PUTIN], parties=[RUS]), True),
        (dict(parties=[RUS]), True),
        # people with no state or organization behind any of them: a gathering at home
        (dict(persons=[PUTIN]), False),
        (dict(persons=[PUTIN], implied_parties={"RUS"}), True),
        (dict(implied_parties={"RUS"}), True),
        # a reference point needs arguments of its own; parties alone are not enough
        (dict(reference=True), False),
        (dict(reference=True, parties=[RUS]), False),
        (dict(reference=True, implied_parties={"RUS"}), False),
        (dict(reference=True, date=day(1, 4, 9)), True),
        (dict(reference=True, location=MOSCOW), True),
        (dict(reference=True, persons=[PUTIN], parties=[RUS]), True),
    ],
)
def test_drop_references(kb, ev_kw, kept) -> None:
    ev = draft(sentences=(0,), **ev_kw)
    other = draft(sentences=(5,), persons=[XI], parties=[CHINA])
    doc = run(DropReferences, kb, Doc(text="x"), [ev, other])
    assert doc.events == ([ev, other] if kept else [other])


@pytest.mark.parametrize(("doc_sentence", "kept"), [(0, True), (1, False)])
def test_a_reference_in_a_document_sentence_stays_the_documents_occasion(kb, doc_sentence, kept) -> None:
    ref = draft(sentences=(0,), reference=True, parties=[RUS])
    signing = draft("signing", sentences=(doc_sentence,), start=300, persons=[XI], parties=[CHINA])
    doc = run(DropReferences, kb, Doc(text="x"), [ref, signing])
    assert (ref in doc.events) is kept and signing in doc.events


def test_a_rule_that_drops_every_event_no_longer_brings_them_back(kb) -> None:
    """Regression: an empty list returned by a rule is what remains, not "no change"."""
    events = [draft(sentences=(0,)), draft(sentences=(1,), reference=True, parties=[RUS])]
    doc = run(DropReferences, kb, Doc(text="x"), events)
    assert doc.events == []


def test_rules_that_change_in_place_keep_the_event_list(kb) -> None:
    events = [draft()]
    doc = run(PersonParties, kb, Doc(text="x"), events)
    assert doc.events is events


def test_module_constants_are_what_the_rules_document() -> None:
    assert carry.VISIT_REACH == 3 and carry.AHEAD_DAYS == 60
    assert carry.WEAK_STATUS_RULES == ("status:default", "status:nearest_verb")


@pytest.mark.parametrize(
    ("lemma", "start", "parties", "kept"),
    [
        ("совещание", 5000, [], False),  # "видеоселекторное совещание ... К совещанию подключились послы"
        ("совещание", 5000, [RUS], False),  # one side: the same gathering at home
        # negatives: two sides; another word; mentioned before the domestic one
        ("совещание", 5000, [RUS, CHN], True),
        ("встреча", 5000, [RUS], True),
        ("совещание", 50, [RUS], True),
    ],
)
def test_a_later_mention_of_a_domestic_gathering_is_no_event(kb, lemma, start, parties, kept) -> None:
    t = trig(start, "meeting", sentence=3)
    ev = draft("meeting", frames=[frame(dataclasses.replace(t, lemma=lemma))], parties=parties, persons=[PUTIN])
    doc = Doc(text="x", domestic=[dataclasses.replace(trig(100, "meeting"), lemma="совещание")])
    assert (ev in run(DropReferences, kb, doc, [ev]).events) is kept


@pytest.mark.parametrize(
    ("parties", "implied", "persons", "kept"),
    [
        ([RUS, CHINA], set(), [PUTIN], True),  # the visitor's side and the host's
        ([RUS], {"CHN"}, [], True),
        ([RUS], set(), [PUTIN], False),  # one side: a trip at home, or sides not given
        ([], set(), [PUTIN], False),
    ],
)
def test_a_visit_has_two_sides(kb, parties, implied, persons, kept) -> None:
    visit = draft("visit", parties=parties, implied_parties=implied, persons=persons, location=MOSCOW)
    doc = run(DropReferences, kb, Doc(text="x"), [visit])
    assert (visit in doc.events) is kept


# ---------------------------------------------------------------------- VisitHosts
@pytest.mark.parametrize(
    ("meeting_kw", "joins"),
    [
        (dict(sentences=(2,)), True),  # the host the talks gained in discourse joins the visit
        (dict(sentences=(6,)), False),  # too far from the visit
        (dict(sentences=(1,), status="planned"), False),  # another status
        (dict(sentences=(1,), location=MOSCOW), False),  # held elsewhere
        (dict(sentences=(1,), date_value="2024-05-20"), False),  # held on another day
    ],
)
def test_a_meetings_persons_join_the_visit_it_is_held_during(kb, meeting_kw, joins) -> None:
    visit = draft("visit", sentences=(0,), location=CHINA, date=day(10, 4, 9), date_value="2024-04-09",
                  persons=[per(40, "Putin", "vladimir_putin")])
    meeting = draft("meeting", start=200, persons=[per(210, "Putin", "vladimir_putin"), per(230, "Xi", "xi_jinping")], **meeting_kw)
    run(VisitHosts, kb, Doc(text="x", mentions=[BEIJING]), [visit, meeting])
    assert [p.text for p in visit.persons] == (["Putin", "Xi"] if joins else ["Putin"])


# --------------------------------------------------------------------- HostParties
@pytest.mark.parametrize(
    ("type_", "location", "implied", "parties", "expect"),
    [
        ("visit", BEIJING, {"RUS"}, [], {"RUS", "CHN"}),  # a Russian visit to Beijing: China hosts
        ("visit", CHINA, set(), [state(10, "RUS")], {"CHN"}),  # the visitor's party named, not implied
        ("visit", BEIJING, {"CHN"}, [], {"CHN"}),  # only the host: no visitor of another party
        ("visit", None, {"RUS"}, [], {"RUS"}),  # no destination
        ("visit", place(0, "New York", "UN", rule="gazetteer:city"), {"RUS"}, [], {"RUS"}),  # not a state
        ("meeting", BEIJING, {"RUS"}, [], {"RUS"}),  # only visits have hosts by place
    ],
)
def test_a_visits_host_state_takes_part(kb, type_, location, implied, parties, expect) -> None:
    ev = draft(type_, location=location, parties=list(parties))
    ev.implied_parties = set(implied)
    run(HostParties, kb, Doc(text="x"), [ev])
    assert ev.implied_parties == expect


@pytest.mark.parametrize(
    ("date_value", "place"),
    [
        (None, MINSK),  # nothing says it happened elsewhere
        ("2020-11-26", MINSK),  # on the dateline's day
        ("2019-05-03", None),  # a background event of another day: not "reported as having happened there"
        ("2020-11", None),  # another precision: not the dateline's day
    ],
)
def test_the_dateline_places_only_what_happened_there_below_the_lead(kb, date_value, place) -> None:
    ev = draft(sentences=(8,), date_value=date_value)
    doc = Doc(text="x", published=dt.date(2020, 11, 27), dateline=_dateline(), dateline_place=MINSK, sentences=[Sentence(k, k + 1) for k in range(10)])
    run(DatelineCarry, kb, doc, [ev])
    assert ev.location == place


# --------------------------------------------------------------------- BothParties
def _with(type_: str = "meeting", implied: set[str] = frozenset(), both: bool = False, parties=()):  # noqa: ANN202
    ev = draft(type_, parties=list(parties))
    ev.implied_parties, ev.both_parties = set(implied), both
    return ev


@pytest.mark.parametrize(
    ("target", "expect"),
    [
        (dict(both=True), {"RUS", "IND"}),  # "консультации между МИД двух стран": the document's two sides
        (dict(both=True, implied={"IND"}), {"RUS", "IND"}),
        (dict(both=True, implied={"CHN", "USA"}), {"CHN", "USA"}),  # two of its own: kept
        (dict(), set()),  # no such phrase
        (dict(type_="adoption", both=True), set()),  # an adopting body is named, not implied
    ],
)
def test_the_two_sides_are_the_documents_two_leading_parties(kb, target, expect) -> None:
    main = [_with(implied={"RUS", "IND"}), _with(implied={"RUS"}), _with(implied={"IND", "RUS"})]
    ev = _with(**target)
    run(BothParties, kb, Doc(text="x"), [*main, ev])
    assert ev.implied_parties == expect


@pytest.mark.parametrize(
    ("implied", "expect"),
    [
        ([{"RUS", "IND"}, {"RUS"}, {"IND"}], ["IND", "RUS"]),  # a tie: first counted first (sorted within an event)
        ([{"RUS"}, {"RUS", "CHN"}, {"CHN", "UN"}, {"CHN"}], ["CHN", "RUS"]),  # organizations do not count
        ([{"RUS"}], ["RUS"]),
    ],
)
def test_leading_parties(kb, implied, expect) -> None:
    assert _leading_parties([_with(implied=i) for i in implied], kb.states.keys()) == expect



@pytest.mark.parametrize(
    ("other", "joins"),
    [
        (per(230, "Xi", "xi_jinping"), True),  # the host: he stands for the destination's state
        (per(230, "Lavrov", "sergei_lavrov"), False),  # another delegation met in that city
        (per(230, "Somebody"), False),  # unknown: nothing says he hosts
    ],
)
def test_only_the_hosts_of_a_visit_join_it(kb, other, joins) -> None:
    visit = draft("visit", sentences=(0,), location=CHINA, date=day(10, 4, 9), date_value="2024-04-09",
                  persons=[per(40, "Putin", "vladimir_putin")])
    meeting = draft("meeting", sentences=(2,), start=200, persons=[per(210, "Putin", "vladimir_putin"), other])
    run(VisitHosts, kb, Doc(text="x", mentions=[BEIJING]), [visit, meeting])
    assert [p.text for p in visit.persons] == (["Putin", other.text] if joins else ["Putin"])


# ------------------------------------------------------------------ witnesses
@pytest.mark.parametrize(
    ("lang", "text", "expect"),
    [
        # a witnessed mention of "the documents" speaks of every signing of its day
        ("en", "India and Indonesia on Saturday signed a memorandum on health and an agreement on trade after talks between "
         "Prime Minister Narendra Modi and President Prabowo Subianto. The documents were signed by officials in the presence of the two leaders.",
         [[], []]),
        ("ru", "Россия и Китай в среду подписали соглашение о торговле и меморандум о туризме после переговоров Владимира Путина и Си Цзиньпина. "
         "Документы были подписаны министрами в присутствии лидеров.",
         [[], []]),
        # the persons named as signing stay
        ("en", "Lavrov and Wang Yi signed a plan of consultations on Saturday. The documents were signed in the presence of Putin and Xi Jinping.",
         [["Lavrov", "Wang Yi"]]),
        # no witness: the participants of the talks sign
        ("en", "India and Indonesia on Saturday signed a memorandum on health after talks between Prime Minister Narendra Modi and President Prabowo Subianto.",
         [["Narendra Modi", "Prabowo Subianto"]]),
    ],
)
def test_witnessed_documents_have_no_signatories_but_the_named_ones(extractor, lang, text, expect) -> None:
    result = extractor.extract(text, "2025-01-25")
    assert [[p.name for p in ev.persons] for ev in result.events if ev.type == "signing"] == expect


@pytest.mark.parametrize(
    ("lang", "text", "published", "expect"),
    [
        # a signing planned inside a postponed visit takes the visit's days and parties
        ("ru", "Запланированный на 18–19 ноября визит министра иностранных дел России Сергея Лаврова в Белград отложен. "
         "В ходе визита Лавров должен был провести переговоры с главой МИД Сербии Марко Джуричем. "
         "Стороны также планировали подписать план консультаций между министерствами на 2025–2026 годы.",
         "2024-11-14", ("cancelled", "2024-11-18/2024-11-19", {"RUS", "SRB"})),
        ("en", "Sergei Lavrov's visit to Belgrade on November 18-19 has been postponed. During the visit Lavrov was to hold talks "
         "with Serbian Foreign Minister Marko Djuric. The sides also planned to sign a plan of consultations for 2025-2026.",
         "2024-11-14", ("cancelled", "2024-11-18/2024-11-19", {"RUS", "SRB"})),
    ],
)
def test_a_signing_planned_inside_a_cancelled_visit_takes_its_days_and_parties(extractor, lang, text, published, expect) -> None:
    [signing] = [ev for ev in extractor.extract(text, published).events if ev.type == "signing"]
    assert (signing.status, signing.date and signing.date.value, {p.code for p in signing.parties}) == expect
