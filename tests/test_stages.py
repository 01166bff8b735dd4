"""The pipeline as a declared list of stages: one interface, declared inputs and
outputs that chain, and each stage switchable off by name."""
import dataclasses

import pytest

from diplo_extract import Extractor
from diplo_extract.doc import Doc, Sentence
from diplo_extract.errors import InputError
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
