"""Language identification per sentence and per document, with the packaged data
and with hand-built data."""
import pydantic
import pytest

from diplo_extract.doc import Doc, Sentence
from diplo_extract.errors import ResourceError
from diplo_extract.language import LanguageData, LanguageDetector


@pytest.fixture(scope="module")
def detector() -> LanguageDetector:
    return LanguageDetector()


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Лавров провел переговоры с Ван И.", "ru"),
        ("Lavrov held talks with Wang Yi in Beijing.", "en"),
        # Belarusian: ў; Ukrainian: ї, є, ґ
        ("Лукашэнка правёў сустрэчу з міністрам.", "be"),
        ("Україна готова до переговорів.", "uk"),
        ("Зустріч відбулася в Києві, є домовленість.", "uk"),
        # і alone: Belarusian when a Russian-and-Belarusian letter (ы, э, ъ) is there, else Ukrainian
        ("Міністр і прэм'ер сустрэліся", "be"),
        ("Міністр і посол", "uk"),
        # more Latin than Cyrillic letters: Latin rules
        ("Lavrov (Лавров) held talks with the minister.", "en"),
        # as many Cyrillic as Latin letters: Cyrillic rules
        ("ab аб", "ru"),
        ("Der Minister und die Regierung ist nicht hier.", "de"),
        ("Le ministre et la délégation sont dans la salle.", "fr"),
        ("El ministro y los embajadores con el presidente.", "es"),
        # no function word: English when short (a headline, a name) ...
        ("Sergey Lavrov", "en"),
        ("xyz qwe", "en"),
        # ... and undetermined when long
        (" ".join(["xyz"] * 13), "und"),
        (" ".join(["xyz"] * 12), "en"),
        # no letters at all
        ("12345 ... 2024", "und"),
        ("", "und"),
        # letters of other scripts count as neither
        ("北京会谈", "und"),
    ],
)
def test_detect(detector, text, lang) -> None:
    assert detector.detect(text) == lang


def test_a_tie_in_function_words_goes_to_english() -> None:
    data = LanguageData(cyrillic={"be": [], "uk": [], "be_or_uk": [], "ru_only": []},
                        function_words={"de": ["und"], "en": ["and"]})
    assert LanguageDetector(data).detect("und and") == "en"
    assert LanguageDetector(data).detect("und und and") == "de"


def _doc(parts: list[tuple[str, bool]]) -> Doc:
    text = "\n".join(p for p, _ in parts)
    doc, pos = Doc(text=text), 0
    for part, noise in parts:
        doc.sentences.append(Sentence(pos, pos + len(part), noise=noise))
        pos += len(part) + 1
    return doc


@pytest.mark.parametrize(
    ("parts", "sentence_langs", "doc_lang"),
    [
        ([("Лавров провел переговоры.", False), ("Lavrov held talks.", False)], ["ru", "en"], "ru"),
        # the majority is by letters, not by sentences
        ([("Да.", False), ("Нет.", False), ("Lavrov held long talks with the minister in Beijing.", False)], ["ru", "ru", "en"], "en"),
        # noise sentences are labelled but do not vote
        ([("Lavrov held talks.", False), ("Подпишитесь на наш канал в Телеграме и поддержите нас.", True)], ["en", "ru"], "en"),
        # undetermined sentences do not vote
        ([("2024 12:00 !!!", False), ("Talks.", False)], ["und", "en"], "en"),
        ([("2024 12:00 !!!", False)], ["und"], "und"),
        # all noise: undetermined document
        ([("Lavrov held talks.", True)], ["en"], "und"),
        ([], [], "und"),
    ],
)
def test_document_language_is_the_majority_of_article_letters(detector, parts, sentence_langs, doc_lang) -> None:
    doc = detector(_doc(parts))
    assert [s.lang for s in doc.sentences] == sentence_langs
    assert doc.lang == doc_lang


def test_language_data_from_a_user_models_folder(tmp_path) -> None:
    (tmp_path / "language.yaml").write_text(
        "cyrillic: {be: [], uk: [], be_or_uk: [], ru_only: []}\nfunction_words: {xx: [zork]}\n", encoding="utf-8")
    detector = LanguageDetector(root=tmp_path)
    assert detector.detect("zork zork bar") == "xx"
    assert detector.detect("Україна є") == "ru"  # no Ukrainian letters listed


@pytest.mark.parametrize(
    ("content", "match"),
    [
        (None, "E002"),  # no file
        ("cyrillic: {}\n", "E010.*function_words"),
        ("cyrillic: {}\nfunction_words: {}\nmore: 1\n", "E010.*more"),
        ("cyrillic: [\n", "E011"),
    ],
)
def test_invalid_language_data_is_a_coded_resource_error(tmp_path, content, match) -> None:
    if content is not None:
        (tmp_path / "language.yaml").write_text(content, encoding="utf-8")
    with pytest.raises(ResourceError, match=match):
        LanguageDetector(root=tmp_path)


def test_language_data_is_frozen_and_strict() -> None:
    with pytest.raises(pydantic.ValidationError):
        LanguageData(cyrillic={}, function_words={}, other={})
