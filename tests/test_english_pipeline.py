"""English named entities: the embedded rule-based pipeline (knowledge-base persons
and titled names) and the opt-in statistical pipeline (``en_pipeline=``)."""
from __future__ import annotations

from pathlib import Path

import pytest

from diplo_extract import Extractor, ResourceError

JOHN_DOE = "John Doe met Foreign Minister Sergei Lavrov in Moscow on Tuesday."


@pytest.fixture(scope="module")
def tiny_pipeline(tmp_path_factory) -> Path:  # noqa: ANN001
    """A tiny spaCy English pipeline on disk: an entity ruler that knows one PERSON."""
    import spacy

    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("entity_ruler")
    ruler.add_patterns([{"label": "PERSON", "pattern": "John Doe"}])
    path = tmp_path_factory.mktemp("pipelines") / "tiny_en"
    nlp.to_disk(path)
    return path


def _meetings(result) -> list:  # noqa: ANN001
    return [e for e in result.events if e.type == "meeting"]


def _persons(event) -> set[str]:  # noqa: ANN001
    return {p.name for p in event.persons}


# ----------------------------------------------------------------- opt-in pipeline


def test_opt_in_pipeline_adds_its_persons(tiny_pipeline: Path) -> None:
    ex = Extractor(en_pipeline=str(tiny_pipeline))
    result = ex.extract(JOHN_DOE, "2024-04-09")
    assert result.lang == "en"
    (meeting,) = _meetings(result)
    assert {"John Doe", "Sergei Lavrov"} <= _persons(meeting)
    (doe,) = [p for p in meeting.persons if p.name == "John Doe"]
    assert [(s.start, s.end, s.text) for s in doe.spans] == [(0, 8, "John Doe")]
    assert meeting.location is not None and meeting.location.name == "Moscow"
    assert ex.languages["en"].ner.nlp.pipe_names[0] == "entity_ruler", "the user's pipeline is the base"


def test_embedded_pipeline_does_not_know_a_name_without_a_known_first_name(extractor) -> None:
    """Control for the test above: without the opt-in pipeline, a name whose first
    word is no known first name is no one."""
    (meeting,) = _meetings(extractor.extract(JOHN_DOE.replace("John Doe", "Zorvath Doe"), "2024-04-09"))
    assert "Zorvath Doe" not in _persons(meeting)


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Mike Waltz held talks with Sergei Lavrov in Moscow on Monday.", "Mike Waltz"),  # no title, not in the KB
        ("John Doe met Sergei Lavrov in Moscow on Monday.", "John Doe"),
        ("Sergei Lavrov met officials at the Second Thomas Shoal on Monday.", None),  # a place, not a person
        ("Sergei Lavrov spoke at George Washington University on Monday after talks in Washington.", None),
    ],
)
def test_first_names_find_persons_outside_the_kb(extractor, text: str, found: str | None) -> None:
    persons = {p.name for e in extractor.extract(text, "2024-04-09").events for p in e.persons}
    if found:
        assert found in persons
    assert not persons - {"Sergei Lavrov", found}


def test_missing_pipeline_raises_e040_on_first_english_text() -> None:
    ex = Extractor(en_pipeline="no_such_pipeline_xyz")  # loads lazily: no error yet
    with pytest.raises(ResourceError, match=r"^E040 .*no_such_pipeline_xyz") as info:
        ex.extract(JOHN_DOE)
    assert isinstance(info.value.__cause__, OSError)


def test_missing_pipeline_does_not_affect_russian() -> None:
    ex = Extractor(en_pipeline="no_such_pipeline_xyz")
    result = ex.extract("26 ноября в Минске Сергей Лавров и Владимир Макей подписали план консультаций на 2021 год.", "2020-11-26")
    assert result.lang == "ru" and result.events


def test_folder_that_is_not_a_pipeline_raises_e040(tmp_path: Path) -> None:
    ex = Extractor(en_pipeline=str(tmp_path))
    with pytest.raises(ResourceError, match="E040"):
        ex.extract(JOHN_DOE)


# ----------------------------------------------------------------- embedded pipeline

TITLED = (
    "Foreign Minister Sergei Lavrov met his Hungarian counterpart Péter Szijjártó in Moscow on Tuesday. "
    "President Xi Jinping held talks with President Vladimir Putin in Beijing on Wednesday."
)


def test_embedded_pipeline_finds_titled_names(extractor) -> None:
    result = extractor.extract(TITLED, "2024-04-09")
    assert result.lang == "en"
    meetings = _meetings(result)
    persons = set().union(*(_persons(m) for m in meetings))
    assert {"Sergei Lavrov", "Péter Szijjártó", "Xi Jinping", "Vladimir Putin"} <= persons
    lavrov_meeting = next(m for m in meetings if "Sergei Lavrov" in _persons(m))
    assert "Péter Szijjártó" in _persons(lavrov_meeting)
    hun = [p for p in lavrov_meeting.parties if p.code == "HUN"]
    assert hun, "'his Hungarian counterpart' gives the party HUN"
    assert [s.text for s in hun[0].spans] == ["Hungarian"]
    spans = [s.text for m in meetings for p in m.persons for s in p.spans]
    assert not any(s.startswith(("Foreign", "President", "his", "counterpart")) for s in spans), "titles stay out of name spans"


def test_titled_names_outside_the_knowledge_base(extractor) -> None:
    """Names the knowledge base does not know are found after an office title."""
    text = "Foreign Minister Jonas Kvernland met his Hungarian counterpart Imre Vastagh in Budapest on Tuesday."
    (meeting,) = _meetings(extractor.extract(text, "2024-04-09"))
    assert _persons(meeting) == {"Jonas Kvernland", "Imre Vastagh"}
    assert [s.text for p in meeting.persons for s in p.spans] == ["Jonas Kvernland", "Imre Vastagh"]
    assert "HUN" in {p.code for p in meeting.parties}
    assert all(p.kb is None for p in meeting.persons)


@pytest.mark.parametrize("text,name", [
    ("Erdogan held talks in Baghdad with Iraqi Prime Minister Mohammed Shia al-Sudani on Monday.", "Mohammed Shia al-Sudani"),
    ("Fidan also hosted Bahraini Foreign Minister Abdullatif bin Rashid Al Zayani at the Turkish House.", "Abdullatif bin Rashid Al Zayani"),
    # an honorific between the office and the name is neither ("President Dr Julius Maada Bio")
    ("His Excellency President Dr Julius Maada Bio met Nguyen Xuan Phuc in Hanoi on Tuesday.", "Julius Maada Bio"),
    # negatives: a particle with nothing capitalized after it, or none at all
    ("Lavrov met Mark Rutte de facto in private.", "Mark Rutte"),
    ("Lavrov met Mark Rutte in The Hague.", "Mark Rutte"),
])
def test_a_name_is_not_cut_at_its_particle(extractor, text: str, name: str) -> None:
    result = extractor.extract(text, "2024-04-26")
    assert name in [p.name for e in result.events for p in e.persons]


@pytest.mark.parametrize(("text", "names"), [
    # a lone capitalised word joined by "and" to a known person is a person
    ("Putin and Kovalenkov held talks in Moscow on Monday.", ["Putin", "Kovalenkov"]),
    ("Kovalenkov and Putin held talks in Moscow on Monday.", ["Kovalenkov", "Putin"]),
    # negatives: a month, a pronoun-like word, an organization, an acronym
    ("Putin and May held talks in Moscow on Monday.", ["Putin"]),
    ("Putin and NATO held talks in Moscow on Monday.", ["Putin"]),
])
def test_a_lone_name_coordinated_with_a_person(extractor, text: str, names: list[str]) -> None:
    [event] = extractor.extract(text, "2024-04-26").events
    assert [p.name for p in event.persons] == names
