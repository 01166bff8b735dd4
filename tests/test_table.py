"""Events as a table (``diplo_extract.table``) and ``extract --format jsonl|csv|parquet``."""
from __future__ import annotations

import csv
import datetime as dt
import io
import json
import sys

import pytest

from diplo_extract import cli
from diplo_extract.date_values import day_span
from diplo_extract.errors import DiploExtractError
from diplo_extract.schema import DateArg, DocumentArg, DocumentResult, Event, LocationArg, PartyArg, Period, PersonArg, Span
from diplo_extract.table import COLUMNS, csv_records, event_rows, events_frame, write_parquet

TEXT = "26 ноября в Минске Сергей Лавров и Владимир Макей подписали план консультаций на 2021 год."


def _span(fragment: str) -> Span:
    start = TEXT.index(fragment)
    return Span(start=start, end=start + len(fragment), text=fragment)


SIGNING = Event(
    type="signing", status="occurred", mentions=[_span("подписали")], id="e1", evidence=_span(TEXT[:-1]),
    date=DateArg(value="2020-11-26", spans=[_span("26 ноября")]), location=LocationArg(name="Минск", spans=[_span("Минске")]),
    persons=[PersonArg(name="Сергей Лавров", spans=[_span("Сергей Лавров")]), PersonArg(name="Владимир Макей", spans=[_span("Владимир Макей")])],
    parties=[PartyArg(code="RUS"), PartyArg(code="BLR")],
    document=DocumentArg(kind="plan", title="план консультаций на 2021 год", period=Period(start=2021, end=2021),
                         spans=[_span("план консультаций на 2021 год")]),
)
MEETING = Event(type="meeting", status="planned", mentions=[_span("Минске")], date=DateArg(value="2020-12"))
RESULTS = [
    DocumentResult(id="doc-1", lang="ru", published="2020-11-26", text=TEXT, events=[SIGNING, MEETING]),
    DocumentResult(id="doc-2", lang="ru", text="Погода.", events=[]),
    DocumentResult(id="doc-3", lang="und", text="", error="E020 text must be a str, got NoneType"),
]


@pytest.mark.parametrize(("value", "published", "expected"), [
    ("2020-11-26", None, ("2020-11-26", "2020-11-26", "day")),
    ("2021-11", None, ("2021-11-01", "2021-11-30", "month")),
    ("2024-02", None, ("2024-02-01", "2024-02-29", "month")),
    ("2025", None, ("2025-01-01", "2025-12-31", "year")),
    ("2022-11-27/2022-11-28", None, ("2022-11-27", "2022-11-28", "range")),
    ("2022-11/2022-12-03", None, ("2022-11-01", "2022-12-03", "range")),
    ("XXXX-10-30", dt.date(2020, 11, 2), ("2020-10-30", "2020-10-30", "day")),
    # negative: nothing that names no real day
    ("XXXX-10-30", None, None),
    ("2021-02-30", None, None),
    ("2021-13", None, None),
    ("2022-12-01/2022-11-01", None, None),
    ("next week", None, None),
    ("", None, None),
    (None, None, None),
])
def test_day_span_of_a_date_value(value, published, expected) -> None:
    span = day_span(value, published)
    got = None if span is None else (span.start.isoformat(), span.end.isoformat(), span.precision)
    assert got == expected


def test_rows_one_per_event_with_the_columns_in_order() -> None:
    rows = list(event_rows(RESULTS))
    assert [tuple(r) for r in rows] == [COLUMNS, COLUMNS]
    signing, meeting = rows
    assert (signing["document_id"], signing["event_index"], signing["type"], signing["status"]) == ("doc-1", 0, "signing", "occurred")
    assert (signing["date_start"], signing["date_end"]) == (dt.date(2020, 11, 26), dt.date(2020, 11, 26))
    assert (signing["persons"], signing["parties"], signing["location"]) == ("Сергей Лавров; Владимир Макей", "RUS; BLR", "Минск")
    assert (signing["document_kind"], signing["period_start"], signing["period_end"]) == ("plan", 2021, 2021)
    assert (signing["trigger"], signing["evidence"]) == ("подписали", TEXT[:-1])
    assert (meeting["event_index"], meeting["date_start"], meeting["date_end"]) == (1, dt.date(2020, 12, 1), dt.date(2020, 12, 31))
    assert (meeting["persons"], meeting["parties"], meeting["document_title"], meeting["evidence"]) == (None, None, None, None)


def test_spans_column_points_into_the_text() -> None:
    spans = json.loads(next(event_rows(RESULTS))["spans"])
    assert set(spans) == {"mentions", "date", "location", "persons", "parties", "document"}
    flat = [*spans["mentions"], *spans["date"], *spans["location"], *spans["document"], *(s for v in spans["persons"].values() for s in v)]
    assert len(flat) == 6
    for start, end, text in flat:
        assert TEXT[start:end] == text


def test_csv_reads_back_to_the_rows() -> None:
    text = "\n".join(csv_records(event_rows(RESULTS))) + "\n"
    back = list(csv.DictReader(io.StringIO(text)))
    assert [r["type"] for r in back] == ["signing", "meeting"]
    assert back[0]["date_start"] == "2020-11-26" and back[1]["persons"] == "" and back[1]["date_end"] == "2020-12-31"
    assert json.loads(back[0]["spans"]) == json.loads(next(event_rows(RESULTS))["spans"])


def test_frame_has_the_columns_and_types() -> None:
    pytest.importorskip("pandas")
    frame = events_frame(RESULTS)
    assert list(frame.columns) == list(COLUMNS) and len(frame) == 2
    assert str(frame["event_index"].dtype) == "Int64" and frame["period_start"].tolist()[0] == 2021
    assert frame["date_start"].tolist() == [dt.date(2020, 11, 26), dt.date(2020, 12, 1)]
    assert frame.loc[frame["parties"].str.contains("BLR", na=False), "type"].tolist() == ["signing"]
    empty = events_frame([RESULTS[1], RESULTS[2]])
    assert list(empty.columns) == list(COLUMNS) and len(empty) == 0


def test_parquet_round_trip_and_same_bytes(tmp_path) -> None:
    pandas = pytest.importorskip("pandas")
    first, second = tmp_path / "a.parquet", tmp_path / "b.parquet"
    assert write_parquet(RESULTS, str(first)) == 2
    write_parquet(RESULTS, str(second))
    assert first.read_bytes() == second.read_bytes()
    back = pandas.read_parquet(first)
    assert back["document_title"].iloc[0] == "план консультаций на 2021 год" and back["document_title"].isna().tolist() == [False, True]
    assert back["date_end"].tolist() == [dt.date(2020, 11, 26), dt.date(2020, 12, 31)]


@pytest.mark.parametrize("missing", ["pandas", "pyarrow"])
def test_without_the_table_extra_a_coded_error(monkeypatch, missing) -> None:
    monkeypatch.setitem(sys.modules, missing, None)  # import now raises ImportError
    with pytest.raises(DiploExtractError, match=r"^E080 .*pip install 'diplo_extract\[table\]'"):
        events_frame(RESULTS)


# ----------------------------------------------------------------- the CLI


@pytest.fixture
def batch(tmp_path, monkeypatch):  # noqa: ANN001, ANN201
    """A JSONL batch and a CLI whose extractor returns the hand-built results."""
    class Canned:
        def extract_many(self, records, **kwargs):  # noqa: ANN001, ANN003, ANN202
            by_id = {r.id: r for r in RESULTS}
            return (by_id[r["id"]] for r in records)

    monkeypatch.setattr(cli, "_extractor", lambda args: Canned())
    path = tmp_path / "in.jsonl"
    path.write_text("".join(json.dumps({"id": r.id, "text": r.text}) + "\n" for r in RESULTS), encoding="utf-8")
    return path


def test_cli_csv_to_stdout(batch, capsys) -> None:
    assert cli.main(["extract", str(batch), "--format", "csv", "--no-progress"]) == cli.EXIT_SOME_FAILED  # doc-3 carries an error
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert [(r["document_id"], r["event_index"], r["type"]) for r in rows] == [("doc-1", "0", "signing"), ("doc-1", "1", "meeting")]


def test_cli_jsonl_one_compact_object_per_document(batch, tmp_path, capsys) -> None:
    out = tmp_path / "out.jsonl"
    cli.main(["extract", str(batch), "--format", "jsonl", "-o", str(out), "--no-progress"])
    lines = out.read_text(encoding="utf-8").splitlines()
    assert [json.loads(line)["id"] for line in lines] == ["doc-1", "doc-2", "doc-3"]


def test_cli_parquet_to_a_file(batch, tmp_path) -> None:
    pandas = pytest.importorskip("pandas")
    out = tmp_path / "events.parquet"
    cli.main(["extract", str(batch), "--format", "parquet", "-o", str(out), "--no-progress"])
    assert pandas.read_parquet(out)["type"].tolist() == ["signing", "meeting"]


@pytest.mark.parametrize(("argv", "code"), [
    (["--format", "parquet"], "E081"),  # binary: never to stdout
    (["--format", "xlsx"], None),  # not a format: argparse says so
])
def test_cli_refuses_unusable_table_output(batch, capsys, argv, code) -> None:
    if code is None:
        with pytest.raises(SystemExit) as stop:
            cli.main(["extract", str(batch), *argv])
        assert stop.value.code == 2
        assert "invalid choice: 'xlsx'" in capsys.readouterr().err
        return
    assert cli.main(["extract", str(batch), *argv]) == cli.EXIT_INPUT
    err = capsys.readouterr().err
    assert err.startswith(f"diplo-extract: error: {code} ") and len(err.strip().splitlines()) == 1


def test_cli_parquet_without_the_extra_fails_before_extracting(batch, tmp_path, monkeypatch, capsys) -> None:
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    assert cli.main(["extract", str(batch), "--format", "parquet", "-o", str(tmp_path / "x.parquet")]) == cli.EXIT_INPUT
    assert "E080" in capsys.readouterr().err and not (tmp_path / "x.parquet").exists()
