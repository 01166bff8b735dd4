"""Russian morphology: names and places into the nominative."""
import pytest

from diplo_extract.morph import Morphology


@pytest.fixture(scope="module")
def morph() -> Morphology:
    return Morphology()


@pytest.mark.parametrize("words,nominative", [
    (["Сергею", "Лаврову"], ["Сергей", "Лавров"]),
    (["Владимира", "Путина"], ["Владимир", "Путин"]),
    (["Владимиру", "Макею"], ["Владимир", "Макей"]),
    (["Эммануэлем", "Макроном"], ["Эммануэль", "Макрон"]),
    (["С.Джайшанкаром"], ["С.Джайшанкар"]),  # initials stay, the name declines
    # foreign names ending in и, е, э, о do not decline, and do not block the others
    (["Н.Моди"], ["Н.Моди"]),
    (["Нарендрой", "Моди"], ["Нарендра", "Моди"]),
    (["Биньямину", "Нетаньяху"], ["Биньямин", "Нетаньяху"]),
    (["Ван", "И"], ["Ван", "И"]),
    (["Антониу", "Гутерришем"], ["Антониу", "Гутерриш"]),
    # already nominative: kept
    (["Сергей", "Лавров"], ["Сергей", "Лавров"]),
])
def test_names_into_the_nominative(morph, words, nominative) -> None:
    assert morph.nominative_name(words) == nominative


@pytest.mark.parametrize("words,nominative", [
    (["Минске"], ["Минск"]),
    (["Вонсане"], ["Вонсан"]),
    (["Южной", "Корее"], ["Южная", "Корея"]),
    (["Нью-Дели"], ["Нью-Дели"]),
])
def test_places_into_the_nominative(morph, words, nominative) -> None:
    assert morph.nominative_place(words) == nominative
