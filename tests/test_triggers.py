"""Trigger lexicons and the trigger tagger, on hand-built lexicons and tokens."""
import pydantic
import pytest

from builders import toks
from diplo_extract.doc import Trigger
from diplo_extract.errors import ResourceError
from diplo_extract.triggers import TriggerEntry, TriggerLexicon, TriggerTagger, _guess_pos

LEXICON = TriggerLexicon(
    gate=["встреч", "разговор", "телефон", "подпис", "talk", "call", "met", "визит"],
    triggers=[
        {"lemma": "встреча", "type": "meeting"},
        {"lemma": "разговор", "type": "meeting", "weak": True},
        {"phrase": ["телефонный", "разговор"], "type": "phone_call"},
        {"phrase": ["разговор", "по", "телефон"], "type": "phone_call"},
        {"lemma": "подписать", "type": "signing"},
        {"lemma": "подписанный", "type": "signing"},
        {"forms": ["talks", "talked"], "type": "meeting", "pos": "noun"},
        {"forms": ["met"], "type": "meeting", "pos": "verb", "tense": "past"},
        {"phrase": ["called", "on"], "type": "meeting", "pos": "verb", "tense": "past"},
        {"lemma": "визит", "type": "visit", "group": "multilateral", "otherwise": "meeting"},
    ],
)


@pytest.fixture(scope="module")
def tagger() -> TriggerTagger:
    return TriggerTagger(LEXICON)


def found(tagger: TriggerTagger, text: str, lemmas: dict | None = None, sentence: int = 0) -> list[tuple]:
    return [(t.text, t.type, t.lemma, t.pos) for t in tagger(text, toks(text, lemmas), sentence)]


@pytest.mark.parametrize(
    ("text", "lemmas", "expect"),
    [
        ("Встреча прошла", {"Встреча": {"встреча"}}, [("Встреча", "meeting", "встреча", "noun")]),
        # a phrase wins over the word it contains, whichever word the phrase starts with
        ("телефонный разговор состоялся", None, [("телефонный разговор", "phone_call", "телефонный разговор", "noun")]),
        ("разговор по телефон", None, [("разговор по телефон", "phone_call", "разговор по телефон", "noun")]),
        # the phrase's words must be consecutive: the single word is left
        ("разговор не по телефон", None, [("разговор", "meeting", "разговор", "noun")]),
        # a phrase cut off by the sentence's end does not match (the word does)
        ("долгий разговор по", None, [("разговор", "meeting", "разговор", "noun")]),
        ("called", None, []),
        # any plausible lemma of a token can match
        ("стороны подписали", {"подписали": {"подписать", "подписывать"}}, [("подписали", "signing", "подписать", "verb")]),
        ("подписанный документ", None, [("подписанный", "signing", "подписанный", "verb")]),
        # English forms, with the part of speech given by the lexicon
        ("Lavrov met Wang and talks followed", {"Lavrov": {"lavrov"}}, [("met", "meeting", "met", "verb"), ("talks", "meeting", "talks", "noun")]),
        ("He called on Xi", None, [("called on", "meeting", "called on", "verb")]),
        # nothing to find
        ("Погода была хорошей", None, []),
        ("", None, []),
        # two triggers in a row are two mentions
        ("встреча встреча", None, [("встреча", "meeting", "встреча", "noun")] * 2),
    ],
)
def test_tagger_finds_triggers_longest_first(tagger, text, lemmas, expect) -> None:
    assert found(tagger, text, lemmas) == expect


def test_trigger_carries_the_entry_attributes_and_offsets(tagger) -> None:
    text = "Лавров : визит и разговор , потом met ."
    [visit, talk, met] = tagger(text, toks(text), 7)
    assert visit == Trigger(9, 14, "визит", "visit", "визит", "noun", 7, weak=False, tense=None, group="multilateral", otherwise="meeting")
    assert (talk.start, talk.end, talk.text, talk.weak, talk.group, talk.otherwise) == (17, 25, "разговор", True, "bilateral", None)
    assert (met.tense, met.sentence, met.pos) == ("past", 7, "verb")


def test_trigger_text_is_the_source_span_across_tokens(tagger) -> None:
    text = "телефонный   разговор"  # two spaces more between the words
    [t] = tagger(text, toks(text), 0)
    assert (t.start, t.end, t.text) == (0, len(text), text)


def test_tagger_does_not_depend_on_lemma_set_order(tagger) -> None:
    """Two lemmas of one token that both start entries: the longer entry wins,
    whatever order the frozenset iterates in."""
    text = "X по телефон"
    for forms in ({"разговор", "телефонный"}, {"телефонный", "разговор"}):
        assert found(tagger, text, {"X": forms}) == [("X по телефон", "phone_call", "разговор по телефон", "noun")]


@pytest.mark.parametrize(
    ("text", "passes"),
    [
        ("Лавров провел ВСТРЕЧУ", True),  # case-insensitive
        ("They talked.", True),
        ("Погода хорошая.", False),
        ("", False),
    ],
)
def test_gate(tagger, text, passes) -> None:
    assert tagger.passes_gate(text) is passes


def test_gate_stems_are_literal_not_regex() -> None:
    lexicon = TriggerLexicon(gate=["a.b"], triggers=[{"lemma": "a.b", "type": "meeting"}])
    tagger = TriggerTagger(lexicon)
    assert tagger.passes_gate("xa.bx")
    assert not tagger.passes_gate("axb")


@pytest.mark.parametrize(
    ("lemma", "pos"),
    [
        ("подписать", "verb"), ("встретиться", "verb"), ("провести", "verb"), ("привлечь", "verb"),
        ("подписанный", "verb"), ("принятый", "verb"), ("прибывший", "verb"),
        ("встреча", "noun"), ("визит", "noun"), ("переговоры", "noun"),
    ],
)
def test_guess_pos_from_russian_lemma_ending(lemma, pos) -> None:
    assert _guess_pos(lemma) == pos


def test_phrase_pos_is_guessed_from_its_last_word() -> None:
    lexicon = TriggerLexicon(gate=["подпис"], triggers=[
        {"phrase": ["подписание", "подписать"], "type": "signing"},
        {"phrase": ["подписать", "подписание"], "type": "signing"},
    ])
    tagger = TriggerTagger(lexicon)
    assert [t.pos for t in tagger("подписание подписать подписать подписание", toks("подписание подписать подписать подписание"), 0)] == ["verb", "noun"]


# ------------------------------------------------------------------ lexicon validation
@pytest.mark.parametrize(
    "data",
    [
        {"gate": [], "triggers": [{"lemma": "встреча", "type": "meeting"}]},  # empty gate
        {"gate": ["встреч"], "triggers": []},  # no triggers
        {"gate": ["встреч"], "triggers": [{"lemma": "встреча", "type": "dinner"}]},  # unknown type
        {"gate": ["встреч"], "triggers": [{"lemma": "встреча", "forms": ["встречи"], "type": "meeting"}]},  # two keys
        {"gate": ["встреч"], "triggers": [{"type": "meeting"}]},  # no key
        {"gate": ["встреч"], "triggers": [{"lemma": "встреча", "type": "meeting", "pos": "adj"}]},
        {"gate": ["встреч"], "triggers": [{"lemma": "встреча", "type": "meeting", "colour": "red"}]},  # unknown field
        {"gate": ["встреч"], "triggers": [{"lemma": "встреча", "type": "meeting"}], "extra": 1},
    ],
)
def test_invalid_lexicon_is_rejected(data) -> None:
    with pytest.raises(pydantic.ValidationError):
        TriggerLexicon.model_validate(data)


@pytest.mark.parametrize(
    ("entry", "sequences"),
    [
        ({"lemma": "встреча"}, [("встреча",)]),
        ({"forms": ["met", "meets"]}, [("met",), ("meets",)]),
        ({"phrase": ["working", "dinner"]}, [("working", "dinner")]),
    ],
)
def test_entry_sequences(entry, sequences) -> None:
    assert TriggerEntry(type="meeting", **entry).sequences() == sequences


def test_check_gate_names_the_trigger_that_no_gate_stem_matches() -> None:
    lexicon = TriggerLexicon(gate=["встреч"], triggers=[{"lemma": "встреча", "type": "meeting"}, {"phrase": ["рабочий", "ужин"], "type": "meeting"}])
    with pytest.raises(ResourceError, match=r"E010 here.yaml: invalid trigger entry \('рабочий', 'ужин'\): no gate stem"):
        lexicon.check_gate("here.yaml")


def test_check_gate_accepts_a_phrase_with_one_gated_word() -> None:
    lexicon = TriggerLexicon(gate=["ужин"], triggers=[{"phrase": ["рабочий", "ужин"], "type": "meeting"}])
    lexicon.check_gate("here.yaml")  # raises if wrong
    assert TriggerTagger(lexicon).passes_gate("рабочий ужин")


def _write(root, lang: str, text: str) -> None:
    (root / "triggers").mkdir(exist_ok=True)
    (root / "triggers" / f"{lang}.yaml").write_text(text, encoding="utf-8")


@pytest.mark.parametrize(
    ("content", "match"),
    [
        (None, r"E002 missing resource .*xx\.yaml"),
        ("gate: [встреч\n", r"E011 .*xx\.yaml: cannot parse"),
        ("gate: [встреч]\ntriggers: [{lemma: ужин, type: meeting}]\n", r"E010 .*xx\.yaml: invalid trigger entry \('ужин',\)"),
        ("gate: [встреч]\ntriggers: [{lemma: встреча, type: party}]\n", r"E010 .*xx\.yaml: invalid triggers\.0\.type entry lemma='встреча'"),
        ("gate: []\ntriggers: [{lemma: встреча, type: meeting}]\n", r"E010 .*xx\.yaml: invalid gate"),
        ("", r"E010 .*xx\.yaml"),  # an empty file lacks both fields
    ],
)
def test_lexicon_load_errors_are_coded_and_name_the_file(tmp_path, content, match) -> None:
    (tmp_path / "triggers").mkdir()
    if content is not None:
        _write(tmp_path, "xx", content)
    with pytest.raises(ResourceError, match=match):
        TriggerLexicon.load("xx", tmp_path)


def test_lexicon_loads_from_a_user_models_folder(tmp_path) -> None:
    _write(tmp_path, "xx", "gate: [встреч]\ntriggers:\n  - {lemma: встреча, type: meeting, weak: true}\n  - {forms: [встречи], type: meeting}\n")
    lexicon = TriggerLexicon.load("xx", tmp_path)
    assert [e.sequences() for e in lexicon.triggers] == [[("встреча",)], [("встречи",)]]
    assert lexicon.triggers[0].weak is True


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_packaged_lexicons_pass_their_own_gate(lang) -> None:
    lexicon = TriggerLexicon.load(lang)
    gate = lexicon.gate_pattern()
    for entry in lexicon.triggers:
        for seq in entry.sequences():
            assert any(gate.search(w) for w in seq), seq


# -------------------------------------------------------- with the real lexicons
@pytest.mark.parametrize(
    ("lang", "text", "expect"),
    [
        ("ru", "Лавров и Ван И провели переговоры в Пекине.", [("переговоры", "meeting")]),
        ("ru", "Состоялся телефонный разговор президентов.", [("телефонный разговор", "phone_call")]),
        ("ru", "Министры подписали соглашение.", [("подписали", "signing")]),
        ("ru", "Погода в Пекине была хорошей.", []),
        ("en", "Lavrov met Wang Yi in Beijing.", [("met", "meeting")]),
        ("en", "The ministers held a working dinner.", [("working dinner", "meeting")]),
        ("en", "The weather in Beijing was fine.", []),
    ],
)
def test_real_lexicons_on_real_tokens(extractor, lang, text, expect) -> None:
    language = extractor.languages[lang]
    tokens = language.tokenize(text, 0, len(text))
    assert [(t.text, t.type) for t in language.triggers(text, tokens, 0)] == expect
    assert language.triggers.passes_gate(text) is bool(expect)


@pytest.mark.parametrize(
    "text",
    [
        "Стороны подпишут соглашение о сотрудничестве.",
        "Министр прибудет в Минск.",
        "Министры обменялись мнениями перед беседой.",
        "Маршрут поездок не раскрывается.",
    ],
)
def test_gate_passes_every_inflected_form_of_a_russian_trigger(extractor, text) -> None:
    ru = extractor.languages["ru"]
    assert ru.triggers(text, ru.tokenize(text, 0, len(text)), 0), "the tagger finds a trigger here"
    assert ru.triggers.passes_gate(text), "so the gate must let the sentence through"


# ------------------------------------------------- the gate as one trie pattern
import json  # noqa: E402
import re  # noqa: E402
from pathlib import Path  # noqa: E402

from diplo_extract.triggers import stem_trie  # noqa: E402

DEV = Path(__file__).parent / "fixtures" / "dev"


@pytest.mark.parametrize(
    ("stems", "text", "passes"),
    [
        (["встреч", "встретил"], "Они ВСТРЕТИЛИСЬ", True),  # the longer stem adds nothing to where one occurs
        (["talk", "talks"], "peace TALKS", True),
        (["визит"], "визи т", False),
        (["a.b"], "axb", False),  # stems are literals
        (["a.b"], "a.b", True),
        ([""], "anything", True),  # an empty stem, as in a flat alternation, is everywhere
    ],
)
def test_stem_trie_finds_a_stem_where_the_flat_alternation_does(stems, text, passes) -> None:
    flat = re.compile("|".join(re.escape(s) for s in stems), re.IGNORECASE)
    trie = re.compile(stem_trie(stems), re.IGNORECASE)
    assert bool(trie.search(text)) is bool(flat.search(text)) is passes


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_gate_passes_the_same_dev_lines_as_the_flat_alternation(lang: str) -> None:
    lexicon = TriggerLexicon.load(lang)
    flat = re.compile("|".join(re.escape(g) for g in lexicon.gate), re.IGNORECASE)
    gate = lexicon.gate_pattern()
    lines = [line for path in sorted(DEV.glob("*.json")) for line in json.loads(path.read_text(encoding="utf-8"))["text"].splitlines()]
    assert lines
    assert [bool(gate.search(line)) for line in lines] == [bool(flat.search(line)) for line in lines]
