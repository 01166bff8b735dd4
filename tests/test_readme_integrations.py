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


def _cli(words: list[str], cwd) -> subprocess.CompletedProcess:  # noqa: ANN001
    words = [str(ROOT / w) if w.startswith("examples/") else w for w in words]
    return subprocess.run([sys.executable, "-m", "diplo_extract.cli", *words], cwd=cwd, capture_output=True, text=True,
                          encoding="utf-8", timeout=300, check=False)


def test_the_label_studio_commands_work_as_written(tmp_path) -> None:
    """Each command of the section in turn; Label Studio's part (accepting the
    predictions and exporting) is played by copying predictions to annotations."""
    import json

    from diplo_extract.evaluation import load_gold

    block = _blocks(_section("Label Studio"), "bash")[0]
    commands = [shlex.split(line) for line in block.splitlines() if line.startswith("diplo-extract ")]
    assert [c[1] for c in commands] == ["extract", "export-ls", "import-ls", "bench"]
    for words in commands[:2]:
        run = _cli(words[1:], tmp_path)
        assert run.returncode == 0, run.stderr[-2000:]
    tasks = json.loads((tmp_path / "tasks.json").read_text(encoding="utf-8"))
    export = [{"id": n, "data": t["data"], "annotations": [{"id": n, "result": t["predictions"][0]["result"], "was_cancelled": False}]}
              for n, t in enumerate(tasks, 1)]
    (tmp_path / "project-export.json").write_text(json.dumps(export, ensure_ascii=False), encoding="utf-8")
    run = _cli(commands[2][1:], tmp_path)
    assert run.returncode == 0, run.stderr[-2000:]
    gold = load_gold(tmp_path / "gold.jsonl")
    extracted = [json.loads(line) for line in (tmp_path / "events.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [len(g["events"]) for g in gold] == [len(e["events"]) for e in extracted]
    run = _cli(commands[3][1:], tmp_path)
    assert run.returncode == 0 and "event" in run.stdout.lower(), run.stderr[-2000:]


def test_the_brat_commands_work_as_written(tmp_path) -> None:
    import json

    from paths import DEV

    block = _blocks(_section("Label Studio"), "bash")[1]
    commands = [shlex.split(line.split("#")[0]) for line in block.splitlines() if line.startswith("diplo-extract ")]
    assert [c[1] for c in commands] == ["export-brat", "import-brat"]
    for words in commands:
        words = [str(ROOT / w) if w.startswith("tests/") else w for w in words[1:]]
        run = _cli(words, tmp_path)
        assert run.returncode == 0, run.stderr[-2000:]
    back = [json.loads(line) for line in (tmp_path / "gold.jsonl").read_text(encoding="utf-8").splitlines()]
    assert back == [json.loads(p.read_text(encoding="utf-8")) for p in sorted(DEV.glob("*.json"))]
