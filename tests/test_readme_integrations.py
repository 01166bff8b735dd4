"""The README's "spaCy and displaCy" section as a user meets it: its Python blocks
run as pasted in an empty folder and print exactly the output block shown under
them; its command writes the page it promises."""
from __future__ import annotations

import re
import shlex
import subprocess
import sys

import pytest
from paths import ROOT

README = ROOT / "README.md"
FENCE = re.compile(r"^```(\w*)[^\n]*\n(.*?)^```", re.DOTALL | re.MULTILINE)


def _section(title: str) -> str:
    match = re.search(rf"^## {re.escape(title)}\n(.*?)(?=^## |\Z)", README.read_text(encoding="utf-8"), re.DOTALL | re.MULTILINE)
    assert match, f"README has no '## {title}' section"
    return match.group(1)


def _blocks(section: str, lang: str) -> list[str]:
    return [body for tag, body in FENCE.findall(section) if tag == lang]


@pytest.mark.parametrize("index", [0, 1], ids=["spacy-component", "displacy-render"])
def test_the_python_blocks_print_what_the_readme_shows(tmp_path, index) -> None:
    section = _section("spaCy and displaCy")
    code, shown = _blocks(section, "python")[index], _blocks(section, "")[index]
    run = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, encoding="utf-8", timeout=300, check=False)
    assert run.returncode == 0, run.stderr[-2000:]
    assert run.stdout == shown


def test_the_displacy_command_writes_a_page(tmp_path) -> None:
    (command,) = _blocks(_section("spaCy and displaCy"), "bash")
    words = shlex.split(command)
    assert words[:2] == ["diplo-extract", "extract"]
    words = [str(ROOT / w) if w.startswith("examples/") else w for w in words[1:]]
    run = subprocess.run([sys.executable, "-m", "diplo_extract.cli", *words], cwd=tmp_path, capture_output=True, text=True,
                         encoding="utf-8", timeout=300, check=False)
    assert run.returncode == 0, run.stderr[-2000:]
    assert re.search(r"^1\s+meeting\s+occurred", run.stdout, re.MULTILINE), run.stdout
    page = (tmp_path / "events.html").read_text(encoding="utf-8")
    assert page.count("<figure") == 1 and "meeting:trigger" in page
