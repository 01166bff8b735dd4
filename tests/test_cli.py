"""The command line: ``diplo-extract extract | bench | schema``.

Most tests call :func:`diplo_extract.cli.main` in-process with the session's
extractor (models load once); one runs the real module in a subprocess."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from diplo_extract import cli

TEXT = "26 ноября в Минске Сергей Лавров и Владимир Макей подписали план консультаций на 2021 год."


@pytest.fixture
def shared(monkeypatch, extractor):  # noqa: ANN001, ANN201
    """Make the CLI use the session's extractor instead of building its own."""
    monkeypatch.setattr(cli, "_extractor", lambda args: extractor)
    return extractor


def _span(fragment: str) -> dict:
    start = TEXT.index(fragment)
    return {"start": start, "end": start + len(fragment), "text": fragment}


def _gold(doc_id: str = "cli-1", status: str = "occurred") -> dict:
    return {
        "id": doc_id, "lang": "ru", "published": "2020-11-26", "text": TEXT,
        "events": [{
            "type": "signing", "status": status, "mentions": [_span("подписали")],
            "date": {"value": "2020-11-26", "spans": [_span("26 ноября")]},
            "location": {"name": "Минск", "spans": [_span("Минске")]},
            "persons": [{"name": "Сергей Лавров", "spans": [_span("Сергей Лавров")]},
                        {"name": "Владимир Макей", "spans": [_span("Владимир Макей")]}],
            "parties": [{"code": "RUS", "spans": []}, {"code": "BLR", "spans": []}],
            "document": {"kind": "plan", "title": "план консультаций на 2021 год", "period": {"start": 2021, "end": 2021},
                         "spans": [_span("план консультаций на 2021 год")]},
        }],
    }


def _jsonl(path: Path, lines: list) -> Path:  # noqa: ANN001
    path.write_text("".join((line if isinstance(line, str) else json.dumps(line, ensure_ascii=False)) + "\n" for line in lines),
                    encoding="utf-8")
    return path


def _one_line_error(err: str, *needles: str) -> None:
    lines = err.strip().splitlines()
    assert len(lines) == 1, f"expected a one-line error, got {err!r}"
    assert lines[0].startswith("diplo-extract: error: ")
    for needle in needles:
        assert needle in lines[0]


# ----------------------------------------------------------------- extract, one text


def test_extract_txt_to_stdout_is_json_with_events(shared, tmp_path, capsys) -> None:
    path = tmp_path / "article.txt"
    path.write_text(TEXT, encoding="utf-8")
    assert cli.main(["extract", str(path), "--published", "2020-11-26"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["id"] == "article", "the file stem is the default id"
    assert out["text"] == TEXT
    assert [e["type"] for e in out["events"]] == ["signing"]
    assert out["events"][0]["date"]["value"] == "2020-11-26"


def test_extract_to_output_file_compact_with_id(shared, tmp_path, capsys) -> None:
    path, out_path = tmp_path / "a.txt", tmp_path / "out.json"
    path.write_text(TEXT, encoding="utf-8")
    assert cli.main(["extract", str(path), "--id", "doc-9", "--compact", "-o", str(out_path)]) == 0
    assert capsys.readouterr().out == ""
    content = out_path.read_text(encoding="utf-8")
    assert content.count("\n") == 1, "--compact writes one line"
    assert json.loads(content)["id"] == "doc-9"


def test_extract_from_stdin(shared, monkeypatch, capsys) -> None:
    import io

    monkeypatch.setattr(sys, "stdin", io.StringIO(TEXT))
    assert cli.main(["extract", "-", "--published", "2020-11-26"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["id"] is None
    assert out["events"]


def test_non_utf8_file_exits_2_naming_the_file(shared, tmp_path, capsys) -> None:
    path = tmp_path / "cp1251.txt"
    path.write_bytes(TEXT.encode("cp1251"))
    assert cli.main(["extract", str(path)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    _one_line_error(captured.err, str(path), "UTF-8")


def test_non_utf8_jsonl_exits_2(shared, tmp_path, capsys) -> None:
    path = tmp_path / "batch.jsonl"
    path.write_bytes(json.dumps({"id": "a", "text": TEXT}, ensure_ascii=False).encode("cp1251") + b"\n")
    assert cli.main(["extract", str(path), "--no-progress"]) == 2
    _one_line_error(capsys.readouterr().err, str(path))


@pytest.mark.parametrize("name", ["missing.txt", "missing.jsonl"])
def test_missing_file_exits_2(shared, tmp_path, capsys, name: str) -> None:
    path = tmp_path / name
    assert cli.main(["extract", str(path)]) == 2
    _one_line_error(capsys.readouterr().err, str(path))


def test_bad_published_exits_2(shared, tmp_path, capsys) -> None:
    path = tmp_path / "a.txt"
    path.write_text(TEXT, encoding="utf-8")
    assert cli.main(["extract", str(path), "--published", "yesterday"]) == 2
    _one_line_error(capsys.readouterr().err, "yesterday")


def test_unwritable_output_exits_2(shared, tmp_path, capsys) -> None:
    path = tmp_path / "a.txt"
    path.write_text(TEXT, encoding="utf-8")
    target = tmp_path / "no" / "such" / "dir" / "out.json"
    assert cli.main(["extract", str(path), "-o", str(target)]) == 2
    _one_line_error(capsys.readouterr().err, str(target))


# ----------------------------------------------------------------- extract, batch


def test_jsonl_batch_keeps_ids_and_marks_broken_records(shared, tmp_path, capsys) -> None:
    path = _jsonl(tmp_path / "batch.jsonl", [
        {"id": "good", "text": TEXT, "published": "2020-11-26"},
        {"id": "null-text", "text": None},
        '{"id": "broken", "text": "unterminated',
        {"id": "bad-date", "text": TEXT, "published": "2020-13-45"},
        {"id": 42, "text": "Lavrov met Makei in Minsk on Thursday.", "published": "2020-11-26"},
        "[1, 2]",
    ])
    out_path = tmp_path / "out.jsonl"
    assert cli.main(["extract", str(path), "-o", str(out_path), "--no-progress"]) == 3, "some records failed: exit 3"
    lines = out_path.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 6, "one output line per input line"
    docs = [json.loads(line) for line in lines]
    assert [d["id"] for d in docs] == ["good", "null-text", "line-3", "bad-date", "42", "line-6"]
    assert [d["error"] is not None for d in docs] == [False, True, True, True, False, True]
    assert docs[0]["events"] and docs[4]["events"]
    assert "E031" in docs[2]["error"] and f"{path}:3:" in docs[2]["error"], (
        "an unparsable line says so (E031 with its line number), not a misleading type error: " + docs[2]["error"])
    assert "E031" in docs[5]["error"] and "not an object" in docs[5]["error"]
    assert docs[1]["error"].startswith("E020") and docs[3]["error"].startswith("E021")
    err = capsys.readouterr().err
    assert "4 of 6 documents failed" in err and "null-text, line-3, bad-date, line-6" in err


def test_jsonl_batch_to_stdout(shared, tmp_path, capsys) -> None:
    path = _jsonl(tmp_path / "batch.jsonl", [{"id": "a", "text": TEXT}, {"id": "b", "text": ""}])
    assert cli.main(["extract", str(path), "--no-progress"]) == 0
    docs = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [d["id"] for d in docs] == ["a", "b"]
    assert docs[1]["events"] == [] and docs[1]["lang"] == "und" and docs[1]["error"] is None


# ----------------------------------------------------------------- schema and help


def test_schema_is_a_json_schema_with_events(capsys) -> None:
    assert cli.main(["schema"]) == 0
    schema = json.loads(capsys.readouterr().out)
    assert schema["type"] == "object"
    assert "events" in schema["properties"]
    assert {"text", "lang"} <= set(schema.get("required", []))


@pytest.mark.parametrize(
    ("argv", "options"),
    [
        ([], ["extract", "bench", "schema"]),
        (["extract"], ["--published", "--id", "--output", "--compact", "--no-progress", "--actors", "--en-pipeline", ".jsonl"]),
        (["bench"], ["--by-type", "--json", "--verbose", "--predictions", "--actors", "--en-pipeline"]),
        (["schema"], ["usage: diplo-extract schema", "--help"]),
    ],
    ids=["main", "extract", "bench", "schema"],
)
def test_help_mentions_options(capsys, argv: list[str], options: list[str]) -> None:
    with pytest.raises(SystemExit) as info:
        cli.main([*argv, "--help"])
    assert info.value.code == 0
    out = capsys.readouterr().out
    for option in options:
        assert option in out, f"{' '.join(argv) or 'main'} --help does not mention {option}"


def test_no_command_is_a_usage_error(capsys) -> None:
    with pytest.raises(SystemExit) as info:
        cli.main([])
    assert info.value.code == 2
    assert "usage" in capsys.readouterr().err


# ----------------------------------------------------------------- bench


def test_bench_on_tiny_gold(shared, tmp_path, capsys) -> None:
    gold = _jsonl(tmp_path / "gold.jsonl", [_gold()])
    assert cli.main(["bench", str(gold), "--by-type"]) == 0
    out = capsys.readouterr().out
    assert "events" in out
    assert "documents: 1" in out
    assert "signing" in out


def test_bench_json_report(shared, tmp_path, capsys) -> None:
    gold = _jsonl(tmp_path / "gold.jsonl", [_gold()])
    predictions = tmp_path / "pred.jsonl"
    assert cli.main(["bench", str(gold), "--json", "--predictions", str(predictions)]) == 0
    report = json.loads(capsys.readouterr().out)
    assert "events" in report
    (pred,) = [json.loads(line) for line in predictions.read_text(encoding="utf-8").splitlines()]
    assert pred["id"] == "cli-1"


def test_bench_bad_gold_exits_2_naming_record_and_field(shared, tmp_path, capsys) -> None:
    gold = _jsonl(tmp_path / "gold.jsonl", [_gold("ok-1"), _gold("bad-1", status="happened")])
    assert cli.main(["bench", str(gold)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    _one_line_error(captured.err, "bad-1", "events[0].status", "gold.jsonl:2")


def test_bench_missing_gold_exits_2(shared, tmp_path, capsys) -> None:
    assert cli.main(["bench", str(tmp_path / "nope.jsonl")]) == 2
    _one_line_error(capsys.readouterr().err, "nope.jsonl")


# ----------------------------------------------------------------- the real entry point


def test_module_entry_point_in_a_subprocess(tmp_path) -> None:
    path = tmp_path / "article.txt"
    path.write_text(TEXT, encoding="utf-8")
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\xff\xfe\xfa")
    run = subprocess.run([sys.executable, "-m", "diplo_extract.cli", "extract", str(bad)], capture_output=True, text=True, timeout=120)
    assert run.returncode == 2
    assert str(bad) in run.stderr and len(run.stderr.strip().splitlines()) == 1
    run = subprocess.run([sys.executable, "-m", "diplo_extract.cli", "extract", str(path), "--published", "2020-11-26", "--compact"],
                         capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    assert [e["type"] for e in json.loads(run.stdout)["events"]] == ["signing"]


def test_batch_with_two_jobs_matches_one_job(tmp_path) -> None:
    """Worker processes give the same results, in input order."""
    src = tmp_path / "in.jsonl"
    rows = [{"id": f"d{k}", "text": f"Сергей Лавров провел переговоры с Ван И в Пекине {k + 1} апреля.", "published": "2024-04-30"} for k in range(6)]
    src.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\nnot json\n", encoding="utf-8")
    outs = []
    for jobs in ("1", "2"):
        out = tmp_path / f"out{jobs}.jsonl"
        assert cli.main(["extract", str(src), "-o", str(out), "--no-progress", "--jobs", jobs]) == 3, "the unparsable line fails"
        outs.append([json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()])
    assert outs[0] == outs[1]
    assert [r["id"] for r in outs[1]] == [f"d{k}" for k in range(6)] + ["line-7"]
    assert [r["events"][0]["date"]["value"] for r in outs[1][:6]] == [f"2024-04-0{k + 1}" for k in range(6)]


# ------------------------------------------------------------------ clean edges

class _BinaryStdin:
    def __init__(self, data: bytes) -> None:
        import io

        self.buffer = io.BytesIO(data)


def test_non_utf8_stdin_is_one_coded_line(shared, monkeypatch, capsys) -> None:
    monkeypatch.setattr(sys, "stdin", _BinaryStdin(b"caf\xe9 Lavrov met Blinken"))
    assert cli.main(["extract", "-"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("diplo-extract: error: E032") and len(err.strip().splitlines()) == 1


def test_utf8_stdin_bytes_are_read(shared, monkeypatch, capsys) -> None:
    monkeypatch.setattr(sys, "stdin", _BinaryStdin(TEXT.encode("utf-8")))
    assert cli.main(["extract", "-", "--published", "2020-11-26"]) == 0
    assert json.loads(capsys.readouterr().out)["events"]


@pytest.mark.parametrize("argv", [["schema"], ["extract", "{article}", "--published", "2020-11-26"], ["bench", "{gold}", "--verbose"]])
def test_a_closed_pipe_ends_quietly(tmp_path, argv) -> None:
    """`diplo-extract schema | head -1`: no traceback when the reader goes away."""
    article = tmp_path / "article.txt"
    article.write_text(TEXT, encoding="utf-8")
    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps(_gold(), ensure_ascii=False) + "\n", encoding="utf-8")
    argv = [a.replace("{article}", str(article)).replace("{gold}", str(gold)) for a in argv]
    proc = subprocess.Popen([sys.executable, "-m", "diplo_extract.cli", *argv], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    proc.stdout.readline()
    proc.stdout.close()  # the reader goes away after one line
    err = proc.stderr.read().decode()
    assert proc.wait(timeout=300) == 0
    assert "Traceback" not in err and "BrokenPipe" not in err, err


def test_every_record_failing_exits_3_naming_them(shared, tmp_path, capsys) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text('{"id": "a", "text": null}\n{"id": "b", "published": "2020-01-01"}\n', encoding="utf-8")
    assert cli.main(["extract", str(path), "-o", str(tmp_path / "out.jsonl"), "--no-progress"]) == 3
    assert "2 of 2 documents failed" in capsys.readouterr().err


def test_a_text_over_max_chars_is_an_error_record(tmp_path, capsys) -> None:
    path = tmp_path / "long.jsonl"
    rows = [{"id": "long", "text": "Лавров провел переговоры. " * 40}, {"id": "short", "text": TEXT, "published": "2020-11-26"}]
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8")
    out = tmp_path / "out.jsonl"
    assert cli.main(["extract", str(path), "-o", str(out), "--no-progress", "--max-chars", "500"]) == 3
    docs = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert docs[0]["error"].startswith("E025") and docs[0]["lang"] == "und"
    assert docs[1]["error"] is None and docs[1]["events"]


def test_summary_format_is_one_line_per_event(shared, tmp_path, capsys) -> None:
    path = tmp_path / "article.txt"
    path.write_text(TEXT, encoding="utf-8")
    assert cli.main(["extract", str(path), "--published", "2020-11-26", "--format", "summary"]) == 0
    out = capsys.readouterr().out
    assert "signing" in out and "2020-11-26" in out and "RUS" in out and "{" not in out
