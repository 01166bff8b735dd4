"""The Languages registry and the per-language behaviour of Russian and English:
name forms, place names and "on the eve of" dates."""
from types import SimpleNamespace

import pytest

from diplo_extract.doc import Mention, Token
from diplo_extract.languages import Language, Languages, Russian, name_lemma, strip_possessive


@pytest.fixture(scope="module")
def ru(extractor) -> Russian:
    return extractor.languages["ru"]


@pytest.fixture(scope="module")
def en(extractor) -> Language:
    return extractor.languages["en"]


# ------------------------------------------------------------------ registry
def test_registry_knows_russian_and_english(extractor) -> None:
    langs = extractor.languages
    assert langs.codes == ("ru", "en")
    assert [code in langs for code in ("ru", "en", "uk", "und", None, 1)] == [True, True, False, False, False, False]


def test_each_language_is_built_once(extractor) -> None:
    langs = extractor.languages
    assert langs["ru"] is langs["ru"] and langs["en"] is langs["en"]
    assert type(langs["ru"]) is Russian and type(langs["en"]) is Language
    assert (langs["ru"].code, langs["en"].code) == ("ru", "en")


def test_unknown_language_is_a_key_error(extractor) -> None:
    with pytest.raises(KeyError):
        extractor.languages["uk"]


def test_languages_are_built_lazily_and_only_on_demand(extractor) -> None:
    calls = []
    langs = Languages(extractor.kb, dates=None)
    langs._builders = {"xx": lambda: calls.append("xx") or "built"}  # a stand-in builder
    assert calls == [] and "xx" in langs
    assert langs["xx"] == "built" and langs["xx"] == "built"
    assert calls == ["xx"]


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_built_language_tools_work_together(extractor, lang) -> None:
    """Tokens from the language's tokenizer feed its trigger tagger and gazetteer."""
    text = {"ru": "Сергей Лавров провел переговоры в Пекине.", "en": "Sergei Lavrov held talks in Beijing."}[lang]
    language = extractor.languages[lang]
    tokens = language.tokenize(text, 0, len(text))
    assert [t.type for t in language.triggers(text, tokens, 0)] == ["meeting"]
    assert [(m.key, m.label) for m in language.gazetteer(text, tokens)] == [("person:sergei_lavrov", "PER"), ("place:CHN:Beijing", "PLACE")]
    assert language.lemmas("Talks" if lang == "en" else "переговорах") >= {"talks" if lang == "en" else "переговоры"}


# --------------------------------------------------------- name forms: Russian
@pytest.mark.parametrize(
    ("words", "nominative"),
    [
        (["Сергея", "Лаврова"], ["Сергей", "Лавров"]),
        (["Сергеем", "Викторовичем", "Лавровым"], ["Сергей", "Викторович", "Лавров"]),
        (["Марии", "Захаровой"], ["Мария", "Захарова"]),
        (["Сергей", "Лавров"], ["Сергей", "Лавров"]),  # already nominative
        (["Ван", "И"], ["Ван", "И"]),  # indeclinable foreign name
        ([], []),
    ],
)
def test_russian_nominal(ru, words, nominative) -> None:
    assert ru.nominal(words) == nominative


@pytest.mark.parametrize(
    ("method", "text", "name"),
    [
        ("ner_name", "Ивана Петрова", "Иван Петров"),
        ("person_name", "Марии Захаровой", "Мария Захарова"),
        ("person_name", "Шойгу", "Шойгу"),
        ("ner_place", "Нижнем Новгороде", "Нижний Новгород"),
        ("ner_place", "Казани", "Казань"),
        ("ner_place", "Подмосковье", "Подмосковье"),
    ],
)
def test_russian_names_in_the_nominative(ru, method, text, name) -> None:
    assert getattr(ru, method)(text) == name


# --------------------------------------------------------- name forms: English
@pytest.mark.parametrize(
    ("method", "text", "name"),
    [
        ("ner_name", "Ivan Petrov", "Ivan Petrov"),
        ("person_name", "Lavrov's", "Lavrov"),
        ("person_name", "Lavrov", "Lavrov"),
        ("ner_place", "Moscow's", "Moscow"),
        ("ner_place", "Kyiv", "Kyiv"),
    ],
)
def test_english_names(en, method, text, name) -> None:
    assert getattr(en, method)(text) == name


def test_english_nominal_keeps_the_words(en) -> None:
    words = ["Lavrov's", "Sergei"]
    assert en.nominal(words) == words


@pytest.mark.parametrize(
    ("text", "kb_name", "english", "russian"),
    [
        ("Moscow", "Moscow", "Moscow", "Moscow"),
        ("Kiev", "Kyiv", "Kiev", "Kyiv"),  # English keeps the name as written
        ("Russia's", "Russia", "Russia", "Russia"),
        ("MOSCOW", "Moscow", "Moscow", "Moscow"),  # capitals (a dateline): the KB name
        ("Минске", "Минск", "Минске", "Минск"),  # Russian: always the KB nominative
        ("moscow", "Moscow", "Moscow", "Moscow"),  # lower case: the KB name
    ],
)
def test_place_name(en, ru, text, kb_name, english, russian) -> None:
    m = Mention(0, len(text), text, "PLACE", name=kb_name)
    assert (en.place_name(m), ru.place_name(m)) == (english, russian)


# ----------------------------------------------------------------- eve of
def expr(text: str, word: str) -> SimpleNamespace:
    start = text.index(word)
    return SimpleNamespace(text=word, start=start, end=start + len(word))


@pytest.mark.parametrize(
    ("text", "eve"),
    [
        ("накануне саммита", True),  # a genitive noun: "on the eve of the summit"
        ("Накануне переговоров Лавров заявил", True),
        ("накануне визита.", True),
        ("накануне вечером", False),  # not a genitive noun
        ("накануне министр заявил", False),  # a nominative: "the day before, the minister..."
        ("накануне 5 мая", False),  # not a word
        ("накануне.", False),
        ("накануне", False),  # nothing after it
        ("вчера саммита", False),  # not an eve word
    ],
)
def test_russian_eve_of(ru, text, eve) -> None:
    assert ru.eve_of(text, expr(text, text.split()[0].strip("."))) is eve


def test_english_never_has_an_eve_of(en) -> None:
    assert en.eve_of("on the eve of the summit", expr("on the eve of the summit", "eve")) is False


# ------------------------------------------------------------------ helpers
@pytest.mark.parametrize(
    ("tok", "lemma"),
    [
        (Token(0, 6, "Лавров", frozenset({"лавр", "лавров"})), "лавров"),  # the word itself when it is a lemma
        (Token(0, 7, "Лаврова", frozenset({"лавр", "лавров"})), "лавр"),  # else the first, sorted
        (Token(0, 6, "Алёшин", frozenset({"алешин"})), "алешин"),  # ё read as е
        (Token(0, 6, "Moscow", frozenset({"moscow"})), "moscow"),
    ],
)
def test_name_lemma(tok, lemma) -> None:
    assert name_lemma(tok) == lemma


@pytest.mark.parametrize(
    ("name", "stripped"),
    [
        ("Lavrov's", "Lavrov"),
        ("Sergei Lavrov’s", "Sergei Lavrov"),
        ("Belarus'", "Belarus"),
        ("Belarus’", "Belarus"),
        ("Lavrov", "Lavrov"),
        ("James", "James"),  # an s ending is not a possessive
        ("", ""),
    ],
)
def test_strip_possessive(name, stripped) -> None:
    assert strip_possessive(name) == stripped
