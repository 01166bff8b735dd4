"""Reading the whole article: one table per part of the issue "Read the whole
article", in both languages, with negative cases. Each row is a short text, its
publication date, and what the extractor must (or must not) report."""
import pytest


def _events(extractor, text: str, published: str | None):  # noqa: ANN001, ANN202
    return extractor.extract(text, published).events


def _summary(extractor, text: str, published: str | None) -> list[tuple]:  # noqa: ANN001
    return [(e.type, e.status) for e in _events(extractor, text, published)]


# ------------------------------------------------------------------ scope and sense
SCOPE = [
    # negation: what did not happen is no event
    ("They did not sign any agreement in Minsk on Monday.", "2024-05-07", []),
    ("No agreements were signed in Minsk on Monday.", "2024-05-07", []),
    ("Стороны не подписали мирный договор в Москве в понедельник.", "2024-05-07", []),
    ("Лавров и Рубио не встречались в Будапеште.", "2024-05-07", []),
    # a scheduled happening that did not take place is cancelled
    ("Встреча Лаврова и Рубио в Будапеште не состоялась.", "2024-05-07", [("meeting", "cancelled")]),
    ("The summit in Sydney did not take place.", "2024-05-07", [("meeting", "cancelled")]),
    # 'called on X to VERB' is a request; 'called on President X' a courtesy call
    ("The EU called on Russia to withdraw its troops.", "2024-05-07", []),
    ("Lavrov called on President Xi Jinping in Beijing on Tuesday.", "2024-04-10", [("meeting", "occurred")]),
    # domestic, academic and private gatherings are out of scope
    ("В Омске губернатор провел встречу с жителями.", "2024-05-07", []),
    ("Студенты МГИМО провели научную конференцию в Москве 3 декабря.", "2024-12-04", []),
    ("The congressional hearing on Venezuela was held on Tuesday.", "2024-05-07", []),
    ("Scholars met at an academic conference in Geneva on Monday.", "2024-05-07", []),
    # 'утверждает, что' is to claim
    ("Президент утверждает, что соглашение о партнерстве выгодно обеим странам.", "2024-05-07", []),
    # counted contacts are no events; a newspaper's name is no count
    ("The two ministers have met nine times since 2020.", "2024-04-09", []),
    ("Путин и Эрдоган трижды встречались в этом году.", "2024-04-09", []),
    ("Lavrov met Wang Yi in Beijing on Tuesday, the Financial Times reported.", "2024-04-10", [("meeting", "occurred")]),
    # an invitation is no planned visit
    ("Председатель КНР пригласил Владимира Путина посетить Китай в удобное время.", "2023-03-22", []),
    ("Jaishankar conveyed an invitation to visit India to Lavrov.", "2023-12-28", []),
    # a visit names who travels
    ("A record 1.1 million fans visited Melbourne Park over the tournament.", "2024-01-28", []),
    ("Lavrov visited Melbourne on Monday.", "2024-01-30", [("visit", "occurred")]),
    # a negative control: ordinary talks stay
    ("Лавров провел переговоры с Рубио в Будапеште во вторник.", "2024-05-08", [("meeting", "occurred")]),
]


@pytest.mark.parametrize(("text", "published", "expect"), SCOPE)
def test_scope_sense_and_negation(extractor, text: str, published: str, expect: list) -> None:
    assert _summary(extractor, text, published) == expect


# ------------------------------------------------------------------ dates
DATES = [
    # a duration from a weekday or a date
    ("Wang Yi will pay a two-day visit to India starting Monday.", "2025-08-15", "visit", "2025-08-18/2025-08-19"),
    ("Владимир Путин прибыл в Минск с двухдневным визитом в среду.", "2024-11-28", "visit", "2024-11-27/2024-11-28"),
    # anaphoric days count from the date named last
    ("Lavrov arrived in Pyongyang on Friday. The next day he held talks with Choe Son Hui.", "2025-07-14", "meeting", "2025-07-12"),
    ("Лавров прибыл в Вонсан 11 июля. На следующий день он провел переговоры с Чвэ Сон Хи.", "2025-07-14", "meeting", "2025-07-12"),
    # a weekday in the event's sentence beats the dateline's day
    ("МИНСК, 26 ноября /БЕЛТА/. Министры провели переговоры в среду в Минске.", "2020-11-26", "meeting", "2020-11-25"),
    # a standalone date line dates a release page
    ("Readout of the Call\n\nAPRIL 02, 2024\n\nPresident Biden spoke by phone today with President Xi Jinping.", None, "phone_call", "2024-04-02"),
    # a planned event's date stated in the next sentence, which only schedules it
    ("Лавров посетит Анкару. Это запланировано на 17 января.", "2025-01-10", "visit", "2025-01-17"),
    ("Lavrov will visit Ankara. It is scheduled for January 17.", "2025-01-10", "visit", "2025-01-17"),
    # 'preparations for' the summit make it planned: its day-month takes the coming year
    ("Путин и Токаев обсудили подготовку к саммиту ШОС, который пройдет 3-4 июля в Астане.", "2024-06-20", "meeting", "2024-07-03/2024-07-04"),
]


@pytest.mark.parametrize(("text", "published", "kind", "value"), DATES)
def test_dates(extractor, text: str, published: str | None, kind: str, value: str) -> None:
    values = [e.date.value for e in _events(extractor, text, published) if e.type == kind and e.date]
    assert value in values


def test_a_next_sentence_with_its_own_trigger_dates_nothing_else(extractor) -> None:
    """The next sentence's date belongs to its own event when it has a trigger."""
    events = _events(extractor, "Лавров посетит Анкару. В Минске 20 января пройдет заседание СМИД СНГ.", "2025-01-10")
    (visit,) = [e for e in events if e.type == "visit"]
    assert visit.date is None


def test_a_visit_going_on_at_publication_has_occurred(extractor) -> None:
    """A live report: "the visit will last two days, 8-9 April" published on 9 April."""
    events = _events(extractor, "Лавров прилетел в Пекин накануне вечером. Его визит в КНР продлится два дня, 8-9 апреля.", "2024-04-09")
    assert {(e.type, e.status) for e in events} == {("visit", "occurred")}


def test_an_arrival_day_inside_a_visits_range_is_the_same_visit(extractor) -> None:
    events = _events(extractor, "Лавров прилетел в Пекин 8 апреля. Визит проходит 8-9 апреля.", "2024-04-09")
    assert [(e.type, e.date.value) for e in events] == [("visit", "2024-04-08/2024-04-09")]


def test_on_the_eve_of_an_event_dates_nothing(extractor) -> None:
    """'накануне саммита' is a reference point; a bare 'накануне' is the day before."""
    (call,) = _events(extractor, "Путин и Эрдоган созвонились накануне саммита БРИКС.", "2024-10-21")
    assert call.date is None or call.date.value != "2024-10-20"
    (call,) = _events(extractor, "Путин и Эрдоган накануне провели телефонный разговор.", "2024-10-21")
    assert call.date.value == "2024-10-20"


# ------------------------------------------------------------------ places
PLACES = [
    # a visit's place is its destination as named; the meeting's city does not replace it
    ("Xi Jinping arrived in Russia on a state visit. The talks were held in Moscow on Tuesday.", "2023-03-22", "visit", "Russia"),
    ("Токаев прибыл с государственным визитом в Узбекистан. Переговоры прошли в Ташкенте.", "2024-11-15", "visit", "Узбекистан"),
    # a city and the country it is in are one visit's places: the city wins
    ("Putin arrived in Hanoi on a state visit to Vietnam on Wednesday.", "2024-06-20", "visit", "Hanoi"),
    # a city named for the visit wins over the country
    ("Путин прибыл в Казахстан, в Астану, с визитом в среду.", "2024-11-28", "visit", "Астана"),
    # a place after a visit verb is its destination
    ("Президент Казахстана посетит Узбекистан 3 мая.", "2025-04-11", "visit", "Узбекистан"),
    # "the Kazakh capital", "китайская столица" name the capital; a venue names its city
    ("Xi arrived in the Kazakh capital on Tuesday for a state visit.", "2024-07-03", "visit", "Astana"),
    ("Лавров прилетел в китайскую столицу накануне вечером.", "2024-04-09", "visit", "Пекин"),
    ("Переговоры Путина и Си Цзиньпина прошли в Кремле во вторник.", "2023-03-22", "meeting", "Москва"),
    ("Putin and Xi held talks in the Kremlin on Tuesday.", "2023-03-22", "meeting", "Moscow"),
    # places unknown to the knowledge base, in the nominative
    ("Лавров провел переговоры с Чвэ Сон Хи в Вонсане 12 июля.", "2025-07-14", "meeting", "Вонсан"),
]


@pytest.mark.parametrize(("text", "published", "kind", "name"), PLACES)
def test_places(extractor, text: str, published: str, kind: str, name: str) -> None:
    names = [e.location.name for e in _events(extractor, text, published) if e.type == kind and e.location]
    assert name in names


def test_a_city_and_its_country_make_one_visit(extractor) -> None:
    events = _events(extractor, "Путин прилетел в Астану, где начался его двухдневный государственный визит в Казахстан.", "2024-11-28")
    assert [(e.type, e.location.name) for e in events] == [("visit", "Астана")]


def test_a_trip_to_several_countries_is_one_visit_per_country(extractor) -> None:
    events = _events(extractor, "Xi Jinping will pay state visits to Vietnam, Malaysia and Cambodia from April 14 to 18.", "2025-04-11")
    assert [(e.location.name, sorted(p.code for p in e.parties)) for e in events] == [
        ("Vietnam", ["CHN", "VNM"]), ("Malaysia", ["CHN", "MYS"]), ("Cambodia", ["CHN", "KHM"])]


def test_a_reporting_state_is_no_destination(extractor) -> None:
    events = _events(extractor, "Wang Yi will travel to Russia and Belarus next week, China said.", "2025-04-11")
    assert sorted(e.location.name for e in events) == ["Belarus", "Russia"]


# ------------------------------------------------------------------ persons
PERSONS = [
    # a pronoun and a counterpart noun resolve to the persons named before
    ("Сергей Лавров прибыл в Анкару.\nВ среду он провел переговоры с Хаканом Фиданом.", "2025-04-10", "meeting", {"Сергей Лавров", "Хакан Фидан"}),
    ("Narendra Modi arrived in Moscow on Monday.\nVladimir Putin hosted a dinner for Modi. On Tuesday his host held talks with him.", "2024-07-10", "meeting", {"Narendra Modi", "Vladimir Putin"}),
    # a quoted speaker is not a participant
    ("Sergei Lavrov held talks with Wang Yi in Beijing on Tuesday, said Maria Zakharova.", "2024-04-10", "meeting", {"Sergei Lavrov", "Wang Yi"}),
    ("По словам Дмитрия Пескова, Путин провел переговоры с Си Цзиньпином в Москве.", "2024-04-10", "meeting", {"Путин", "Си Цзиньпин"}),
    # a person who is only a topic of the talks is not a participant
    ("Blinken and Lavrov held talks about Evan Gershkovich in New Delhi on Thursday.", "2023-03-03", "meeting", {"Blinken", "Lavrov"}),
    # a news agency is no person
    ("Как сообщает агентство Франс Пресс, Лавров провел переговоры с Ван И в Пекине.", "2024-04-10", "meeting", {"Лавров", "Ван И"}),
    # English persons outside the knowledge base without a title
    ("Mike Waltz held talks with Sergei Lavrov in Riyadh on Tuesday.", "2025-02-19", "meeting", {"Mike Waltz", "Sergei Lavrov"}),
    # in a transcript, 'we' is the speaker the label names
    ("Сергей Лавров: Сегодня мы провели переговоры с Хаканом Фиданом в Москве.", "2025-04-10", "meeting", {"Сергей Лавров", "Хакан Фидан"}),
]


@pytest.mark.parametrize(("text", "published", "kind", "expect"), PERSONS)
def test_persons(extractor, text: str, published: str, kind: str, expect: set) -> None:
    found = [{p.name for p in e.persons} for e in _events(extractor, text, published) if e.type == kind]
    assert expect in found, found


def test_separate_talks_are_one_meeting_per_counterpart(extractor) -> None:
    events = _events(extractor, "Лавров провел отдельные встречи с Ван И и Хаканом Фиданом в Пекине.", "2024-04-10")
    assert sorted(sorted(p.name for p in e.persons) for e in events) == [["Ван И", "Лавров"], ["Лавров", "Хакан Фидан"]]


# ------------------------------------------------------------------ parties
PARTIES = [
    # capitals acting for their state
    ("Белград и Приштина начали переговоры в Брюсселе 3 мая.", "2024-05-05", "meeting", {"SRB", "XKX"}),
    ("Moscow and Washington held talks in Riyadh on Tuesday.", "2025-02-19", "meeting", {"RUS", "USA"}),
    # the guide's other organizations
    ("The G20 foreign ministers met in Rio de Janeiro on Wednesday.", "2024-02-22", "meeting", {"G20"}),
    # an adoption's parties are the adopting body, not the sponsors
    ("The General Assembly adopted a resolution on the Middle East tabled by Ghana and Brazil.", "2024-11-18", "adoption", {"UN"}),
    # a topic is no party
    ("Sergei Lavrov held talks with Wang Yi in Beijing on Tuesday, discussing the Ukrainian crisis.", "2024-04-10", "meeting", {"RUS", "CHN"}),
]


@pytest.mark.parametrize(("text", "published", "kind", "expect"), PARTIES)
def test_parties(extractor, text: str, published: str, kind: str, expect: set) -> None:
    found = [{p.code for p in e.parties} for e in _events(extractor, text, published) if e.type == kind]
    assert expect in found, found


# ------------------------------------------------------------------ happenings
def test_what_was_planned_inside_a_cancelled_visit_is_cancelled(extractor) -> None:
    text = "Визит Лаврова в Белград отложен. В ходе визита министр должен был провести переговоры с Вучичем."
    assert {(e.type, e.status) for e in _events(extractor, text, "2024-05-06")} == {("visit", "cancelled"), ("meeting", "cancelled")}


def test_headline_and_legal_forms_are_triggers(extractor) -> None:
    assert _summary(extractor, "General Assembly Adopts Resolution on Cooperation with the African Union", "2024-11-18") == [("adoption", "occurred")]
    assert _summary(extractor, "UN General Assembly Passes Resolution on Cuba Embargo", "2024-10-30") == [("adoption", "occurred")]
    assert _summary(extractor, "Министры скрепили подписями соглашение о сотрудничестве в Минске 3 мая.", "2024-05-05") == [("signing", "occurred")]


def test_a_signing_after_talks_during_a_visit_takes_the_visits_city(extractor) -> None:
    """Visits run before occasions: the talks get the visit's city, then the signing the talks' city."""
    text = ("Президент Индонезии Прабово Субианто находится в Нью-Дели с государственным визитом. "
            "Он провел переговоры с премьер-министром Индии Нарендрой Моди. По итогам переговоров стороны подписали три меморандума.")
    result = extractor.extract(text, "2025-01-25")
    signing = next(e for e in result.events if e.type == "signing")
    assert signing.location is not None and signing.location.name == "Нью-Дели"


@pytest.mark.parametrize("text,expect", [
    ("Лавров провел переговоры с министрами иностранных дел Испании, Словакии и Кубы.",
     [["CUB", "RUS"], ["ESP", "RUS"], ["RUS", "SVK"]]),
    ("On the sidelines, Fidan held talks with the foreign ministers of Spain, Slovakia and Cuba.",
     [["CUB", "TUR"], ["ESP", "TUR"], ["SVK", "TUR"]]),
    # one meeting of several sides: no "with" before the counterparts
    ("В Москве состоялась трехсторонняя встреча лидеров России, Азербайджана и Армении.", [["ARM", "AZE", "RUS"]]),
    ("It was the first meeting of the leaders of Japan and South Korea in 12 years.", [["JPN", "KOR"]]),
])
def test_talks_with_a_list_of_counterparts_are_one_meeting_each(extractor, text, expect) -> None:
    """The guide: one event per counterpart ("held talks with A, B and C")."""
    result = extractor.extract(text, "2023-09-20")
    got = sorted(sorted(p.code for p in e.parties) for e in result.events if e.type == "meeting")
    assert got == expect
