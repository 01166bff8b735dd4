"""Inputs are normalised once for matching; spans still point into the text as
given. Web debris (soft hyphens, zero-width characters, NULs, lone surrogates,
decomposed letters) changes no event."""
import json
import unicodedata

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from diplo_extract.normalize import REMOVED, NormalizedText
from paths import DEV

CLEAN = "Лавров провел переговоры с Ван И в Пекине 9 апреля."
PUBLISHED = "2024-04-10"


def _digest(result) -> list[tuple]:  # noqa: ANN001
    """What an analyst reads of the events, without offsets."""
    return [(e.type, e.status, e.date and e.date.value, e.location and e.location.name,
             sorted(p.name for p in e.persons), sorted(p.code for p in e.parties)) for e in result.events]


def _assert_spans_true(result) -> None:  # noqa: ANN001
    data = result.model_dump()
    stack = [data]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            if {"start", "end", "text"} <= node.keys():
                assert result.text[node["start"]:node["end"]] == node["text"]
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)


@pytest.mark.parametrize("text", [
    CLEAN.replace("провел ", "провел\x00"),              # NUL for a space
    CLEAN.replace("переговоры", "пере\u00adговоры"),      # soft hyphen inside the trigger
    CLEAN.replace("Лавров", "Лав\u200bров"),              # zero-width space inside a name
    CLEAN.replace("Пекине", "Пе\u200dкине"),              # zero-width joiner inside the place
    "\ufeff" + CLEAN,                                     # byte-order mark at the start
    CLEAN.replace("9 апреля", "9 \u2060апреля"),         # word joiner inside the date
    CLEAN.replace("провел", "прове\u0301л"),             # a stress mark
    CLEAN.replace(" с ", " \x07с\x1b "),                 # control characters
], ids=["nul", "soft-hyphen", "zwsp", "zwj", "bom", "word-joiner", "stress-mark", "controls"])
def test_web_debris_changes_no_event(extractor, text) -> None:
    clean = extractor.extract(CLEAN, PUBLISHED)
    dirty = extractor.extract(text, PUBLISHED)
    assert _digest(dirty) == _digest(clean) and clean.events
    assert dirty.text == text, "the result holds the text as given"
    _assert_spans_true(dirty)


@pytest.mark.parametrize("text", ["Lavrov met Blinken \ud83d in Geneva.", "Лавров провел переговоры \udce9 с Ван И."])
def test_a_lone_surrogate_is_written_and_read_back(extractor, text) -> None:
    result = extractor.extract(text)
    assert [e.type for e in result.events] == ["meeting"]
    assert json.loads(result.model_dump_json())["text"] == text
    assert json.loads(result.model_dump_json(indent=2))["text"] == text


def test_decomposed_letters_are_composed_and_mapped_back(extractor) -> None:
    text = unicodedata.normalize("NFD", "Лавров и Шойгу провели переговоры в Минске 26 ноября.")
    assert text != unicodedata.normalize("NFC", text)
    result = extractor.extract(text, "2020-11-27")
    assert [(e.type, e.date.value) for e in result.events] == [("meeting", "2020-11-26")]
    assert {p.name for p in result.events[0].persons} == {"Лавров", "Шойгу"}
    _assert_spans_true(result)


@pytest.mark.parametrize("original,view", [
    ("plain", "plain"),
    ("a\u00adb", "ab"),
    ("\u200b\u200b", ""),
    ("x\x00y", "x y"),
    ("e\u0301", "é"),
    ("\ud83d!", "\ufffd!"),
])
def test_the_view(original, view) -> None:
    assert NormalizedText.of(original).text == view


# ------------------------------------------------------------ property, on fixtures

def _fixture_texts(n: int) -> list[tuple[str, str | None]]:
    docs = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(DEV.glob("*.json"))]
    docs = sorted(docs, key=lambda d: len(d["text"]))[:n]  # the short ones: the property is per character
    return [(d["text"], d.get("published")) for d in docs]


FIXTURES = _fixture_texts(6)
INVISIBLE = st.sampled_from(list(REMOVED))
SPACE_LIKE = st.sampled_from(["\x00", "\x01", "\x0b", "\x1f", "\x7f", "\x85"])


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(which=st.integers(0, len(FIXTURES) - 1), data=st.data())
def test_invisible_characters_anywhere_change_no_event(extractor, which, data) -> None:
    """Soft hyphens and zero-width characters inserted anywhere, and control
    characters put in place of spaces, leave the events as they were."""
    text, published = FIXTURES[which]
    spaces = [i for i, c in enumerate(text) if c == " "]
    chars = list(text)
    for _ in range(data.draw(st.integers(0, 4))):  # first in place of spaces, on the original offsets
        chars[data.draw(st.sampled_from(spaces))] = data.draw(SPACE_LIKE)
    for _ in range(data.draw(st.integers(1, 6))):
        chars.insert(data.draw(st.integers(0, len(chars))), data.draw(INVISIBLE))
    dirty = "".join(chars)
    expected = _digest(extractor.extract(text, published))
    result = extractor.extract(dirty, published)
    assert _digest(result) == expected
    _assert_spans_true(result)
