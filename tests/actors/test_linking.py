"""Linking persons and actors to the knowledge base: one table per path, both
languages, with negative cases (namesakes, topic adjectives)."""
import time
import tracemalloc

import pytest

from diplo_extract import Extractor, ResourceError
from diplo_extract.actors.kb import ActorKB

# (text, published, surface form of the person, expected KB key or None)
PERSON_CASES = [
    # inflected Russian forms
    ("Переговоры с Сергеем Лавровым прошли в Минске 5 мая.", "2024-05-06", "Сергеем Лавровым", "person:sergei_lavrov"),
    ("Встреча Александра Лукашенко и Владимира Путина прошла в Сочи 5 мая.", "2024-05-06", "Александра Лукашенко", "person:alexander_lukashenko"),
    # surname alone
    ("Лавров провел переговоры с коллегой в Женеве 5 мая.", "2024-05-06", "Лавров", "person:sergei_lavrov"),
    ("Lavrov held talks in Geneva on Monday.", "2024-05-06", "Lavrov", "person:sergei_lavrov"),
    # first name and patronymic
    ("Сергей Викторович провел переговоры с коллегой в Москве 5 мая.", "2024-05-06", "Сергей Викторович", "person:sergei_lavrov"),
    # Latin spelling variants
    ("Sergey Lavrov met Wang Yi in Beijing on Monday.", "2024-05-06", "Sergey Lavrov", "person:sergei_lavrov"),
    ("Sergei Lavrov met Wang Yi in Beijing on Monday.", "2024-05-06", "Wang Yi", "person:wang_yi"),
    # speech-recognition misspelling (fuzzy)
    ("Сергей Лавров встретился с Максимом Рыжинковым в Минске 5 мая.", "2025-05-06", "Максимом Рыжинковым", "person:maxim_ryzhenkov"),
    ("Foreign Minister Sergei Lavrow met Wang Yi in Beijing on Monday.", "2024-05-06", "Sergei Lavrow", "person:sergei_lavrov"),
    # negatives: a namesake is not the minister
    ("Житель Самары Иван Лавров встретился с журналистами в Москве 5 мая.", "2024-05-06", "Иван Лавров", None),
    # a longer name around a known surname is someone else ("Ahmed" is not Abiy Ahmed here)
    ("Kerry will meet UN special envoy to Yemen Ismail Ould Cheikh Ahmed in Jeddah on Monday.", "2016-08-18", "Ismail Ould Cheikh Ahmed", None),
]


def _entity_key(result, surface):
    for entity in result.entities:
        if any(m.text == surface for m in entity.mentions):
            return entity.kb
    raise AssertionError(f"no entity with a mention {surface!r}: {[e.names for e in result.entities]}")


@pytest.mark.parametrize("text,published,surface,key", PERSON_CASES)
def test_person_linking(extractor, text, published, surface, key):
    assert _entity_key(extractor.extract(text, published), surface) == key


# (text, published, named persons of the one event, role holders, expected parties)
ROLE_CASES = [
    # a role that names no one resolves to its holder on the day: a role holder, not a person of the text
    ("Глава МИД Белоруссии провел переговоры с Сергеем Лавровым в Москве.", "2020-05-05", {"Сергей Лавров"}, {"Владимир Макей"}, {"BLR", "RUS"}),
    ("Глава МИД Белоруссии провел переговоры с Сергеем Лавровым в Москве.", "2025-05-05", {"Сергей Лавров"}, {"Максим Рыженков"}, {"BLR", "RUS"}),
    ("Belarus' Foreign Minister held talks with Sergei Lavrov in Moscow.", "2021-03-01", {"Sergei Lavrov"}, {"Vladimir Makei"}, {"BLR", "RUS"}),
    ("Belarus' Foreign Minister held talks with Sergei Lavrov in Moscow.", "2025-03-01", {"Sergei Lavrov"}, {"Maxim Ryzhenkov"}, {"BLR", "RUS"}),
    # without a date the role gives the party but no person
    ("Глава МИД Белоруссии провел переговоры с Сергеем Лавровым в Москве.", None, {"Сергей Лавров"}, set(), {"BLR", "RUS"}),
    # a named holder is not replaced by the role's holder
    ("Глава МИД Белоруссии Иван Петров провел переговоры с Сергеем Лавровым в Москве.", "2025-05-05", {"Иван Петров", "Сергей Лавров"}, set(), {"BLR", "RUS"}),
    # unknown persons keep the party the text gives them
    ("Sergei Lavrov held talks with his Hungarian counterpart Péter Szijjártó in Budapest on Monday.", "2024-05-07", {"Sergei Lavrov", "Péter Szijjártó"}, set(), {"RUS", "HUN"}),
    # an adjective of a topic is not a party
    ("Sergei Lavrov held talks with Wang Yi in Beijing on Tuesday, discussing the Ukrainian crisis.", "2024-04-10", {"Sergei Lavrov", "Wang Yi"}, set(), {"RUS", "CHN"}),
]


@pytest.mark.parametrize("text,published,persons,holders,parties", ROLE_CASES)
def test_roles_and_parties(extractor, text, published, persons, holders, parties):
    (event,) = extractor.extract(text, published).events
    assert {p.name for p in event.persons} == persons
    assert {p.name for p in event.role_holders} == holders
    assert {p.code for p in event.parties} == parties


def test_entities_list_each_actor_with_its_mentions(extractor):
    text = "Сергей Лавров провел переговоры с главой МИД Китая Ван И в Пекине 9 апреля. Лавров отметил роль ШОС."
    result = extractor.extract(text, "2024-04-09")
    lavrov = next(e for e in result.entities if e.kb == "person:sergei_lavrov")
    assert lavrov.kind == "person" and len(lavrov.mentions) == 2
    assert all(text[m.start : m.end] == m.text for m in lavrov.mentions)
    sco = next(e for e in result.entities if e.code == "SCO")
    assert sco.kind == "organization"
    (event,) = result.events
    assert {p.entity for p in event.persons} >= {lavrov.id}
    china = next(e for e in result.entities if e.code == "CHN" and e.kind == "state")
    assert china.id in {p.entity for p in event.parties}


USER_FILE = """
persons:
  - id: ivan_petrovsky
    ru: {first: Иван, last: Петровский}
    en: {first: Ivan, last: Petrovsky}
    offices:
      - {role: foreign_minister, party: MDA, start: 2030-01-01}
"""


def test_user_actor_files_are_merged(tmp_path):
    path = tmp_path / "mine.yaml"
    path.write_text(USER_FILE, encoding="utf-8")
    ex = Extractor(actor_files=[path])
    result = ex.extract("Министр Иван Петровский провел переговоры с Сергеем Лавровым в Москве 5 мая.", "2031-05-06")
    (event,) = result.events
    assert {p.kb for p in event.persons} == {"person:ivan_petrovsky", "person:sergei_lavrov"}
    assert {p.code for p in event.parties} == {"MDA", "RUS"}


def test_a_bad_user_actor_file_names_the_file_and_entry(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text(USER_FILE.replace("foreign_minister", "chief_of_everything"), encoding="utf-8")
    with pytest.raises(ResourceError, match=r"bad\.yaml.*ivan_petrovsky"):
        Extractor(actor_files=[path])


def test_knowledge_base_loads_fast_and_small():
    import sys

    ActorKB.load()  # imports and file cache warm
    tracer = sys.gettrace()  # coverage's tracer makes Python code several times slower: timed without it
    sys.settrace(None)
    try:
        started = time.process_time()
        kb = ActorKB.load()
        seconds = time.process_time() - started
    finally:
        sys.settrace(tracer)
    tracemalloc.start()
    ActorKB.load()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert len(kb.states) >= 193 and len(kb.persons) >= 100
    assert seconds < 0.5, f"loading the knowledge base took {seconds:.2f} s of CPU"
    assert peak < 50 * 2**20, f"loading the knowledge base peaked at {peak / 2**20:.0f} MB"


@pytest.mark.parametrize("text,code", [
    ("Премьер-министр Папуа - Новой Гвинеи провел переговоры.", "PNG"),  # a hyphen for the name's dash
    ("Премьер-министр Папуа — Новой Гвинеи провел переговоры.", "PNG"),
    ("Президент Гвинеи провел переговоры.", "GIN"),  # not the longer name
])
def test_a_dash_in_a_state_name_matches_any_dash(extractor, text, code) -> None:
    result = extractor.extract(text, "2023-05-17")
    assert [p.code for e in result.events for p in e.parties] == [code]
