"""The document page and the timeline without a browser (tests/test_views_browser.py
opens them in Chromium): segments, escaping, bad input, file names, lanes, marks,
determinism and the ``view`` / ``timeline`` / ``extract --html`` commands."""
from __future__ import annotations

import base64
import hashlib
import json
import re
import sys

import pytest
from paths import ROOT
from view_docs import hostile_result, sample_happenings

from diplo_extract import DiploExtractError, InputError, cli
from diplo_extract.event_spans import EventSpan, event_spans
from diplo_extract.happenings.model import MergedPerson
from diplo_extract.schema import DocumentResult, Event, Span
from diplo_extract.views.files import PageNames, choose_document, read_documents
from diplo_extract.views.lanes import NO_PARTY, hover_text, lane_of
from diplo_extract.views.page import document_page
from diplo_extract.views.segments import segments
from diplo_extract.views.timeline import DIV_ID, timeline_page


def _span(start: int, end: int, event: str = "e1", role: str = "persons") -> EventSpan:
    return EventSpan(event, "meeting", role, start, end)


@pytest.mark.parametrize("text, spans, expected", [
    ("abcdef", [], [(0, 6, ())]),
    ("", [], []),
    ("abcdef", [_span(0, 6)], [(0, 6, (0,))]),
    ("abcdef", [_span(1, 3), _span(3, 5)], [(0, 1, ()), (1, 3, (0,)), (3, 5, (1,)), (5, 6, ())]),
    ("abcdef", [_span(1, 5), _span(2, 3, "e2")], [(0, 1, ()), (1, 2, (0,)), (2, 3, (0, 1)), (3, 5, (0,)), (5, 6, ())]),
    ("abcdef", [_span(2, 4), _span(2, 4, "e2")], [(0, 2, ()), (2, 4, (0, 1)), (4, 6, ())]),
    ("abcdef", [_span(3, 3)], [(0, 6, ())]),  # an empty span shows nothing
], ids=["none", "empty-text", "whole", "adjacent", "nested", "shared", "empty-span"])
def test_segments_cut_the_text_at_every_span_boundary(text, spans, expected) -> None:
    pieces = segments(text, spans)
    assert [(p.start, p.end, p.spans) for p in pieces] == expected
    assert "".join(text[p.start:p.end] for p in pieces) == text


def _marks(page: str) -> list[tuple[str, str]]:
    """(data-spans, inner HTML) of each highlighted segment."""
    return re.findall(r'<mark class="seg[^"]*" data-events="[^"]*" data-spans="([^"]*)"[^>]*>(.*?)</mark>', page)


def test_the_page_escapes_everything_and_runs_only_its_own_script() -> None:
    page = document_page(hostile_result())
    assert page.count("<script") == 1 and "<img" not in page and "<b>Lavrov" not in page
    assert "&lt;script&gt;window.__pwned = 1&lt;/script&gt;" in page
    assert "Sergei &lt;b&gt;Lavrov&lt;/b&gt;" in page and "&lt;script&gt;plan&lt;/script&gt;" in page
    assert "<title>hostile &lt;doc&gt; · en · published 2024-04-10 · 2 events</title>" in page
    allowed = re.search(r"script-src '(sha256-[^']+)'", page).group(1)
    script = re.search(r"<script>(.*?)</script>", page, re.DOTALL).group(1)
    assert allowed == "sha256-" + base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
    assert not re.search(r"https?:|//", page)  # nothing to fetch


@pytest.mark.parametrize("result", [hostile_result()], ids=["hostile"])
def test_each_span_is_highlighted_over_exactly_its_text(result) -> None:
    page, spans = document_page(result), event_spans(result)
    covered: dict[int, str] = {}
    for ids, inner in _marks(page):
        for n in ids.split():
            covered[int(n)] = covered.get(int(n), "") + inner
    assert sorted(covered) == list(range(len(spans)))
    for n, span in enumerate(spans):
        assert covered[n] == result.text[span.start:span.end].replace("&", "&amp;").replace('"', "&quot;"), span


@pytest.mark.parametrize("events, cards, problem", [
    ([], 0, "No events."),
    ([Event(id="e1", type="visit", status="planned", status_rule="status:future", mentions=[Span(start=0, end=5, text="Visit")])],
     1, "status:future"),
])
def test_one_card_per_event(events, cards, problem) -> None:
    page = document_page(DocumentResult(lang="en", text="Visit soon.", events=events))
    assert page.count('<article class="card"') == cards and problem in page


@pytest.mark.parametrize("start, end", [(5, 40), (-1, 3), (6, 2)], ids=["past-end", "negative", "reversed"])
def test_a_span_outside_the_text_is_e103(start, end) -> None:
    event = Event.model_construct(id="e1", type="meeting", status="occurred", mentions=[Span.__new__(Span)],
                                  date=None, location=None, persons=[], parties=[], document=None)
    object.__setattr__(event.mentions[0], "start", start)
    object.__setattr__(event.mentions[0], "end", end)
    result = DocumentResult.model_construct(id="d", lang="en", text="short text", events=[event], error=None, published=None)
    with pytest.raises(InputError, match=rf"^E103 document d: event e1 has a trigger span {start}-{end} outside its text of 10"):
        document_page(result)


def test_the_page_is_the_same_bytes_every_time_and_keeps_lone_surrogates_one_character() -> None:
    assert document_page(hostile_result()) == document_page(hostile_result())
    page = document_page(DocumentResult(lang="en", text="a\ud800b met", events=[
        Event(type="meeting", status="occurred", mentions=[Span(start=4, end=7, text="met")])]))
    assert "a\ufffdb <mark" in page
    page.encode("utf-8")


@pytest.mark.parametrize("ids, names", [
    (["a/b", "A_b", None, "../x", "x"], ["a_b.html", "A_b-2.html", "doc-3.html", "x.html", "x-2.html"]),
    (["Лавров 1", "", "..."], ["Лавров_1.html", "doc-2.html", "doc-3.html"]),
])
def test_page_names_are_safe_and_unique(ids, names) -> None:
    book = PageNames()
    assert [book.name_for(i, n) for n, i in enumerate(ids, 1)] == names


@pytest.mark.parametrize("content, count", [
    ('{"lang": "en", "text": "x"}', 1),
    ('[{"lang": "en", "text": "x"}, {"lang": "ru", "text": "y"}]', 2),
    ('{"lang": "en", "text": "x"}\n\n{"lang": "ru", "text": "y"}\n', 2),
])
def test_read_documents_takes_a_json_object_a_list_or_jsonl(tmp_path, content, count) -> None:
    path = tmp_path / "r.json"
    path.write_text(content, encoding="utf-8")
    assert len(read_documents(str(path))) == count


@pytest.mark.parametrize("content, code", [
    ("", "E106"), ("[]", "E106"), ('{"text": "x"}', "E082"), ("[1]", "E082"), ("{nope", "E082"), (b"\xff\xfe", "E030"),
])
def test_read_documents_refuses_what_is_not_a_result(tmp_path, content, code) -> None:
    path = tmp_path / "r.json"
    path.write_bytes(content if isinstance(content, bytes) else content.encode())
    with pytest.raises(DiploExtractError, match=rf"^{code} "):
        read_documents(str(path))


@pytest.mark.parametrize("wanted, found", [(None, "E101"), ("b", "b"), ("zz", "E102")])
def test_choose_document(wanted, found) -> None:
    documents = [DocumentResult(id=i, lang="en", text=i) for i in ("a", "b")]
    if found.startswith("E"):
        with pytest.raises(DiploExtractError, match=rf"^{found} "):
            choose_document(documents, "f.jsonl", wanted)
    else:
        assert choose_document(documents, "f.jsonl", wanted).id == found


@pytest.mark.parametrize("codes, lane", [
    (["RUS", "CHN"], "CHN–RUS"), (["CHN", "RUS", "SCO"], "SCO"), (["UN", "EU", "RUS"], "EU"),
    (["RUS", "TUR", "IRN"], "IRN–RUS–TUR"), (["RUS"], "RUS"), ([], NO_PARTY), (["RUS", "RUS"], "RUS"),
])
def test_lanes(codes, lane) -> None:
    assert lane_of(codes) == lane


def _figure(page: str) -> dict:
    match = re.search(rf'Plotly\.newPlot\(\s*"{DIV_ID}",\s*(\[.*?\]),\s*(\{{.*?\}}),\s*\{{"displaylogo"', page, re.DOTALL)
    assert match, "no plotly figure in the page"
    return {"data": json.loads(match.group(1)), "layout": json.loads(match.group(2))}


def test_the_timeline_has_one_marker_per_placed_happening_in_its_lane() -> None:
    happenings = sample_happenings()
    figure = _figure(timeline_page(happenings))
    markers = [t for t in figure["data"] if t["mode"] == "markers"]
    ids = [i for t in markers for i in t["customdata"]]
    assert sorted(ids) == sorted(h.id for h in happenings if h.start is not None) and len(ids) == 5
    assert figure["layout"]["yaxis"]["ticktext"] == ["CHN–RUS", "RUS–TUR", "SCO"]
    assert "5 happenings in 3 lanes, 2024-04-09 – 2024-08-10; 1 without a day not shown" in figure["layout"]["title"]["text"]
    ys = {i: y for t in markers for i, y in zip(t["customdata"], t["y"], strict=True)}
    same_day = [h.id for h in happenings if str(h.start) == "2024-08-10"]
    assert len({ys[i] for i in same_day}) == 2  # two on one day in one lane do not hide each other
    names = {t["name"]: t["marker"]["symbol"] for t in markers}
    assert names == {"meeting · occurred": "circle", "meeting · planned": "diamond", "phone_call · occurred": "circle",
                     "visit · cancelled": "x", "signing · occurred": "circle"}


def test_the_hover_lists_the_sources_escaped() -> None:
    merged = next(h for h in sample_happenings() if len(h.members) == 2)
    text = hover_text(merged)
    assert "sources (2):" in text and "  a #0 · 2024-04-09 · occurred · «talks»" in text and "  b #0" in text
    hostile = merged.model_copy(update={"persons": [MergedPerson(key="k", name="<img src=x onerror=1>", names=[], sources=[])]})
    assert "persons: &lt;img src=x onerror=1&gt;" in hover_text(hostile) and "<img" not in hover_text(hostile)


def test_the_timeline_is_the_same_bytes_in_any_order_and_empty_without_happenings() -> None:
    happenings = sample_happenings()
    assert timeline_page(happenings) == timeline_page(list(reversed(happenings)))
    empty = _figure(timeline_page([]))
    assert [t for t in empty["data"] if t["mode"] == "markers"] == [] and empty["layout"]["annotations"][0]["text"] == "no happenings"


def test_the_timeline_without_plotly_is_e100(monkeypatch) -> None:
    monkeypatch.setitem(sys.modules, "plotly.graph_objects", None)
    with pytest.raises(DiploExtractError, match=r"^E100 the timeline needs the optional extra 'view'.*pip install 'diplo_extract\[view\]'"):
        timeline_page(sample_happenings())


# ------------------------------------------------------------------ command line


@pytest.fixture
def files(tmp_path):  # noqa: ANN001, ANN201
    """A one-document result, a two-document batch and a happenings file."""
    one, batch, happenings = tmp_path / "one.json", tmp_path / "batch.jsonl", tmp_path / "happenings.jsonl"
    one.write_text(hostile_result().model_dump_json(indent=2), encoding="utf-8")
    batch.write_text("\n".join(DocumentResult(id=i, lang="en", text=f"text {i}").model_dump_json() for i in ("a", "b/c")), encoding="utf-8")
    happenings.write_text("\n".join(h.model_dump_json() for h in sample_happenings()), encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize("args, code, written, message", [
    (["view", "one.json", "-o", "doc.html"], 0, ["doc.html"], ""),
    (["view", "batch.jsonl", "-o", "pages/"], 0, ["pages/a.html", "pages/b_c.html"], "2 pages written to "),
    (["view", "batch.jsonl", "--id", "b/c", "-o", "doc.html"], 0, ["doc.html"], ""),
    (["view", "batch.jsonl", "-o", "doc.html"], 2, [], "E101 "),
    (["view", "batch.jsonl", "--id", "x", "-o", "doc.html"], 2, [], "E102 "),
    (["view", "happenings.jsonl", "-o", "doc.html"], 2, [], "E082 "),
    (["view", "one.json", "-o", "one.json/x.html"], 2, [], "E030 "),
    (["timeline", "happenings.jsonl", "-o", "t.html"], 0, ["t.html"], "5 happenings drawn in t.html (1 without a day left out)"),
    (["timeline", "happenings.jsonl", "-o", "t.html", "--min-members", "2"], 0, ["t.html"], "1 happenings drawn in "),
    (["timeline", "batch.jsonl", "-o", "t.html"], 2, [], "E104 "),
    (["timeline", "missing.jsonl", "-o", "t.html"], 2, [], "E030 "),
])
def test_view_and_timeline_commands(files, monkeypatch, capsys, args, code, written, message) -> None:
    monkeypatch.chdir(files)
    assert cli.main(args) == code
    err = capsys.readouterr().err
    assert message in err and (code == 0 or re.fullmatch(r"diplo-extract: error: E\d{3} .*\n", err)), err
    for name in written:
        assert (files / name).read_text(encoding="utf-8").lstrip().lower().startswith("<!doctype html>"), name
    assert code == 0 or not (files / "doc.html").exists()


@pytest.fixture
def shared(monkeypatch, extractor):  # noqa: ANN001, ANN201
    monkeypatch.setattr(cli, "_extractor", lambda args: extractor)
    return extractor


@pytest.mark.parametrize("source, args, pages", [
    ("examples/reuters-call-en.txt", ["--published", "2025-01-01"], ["reuters-call-en.html"]),
    ("examples/articles.jsonl", ["--no-progress"], ["tass-russia-malawi-memorandum.html", "ria-sco-tianjin-declaration.html",
                                                    "ap-g20-johannesburg-declaration.html", "dawn-dar-us-visit-postponed.html"]),
], ids=["text", "batch"])
def test_extract_html_writes_a_page_per_document(shared, tmp_path, source, args, pages) -> None:
    assert cli.main(["extract", str(ROOT / source), *args, "-o", str(tmp_path / "out.json"), "--html", str(tmp_path / "pages")]) == 0
    assert sorted(p.name for p in (tmp_path / "pages").iterdir()) == sorted(pages)
    first = (tmp_path / "pages" / pages[0]).read_text(encoding="utf-8")
    assert first.count('<article class="card"') >= 1 and "<mark class=\"seg" in first


def test_extract_html_into_a_file_is_e105_before_any_work(tmp_path, capsys, monkeypatch) -> None:
    monkeypatch.setattr(cli, "_extractor", lambda args: pytest.fail("extracted before checking --html"))
    (tmp_path / "f").write_text("", encoding="utf-8")
    assert cli.main(["extract", str(ROOT / "examples/articles.jsonl"), "--no-progress", "-o", str(tmp_path / "o.jsonl"),
                     "--html", str(tmp_path / "f")]) == 2
    assert re.fullmatch(r"diplo-extract: error: E105 cannot write pages into the folder .*f: it is a file\n", capsys.readouterr().err)


def _readme_commands() -> list[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = re.search(r"^## Pages and the timeline\n(.*?)(?=^## )", readme, re.DOTALL | re.MULTILINE).group(1)
    blocks = re.findall(r"^```bash\n(.*?)^```", section, re.DOTALL | re.MULTILINE)
    return [line.split("  #")[0] for block in blocks for line in block.splitlines() if line.startswith("diplo-extract ")]


@pytest.mark.parametrize("line", _readme_commands())
def test_the_readmes_view_commands_are_valid_command_lines(line) -> None:
    import shlex

    args = cli._parser().parse_args(shlex.split(line)[1:])
    assert args.func.__name__ in {"_extract", "_view", "_merge", "_timeline"}


def test_the_readme_shows_both_commands_and_both_screenshots() -> None:
    lines = _readme_commands()
    assert any(line.startswith("diplo-extract view ") for line in lines) and any(line.startswith("diplo-extract timeline ") for line in lines)
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name in ("view-page.png", "view-timeline.png"):
        assert f"(docs/img/{name})" in readme and (ROOT / "docs" / "img" / name).stat().st_size > 10_000
