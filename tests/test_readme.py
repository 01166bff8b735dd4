"""The README as a new user meets it.

* The Python blocks of its "API tour" run as pasted, in a fresh folder holding only
  the files the README itself gives (``my_actors.yaml`` of its "Actors" section),
  and print a real extraction.
* Its main command names an example and that example's publication date.
* Every link in README.md and docs/*.md points to a file of the repository (and to
  a heading that exists, for an ``#anchor``); none leaves the repository."""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from paths import ROOT

README = ROOT / "README.md"
DOCS = sorted((ROOT / "docs").glob("*.md"))
FENCE = re.compile(r"^```(\w*)[^\n]*\n(.*?)^```", re.DOTALL | re.MULTILINE)


def _section(markdown: str, title: str) -> str:
    """The body of the ``## title`` section, up to the next level-2 heading."""
    match = re.search(rf"^## {re.escape(title)}\n(.*?)(?=^## |\Z)", markdown, re.DOTALL | re.MULTILINE)
    assert match, f"README has no '## {title}' section"
    return match.group(1)


def _blocks(markdown: str, lang: str) -> list[str]:
    return [body for tag, body in FENCE.findall(markdown) if tag == lang]


# ------------------------------------------------------------------ API tour


@pytest.fixture(scope="module")
def tour(tmp_path_factory) -> subprocess.CompletedProcess:
    """Run the tour's Python blocks, one after the other as one session, in an empty folder."""
    readme = README.read_text(encoding="utf-8")
    code = "\n".join(_blocks(_section(readme, "API tour"), "python"))
    assert code.strip(), "the API tour has no Python block"
    folder = tmp_path_factory.mktemp("tour")
    for name in sorted(set(re.findall(r"[\w./-]+\.ya?ml", code))):
        given = [b for b in _blocks(readme, "yaml") if b.lstrip().startswith(f"# {name}\n")]
        assert given, f"the tour reads {name} but the README gives no yaml block starting with '# {name}'"
        (folder / name).write_text(given[0], encoding="utf-8")
    return subprocess.run([sys.executable, "-c", code], check=False, cwd=folder, capture_output=True, text=True, encoding="utf-8", timeout=600)


def test_api_tour_runs_as_pasted(tour) -> None:
    assert tour.returncode == 0, f"the API tour fails:\n{tour.stderr[-3000:]}"


def test_api_tour_prints_the_events_of_its_text(tour) -> None:
    out = tour.stdout
    # the summary: a header, then a meeting and the signing of the plan, in Minsk on the published day
    assert re.search(r"^— · ru · published 2020-11-26 · \d+ events$", out, re.MULTILINE), out
    assert re.search(r"^\d+\s+meeting\s+occurred\s+2020-11-26\s+Минск\s+.*Сергей Лавров.*Владимир Макей.*(BLR|RUS)", out, re.MULTILINE), out
    assert re.search(r"^\d+\s+signing\s+occurred\s+2020-11-26\s+Минск\s+.*plan: план консультаций", out, re.MULTILINE), out
    # the typed objects
    assert re.search(r"^meeting occurred 2020-11-26 \[.*'Сергей Лавров'.*\]", out, re.MULTILINE), out
    # the batch: the good record has its events, the bad one its error, and the batch went on
    assert re.search(r"^a [1-9]\d* None$", out, re.MULTILINE), out
    assert re.search(r"^b 0 (?!None$)\S.*$", out, re.MULTILINE), out


# ------------------------------------------------------------------ main command


def test_main_command_shows_the_summary_of_an_example() -> None:
    command = _blocks(README.read_text(encoding="utf-8"), "bash")[0]
    match = re.search(r"diplo-extract extract (\S+) --published (\S+) --format summary\b", command)
    assert match, f"the README's first command does not print the summary: {command!r}"
    example, published = match.groups()
    assert (ROOT / example).is_file(), example
    listed = (ROOT / "examples" / "README.md").read_text(encoding="utf-8")
    assert re.search(rf"`{re.escape(Path(example).name)}`.*\| {published} \|", listed), \
        f"{example} is not listed with --published {published} in examples/README.md"


# ------------------------------------------------------------------ links

_INLINE = re.compile(r"!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
_REFERENCE = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s+.*)?$", re.MULTILINE)
_HTML = re.compile(r"""<(?:a|img)\b[^>]*?\b(?:href|src)\s*=\s*["']([^"']+)["']""", re.IGNORECASE)


def _prose(markdown: str) -> str:
    """The text without fenced code blocks and code spans (links there are not links)."""
    return re.sub(r"`[^`\n]*`", "", FENCE.sub("", markdown))


def links(markdown: str) -> list[str]:
    """Every link target of a Markdown text: inline, reference and HTML.

    >>> links("[a](docs/x.md) `[b](no.md)` [c][r]\\n\\n[r]: ../y.md\\n<a href='#z'>z</a>")
    ['docs/x.md', '../y.md', '#z']
    """
    text = _prose(markdown)
    return [m.group(1) for pattern in (_INLINE, _REFERENCE, _HTML) for m in pattern.finditer(text)]


def slug(heading: str) -> str:
    """The anchor GitHub gives a heading.

    >>> slug("Output format and scoring"), slug("What the output adds"), slug("`foo` & Bar: baz")
    ('output-format-and-scoring', 'what-the-output-adds', 'foo--bar-baz')
    """
    text = re.sub(r"[`*]|\[([^\]]*)\]\([^)]*\)", r"\1", heading.strip()).lower()  # underscores stay, as on GitHub
    return re.sub(r"[^\w\- ]", "", text).replace(" ", "-")


def anchors(markdown: str) -> set[str]:
    return {slug(h) for h in re.findall(r"^#{1,6}\s+(.+?)\s*#*\s*$", FENCE.sub("", markdown), re.MULTILINE)}


def link_problem(page: Path, target: str) -> str | None:
    """What is wrong with a link from ``page`` to ``target``, or None."""
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or target.startswith("/"):
        return "points outside the repository (only relative links to its files)"
    path = (page.parent / unquote(parts.path)).resolve() if parts.path else page
    if not path.is_relative_to(ROOT):
        return "points outside the repository"
    if not path.exists():
        return "points to a missing file"
    if parts.fragment and path.suffix == ".md" and parts.fragment not in anchors(path.read_text(encoding="utf-8")):
        return f"names no heading of {path.relative_to(ROOT)}"
    return None


def test_link_checker_catches_bad_links() -> None:
    for target in ("../shared/docs/annotation-guide.md", "docs/nothing.md", "https://example.org/x", "/etc/passwd",
                   "docs/events.md#no-such-heading", "#no-such-heading"):
        assert link_problem(README, target), target
    for target in ("docs/events.md", "docs/output-format.md#scoring", "#api-tour", "examples/README.md"):
        assert link_problem(README, target) is None, target


@pytest.mark.parametrize("page", [README, *DOCS], ids=lambda p: str(p.relative_to(ROOT)))
def test_links_point_to_files_of_the_repository(page: Path) -> None:
    found = links(page.read_text(encoding="utf-8"))
    bad = [f"{target}: {problem}" for target in found if (problem := link_problem(page, target))]
    assert not bad, f"{page.relative_to(ROOT)}:\n" + "\n".join(bad)


def test_the_docs_pages_exist_and_are_linked_from_the_readme() -> None:
    names = {p.name for p in DOCS}
    assert {"events.md", "output-format.md"} <= names
    linked = {Path(urlsplit(t).path).name for t in links(README.read_text(encoding="utf-8"))}
    assert {"events.md", "output-format.md"} <= linked
    for page in DOCS:
        assert "../shared" not in page.read_text(encoding="utf-8"), f"{page.name} refers outside the repository"


def test_every_error_code_is_explained_in_the_readme() -> None:
    from diplo_extract.errors import Errors

    codes = sorted(name for name in vars(Errors) if re.fullmatch(r"E\d{3}", name))
    table = _section(README.read_text(encoding="utf-8"), "Reliability")  # its "Error codes" table
    missing = [c for c in codes if f"`{c}`" not in table]
    assert codes and not missing, f"error codes without a line in the README's table: {missing}"
