"""Role phrases that refer to people: coordinated states ("российского и
турецкого лидеров"), and a role whose holder the text names elsewhere (a person of
the event, not only a role holder)."""
import pytest


def _event(extractor, text: str, published: str, type_: str):  # noqa: ANN001, ANN202
    result = extractor.extract(text, published)
    return next(e for e in result.events if e.type == type_)


@pytest.mark.parametrize("text,published,holders", [
    ("На полях саммита запланирована встреча российского и турецкого лидеров.", "2024-06-20",
     {"Владимир Путин", "Реджеп Тайип Эрдоган"}),
    ("На полях саммита запланирована встреча российского лидера с коллегами.", "2024-06-20", {"Владимир Путин"}),
    ("На полях саммита запланирована встреча российского, казахстанского и турецкого лидеров.", "2024-06-20",
     {"Владимир Путин", "Касым-Жомарт Токаев", "Реджеп Тайип Эрдоган"}),
])
def test_coordinated_states_give_each_its_holder(extractor, text, published, holders) -> None:
    ev = _event(extractor, text, published, "meeting")
    assert {p.name for p in ev.role_holders} == holders
    assert ev.persons == []


@pytest.mark.parametrize("text,published,type_,persons,role_holders", [
    # the role refers to the person the text names: a person of the event
    ("Kassym-Jomart Tokayev spoke with Recep Tayyip Erdogan. Erdogan invited the Kazakh President to pay an official visit "
     "to Türkiye next year.", "2024-10-08", "visit", {"Kassym-Jomart Tokayev"}, set()),
    ("Касым-Жомарт Токаев провел переговоры в Минске. Президент Казахстана посетит Китай в мае.", "2024-04-01", "visit",
     {"Касым-Жомарт Токаев"}, set()),
    # nobody named: the holder stays a role holder
    ("Президент Казахстана посетит Китай в мае.", "2024-04-01", "visit", set(), {"Касым-Жомарт Токаев"}),
])
def test_a_role_whose_holder_is_named_is_that_person(extractor, text, published, type_, persons, role_holders) -> None:
    ev = _event(extractor, text, published, type_)
    assert {p.name for p in ev.persons} >= persons
    assert {p.name for p in ev.role_holders} == role_holders
    for p in ev.persons:
        assert all(text[s.start:s.end] == s.text for s in p.spans)
