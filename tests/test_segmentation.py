"""Segmentation: sentences inside lines, page noise, tokenizers and English lemmas,
on hand-built documents and data."""

import pydantic
import pytest
import spacy

from diplo_extract.doc import Doc, Sentence
from diplo_extract.errors import ResourceError
from diplo_extract.segmentation import (
    MAX_SENTENCE,
    EnglishTokenizer,
    NoiseData,
    PageNoiseFilter,
    RazdelChunks,
    RussianTokenizer,
    Segmenter,
    _chunks,
    english_lemmas,
)


@pytest.fixture(scope="module")
def segmenter() -> Segmenter:
    return Segmenter()


def sentences(segmenter: Segmenter, text: str) -> list[str]:
    doc = segmenter(Doc(text=text))
    return [text[s.start : s.end] for s in doc.sentences]


# ------------------------------------------------------------------ Segmenter
@pytest.mark.parametrize(
    ("text", "expect"),
    [
        ("Первое предложение. Второе предложение.", ["Первое предложение.", "Второе предложение."]),
        ("Lavrov arrived. Talks began.", ["Lavrov arrived.", "Talks began."]),
        # a sentence never crosses a line break, even without final punctuation
        ("Заголовок без точки\nТекст статьи.", ["Заголовок без точки", "Текст статьи."]),
        # transcript time codes (mm:ss and hh:mm:ss) are left out
        ("05:18 Лавров прибыл.\n12:01:02 Потом.", ["Лавров прибыл.", "Потом."]),
        # blank and whitespace-only lines give nothing
        ("Один.\n\n   \n\t\nДва.", ["Один.", "Два."]),
        ("", []),
        ("   \n \n", []),
        # a time code alone on its line gives no sentence
        ("05:18\nТекст.", ["Текст."]),
        # a time code not at the line's start stays in the sentence
        ("Встреча в 05:18 началась.", ["Встреча в 05:18 началась."]),
    ],
)
def test_segmenter_splits_into_sentences_within_lines(segmenter, text, expect) -> None:
    assert sentences(segmenter, text) == expect


def test_segmenter_offsets_point_into_the_text_unchanged(segmenter) -> None:
    text = "  Сергей Лавров провел переговоры.  Они прошли в Москве.\r\nИтог подведен."
    doc = segmenter(Doc(text=text))
    assert doc.sentences, "no sentences"
    for s in doc.sentences:
        assert s.start < s.end
        assert text[s.start : s.end] == text[s.start : s.end].strip(), "no surrounding whitespace"
        assert "\n" not in text[s.start : s.end]
    starts = [s.start for s in doc.sentences]
    assert starts == sorted(starts), "PageNoiseFilter bisects over sentence starts: they must be in order"


@pytest.mark.parametrize(
    ("line", "pieces"),
    [
        ("слово " * 700, 3),  # 4200 chars: cut at spaces
        ("я" * 2500, 2),  # no space to cut at: cut at MAX_SENTENCE
        ("я" * MAX_SENTENCE, 1),  # exactly the limit: not cut
    ],
)
def test_overlong_line_is_cut_so_no_sentence_exceeds_max_sentence(segmenter, line, pieces) -> None:
    chunks = list(_chunks(line, 0, len(line)))
    assert len(chunks) == pieces
    assert all(e - s <= MAX_SENTENCE for s, e in chunks)
    assert chunks[0][0] == 0 and chunks[-1][1] == len(line)
    assert all(a[1] == b[0] for a, b in zip(chunks, chunks[1:])), "chunks are contiguous"
    doc = segmenter(Doc(text=line))
    assert doc.sentences and all(s.end - s.start <= MAX_SENTENCE for s in doc.sentences)


def test_chunk_without_space_is_cut_at_exactly_max_sentence() -> None:
    assert list(_chunks("x" * 2500, 0, 2500)) == [(0, MAX_SENTENCE), (MAX_SENTENCE, 2500)]


def test_chunks_respect_a_start_offset() -> None:
    text = "HEAD\n" + "z" * 2100
    assert list(_chunks(text, 5, len(text))) == [(5, 5 + MAX_SENTENCE), (5 + MAX_SENTENCE, len(text))]


# ------------------------------------------------------------ PageNoiseFilter
TINY = {
    "xx": NoiseData(
        end_markers=["Read also", "по теме"],
        noise_patterns=["subscribe to"],
        stamp_patterns=[r"^\d{1,2}:\d{2}$"],
    )
}
BODY = "A" * 210 + "."  # more than 200 characters of article body
RU_BODY = "Лавров провел переговоры в Москве с министром иностранных дел, стороны обсудили " * 3  # one line, over 200 characters
EN_BODY = "Lavrov held talks in Moscow with the foreign minister, and the sides discussed trade " * 3


@pytest.mark.parametrize(
    ("lines", "noisy"),
    [
        # nothing to mark
        (["Lavrov held talks.", "They agreed."], [False, False]),
        # a noise pattern marks its own line only
        (["Lavrov held talks.", "Subscribe to our newsletter.", "They agreed."], [False, True, False]),
        # an end marker (case-folded, final punctuation dropped) after a body ends the article
        ([BODY, "READ ALSO:", "Putin met Xi.", "More."], [False, True, True, True]),
        ([BODY, "По теме…", "Другая статья."], [False, True, True]),
        # "Read also: <teaser>" on one line is a marker too
        ([BODY, "Read also: Putin meets Xi", "More."], [False, True, True]),
        # a marker above the article (a share bar under the headline) is noise and ends nothing
        (["Lavrov held talks.", "READ ALSO:", "Putin met Xi.", "More."], [False, True, False, False]),
        (["Лукашенко провел переговоры.", "По теме", "Президент провел переговоры."], [False, True, False]),
        # a marker word inside a sentence is not a marker
        (["We read also the papers.", "More."], [False, False]),
        # a colon beyond 40 characters does not make a marker head
        (["Read also " + "x" * 40 + ": tail", "More."], [False, False]),
        # a stamp line after a long body starts the teaser zone
        ([BODY, "12:30", "Teaser."], [False, True, True]),
        # ... but not after a short one
        (["Short body.", "12:30", "Text."], [False, False, False]),
        # noise lines do not count as body before a stamp
        (["Subscribe to " + "x" * 250, "12:30", "Text."], [True, False, False]),
    ],
)
def test_page_noise_filter_marks_noise_and_the_tail(lines, noisy) -> None:
    text = "\n".join(lines)
    doc = Doc(text=text)
    pos = 0
    for line in lines:
        doc.sentences.append(Sentence(pos, pos + len(line)))
        pos += len(line) + 1
    PageNoiseFilter(TINY)(doc)
    assert [s.noise for s in doc.sentences] == noisy


def test_noise_marks_every_sentence_of_a_noisy_line_and_no_other() -> None:
    text = "Body one. Body two.\nSubscribe to us. Now. Please.\nBody three."
    doc = Segmenter()(Doc(text=text))
    PageNoiseFilter(TINY)(doc)
    assert [(text[s.start : s.end], s.noise) for s in doc.sentences] == [
        ("Body one.", False), ("Body two.", False),
        ("Subscribe to us.", True), ("Now.", True), ("Please.", True),
        ("Body three.", False),
    ]


def test_empty_noise_data_marks_nothing() -> None:
    empty = {"xx": NoiseData(end_markers=[], noise_patterns=[], stamp_patterns=[])}
    text = "Subscribe to our newsletter\n12/30/2024\nRead also"
    doc = Segmenter()(Doc(text=text))
    PageNoiseFilter(empty)(doc)
    assert len(doc.sentences) == 3 and not any(s.noise for s in doc.sentences)


@pytest.mark.parametrize(
    ("text", "noisy"),
    [
        (RU_BODY + "\nПоддержите нас!\nЧитайте также\nДругая статья.", [False, True, True, True]),
        ("Lavrov held talks.\nWe use cookies.\nLavrov left.", [False, True, False]),
        (EN_BODY + "\nRelated articles\nPutin met Xi.", [False, True, True]),
        # page chrome after the body: a share bar, "Explore More" teasers
        (EN_BODY + "\nShare\nFacebook Twitter WhatsApp\nExplore More\nCabinet approves signing of MoU", [False, True, True, True, True]),
        # a share bar under the headline ends nothing
        ("Лукашенко и Мин Аун Хлайн провели переговоры.\nПоделиться: VK  OK  Telegram\nПрезидент провел переговоры.", [False, True, False]),
    ],
)
def test_packaged_noise_data_of_both_languages(text, noisy) -> None:
    doc = PageNoiseFilter()(Segmenter()(Doc(text=text)))
    assert [s.noise for s in doc.sentences] == noisy


@pytest.mark.parametrize(
    "bad",
    [
        {"end_markers": [], "noise_patterns": [], "stamp_patterns": [], "extra": []},  # unknown field
        {"end_markers": [], "noise_patterns": []},  # missing field
        {"end_markers": "по теме", "noise_patterns": [], "stamp_patterns": []},  # not a list
    ],
)
def test_invalid_noise_data_is_rejected(bad) -> None:
    with pytest.raises(pydantic.ValidationError):
        NoiseData.model_validate(bad)


BAD_REGEX = [["(unclosed"], ["[a-"]]


@pytest.mark.parametrize("patterns", BAD_REGEX)
def test_noise_pattern_that_does_not_compile_is_a_validation_error(patterns) -> None:
    with pytest.raises(pydantic.ValidationError):
        NoiseData(end_markers=[], noise_patterns=patterns, stamp_patterns=[])


def test_noise_file_with_a_bad_regex_is_a_coded_resource_error(tmp_path) -> None:
    (tmp_path / "noise").mkdir()
    good = "end_markers: []\nnoise_patterns: []\nstamp_patterns: []\n"
    (tmp_path / "noise" / "en.yaml").write_text(good, encoding="utf-8")
    (tmp_path / "noise" / "ru.yaml").write_text(good.replace("noise_patterns: []", "noise_patterns: ['(unclosed']"), encoding="utf-8")
    with pytest.raises(ResourceError, match="E010.*ru.yaml"):
        PageNoiseFilter(root=tmp_path)


@pytest.mark.parametrize(
    ("files", "match"),
    [
        ({"ru.yaml": "end_markers: []\nnoise_patterns: []\nstamp_patterns: []\n"}, "E002.*en.yaml"),  # missing file
        ({"ru.yaml": "end_markers: [\n", "en.yaml": ""}, "E011.*ru.yaml"),  # not YAML
        ({"ru.yaml": "end_markers: []\nnoise_patterns: []\n", "en.yaml": ""}, "E010.*ru.yaml.*stamp_patterns"),  # field missing
    ],
)
def test_noise_files_that_cannot_be_loaded_are_coded_resource_errors(tmp_path, files, match) -> None:
    (tmp_path / "noise").mkdir()
    for name, content in files.items():
        (tmp_path / "noise" / name).write_text(content, encoding="utf-8")
    with pytest.raises(ResourceError, match=match):
        PageNoiseFilter(root=tmp_path)


def test_noise_data_from_a_user_models_folder_is_used(tmp_path) -> None:
    (tmp_path / "noise").mkdir()
    (tmp_path / "noise" / "ru.yaml").write_text("end_markers: [хватит]\nnoise_patterns: []\nstamp_patterns: []\n", encoding="utf-8")
    (tmp_path / "noise" / "en.yaml").write_text("end_markers: []\nnoise_patterns: [zzz]\nstamp_patterns: []\n", encoding="utf-8")
    text = RU_BODY + "\nПоддержите нас!\nzzz line\nХватит\nХвост."
    doc = PageNoiseFilter(root=tmp_path)(Segmenter()(Doc(text=text)))
    assert [s.noise for s in doc.sentences] == [False, False, True, True, True]


# ------------------------------------------------------------------ tokenizers
def fake_lemmas(word: str) -> frozenset[str]:
    return frozenset({"L:" + word.lower()})


@pytest.mark.parametrize(
    ("text", "start", "expect"),
    [
        ("Лавров прибыл.", 0, [("Лавров", 0, {"L:лавров"}), ("прибыл", 7, {"L:прибыл"}), (".", 13, {"."})]),
        # offsets count from the whole text when a span starts later
        ("xx. Визит 2024 года", 4, [("Визит", 4, {"L:визит"}), ("2024", 10, {"2024"}), ("года", 15, {"L:года"})]),
        # no letters, or a 60+ letter "word", is not looked up
        ("«№5»", 0, [("«", 0, {"«"}), ("№", 1, {"№"}), ("5", 2, {"5"}), ("»", 3, {"»"})]),
        ("Я" * 60, 0, [("Я" * 60, 0, {"я" * 60})]),
        ("Я" * 59, 0, [("Я" * 59, 0, {"L:" + "я" * 59})]),
        ("", 0, []),
    ],
)
def test_russian_tokenizer_offsets_and_lemmas(text, start, expect) -> None:
    tokens = RussianTokenizer(fake_lemmas)(text, start, len(text))
    assert [(t.text, t.start, set(t.lemmas)) for t in tokens] == expect
    assert all(text[t.start : t.end] == t.text for t in tokens)


def razdel_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    from razdel import tokenize

    return [(start + t.start, start + t.stop) for t in tokenize(text[start:end])]


@pytest.mark.parametrize(
    "text",
    [
        "что -то", "что- то", "кое -кто -нибудь", "3 .5", "3. 5", "1 /2", "a _b", "x_ y", "- -", "— —то",
        "т.е. 3,5 млн.", ":) :-) ...", "yahoo !", "Δσ mβж", "«Цитата» (в скобках) — тире", " \u00a0 -то \t- x ",
        "Путин-Эрдоган", "www.kremlin.ru/events", "10:00–12:30", "", "   ",
    ],
)
def test_razdel_chunks_are_razdel_tokens(text: str) -> None:
    """Tokenized chunk by chunk, in the context of the atoms around each, the tokens
    are razdel's own, with a cache or without (a chunk longer than ``max_chunk``)."""
    for chunks in (RazdelChunks(), RazdelChunks(cache_size=2, max_chunk=3)):
        for start in range(len(text) + 1):
            assert list(chunks(text, start, len(text))) == razdel_spans(text, start, len(text))
            assert list(chunks(text, 0, start)) == razdel_spans(text, 0, start)


def test_razdel_chunks_on_random_text() -> None:
    import random

    rng = random.Random(8)
    alphabet = [*"аБzY19 .,-–—_/\\:;!?()\"«»%№…*+@\u00a0\t§😀Δσё", "  ", ":)", "...", "--", "3.5", "1/2", "что", "-то"]
    chunks = RazdelChunks(cache_size=64, max_chunk=6)
    for _ in range(3000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 20)))
        assert list(chunks(text, 0, len(text))) == razdel_spans(text, 0, len(text)), text


@pytest.fixture(scope="module")
def english() -> EnglishTokenizer:
    return EnglishTokenizer(spacy.blank("en"))


@pytest.mark.parametrize(
    ("text", "start", "expect"),
    [
        ("Lavrov met Wang.", 0, ["Lavrov", "met", "Wang", "."]),
        ("Russia's minister", 0, ["Russia", "'s", "minister"]),
        # whitespace tokens are dropped; offsets stay in the text
        ("Talks  began\n\nnow", 0, ["Talks", "began", "now"]),
        ("Skip this. Lavrov left.", 11, ["Lavrov", "left", "."]),
    ],
)
def test_english_tokenizer_drops_spaces_and_keeps_offsets(english, text, start, expect) -> None:
    tokens = english(text, start, len(text))
    assert [t.text for t in tokens] == expect
    assert all(text[t.start : t.end] == t.text for t in tokens)
    assert all(t.lemmas == english_lemmas(t.text) for t in tokens)


@pytest.mark.parametrize(
    ("word", "expect"),
    [
        ("Russia's", {"russia's", "russia"}),
        ("Russia’s", {"russia's", "russia"}),  # typographic apostrophe
        ("States'", {"states'", "states"}),
        ("Lavrov", {"lavrov"}),
        ("'s", {"'s", ""}),
        ("TALKS", {"talks"}),
        ("its", {"its"}),  # no apostrophe: not a possessive
        ("", {""}),
    ],
)
def test_english_lemmas(word, expect) -> None:
    assert english_lemmas(word) == frozenset(expect)


@pytest.mark.parametrize("text,sentences", [
    ("On Sept. 18, Fidan received the Dutch minister. Then he left.", ["On Sept. 18, Fidan received the Dutch minister.", "Then he left."]),
    ("The summit opens on Nov. 3 in Astana.", ["The summit opens on Nov. 3 in Astana."]),
    ("Mr. Smith met Dr. Jones in St. Petersburg.", ["Mr. Smith met Dr. Jones in St. Petersburg."]),
    ("Встреча прошла 5 дек. 2024 г. в Москве.", ["Встреча прошла 5 дек. 2024 г. в Москве."]),
    # negatives: a month abbreviation that ends a sentence, and an ordinary full stop
    ("It ended in Dec. The next round began.", ["It ended in Dec.", "The next round began."]),
    ("Lavrov met Wang. 18 agreements were signed.", ["Lavrov met Wang.", "18 agreements were signed."]),
])
def test_a_cut_after_an_abbreviation_is_undone(text, sentences) -> None:
    from diplo_extract.doc import Doc
    from diplo_extract.segmentation import Segmenter

    doc = Segmenter()(Doc(text=text))
    assert [text[s.start:s.end] for s in doc.sentences] == sentences
