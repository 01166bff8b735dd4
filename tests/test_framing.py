"""From one sentence's triggers to frames (:mod:`diplo_extract.framing`): the
FrameBuilder on real tokens, triggers, gazetteer mentions, dates and document
phrases of both languages (see ``contexts.read``); a few hand-built document
phrases where the document finder would not give the case."""
from __future__ import annotations

import pytest

from contexts import read
from diplo_extract.documents import DocumentPhrase
from diplo_extract.framing import ADOPTER_REACH, SHARED_VERB_WINDOW, FrameBuilder, _coordinated, _period_in


def build(extractor, lang: str, text: str):
    ctx, triggers = read(extractor, lang, text)
    return FrameBuilder(extractor.languages[lang], ctx).build(triggers)


def summary(frames) -> list[tuple[str, str, str]]:
    return [(f.trigger.text, f.type, f.status) for f in frames]


# ---------------------------------------------------------------- what is dropped
FILTERS = [
    # negated triggers are dropped: what the text says did not happen
    ("ru", "Стороны подписали соглашение.", [("подписали", "signing", "occurred")]),
    ("ru", "Стороны не подписали соглашение.", []),
    ("ru", "Лавров не встретился с Блинкеном.", []),
    ("ru", "Никаких документов подписано не было.", []),
    ("en", "The ministers signed the agreement.", [("signed", "signing", "occurred")]),
    ("en", "The ministers did not sign the agreement.", []),
    ("en", "No agreements were signed.", []),
    # a denial after the trigger in its clause
    ("ru", "Подписание документов по итогам переговоров не планируется.", []),
    ("en", "Signing of documents is not planned.", []),
    # ... but a scheduled happening that did not take place is cancelled, and kept
    ("ru", "Встреча Лаврова и Блинкена не состоялась.", [("Встреча", "meeting", "cancelled")]),
    ("en", "The meeting between Lavrov and Blinken did not take place.", [("meeting", "meeting", "cancelled")]),
    ("ru", "Не состоялась встреча Лаврова и Блинкена.", [("встреча", "meeting", "cancelled")]),  # negated, yet called off
    ("en", "Russia did not hold the talks, which were cancelled.", [("talks", "meeting", "cancelled")]),
    # "ministerial" as a noun is a (multilateral) meeting; as an adjective before a noun it is not
    ("en", "Pompeo will co-chair the Lower Mekong Initiative ministerial.", [("ministerial", "meeting", "planned")]),
    ("en", "The ministerial meeting opened.", [("meeting", "meeting", "occurred")]),
    # an intra-government video call is a domestic session
    ("ru", "Президент провел видеоселекторное совещание с послами.", []),
    # the visitor's travel verbs are mentions of the visit; jets that fly over a palace are not
    ("en", "Six fighter jets flew over the palace.", []),
    ("en", "Xi flew to Astana.", [("flew", "visit", "occurred")]),
    ("ru", "Из Пекина Мерц отправится в США.", [("отправится", "visit", "planned")]),
    # the sense test: "called on" a person is a courtesy call, on a state a request
    ("en", "Biden called on President Xi in Beijing.", [("called on", "meeting", "occurred")]),
    ("en", "Biden called on Russia to withdraw.", []),
    ("en", "It was Biden who called on", []),  # nothing follows
    # out of scope: domestic, academic or private gatherings
    ("en", "Lavrov spoke at an academic conference in Moscow.", []),
    ("ru", "В МГИМО прошла академическая конференция с участием послов Китая и Индии.", []),
    ("ru", "В Москве прошла конференция с участием послов Китая и Индии.", [("конференция", "meeting", "occurred")]),
    ("en", "Lavrov spoke at a conference in Moscow.", [("conference", "meeting", "occurred")]),
    # the sense test before a word: a news or press conference is no event
    ("en", "Lavrov spoke at a news conference in Moscow.", []),
    ("en", "Lavrov told a press conference in Moscow.", []),
    ("ru", "Губернатор провел встречу с жителями.", []),
    ("ru", "Лавров провел встречу с Ван И.", [("встречу", "meeting", "occurred")]),
    ("en", "The governor held a meeting with residents.", []),
    ("en", "Sinner will meet Medvedev in the final on Sunday.", []),  # sport
    ("ru", "В финале турнира теннисист встретится с Медведевым.", []),
    ("en", "Lavrov will meet Blinken in Geneva on Sunday.", [("meet", "meeting", "planned")]),
    ("en", "The governor visited China.", [("visited", "visit", "occurred")]),  # only gatherings are scoped
    # habitual and generic mentions
    ("ru", "Министры ежегодно проводят встречи.", []),
    ("ru", "Такие встречи полезны.", []),
    ("en", "They meet every year.", []),
    ("en", "Such meetings are useful.", []),
    # inside a document's title: "план консультаций" is a plan, not consultations;
    # a declaration is issued BY the summit it names, which stays an event
    ("ru", "Стороны подписали план консультаций на 2021-2022 годы.", [("подписали", "signing", "occurred")]),
    ("ru", "Лидеры приняли декларацию саммита ШОС.", [("приняли", "adoption", "occurred"), ("саммита", "meeting", "occurred")]),
    ("en", "The leaders adopted the Declaration of the SCO Summit.", [("adopted", "adoption", "occurred"), ("Summit", "meeting", "occurred")]),
]


@pytest.mark.parametrize(("lang", "text", "expect"), FILTERS)
def test_which_triggers_make_frames(extractor, lang, text, expect) -> None:
    ctx, triggers = read(extractor, lang, text)
    assert triggers, "the sentence must hold a trigger for the case to mean anything"
    assert summary(FrameBuilder(extractor.languages[lang], ctx).build(triggers)) == expect


def _title(ctx, first_word: str, last_word: str, kind: str) -> DocumentPhrase:
    words = [t.text for t in ctx.tokens]
    i, j = words.index(first_word), words.index(last_word)
    start, end = ctx.tokens[i].start, ctx.tokens[j].end
    return DocumentPhrase(start, end, ctx.text[start:end], kind, ctx.text[start:end], i, i, j + 1)


@pytest.mark.parametrize(
    ("first", "last", "kind", "kept"),
    [
        # a statement is issued by what it names: the visit in its title stays an event
        # (and the signing after the title signs it)
        ("statement", "visit", "statement", ["talks", "visit", "signing"]),
        ("statement", "visit", "plan", ["talks", "signing"]),  # in a plan's title it is no event
        ("visit", "signing", "statement", ["talks", "visit"]),  # a trigger opening the title is not inside it
        ("statement", "signing", "statement", ["talks", "visit"]),  # a signing named in any title is no signing
        ("statement", "signing", "plan", ["talks"]),
    ],
)
def test_triggers_inside_a_title(extractor, first, last, kind, kept) -> None:
    """Hand-built titles over real tokens (the document finder stops at triggers)."""
    ctx, triggers = read(extractor, "en", "After talks in Moscow they issued a statement on the visit and the signing.")
    assert [t.text for t in triggers] == ["talks", "visit", "signing"]
    ctx.documents = [_title(ctx, first, last, kind)]
    frames = FrameBuilder(extractor.languages["en"], ctx).build(triggers)
    assert [f.trigger.text for f in frames] == kept


# ------------------------------------------------------------ postponed: new slot
@pytest.mark.parametrize(
    ("lang", "text", "expect"),
    [
        ("ru", "Встреча Путина и Си Цзиньпина перенесена на 2 апреля.", [("cancelled", None), ("planned", "2 апреля")]),
        ("en", "The meeting was postponed to March 10.", [("cancelled", None), ("planned", "March 10")]),
        ("ru", "Встреча, запланированная на 1 марта, перенесена на 2 апреля.", [("cancelled", "1 марта"), ("planned", "2 апреля")]),
        ("en", "The meeting was postponed to March 10 from March 1.", [("cancelled", "March 1"), ("planned", "March 10")]),
        # negatives: no new date, or a weak mention
        ("ru", "Встреча Путина и Си Цзиньпина отменена.", [("cancelled", None)]),
        ("en", "The meeting was cancelled on March 1.", [("cancelled", "March 1")]),
        ("en", "The meetings were postponed to March 10.", [("cancelled", "March 10")]),
        ("en", "The meeting was held on March 10.", [("occurred", "March 10")]),
    ],
)
def test_a_postponement_to_a_new_date_is_a_planned_slot(extractor, lang, text, expect) -> None:
    frames = build(extractor, lang, text)
    assert [(f.status, f.date.text if f.date else None) for f in frames] == expect
    if len(frames) == 2:
        old, new = frames
        assert new.trigger is old.trigger and new.status_rule == "status:postponed-to"
        assert [m.text for m in new.persons] == [m.text for m in old.persons]


@pytest.mark.xfail(strict=True, reason="bug: 'перенесена с 1 марта на 10 марта' gives no planned slot: the cancel cue must "
                   "stand within 4 tokens before the new date, and the old date in between pushes it out")
def test_postponed_from_one_date_to_another_in_russian(extractor) -> None:
    frames = build(extractor, "ru", "Встреча перенесена с 1 марта на 10 марта.")
    assert [(f.status, f.date.text if f.date else None) for f in frames] == [("cancelled", "1 марта"), ("planned", "10 марта")]


# ------------------------------------------------------- documents of a signing
@pytest.mark.parametrize(
    ("lang", "text", "expect"),
    [
        # the first document after the trigger and those coordinated with it
        ("ru", "Стороны подписали соглашение о торговле и меморандум о туризме.", ["соглашение о торговле", "меморандум о туризме"]),
        ("en", "They signed an agreement on trade and a memorandum on tourism.", ["agreement on trade", "memorandum on tourism"]),
        # else the nearest before it
        ("ru", "Соглашение о торговле было подписано в Москве.", ["Соглашение о торговле"]),
        # two signings, each with its own document
        ("ru", "Стороны подписали соглашение о торговле, а затем в торжественной обстановке в Москве подписали меморандум.",
         ["соглашение о торговле", "меморандум"]),
        # a bundle and the named documents singled out among them
        ("ru", "Стороны подписали 19 соглашений, в том числе меморандум о сотрудничестве в области образования.",
         ["соглашений", "меморандум о сотрудничестве в области образования"]),
        ("en", "They signed 14 agreements, including a memorandum of understanding on education.", ["agreements", "memorandum of understanding on education"]),
        # before the verb, only the nearest one (as documented)
        ("ru", "Соглашение о торговле и меморандум о туризме были подписаны.", ["меморандум о туризме"]),
        ("en", "The agreement on trade and the memorandum on tourism were signed.", ["memorandum on tourism"]),
        # negative: a document too far before the verb is not its document, and a
        # signing without a document is no event
        ("ru", "Соглашение о торговле, которое долго готовили эксперты обеих стран в течение многих месяцев работы, было подписано.", []),
        ("en", "The agreement on trade, which experts of both countries had long prepared over many months of hard work, was finally signed.", []),
    ],
)
def test_documents_of_a_signing(extractor, lang, text, expect) -> None:
    frames = build(extractor, lang, text)
    assert [f.document.text for f in frames] == expect
    assert all(f.type == "signing" for f in frames)


def test_a_plan_for_years_gives_its_period(extractor) -> None:
    (frame,) = build(extractor, "ru", "Стороны подписали план консультаций на 2021-2022 годы.")
    assert (frame.document.kind, frame.period, frame.date) == ("plan", (2021, 2022), None)


@pytest.mark.parametrize(
    ("lang", "text", "word"),
    [
        ("en", "The agreement was signed in the presence of Putin and Xi.", "signed"),
        ("ru", "Соглашение было подписано в присутствии Путина и Си Цзиньпина.", "подписано"),
    ],
)
def test_a_witnessed_signature_has_no_signatories(extractor, lang, text, word) -> None:
    ctx, _ = read(extractor, lang, text)
    assert len([m for m in ctx.mentions if m.label == "PER"]) == 2
    (frame,) = build(extractor, lang, text)
    assert (frame.trigger.text, frame.witnessed, frame.persons) == (word, True, [])


@pytest.mark.parametrize(
    ("lang", "text", "expect"),
    [
        # the witness cue goes to the nearest signing only
        ("en", "Xi and Putin signed the Joint Statement on Partnership and witnessed the signing of an agreement on trade.",
         [("signed", False, ["Xi", "Putin"]), ("signing", True, [])]),
        ("en", "The Ministers witnessed the signing of a Memorandum of Understanding on education.", [("signing", True, [])]),
        ("ru", "Путин и Си Цзиньпин подписали заявление о партнерстве, а в их присутствии министры подписали соглашение о торговле.",
         [("подписали", False, ["Путин", "Си Цзиньпин"]), ("подписали", True, [])]),
        ("en", "Putin and Xi signed the agreement.", [("signed", False, ["Putin", "Xi"])]),
    ],
)
def test_a_witness_cue_makes_only_its_nearest_signing_witnessed(extractor, lang, text, expect) -> None:
    frames = build(extractor, lang, text)
    assert [(f.trigger.text, f.witnessed, [p.text for p in f.persons]) for f in frames] == expect


@pytest.mark.parametrize(
    ("lang", "text", "expect"),
    [
        # a reception verb with a person and no document reports a meeting
        ("ru", "Лаврова принял Путин.", [("принял", "meeting", ["Лаврова", "Путин"])]),
        # a full participle only qualifies a noun: "a decision taken by the president" is no reception
        ("ru", "Решение, принятое Путиным, вызвало споры.", []),
        ("en", "Lavrov was received by Putin.", [("received", "meeting", ["Lavrov", "Putin"])]),
        # negative: no person near it, no document: nothing
        ("ru", "Россия приняла меры.", []),
        ("ru", "Правительство приняло решение.", []),
    ],
)
def test_otherwise_a_reception(extractor, lang, text, expect) -> None:
    assert [(f.trigger.text, f.type, [m.text for m in f.persons]) for f in build(extractor, lang, text)] == expect


@pytest.mark.parametrize(
    ("lang", "text", "expect"),
    [
        ("ru", "Путин утвердил план консультаций.", ["Путин"]),
        ("en", "Putin approved the plan of consultations.", ["Putin"]),
        # a person far before the verb is not its adopter
        ("en", "Putin arrived in Moscow on a long-awaited state visit, and the government approved the plan of consultations.", []),
    ],
)
def test_an_adopter_stands_right_before_the_verb(extractor, lang, text, expect) -> None:
    adoption = [f for f in build(extractor, lang, text) if f.type == "adoption"]
    assert [[m.text for m in f.persons] for f in adoption] == [expect]
    assert ADOPTER_REACH == 40


# ---------------------------------------------------------- sharing out arguments
def test_each_place_and_date_goes_to_the_nearest_trigger_of_its_family(extractor) -> None:
    visit, talks = build(extractor, "ru", "Путин прибыл в Пекин 9 апреля и провел переговоры с Си Цзиньпином.")
    assert (visit.type, visit.date.text, visit.location.text) == ("visit", "9 апреля", "Пекин")
    assert (talks.type, talks.date, talks.location) == ("meeting", None, None)
    # a visit is no rival of a meeting for persons: both keep them
    assert [m.text for m in visit.persons] == [m.text for m in talks.persons] == ["Путин", "Си Цзиньпином"]


def test_persons_go_to_the_nearest_meeting(extractor) -> None:
    met, talks = build(extractor, "en", "Putin met Xi in Moscow, and Lavrov held talks with Wang Yi.")
    assert [m.text for m in met.persons] == ["Putin", "Xi"]
    assert [m.text for m in talks.persons] == ["Lavrov", "Wang Yi"]
    assert (met.location.text, talks.location) == ("Moscow", None)


def test_the_two_families_share_arguments(extractor) -> None:
    visit, adoption = build(extractor, "ru", "Путин прибыл в Москву, где правительство утвердило план консультаций.")
    assert (visit.type, adoption.type) == ("visit", "adoption")
    assert visit.location.text == adoption.location.text == "Москву"


@pytest.mark.parametrize(
    ("lang", "text", "word"),
    [
        ("en", "On the sidelines of the SCO summit Putin met Modi.", "met"),
        ("en", "Putin met Modi on the sidelines of the SCO summit.", "met"),
    ],
)
def test_an_anchor_takes_no_persons_from_what_is_held_at_it(extractor, lang, text, word) -> None:
    frames = build(extractor, lang, text)
    assert [f.anchor for f in frames if f.trigger.text != word] == [True]
    (meeting,) = [f for f in frames if f.trigger.text == word]
    assert [m.text for m in meeting.persons] == ["Putin", "Modi"]


@pytest.mark.xfail(strict=True, reason="bug: _share_out only arbitrates the date each frame picked first; 'April 10' "
                   "(nearest to 'talks') goes to no frame and the talks take the visit's 'April 9'")
def test_a_later_date_in_the_sentence_goes_to_the_trigger_beside_it(extractor) -> None:
    visit, talks = build(extractor, "en", "Putin arrived in Beijing on April 9 and held talks with Xi on April 10.")
    assert talks.date is not None and talks.date.text == "April 10"


# ------------------------------------------------------------- shared verbs fold
@pytest.mark.parametrize(
    ("lang", "text", "expect"),
    [
        # a verb followed closely by a noun of its type is a shared mention of it
        ("ru", "Путин встретится с Си Цзиньпином на саммите ШОС.", [("саммите", "planned", ["встретится"])]),
        ("en", "Putin will meet Xi at the SCO summit.", [("summit", "planned", ["meet"])]),
        # negatives: the noun too far, or weak
        ("ru", "Путин встретился с Си Цзиньпином, а затем в Пекине прошли переговоры.", [("встретился", "occurred", []), ("переговоры", "occurred", [])]),
        ("en", "Putin met Xi at meetings in Beijing.", [("met", "occurred", []), ("meetings", "occurred", [])]),
    ],
)
def test_shared_verbs_fold_into_their_nouns(extractor, lang, text, expect) -> None:
    frames = build(extractor, lang, text)
    assert [(f.trigger.text, f.status, [t.text for t in f.shared]) for f in frames] == expect
    assert SHARED_VERB_WINDOW == 4


def test_a_meeting_on_the_sidelines_does_not_fold_into_the_summit(extractor) -> None:
    frames = build(extractor, "ru", "Путин встретился с Моди на полях саммита ШОС в Астане.")
    assert [[m.text for m in f.persons] for f in frames if f.trigger.text == "встретился"] == [["Путин", "Моди"]]


@pytest.mark.parametrize(("lang", "text"), [("ru", "Путин встретится с Си Цзиньпином на саммите ШОС."), ("en", "Putin will meet Xi at the SCO summit.")])
def test_folding_a_shared_verb_keeps_its_persons(extractor, lang, text) -> None:
    """Regression: the persons the verb was given went with it when it folded."""
    (summit,) = build(extractor, lang, text)
    assert len(summit.persons) == 2 and [p.code for p in summit.parties] == ["SCO"]


# ---------------------------------------------------------- one visit per country
LEGS = [
    # (lang, text, [(destination, parties)] per frame)
    ("en", "Putin will travel to Vietnam, Malaysia and Cambodia.", [("Vietnam", ["Vietnam"]), ("Malaysia", ["Malaysia"]), ("Cambodia", ["Cambodia"])]),
    ("en", "Putin will travel to Vietnam, Malaysia, and Cambodia.", [("Vietnam", ["Vietnam"]), ("Malaysia", ["Malaysia"]), ("Cambodia", ["Cambodia"])]),
    ("en", "Putin will travel to Vietnam as well as Laos.", [("Vietnam", ["Vietnam"]), ("Laos", ["Laos"])]),
    ("ru", "Путин посетит Казахстан, Узбекистан и Таджикистан.", [("Казахстан", ["Казахстан"]), ("Узбекистан", ["Узбекистан"]), ("Таджикистан", ["Таджикистан"])]),
    # the visitor's own state stays a party of each leg
    ("en", "Russian President Putin will travel to Vietnam and Laos.", [("Vietnam", ["Russian", "Vietnam"]), ("Laos", ["Russian", "Laos"])]),
    ("ru", "Президент России Путин посетит Вьетнам и Лаос.", [("Вьетнам", ["России", "Вьетнам"]), ("Лаос", ["России", "Лаос"])]),
    # negatives: not joined by a comma or "and", the same country again, an adjective,
    # a city first, not a visit
    ("ru", "Путин посетит Казахстан, а затем Узбекистан.", [("Казахстан", ["Казахстан", "Узбекистан"])]),
    ("en", "Putin will travel to Vietnam and later to Laos.", [("Vietnam", ["Vietnam", "Laos"])]),
    ("en", "Putin will travel to Kazakhstan, Kazakhstan and Uzbekistan.", [("Kazakhstan", ["Kazakhstan", "Kazakhstan", "Uzbekistan"])]),
    ("en", "Putin will travel to Kazakhstan and Russian Uzbekistan.", [("Kazakhstan", ["Kazakhstan", "Russian", "Uzbekistan"])]),
    ("en", "Putin will travel to Moscow and Kazakhstan.", [("Moscow", ["Kazakhstan"])]),
    ("en", "Putin held talks in Moscow with Kazakhstan and Uzbekistan.", [("Moscow", ["Kazakhstan", "Uzbekistan"])]),
    # an article before a country of the list ("the Kyrgyz Republic")
    ("en", "Jaishankar visited Kazakhstan, the Kyrgyz Republic and Uzbekistan.",
     [("Kazakhstan", ["Kazakhstan"]), ("Kyrgyz Republic", ["Kyrgyz Republic"]), ("Uzbekistan", ["Uzbekistan"])]),
    # "to visit": the noun-or-verb word after "to" is the verb, its object the destination
    ("en", "Kamikawa is planning to visit Brunei, Vietnam and Laos.", [("Brunei", ["Brunei"]), ("Vietnam", ["Vietnam"]), ("Laos", ["Laos"])]),
]


@pytest.mark.parametrize(("lang", "text", "expect"), LEGS)
def test_a_trip_to_several_countries_is_one_visit_per_country(extractor, lang, text, expect) -> None:
    frames = build(extractor, lang, text)
    assert [(f.location.text, [p.text for p in f.parties]) for f in frames] == expect
    assert len({f.trigger.start for f in frames}) == 1


def test_the_state_reporting_a_trip_is_no_destination(extractor) -> None:
    frames = build(extractor, "en", "Wang Yi will travel to Russia and Belarus, China said.")
    assert [f.location.text for f in frames] == ["Russia", "Belarus"]


def test_each_leg_of_a_folded_visit_keeps_its_own_country(extractor) -> None:
    frames = build(extractor, "ru", "Путин прибыл с визитом во Вьетнам и Лаос.")
    assert [(f.location.text, [p.text for p in f.parties]) for f in frames] == [("Вьетнам", ["Вьетнам"]), ("Лаос", ["Лаос"])]


@pytest.mark.xfail(strict=True, reason="bug: the docstring's own example 'a tour of Vietnam, Malaysia and Cambodia' gives one "
                   "visit with no destination ('of' is no destination preposition), so no legs")
def test_the_documented_tour_example(extractor) -> None:
    frames = build(extractor, "en", "Putin began a tour of Vietnam, Malaysia and Cambodia.")
    assert [f.location.text for f in frames] == ["Vietnam", "Malaysia", "Cambodia"]


# ------------------------------------------------------------ separate meetings
@pytest.mark.parametrize(
    ("lang", "text", "expect"),
    [
        ("en", "Lavrov held separate talks with Wang Yi and Blinken.", [["Lavrov", "Wang Yi"], ["Lavrov", "Blinken"]]),
        ("ru", "Лавров провел отдельные встречи с Ван И и Блинкеном.", [["Лавров", "Ван И"], ["Лавров", "Блинкеном"]]),
        # negatives: no cue, one counterpart, nobody after the trigger, not a meeting
        ("en", "Lavrov held talks with Wang Yi and Blinken.", [["Lavrov", "Wang Yi", "Blinken"]]),
        ("en", "Lavrov held separate talks with Wang Yi.", [["Lavrov", "Wang Yi"]]),
        ("en", "Lavrov, Wang Yi and Blinken held separate talks.", [["Lavrov", "Wang Yi", "Blinken"]]),
        ("ru", "Отдельно Лавров провел визит в Китай с Ван И и Блинкеном.", [["Лавров", "Ван И", "Блинкеном"]]),
    ],
)
def test_separate_meetings_one_per_counterpart(extractor, lang, text, expect) -> None:
    frames = build(extractor, lang, text)
    assert [[m.text for m in f.persons] for f in frames] == expect
    if len(frames) > 1:
        assert len({id(f) for f in frames}) == len(frames) and all(f.parties == [] for f in frames)
        assert all(f.trigger is frames[0].trigger for f in frames)


# ------------------------------------------------------------------------ helpers
def _doc(first: int, last: int, start: int = 0, end: int = 0) -> DocumentPhrase:
    return DocumentPhrase(start, end, "d", "agreement", "d", first, first, last)


@pytest.mark.parametrize(
    ("spans", "expect"),
    [
        ([(3, 6)], [(3, 6)]),
        ([(3, 6), (7, 9)], [(3, 6), (7, 9)]),  # "A and B"
        ([(3, 6), (8, 9)], [(3, 6), (8, 9)]),
        ([(3, 6), (9, 12), (13, 14)], [(3, 6)]),  # too far: the rest is another clause
    ],
)
def test_coordinated(spans, expect) -> None:
    assert [(d.first, d.last) for d in _coordinated([_doc(a, b) for a, b in spans])] == expect


class _Expr:
    def __init__(self, start, end, period=None):
        self.start, self.end, self.is_period, self.period = start, end, period is not None, period


@pytest.mark.parametrize(
    ("dates", "expect"),
    [
        ([_Expr(20, 30, (2021, 2022))], (2021, 2022)),
        ([_Expr(40, 41, (2021, 2022))], (2021, 2022)),  # just after the title
        ([_Expr(45, 50, (2021, 2022))], None),  # after it
        ([_Expr(5, 15, (2021, 2022))], None),  # before it
        ([_Expr(20, 30)], None),  # a date, not a period
        ([], None),
    ],
)
def test_period_in(dates, expect) -> None:
    assert _period_in(_doc(0, 0, start=10, end=40), dates) == expect


@pytest.mark.parametrize(
    ("text", "expect"),
    [
        # a person after a meeting's "with" is that meeting's, however near the next trigger
        # stands; the next meeting verb with no subject of its own shares the first one's
        # subject, day and place
        ("Сергей Лавров провел в среду в Санто-Доминго переговоры с коллегой Роберто Альваресом, после чего был принят "
         "президентом Луисом Абинадером.",
         [(["переговоры"], ["Сергей Лавров", "Роберто Альварес"], "2025-04-30"), (["принят"], ["Луис Абинадер", "Сергей Лавров"], "2025-04-30")]),
        # a second clause with a subject of its own shares nothing
        ("Putin met Xi Jinping in Beijing, and Lavrov held talks with Wang Yi.",
         [(["met"], ["Putin", "Xi Jinping"], None), (["talks"], ["Lavrov", "Wang Yi"], None)]),
    ],
)
def test_with_objects_and_shared_subjects(extractor, text, expect) -> None:
    events = extractor.extract(text, "2025-04-30").events
    assert [([m.text for m in ev.mentions], [p.name for p in ev.persons], ev.date and ev.date.value) for ev in events] == expect


@pytest.mark.parametrize(
    ("text", "persons"),
    [
        # a relative clause about a thing after a verb trigger names no participant
        ("Лавров и Альварес встретились в особняке на берегу моря, который принадлежал диктатору Рафаэлю Трухильо.",
         ["Лавров", "Альварес"]),
        # a clause about a person still names the persons it meets
        ("Накануне в Москву приезжал министр иностранных дел Белоруссии Владимир Макей, который провел переговоры с "
         "Сергеем Лавровым.", ["Владимир Макей", "Сергей Лавров"]),
    ],
)
def test_a_relative_clause_about_a_thing_names_no_participant(extractor, text, persons) -> None:
    events = extractor.extract(text, "2025-04-30").events
    assert [p.name for p in events[0].persons] == persons


@pytest.mark.parametrize(
    ("lang", "text", "word", "date", "place"),
    [
        ("en", "Sudani visited Ankara in March last year, when he held talks with Erdogan.", "talks", "in March last year", "Ankara"),
        ("en", "Lavrov arrived in Beijing on April 8, where he met Wang Yi.", "met", "April 8", "Beijing"),
        ("ru", "Ас-Судани побывал в Анкаре в марте прошлого года, тогда он провел переговоры с Эрдоганом.", "переговоры", "в марте прошлого года", "Анкаре"),
        ("ru", "Лавров прибыл в Пекин 8 апреля, где провел переговоры с Ван И.", "переговоры", "8 апреля", "Пекин"),
        # negative: no clause opener after the comma, the second happening keeps its own (none)
        ("en", "Sudani visited Ankara in March last year, and Erdogan held talks with Aliyev.", "talks", None, None),
        ("ru", "Лавров прибыл в Пекин 8 апреля, а Путин провел переговоры с Си Цзиньпином.", "переговоры", None, None),
    ],
)
def test_a_happening_in_a_clause_on_an_occasion_takes_its_day_and_place(extractor, lang, text, word, date, place) -> None:
    [frame] = [f for f in build(extractor, lang, text) if f.trigger.text == word]
    assert (frame.date.text if frame.date else None, frame.location.text if frame.location else None) == (date, place)


@pytest.mark.parametrize(
    ("lang", "text", "word", "date", "place"),
    [
        # an argument goes to the trigger of its own clause before a nearer one across a comma
        ("en", "Aliyev and Pashinyan last met last month in Abu Dhabi, but those talks produced no result.", "met", "last month", "Abu Dhabi"),
        ("ru", "Лавров и Ван И встретились в Пекине 9 апреля, но переговоры не дали результата.", "встретились", "9 апреля", "Пекине"),
    ],
)
def test_arguments_stay_in_their_clause(extractor, lang, text, word, date, place) -> None:
    [frame] = [f for f in build(extractor, lang, text) if f.trigger.text == word]
    assert (frame.date.text if frame.date else None, frame.location.text if frame.location else None) == (date, place)


@pytest.mark.parametrize(
    ("lang", "text", "anchored", "dated"),
    [
        # an anchor word governs the first trigger after it; the day goes to the anchored-at event
        ("ru", "В рамках визита на пятницу запланирована встреча министра с Романом Головченко.", "визита", "встреча"),
        ("en", "On the sidelines of the summit on Friday Putin met Modi.", "summit", "met"),
    ],
)
def test_an_anchor_governs_the_first_trigger_after_it(extractor, lang, text, anchored, dated) -> None:
    frames = build(extractor, lang, text)
    assert [f.trigger.text for f in frames if f.anchor] == [anchored]
    assert [f.trigger.text for f in frames if f.date is not None] == [dated]


def test_a_folded_arrival_gives_its_city_to_a_visit_to_the_country(extractor) -> None:
    [visit] = build(extractor, "en", "Xi arrived in Astana on a visit to Kazakhstan.")
    assert (visit.trigger.text, visit.location.text) == ("visit", "Astana")


@pytest.mark.parametrize(
    ("lang", "text", "expect"),
    [
        # a plural meeting noun followed by coordinated organizations: one meeting per organization
        ("en", "Wang Yi attended meetings of the African Union and ECOWAS in Abuja.", [["AU"], ["ECOWAS"]]),
        ("ru", "Лавров участвовал в заседаниях ОДКБ и СНГ в Минске.", [["CSTO"], ["CIS"]]),
        # negatives: one organization; a singular noun
        ("en", "Wang Yi attended meetings of the African Union in Abuja.", [["AU"]]),
        ("en", "Wang Yi attended a meeting of the African Union and ECOWAS in Abuja.", [["AU", "ECOWAS"]]),
    ],
)
def test_meetings_of_several_organizations(extractor, lang, text, expect) -> None:
    frames = [f for f in build(extractor, lang, text) if f.type == "meeting"]
    assert [[p.code for p in f.parties if p.label in ("ORG", "BODY")] for f in frames] == expect
