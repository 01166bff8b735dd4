"""displaCy views (``diplo_extract.render``, ``render_html``, ``extract --displacy``).

Groups: real extractions of dev fixtures, whose markup displaCy accepts and whose
spans cover exactly their text; colours by event type; escaping; empty, failed
and bad-style cases; the command line."""
from __future__ import annotations

import json
import re

import pytest
from paths import DEV, ROOT
from spacy import displacy

from diplo_extract import InputError, cli, render, render_html
from diplo_extract.rendering import TYPE_COLORS, span_colors
from diplo_extract.schema import DocumentResult, Event, PersonArg, Span

FIXTURES = [DEV / "fx-ru-01-tass-lavrov-beijing.json", DEV / "fx-en-15-reuters-quad-sydney-cancelled.json",
            DEV / "fx-ru-16-belta-csto-minsk-summit.json", DEV / "fx-en-17-ani-india-indonesia-mous.json"]


def _extracted(extractor, path) -> DocumentResult:  # noqa: ANN001
    gold = json.loads(path.read_text(encoding="utf-8"))
    return extractor.extract(gold["text"], gold["published"], id=gold["id"])


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: p.stem)
def test_markup_of_a_real_result_is_accepted_by_displacy_and_covers_each_span(extractor, path) -> None:
    result = _extracted(extractor, path)
    markup = render(result, style="span")
    n_spans = sum(len(e.mentions) for e in result.events)
    assert len([s for s in markup["spans"] if s["label"].endswith(":trigger")]) == n_spans > 0
    for span in markup["spans"]:
        covered = "".join(markup["tokens"][span["start_token"]:span["end_token"]])
        assert covered == re.sub(r"\s+", "", result.text[span["start"]:span["end"]]), span
    html = displacy.render(render(result), style="span", manual=True, jupyter=False)
    assert html.count("meeting:trigger") + html.count("visit:trigger") + html.count("signing:trigger") + html.count(
        "phone_call:trigger") + html.count("adoption:trigger") == n_spans


def test_the_tokens_are_the_texts_words_in_order(extractor) -> None:
    result = _extracted(extractor, FIXTURES[0])
    assert "".join(render(result)["tokens"]) == re.sub(r"\s+", "", result.text)


def test_each_event_type_has_its_own_colour_and_every_label_its_types() -> None:
    assert len(set(TYPE_COLORS.values())) == len(TYPE_COLORS) == 5
    colors = span_colors()
    assert colors["meeting:trigger"] == colors["meeting:persons"] == TYPE_COLORS["meeting"]
    assert colors["signing:document"] == TYPE_COLORS["signing"] != colors["visit:document"]


def test_the_page_shows_each_event_type_in_its_colour(extractor) -> None:
    results = [_extracted(extractor, p) for p in FIXTURES]
    html = render_html(results)
    kinds = {e.type for r in results for e in r.events}
    assert kinds >= {"meeting", "signing"}
    for kind in TYPE_COLORS:
        assert (f"background: {TYPE_COLORS[kind]}" in html) == (kind in kinds), kind
    assert all(r.id in html for r in results)


def _one_person(name: str) -> DocumentResult:
    text = f"{name} met Wang Yi."
    return DocumentResult(id="<id>", lang="en", text=text, events=[Event(
        id="e1", type="meeting", status="occurred", mentions=[Span(start=len(name) + 1, end=len(name) + 4, text="met")],
        persons=[PersonArg(name=name, spans=[Span(start=0, end=len(name), text=name)])])])


@pytest.mark.parametrize("name", ["<script>alert(1)</script>", "A & B", 'Quote "Q"'])
def test_values_and_titles_are_escaped(name) -> None:
    html = render_html([_one_person(name)])
    assert "<script>" not in html and "<id>" not in html
    assert "&lt;id&gt;" in html


@pytest.mark.parametrize("result, tokens, spans, title", [
    (DocumentResult(lang="und", text=""), [], [], "— · und · published — · 0 events"),
    (DocumentResult(lang="ru", text="Погода.  \n"), ["Погода."], [], "— · ru · published — · 0 events"),
    (DocumentResult(id="x", lang="und", text="", error="E020 text must be a str, got NoneType"), [], [],
     "x · und · published — · 0 events · error: E020 text must be a str, got NoneType"),
])
def test_results_without_events(result, tokens, spans, title) -> None:
    markup = render(result)
    assert (markup["tokens"], markup["spans"], markup["title"]) == (tokens, spans, title)
    assert "<figure" in render_html([result])


@pytest.mark.parametrize("style", ["ent", "dep", "", "SPAN"])
def test_an_unknown_style_is_a_coded_error(style) -> None:
    with pytest.raises(InputError, match=r"^E060 "):
        render(DocumentResult(lang="en", text="x"), style=style)


# ------------------------------------------------------------------ command line


@pytest.fixture
def shared(monkeypatch, extractor):  # noqa: ANN001, ANN201
    monkeypatch.setattr(cli, "_extractor", lambda args: extractor)
    return extractor


@pytest.mark.parametrize("source, args, titles, n_docs", [
    ("examples/ria-lavrov-visit-ru.txt", ["--published", "2025-04-30"], ["ria-lavrov-visit-ru · ru · published 2025-04-30"], 1),
    ("examples/articles.jsonl", ["--no-progress"], ["tass-russia-malawi-memorandum · ru"], 4),
])
def test_extract_writes_the_displacy_page_beside_its_usual_output(shared, tmp_path, capsys, source, args, titles, n_docs) -> None:
    page = tmp_path / "out.html"
    code = cli.main(["extract", str(ROOT / source), *args, "--displacy", str(page), "-o", str(tmp_path / "out.json")])
    assert code == 0
    html = page.read_text(encoding="utf-8")
    assert html.lstrip().startswith("<!DOCTYPE html>")
    assert all(t in html for t in titles)
    assert html.count("<figure") == n_docs
    assert "background: " in html


def test_extract_with_an_unwritable_displacy_path_is_a_one_line_error(shared, tmp_path, capsys) -> None:
    code = cli.main(["extract", str(ROOT / "examples/ria-lavrov-visit-ru.txt"), "-o", str(tmp_path / "o.json"),
                     "--displacy", str(tmp_path / "missing" / "out.html")])
    assert code == 2
    assert re.fullmatch(r"diplo-extract: error: E030 cannot read .*out\.html: .*\n", capsys.readouterr().err)
