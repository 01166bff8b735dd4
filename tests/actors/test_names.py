"""Person names linked to the knowledge base in Russian oblique cases."""
import pytest


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # a KB name part of several words ("Чен Ын") declines word by word
        ("Лавров был принят Ким Чен Ыном в Вонсане.", "Ким Чен Ын"),
        # an unknown form of a known foreign name is linked by its stem
        ("Лавров провел переговоры с министром иностранных дел Египта Бадром Абдель Аты.", "Бадр Абдель Аты"),
    ],
)
def test_known_foreign_names_in_oblique_cases(extractor, text, name) -> None:
    result = extractor.extract(text, "2025-07-12")
    assert name in [e.name for e in result.entities if e.kind == "person"]
