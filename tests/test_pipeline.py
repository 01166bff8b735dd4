"""Event extraction on short invented texts: one table of cases, one assert.

Groups: (a) each type and status in both languages; (b) what is not an event.
"""
import pytest

CASES = [
    # (text, published, expected (type, status) set)
    ("Министр иностранных дел России Сергей Лавров провел переговоры с главой МИД Китая Ван И в Пекине.", "2024-04-09", {("meeting", "occurred")}),
    ("Президенты России и Казахстана провели телефонный разговор 5 мая.", "2024-05-06", {("phone_call", "occurred")}),
    ("Министр иностранных дел Турции Хакан Фидан посетит Москву в следующем месяце.", "2024-05-06", {("visit", "planned")}),
    ("Визит Лаврова в Белград отложен.", "2024-05-06", {("visit", "cancelled")}),
    ("Foreign Minister Sergei Lavrov held talks with his Indian counterpart in New Delhi on Tuesday.", "2024-05-09", {("meeting", "occurred")}),
    ("Russian President Vladimir Putin will visit Beijing in May, the Kremlin said.", "2024-04-01", {("visit", "planned")}),
    ("Uzbekistan and India signed a memorandum on cooperation in education in Tashkent on 3 June.", "2024-06-04", {("signing", "occurred")}),
    ("The UN General Assembly adopted a resolution on cooperation with the African Union on Monday.", "2024-06-04", {("adoption", "occurred")}),
    ("President Xi Jinping met Foreign Minister Sergei Lavrov in Beijing on Tuesday. Lavrov later held talks with his Hungarian counterpart Péter Szijjártó.", "2024-04-10", {("meeting", "occurred")}),
    # not events
    ("Такие встречи проводятся ежегодно.", "2024-06-04", set()),
    ("Summits of this kind are held every year.", "2024-06-04", set()),
    ("", None, set()),
]


@pytest.mark.parametrize("text,published,expected", CASES)
def test_events(extractor, text, published, expected):
    result = extractor.extract(text, published)
    assert {(e.type, e.status) for e in result.events} == expected


def test_different_participants_are_different_meetings(extractor):
    text = ("President Xi Jinping met Foreign Minister Sergei Lavrov in Beijing on Tuesday. "
            "Lavrov later held talks with his Hungarian counterpart Péter Szijjártó.")
    meetings = [e for e in extractor.extract(text, "2024-04-10").events if e.type == "meeting"]
    assert sorted(sorted(p.name for p in e.persons) for e in meetings) == [
        ["Péter Szijjártó", "Sergei Lavrov"], ["Sergei Lavrov", "Xi Jinping"]]
    assert {p.code for e in meetings for p in e.parties} == {"CHN", "RUS", "HUN"}


@pytest.mark.parametrize("published,expected", [("2020-05-05", "Владимир Макей"), ("2025-05-05", "Максим Рыженков"), (None, None)])
def test_role_phrase_resolves_to_the_office_holder_on_the_day(extractor, published, expected):
    result = extractor.extract("Глава МИД Белоруссии провел переговоры с Сергеем Лавровым в Москве.", published)
    (meeting,) = result.events
    assert {p.name for p in meeting.persons} == {"Сергей Лавров"}, "a role that names no one is not a person of the text"
    holders = {p.name for p in meeting.role_holders}
    assert holders == ({expected} if expected else set())
    assert {p.code for p in meeting.parties} == {"BLR", "RUS"}
