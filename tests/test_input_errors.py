"""Bad and unusual input: empty texts, wrong types, bad publication dates, texts in
other languages, and batches in which some records fail."""
from __future__ import annotations

import datetime as dt

import pytest

from diplo_extract import DocumentResult, InputError

GOOD_RU = "26 ноября в Минске Сергей Лавров и Владимир Макей подписали план консультаций на 2021 год."


# ----------------------------------------------------------------- empty text


@pytest.mark.parametrize(
    "text",
    ["", " ", "\n\n\t  ", "\u00a0\u2028\u2029", "\r\n\r\n", "...!!! ---", "12:30 2020", "\ufeff", "🙂🤝🇷🇺"],
    ids=["empty", "space", "whitespace", "unicode-spaces", "crlf", "punctuation", "digits", "bom", "emoji"],
)
def test_text_without_words_gives_no_events_and_und(extractor, text: str) -> None:
    result = extractor.extract(text)
    assert isinstance(result, DocumentResult)
    assert result.events == []
    assert result.lang == "und"
    assert result.text == text
    assert result.error is None


# ----------------------------------------------------------------- wrong types


@pytest.mark.parametrize("text", [None, b"\xd0\x9b\xd0\xb0\xd0\xb2\xd1\x80\xd0\xbe\xd0\xb2", 42, ["Лавров"], 3.5],
                         ids=["None", "bytes", "int", "list", "float"])
def test_non_string_text_raises_type_error(extractor, text) -> None:  # noqa: ANN001
    with pytest.raises(TypeError, match=r"\bstr\b") as info:
        extractor.extract(text)
    assert type(text).__name__ in str(info.value), "the message names the type received"


def test_type_error_comes_before_published_check(extractor) -> None:
    with pytest.raises(TypeError, match=r"\bstr\b"):
        extractor.extract(None, "yesterday")


# ----------------------------------------------------------------- published


@pytest.mark.parametrize("published", ["yesterday", "2020-13-45", "2021-02-29", "26.11.2020", 3.5, 20201126, b"2020-11-26", ["2020-11-26"]],
                         ids=["word", "bad-month-day", "not-leap", "dotted", "float", "int", "bytes", "list"])
def test_bad_published_raises_input_error(extractor, published) -> None:  # noqa: ANN001
    with pytest.raises(InputError) as info:
        extractor.extract(GOOD_RU, published)
    assert isinstance(info.value, ValueError), "InputError is a ValueError"
    assert "published" in str(info.value)
    assert repr(published)[:10] in str(info.value), "the message shows the bad value"


@pytest.mark.parametrize(
    ("published", "expected"),
    [
        (None, None),
        ("2020-11-26", dt.date(2020, 11, 26)),
        (" 2020-11-26 ", dt.date(2020, 11, 26)),
        ("2020-11-26T10:15:00+03:00", dt.date(2020, 11, 26)),
        (dt.date(2020, 11, 26), dt.date(2020, 11, 26)),
        (dt.datetime(2020, 11, 26, 23, 59), dt.date(2020, 11, 26)),
        ("", None),
    ],
    ids=["none", "iso", "padded", "iso-datetime", "date", "datetime", "empty"],
)
def test_good_published_is_accepted(extractor, published, expected) -> None:  # noqa: ANN001
    result = extractor.extract(GOOD_RU, published)
    assert result.published == expected
    assert [e.type for e in result.events] == ["signing"]


# ----------------------------------------------------------------- other languages

OTHER_LANGUAGES = [
    ("be", "Лукашэнка сустрэўся з Пуціным у Мінску. Бакі правялі перамовы і падпісалі пагадненне аб супрацоўніцтве на 2021 год. "
           "Візіт прэзідэнта Расіі працягнецца два дні."),
    ("uk", "Президент України провів переговори з прем'єр-міністром Польщі у Києві. Сторони підписали угоду про співпрацю, "
           "а міністри закордонних справ домовилися про візит до Варшави наступного тижня."),
    ("de", "Bundeskanzler Olaf Scholz hat sich am Dienstag in Berlin mit dem französischen Präsidenten Emmanuel Macron getroffen. "
           "Die beiden Politiker unterzeichneten ein Abkommen über die Zusammenarbeit und führten Gespräche mit dem Außenminister Sergej Lawrow."),
]


@pytest.mark.parametrize(("lang", "text"), OTHER_LANGUAGES, ids=[lang for lang, _ in OTHER_LANGUAGES])
def test_unsupported_language_is_detected_and_gives_no_events(extractor, lang: str, text: str) -> None:
    result = extractor.extract(text, "2020-11-26")
    assert result.lang == lang
    assert result.events == []
    assert result.error is None


# ----------------------------------------------------------------- batches


def test_batch_with_failing_records_goes_on(extractor) -> None:
    records = [
        {"id": "good", "text": GOOD_RU, "published": "2020-11-26"},
        {"id": "none-text", "text": None},
        {"id": "bad-published", "text": GOOD_RU, "published": "yesterday"},
    ]
    results = list(extractor.extract_many(records))
    assert [r.id for r in results] == ["good", "none-text", "bad-published"]
    good, none_text, bad_published = results
    assert good.error is None and [e.type for e in good.events] == ["signing"]
    assert none_text.error and none_text.error.startswith("E020") and "str" in none_text.error
    assert none_text.events == []
    assert bad_published.error and bad_published.error.startswith("E021") and "yesterday" in bad_published.error
    assert bad_published.events == []
    assert bad_published.text == GOOD_RU, "a failed record keeps its text"


@pytest.mark.parametrize(
    "record",
    [{"id": "no-text"}, "just a string", None, ["id", "text"], {"id": "bytes", "text": b"abc"}],
    ids=["missing-text", "string", "None", "list", "bytes-text"],
)
def test_batch_record_of_wrong_shape_gives_an_error_result(extractor, record) -> None:  # noqa: ANN001
    results = list(extractor.extract_many([record, {"id": "after", "text": GOOD_RU}]))
    assert len(results) == 2
    assert results[0].error and results[0].error[:1] == "E", "errors are coded"
    assert results[0].events == []
    assert results[1].error is None and results[1].events, "the batch goes on after a bad record"


def test_batch_numeric_id_is_kept_as_string(extractor) -> None:
    """JSON Lines batches often use numbers as ids; they are carried, as strings."""
    (result,) = extractor.extract_many([{"id": 7, "text": GOOD_RU, "published": "2020-11-26"}])
    assert result.error is None
    assert result.id == "7"
    assert result.events


def test_batch_of_nothing_gives_nothing(extractor) -> None:
    assert list(extractor.extract_many([])) == []


# ------------------------------------------------------- issue 7 reproducers

@pytest.mark.parametrize("text,published", [
    ("Лавров провел переговоры с Ван И накануне.", "0001-01-01"),
    ("Lavrov will meet Blinken next week.", "9999-12-27"),
    ("Lavrov met Blinken this week.", "9999-12-31"),
    ("Lavrov met Blinken this week.", "1899-12-31"),
    ("Lavrov met Blinken this week.", "2101-01-01"),
])
def test_published_outside_1900_2100_is_refused_with_e021(extractor, text, published) -> None:
    with pytest.raises(InputError, match="E021.*1900 and 2100"):
        extractor.extract(text, published)


@pytest.mark.parametrize("published", ["1900-01-01", "2100-12-31"])
def test_published_at_the_range_edges_is_used(extractor, published) -> None:
    result = extractor.extract("Lavrov met Blinken this week.", published)
    assert [e.type for e in result.events] == ["meeting"]


@pytest.mark.parametrize("value,expected", [(5, "5"), (2.5, "2.5"), ("x-1", "x-1"), (None, None)])
def test_id_is_kept_as_a_string(extractor, value, expected) -> None:
    assert extractor.extract("Lavrov met Blinken.", id=value).id == expected


@pytest.mark.parametrize("value", [["a"], {"k": 1}, True, b"id"])
def test_id_of_another_kind_is_e026(extractor, value) -> None:
    with pytest.raises(InputError, match="E026"):
        extractor.extract("Lavrov met Blinken.", id=value)


def test_a_text_over_max_chars_is_e025() -> None:
    from diplo_extract import Extractor

    with pytest.raises(InputError, match="E025"):
        Extractor(max_chars=10).extract("Lavrov met Blinken in Geneva.")


def test_an_unexpected_failure_is_the_records_error(extractor, monkeypatch, caplog) -> None:
    """Whatever a stage raises on one record becomes its coded error (E051), and the batch goes on."""
    def broken(text, published=None, *, id=None):  # noqa: ANN001, ANN202, A002
        if "boom" in text:
            raise ZeroDivisionError("deep inside a library")
        return original(text, published, id=id)

    original = extractor.extract
    monkeypatch.setattr(extractor, "extract", broken)
    import logging

    with caplog.at_level(logging.DEBUG, logger="diplo_extract.pipeline"):
        results = list(extractor.extract_many([{"id": "1", "text": "boom"}, {"id": "2", "text": GOOD_RU}]))
    assert results[0].error == "E051 internal error on this record: ZeroDivisionError: deep inside a library"
    assert results[1].error is None and results[1].events
    assert "Traceback" in caplog.text, "the traceback is logged at debug level"


def test_progress_on_a_list_shows_its_total(extractor, capsys) -> None:
    records = [{"id": "a", "text": GOOD_RU}, {"id": "b", "text": GOOD_RU}]
    assert len(list(extractor.extract_many(records, progress=True))) == 2
    assert "2/2" in capsys.readouterr().err, "the bar knows the total of a list"
