"""Fuzzing in CI (issue 7, part 8): a bounded hypothesis profile over hostile inputs.

Inputs: random Unicode (lone surrogates, control, zero-width and format characters,
combining marks), shuffled sentences of the dev fixtures with odd characters
inserted anywhere, runs of trigger words of both languages, odd ``published``
values (None, "", the edges 1900-01-01 and 2100-12-31, out-of-range dates,
garbage of any type) and odd ids.

Properties:

- ``extract`` raises nothing but the documented errors, and only for the inputs
  that deserve them: ``TypeError`` (E020) for a text that is not a string,
  ``InputError`` E021 for a bad ``published``, E026 for a bad id;
- ``extract_record`` never raises and always returns a result (a coded ``error``
  at most, never E050/E051, the codes of unexpected failures);
- every span satisfies ``0 <= start <= end <= len(text)`` and
  ``text[start:end] == span.text``; the result's text is the input's;
- ``model_dump_json()`` succeeds and ``json.loads`` of it gives back the text;
- the same input twice gives the same JSON.

Budget: 3,700 cases for the whole file, which runs in 30-40 s on one (busy) core (texts are short: the cost is in the extraction). ``DIPLO_FUZZ_SCALE=10`` (an
environment variable) multiplies every test's number of cases, for a deeper run by
hand; ``benchmarks/fuzz.py`` runs 100,000 inputs through ``extract_many``.
"""
from __future__ import annotations

import datetime as _dt
import json
import os
import re
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from paths import DEV  # the dev fixtures only: never tests/fixtures/heldout

from diplo_extract.errors import InputError
from diplo_extract.schema import DocumentResult

SCALE = float(os.environ.get("DIPLO_FUZZ_SCALE", "1"))
settings.register_profile(
    "diplo-fuzz-ci",
    deadline=None,
    print_blob=True,
    derandomize=SCALE == 1,  # the same cases on every CI run; a deeper run by hand explores
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much],
)
FUZZ = settings.get_profile("diplo-fuzz-ci")


def budget(n: int) -> int:
    return max(1, round(n * SCALE))


# ----------------------------------------------------------------- material

def _dev_sentences() -> list[str]:
    sentences = []
    for path in sorted(DEV.glob("*.json")):
        text = json.loads(path.read_text(encoding="utf-8"))["text"]
        sentences += [s[:300] for s in re.split(r"(?<=[.!?…])\s+|\n+", text) if s.strip()]
    return sentences


SENTENCES = _dev_sentences()
assert len(SENTENCES) > 500, "the dev fixtures are the material of the fragments"

TRIGGERS = [
    "встреча", "встретился", "переговоры", "провели переговоры", "саммит", "консультации", "телефонный разговор",
    "по телефону", "созвонились", "визит", "посетил", "прибыл", "прилетел", "подписали", "подписал", "утвердили",
    "приняли", "мероприятие", "met", "meeting", "held talks", "talks", "summit", "phone call", "spoke by phone",
    "visit", "visited", "arrived", "signed", "adopted", "approved", "working dinner",
]
WORDS = TRIGGERS + [
    "Лавров", "Сергей Лавров", "Ван И", "Путин", "Токаев", "Lavrov", "Blinken", "Wang Yi", "Xi Jinping", "в Пекине",
    "в Москве", "in Geneva", "in Beijing", "России", "Китая", "Russia", "China", "ООН", "the UN", "накануне", "вчера",
    "на следующей неделе", "в прошлом году", "next week", "this week", "yesterday", "9 апреля", "April 9", "8-9 апреля",
    "31 декабря", "1 января", "в 2100 году", "in 1900", "МОСКВА, 9 апреля. /ТАСС/.",
]
ODD_CHARS = [
    "\x00", "\x01", "\x08", "\x0b", "\x0c", "\x1b", "\x1f", "\x7f", "\x85", "\x9f", "\u00ad", "\u200b", "\u200c", "\u200d",
    "\u2060", "\ufeff", "\u00a0", "\u2028", "\u2029", "\u200e", "\u200f", "\u202e", "\ufffd", "\ufffe", "\ud83d",
    "\udc00", "\udce9", "\udfff", "\u0301", "\u0306", "\u0308", "\u20dd", "\ufe0f", "\r", "\t", "\n", "🙂", "\U0010ffff",
]
ODD_PIECES = [*ODD_CHARS, "🇷🇺", "👍🏽", "\r\n", "\x00\x00", "\u200b\u200b", "и\u0306\u0301"]
SEPARATORS = [" ", "\n", "\n\n", "", "\r\n", "\t", "\u2028", "\u00a0", ", ", ". ", "\x00", "\u200b", "\u00ad"]

# ----------------------------------------------------------------- strategies

ANY_CHAR = st.one_of(
    st.characters(codec=None),  # any code point but surrogates
    st.characters(categories=["Cs"]),  # lone surrogates (and adjacent pairs, by chance)
    st.characters(categories=["Cc", "Cf", "Zl", "Zp"]),  # control, format (zero-width, bidi), separators
    st.characters(categories=["Mn", "Mc", "Me"]),  # combining marks
    st.sampled_from(ODD_CHARS),
    st.characters(min_codepoint=0x0400, max_codepoint=0x04FF),  # Cyrillic
    st.characters(min_codepoint=0x20, max_codepoint=0x7E),  # ASCII
)
RANDOM_UNICODE = st.text(ANY_CHAR, max_size=60)


@st.composite
def with_odd_chars(draw: st.DrawFn, text: str) -> str:
    """``text`` with a few odd characters inserted anywhere (mid-word too)."""
    for _ in range(draw(st.integers(0, 6))):
        k = draw(st.integers(0, len(text)))
        text = text[:k] + draw(st.sampled_from(ODD_PIECES)) + text[k:]
    return text


FRAGMENTS = (
    st.tuples(st.lists(st.integers(0, len(SENTENCES) - 1).map(SENTENCES.__getitem__), min_size=1, max_size=4),
              st.sampled_from(SEPARATORS), st.randoms())
    .map(lambda t: t[1].join(t[2].sample(t[0], len(t[0]))))
    .flatmap(with_odd_chars)
)
TRIGGER_RUNS = (
    st.tuples(st.lists(st.sampled_from(WORDS), min_size=1, max_size=30), st.sampled_from(SEPARATORS))
    .map(lambda t: t[1].join(t[0]))
    .flatmap(with_odd_chars)
)
TEXTS = st.one_of(RANDOM_UNICODE, FRAGMENTS, TRIGGER_RUNS)

LOW, HIGH = _dt.date(1900, 1, 1), _dt.date(2100, 12, 31)
IN_RANGE = st.dates(min_value=LOW, max_value=HIGH)
OUT_OF_RANGE = st.one_of(st.dates(max_value=LOW - _dt.timedelta(days=1)), st.dates(min_value=HIGH + _dt.timedelta(days=1)))


def _forms(days: st.SearchStrategy[_dt.date]) -> st.SearchStrategy[Any]:
    """A day as a date, an ISO string, a datetime, or an ISO string with a time."""
    return days.flatmap(lambda d: st.sampled_from([
        d, d.isoformat(), _dt.datetime(d.year, d.month, d.day, 23, 59, 59), f"{d.isoformat()}T00:00:00+14:00", f" {d.isoformat()}\n",
    ]))


# (value, verdict): True must be accepted, False refused with E021, None unknown
PUBLISHED = st.one_of(
    st.just((None, True)),
    st.sampled_from(["", " ", "\t\n"]).map(lambda v: (v, True)),
    _forms(st.sampled_from([LOW, HIGH, _dt.date(2000, 2, 29), _dt.date(2100, 12, 27)]) | IN_RANGE).map(lambda v: (v, True)),
    _forms(st.sampled_from([_dt.date(1, 1, 1), _dt.date(9999, 12, 31), _dt.date(1899, 12, 31), _dt.date(2101, 1, 1)]) | OUT_OF_RANGE)
    .map(lambda v: (v, False)),
    st.sampled_from(["2024-13-45", "2023-02-29", "2024-04-10T25:00", "yesterday", "вчера", "2024/04/10", "10.04.2024",
                     "\ud83d", "2024-04-10\x00", "2024-04-10\u200b", "٢٠٢٤-٠٤-١٠", "NaN", "None"]).map(lambda v: (v, False)),
    st.one_of(st.integers(), st.floats(), st.booleans(), st.binary(max_size=10), st.lists(st.integers(), max_size=2),
              st.dictionaries(st.text(max_size=3), st.integers(), max_size=1), st.times()).map(lambda v: (v, False)),
    st.text(max_size=15).map(lambda v: (v, None)),
)
# (value, valid)
IDS = st.one_of(
    st.one_of(st.none(), st.text(ANY_CHAR, max_size=20), st.integers(), st.floats()).map(lambda v: (v, True)),
    st.one_of(st.booleans(), st.binary(max_size=4), st.lists(st.integers(), max_size=2), st.tuples(st.integers()),
              st.dictionaries(st.text(max_size=2), st.integers(), max_size=1)).map(lambda v: (v, False)),
)
NOT_TEXT = st.one_of(st.none(), st.binary(max_size=20), st.integers(), st.floats(), st.lists(st.text(max_size=5), max_size=2),
                     st.dictionaries(st.text(max_size=3), st.text(max_size=3), max_size=1))

# ----------------------------------------------------------------- checks

_SURROGATE_PAIR = re.compile("[\ud800-\udbff][\udc00-\udfff]")




def _spans(node: Any, path: str = ""):
    if isinstance(node, dict):
        if {"start", "end", "text"} <= node.keys():
            yield path, node
        for key, value in node.items():
            yield from _spans(value, f"{path}.{key}")
    elif isinstance(node, list):
        for k, value in enumerate(node):
            yield from _spans(value, f"{path}[{k}]")


def check_result(result: Any, text: str | None) -> str:
    """Assert the invariants of one result; return its JSON."""
    assert isinstance(result, DocumentResult), type(result)
    if text is not None:
        assert result.text == text, "the result carries the text unchanged"
    dump = result.model_dump()
    for path, span in _spans({k: v for k, v in dump.items() if k != "text"}):
        start, end = span["start"], span["end"]
        assert isinstance(start, int) and isinstance(end, int), path
        assert 0 <= start <= end <= len(result.text), f"{path}: {start}..{end} outside 0..{len(result.text)}"
        assert result.text[start:end] == span["text"], f"{path}: text[{start}:{end}]={result.text[start:end]!r} != {span['text']!r}"
    for part in dump["languages"]:
        assert 0 <= part["start"] <= part["end"] <= len(result.text), part
    dumped = result.model_dump_json()
    assert json.loads(dumped)["text"] == result.text
    return dumped


def extract_twice(extractor, text: str, published: Any = None, id: Any = None) -> DocumentResult:
    """Extract ``text`` twice; check both results and that their JSON is the same.
    A text with a surrogate pair left as two code points is refused (E028) instead."""
    if _SURROGATE_PAIR.search(text):
        with pytest.raises(InputError, match="^E028 "):
            extractor.extract(text, published, id=id)
        return None
    first = extractor.extract(text, published, id=id)
    dumped = check_result(first, text)
    again = check_result(extractor.extract(text, published, id=id), text)
    assert again == dumped, "the same input twice must give the same output"
    return first


def _code(exc: BaseException) -> str:
    return str(exc)[:4]


# ----------------------------------------------------------------- properties


@settings(FUZZ, max_examples=budget(1000))
@given(text=RANDOM_UNICODE, published=st.sampled_from([None, "1900-01-01", "2100-12-31", "2024-04-10"]))
@example(text="Lavrov met Blinken \ud83d in Geneva.", published=None)
@example(text="Лавров провел переговоры \udce9 с Ван И.", published=None)
@example(text="\x00\u00ad\u200b\u200c\u200d\u2060\ufeff", published="2100-12-31")
@example(text="и\u0306" * 20 + "\u0301" * 5, published="1900-01-01")
def test_random_unicode(extractor, text: str, published: str | None) -> None:
    extract_twice(extractor, text, published)


@settings(FUZZ, max_examples=budget(600))
@given(text=FRAGMENTS, published=st.sampled_from([None, "", "1900-01-01", "2100-12-31", "2024-04-10"]))
@example(text="Лавров провел\x00переговоры с Ван И в Пекине 9 апреля.", published="2024-04-10")
@example(text="Лавров провел пере\u00adговоры с Ван И в Пекине 9 апреля.", published="2024-04-10")
@example(text="Лавров провел переговоры с Ван И накануне.", published="1900-01-01")
def test_fixture_fragments(extractor, text: str, published: str | None) -> None:
    extract_twice(extractor, text, published)


@settings(FUZZ, max_examples=budget(600))
@given(text=TRIGGER_RUNS, published=st.sampled_from([None, "1900-01-01", "1900-01-07", "2100-12-27", "2100-12-31"]))
@example(text="Lavrov will meet Blinken next week.", published="2100-12-31")
@example(text="Lavrov met Blinken this week.", published="2100-12-31")
@example(text=" ".join(TRIGGERS * 10), published=None)
def test_trigger_runs(extractor, text: str, published: str | None) -> None:
    extract_twice(extractor, text, published)


@settings(FUZZ, max_examples=budget(700))
@given(text=TEXTS, published=PUBLISHED, rid=IDS)
@example(text="Лавров провел переговоры с Ван И накануне.", published=("0001-01-01", False), rid=("x", True))
@example(text="Lavrov will meet Blinken next week.", published=("9999-12-27", False), rid=(5, True))
@example(text="Lavrov met Blinken.", published=("2024-04-10", True), rid=(True, False))
def test_extract_raises_only_documented_errors(extractor, text: str, published: tuple[Any, bool | None], rid: tuple[Any, bool]) -> None:
    """Odd ``published`` and ids: E021 and E026, for the inputs that deserve them only."""
    (value, published_ok), (id_value, id_ok) = published, rid
    try:
        result = extractor.extract(text, value, id=id_value)
    except InputError as exc:
        allowed = {"E021"} if published_ok is not True else set()
        if _SURROGATE_PAIR.search(text):
            allowed.add("E028")
        if not id_ok:
            allowed.add("E026")
        assert _code(exc) in allowed, f"refused with {exc} (published ok: {published_ok}, id ok: {id_ok})"
        return
    assert published_ok is not False, f"published={value!r} accepted"
    assert id_ok, f"id={id_value!r} accepted"
    check_result(result, text)
    assert result.id == (None if id_value is None else str(id_value))


@settings(FUZZ, max_examples=budget(100))
@given(text=NOT_TEXT, published=PUBLISHED)
def test_a_text_that_is_not_a_string_is_a_type_error(extractor, text: Any, published: tuple[Any, bool | None]) -> None:
    with pytest.raises(TypeError, match="^E020 "):
        extractor.extract(text, published[0])


RECORDS = st.one_of(
    st.fixed_dictionaries(
        {},
        optional={"id": IDS.map(lambda t: t[0]), "text": st.one_of(TEXTS, NOT_TEXT), "published": PUBLISHED.map(lambda t: t[0]),
                  "extra": st.integers()},
    ),
    NOT_TEXT,  # not a record at all
    st.tuples(st.text(max_size=5)),
)
RECORD_ERRORS = ("E020", "E021", "E025", "E026", "E027", "E028")


@settings(FUZZ, max_examples=budget(700))
@given(record=RECORDS)
@example(record={"id": 5, "text": "Lavrov met Blinken \ud83d\ude00 in Geneva.", "published": "9999-12-31"})
@example(record={"text": "Лавров провел переговоры \udce9 с Ван И.", "published": "1900-01-01"})
@example(record={"id": [1], "text": None})
@example(record=None)
def test_extract_record_never_raises(extractor, record: Any) -> None:
    result = extractor.extract_record(record)
    text = record.get("text") if isinstance(record, dict) else None
    refused_pair = (result.error or "").startswith("E028")
    check_result(result, text if isinstance(text, str) and not refused_pair else None)
    if result.error is not None:
        assert result.error[:4] in RECORD_ERRORS, f"unexpected failure: {result.error}"
        assert result.events == []
    if isinstance(record, dict) and isinstance(text, str) and not refused_pair:
        assert result.text == text, "a failed record keeps its text"


# ----------------------------------------------------------------- found by fuzzing


@pytest.mark.parametrize("text", ["a\ud83d\ude00b", "Lavrov met Blinken \ud83d\udfff in Geneva."])
def test_a_surrogate_pair_as_two_code_points_is_refused(extractor, text: str) -> None:
    """Found by benchmarks/fuzz.py: a high surrogate right before a low one (two code
    points in a Python str) reads back from JSON as the ONE character they encode, so
    a result could not keep its spans true in JSON. Such text is refused (E028), and
    its error record, written without the text, reads back."""
    with pytest.raises(InputError, match="^E028 "):
        extractor.extract(text)
    result = extractor.extract_record({"id": "pair", "text": text})
    assert result.error.startswith("E028") and result.text == ""
    assert json.loads(result.model_dump_json())["error"] == result.error
