"""Dates are total (issue 7, part 2): resolution never raises.

An anchor or a result outside the calendar of :mod:`datetime` (0001-01-01 to
9999-12-31), or a day that does not exist (30 February), gives ``None`` (no date)
instead of ``OverflowError`` or ``ValueError``. The published date is not limited
here: the pipeline may refuse odd publication dates up front (E021), but the dates
functions are public and dates in the text are not limited either.

Groups:
- EDGES: texts resolved against ``date.min``/``date.max`` and their neighbours, through
  the public :class:`DatesExtractor` and :func:`resolve`;
- EXPRESSIONS: expressions built by hand with out-of-range or impossible fields,
  and anchors (datelines) of the same kind;
- the anaphoric resolver of assembly at the edges;
- the issue's reproducers through the whole extractor;
- a hypothesis property: any anchor in the calendar, any mix of date words of both
  languages, and every value is None or a real ISO 8601 day, month, year or range.
"""
from __future__ import annotations

import datetime as dt
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from builders import doc_of
from diplo_extract.assembly import DateResolver
from diplo_extract.dates import DateExpression, DatesExtractor, load_date_lexicon, resolve
from diplo_extract.errors import InputError

D = dt.date
MIN, MAX = D.min, D.max  # 0001-01-01 is a Monday, 9999-12-31 a Friday
LANGS = ("ru", "en")


@pytest.fixture(scope="module")
def dates() -> DatesExtractor:
    return DatesExtractor.from_models()


# (note, lang, text, anchor, future, [(span text, value)])
EDGES = [
    # the reproducers
    ("reproducer: the eve of the first day", "ru", "Лавров провел переговоры с Ван И накануне.", MIN, False, [("накануне", None)]),
    ("reproducer: next week after the last Monday", "en", "Lavrov will meet Blinken next week.", D(9999, 12, 27), True, [("next week", None)]),
    ("reproducer: this week of the last day", "en", "Lavrov met Blinken this week.", MAX, False, [("this week", None)]),
    # relative days
    ("yesterday of the first day", "en", "yesterday", MIN, False, [("yesterday", None)]),
    ("today of the first day", "ru", "сегодня", MIN, False, [("сегодня", "0001-01-01")]),
    ("tomorrow of the last day", "ru", "завтра", MAX, True, [("завтра", None)]),
    ("the day after tomorrow of the day before last", "en", "the day after tomorrow", D(9999, 12, 30), True, [("the day after tomorrow", None)]),
    ("yesterday of the last day", "en", "yesterday", MAX, False, [("yesterday", "9999-12-30")]),
    # weeks: a bound out of the calendar leaves no week; a cut inside it still resolves
    ("this week of the first day", "en", "this week", MIN, False, [("this week", "0001-01-01/0001-01-07")]),
    ("last week of the first day", "en", "last week", MIN, False, [("last week", None)]),
    ("на прошлой неделе, first day", "ru", "на прошлой неделе", MIN, False, [("на прошлой неделе", None)]),
    ("earlier this week on the first day", "en", "earlier this week", MIN, False, [("earlier this week", None)]),
    ("earlier this week on the last day", "en", "earlier this week", MAX, False, [("earlier this week", "9999-12-27/9999-12-30")]),
    ("в начале недели, last day", "ru", "в начале недели", MAX, False, [("в начале недели", "9999-12-27/9999-12-30")]),
    ("later this week on the last day", "en", "later this week", MAX, True, [("later this week", None)]),
    ("на этой неделе, last day", "ru", "на этой неделе", MAX, False, [("на этой неделе", None)]),
    ("на следующей неделе, last week", "ru", "на следующей неделе", D(9999, 12, 20), True, [("на следующей неделе", None)]),
    # weekdays
    ("Monday of the first Monday", "en", "on Monday", MIN, False, [("on Monday", "0001-01-01")]),
    ("last Monday of the first Monday", "en", "last Monday", MIN, False, [("last Monday", None)]),
    ("a past Sunday of the first Monday", "en", "on Sunday", MIN, False, [("on Sunday", None)]),
    ("a coming Sunday of the first Monday", "en", "on Sunday", MIN, True, [("on Sunday", "0001-01-07")]),
    ("в прошлый понедельник, first day", "ru", "в прошлый понедельник", MIN, False, [("в прошлый понедельник", None)]),
    ("Friday of the last Friday", "en", "on Friday", MAX, True, [("on Friday", "9999-12-31")]),
    ("next Friday of the last Friday", "en", "next Friday", MAX, True, [("next Friday", None)]),
    ("a coming Saturday of the last Friday", "ru", "в субботу", MAX, True, [("в субботу", None)]),
    ("a past Saturday of the last Friday", "en", "on Saturday", MAX, False, [("on Saturday", "9999-12-25")]),
    # days and months without a year
    ("a past 26 November of the first day", "ru", "26 ноября", MIN, False, [("26 ноября", None)]),
    ("a coming 26 November of the first day", "ru", "26 ноября", MIN, True, [("26 ноября", "0001-11-26")]),
    ("a coming 1 January of the last day", "en", "January 1", MAX, True, [("January 1", None)]),
    ("a past 1 January of the last day", "en", "January 1", MAX, False, [("January 1", "9999-01-01")]),
    ("a coming 31 December of the last day", "en", "December 31", MAX, True, [("December 31", "9999-12-31")]),
    ("a past 29 February of the first days", "en", "February 29", D(3, 1, 1), False, [("February 29", None)]),
    ("a past November of the first day", "en", "in November", MIN, False, [("in November", None)]),
    ("a coming January of the last day", "ru", "в январе", MAX, True, [("в январе", None)]),
    ("last month of the first day", "en", "last month", MIN, False, [("last month", None)]),
    ("в следующем месяце, last day", "ru", "в следующем месяце", MAX, True, [("в следующем месяце", None)]),
    ("this month of the last day", "en", "this month", MAX, False, [("this month", "9999-12")]),
    ("в октябре прошлого года, first year", "ru", "в октябре прошлого года", MIN, False, [("в октябре прошлого года", None)]),
    ("26 ноября следующего года, last year", "ru", "26 ноября следующего года", MAX, True, [("26 ноября следующего года", None)]),
    ("29 February of last year, not a leap year", "ru", "29 февраля прошлого года", D(2024, 5, 1), False, [("29 февраля прошлого года", None)]),
    # years
    ("last year of the first day", "en", "last year", MIN, False, [("last year", None)]),
    ("в прошлом году, first day", "ru", "в прошлом году", MIN, False, [("в прошлом году", None)]),
    ("next year of the last day", "en", "next year", MAX, True, [("next year", None)]),
    ("в следующем году, last day", "ru", "в следующем году", MAX, True, [("в следующем году", None)]),
    ("this year of the last day", "en", "this year", MAX, False, [("this year", "9999")]),
    # years out of the grammar's range are no dates at all
    ("в 9999 году", "ru", "в 9999 году", MAX, False, []),
    ("через 5000 лет", "ru", "через 5000 лет", MAX, True, []),
    ("in the year 10000", "en", "in the year 10000", MAX, True, []),
    ("no 32 March", "ru", "32 марта", MIN, False, []),
    ("no February 30", "en", "February 30", MAX, False, []),
    ("no 30 February", "ru", "30 февраля", MAX, False, []),
    # ranges across the year's end
    ("с 30 декабря по 2 января, last day", "ru", "с 30 декабря по 2 января", MAX, False, [("с 30 декабря по 2 января", None)]),
    ("с 30 декабря по 2 января, last day, coming", "ru", "с 30 декабря по 2 января", MAX, True, [("с 30 декабря по 2 января", None)]),
    ("с 30 декабря по 2 января, first day", "ru", "с 30 декабря по 2 января", MIN, False, [("с 30 декабря по 2 января", None)]),
    ("с 30 декабря по 2 января, first day, coming", "ru", "с 30 декабря по 2 января", MIN, True, [("с 30 декабря по 2 января", None)]),
    ("December 30 - January 2, last day", "en", "from December 30 to January 2", MAX, True, [("from December 30 to January 2", None)]),
    ("28-29 December, last day", "ru", "28-29 декабря", MAX, False, [("28-29 декабря", "9999-12-28/9999-12-29")]),
    ("1-2 January, first day", "en", "January 1-2", MIN, True, [("January 1-2", "0001-01-01/0001-01-02")]),
    ("с ноября по декабрь, first day", "ru", "с ноября по декабрь", MIN, False, [("с ноября по декабрь", None)]),
    ("с ноября по декабрь, last day", "ru", "с ноября по декабрь", MAX, False, [("с ноября по декабрь", "9999-11/9999-12")]),
    # durations
    ("a two-day visit from the last day", "en", "a two-day visit from December 31", MAX, False, [("two-day visit from December 31", None)]),
    ("a two-day visit from the last day, coming", "en", "a two-day visit from December 31", MAX, True, [("two-day visit from December 31", None)]),
    ("двухдневный визит с 30 декабря, last day", "ru", "двухдневный визит с 30 декабря", MAX, False, [("двухдневный визит с 30 декабря", "9999-12-30/9999-12-31")]),
    ("трехдневный визит с 30 декабря, last day", "ru", "трехдневный визит с 30 декабря", MAX, False, [("трехдневный визит с 30 декабря", None)]),
    ("a coming two-day visit from Monday, last day", "en", "a two-day visit starting Monday", MAX, True, [("two-day visit starting Monday", None)]),
    ("a past two-day visit from Monday, last day", "en", "a two-day visit starting Monday", MAX, False, [("two-day visit starting Monday", "9999-12-27/9999-12-28")]),
    ("a two-day visit from tomorrow, last day", "en", "a two-day visit starting tomorrow", MAX, True, [("two-day visit starting tomorrow", None)]),
    ("двухдневный визит в пятницу, last day", "ru", "двухдневный визит в пятницу", MAX, False, [("двухдневный визит в пятницу", None)]),
    ("двухдневный визит в понедельник, last day", "ru", "двухдневный визит в понедельник", MAX, False, [("двухдневный визит в понедельник", "9999-12-27/9999-12-28")]),
]


@pytest.mark.parametrize(("note", "lang", "text", "anchor", "future", "expected"), EDGES, ids=[c[0] for c in EDGES])
def test_resolution_at_the_edges_of_the_calendar(dates, note, lang, text, anchor, future, expected) -> None:
    found = dates.find(text, lang)
    assert [(e.text, resolve(e, anchor, future=future)) for e in found] == expected


def expr(kind: str, **fields: object) -> DateExpression:
    return DateExpression(0, 1, "x", kind, **fields)


# (note, expression, anchor, future, value)
EXPRESSIONS = [
    ("the year 10000", expr("year", year=10000), MAX, False, None),
    ("the year 0", expr("year", year=0), MIN, False, None),
    ("a negative year", expr("year", year=-5), None, False, None),
    ("the year 9999", expr("year", year=9999), None, False, "9999"),
    ("a day of the year 10000", expr("date", year=10000, month=1, day=1), None, False, None),
    ("30 February", expr("date", year=2021, month=2, day=30), None, False, None),
    ("30 February, no year", expr("date", month=2, day=30), None, False, None),
    ("29 February, no year", expr("date", month=2, day=29), None, False, "XXXX-02-29"),
    ("32 March", expr("date", month=3, day=32), D(2020, 5, 1), False, None),
    ("month 13", expr("month", month=13), D(2020, 5, 1), False, None),
    ("month 13 with a day", expr("date", month=13, day=1), D(2020, 5, 1), True, None),
    ("years 9999-10000", expr("range", year=9999, end_year=10000), None, False, None),
    ("months of the year 10000", expr("range", year=10000, month=1, end_year=10000, end_month=2), None, False, None),
    ("a duration from 31 December 9999", expr("range", year=9999, month=12, day=31, duration_days=2), None, False, None),
    ("a duration from 30 February", expr("range", month=2, day=30, duration_days=2), None, False, None),
    ("a month 8000 years later", expr("month", unit="month", offset=96_000), D(2020, 5, 1), False, None),
    ("100 000 days later", expr("relative", offset_days=100_000), MAX, False, None),
    ("a million days earlier", expr("relative", offset_days=-1_000_000), D(2020, 5, 1), False, None),
    ("a million weeks earlier", expr("week", unit="week", offset=-1_000_000), D(2020, 5, 1), False, None),
]


@pytest.mark.parametrize(("note", "expression", "anchor", "future", "value"), EXPRESSIONS, ids=[c[0] for c in EXPRESSIONS])
def test_expressions_out_of_the_calendar_give_no_date(note, expression, anchor, future, value) -> None:
    assert resolve(expression, anchor, future=future) == value


TOMORROW = expr("relative", offset_days=1)
TODAY_FOR_TWO_DAYS = expr("range", duration_days=2, start_kind="relative", offset_days=0)


@pytest.mark.parametrize(
    ("note", "line", "expression", "value"),
    [
        ("a dateline of 30 February is no anchor", expr("date", month=2, day=30), TOMORROW, None),
        ("a dateline of the year 10000 is no anchor", expr("date", year=10000, month=1, day=1), TOMORROW, None),
        ("a dateline of the year 0 is no anchor", expr("date", year=0, month=1, day=1), TOMORROW, None),
        ("a dateline of month 13 is no anchor", expr("date", month=13, day=1), TOMORROW, None),
        ("the last dateline of the calendar", expr("date", year=9999, month=12, day=31), TOMORROW, None),
        ("a year-less 29 February dateline", expr("date", month=2, day=29), TOMORROW, "XXXX-03-01"),
        ("two days from a year-less 29 February", expr("date", month=2, day=29), TODAY_FOR_TWO_DAYS, "XXXX-02-29/XXXX-03-01"),
        ("two days from a year-less 31 December", expr("date", month=12, day=31), TODAY_FOR_TWO_DAYS, "XXXX-12-31/XXXX-01-01"),
    ],
)
def test_dateline_anchors_out_of_the_calendar(note, line, expression, value) -> None:
    assert resolve(expression, line) == value


# ----------------------------------------------------------------- anaphoric dates (assembly)
NEXT_DAY = DateExpression(50, 62, "the next day", "anaphoric", offset_days=1)
DAY_BEFORE = DateExpression(50, 64, "the day before", "anaphoric", offset_days=-1)
DEC_31 = DateExpression(0, 11, "December 31", "date", month=12, day=31)
JAN_1 = DateExpression(0, 9, "January 1", "date", month=1, day=1)
NOV_26 = DateExpression(0, 9, "26 ноября", "date", month=11, day=26)


@pytest.mark.parametrize(
    ("named", "expression", "status", "published", "value"),
    [
        ([DEC_31], NEXT_DAY, "occurred", MAX, None),  # the day after the calendar's last
        ([], NEXT_DAY, "occurred", MAX, None),  # from publication
        ([JAN_1], DAY_BEFORE, "planned", MIN, None),
        ([], DAY_BEFORE, "occurred", MIN, None),
        ([NOV_26], NEXT_DAY, "occurred", MIN, "0001-01-02"),  # no past 26 November: counts from publication
        ([NOV_26], NEXT_DAY, "planned", MIN, "0001-11-27"),
        ([DEC_31], NEXT_DAY, "planned", MAX, None),
    ],
)
def test_anaphoric_dates_at_the_edges(named, expression, status, published, value) -> None:
    doc = doc_of("x" * 100)
    doc.published = published
    doc.sentences[0].dates = list(named)
    assert DateResolver(doc)(expression, status) == value


# ----------------------------------------------------------------- the whole extractor
@pytest.mark.parametrize(
    ("text", "published"),
    [
        ("Лавров провел переговоры с Ван И накануне.", "0001-01-01"),
        ("Lavrov will meet Blinken next week.", "9999-12-27"),
        ("Lavrov met Blinken this week.", "9999-12-31"),
        ("Lavrov met Blinken on December 31. The next day they met again.", "9999-12-31"),
    ],
)
def test_the_extractor_resolves_or_refuses_edge_publication_dates(extractor, text, published) -> None:
    """Either the date is resolved (to no date) or the publication date is refused up
    front with E021 (pipeline.parse_published); never a traceback."""
    try:
        result = extractor.extract(text, published=published)
    except InputError as exc:
        assert str(exc).startswith("E021")
        return
    result.model_dump_json()


# ----------------------------------------------------------------- property
def _words(lang: str) -> list[str]:
    """Every form of the date lexicon of ``lang``, and a few templates around them."""
    lex = load_date_lexicon(lang)
    months = [f for e in lex.months for f in e.forms]
    weekdays = [f for e in lex.weekdays for f in e.forms]
    words = [
        *months, *weekdays,
        *(f for e in lex.weekday_modifiers for f in e.forms),
        *(f for e in (*lex.relative_days, *lex.anaphoric_days, *lex.relative_years) for f in e.forms),
        *(f for e in lex.relative_periods for f in e.forms),
        *(f for e in lex.durations for f in e.forms),
        *lex.weekday_prepositions, *lex.year_words, *lex.month_prepositions, *lex.year_prepositions,
        *lex.parts, *lex.blockers, *lex.period_prefixes, *lex.duration_starts,
        *(fr.start for fr in lex.range_frames if fr.start), *(j for fr in lex.range_frames for j in fr.joiners),
    ]
    words += [f"{d} {m}" for m in months for d in (1, 28, 29, 30, 31)]
    words += [f"{m} {d}" for m in months for d in (1, 29, 31)]
    words += [f"{p} {w}" for p in lex.weekday_prepositions for w in weekdays]
    words += ["two-day visit from", "двухдневный визит с", "-", "–", ",", "."]
    return words


WORDS = {lang: _words(lang) for lang in LANGS}
NUMBERS = st.sampled_from(["0", "1", "2", "12", "29", "30", "31", "32", "99", "1800", "2199", "2999", "9999", "10000",
                           "0001-01-01", "9999-12-31", "2999-12-31", "1000-01-01", "31.12.2999", "12/31/2999"])


@st.composite
def texts(draw: st.DrawFn) -> tuple[str, str]:
    lang = draw(st.sampled_from(LANGS))
    parts = draw(st.lists(st.one_of(st.sampled_from(WORDS[lang]), NUMBERS), min_size=1, max_size=8))
    return lang, " ".join(parts)


ISO_PART = re.compile(r"(?:\d{4}|XXXX)(?:-\d\d(?:-\d\d)?)?")


def _real(part: str) -> bool:
    """An ISO day, month or year that exists in the calendar (any year for XXXX)."""
    if not ISO_PART.fullmatch(part):
        return False
    year, *rest = part.split("-")
    month, day = (int(n) for n in (*rest, "01", "01")[:2])
    try:
        dt.date(2000 if year == "XXXX" else int(year), month, day)
    except ValueError:
        return False
    return True


@settings(max_examples=400, deadline=None)
@given(case=texts(), anchor=st.dates(MIN, MAX), future=st.booleans(), status=st.sampled_from(["occurred", "planned"]))
def test_resolution_is_total(dates, case, anchor, future, status) -> None:
    lang, text = case
    found = dates.find(text, lang)
    doc = doc_of(text)
    doc.published = anchor
    doc.sentences[0].dates = found
    by_document = DateResolver(doc)
    for e in found:
        for value in (resolve(e, anchor, future=future), by_document(e, status)):
            assert value is None or all(_real(p) for p in value.split("/")), (e, value)
