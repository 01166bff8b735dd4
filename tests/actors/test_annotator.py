"""The actors stage: merging NER into gazetteer mentions, person and place names,
and ActorAnnotator over documents whose sentences are set up by hand."""
import datetime as dt
from types import SimpleNamespace

import pytest

from builders import doc_of, toks
from diplo_extract.actors.annotator import ActorAnnotator, _renamed, kb_part, merge_ner, named, tokens_of
from diplo_extract.doc import Mention, Sentence

FAKE = SimpleNamespace(
    ner_name=lambda text: f"N({text})",
    ner_place=lambda text: f"P({text})",
    person_name=lambda text: f"Person({text})",
    lemmas=lambda word: frozenset({word.lower(), word.lower().rstrip("аy")}),
)


def M(start, end, label, key=None, text=None, name=None, rule="r"):  # noqa: N802
    return Mention(start, end, text or "x" * (end - start), label, key, None, name, None, rule)


# ------------------------------------------------------------------ merge_ner
@pytest.mark.parametrize(
    ("gazetteer", "ner", "expect"),
    [
        # NER spans that overlap a gazetteer mention are dropped, whatever the overlap
        ([M(0, 5, "PER", "person:a")], [M(0, 5, "PER"), M(3, 8, "PER"), M(4, 6, "LOC")], [(0, 5, "PER", "person:a")]),
        # touching is not overlapping
        ([M(0, 5, "PER", "person:a")], [M(5, 9, "PER")], [(0, 5, "PER", "person:a"), (5, 9, "PER", None)]),
        # new mentions are merged in text order
        ([M(10, 15, "STATE", "state:X")], [M(20, 24, "LOC"), M(0, 4, "PER")],
         [(0, 4, "PER", None), (10, 15, "STATE", "state:X"), (20, 24, "LOC", None)]),
        ([], [], []),
        ([], [M(0, 3, "ORG")], [(0, 3, "ORG", None)]),
    ],
)
def test_merge_ner_keeps_gazetteer_mentions_and_adds_new_ones_in_order(gazetteer, ner, expect) -> None:
    merged = merge_ner(gazetteer, ner, FAKE)
    assert [(m.start, m.end, m.label, m.key) for m in merged] == expect


@pytest.mark.parametrize(
    ("label", "name"),
    [("PER", "N(Петрова)"), ("LOC", "P(Петрова)"), ("ORG", "Петрова")],
)
def test_merge_ner_names_persons_and_places_by_the_language(label, name) -> None:
    [m] = merge_ner([], [Mention(0, 7, "Петрова", label, code="XX", role="r", rule="ner:t")], FAKE)
    assert (m.name, m.code, m.role, m.rule) == (name, None, None, "ner:t")


# ----------------------------------------------------------- named, kb_part
def test_named_gives_persons_their_name_as_written() -> None:
    per = Mention(0, 7, "Петрова", "PER", "person:x", "RUS", "Canonical", "r", "rule")
    assert named(per, FAKE) == Mention(0, 7, "Петрова", "PER", "person:x", "RUS", "Person(Петрова)", "r", "rule")


@pytest.mark.parametrize("label", ["STATE", "LOC", "ROLE", "ORG"])
def test_named_leaves_other_mentions_alone(label) -> None:
    m = Mention(0, 7, "Россией", label, name="Россия")
    assert named(m, FAKE) is m


@pytest.mark.parametrize(
    ("word", "parts", "expect"),
    [
        ("Сергея", ["Сергей", "Лавров"], None),  # FAKE lemmas: сергея, сергея->сергея (no match)
        ("Лаврова", ["Сергей", "Лавров"], "Лавров"),  # a lemma is the part
        ("ЛАВРОВ", ["Сергей", "Лавров"], "Лавров"),  # the same word in other capitals
        ("Петров", ["Сергей", "Лавров"], None),
        ("Лавров", [], None),
        ("Алёна", ["Алёна"], "Алёна"),  # ё in the KB part: matches the word itself
    ],
)
def test_kb_part(word, parts, expect) -> None:
    assert kb_part(word, parts, FAKE) == expect


def test_kb_part_matches_a_kb_part_with_yo_to_a_lemma_with_e(extractor) -> None:
    ru = extractor.languages["ru"]
    assert kb_part("Фёдорова", ["Фёдор", "Фёдоров"], ru) == "Фёдоров"


@pytest.mark.parametrize(
    ("m", "name", "renamed"),
    [
        (Mention(0, 6, "Moscow", "PLACE", name="Moscow"), "Moscow", False),  # same name
        (Mention(0, 4, "Kiev", "PLACE", name="Kyiv"), "Kiev", True),
        (Mention(0, 7, "Türkiye", "STATE", name="Turkey"), "Türkiye", True),
        (Mention(0, 6, "Lavrov", "PER", name="Sergei Lavrov"), "Lavrov", False),  # only states and places
    ],
)
def test_renamed(m, name, renamed) -> None:
    out = _renamed(m, name)
    assert (out is not m) is renamed
    assert out.name == (name if renamed else m.name)


# ------------------------------------------------------------------ tokens_of
def test_tokens_of_makes_tokens_once() -> None:
    calls = []
    lang = SimpleNamespace(tokenize=lambda text, s, e: calls.append((s, e)) or toks(text[:e], start=s))
    doc = doc_of("Один два.", "Три четыре.")
    first = tokens_of(doc, doc.sentences[1], lang)
    again = tokens_of(doc, doc.sentences[1], lang)
    assert first is again and calls == [(10, 21)]
    assert [t.text for t in first] == ["Три", "четыре."]


# ------------------------------------------------------------ ActorAnnotator
@pytest.fixture(scope="module")
def annotator(extractor) -> ActorAnnotator:
    return ActorAnnotator(extractor.languages, extractor.kb)


def annotate(annotator, lang, sentences, published=None, triggered=(), ner=None, noise=()):
    """Run the annotator over sentences; those in ``triggered`` get their real
    triggers, and ``ner`` (a list per sentence, or None for the real NER) on them."""
    doc = doc_of(*sentences, lang=lang)
    doc.published = published
    language = annotator.languages[lang]
    for k, s in enumerate(doc.sentences):
        s.noise = k in noise
        if k in triggered:
            s.triggers = language.triggers(doc.text, language.tokenize(doc.text, s.start, s.end), k)
            assert s.triggers, "a triggered sentence must hold a trigger"
            s.ner = ner[k] if ner is not None else language.ner.batch(doc.text, [(s.start, s.end)])[0]
    return annotator(doc)


def names(sent: Sentence) -> list[tuple]:
    return [(m.text, m.label, m.key, m.name) for m in sent.mentions]


RUSSIAN = [
    # a KB person in an oblique case gets the nominative of its KB name parts
    ("Переговоры Сергея Лаврова прошли в Казани.", None,
     [("Сергея Лаврова", "PER", "person:sergei_lavrov", "Сергей Лавров"), ("Казани", "PLACE", "place:RUS:Kazan", "Казань")]),
    ("Переговоры с Лавровым прошли в Минске.", None,
     [("Лавровым", "PER", "person:sergei_lavrov", "Лавров"), ("Минске", "PLACE", "place:BLR:Minsk", "Минск")]),
    # a person NER finds and the KB does not know: the name in the nominative
    ("Переговоры Ивана Петрова прошли в Казани.", None,
     [("Ивана Петрова", "PER", None, "Иван Петров"), ("Казани", "PLACE", "place:RUS:Kazan", "Казань")]),
    # a role next to its state is the office-holder on the day
    ("Глава МИД Белоруссии провел переговоры.", dt.date(2020, 5, 5),
     [("Глава МИД", "ROLE", "role:foreign_minister", "глава МИД"),
      ("Глава МИД Белоруссии", "PER", "person:vladimir_makei", "Владимир Макей"),
      ("Белоруссии", "STATE", "state:BLR", "Беларусь")]),
    # ... and nobody without a day
    ("Глава МИД Белоруссии провел переговоры.", None,
     [("Глава МИД", "ROLE", "role:foreign_minister", "глава МИД"), ("Белоруссии", "STATE", "state:BLR", "Беларусь")]),
]


@pytest.mark.parametrize(("text", "published", "expect"), RUSSIAN)
def test_russian_sentence_with_a_trigger(annotator, text, published, expect) -> None:
    doc = annotate(annotator, "ru", [text], published, triggered={0})
    assert names(doc.sentences[0]) == expect
    assert doc.mentions == doc.sentences[0].mentions


ENGLISH = [
    ("Sergei Lavrov's talks in Türkiye.", None,
     [("Sergei Lavrov", "PER", "person:sergei_lavrov", "Sergei Lavrov"), ("Türkiye", "STATE", "state:TUR", "Türkiye")]),
    # a capital in capitals (a dateline) keeps the KB name
    ("MOSCOW talks.", None, [("MOSCOW", "PLACE", "place:RUS:Moscow", "Moscow")]),
    ("Belarus' Foreign Minister held talks in Kyiv.", dt.date(2021, 3, 1),
     [("Belarus", "STATE", "state:BLR", "Belarus"),
      ("Belarus' Foreign Minister", "PER", "person:vladimir_makei", "Vladimir Makei"),
      ("Foreign Minister", "ROLE", "role:foreign_minister", "Foreign Minister"),
      ("Kyiv", "PLACE", "place:UKR:Kyiv", "Kyiv")]),
]


@pytest.mark.parametrize(("text", "published", "expect"), ENGLISH)
def test_english_sentence_with_a_trigger(annotator, text, published, expect) -> None:
    doc = annotate(annotator, "en", [text], published, triggered={0})
    assert names(doc.sentences[0]) == expect


def test_sentence_without_triggers_gets_the_gazetteer_but_not_ner(annotator) -> None:
    text = "Шойгу и Лавров были в Подмосковье."
    ner = [[Mention(0, 5, "Шойгу", "PER", rule="ner:t"), Mention(22, 33, "Подмосковье", "LOC", rule="ner:t")]]
    doc = doc_of(text, lang="ru")
    doc.sentences[0].ner = ner[0]  # set, but without a trigger it is not read
    annotator(doc)
    assert names(doc.sentences[0]) == [("Лавров", "PER", "person:sergei_lavrov", "Лавров")]


def test_ner_mentions_are_merged_for_a_sentence_with_a_trigger(annotator) -> None:
    text = "Встреча Шойгу и Лаврова в Подмосковье."
    ner = [[Mention(8, 13, "Шойгу", "PER", rule="ner:t"), Mention(16, 23, "Лаврова", "PER", rule="ner:t"),
            Mention(26, 37, "Подмосковье", "LOC", rule="ner:t")]]
    doc = annotate(annotator, "ru", [text], triggered={0}, ner=ner)
    assert [(m.text, m.label, m.key, m.name, m.rule) for m in doc.sentences[0].mentions] == [
        ("Шойгу", "PER", None, "Шойгу", "ner:t"),
        ("Лаврова", "PER", "person:sergei_lavrov", "Лавров", "gazetteer:name"),  # the gazetteer wins
        ("Подмосковье", "LOC", None, "Подмосковье", "ner:t"),
    ]


def test_noise_and_unsupported_sentences_get_no_mentions(annotator) -> None:
    doc = doc_of("Лавров прибыл в Минск.", "Лавров прибыл в Минск.", "Лавров прибыл в Минск.", lang="ru")
    doc.sentences[1].noise = True
    doc.sentences[2].lang = "uk"
    annotator(doc)
    assert [len(s.mentions) for s in doc.sentences] == [2, 0, 0]
    assert doc.mentions == doc.sentences[0].mentions


def test_doc_mentions_gather_every_article_sentence_in_order(annotator) -> None:
    doc = doc_of("Лавров прибыл в Минск.", "Lavrov arrived in Minsk.")
    doc.sentences[0].lang, doc.sentences[1].lang = "ru", "en"
    annotator(doc)
    assert [(m.text, m.key) for m in doc.mentions] == [
        ("Лавров", "person:sergei_lavrov"), ("Минск", "place:BLR:Minsk"),
        ("Lavrov", "person:sergei_lavrov"), ("Minsk", "place:BLR:Minsk")]
    assert all(doc.text[m.start : m.end] == m.text for m in doc.mentions)


def test_person_name_of_a_key_missing_from_the_kb_is_the_name_as_written(annotator, extractor) -> None:
    m = Mention(0, 14, "Ивана Петрова", "PER", "person:nobody", rule="r")
    assert annotator.person_name(m, extractor.languages["ru"]).name == "Иван Петров"


def test_person_name_of_a_state_with_a_key_is_unchanged(annotator, extractor) -> None:
    m = Mention(0, 6, "Россия", "STATE", "state:RUS", "RUS", "Россия", rule="r")
    assert annotator.person_name(m, extractor.languages["ru"]) == m


@pytest.mark.parametrize(
    ("lang", "text", "name"),
    [
        ("ru", "Сергеем Викторовичем Лавровым", "Сергей Викторович Лавров"),
        ("en", "Sergei Lavrov’s", "Sergei Lavrov"),  # the possessive goes
        ("en", "Sergey Lavrov", "Sergey Lavrov"),  # a spelling variant is kept as written
    ],
)
def test_person_name_of_a_known_person(annotator, extractor, lang, text, name) -> None:
    m = Mention(0, len(text), text, "PER", "person:sergei_lavrov", rule="r")
    assert annotator.person_name(m, extractor.languages[lang]).name == name
