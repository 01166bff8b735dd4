"""Document phrases: heads, title extent, kind, nominative title, on a hand-built
lexicon and tokens, then the packaged lexicons of both languages."""
import pydantic
import pytest

from builders import toks
from diplo_extract.documents import MAX_TITLE_TOKENS, DocumentFinder, DocumentLexicon, DocumentPhrase, _modifier, _qualified, HeadEntry
from diplo_extract.doc import Token
from diplo_extract.errors import ResourceError

LEXICON = DocumentLexicon(
    heads=[
        {"lemma": "план", "kind": "plan"},
        {"phrase": ["дорожный", "карта"], "kind": "roadmap"},
        {"lemma": "соглашение", "kind": "agreement"},
        {"lemma": "решение", "kind": "resolution", "qualified": True},
        {"lemma": "пакет", "kind": "other", "bundle": True},
        {"lemma": "документ", "kind": "other", "generic": True},
        {"forms": ["agreement", "agreements"], "kind": "agreement"},
        {"forms": ["statement"], "kind": "statement"},
        {"forms": ["package"], "kind": "other", "bundle": True},
    ],
    stops=["was", "on monday", "в ходе"],
    determiners=["the", "a"],
    modifiers=["joint"],
)


@pytest.fixture(scope="module")
def finder() -> DocumentFinder:
    return DocumentFinder(LEXICON)


def phrases(finder, text, lemmas=None, **kwargs) -> list[tuple[str, str]]:
    return [(p.text, p.kind) for p in finder.find_all(text, toks(text, lemmas), **kwargs)]


@pytest.mark.parametrize(
    ("text", "expect"),
    [
        ("план консультаций на 2021 год .", [("план консультаций на 2021 год", "plan")]),
        ("подписали дорожный карта интеграции", [("дорожный карта интеграции", "roadmap")]),
        # hard stops end a title; the next head starts another phrase
        ("соглашение о торговле , и план", [("соглашение о торговле", "agreement"), ("план", "plan")]),
        ("соглашение ( проект )", [("соглашение", "agreement")]),
        # "and" before another head ends the title ...
        ("agreement and statement", [("agreement", "agreement"), ("statement", "statement")]),
        ("agreement and the new statement", [("agreement", "agreement"), ("statement", "statement")]),  # head 2 words on
        # ... but not before other words
        ("agreement and cooperation", [("agreement and cooperation", "agreement")]),
        ("agreement and a b c statement", [("agreement and a b c statement", "agreement")]),  # head too far on
        # stop words and stop phrases (by lemma or text)
        ("agreement was signed", [("agreement", "agreement")]),
        ("agreement signed on Monday", [("agreement signed", "agreement")]),
        ("соглашение подписано в ходе визита", [("соглашение подписано", "agreement")]),
        # trailing quotes are not part of a title
        ("соглашение об этом »", [("соглашение об этом", "agreement")]),
        # qualified heads need a capitalized word after them
        ("решение Совета министров", [("решение Совета министров", "resolution")]),
        ("решение принято", []),
        ("приняли решение", []),
        # left edge: a listed modifier or a capitalized word, not a determiner or a non-word
        ("a joint statement", [("joint statement", "statement")]),
        ("the Paris agreement", [("Paris agreement", "agreement")]),
        ("the agreement", [("agreement", "agreement")]),
        ("2021 agreement", [("agreement", "agreement")]),
        ("NATO agreement", [("agreement", "agreement")]),  # all capitals: an abbreviation, not a modifier
        ("", []),
    ],
)
def test_find_all(finder, text, expect) -> None:
    assert phrases(finder, text) == expect


def test_phrase_fields(finder) -> None:
    text = "a joint statement on trade ."
    [p] = finder.find_all(text, toks(text))
    assert p == DocumentPhrase(2, 26, "joint statement on trade", "statement", "joint statement on trade", head=2, first=1, last=5)


@pytest.mark.parametrize(
    ("text", "kind", "phrase"),
    [
        # a bundle's kind is the first document head in the three words after it,
        # and "and" does not end its title
        ("пакет из соглашение и план", "agreement", "пакет из соглашение и план"),
        ("package of agreements", "agreement", "package of agreements"),
        ("package of many new big agreements", "other", "package of many new big agreements"),  # head too far
        ("package of reforms", "other", "package of reforms"),
        ("package of another package", "other", "package of another package"),  # a bundle never gives the kind
    ],
)
def test_bundle_kind(finder, text, kind, phrase) -> None:
    [p] = finder.find_all(text, toks(text))
    assert (p.text, p.kind) == (phrase, kind)


@pytest.mark.parametrize(
    ("text", "generic"),
    [
        ("документ", True),
        ("этот документ", True),
        ("документ о сотрудничестве", False),
        ("соглашение", False),
    ],
)
def test_generic_head_alone_refers_back(finder, text, generic) -> None:
    [p] = finder.find_all(text, toks(text))
    assert p.generic is generic


def test_head_inside_an_organization_name_is_not_a_document() -> None:
    text = "Организация Договора о коллективной безопасности и соглашение"
    tokens = toks(text, {"Договора": {"договор"}})
    lexicon = DocumentLexicon(heads=[{"lemma": "договор", "kind": "treaty"}, {"lemma": "соглашение", "kind": "agreement"}],
                              stops=[], determiners=[], modifiers=[])
    name = (0, text.index(" и "))
    assert [p.text for p in DocumentFinder(lexicon).find_all(text, tokens)] == ["Организация Договора о коллективной безопасности", "соглашение"]
    assert [p.text for p in DocumentFinder(lexicon).find_all(text, tokens, names=[name])] == ["соглашение"]


def test_blocked_tokens_end_a_title(finder) -> None:
    text = "соглашение о торговле подписали стороны"
    blocked = {3}.__contains__
    assert phrases(finder, text, blocked=blocked) == [("соглашение о торговле", "agreement")]
    assert phrases(finder, text) == [("соглашение о торговле подписали стороны", "agreement")]


def test_title_is_at_most_max_title_tokens_after_the_head(finder) -> None:
    text = "соглашение " + " ".join(f"w{i}" for i in range(40))
    [p] = finder.find_all(text, toks(text))
    assert p.last - p.head - 1 == MAX_TITLE_TOKENS
    assert p.text.split()[-1] == f"w{MAX_TITLE_TOKENS - 1}"


def test_phrases_do_not_overlap_and_a_head_inside_a_title_is_skipped(finder) -> None:
    text = "план по соглашение о план"
    found = finder.find_all(text, toks(text))
    assert [(p.text, p.head) for p in found] == [("план по соглашение о план", 0)]


def test_verbs_end_a_title_and_are_not_its_left_edge() -> None:
    is_verb = {"signed", "adopted"}.__contains__
    finder = DocumentFinder(LEXICON, is_verb=lambda w: is_verb(w.lower()))
    assert phrases(finder, "agreement signed today") == [("agreement", "agreement")]
    assert phrases(finder, "Adopted statement") == [("statement", "statement")]  # capitalized, but a verb


def test_modifier_callback_decides_the_left_edge() -> None:
    finder = DocumentFinder(LEXICON, is_modifier=lambda w: w == "совместное")
    assert phrases(finder, "совместное соглашение") == [("совместное соглашение", "agreement")]
    assert phrases(finder, "Paris agreement") == [("agreement", "agreement")]  # the callback overrides capitals


def test_nominative_callback_inflects_up_to_the_head_and_keeps_the_spacing() -> None:
    seen = []

    def nominative(words):
        seen.append(list(words))
        return [w.upper() for w in words]

    finder = DocumentFinder(LEXICON, nominative=nominative, is_modifier=lambda w: w == "новую")
    text = "новую  дорожный карта по  интеграции"
    [p] = finder.find_all(text, toks(text))
    assert seen == [["новую", "дорожный", "карта"]]
    assert p.title == "НОВУЮ  ДОРОЖНЫЙ КАРТА по  интеграции"
    assert p.text == text


def test_head_at_prefers_the_longest_entry() -> None:
    lexicon = DocumentLexicon(heads=[{"lemma": "план", "kind": "plan"}, {"phrase": ["план", "действие"], "kind": "other"}],
                              stops=[], determiners=[], modifiers=[])
    tokens = toks("план действие", {"действие": {"действие"}})
    assert DocumentFinder(lexicon).head_at(tokens, 0)[0] == 2
    assert DocumentFinder(lexicon).head_at(toks("план мира"), 0)[0] == 1
    assert DocumentFinder(lexicon).head_at(toks("мира план"), 0) is None


@pytest.mark.parametrize(
    ("word", "modifier"),
    [("joint", True), ("Joint", True), ("Paris", True), ("NATO", False), ("with", False), ("J", False)],
)
def test_modifier(word, modifier) -> None:
    assert _modifier(Token(0, len(word), word, frozenset({word.lower()})), frozenset({"joint"})) is modifier


@pytest.mark.parametrize(
    ("qualified", "following", "expect"),
    [(False, None, True), (True, "Совета", True), (True, "совета", False), (True, None, False)],
)
def test_qualified(qualified, following, expect) -> None:
    entry = HeadEntry(lemma="решение", kind="resolution", qualified=qualified)
    tokens = toks("решение" + (f" {following}" if following else ""))
    assert _qualified(entry, tokens, 1) is expect


def test_closing_quote_of_a_quoted_title_is_kept(finder) -> None:
    text = "соглашение « Альфа » ."
    assert phrases(finder, text) == [("соглашение « Альфа »", "agreement")]


# ------------------------------------------------------------ lexicon files
@pytest.mark.parametrize(
    "bad",
    [
        {"heads": [{"lemma": "план", "kind": "recipe"}], "stops": [], "determiners": [], "modifiers": []},
        {"heads": [{"lemma": "план", "phrase": ["план"], "kind": "plan"}], "stops": [], "determiners": [], "modifiers": []},
        {"heads": [], "stops": [], "determiners": []},
    ],
)
def test_invalid_lexicon_is_rejected(bad) -> None:
    with pytest.raises(pydantic.ValidationError):
        DocumentLexicon.model_validate(bad)


def test_lexicon_file_errors_name_the_file(tmp_path) -> None:
    (tmp_path / "documents").mkdir()
    (tmp_path / "documents" / "xx.yaml").write_text("heads: [{lemma: план, kind: recipe}]\nstops: []\ndeterminers: []\nmodifiers: []\n", encoding="utf-8")
    with pytest.raises(ResourceError, match=r"E010 .*xx\.yaml: invalid heads\.0\.kind entry lemma='план'"):
        DocumentLexicon.load("xx", tmp_path)


# ---------------------------------------------------- packaged lexicons, real tokens
@pytest.mark.parametrize(
    ("lang", "text", "expect"),
    [
        ("ru", "Стороны подписали дорожную карту по интеграции.", [("дорожную карту по интеграции", "roadmap", "дорожная карта по интеграции")]),
        ("ru", "Приняли совместное заявление, а также план консультаций на 2021 год.",
         [("совместное заявление", "statement", "совместное заявление"), ("план консультаций на 2021 год", "plan", "план консультаций на 2021 год")]),
        ("ru", "Подписан пакет из соглашений и программ.", [("пакет из соглашений и программ", "agreement", "пакет из соглашений и программ")]),
        ("ru", "Решение Высшего Госсовета принято.", [("Решение Высшего Госсовета", "resolution", "Решение Высшего Госсовета")]),
        ("ru", "Решение принято.", []),
        ("en", "They signed a joint statement on Monday.", [("joint statement", "statement", "joint statement")]),
        ("en", "The ministers signed an agreement on trade that was drafted earlier.", [("agreement on trade", "agreement", "agreement on trade")]),
        ("en", "The weather was fine.", []),
    ],
)
def test_packaged_lexicons(extractor, lang, text, expect) -> None:
    language = extractor.languages[lang]
    found = language.documents.find_all(text, language.tokenize(text, 0, len(text)))
    assert [(p.text, p.kind, p.title) for p in found] == expect
