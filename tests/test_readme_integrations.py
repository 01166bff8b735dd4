"""The README's "spaCy and displaCy" and "Label Studio" sections as a user meets
them: the Python blocks run as pasted (a fresh interpreter in an empty folder) and
print exactly the output block shown under them; the commands (run in-process, in
an empty folder) do what the sections promise."""
from __future__ import annotations

import re
import shlex
import subprocess
import sys

import pytest
from paths import ROOT

from diplo_extract import cli

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


def test_the_displacy_command_writes_a_page(here, capsys) -> None:
    (command,) = _blocks(_section("spaCy and displaCy"), "bash")
    words = shlex.split(command)
    assert words[:2] == ["diplo-extract", "extract"]
    assert _cli(words[1:]) == 0
    out = capsys.readouterr().out
    assert re.search(r"^1\s+meeting\s+occurred", out, re.MULTILINE), out
    page = (here / "events.html").read_text(encoding="utf-8")
    assert page.count("<figure") == 1 and "meeting:trigger" in page


@pytest.fixture
def here(monkeypatch, tmp_path, extractor):  # noqa: ANN001, ANN201
    """Commands run in-process in an empty folder, with the session's extractor (models load once)."""
    monkeypatch.setattr(cli, "_extractor", lambda args: extractor)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _cli(words: list[str]) -> int:
    """Run one README command line (its words after ``diplo-extract``); repository paths resolved."""
    return cli.main([str(ROOT / w) if w.startswith(("examples/", "tests/")) else w for w in words])


def test_the_label_studio_commands_work_as_written(here, capsys) -> None:
    """Each command of the section in turn; Label Studio's part (accepting the
    predictions and exporting) is played by copying predictions to annotations."""
    import json

    from diplo_extract.evaluation import load_gold

    block = _blocks(_section("Label Studio"), "bash")[0]
    commands = [shlex.split(line) for line in block.splitlines() if line.startswith("diplo-extract ")]
    assert [c[1] for c in commands] == ["extract", "export-ls", "import-ls", "bench"]
    for words in commands[:2]:
        assert _cli(words[1:]) == 0
    tasks = json.loads((here / "tasks.json").read_text(encoding="utf-8"))
    export = [{"id": n, "data": t["data"], "annotations": [{"id": n, "result": t["predictions"][0]["result"], "was_cancelled": False}]}
              for n, t in enumerate(tasks, 1)]
    (here / "project-export.json").write_text(json.dumps(export, ensure_ascii=False), encoding="utf-8")
    assert _cli(commands[2][1:]) == 0
    gold = load_gold(here / "gold.jsonl")
    extracted = [json.loads(line) for line in (here / "events.jsonl").read_text(encoding="utf-8").splitlines()]
    # export-ls puts the most doubtful documents first: compare by id
    assert {g["id"]: len(g["events"]) for g in gold} == {e["id"]: len(e["events"]) for e in extracted}
    capsys.readouterr()
    assert _cli(commands[3][1:]) == 0
    out = capsys.readouterr().out
    assert re.search(r"^events\s+1\.000\s+1\.000\s+1\.000\s+[1-9]", out, re.MULTILINE), out  # gold = the predictions
    assert re.search(r"^arguments\s+1\.000\s+1\.000\s+1\.000\s+[1-9]", out, re.MULTILINE), out


def test_the_brat_commands_work_as_written(here) -> None:
    import json

    from paths import DEV

    block = _blocks(_section("Label Studio"), "bash")[1]
    commands = [shlex.split(line.split("#")[0]) for line in block.splitlines() if line.startswith("diplo-extract ")]
    assert [c[1] for c in commands] == ["export-brat", "import-brat"]
    for words in commands:
        assert _cli(words[1:]) == 0
    back = [json.loads(line) for line in (here / "gold.jsonl").read_text(encoding="utf-8").splitlines()]
    assert back == [json.loads(p.read_text(encoding="utf-8")) for p in sorted(DEV.glob("*.json"))]
