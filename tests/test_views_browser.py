"""The document page and the timeline in a real headless Chromium (the system's,
driven by Playwright; .ci/setup-browser installs it): highlighted spans match the
result's, clicking a card outlines its spans, a <script> in the text does not run,
the timeline draws one mark per happening.

Screenshots go to the test's tmp folder, and also to ``$DIPLO_SCREENSHOTS`` when it
is set (``DIPLO_SCREENSHOTS=docs/img`` makes the README's pictures)."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from paths import ROOT
from view_docs import hostile_result, sample_happenings

from diplo_extract.event_spans import event_spans
from diplo_extract.happenings import merge
from diplo_extract.views.page import document_page
from diplo_extract.views.timeline import timeline_page

CHROMIUM = os.environ.get("DIPLO_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
         "--no-first-run"]
sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright is not installed: pip install -e '.[test]'")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="no chromium on PATH: run .ci/setup-browser (apt-get install chromium)")

# span offsets (code points) of each highlighted segment, read from the page's DOM
SEGMENT_OFFSETS = """() => {
  const out = []; let at = 0;
  const walk = (node) => {
    for (const child of node.childNodes) {
      const length = Array.from(child.textContent).length;
      if (child.nodeName === 'MARK') {
        out.push({start: at, end: at + length, spans: child.dataset.spans.split(' ').map(Number),
                  focus: child.classList.contains('focus')});
      }
      at += length;
    }
  };
  walk(document.getElementById('text'));
  return out;
}"""


@pytest.fixture(scope="module")
def browser():  # noqa: ANN201
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS, timeout=30_000)
        yield chromium
        chromium.close()


@pytest.fixture
def open_page(browser, tmp_path):  # noqa: ANN001, ANN201
    """Open an HTML string as a file:// page; returns (page, screenshot(name))."""
    context = browser.new_context(viewport={"width": 1280, "height": 860}, offline=True)

    def opened(html: str, name: str):  # noqa: ANN202
        path = tmp_path / f"{name}.html"
        path.write_text(html, encoding="utf-8")
        page = context.new_page()
        page.goto(path.as_uri())
        return page

    yield opened
    context.close()


def _screenshot(page, tmp_path: Path, name: str) -> None:  # noqa: ANN001
    page.screenshot(path=str(tmp_path / f"{name}.png"))
    target = os.environ.get("DIPLO_SCREENSHOTS")
    if target:
        folder = ROOT / target
        folder.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(folder / f"{name}.png"))


def _covered(segments: list[dict], only_focus: bool = False) -> dict[int, tuple[int, int]]:
    """For each span index, the (first start, last end) of the segments showing it."""
    spans: dict[int, tuple[int, int]] = {}
    for seg in segments:
        if only_focus and not seg["focus"]:
            continue
        for n in seg["spans"]:
            start, end = spans.get(n, (seg["start"], seg["end"]))
            spans[n] = (min(start, seg["start"]), max(end, seg["end"]))
    return spans


@pytest.fixture(scope="module")
def example_result(extractor):  # noqa: ANN001, ANN201
    text = (ROOT / "examples" / "ria-lavrov-visit-ru.txt").read_text(encoding="utf-8")
    return extractor.extract(text, "2025-04-30", id="ria-lavrov-visit-ru")


def test_the_highlighted_spans_are_the_results_spans_and_a_card_outlines_its_own(open_page, example_result, tmp_path) -> None:
    page = open_page(document_page(example_result), "page")
    spans = event_spans(example_result)
    live = {n: (s.start, s.end) for n, s in enumerate(spans) if s.end > s.start}
    assert _covered(page.evaluate(SEGMENT_OFFSETS)) == live and len(live) > 20
    events = [e.id for e in example_result.events]
    assert page.locator(".card").count() == len(events) > 1
    for key, event_id in enumerate(events):
        page.click(f'.card[data-event="{key}"]')
        focused = _covered(page.evaluate(SEGMENT_OFFSETS), only_focus=True)
        mine = {n for n, s in enumerate(spans) if s.event_id == event_id and s.end > s.start}
        # every span of the event is outlined whole, and no outlined segment is another event's alone
        assert mine <= set(focused) and all(focused[n] == live[n] for n in mine), event_id
        assert all(seg["focus"] == any(n in mine for n in seg["spans"]) for seg in page.evaluate(SEGMENT_OFFSETS)), event_id
        assert page.locator(".card.active").count() == 1
    page.click(f'.card[data-event="{len(events) - 1}"]')  # a second click clears
    assert page.locator("mark.focus").count() == 0
    page.click('.card[data-event="1"]')
    page.evaluate("() => window.scrollTo(0, 0)")
    _screenshot(page, tmp_path, "view-page")


def test_a_script_in_the_text_shows_as_text_and_does_not_run(open_page) -> None:
    result = hostile_result()
    page = open_page(document_page(result), "hostile")
    assert page.evaluate("() => window.__pwned") is None
    assert page.locator("img").count() == 0 and page.locator("script").count() == 1
    shown = page.inner_text("#text")
    assert shown == result.text
    assert page.title() == "hostile <doc> · en · published 2024-04-10 · 2 events"
    spans = event_spans(result)
    assert _covered(page.evaluate(SEGMENT_OFFSETS)) == {n: (s.start, s.end) for n, s in enumerate(spans)}
    page.click('.card[data-event="1"]')
    assert {tuple(s["spans"]) for s in page.evaluate(SEGMENT_OFFSETS) if s["focus"]} == {(2, 6), (5,), (7,)}  # Lavrov (shared), signed, a plan


def _marks(page) -> int:  # noqa: ANN001
    page.wait_for_selector(".scatterlayer .trace", timeout=15_000)
    return page.locator(".scatterlayer path.point").count()


@pytest.mark.parametrize("happenings, marks", [
    (sample_happenings(), 5),  # the sixth has no day
    ([], 0),
], ids=["sample", "empty"])
def test_the_timeline_draws_one_mark_per_happening(open_page, happenings, marks) -> None:
    page = open_page(timeline_page(happenings), "timeline")
    if marks:
        assert _marks(page) == marks == sum(1 for h in happenings if h.start is not None)
    else:
        page.wait_for_selector(".main-svg", timeout=15_000)
        assert page.locator(".scatterlayer path.point").count() == 0
        assert "no happenings" in page.inner_text("body")


def test_the_timeline_of_the_examples_and_its_hover(open_page, extractor, tmp_path) -> None:
    records = [line for line in (ROOT / "examples" / "articles.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]
    import json

    results = [extractor.extract(r["text"], r.get("published"), id=r["id"]) for r in map(json.loads, records)]
    happenings = merge(results)
    page = open_page(timeline_page(happenings, title="examples/articles.jsonl"), "timeline-examples")
    assert _marks(page) == len(happenings) > 5
    point = page.locator(".scatterlayer path.point").first
    box = point.bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.wait_for_selector(".hoverlayer .hovertext", timeout=10_000)
    hover = page.locator(".hoverlayer").text_content()
    assert "sources (1):" in hover and any(r.id in hover for r in results), hover
    _screenshot(page, tmp_path, "view-timeline")
