"""The ``diplo_events`` spaCy component (``diplo_extract.spacy_factory``) on blank
pipelines only (no downloaded model).

Groups: the entry point; the acceptance case (``nlp.pipe(n_process=2)`` on dev
fixtures gives ``Extractor().extract``'s events); where ``published`` comes from;
spans on the pipeline's tokens (aligned and not); serialization (pickle, bytes,
``to_disk``); bad config and bad input."""
from __future__ import annotations

import json
import pickle
from importlib.metadata import entry_points

import pytest
import spacy
from paths import DEV
from spacy.tokens import Doc

from diplo_extract import InputError
from diplo_extract.spacy_factory import SPANS_KEY, DiploEvents

RU = "Сергей Лавров и Ван И провели переговоры в Пекине вчера."
EN = "Sergei Lavrov met Wang Yi in Beijing yesterday."
# five short Russian and five short English dev fixtures (the acceptance subset)
SUBSET = sorted(DEV.glob("fx-ru-0*.json"))[:5] + sorted(DEV.glob("fx-en-0*.json"))[:5]


def _gold(lang: str) -> list[dict]:
    docs = [json.loads(p.read_text(encoding="utf-8")) for p in SUBSET]
    return [d for d in docs if d["lang"] == lang]


def _doc(nlp, text: str, published: str | None = None) -> Doc:  # noqa: ANN001
    doc = nlp.make_doc(text)
    if published is not None:
        doc.user_data["published"] = published
    return doc


@pytest.fixture(scope="module", params=["ru", "en"])
def nlp(request):  # noqa: ANN201
    pipeline = spacy.blank(request.param)
    pipeline.add_pipe("diplo_events")
    return pipeline


# ------------------------------------------------------------------ entry point


def test_the_factory_is_registered_through_the_spacy_factories_entry_point() -> None:
    found = {ep.name: ep.value for ep in entry_points(group="spacy_factories")}
    assert found.get("diplo_events") == "diplo_extract.spacy_factory:make_diplo_events"


# ------------------------------------------------------------------ acceptance


def test_pipe_in_two_processes_gives_the_extractors_events(nlp, extractor) -> None:
    gold = _gold(nlp.lang)
    assert len(gold) == 5
    docs = list(nlp.pipe((_doc(nlp, g["text"], g["published"]) for g in gold), n_process=2, batch_size=2))
    expected = [extractor.extract(g["text"], g["published"]).events for g in gold]
    assert [d._.events for d in docs] == expected
    assert sum(len(e) for e in expected) > 10, "the subset has events to compare"
    for doc, events in zip(docs, expected, strict=True):
        assert doc._.diplo.text == doc.text
        assert len(doc.spans[SPANS_KEY]) == sum(len(e.mentions) for e in events) + sum(
            len(p.spans) for e in events for p in (*e.persons, *e.parties)) + sum(
            len(a.spans) for e in events for a in (e.date, e.location, e.document) if a is not None)


# ------------------------------------------------------------------ published


@pytest.mark.parametrize("config, user_data, text, date", [
    ("2024-04-10", None, RU, "2024-04-09"),           # from the config
    (None, "2024-04-10", RU, "2024-04-09"),           # from the doc
    ("2020-01-01", "2024-04-10", EN, "2024-04-09"),   # the doc's own wins over the config
    (None, None, EN, None),                           # none: "yesterday" stays unresolved
])
def test_published_comes_from_the_config_or_the_doc(config, user_data, text, date) -> None:
    nlp = spacy.blank("ru" if text is RU else "en")
    nlp.add_pipe("diplo_events", config={"published": config})
    (event,) = nlp(_doc(nlp, text, user_data))._.events
    assert (event.date and event.date.value) == date


# ------------------------------------------------------------------ spans


def test_spans_are_labelled_by_type_and_role_with_event_id_and_value() -> None:
    nlp = spacy.blank("en")
    nlp.add_pipe("diplo_events", config={"published": "2024-04-10"})
    doc = nlp(EN)  # kept: a SpanGroup needs its Doc alive
    groups = doc._.event_spans
    assert list(groups) == ["trigger", "date", "location", "persons", "parties", "document"]
    got = {role: [(s.text, s.label_, s.id_, s.kb_id_) for s in group] for role, group in groups.items()}
    assert got["trigger"] == [("met", "meeting:trigger", "e1", "")]
    assert got["date"] == [("yesterday", "meeting:date", "e1", "2024-04-09")]
    assert got["location"] == [("Beijing", "meeting:location", "e1", "Beijing")]
    assert [(t, label) for t, label, _, _ in got["persons"]] == [("Sergei Lavrov", "meeting:persons"), ("Wang Yi", "meeting:persons")]
    assert got["document"] == []


@pytest.mark.parametrize("words, spaces, person", [
    # tokens of the pipeline that cut "Sergei Lavrov": the span widens to whole tokens
    (["Sergei Lav", "rov met", "Wang", "Yi", "in", "Beijing", "."], [False, True, True, True, True, False, False], "Sergei Lavrov met"),
    # tokens on the span's boundaries: the span is exact
    (["Sergei", "Lavrov", "met", "Wang", "Yi", "in", "Beijing", "."], [True, True, True, True, True, True, False, False], "Sergei Lavrov"),
])
def test_a_span_that_cuts_a_token_expands_to_it_and_keeps_exact_offsets_in_the_events(words, spaces, person) -> None:
    nlp = spacy.blank("en")
    nlp.add_pipe("diplo_events")
    doc = nlp(Doc(nlp.vocab, words=words, spaces=spaces))
    assert doc.text == "Sergei Lavrov met Wang Yi in Beijing."
    assert doc._.event_spans["persons"][0].text == person
    (event,) = doc._.events
    assert [(s.start, s.end, s.text) for s in event.persons[0].spans] == [(0, 13, "Sergei Lavrov")]


@pytest.mark.parametrize("text", ["", "   ", "Погода в Москве солнечная.", "The weather in Minsk is fine."])
def test_a_text_without_events_gives_empty_events_and_groups(text) -> None:
    nlp = spacy.blank("ru")
    nlp.add_pipe("diplo_events")
    doc = nlp(text)
    assert doc._.events == []
    assert all(len(group) == 0 for group in doc._.event_spans.values())
    assert doc._.diplo.text == text


def test_before_the_component_runs_the_extensions_are_empty() -> None:
    doc = spacy.blank("en")(EN)
    assert (doc._.diplo, doc._.events, doc._.diplo_json) == (None, [], None)
    assert all(len(group) == 0 for group in doc._.event_spans.values())


# ------------------------------------------------------------------ serialization


@pytest.mark.parametrize("round_trip", [
    lambda doc: pickle.loads(pickle.dumps(doc)),
    lambda doc: Doc(doc.vocab).from_bytes(doc.to_bytes()),
], ids=["pickle", "bytes"])
def test_the_events_survive_serialization_of_the_doc(round_trip) -> None:
    nlp = spacy.blank("ru")
    nlp.add_pipe("diplo_events", config={"published": "2024-04-10"})
    doc = nlp(RU)
    again = round_trip(doc)
    assert again._.events == doc._.events and len(doc._.events) == 1
    assert [(s.text, s.label_, s.id_) for s in again.spans[SPANS_KEY]] == [(s.text, s.label_, s.id_) for s in doc.spans[SPANS_KEY]]


def test_the_component_pickles_as_its_config() -> None:
    component = DiploEvents("events", published="2024-04-10", actor_files=[])
    again = pickle.loads(pickle.dumps(component))
    assert (again.name, again.published, again.actor_files) == ("events", "2024-04-10", ())
    nlp = spacy.blank("ru")
    assert again(nlp.make_doc(RU))._.events == component(nlp.make_doc(RU))._.events


def test_to_disk_and_from_disk_round_trip_the_config(tmp_path) -> None:
    nlp = spacy.blank("en")
    nlp.add_pipe("diplo_events", config={"published": "2024-04-10", "actor_files": []})
    nlp.to_disk(tmp_path / "pipeline")
    loaded = spacy.load(tmp_path / "pipeline")
    assert loaded.pipe_names == ["diplo_events"]
    assert loaded.get_pipe_config("diplo_events") == {"factory": "diplo_events", "published": "2024-04-10", "actor_files": []}
    assert loaded(EN)._.events == nlp(EN)._.events


# ------------------------------------------------------------------ bad config, bad input


@pytest.mark.parametrize("config, code", [
    ({"published": "2020-13-40"}, "E021"),
    ({"published": "1800-01-01"}, "E021"),
    ({"actor_files": "my_actors.yaml"}, "E061"),   # a string, not a list
    ({"actor_files": [1, 2]}, "E061"),
])
def test_bad_config_is_a_coded_error(config, code) -> None:
    with pytest.raises(InputError, match=rf"^{code} "):
        spacy.blank("en").add_pipe("diplo_events", config=config)


@pytest.mark.parametrize("published", ["not a date", "3000-01-01", 20240410])
def test_a_bad_published_on_the_doc_is_a_coded_error(published) -> None:
    nlp = spacy.blank("en")
    nlp.add_pipe("diplo_events")
    with pytest.raises(InputError, match=r"^E021 "):
        nlp(_doc(nlp, EN, published))


# ------------------------------------------------------------- the pipeline's entities
@pytest.mark.parametrize(
    ("patterns", "persons"),
    [
        # a pipeline with NER: its PERSON spans are the persons the KB does not know
        ([{"label": "PERSON", "pattern": "Zorbak Quill"}], ["Zorbak Quill", "Sergei Lavrov"]),
        # no entities (spacy.blank): the extractor's own NER; an unknown untitled name is no person
        ([], ["Sergei Lavrov"]),
        # labels other than persons and places are ignored
        ([{"label": "ORG", "pattern": "Zorbak Quill"}], ["Sergei Lavrov"]),
    ],
)
def test_the_pipelines_entities_are_used_where_it_has_any(patterns, persons) -> None:
    import spacy

    nlp = spacy.blank("en")
    if patterns:
        nlp.add_pipe("entity_ruler").add_patterns(patterns)
    nlp.add_pipe("diplo_events", config={"published": "2024-05-06"})
    doc = nlp("Zorbak Quill met Sergei Lavrov in Moscow on Monday.")
    assert [p.name for ev in doc._.events for p in ev.persons] == persons


@pytest.mark.parametrize("entities", [[(5, 2, "PERSON")], [(0, 999, "PERSON")], [("a", 3, "PERSON")], [(0, 3)], [(0, 3, 7)]])
def test_bad_entities_are_e029(extractor, entities) -> None:
    from diplo_extract.errors import InputError

    with pytest.raises(InputError, match="E029"):
        extractor.extract("Zorbak Quill met Sergei Lavrov.", None, entities=entities)


def test_entities_are_ignored_for_a_text_that_normalization_changes(extractor) -> None:
    text = "Zorbak Quill met Ser\u00adgei Lavrov in Moscow on Monday."
    result = extractor.extract(text, "2024-05-06", entities=[(0, 12, "PERSON")])
    assert [p.name for ev in result.events for p in ev.persons] == ["Sergei Lavrov"]
