"""Venues (models/actors/states.yaml `venues`): a hall or house where talks are held
gives its city as the place, never a party."""
import pytest


@pytest.mark.parametrize(
    ("text", "place", "parties"),
    [
        ("Narendra Modi and Prabowo Subianto held talks at Hyderabad House on Saturday.", "New Delhi", {"IND", "IDN"}),
        ("Переговоры Владимира Путина и Си Цзиньпина прошли в Георгиевском зале Кремля.", "Москва", {"RUS", "CHN"}),
        ("Xi Jinping held talks with Kassym-Jomart Tokayev at the Great Hall of the People.", "Beijing", {"CHN", "KAZ"}),
        # a venue is no party: a meeting of two foreigners there keeps their parties only
        ("Ilham Aliyev met Nikol Pashinyan at Lancaster House.", "London", {"AZE", "ARM"}),
    ],
)
def test_a_venue_gives_its_city(extractor, text, place, parties) -> None:
    [meeting] = [ev for ev in extractor.extract(text, "2025-01-25").events if ev.type == "meeting"]
    assert (meeting.location.name, {p.code for p in meeting.parties}) == (place, parties)
    assert text[meeting.location.spans[0].start : meeting.location.spans[0].end] == meeting.location.spans[0].text

