"""Event status: each strategy of the StatusClassifier on hand-built cues and tokens
(a Russian-like classifier with a verb-features table, an English-like one
without), then the packaged cues of both languages on real tokens."""
import pydantic
import pytest

from builders import toks, trigger_at
from diplo_extract.doc import Trigger
from diplo_extract.errors import ResourceError
from diplo_extract.status import MarkedTense, MorphTense, StatusClassifier, StatusCues, _clause, _index_of, clause_breaks

CUES = StatusCues(
    cancelled=["отменить", "должный быть", "called off", "postponed"],
    planned=["планироваться", "plans to", "expected"],
    past_markers=["вчера"],
    habitual=["ежегодно", "каждый раз", "every year"],
    negation=["не", "not"],
    generic=["такой", "such"],
    postponed_to=["на", "to"],
    clause_breaks=[";", "но", "but"],
    future_auxiliaries=["will", "to"],
    relative_pronouns=["который"],
    negative_determiners=["никакой", "no"],
)
FEATURES = {
    "пройдет": ("futr", "perf"), "проведут": ("futr", "perf"), "подпишут": ("futr", "perf"),
    "прошла": ("past", "perf"), "прошли": ("past", "perf"), "подписали": ("past", "perf"),
    "подписать": ("infn", "perf"), "подписывают": ("pres", "impf"), "идет": ("pres", "impf"),
}
LEMMAS = {
    "отменена": {"отменить"}, "отменили": {"отменить"}, "должна": {"должный"}, "была": {"быть"},
    "планируется": {"планироваться"}, "которая": {"который"}, "такой": {"такой"}, "никаких": {"никакой"},
}


@pytest.fixture(scope="module")
def russian_like() -> StatusClassifier:
    return StatusClassifier(CUES, MorphTense(lambda word: FEATURES.get(word.lower(), (None, None))))


@pytest.fixture(scope="module")
def english_like() -> StatusClassifier:
    return StatusClassifier(CUES, MarkedTense())


def classify(classifier, text, word, pos="noun", lemma=None, tense=None, occurrence=0):
    trigger = trigger_at(text, word, pos=pos, lemma=lemma, tense=tense, occurrence=occurrence)
    return classifier(trigger, toks(text, LEMMAS))


# (text, trigger word, pos, trigger lemma, expected (status, rule))
RUSSIAN_LIKE = [
    # cancellation cues, one word or a phrase, win over everything
    ("встреча отменена", "встреча", "noun", None, ("cancelled", "status:cancellation")),
    ("встреча должна была пройти", "встреча", "noun", None, ("cancelled", "status:cancellation")),
    ("подписали бы , но отменили", "подписали", "verb", None, ("occurred", "status:own_tense")),  # cue in another clause
    ("встреча прошла , но визит отменили", "встреча", "noun", None, ("occurred", "status:nearest_verb")),
    # the trigger's own tense: future or infinitive is planned, past occurred
    ("стороны подпишут", "подпишут", "verb", None, ("planned", "status:own_tense")),
    ("решено подписать", "подписать", "verb", None, ("planned", "status:own_tense")),
    ("стороны подписали вчера", "подписали", "verb", None, ("occurred", "status:own_tense")),
    # a present-tense verb says nothing by itself: the next strategies decide
    ("стороны подписывают", "подписывают", "verb", None, ("occurred", "status:default")),
    ("стороны подписывают , что пройдет", "подписывают", "verb", None, ("planned", "status:nearest_verb")),
    # a phrase trigger (a space in its lemma) is read for tense even as a noun
    ("встреча пройдет", "встреча пройдет", "noun", "встреча пройти", ("planned", "status:own_tense")),
    # planning cues in the clause
    ("встреча планируется", "встреча", "noun", None, ("planned", "status:planning_cue")),
    ("встреча прошла ; вторая планируется", "встреча", "noun", None, ("occurred", "status:nearest_verb")),
    # the nearest verb's tense, either side
    ("встреча пройдет в Москве", "встреча", "noun", None, ("planned", "status:nearest_verb")),
    ("в Москве прошла встреча", "встреча", "noun", None, ("occurred", "status:nearest_verb")),
    ("прошли дни и вот встреча и пройдет", "встреча", "noun", None, ("planned", "status:nearest_verb")),  # 2 vs 4 away
    # a relative clause on the trigger speaks first, though farther
    ("прошли к встрече , которая пройдет в июле", "встрече", "noun", None, ("planned", "status:nearest_verb")),
    # nothing to go by
    ("встреча в Москве", "встреча", "noun", None, ("occurred", "status:default")),
    ("идет встреча", "встреча", "noun", None, ("occurred", "status:default")),
]


@pytest.mark.parametrize(("text", "word", "pos", "lemma", "expect"), RUSSIAN_LIKE)
def test_russian_like_strategies_in_order(russian_like, text, word, pos, lemma, expect) -> None:
    assert classify(russian_like, text, word, pos, lemma) == expect


def test_relative_clause_beats_a_nearer_verb(russian_like) -> None:
    """"прошли к встрече, которая пройдет": the nearest verb (прошли, 2 tokens back) is
    past, but the relative clause on the trigger gives the future."""
    text = "прошли к встрече , которая пройдет в июле"
    assert classify(russian_like, text, "встрече") == ("planned", "status:nearest_verb")
    without = "прошли к встрече , в июле пройдет"  # no relative pronoun: the nearest verb wins
    assert classify(russian_like, without, "встрече") == ("occurred", "status:nearest_verb")


def test_relative_pronoun_too_far_from_the_trigger_is_not_a_relative_clause(russian_like) -> None:
    text = "прошли к встрече и в тот раз которая пройдет"  # который 5 tokens after
    assert classify(russian_like, text, "встрече") == ("occurred", "status:nearest_verb")


# English-like: no verb features, tense from the lexicon and auxiliaries
ENGLISH_LIKE = [
    ("Lavrov met Wang", "met", "verb", "past", ("occurred", "status:own_tense")),
    ("Lavrov will meet Wang", "meet", "verb", "pres", ("planned", "status:own_tense")),
    ("Lavrov is going to meet Wang", "meet", "verb", "pres", ("planned", "status:own_tense")),  # "to", 1 back
    ("will Lavrov and Wang finally meet", "meet", "verb", "pres", ("occurred", "status:default")),  # 4 back: too far
    ("Lavrov and Wang meet", "meet", "verb", "pres", ("occurred", "status:default")),
    ("talks were called off", "talks", "noun", None, ("cancelled", "status:cancellation")),
    ("Lavrov met Wang but talks were postponed", "met", "verb", "past", ("occurred", "status:own_tense")),
    ("Lavrov plans to hold talks", "talks", "noun", None, ("planned", "status:planning_cue")),
    ("talks are expected", "talks", "noun", None, ("planned", "status:planning_cue")),
    ("talks in Beijing", "talks", "noun", None, ("occurred", "status:default")),
    # a noun never gets a tense of its own, even after "will"
    ("we will see talks", "talks", "noun", None, ("occurred", "status:default")),
]


@pytest.mark.parametrize(("text", "word", "pos", "tense", "expect"), ENGLISH_LIKE)
def test_english_like_strategies_in_order(english_like, text, word, pos, tense, expect) -> None:
    assert classify(english_like, text, word, pos, tense=tense) == expect


@pytest.mark.parametrize(
    ("text", "word", "habitual"),
    [
        ("такой встречи не было", "встречи", True),  # a generic word right before
        ("such talks help", "talks", True),
        ("встреча проходит ежегодно", "встреча", True),
        ("встреча каждый раз проходит", "встреча", True),  # a phrase cue
        ("talks are held every year", "talks", True),
        ("встреча каждый проходит", "встреча", False),  # half a phrase
        ("такой , но встреча", "встреча", False),  # not right before, another clause
        ("встреча прошла ; ежегодно", "встреча", False),  # the cue is in another clause
        ("встреча прошла", "встреча", False),  # first token: nothing before
    ],
)
def test_is_habitual(russian_like, text, word, habitual) -> None:
    assert russian_like.is_habitual(trigger_at(text, word), toks(text, LEMMAS)) is habitual


@pytest.mark.parametrize(
    ("word", "lemmas", "cue"),
    [
        ("отменили", {"отменить"}, True),
        ("postponed", {"postponed"}, True),
        ("должна", {"должный"}, False),  # only starts a two-word cue
        ("called", {"called"}, False),
        ("прошла", {"пройти"}, False),
    ],
)
def test_is_cancel_cue_takes_one_word_cues_only(russian_like, word, lemmas, cue) -> None:
    [tok] = toks(word, {word: lemmas})
    assert russian_like.is_cancel_cue(tok) is cue


@pytest.mark.parametrize(
    ("text", "word", "negated"),
    [
        ("стороны не подписали", "подписали", True),
        ("не стороны договор подписали", "подписали", True),  # three tokens back: in reach
        ("не стороны и договор подписали", "подписали", False),  # four back: out of reach
        ("не надо ; стороны подписали", "подписали", False),  # another clause
        ("никаких документов не было подписано", "подписано", True),
        ("никаких новых больших документов подписано", "подписано", True),  # determiner 4 back
        ("никаких и новых больших документов подписано", "подписано", False),  # 5 back
        ("they did not sign", "sign", True),
        ("no agreements were signed", "signed", True),
        ("they signed no agreements", "signed", False),  # after the trigger
        ("стороны подписали", "подписали", False),
    ],
)
def test_is_negated(russian_like, text, word, negated) -> None:
    assert russian_like.is_negated(trigger_at(text, word, pos="verb"), toks(text, LEMMAS)) is negated


@pytest.mark.parametrize(
    ("start", "index"),
    [
        (0, 0),
        (2, 1),  # at a token
        (3, 2),  # between tokens: the next one
        (99, 2),  # after every token: the last
    ],
)
def test_index_of_is_the_first_token_at_or_after_the_trigger(start, index) -> None:
    trigger = Trigger(start, start + 1, "x", "meeting", "x", "noun", 0)
    assert _index_of(trigger, toks("a b c")) == index


@pytest.mark.parametrize(
    ("text", "idx", "clause"),
    [
        ("a b ; c d ; e", 3, (3, 5)),
        ("a b ; c d ; e", 0, (0, 2)),
        ("a b ; c d ; e", 6, (6, 7)),
        ("a b c", 1, (0, 3)),
        ("a But c", 2, (2, 3)),  # breaks are case-insensitive
    ],
)
def test_clause(text, idx, clause) -> None:
    assert _clause(toks(text), idx, clause_breaks([";", "but"])) == clause


def test_postponed_to_words_are_exposed() -> None:
    assert StatusClassifier(CUES, MarkedTense()).postponed_to == frozenset({"на", "to"})


# ---------------------------------------------------------------- cue files
@pytest.mark.parametrize(
    "bad",
    [
        {k: v for k, v in CUES.model_dump().items() if k != "planned"},  # missing
        {**CUES.model_dump(), "colour": []},  # unknown
        {**CUES.model_dump(), "cancelled": "отменить"},  # not a list
    ],
)
def test_invalid_cues_are_rejected(bad) -> None:
    with pytest.raises(pydantic.ValidationError):
        StatusCues.model_validate(bad)


def test_cue_file_errors_name_the_file(tmp_path) -> None:
    (tmp_path / "status").mkdir()
    (tmp_path / "status" / "xx.yaml").write_text("cancelled: []\n", encoding="utf-8")
    with pytest.raises(ResourceError, match=r"E010 .*xx\.yaml: invalid planned"):
        StatusCues.load("xx", tmp_path)


# ---------------------------------------------------- packaged cues, real tokens
REAL = [
    ("ru", "Встреча Лаврова и Ван И была отменена.", "Встреча", ("cancelled", "status:cancellation")),
    ("ru", "Визит министра перенесли на осень.", "Визит", ("cancelled", "status:cancellation")),
    ("ru", "Стороны подписали соглашение.", "подписали", ("occurred", "status:own_tense")),
    ("ru", "Стороны подпишут соглашение.", "подпишут", ("planned", "status:own_tense")),
    ("ru", "Переговоры планируется провести в Пекине.", "Переговоры", ("planned", "status:planning_cue")),
    ("ru", "Лавров и Ван И проведут переговоры в Пекине.", "переговоры", ("planned", "status:nearest_verb")),
    ("ru", "Лавров и Ван И провели переговоры в Пекине.", "переговоры", ("occurred", "status:nearest_verb")),
    ("ru", "Лавров рассказал о саммите, который пройдет в июле.", "саммите", ("planned", "status:nearest_verb")),
    ("ru", "Переговоры в Пекине.", "Переговоры", ("occurred", "status:default")),
    ("en", "Lavrov met Wang Yi in Beijing.", "met", ("occurred", "status:own_tense")),
    ("en", "Lavrov will meet Wang Yi in Beijing.", "meet", ("planned", "status:own_tense")),
    ("en", "The talks were postponed.", "talks", ("cancelled", "status:cancellation")),
    ("en", "Lavrov plans to hold talks in Beijing.", "talks", ("planned", "status:planning_cue")),
    ("en", "Talks in Beijing.", "Talks", ("occurred", "status:default")),
    # "at the invitation of" tells who invited, not when: no planning cue
    ("en", "Wang Yi is visiting India at the invitation of Ajit Doval.", "visiting", ("occurred", "status:default")),
    ("en", "Wang Yi accepted an invitation to visit India.", "visit", ("planned", "status:planning_cue")),
    ("ru", "Визит проходит по приглашению китайской стороны.", "Визит", ("occurred", "status:default")),
    ("ru", "Министр принял приглашение на переговоры.", "переговоры", ("planned", "status:planning_cue")),
    # an attributive planning word qualifies the noun next to it, not a trigger far away
    ("ru", "9 октября в Душанбе прошел саммит, на полях которого лидер объявил о сроках предстоящей поездки в Москву.", "саммит",
     ("occurred", "status:nearest_verb")),
    ("ru", "Визит, запланированный на май, обсуждали министры.", "Визит", ("planned", "status:planning_cue")),
    ("en", "The summit in Kazan, scheduled for October, was discussed.", "summit", ("planned", "status:planning_cue")),
    # a reporting verb set off by a comma tells when the report was made, not the event's tense
    ("ru", "Эрдоган отправится в Багдад с первым за десять лет визитом в Ирак, сообщила его администрация.", "визитом", ("planned", "status:nearest_verb")),
    ("ru", "Путин проведет переговоры с Эрдоганом в Анкаре, сообщил Песков.", "переговоры", ("planned", "status:nearest_verb")),
    # the present of a verb of travel with a coming day in its clause tells of a coming event
    ("en", "Kerry lands in Nairobi on Monday for talks with Kenyatta.", "talks", ("planned", "status:present_for_future")),
    ("en", "Kerry travels to Nairobi on Monday.", "travels", ("planned", "status:present_for_future")),
    # negative: a past verb keeps its own tense
    ("en", "Kerry, who heads the delegation, met Kenyatta on Monday.", "met", ("occurred", "status:own_tense")),
    # the headline infinitive tells of a coming event
    ("en", "Erdogan to visit Iraq", "visit", ("planned", "status:own_tense")),
    ("en", "Iran, Saudi Arabia To Sign Deal", "Sign", ("planned", "status:own_tense")),
    # negative: an infinitive of purpose after a lower-case verb is no headline
    ("en", "He came to Moscow to visit the museum", "visit", ("occurred", "status:default")),
    # negative: a reporting verb that governs the trigger speaks for it
    ("ru", "Трамп сказал журналистам в Белом доме в ходе встречи с Марком Рютте.", "встречи", ("occurred", "status:nearest_verb")),
]


@pytest.mark.parametrize(("lang", "text", "word", "expect"), REAL)
def test_packaged_cues_on_real_tokens(extractor, lang, text, word, expect) -> None:
    language = extractor.languages[lang]
    tokens = language.tokenize(text, 0, len(text))
    [trigger] = [t for t in language.triggers(text, tokens, 0) if t.text == word]
    assert language.status(trigger, tokens) == expect


@pytest.mark.parametrize(
    ("lang", "text", "word", "habitual"),
    [
        ("ru", "Такие встречи проходят ежегодно.", "встречи", True),
        ("ru", "Встреча прошла в Москве.", "Встреча", False),
        ("en", "Such meetings are held annually.", "meetings", True),
        ("en", "The meeting was held in Moscow.", "meeting", False),
        # "as usual" tells of one instance in a tradition, not of a habit
        ("ru", "По итогам планируем подписать, как обычно, план консультаций на следующий год.", "подписать", False),
        ("ru", "Такие документы обычно подписывают в конце года.", "подписывают", True),
        ("en", "As usual, the ministers will sign the plan of consultations.", "sign", False),
        ("en", "The ministers usually sign the plan of consultations.", "sign", True),
        # a generic word up to two words before, a hyphenated compound counting as one
        ("en", "They discussed mutual high-level visits and trade.", "visits", True),
        ("en", "They agreed to resume regular reciprocal visits by their leaders.", "visits", True),
        ("ru", "Стороны обсудили взаимные визиты и торговлю.", "визиты", True),
        ("en", "Mutual trust grew after the high-level visit of the minister.", "visit", False),
    ],
)
def test_packaged_habitual_cues(extractor, lang, text, word, habitual) -> None:
    language = extractor.languages[lang]
    tokens = language.tokenize(text, 0, len(text))
    [trigger] = [t for t in language.triggers(text, tokens, 0) if t.text == word]
    assert language.status.is_habitual(trigger, tokens) is habitual
