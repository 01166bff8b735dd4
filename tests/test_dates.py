"""Tests of the dates stage (``diplo_extract.dates``).

Groups:
- SEEDS: sentences of the seed documents (../shared/seeds), with the gold values;
- FORMS_RU / FORMS_EN: every supported way of writing a date, resolved per the guide;
- RESOLUTION: the anchor rules (nearest past/future, weekdays, weeks, no anchor);
- NEGATIVE: numbers, time codes and document periods that are not event dates;
- datelines, lexicon validation, properties (hypothesis) and linear time.

Each case is ``(note, text, lang, anchor, future, expected)`` where ``expected`` lists
``(span text, value)`` for every expression found, in order; ``value`` is what
:func:`resolve` gives, or ``"period A-B"`` for a document period.
"""
from __future__ import annotations

import datetime as dt
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from diplo_extract.dates import DateExpression, DatesExtractor, load_date_lexicon, resolve
from diplo_extract.errors import InputError, ResourceError

D = dt.date
WED = D(2025, 11, 26)  # a Wednesday
THU = D(2025, 2, 20)  # a Thursday (the AP fixture's published date)

SEEDS = [
    ("belta dateline and body", "26 ноября, Минск /Корр. БЕЛТА/. Такая договоренность достигнута 26 ноября в Минске",
     "ru", D(2020, 11, 26), False, [("26 ноября", "2020-11-26"), ("26 ноября", "2020-11-26")]),
    ("belta plan period", "подписали план консультаций между МИД Беларуси и МИД России на 2021 год, в котором",
     "ru", D(2020, 11, 26), False, [("на 2021 год", "period 2021-2021")]),
    ("ostrov programme period", "приняли программу согласованных действий в области внешней политики на 2022-2023 годы.",
     "ru", D(2021, 11, 10), False, [("на 2022-2023 годы", "period 2022-2023")]),
    ("ostrov earlier day", "реализации утвержденного 4 ноября Высшим Госсоветом Союзного государства",
     "ru", D(2021, 11, 10), False, [("4 ноября", "2021-11-04")]),
    ("tass iso header", " date 2025-11-24 Главы МИД РФ и Белоруссии обсудят",
     "ru", D(2025, 11, 25), False, [("2025-11-24", "2025-11-24")]),
    ("tass phone call", "Встреча министров пройдет после состоявшегося 15 ноября телефонного разговора",
     "ru", D(2025, 11, 25), False, [("15 ноября", "2025-11-15")]),
    ("tass end of year", "на традиционной встрече лидеров стран - участниц СНГ в конце 2025 года в Санкт-Петербурге",
     "ru", D(2025, 11, 25), True, [("в конце 2025 года", "2025")]),
    ("tass period with en dash", "Договора о создании Союзного государства на 2024–2026 годы.",
     "ru", D(2025, 11, 25), False, [("на 2024–2026 годы", "period 2024-2026")]),
    ("transcript date glued to a time code", "05:3626 сентября в Москве проведена первая встреча",
     "ru", None, False, [("26 сентября", "XXXX-09-26")]),
    ("transcript month after a time code", "05:18В марте вступил в силу двусторонний договор",
     "ru", None, False, [("В марте", "XXXX-03")]),
    ("transcript month of this year, no anchor", "конференции по евразийской безопасности в октябре нынешнего года",
     "ru", None, False, [("в октябре нынешнего года", "XXXX-10")]),
    ("transcript month of this year, anchored", "конференции в октябре нынешнего года",
     "ru", D(2025, 11, 25), False, [("в октябре нынешнего года", "2025-10")]),
    ("transcript spoken year period", "план консультации между нашими министерствами на следующий, 26-й год.",
     "ru", None, False, [("на следующий, 26-й год", "period 2026-2026")]),
    ("transcript garbled period as written", "программы сотрудничества ЕЭК и АСЕАН на 1926-1930 годы.",
     "ru", None, False, [("на 1926-1930 годы", "period 1926-1930")]),
    ("transcript year range", "эта программа сейчас охватывает три года, с 2004 по 2006, мы",
     "ru", None, False, [("с 2004 по 2006", "2004/2006")]),
    ("transcript yesterday, no anchor", "09:28Уже вчера мы окунулись в эту атмосферу",
     "ru", None, False, [("вчера", None)]),
    ("kazinform en body", "said at the joint meeting of the foreign ministries of Belarus and Russia on 30 October.",
     "en", None, False, [("30 October", "XXXX-10-30")]),
    ("fixture state visit range", "who is on a state visit to China from May 16 to 17.",
     "en", None, False, [("from May 16 to 17", "XXXX-05-16/XXXX-05-17")]),
    ("fixture postponed until", "which had been scheduled for Wednesday, until March 10, saying",
     "en", THU, False, [("Wednesday", "2025-02-19"), ("March 10", "2024-03-10")]),
    ("fixture new date is planned", "postponed until March 10", "en", THU, True, [("March 10", "2025-03-10")]),
]

FORMS_RU = [
    ("day month year", "26 ноября 2020 года", "ru", None, False, [("26 ноября 2020 года", "2020-11-26")]),
    ("abbreviated year word", "26 ноября 2020 г.", "ru", None, False, [("26 ноября 2020 г.", "2020-11-26")]),
    ("abbreviated month", "26 нояб. 2020 г.", "ru", None, False, [("26 нояб. 2020 г.", "2020-11-26")]),
    ("ordinal day", "26-го ноября", "ru", WED, False, [("26-го ноября", "2025-11-26")]),
    ("capitalized month", "26 НОЯБРЯ", "ru", WED, False, [("26 НОЯБРЯ", "2025-11-26")]),
    ("dotted numeric", "26.11.2020", "ru", None, False, [("26.11.2020", "2020-11-26")]),
    ("slashed numeric", "26/11/2020", "ru", None, False, [("26/11/2020", "2020-11-26")]),
    ("iso", "2020-11-26", "ru", None, False, [("2020-11-26", "2020-11-26")]),
    ("dash range", "27-28 ноября", "ru", D(2022, 11, 28), False, [("27-28 ноября", "2022-11-27/2022-11-28")]),
    ("с-по range", "с 27 по 28 ноября", "ru", D(2022, 11, 28), False, [("с 27 по 28 ноября", "2022-11-27/2022-11-28")]),
    ("range over two months", "27 ноября – 1 декабря", "ru", D(2022, 12, 5), False,
     [("27 ноября – 1 декабря", "2022-11-27/2022-12-01")]),
    ("range over new year", "30 декабря – 2 января 2021 года", "ru", None, False,
     [("30 декабря – 2 января 2021 года", "2020-12-30/2021-01-02")]),
    ("range with year", "с 18 по 19 июня 2025 года", "ru", None, False,
     [("с 18 по 19 июня 2025 года", "2025-06-18/2025-06-19")]),
    ("month", "в ноябре", "ru", WED, False, [("в ноябре", "2025-11")]),
    ("month with year", "в ноябре 2021 года", "ru", None, False, [("в ноябре 2021 года", "2021-11")]),
    ("part of month", "в начале ноября 2021 года", "ru", None, False, [("в начале ноября 2021 года", "2021-11")]),
    ("month range", "в октябре-ноябре", "ru", WED, False, [("в октябре-ноябре", "2025-10/2025-11")]),
    ("year", "в 2025 году", "ru", None, False, [("в 2025 году", "2025")]),
    ("season of a year", "весной 2024 года", "ru", None, False, [("весной 2024 года", "2024")]),
    ("year range", "в 2020-2021 годах", "ru", None, False, [("в 2020-2021 годах", "2020/2021")]),
    ("spoken year", "в 25-м году", "ru", None, False, [("в 25-м году", "2025")]),
    ("ordinal year alone", "В 2014-м году и в 2015-м", "ru", None, False, [("В 2014-м году", "2014"), ("в 2015-м", "2015")]),
    ("half of a year", "в первом полугодии 2024 года", "ru", None, False, [("в первом полугодии 2024 года", "2024")]),
    ("spoken period", "на 26-й год", "ru", None, False, [("на 26-й год", "period 2026-2026")]),
    ("day of last year", "26 ноября прошлого года", "ru", WED, False, [("26 ноября прошлого года", "2024-11-26")]),
    ("weekday and date", "в среду, 26 ноября", "ru", WED, False, [("в среду, 26 ноября", "2025-11-26")]),
    ("weekday pair", "в четверг и пятницу", "ru", D(2024, 7, 8), False, [("в четверг и пятницу", "2024-07-04/2024-07-05")]),
    ("weekday range", "в понедельник и вторник", "ru", D(2024, 7, 8), True, [("в понедельник и вторник", "2024-07-08/2024-07-09")]),
    ("two-day visit", "двухдневный визит в Китай с 18 июня", "ru", D(2025, 6, 1), True,
     [("двухдневный визит в Китай с 18 июня", "2025-06-18/2025-06-19")]),
    ("three-day visit over a month end", "трехдневным официальным визитом с 30 июня", "ru", D(2025, 6, 1), True,
     [("трехдневным официальным визитом с 30 июня", "2025-06-30/2025-07-02")]),
    ("scheduled year is a date", "визит перенесен на 2026 год", "ru", None, False, [("на 2026 год", "2026")]),
    ("period in гг.", "на 2024–2026 гг.", "ru", None, False, [("на 2024–2026 гг.", "period 2024-2026")]),
    ("period of two-digit end", "на 2024-26 годы", "ru", None, False, [("на 2024-26 годы", "period 2024-2026")]),
]

FORMS_EN = [
    ("day month", "on 30 October", "en", None, False, [("30 October", "XXXX-10-30")]),
    ("month day", "October 30", "en", D(2020, 11, 1), False, [("October 30", "2020-10-30")]),
    ("abbreviated with year", "Oct. 30, 2020", "en", None, False, [("Oct. 30, 2020", "2020-10-30")]),
    ("ordinal of", "the 30th of October 2020", "en", None, False, [("30th of October 2020", "2020-10-30")]),
    ("upper case", "NOV 25", "en", WED, False, [("NOV 25", "2025-11-25")]),
    ("weekday and date", "on Tuesday, October 30", "en", None, False, [("on Tuesday, October 30", "XXXX-10-30")]),
    ("month day range", "June 18-19", "en", D(2020, 6, 20), False, [("June 18-19", "2020-06-18/2020-06-19")]),
    ("day month range", "18-19 June", "en", D(2020, 6, 20), False, [("18-19 June", "2020-06-18/2020-06-19")]),
    ("from-to range", "from June 18 to 20", "en", D(2020, 6, 20), False, [("from June 18 to 20", "2020-06-18/2020-06-20")]),
    ("between-and range", "between 18 and 20 June", "en", D(2020, 6, 20), False,
     [("between 18 and 20 June", "2020-06-18/2020-06-20")]),
    ("month", "in March", "en", THU, False, [("in March", "2024-03")]),
    ("month, future", "in March", "en", THU, True, [("in March", "2025-03")]),
    ("month with year", "in March 2024", "en", None, False, [("in March 2024", "2024-03")]),
    ("mid month", "in mid-November", "en", WED, False, [("in mid-November", "2025-11")]),
    ("year", "in 2025", "en", None, False, [("in 2025", "2025")]),
    ("late year", "late 2025", "en", None, False, [("late 2025", "2025")]),
    ("last year", "last year", "en", WED, False, [("last year", "2024")]),
    # a month with a modifier: the latest before the anchor's month, the first after it, the anchor's year
    ("last October", "met last October", "en", D(2025, 11, 20), False, [("last October", "2025-10")]),
    ("last November in November", "met last November", "en", D(2025, 11, 20), False, [("last November", "2024-11")]),
    ("next March", "will meet next March", "en", D(2025, 11, 20), True, [("next March", "2026-03")]),
    ("this June", "visited this June", "en", D(2025, 11, 20), False, [("this June", "2025-06")]),
    ("two-day visit", "a two-day visit from 18 June", "en", D(2020, 6, 10), True,
     [("two-day visit from 18 June", "2020-06-18/2020-06-19")]),
    ("two-day visit starting", "a two-day visit to China starting June 18", "en", D(2020, 6, 10), True,
     [("two-day visit to China starting June 18", "2020-06-18/2020-06-19")]),
    ("period range", "a plan of consultations for 2024-2026", "en", None, False, [("for 2024-2026", "period 2024-2026")]),
    ("period year", "the consultation plan for 2025", "en", None, False, [("for 2025", "period 2025-2025")]),
    ("period before a noun", "the 2021-2025 programme", "en", None, False, [("2021-2025", "period 2021-2025")]),
    ("scheduled year is a date", "the summit is scheduled for 2025", "en", None, False, [("for 2025", "2025")]),
    ("US numeric", "11/26/2020", "en", None, False, [("11/26/2020", "2020-11-26")]),
    # two weekdays joined by a range link are one range of days
    ("weekday range", "from Tuesday to Thursday", "en", D(2024, 7, 8), True, [("Tuesday to Thursday", "2024-07-09/2024-07-11")]),
    ("weekday pair", "on Sunday and Monday", "en", D(2024, 7, 8), True, [("on Sunday and Monday", "2024-07-14/2024-07-15")]),
    ("weekday dash", "Monday-Tuesday", "en", D(2024, 7, 10), False, [("Monday-Tuesday", "2024-07-08/2024-07-09")]),
    ("weekday and a verb", "met on Monday and said", "en", D(2024, 7, 10), False, [("on Monday", "2024-07-08")]),
]

RESOLUTION = [
    ("day month takes the anchor's year", "26 ноября", "ru", D(2020, 11, 26), False, [("26 ноября", "2020-11-26")]),
    ("past: nearest not after the anchor", "26 ноября", "ru", D(2021, 3, 1), False, [("26 ноября", "2020-11-26")]),
    ("future: nearest not before the anchor", "26 ноября", "ru", D(2021, 3, 1), True, [("26 ноября", "2021-11-26")]),
    ("no anchor: unknown year", "26 ноября", "ru", None, False, [("26 ноября", "XXXX-11-26")]),
    ("leap day: nearest leap year", "29 февраля", "ru", WED, False, [("29 февраля", "2024-02-29")]),
    ("yesterday", "вчера", "ru", WED, False, [("вчера", "2025-11-25")]),
    ("the day before", "накануне", "ru", WED, False, [("накануне", "2025-11-25")]),
    ("two days before", "позавчера", "ru", WED, False, [("позавчера", "2025-11-24")]),
    ("day after tomorrow", "послезавтра", "ru", WED, True, [("послезавтра", "2025-11-28")]),
    ("today", "today", "en", WED, False, [("today", "2025-11-26")]),
    ("yesterday, no anchor", "yesterday", "en", None, False, [("yesterday", None)]),
    ("day before yesterday", "the day before yesterday", "en", WED, False, [("the day before yesterday", "2025-11-24")]),
    ("weekday on the anchor's weekday, past", "в среду", "ru", WED, False, [("в среду", "2025-11-26")]),
    ("weekday, past", "в среду", "ru", D(2025, 11, 27), False, [("в среду", "2025-11-26")]),
    ("weekday, future", "в среду", "ru", D(2025, 11, 27), True, [("в среду", "2025-12-03")]),
    ("во вторник", "во вторник", "ru", WED, False, [("во вторник", "2025-11-25")]),
    ("last wednesday from a wednesday", "в прошлую среду", "ru", WED, False, [("в прошлую среду", "2025-11-19")]),
    ("on Tuesday", "on Tuesday", "en", THU, False, [("on Tuesday", "2025-02-18")]),
    ("on Monday", "on Monday", "en", THU, False, [("on Monday", "2025-02-17")]),
    ("next Monday", "next Monday", "en", THU, False, [("next Monday", "2025-02-24")]),
    ("weekday, no anchor", "on Tuesday", "en", None, False, [("on Tuesday", None)]),
    ("last week: Monday-Sunday", "last week", "en", THU, False, [("last week", "2025-02-10/2025-02-16")]),
    ("на прошлой неделе", "на прошлой неделе", "ru", THU, False, [("на прошлой неделе", "2025-02-10/2025-02-16")]),
    ("this week", "на этой неделе", "ru", THU, False, [("на этой неделе", "2025-02-17/2025-02-23")]),
    ("earlier this week: Monday to the day before", "earlier this week", "en", THU, False,
     [("earlier this week", "2025-02-17/2025-02-19")]),
    ("next week", "next week", "en", THU, True, [("next week", "2025-02-24/2025-03-02")]),
    ("last year", "в прошлом году", "ru", WED, False, [("в прошлом году", "2024")]),
    ("last year, no anchor", "в прошлом году", "ru", None, False, [("в прошлом году", None)]),
    ("this year", "в нынешнем году", "ru", WED, False, [("в нынешнем году", "2025")]),
    ("next year", "в следующем году", "ru", WED, True, [("в следующем году", "2026")]),
    ("last month over a new year", "в прошлом месяце", "ru", D(2025, 1, 15), False, [("в прошлом месяце", "2024-12")]),
    ("month, past", "в ноябре", "ru", D(2025, 2, 1), False, [("в ноябре", "2024-11")]),
    ("month, future", "в ноябре", "ru", D(2025, 12, 1), True, [("в ноябре", "2026-11")]),
    ("month, no anchor", "in December", "en", None, False, [("in December", "XXXX-12")]),
]

NEGATIVE = [
    ("time codes", "05:18 00:14 в 10:00 и 12:30:15", "ru", None, False, []),
    ("time code line starts", "00:14Mr.Politan\n00:26The meetings", "en", None, False, []),
    ("anniversary", "в связи с 80-летием окончания Второй мировой войны", "ru", None, False, []),
    ("ordinal session", "16-й министерской сессии конференции ООН", "ru", None, False, []),
    ("ordinal victory", "под знаком 83-й победы", "ru", None, False, []),
    ("counts and percentages", "15 человек, 25% и 100 стран, 2000 участников", "ru", None, False, []),
    ("century", "в 21 веке", "ru", None, False, []),
    ("decades", "в 90-е годы и 2000-е годы", "ru", None, False, []),
    ("deadline year", "до 2030 года", "ru", None, False, []),
    ("deadline end of year", "до конца 2025 года", "ru", None, False, []),
    ("deadline month", "до ноября 2025 года", "ru", None, False, []),
    ("impossible day", "31 ноября", "ru", None, False, []),
    ("impossible leap day", "29 февраля 2021 года", "ru", None, False, []),
    ("resolution number", "резолюция 2231 Совета Безопасности", "ru", None, False, []),
    ("bare weekday in ru", "понедельник тяжелый день", "ru", None, False, []),
    ("today's world", "in today's highly competitive world", "en", None, False, []),
    ("covid and g20", "the COVID-19 pandemic and the G20 summit", "en", None, False, []),
    ("vision and by", "Vision 2045, a ten-year plan, by 2030 and until 2030", "en", None, False, []),
    ("lower-case may", "they may march on 5 may", "en", None, False, []),
    ("counts", "30 percent of 2000 people in 15 countries", "en", None, False, []),
    ("article numbers", "Article 5 and Article 51", "en", None, False, []),
    ("backward range", "June 20-18", "en", None, False, []),
]

ALL_CASES = [
    pytest.param(*case[1:], id=f"{group}: {case[0]}")
    for group, cases in (("seed", SEEDS), ("ru", FORMS_RU), ("en", FORMS_EN), ("resolve", RESOLUTION), ("neg", NEGATIVE))
    for case in cases
]


@pytest.fixture(scope="module")
def extractor() -> DatesExtractor:
    return DatesExtractor.from_models()


def _value(expr: DateExpression, anchor: dt.date | None, future: bool) -> str | None:
    if expr.is_period:
        return f"period {expr.period[0]}-{expr.period[1]}"
    return resolve(expr, anchor, future=future)


@pytest.mark.parametrize("text, lang, anchor, future, expected", ALL_CASES)
def test_find_and_resolve(extractor, text, lang, anchor, future, expected):
    found = extractor.find(text, lang)
    assert [(e.text, _value(e, anchor, future)) for e in found] == expected


# --------------------------------------------------------------------------- datelines

DATELINES = [
    ("26 ноября, Минск /Корр. БЕЛТА/. Беларусь и Россия", "ru", "Минск", "26 ноября"),
    ("Главы МИД обсудят\n\nРедакция сайта ТАСС\n\nМОСКВА, 25 ноября. /ТАСС/. Министр", "ru", "МОСКВА", "25 ноября"),
    ("Минск, 26 ноября. /БЕЛТА/ - Сегодня", "ru", "Минск", "26 ноября"),
    ("САНКТ-ПЕТЕРБУРГ, 5 июня. /ТАСС/.", "ru", "САНКТ-ПЕТЕРБУРГ", "5 июня"),
    ("News and Events\n\nHeadline\n\n\nHeadline\nMINSK. October 30. KAZINFORM The development", "en", "MINSK", "October 30"),
    ("MOSCOW, Nov 25 (Reuters) - Russia", "en", "MOSCOW", "Nov 25"),
    ("BEIJING, March 3 (Xinhua) -- China", "en", "BEIJING", "March 3"),
    ("ST. PETERSBURG, June 5 (Reuters) - x", "en", "ST. PETERSBURG", "June 5"),
    ("RIYADH, Saudi Arabia (AP) — U.S. Secretary", "en", "RIYADH", None),
    ("26 ноября /БЕЛТА/. Текст", "ru", None, "26 ноября"),
    # a chain of places, maybe a weekday, then the date and a dash (release pages)
    ("Presidential Palace, Hanoi, Vietnam, Tuesday 15 March 2022 – His Excellency", "en", "Presidential Palace, Hanoi, Vietnam", "15 March 2022"),
    ("Hanoi, Vietnam, 15 March 2022 - The President", "en", "Hanoi, Vietnam", "15 March 2022"),
    ("Ташкент, Узбекистан, 5 мая 2024 г. – Президент", "ru", "Ташкент, Узбекистан", "5 мая 2024 г."),
]


@pytest.mark.parametrize("text, lang, place, date", DATELINES)
def test_find_dateline(extractor, text, lang, place, date):
    line = extractor.find_dateline(text, lang)
    assert line is not None
    assert (line.place and line.place.text, line.date and line.date.text) == (place, date)
    assert line.text == text[line.start:line.end]
    assert line.place is None or line.place.text == text[line.place.start:line.place.end]


@pytest.mark.parametrize("text, lang", [
    ("26 сентября в Москве проведена первая встреча", "ru"),
    ("On October 30 the ministers met", "en"),
    ("Eurasian integration named one of priorities of Russia, Belarus", "en"),
    ("", "ru"),
    # a list of names and a date with no dash after it is prose
    ("Hanoi, Vietnam, 15 March 2022 was a busy day", "en"),
])
def test_no_dateline(extractor, text, lang):
    assert extractor.find_dateline(text, lang) is None


def test_dateline_anchors_relative_dates_without_year(extractor):
    text = "МИНСК, 13 июля. /БЕЛТА/. Министры встретились накануне, а в среду подписали план."
    anchor = extractor.find_dateline(text, "ru").date
    values = {e.text: resolve(e, anchor) for e in extractor.find(text, "ru")}
    assert values == {"13 июля": "XXXX-07-13", "накануне": "XXXX-07-12", "в среду": None}


# --------------------------------------------------------------------------- API edges


def test_find_in_a_slice_keeps_full_text_offsets(extractor):
    text = "Встреча 26 ноября. Визит 27 ноября. Звонок 28 ноября."
    start = text.index("Визит")
    found = extractor.find(text, "ru", start, text.index("Звонок"))
    assert [(e.start, e.text) for e in found] == [(text.index("27"), "27 ноября")]


def test_unknown_language_and_bad_input(extractor):
    with pytest.raises(InputError, match="E022"):
        extractor.find("26 ноября", "de")
    with pytest.raises(InputError, match="E020"):
        extractor.find(b"26", "ru")  # type: ignore[arg-type]
    with pytest.raises(InputError, match="E022"):
        extractor.find_dateline("МОСКВА, 25 ноября. /ТАСС/.", "de")
    with pytest.raises(InputError, match="E023"):
        resolve(DateExpression(0, 0, "", "fortnight"), None)


# --------------------------------------------------------------------------- lexicon validation


def _write_lexicon(tmp_path: Path, old: str, new: str) -> Path:
    source = (Path(__file__).resolve().parents[1] / "models" / "dates" / "en.yaml").read_text(encoding="utf-8")
    assert old in source
    path = tmp_path / "en.yaml"
    path.write_text(source.replace(old, new, 1), encoding="utf-8")
    return path


@pytest.mark.parametrize("old, new, message", [
    ("{month: 1, forms:", "{month: 13, forms:", r"E010 .*en\.yaml: invalid date lexicon entry months\[0\]\.month"),
    ("{month: 2, forms: [February", "{month: 1, forms: [February", "months: entry 1 appears 2 times, entry 2 appears 0"),
    ("{month: 5, forms: [May]}", "{month: 5, forms: [May, June]}", "form 'June' is in entries 5 and 6"),
    ("{weekday: 1, forms: [Tuesday]}", "{weekday: 1, forms: [' Tuesday']}", r"weekdays\[1\]\.forms"),
    ("slash_order: mdy", "slash_order: ymd", r"slash_order = 'ymd'"),
    ("slash_order: mdy", "slash_order: [mdy", "E011"),
])
def test_lexicon_errors_name_file_and_entry(tmp_path, old, new, message):
    with pytest.raises(ResourceError, match=message):
        load_date_lexicon("en", _write_lexicon(tmp_path, old, new))


def test_missing_lexicon(tmp_path):
    with pytest.raises(ResourceError, match="E002"):
        load_date_lexicon("xx", tmp_path / "xx.yaml")


# --------------------------------------------------------------------------- properties

TOKENS = [
    "26", "1", "31", "2020", "2025", "26-го", "25-м", "05:18", "10:00", " ", "  ", "\n", "-", "–", ".", ",", "/",
    "ноября", "нояб.", "в", "с", "по", "на", "до", "году", "года", "гг.", "вчера", "среду", "прошлой неделе",
    "нынешнего года", "двухдневный", "October", "Oct.", "May", "on", "from", "to", "between", "and", "in", "for",
    "last week", "Tuesday", "today", "two-day", "year", "'s", "МОСКВА", "(Reuters)", "/ТАСС/",
]
TEXTS = st.one_of(
    st.text(max_size=80),
    st.lists(st.one_of(st.sampled_from(TOKENS), st.text(max_size=3)), max_size=30).map("".join),
)


@settings(max_examples=300, deadline=None)
@given(text=TEXTS, lang=st.sampled_from(["ru", "en"]), cut=st.tuples(st.integers(0, 90), st.integers(0, 90)),
       anchor=st.one_of(st.none(), st.dates(D(1990, 1, 1), D(2100, 12, 31))), future=st.booleans())
def test_spans_are_faithful_and_nothing_raises(extractor, text, lang, cut, anchor, future):
    start, end = min(cut), max(cut)
    for found, lo, hi in ((extractor.find(text, lang), 0, len(text)), (extractor.find(text, lang, start, end), start, end)):
        assert all(e.text == text[e.start:e.end] and lo <= e.start < e.end <= hi for e in found)
        assert all(a.end <= b.start for a, b in zip(found, found[1:]))
        for expr in found:
            _value(expr, anchor, future)
    extractor.find_dateline(text, lang)


# --------------------------------------------------------------------------- linear time

MEGABYTE_TEXTS = [
    ("digits", "1234567890" * 100_000, ("ru", "en")),
    ("digits and dashes", "12-34-5-6 -- 7--8 " * 55_000, ("ru", "en")),
    ("dashes", "-" * 1_000_000, ("ru", "en")),
    ("time codes", "05:18 00:14 " * 85_000, ("ru", "en")),
    ("ru month names", "26 ноября ноября в ноябре 2020 года - " * 27_000, ("ru",)),
    ("en month names", "October 30 Oct. 30, 2020 - June 18-19 in May " * 22_000, ("en",)),
    ("year ranges", "2020-2021-2022-2023 годы на " * 36_000, ("ru", "en")),
]


@pytest.mark.parametrize("name, text, langs", MEGABYTE_TEXTS, ids=[t[0] for t in MEGABYTE_TEXTS])
def test_one_megabyte_in_a_few_seconds(extractor, name, text, langs):
    for lang in langs:
        began = time.perf_counter()
        extractor.find(text, lang)
        assert time.perf_counter() - began < 10, f"{name} ({lang}) is too slow"
