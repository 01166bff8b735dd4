"""Long texts are read in windows of paragraphs, in bounded memory, with the same
events as a whole reading where the windows fall between articles."""
import pytest

import diplo_extract.pipeline as pipeline
from diplo_extract.stages import MAX_TRIGGERS_PER_SENTENCE

ARTICLES = [
    ("МОСКВА, 26 ноября. /ТАСС/. Сергей Лавров и Владимир Макей провели переговоры в Минске. "
     "Министры подписали план консультаций на 2021 год."),
    "Antony Blinken met Wang Yi in Beijing on Friday. The two ministers discussed trade.",
    "Президент Казахстана Касым-Жомарт Токаев посетит Китай с государственным визитом в мае.",
]
TEXT = "\n\n".join(ARTICLES * 3)


def _digest(result) -> list[tuple]:  # noqa: ANN001
    return [(e.type, e.status, e.date and e.date.value, e.location and e.location.name, e.mentions[0].start,
             sorted(p.name for p in e.persons), sorted(p.code for p in e.parties)) for e in result.events]


@pytest.mark.parametrize("window", [60, 150])  # a window ends at the first paragraph end after this many characters
def test_windows_between_articles_give_the_events_of_a_whole_reading(extractor, monkeypatch, window) -> None:
    whole = extractor.extract(TEXT, "2020-11-27")
    monkeypatch.setattr(pipeline, "WINDOW_CHARS", 1)  # every text is read by windows...
    monkeypatch.setattr("diplo_extract.windows.WINDOW_CHARS", window)  # ...of this size
    windowed = extractor.extract(TEXT, "2020-11-27")
    per_article = [e for a in ARTICLES for e in _digest(extractor.extract(a, "2020-11-27"))]
    assert len(windowed.events) == len(per_article) * 3, "each article's events, in each copy"
    assert windowed.lang == whole.lang == "ru"
    assert [e.id for e in windowed.events] == [f"e{k}" for k in range(1, len(windowed.events) + 1)]
    ids = [e.id for e in windowed.entities]
    assert len(ids) == len(set(ids)) and len({(e.kind, e.kb or e.code or e.name) for e in windowed.entities}) == len(ids)
    assert all(p.entity in ids for e in windowed.events for p in e.persons + e.role_holders if p.entity)
    assert [p.start for p in windowed.languages] == sorted(p.start for p in windowed.languages)
    for e in windowed.events:
        for s in e.mentions + [x for p in e.persons for x in p.spans]:
            assert TEXT[s.start:s.end] == s.text


def test_one_window_for_all_is_the_whole_reading(extractor, monkeypatch) -> None:
    whole = extractor.extract(TEXT, "2020-11-27")
    monkeypatch.setattr(pipeline, "WINDOW_CHARS", 1)
    monkeypatch.setattr("diplo_extract.windows.WINDOW_CHARS", 10**6)
    assert extractor.extract(TEXT, "2020-11-27").model_dump_json() == whole.model_dump_json()


def test_a_long_text_keeps_the_page_noise_tail_across_windows(extractor, monkeypatch) -> None:
    """"Читайте также" ends the article for every later window too."""
    body = ARTICLES[0] + " Стороны обсудили двустороннее сотрудничество и международную повестку, включая ситуацию в регионе."  # over 200 characters
    text = body + "\n\nЧитайте также\n\n" + "\n\n".join(ARTICLES[1:] * 2)
    monkeypatch.setattr(pipeline, "WINDOW_CHARS", 1)
    monkeypatch.setattr("diplo_extract.windows.WINDOW_CHARS", 50)
    result = extractor.extract(text, "2020-11-27")
    assert {e.type for e in result.events} == {"meeting", "signing"}
    assert all(e.mentions[0].start < len(body) for e in result.events)


def test_a_run_of_trigger_words_reads_a_bounded_number_per_sentence(extractor) -> None:
    text = "Лавров и Ван И провели " + "переговоры, " * 100 + "в Пекине."
    result = extractor.extract(text, "2024-05-01")
    assert 1 <= sum(len(e.mentions) for e in result.events) <= MAX_TRIGGERS_PER_SENTENCE
