"""Start-up: what a fresh process imports. Russian-only work never imports spaCy, and
``diplo-extract --help`` imports neither the pipeline nor any model library."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

from paths import ROOT

EXTRACT = (
    "import json, sys\n"
    "from diplo_extract import Extractor\n"
    "result = Extractor().extract({text!r}, published='2020-11-26')\n"
    "print(json.dumps([len(result.events), sorted(m for m in {watch!r} if m in sys.modules)]))\n"
)
HELP = (
    "import json, sys\n"
    "from diplo_extract import cli\n"
    "try:\n    cli.main({argv!r})\nexcept SystemExit:\n    pass\n"
    "print(json.dumps([0, sorted(m for m in {watch!r} if m in sys.modules)]))\n"
)
WATCH = ("spacy", "natasha", "pymorphy3", "pydantic", "diplo_extract.pipeline")


def _run(code: str) -> tuple[int, list[str]]:
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=300, check=True)
    events, modules = json.loads(proc.stdout.strip().splitlines()[-1])
    return events, modules


@pytest.mark.parametrize(("case", "code", "events", "loaded"), [
    ("Russian text: natasha, no spaCy",
     EXTRACT.format(text="Сергей Лавров и Владимир Макей провели переговоры в Минске 26 ноября.", watch=WATCH),
     1, ["diplo_extract.pipeline", "natasha", "pydantic", "pymorphy3"]),
    ("English text: spaCy, no natasha",
     EXTRACT.format(text="Sergei Lavrov met Vladimir Makei in Minsk on Thursday.", watch=WATCH),
     1, ["diplo_extract.pipeline", "pydantic", "spacy"]),
    ("--help: nothing heavy", HELP.format(argv=["--help"], watch=WATCH), 0, []),
    ("extract --help: nothing heavy", HELP.format(argv=["extract", "--help"], watch=WATCH), 0, []),
])
def test_modules_a_process_loads(case: str, code: str, events: int, loaded: list[str]) -> None:
    assert _run(code) == (events, loaded), case
