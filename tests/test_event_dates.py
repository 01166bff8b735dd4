"""Event dates from more than one sentence: a multi-day event's range from its
length and its first day named apart; anaphoric dates counted along a chain."""
import pytest

from diplo_extract.event_dates import _single_day


def _dates(extractor, text: str, published: str) -> list[tuple[str, str | None]]:  # noqa: ANN001
    return [(e.type, e.date and e.date.value) for e in extractor.extract(text, published).events]


@pytest.mark.parametrize("text,published,expected", [
    ("Президент России Владимир Путин в среду прилетел в Астану, где начался его двухдневный государственный визит в Казахстан.",
     "2024-11-27", [("visit", "2024-11-27/2024-11-28")]),
    ("Глава МИД России Сергей Лавров накануне прибыл в Пекин. Трехдневный визит проходит по приглашению китайской стороны.",
     "2024-04-09", [("visit", "2024-04-08/2024-04-10")]),
    ("Antony Blinken will arrive in Beijing on Sunday for a two-day visit.", "2023-02-03", [("visit", "2023-02-05/2023-02-06")]),
    # negative: no length, or the length does not qualify the event's word
    ("Президент России Владимир Путин в среду прилетел в Астану с государственным визитом.", "2024-11-27",
     [("visit", "2024-11-27")]),
    ("Antony Blinken arrived in Beijing on Sunday after a two-day forum in Seoul; the visit is his first.", "2023-02-06",
     [("visit", "2023-02-05")]),
])
def test_a_multi_day_event_gets_its_days(extractor, text, published, expected) -> None:
    assert _dates(extractor, text, published) == expected


@pytest.mark.parametrize("text,published,expected", [
    ("Путин и Трамп провели телефонный разговор 16 октября. На следующий день Путин обсудил по телефону ситуацию на Украине с "
     "Виктором Орбаном. В тот же день Трамп провел переговоры с Владимиром Зеленским в Белом доме.", "2025-10-23",
     [("phone_call", "2025-10-16"), ("phone_call", "2025-10-17"), ("meeting", "2025-10-17")]),
    ("Lavrov met Wang Yi in Beijing on April 9. The next day he held talks with Xi Jinping. Two days later Lavrov met "
     "Kim Jong Un in Pyongyang.", "2024-04-15",
     [("meeting", "2024-04-09"), ("meeting", "2024-04-10"), ("meeting", "2024-04-12")]),
    ("Kishida met Yoon Suk-yeol in Tokyo on March 16. Yoon arrived in the Japanese capital earlier in the day for a visit.",
     "2023-03-17", [("meeting", "2023-03-16"), ("visit", "2023-03-16")]),
])
def test_anaphoric_dates_count_along_the_chain(extractor, text, published, expected) -> None:
    assert _dates(extractor, text, published) == expected


@pytest.mark.parametrize("text,published,expected", [
    # a sentence that names the visitor and the destination's state with a range of days dates the stay
    ("Turkish Foreign Minister Hakan Fidan held talks during his visit to New York. Fidan, who is in the United States "
     "from Sept. 17 to 23 to attend the General Assembly, has held a string of bilateral meetings.", "2023-09-24",
     [("visit", "2023-09-17/2023-09-23")]),
    ("Глава МИД Узбекистана Бахтиёр Саидов прибыл в Минск с визитом. Бахтиёр Саидов пребывает в Беларуси 2-4 октября.",
     "2024-10-03", [("visit", "2024-10-02/2024-10-04")]),
    # negative: the range is of another person's stay, or of another country
    ("Глава МИД Узбекистана Бахтиёр Саидов прибыл в Минск с визитом. Сергей Лавров пребывает в Беларуси 2-4 октября.",
     "2024-10-03", [("visit", None)]),
    ("Глава МИД Узбекистана Бахтиёр Саидов прибыл в Минск с визитом. Бахтиёр Саидов был в Китае 2-4 сентября.",
     "2024-10-03", [("visit", None)]),
    # a sentence that does not say where the visitor stays: another happening's days
    ("Recep Tayyip Erdogan visited the White House in Washington. Erdogan attends the NATO summit in Washington on July 9-11.",
     "2024-04-26", [("visit", None)]),
])
def test_a_visit_takes_the_days_of_its_visitors_stay(extractor, text, published, expected) -> None:
    assert [d for d in _dates(extractor, text, published) if d[0] == "visit"] == expected


@pytest.mark.parametrize("value,single", [("2024-11-27", True), ("2024-11", False), ("XXXX-11-27", False), (None, False)])
def test_single_day(value, single) -> None:
    assert _single_day(value) is single
