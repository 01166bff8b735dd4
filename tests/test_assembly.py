"""Event assembly (:mod:`diplo_extract.assembly`): merging rules on hand-built
frames, the date resolver (anaphoric dates count from the last named date, also on
real sentences of both languages), and the small helpers."""
from __future__ import annotations

import datetime as dt

import pytest

from builders import doc_of
from diplo_extract.assembly import (
    CANDIDATES, DateResolver, EventAssembler, EventDraft, _conflict, _counterparts_differ, _documents_differ, _groups_differ,
    _more_specific_destination, _persons_disjoint, _places_differ, _precision, _target, person_id,
)
from diplo_extract.dates import Dateline, DateExpression
from diplo_extract.doc import Doc, Mention
from diplo_extract.documents import DocumentPhrase
from drafts import day, draft, frame, per, place, state, trig

PUTIN, XI = per(10, "Putin", "vladimir_putin"), per(20, "Xi", "xi_jinping")
LAVROV, WANG = per(30, "Lavrov", "sergei_lavrov"), per(40, "Wang", "wang_yi")
MOSCOW = place(50, "Moscow", "RUS")
BEIJING = place(60, "Beijing", "CHN")
CHINA = state(70, "CHN", "China")


def by_text(expr, status):  # a resolver that tells dates apart by what they say
    return None if expr is None else expr.text


def docphrase(title: str, kind: str = "agreement", generic: bool = False) -> DocumentPhrase:
    return DocumentPhrase(0, len(title), title, kind, title, 0, 0, 1, generic=generic)


# ---------------------------------------------------------------------- person_id
@pytest.mark.parametrize(
    ("mention", "expect"),
    [
        (per(0, "Лаврова", "sergei_lavrov"), "person:sergei_lavrov"),  # the key, whatever the form
        (Mention(0, 10, "John Smith", "PER", name="John Smith"), "name:smith"),  # else the surname
        (Mention(0, 5, "SMITH", "PER"), "name:smith"),  # no normalized name: the text
        (Mention(0, 0, "", "PER", name=""), "name:"),
    ],
)
def test_person_id(mention, expect) -> None:
    assert person_id(mention) == expect


# ---------------------------------------------------------------------- _precision
@pytest.mark.parametrize(
    ("expr", "expect"),
    [
        (DateExpression(0, 1, "9 April", "date", month=4, day=9), 3),
        (DateExpression(0, 1, "9-10 April", "range", month=4, day=9, end_day=10), 4),  # all the days beat one
        (DateExpression(0, 1, "9th", "date", day=9), 1),  # a day with no month
        (DateExpression(0, 1, "yesterday", "relative", offset_days=-1), 2),
        (DateExpression(0, 1, "on Monday", "weekday", weekday=0), 2),
        (DateExpression(0, 1, "next week", "week", unit="week", offset=1), 2),
        (DateExpression(0, 1, "in April", "month", month=4), 1),
        (DateExpression(0, 1, "in 2024", "year", year=2024), 1),
        (None, 1),
    ],
)
def test_precision(expr, expect) -> None:
    assert _precision(expr) == expect


# ------------------------------------------------------ _more_specific_destination
@pytest.mark.parametrize(
    ("ev_type", "here", "there", "expect"),
    [
        ("visit", CHINA, BEIJING, True),  # "arrived in China ... flew to Beijing"
        ("visit", CHINA, MOSCOW, False),  # a city of another country
        ("visit", BEIJING, place(0, "Shanghai", "CHN"), False),  # already a city
        ("visit", CHINA, state(0, "CHN"), False),
        ("visit", CHINA, None, False),
        ("visit", None, BEIJING, False),
        ("meeting", CHINA, BEIJING, False),  # only a visit's destination narrows
    ],
)
def test_more_specific_destination(ev_type, here, there, expect) -> None:
    assert _more_specific_destination(draft(ev_type, location=here), there) is expect


# ------------------------------------------------------------- EventDraft.absorb
def test_a_weak_frame_joins_without_giving_arguments() -> None:
    ev = draft()
    ev.absorb(frame(trig(500, sentence=3, weak=True), date=day(1, 4, 9), location=MOSCOW, persons=[PUTIN]))
    assert len(ev.frames) == 2 and ev.sentences == {0, 3}
    assert (ev.date, ev.location, ev.persons, ev.person_ids) == (None, None, [], set())


@pytest.mark.parametrize(
    ("first", "second", "expect"),
    [
        (DateExpression(0, 9, "yesterday", "relative", offset_days=-1), DateExpression(20, 27, "9 April", "date", month=4, day=9), "9 April"),
        (DateExpression(0, 7, "9 April", "date", month=4, day=9), DateExpression(20, 29, "yesterday", "relative", offset_days=-1), "9 April"),
        (DateExpression(0, 5, "April", "month", month=4), DateExpression(20, 29, "yesterday", "relative", offset_days=-1), "yesterday"),
        (DateExpression(0, 7, "9 April", "date", month=4, day=9), DateExpression(20, 28, "10 April", "date", month=4, day=10), "9 April"),  # ties keep the first
        (None, DateExpression(20, 28, "10 April", "date", month=4, day=10), "10 April"),
    ],
)
def test_the_more_precise_date_wins(first, second, expect) -> None:
    ev = EventDraft("meeting", "occurred", "status:own_tense")
    ev.absorb(frame(trig(100), date=first))
    ev.absorb(frame(trig(200), date=second))
    assert ev.date.text == expect


@pytest.mark.parametrize(
    ("ev_type", "places", "expect"),
    [
        ("meeting", [MOSCOW, BEIJING], MOSCOW),  # the first place stays
        ("meeting", [None, BEIJING], BEIJING),
        ("visit", [CHINA, BEIJING], BEIJING),  # a visit narrows to the city
        ("visit", [CHINA, MOSCOW], CHINA),
        ("visit", [CHINA, None], CHINA),
    ],
)
def test_absorbed_places(ev_type, places, expect) -> None:
    ev = EventDraft(ev_type, "occurred", "status:own_tense")
    for k, where in enumerate(places):
        ev.absorb(frame(trig(100 + 100 * k, ev_type), location=where))
    assert ev.location == expect


def test_absorb_gathers_persons_parties_and_keeps_the_first_document() -> None:
    ev = EventDraft("signing", "occurred", "status:own_tense")
    first, second = docphrase("Agreement on Trade"), docphrase("Memorandum on Energy", kind="memorandum")
    ev.absorb(frame(trig(100, "signing"), persons=[PUTIN], parties=[state(1, "RUS")], document=first, period=(2021, 2022)))
    ev.absorb(frame(trig(200, "signing", sentence=2), persons=[XI], parties=[state(2, "CHN")], document=second,
                    period=(2023, 2024), group_role="head_of_state", witnessed=True))
    assert [p.text for p in ev.persons] == ["Putin", "Xi"]
    assert ev.person_ids == {"person:vladimir_putin", "person:xi_jinping"}
    assert [p.code for p in ev.parties] == ["RUS", "CHN"]
    assert (ev.document, ev.period, ev.group_role, ev.witnessed) == (first, (2021, 2022), "head_of_state", True)
    assert ev.sentences == {0, 2}


def test_triggers_are_every_mention_once_in_text_order() -> None:
    verb = trig(10, pos="verb", text="met")
    f1 = frame(trig(300))
    f2 = frame(trig(100), shared=[verb])
    f3 = frame(trig(300))  # the same span again
    ev = EventDraft("meeting", "occurred", "r", frames=[f1, f2, f3], extra_mentions=[trig(500, weak=True), verb])
    assert [t.start for t in ev.triggers] == [10, 100, 300, 500]


# ----------------------------------------------------------------- the merge rules
@pytest.mark.parametrize(
    ("ids", "persons", "expect"),
    [
        ({"a", "b"}, ["c", "d"], True),
        ({"a", "b", "c"}, ["c", "d"], True),  # overlap, but neither holds the other
        ({"a", "b"}, ["a", "b", "c"], False),
        ({"a", "b", "c"}, ["a", "b"], False),
        ({"a"}, ["c", "d"], False),  # a single name may be one side of the same talks
        ({"a", "b"}, ["c"], True),  # both sides known: "Встреча с Си Цзиньпином" after talks with Wang Yi
        ({"a", "b"}, ["a"], False),  # one of the two sides again
        ({"a", "b", "c"}, ["d"], False),  # a group: a further name may be another participant
        (set(), [], False),
    ],
)
def test_persons_disjoint(ids, persons, expect) -> None:
    mentions = [Mention(0, 1, p, "PER", key=p) for p in persons]
    assert _persons_disjoint(ids, mentions) is expect


@pytest.mark.parametrize(
    ("a", "b", "expect"),
    [
        (MOSCOW, place(0, "MOSCOW", "RUS"), False),  # the same name in capitals
        (MOSCOW, BEIJING, True),
        (MOSCOW, Mention(0, 6, "Moscow", "LOC"), False),  # no name: its text
        (None, BEIJING, False),
        (MOSCOW, None, False),
    ],
)
def test_places_differ(a, b, expect) -> None:
    assert _places_differ(a, b) is expect


@pytest.mark.parametrize(
    ("a", "b", "expect"),
    [
        (docphrase("Agreement on Trade"), docphrase("agreement on trade"), False),
        (docphrase("Agreement on trade and economic cooperation"), docphrase("Agreement on trade cooperation"), False),  # fuzzy same
        (docphrase("Agreement on Trade"), docphrase("Visa-Free Travel Accord"), True),
        (docphrase("Plan of consultations", kind="plan"), docphrase("Plan of consultations", kind="programme"), True),
        (docphrase("Agreement on Trade"), docphrase("the document", generic=True), False),  # refers back
        (docphrase("the agreement", generic=True), docphrase("Agreement on Trade"), False),
        (None, docphrase("Agreement on Trade"), False),
        (docphrase("Agreement on Trade"), None, False),
    ],
)
def test_documents_differ(a, b, expect) -> None:
    assert _documents_differ(a, b) is expect


def test_groups_differ_compares_the_first_strong_mention() -> None:
    summit = draft(group="multilateral")
    assert _groups_differ(summit, frame(trig(300)))
    assert not _groups_differ(summit, frame(trig(300, weak=True)))
    assert not _groups_differ(summit, frame(trig(300, group="multilateral")))
    assert not _groups_differ(EventDraft("meeting", "occurred", "r", frames=[frame(trig(1, weak=True))]), frame(trig(300)))


CONFLICTS = [
    # (what the event has, what the frame brings, conflict?)
    (dict(), dict(), False),
    (dict(date=day(0, 4, 9, text="9 April")), dict(date=day(200, 4, 9, text="9 April")), False),
    (dict(date=day(0, 4, 9, text="9 April")), dict(date=day(200, 4, 10, text="10 April")), True),
    (dict(date=day(0, 4, 9, text="9 April")), dict(location=MOSCOW), False),  # a missing date never differs
    (dict(location=MOSCOW), dict(location=BEIJING), True),
    (dict(location=MOSCOW), dict(location=place(300, "moscow", "RUS")), False),
    (dict(persons=[PUTIN, XI], person_ids={"person:vladimir_putin", "person:xi_jinping"}), dict(persons=[LAVROV, WANG]), True),
    (dict(persons=[PUTIN, XI], person_ids={"person:vladimir_putin", "person:xi_jinping"}), dict(persons=[PUTIN]), False),
    (dict(type="signing", document=docphrase("Agreement on Trade")), dict(document=docphrase("Memorandum on Energy", "memorandum")), True),
    (dict(type="signing", document=docphrase("Agreement on Trade")), dict(document=docphrase("the document", generic=True)), False),
    (dict(status="planned"), dict(location=MOSCOW), True),  # status differs
    (dict(reference=True), dict(location=MOSCOW), True),  # a reference never merges with its own event
    (dict(), dict(location=MOSCOW, reference=True), True),
    (dict(group="multilateral"), dict(location=MOSCOW), True),  # a summit is not bilateral talks
    # a mention with no arguments of its own (or weak) joins anything but a reference or another group
    (dict(status="planned"), dict(), False),
    (dict(status="planned"), dict(weak=True, location=BEIJING), False),
    (dict(reference=True), dict(), True),
    (dict(reference=True), dict(weak=True), True),
    (dict(group="multilateral"), dict(), True),
    # a reference frame with no arguments is checked in full, unless it is an anchor
    (dict(status="planned"), dict(reference=True), True),
    (dict(reference=True), dict(reference=True), False),
    (dict(status="planned"), dict(reference=True, anchor=True), False),
    # an anchor ("в ходе визита стороны договорились") states no status of its own
    (dict(status="planned"), dict(anchor=True, location=MOSCOW), False),
    (dict(status="planned", location=BEIJING), dict(anchor=True, location=MOSCOW), True),  # but its place counts
]


@pytest.mark.parametrize(
    ("ev_status", "rule", "frame_kw", "expect"),
    [
        # "postponed a trip ... the trip had been seen as": a noun with no tense of its own joins the cancelled trip
        ("cancelled", "status:default", dict(persons=[PUTIN]), False),
        ("cancelled", "status:nearest_verb", dict(persons=[PUTIN]), False),
        # negatives: its own tense, its own date, or an event that was not cancelled
        ("cancelled", "status:own_tense", dict(persons=[PUTIN]), True),
        ("cancelled", "status:default", dict(persons=[PUTIN], date=day(0, 4, 9)), True),
        ("planned", "status:default", dict(persons=[PUTIN]), True),
    ],
)
def test_a_weakly_tensed_mention_joins_a_cancelled_event(ev_status, rule, frame_kw, expect) -> None:
    ev = draft("visit", status=ev_status, persons=[PUTIN], person_ids={"person:vladimir_putin"})
    f = frame(trig(5000, "visit"), status="occurred", rule=rule, **frame_kw)
    assert _conflict(ev, f, by_text) is expect


@pytest.mark.parametrize(("ev_kw", "frame_kw", "expect"), CONFLICTS)
def test_conflict(ev_kw, frame_kw, expect) -> None:
    ev_kw = dict(ev_kw)
    ev = draft(ev_kw.pop("type", "meeting"), group=ev_kw.pop("group", "bilateral"), **ev_kw)
    frame_kw = dict(frame_kw)
    weak = frame_kw.pop("weak", False)
    f = frame(trig(5000, ev.type, weak=weak), status="occurred", **frame_kw)
    assert _conflict(ev, f, by_text) is expect


# ------------------------------------------------------------------- assembling
def test_compatible_mentions_make_one_event_and_others_their_own() -> None:
    frames = [
        frame(trig(10), persons=[PUTIN, XI], location=MOSCOW),
        frame(trig(100, sentence=1), persons=[PUTIN]),
        frame(trig(200, "signing", sentence=1), document=docphrase("Agreement on Trade")),
        frame(trig(300, sentence=2), persons=[LAVROV, WANG]),  # other participants: other talks
    ]
    events = EventAssembler().assemble(frames, by_text)
    assert [(e.type, len(e.frames), sorted(e.sentences)) for e in events] == [("meeting", 2, [0, 1]), ("signing", 1, [1]), ("meeting", 1, [2])]


@pytest.mark.parametrize(
    ("frames", "expect"),
    [
        # weak mentions and bare anchors only ever join
        ([frame(trig(10, weak=True), location=MOSCOW)], []),
        ([frame(trig(10), anchor=True)], []),
        ([frame(trig(10), anchor=True, location=MOSCOW)], [1]),  # an anchor with arguments of its own is an event
        ([frame(trig(10), location=MOSCOW), frame(trig(20, weak=True)), frame(trig(30), anchor=True)], [3]),
        ([frame(trig(10, weak=True)), frame(trig(20), location=MOSCOW)], [1]),  # a weak mention before its event is lost
    ],
)
def test_weak_and_anchor_mentions_only_join(frames, expect) -> None:
    assert [len(e.frames) for e in EventAssembler().assemble(frames, by_text)] == expect


@pytest.mark.parametrize(("extra_frames_of_first", "expect_index"), [(0, 1), (1, 0)])
def test_the_most_mentioned_compatible_event_wins_and_the_latest_on_a_tie(extra_frames_of_first, expect_index) -> None:
    first = draft(persons=[PUTIN, XI], person_ids={"person:vladimir_putin", "person:xi_jinping"})
    first.frames += [frame(trig(150))] * extra_frames_of_first
    second = draft(start=300, persons=[LAVROV, WANG], person_ids={"person:sergei_lavrov", "person:wang_yi"})
    assert _target([first, second], frame(trig(900), location=MOSCOW), by_text) is [first, second][expect_index]
    assert _target([first, second], frame(trig(900), persons=[per(1, "Modi"), per(2, "Erdogan")]), by_text) is None


def test_only_the_recent_events_of_a_type_are_candidates() -> None:
    dated = [frame(trig(10 * k), date=DateExpression(10 * k, 10 * k + 2, f"d{k}", "date", month=1, day=1)) for k in range(CANDIDATES + 1)]
    events = EventAssembler().assemble(dated, by_text)
    assert len(events) == CANDIDATES + 1
    late = EventAssembler().assemble([*dated, frame(trig(9000), date=DateExpression(9000, 9002, f"d{CANDIDATES}", "date"))], by_text)
    assert len(late) == CANDIDATES + 1 and len(late[-1].frames) == 2  # joins a recent one
    early = EventAssembler().assemble([*dated, frame(trig(9000), date=DateExpression(9000, 9002, "d0", "date"))], by_text)
    assert len(early) == CANDIDATES + 2 and len(early[0].frames) == 1  # too far back: an event of its own


def test_the_stage_assembles_the_documents_frames() -> None:
    doc = Doc(text="x", published=dt.date(2024, 4, 20))
    doc.frames = [frame(trig(10), date=day(0, 4, 9)), frame(trig(20), date=day(5, 4, 9, text="April 9"))]
    assert EventAssembler()(doc) is doc
    assert len(doc.events) == 1 and len(doc.events[0].frames) == 2  # the same day, written twice


# ----------------------------------------------------------------- DateResolver
APRIL_9 = DateExpression(0, 7, "9 April", "date", month=4, day=9)
NEXT_DAY = DateExpression(50, 62, "the next day", "anaphoric", offset_days=1)
SAME_DAY = DateExpression(30, 42, "the same day", "anaphoric", offset_days=0)
PERIOD = DateExpression(20, 29, "2021-2025", "period", is_period=True, period=(2021, 2025))
IN_MAY = DateExpression(10, 16, "in May", "month", month=5)
JULY_3 = DateExpression(10, 16, "3 July", "date", month=7, day=3)


def resolver(*dates, published=dt.date(2024, 4, 20), dateline=None) -> DateResolver:
    doc = doc_of("x" * 100)
    doc.published, doc.dateline = published, dateline
    doc.sentences[0].dates = list(dates)
    return DateResolver(doc)


@pytest.mark.parametrize(
    ("named", "expr", "status", "published", "expect"),
    [
        ([APRIL_9], NEXT_DAY, "occurred", dt.date(2024, 4, 20), "2024-04-10"),  # from the last named date
        ([], NEXT_DAY, "occurred", dt.date(2024, 4, 20), "2024-04-21"),  # none named: from publication
        ([APRIL_9, SAME_DAY], NEXT_DAY, "occurred", dt.date(2024, 4, 20), "2024-04-10"),  # an anaphoric date is no antecedent
        ([APRIL_9, PERIOD], NEXT_DAY, "occurred", dt.date(2024, 4, 20), "2024-04-10"),  # nor a document's period
        ([DateExpression(70, 77, "9 April", "date", month=4, day=9)], NEXT_DAY, "occurred", dt.date(2024, 4, 20), "2024-04-21"),  # named after it
        ([IN_MAY], NEXT_DAY, "occurred", dt.date(2024, 6, 20), "2024-06-21"),  # a month names no day: the anchor
        ([JULY_3], NEXT_DAY, "occurred", dt.date(2024, 6, 20), "2023-07-04"),
        ([JULY_3], NEXT_DAY, "cancelled", dt.date(2024, 6, 20), "2024-07-04"),  # a called-off event keeps its scheduled day
        ([APRIL_9], NEXT_DAY, "occurred", None, "XXXX-04-10"),  # no publication: the year stays unknown
        ([], NEXT_DAY, "occurred", None, None),  # no anchor at all
        ([APRIL_9], APRIL_9, "occurred", dt.date(2024, 4, 20), "2024-04-09"),
        ([APRIL_9], APRIL_9, "planned", dt.date(2024, 4, 20), "2025-04-09"),
    ],
)
def test_date_resolver(named, expr, status, published, expect) -> None:
    assert resolver(*named, published=published)(expr, status) == expect


def test_without_publication_the_dateline_anchors_and_antecedes() -> None:
    line = Dateline(date=DateExpression(7, 16, "26 ноября", "date", month=11, day=26), place=None, start=0, end=16, text="МИНСК, 26 ноября")
    resolve = resolver(published=None, dateline=line)
    assert resolve.anchor is line.date
    assert resolve(NEXT_DAY, "occurred") == "XXXX-11-27"  # the year stays unknown
    assert resolve(DateExpression(20, 27, "вчера", "relative", offset_days=-1), "occurred") == "XXXX-11-25"
    assert resolver(published=dt.date(2020, 11, 27), dateline=line).anchor == dt.date(2020, 11, 27)


@pytest.mark.parametrize(
    ("lang", "sentences", "expect"),
    [
        ("en", ["Lavrov arrived in Beijing on April 9.", "The next day he met Wang Yi."], "2024-04-10"),
        ("en", ["Lavrov arrived in Beijing on April 9.", "On the same day he met Wang Yi."], "2024-04-09"),
        ("ru", ["Лавров прибыл в Пекин 9 апреля.", "На следующий день он встретился с Ван И."], "2024-04-10"),
        ("ru", ["Лавров прибыл в Пекин 9 апреля.", "В тот же день он встретился с Ван И."], "2024-04-09"),
        ("ru", ["Лавров прибыл в Пекин.", "На следующий день он встретился с Ван И."], "2024-04-21"),
    ],
)
def test_anaphoric_dates_in_real_sentences(extractor, lang, sentences, expect) -> None:
    doc = doc_of(*sentences)
    doc.published = dt.date(2024, 4, 20)
    dates = extractor.languages[lang].dates
    for s in doc.sentences:
        s.dates = dates.find(doc.text, lang, s.start, s.end)
    anaphoric = [d for d in doc.sentences[1].dates if d.kind == "anaphoric"]
    assert len(anaphoric) == 1
    assert DateResolver(doc)(anaphoric[0], "occurred") == expect


@pytest.mark.parametrize(("a", "b"), [("Agreement on Trade", "Agreement on Tourism"), ("Agreement on Trade", "Agreement on Energy Cooperation")])
def test_two_named_agreements_on_different_subjects_differ(a, b) -> None:
    assert _documents_differ(docphrase(a), docphrase(b))


@pytest.mark.parametrize(
    ("ev_kw", "frame_kw", "expect"),
    [
        (dict(), dict(), False),  # nothing split
        (dict(counterpart="ESP"), dict(counterpart="ESP"), False),
        (dict(counterpart="ESP"), dict(counterpart="CUB"), True),  # two counterparts of one list
        (dict(counterpart="ESP", parties=[state(0, "TUR"), state(5, "ESP")]), dict(parties=[state(9, "DEU")]), True),  # talks with another state
        (dict(counterpart="ESP", parties=[state(0, "TUR"), state(5, "ESP")]), dict(parties=[state(9, "ESP")]), False),  # the same talks again
        (dict(parties=[state(9, "DEU")]), dict(counterpart="ESP", parties=[state(0, "TUR"), state(5, "ESP")]), True),
    ],
)
def test_counterparts_differ(ev_kw, frame_kw, expect) -> None:
    ev = draft(**ev_kw)
    f = frame(trig(900), **frame_kw)
    assert _counterparts_differ(ev, f) is expect
