"""Roles resolved to their holder by date (actors.roles), through the extractor."""
import pytest


@pytest.mark.parametrize(
    ("text", "role_holders", "persons"),
    [
        # a role next to its state names the holder on the day (not scored: role_holders)
        ("Russian President arrived in Hanoi on a state visit.", ["Vladimir Putin"], []),
        ("Президент России прибыл в Ханой с визитом.", ["Владимир Путин"], []),
        # a linking word between the role and the state after it (models/actors/roles.yaml role_links)
        ("The President of Russia arrived in Hanoi on a state visit.", ["Vladimir Putin"], []),
        # the text names the holder elsewhere: that name is the person
        ("Vladimir Putin held talks in Hanoi. The President of Russia arrived in Hanoi on a state visit.", [], ["Vladimir Putin"]),
        # a role followed by a name: the name says who it is
        ("Russian President Vladimir Putin arrived in Hanoi on a state visit.", [], ["Vladimir Putin"]),
        # no state next to the role: nobody
        ("The President arrived in Hanoi on a state visit to Vietnam.", [], []),
        # "of" with no state after it links nothing
        ("The President of the company arrived in Hanoi on a visit to Vietnam.", [], []),
    ],
)
def test_roles_name_their_holder(extractor, text, role_holders, persons) -> None:
    result = extractor.extract(text, "2024-06-20")
    visits = [ev for ev in result.events if ev.type == "visit"]
    found = ([p.name for ev in visits for p in ev.role_holders], [p.name for ev in visits for p in ev.persons])
    assert found == (role_holders, persons)
