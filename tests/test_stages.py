"""The pipeline as a declared list of stages: one interface, declared inputs and
outputs that chain, and each stage switchable off by name."""
import dataclasses

import pytest

from diplo_extract import Extractor
from diplo_extract.doc import Doc, Sentence
from diplo_extract.errors import InputError
from diplo_extract.segmentation import Segmenter
from diplo_extract.stages import INPUTS, Stage

DOC_FIELDS = {f"doc.{f.name}" for f in dataclasses.fields(Doc)}
SENTENCE_FIELDS = {f"sentence.{f.name}" for f in dataclasses.fields(Sentence)}
TEXT = "Сергей Лавров и Ван И провели переговоры в Пекине 9 апреля 2024 года."


def test_every_stage_follows_the_protocol(extractor) -> None:
    stages = extractor.build_stages()
    assert [s.name for s in stages] == list(extractor.stage_names)
    for stage in stages:
        assert isinstance(stage, Stage), stage
        assert set(stage.requires) | set(stage.produces) <= DOC_FIELDS | SENTENCE_FIELDS, stage.name


def test_no_stage_reads_a_field_that_no_earlier_stage_writes(extractor) -> None:
    written = set(INPUTS) | {"sentence.start", "sentence.end"}
    for stage in extractor.build_stages():
        missing = set(stage.requires) - written
        assert not missing, f"{stage.name} reads {sorted(missing)} before any stage writes it"
        written |= set(stage.produces)


def test_every_written_field_is_declared_on_doc_or_sentence(extractor) -> None:
    produced = {f for s in extractor.build_stages() for f in s.produces}
    assert produced <= DOC_FIELDS | SENTENCE_FIELDS
    assert not hasattr(Doc(text=""), "meta"), "no untyped side channel"


@pytest.mark.parametrize("name", Extractor.stage_names)
def test_each_stage_can_be_switched_off(name: str) -> None:
    ex = Extractor(disable=[name])
    assert name not in [s.name for s in ex.stages]
    result = ex.extract(TEXT, "2024-04-10")
    for event in result.events:  # whatever is left still points into the text
        for span in event.mentions:
            assert TEXT[span.start : span.end] == span.text


@pytest.mark.parametrize(
    ("disable", "expect"),
    [
        ((), {"meeting"}),
        (("gate",), set()),  # nothing passes the gate: no triggers, no events
        (("triggers",), set()),
        (("segment",), set()),  # no sentences at all
    ],
)
def test_ablation_changes_what_is_found(disable: tuple, expect: set) -> None:
    result = Extractor(disable=disable).extract(TEXT, "2024-04-10")
    assert {e.type for e in result.events} == expect


def test_switching_off_the_dateline_loses_the_dateline_date() -> None:
    text = "МИНСК, 26 ноября /БЕЛТА/. Министры иностранных дел Беларуси и России Владимир Макей и Сергей Лавров провели переговоры."
    on = Extractor().extract(text, "2020-11-27")
    off = Extractor(disable=["dateline"]).extract(text, "2020-11-27")
    assert [e.date.value for e in on.events if e.date] == ["2020-11-26"]
    assert all(e.date is None for e in off.events)


def test_unknown_stage_name_is_a_coded_error() -> None:
    with pytest.raises(InputError, match="E024.*carry.vists"):
        Extractor(disable=["carry.vists"])


# ------------------------------------------------- each stage on hand-built documents
from types import SimpleNamespace  # noqa: E402

from builders import doc_of, toks  # noqa: E402
from diplo_extract.actors.annotator import ActorAnnotator  # noqa: E402
from diplo_extract.dates import Dateline, Span  # noqa: E402
from diplo_extract.doc import Mention  # noqa: E402
from diplo_extract.stages import DatelineReader, FrameReader, NERTagger, TriggerFinder, TriggerGate  # noqa: E402
from diplo_extract.triggers import TriggerLexicon, TriggerTagger  # noqa: E402

TAGGER = TriggerTagger(TriggerLexicon(gate=["встреч", "talk"], triggers=[{"lemma": "встреча", "type": "meeting"}, {"forms": ["talks"], "type": "meeting", "pos": "noun"}]))


class FakeDates:
    """``find_dateline`` answers a fixed dateline (place span or None) and records its calls."""

    def __init__(self, place: tuple[int, int] | None, found: bool = True) -> None:
        self.place, self.found, self.calls = place, found, []

    def find_dateline(self, text: str, lang: str) -> Dateline | None:
        self.calls.append(lang)
        if not self.found:
            return None
        place = None if self.place is None else Span(*self.place, text[slice(*self.place)])
        return Dateline(None, place, 0, 10, text[:10])


def _with_dates(extractor, lang: str, dates: FakeDates) -> dict:
    real = extractor.languages[lang]
    return {lang: SimpleNamespace(dates=dates, gazetteer=real.gazetteer, tokenize=real.tokenize)}


@pytest.mark.parametrize(
    ("lang", "text", "place", "expect"),
    [
        # a place the knowledge base knows is linked
        ("ru", "МОСКВА, 25 ноября. /ТАСС/. Текст.", (0, 6), ("МОСКВА", "PLACE", "place:RUS:Moscow", "Москва", "gazetteer")),
        ("en", "NEW YORK, April 9 (Reuters) - Text.", (0, 8), ("NEW YORK", "PLACE", "place:USA:New York", "New York", "gazetteer")),
        # an unknown place is a LOC; capitals are title-cased for its name, other spellings kept
        ("ru", "ЗАМКОВО, 25 ноября. /ТАСС/. Текст.", (0, 7), ("ЗАМКОВО", "LOC", None, "Замково", "dateline")),
        ("en", "Zamkovo, April 9 (Reuters) - Text.", (0, 7), ("Zamkovo", "LOC", None, "Zamkovo", "dateline")),
        # a state name is not a place: it stays unlinked
        ("ru", "РОССИЯ, 25 ноября. Текст.", (0, 6), ("РОССИЯ", "LOC", None, "Россия", "dateline")),
    ],
)
def test_dateline_reader_links_the_dateline_place(extractor, lang, text, place, expect) -> None:
    dates = FakeDates(place)
    doc = DatelineReader(_with_dates(extractor, lang, dates))(Doc(text=text, lang=lang))
    m = doc.dateline_place
    assert (m.text, m.label, m.key, m.name, m.rule.split(":")[0]) == expect
    assert (m.start, m.end) == place and doc.dateline.place.text == m.text
    assert dates.calls == [lang]


@pytest.mark.parametrize(("place", "found"), [(None, True), (None, False)])
def test_dateline_without_a_place_links_nothing(extractor, place, found) -> None:
    dates = FakeDates(place, found)
    doc = DatelineReader(_with_dates(extractor, "ru", dates))(Doc(text="26 ноября /БЕЛТА/. Текст.", lang="ru"))
    assert (doc.dateline is not None) is found
    assert doc.dateline_place is None


@pytest.mark.parametrize("lang", ["und", "de", "uk"])
def test_dateline_reader_skips_unsupported_languages(extractor, lang) -> None:
    dates = FakeDates((0, 6))
    doc = DatelineReader(_with_dates(extractor, "ru", dates))(Doc(text="МОСКВА, 25 ноября. Текст.", lang=lang))
    assert (doc.dateline, doc.dateline_place, dates.calls) == (None, None, [])


def test_dateline_reader_with_the_real_dates_extractor(extractor) -> None:
    text = "МОСКВА, 25 ноября. /ТАСС/. Сергей Лавров провел переговоры."
    doc = DatelineReader(extractor.languages)(Doc(text=text, lang="ru"))
    assert (doc.dateline.date.month, doc.dateline.date.day) == (11, 25)
    assert doc.dateline_place.key == "place:RUS:Moscow"


@pytest.mark.parametrize(
    ("sentences", "fields", "gated"),
    [
        (["Встреча прошла.", "Погода хорошая."], {"lang": "ru"}, [True, False]),
        (["Встреча прошла.", "Talks began."], {"lang": "ru"}, [True, True]),  # the gate is a stem search, case-insensitive
        (["Встреча прошла."], {"lang": "ru", "noise": True}, [False]),  # noise is never gated
        (["Встреча прошла."], {"lang": "uk"}, [False]),  # no such language
        (["Встреча прошла."], {"lang": "und"}, [False]),
    ],
)
def test_trigger_gate(sentences, fields, gated) -> None:
    doc = TriggerGate({"ru": SimpleNamespace(triggers=TAGGER)})(doc_of(*sentences, **fields))
    assert [s.gated for s in doc.sentences] == gated


class FakeNER:
    """An NER object with ``batch(text, spans, tokens)``: one PER mention over each span's first word."""

    def __init__(self, log: list, code: str) -> None:
        self.log, self.code = log, code

    def batch(self, text: str, spans: list[tuple[int, int]], tokens: list | None = None) -> list[list[Mention]]:
        self.log.append((self.code, list(spans)))
        out = []
        for s, e in spans:
            end = text.find(" ", s, e)
            end = e if end < 0 else end
            out.append([Mention(s, end, text[s:end], "PER", rule=f"ner:{self.code}")])
        return out


def with_trigger(sent) -> None:  # noqa: ANN001
    """Give ``sent`` one (dummy) trigger: the NER stage reads the sentences that have one."""
    sent.gated, sent.triggers = True, [SimpleNamespace(start=sent.start, end=sent.end)]


def test_ner_tagger_makes_one_batched_call_per_language_over_sentences_with_triggers() -> None:
    log: list = []
    langs = {code: SimpleNamespace(ner=FakeNER(log, code)) for code in ("ru", "en")}
    doc = doc_of("Лавров прибыл.", "Lavrov arrived.", "Шойгу тоже.", "Пропуск тут.", "Wang left.")
    for s, (lang, triggered) in zip(doc.sentences, [("ru", True), ("en", True), ("ru", True), ("ru", False), ("en", True)]):
        s.lang = lang
        if triggered:
            with_trigger(s)
    NERTagger(langs)(doc)
    spans = [(s.start, s.end) for s in doc.sentences]
    assert log == [("en", [spans[1], spans[4]]), ("ru", [spans[0], spans[2]])]  # sorted by language code
    assert [[m.text for m in s.ner] if s.ner is not None else None for s in doc.sentences] == [
        ["Лавров"], ["Lavrov"], ["Шойгу"], None, ["Wang"]]
    assert doc.sentences[1].ner[0].rule == "ner:en"


def test_ner_tagger_without_triggers_calls_nothing() -> None:
    log: list = []
    doc = doc_of("Лавров прибыл.", lang="ru")
    NERTagger({"ru": SimpleNamespace(ner=FakeNER(log, "ru"))})(doc)
    assert log == [] and doc.sentences[0].ner is None


def test_ner_tagger_with_the_real_models(extractor) -> None:
    doc = doc_of("Сергей Лавров провел переговоры в Пекине.", "Sergei Lavrov held talks in Beijing.")
    for s, lang in zip(doc.sentences, ("ru", "en")):
        s.lang = lang
        with_trigger(s)
    NERTagger(extractor.languages)(doc)
    assert [(m.text, m.label) for m in doc.sentences[0].ner] == [("Сергей Лавров", "PER"), ("Пекине", "LOC")]
    assert ("Sergei Lavrov", "PER") in [(m.text, m.label) for m in doc.sentences[1].ner]


def test_natasha_ner_on_given_tokens_in_length_batches_equals_natasha_per_sentence(extractor) -> None:
    """Batches of similar length over the tokens already made: the same spans as
    natasha's own tagger run on each sentence alone."""
    import json
    from pathlib import Path

    russian = extractor.languages["ru"]
    paths = sorted((Path(__file__).parent / "fixtures" / "dev").glob("*.json"))
    text = "\n".join(t for t in (json.loads(p.read_text(encoding="utf-8"))["text"] for p in paths) if sum("а" <= c <= "я" for c in t.lower()) > len(t) // 3)
    doc = Segmenter()(Doc(text=text))
    spans = [(s.start, s.end) for s in doc.sentences][:120]
    tokens = [russian.tokenize(text, s, e) for s, e in spans]
    found = russian.ner.batch(text, spans, tokens)
    alone = [russian.ner.batch(text, [span])[0] for span in spans]
    assert found == alone
    tagger = russian.ner._tagger
    natasha = [[(s + x.start, s + x.stop, x.type) for x in tagger(text[s:e]).spans if x.type in ("PER", "LOC")] for s, e in spans]
    assert [[(m.start, m.end, m.label) for m in ms] for ms in found] == natasha
    assert sum(map(len, found)) > 50


class CountingTokenizer:
    def __init__(self) -> None:
        self.calls = 0

    def __call__(self, text: str, start: int, end: int):
        self.calls += 1
        return toks(text[:end], start=start)


def test_trigger_finder_tags_gated_sentences_with_their_index() -> None:
    tokenize = CountingTokenizer()
    doc = doc_of("Погода хорошая.", "Встреча и встреча", "встреча не прошла", lang="ru")
    doc.sentences[1].gated = True
    doc.sentences[2].gated = False
    TriggerFinder({"ru": SimpleNamespace(triggers=TAGGER, tokenize=tokenize)})(doc)
    assert [[(t.text, t.sentence) for t in s.triggers] for s in doc.sentences] == [[], [("Встреча", 1), ("встреча", 1)], []]
    assert [s.tokens is not None for s in doc.sentences] == [False, True, False]
    assert all(doc.text[t.start : t.end] == t.text for t in doc.sentences[1].tokens)
    assert tokenize.calls == 1


def test_trigger_finder_reuses_tokens_already_made() -> None:
    tokenize = CountingTokenizer()
    doc = doc_of("встреча", lang="ru", gated=True)
    doc.sentences[0].tokens = toks("встреча")
    TriggerFinder({"ru": SimpleNamespace(triggers=TAGGER, tokenize=tokenize)})(doc)
    assert tokenize.calls == 0 and [t.text for t in doc.sentences[0].triggers] == ["встреча"]


def _read_frames(extractor, lang: str, *sentences: str) -> Doc:
    doc = doc_of(*sentences, lang=lang, gated=True)
    TriggerFinder(extractor.languages)(doc)
    ActorAnnotator(extractor.languages, extractor.kb)(doc)
    return FrameReader(extractor.languages)(doc)


@pytest.mark.parametrize(
    ("lang", "sentences", "triggers", "dates"),
    [
        # "накануне саммита" is the eve of the summit, not a date
        ("ru", ["Накануне саммита Лавров и Ван И подписали соглашение о торговле 9 апреля.", "Погода хорошая."],
         [("саммита", 0), ("подписали", 0)], [["9 апреля"], []]),
        ("en", ["Lavrov met Wang Yi in Beijing on April 9.", "The talks were postponed."],
         [("met", 0), ("talks", 1)], [["April 9"], []]),
    ],
)
def test_frame_reader_gives_one_frame_per_trigger_and_the_sentence_dates(extractor, lang, sentences, triggers, dates) -> None:
    doc = _read_frames(extractor, lang, *sentences)
    assert [(f.trigger.text, f.trigger.sentence) for f in doc.frames] == triggers
    assert [[d.text for d in s.dates] for s in doc.sentences] == dates


def test_frame_reader_gives_a_signing_its_document(extractor) -> None:
    doc = _read_frames(extractor, "ru", "Лавров и Ван И подписали соглашение о торговле.")
    [frame] = doc.frames
    assert (frame.type, frame.document.kind, frame.document.text) == ("signing", "agreement", "соглашение о торговле")


def test_frame_reader_does_not_take_a_document_head_inside_an_organization_name(extractor) -> None:
    doc = _read_frames(extractor, "ru", "Члены Организации Договора о коллективной безопасности подписали соглашение о торговле.")
    assert [f.document.text for f in doc.frames if f.document] == ["соглашение о торговле"]


def test_frame_reader_skips_sentences_without_triggers(extractor) -> None:
    doc = doc_of("Погода хорошая.", lang="ru")
    doc.sentences[0].tokens = None
    FrameReader(extractor.languages)(doc)
    assert doc.frames == [] and doc.sentences[0].tokens is None and doc.sentences[0].dates == []
