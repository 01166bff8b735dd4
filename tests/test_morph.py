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
    # a word that cannot be nominative tells the case of words that could be
    (["Мусой", "Факи", "Махаматом"], ["Муса", "Факи", "Махамат"]),
    (["Анналену", "Бербок"], ["Анналёна", "Бербок"]),
    # names are singular: no plural reading ("Токаевым" is not "Токаевы")
    (["Касым-Жомартом", "Токаевым"], ["Касым-Жомарт", "Токаев"]),  # each part of a hyphenated name declines
    (["Ильхамом", "Алиевым"], ["Ильхам", "Алиев"]),
    (["Нгуен", "Фу", "Чонгом"], ["Нгуен", "Фу", "Чонг"]),
    (["Владимира", "Зеленского"], ["Владимир", "Зеленский"]),  # an adjectival surname declines ("-ого" is no foreign ending)
    # an Arabic name whose parts may all be nominative is kept as written
    (["Бадр", "Абдель", "Аты"], ["Бадр", "Абдель", "Аты"]),
    # already nominative: kept
    (["Сергей", "Лавров"], ["Сергей", "Лавров"]),
])
def test_names_into_the_nominative(morph, words, nominative) -> None:
    assert morph.nominative_name(words) == nominative


@pytest.mark.parametrize("words,nominative", [
    # name particles stay as written and tell no case; the name around them declines
    (["Мухаммедом", "бен", "Заидом", "Аль", "Нахайяном"], ["Мухаммед", "бен", "Заид", "Аль", "Нахайян"]),
    (["Урсулой", "фон", "дер", "Ляйен"], ["Урсула", "фон", "дер", "Ляйен"]),
    (["Сергеем", "Лавровым"], ["Сергей", "Лавров"]),  # no particle: as before
])
def test_name_particles(words, nominative) -> None:
    assert Morphology(particles=["бен", "аль", "фон", "дер"]).nominative_name(words) == nominative


@pytest.mark.parametrize("words,nominative", [
    (["Минске"], ["Минск"]),
    (["Вонсане"], ["Вонсан"]),
    (["Южной", "Корее"], ["Южная", "Корея"]),
    (["Нью-Дели"], ["Нью-Дели"]),
    # a word that may be an adjective or a noun is an adjective before a noun
    (["Тверской", "области"], ["Тверская", "область"]),
    (["Георгиевском", "зале"], ["Георгиевский", "зал"]),
    (["Белом", "доме"], ["Белый", "дом"]),
    # a foreign compound ending in и, у, о does not decline
    (["Абу-Даби"], ["Абу-Даби"]),
    (["Куала-Лумпуре"], ["Куала-Лумпур"]),
])
def test_places_into_the_nominative(morph, words, nominative) -> None:
    assert morph.nominative_place(words) == nominative


@pytest.mark.parametrize("word,lemma,present", [
    ("Бадром", "бадр", True),        # an unknown name declined as a noun gives its stem
    ("Джуричем", "джурич", True),
    ("Лавровым", "лавров", True),    # a Russian surname form
    ("Москвой", "москв", False),     # a known word gives its dictionary forms only
    ("визитом", "визит", True),      # (its normal form)
    ("визитом", "визитом", False),
])
def test_lemmas_of_name_forms(morph, word, lemma, present) -> None:
    assert (lemma in morph.lemmas(word)) is present
