"""Invariants on any input: extraction finishes, spans point into the text, bad
input gives typed errors or empty results."""
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from diplo_extract import InputError

WORDS = ["подписали", "встреча", "визит", "переговоры", "Лавров", "Беларуси", "Минске", "26 ноября",
         "signed", "met", "visit", "talks", "phone call", "Minsk", "Lavrov", "05:18", "на 2022-2023 годы",
         "\x00", "\u2028", "\ufeff", "\u0301", "🙂", "\n", "  ", ".", ",", "-", "«", "»"]
TEXTS = st.lists(st.one_of(st.sampled_from(WORDS), st.text(max_size=12)), max_size=60).map(" ".join)


def _spans(node):
    if isinstance(node, dict):
        if {"start", "end", "text"} <= node.keys():
            yield node
        for value in node.values():
            yield from _spans(value)
    elif isinstance(node, list):
        for value in node:
            yield from _spans(value)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=TEXTS)
def test_every_span_points_into_the_text(extractor, text):
    result = extractor.extract(text, "2024-05-06").model_dump()
    for span in _spans(result):
        assert 0 <= span["start"] <= span["end"] <= len(text)
        assert text[span["start"] : span["end"]] == span["text"]


def test_long_runs_of_trigger_words_finish(extractor):
    text = ("Лавров и Макей подписали план и провели переговоры в Минске 26 ноября. " * 300) + ("signed met visit talks " * 2000)
    result = extractor.extract(text, "2020-11-26")
    assert all(text[m.start : m.end] == m.text for e in result.events for m in e.mentions)


@pytest.mark.parametrize("text", ["", "   \n\t "])
def test_empty_text_gives_no_events(extractor, text):
    assert extractor.extract(text).events == []


@pytest.mark.parametrize("value", [None, b"bytes", 42])
def test_non_string_text_is_a_type_error(extractor, value):
    with pytest.raises(TypeError, match="must be a str"):
        extractor.extract(value)


@pytest.mark.parametrize("published", ["yesterday", "2020-13-45", 3.5])
def test_bad_published_is_an_input_error(extractor, published):
    with pytest.raises(InputError):
        extractor.extract("Лавров провел переговоры.", published)


@pytest.mark.parametrize("text,lang", [
    ("Аляксандр Лукашэнка сустрэўся з прэзідэнтам Расіі ў Мінску і правёў перамовы.", "be"),
    ("Міністр закордонних справ України зустрівся з колегою та підписав угоду.", "uk"),
    ("Der Außenminister hat sich mit seinem Amtskollegen getroffen und ein Abkommen unterzeichnet.", "de"),
])
def test_other_languages_are_noted_without_events(extractor, text, lang):
    result = extractor.extract(text)
    assert result.lang == lang and result.events == []


def test_a_failing_record_does_not_stop_the_batch(extractor):
    records = [{"id": "ok", "text": "Foreign Minister Sergei Lavrov met Wang Yi in Beijing on Tuesday.", "published": "2024-04-10"},
               {"id": "none", "text": None}, {"id": "bad-date", "text": "x", "published": "soon"}]
    results = list(extractor.extract_many(records))
    assert [r.id for r in results] == ["ok", "none", "bad-date"]
    assert results[0].error is None and results[0].events
    assert results[1].error and results[2].error


@pytest.mark.parametrize("text", ["подписали 𗀀", "встреча \U000e0001 визит", "Лавров\u0301 провел переговоры"])
def test_rare_code_points_do_not_break_morphology(extractor, text):
    """Regression: pymorphy3 raised ValueError on code points without a Unicode name."""
    result = extractor.extract(text, "2024-05-06")
    assert all(text[s.start : s.end] == s.text for e in result.events for s in e.mentions)
