"""The Dask path on a real local cluster (2 worker processes, started once for the
module): the same bytes as one process, bad records as error records, a worker
killed mid-run recovered with nothing lost or duplicated, and `extract --dask`."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import dask.bag as db
import dask.dataframe as dd
import distributed
import pandas as pd
import pytest
from paths import DEV

from diplo_extract import cli
from diplo_extract.dask import EVENT_COLUMNS, event_rows, extract_bag, extract_frame, extract_partition, install_extractor
from diplo_extract.dask_shards import Shard, write_shard
from diplo_extract.errors import DiploExtractError
from diplo_extract.pipeline import Extractor
from worker_hooks import die_once

DOCS = 20
LIMIT = 60_000  # max_chars of the extractor of these tests: over every text of the subset, so its output is the default one
RU = "Лавров и Ван И провели переговоры в Пекине."
EN = "Lavrov met Blinken in Geneva on Thursday."


@pytest.fixture(scope="module")
def client():
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, \
            distributed.Client(cluster) as dask_client:
        yield dask_client


@pytest.fixture(scope="module")
def records() -> list[dict]:
    docs = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(DEV.glob("*.json"))[:DOCS]]
    assert max(len(d["text"]) for d in docs) < LIMIT
    return [{"id": d["id"], "text": d["text"], "published": d.get("published")} for d in docs]


@pytest.fixture(scope="module")
def limited() -> Extractor:
    """The configuration the workers rebuild (one extractor per worker for the whole module)."""
    return Extractor(max_chars=LIMIT)


@pytest.fixture(scope="module")
def local_lines(extractor, records) -> list[str]:
    """The single-process output (the `extractor` of conftest: the default configuration)."""
    return [r.model_dump_json() for r in extractor.extract_many(records)]


def _dump(result) -> str:  # noqa: ANN001 - a DocumentResult
    return result.model_dump_json()


# ------------------------------------------------------------------------ bag
@pytest.mark.parametrize("partitions", [4, DOCS])
def test_bag_gives_the_bytes_of_one_process(client, limited, records, local_lines, partitions) -> None:
    out = extract_bag(db.from_sequence(records, npartitions=partitions), extractor=limited, client=client).map(_dump).compute()
    assert len(local_lines) == DOCS and any('"events":[{' in line for line in local_lines), "the dev docs hold events"
    assert out == local_lines


@pytest.mark.parametrize("bad,code", [
    ({"id": "none", "text": None}, "E020"),                       # not a string
    ({"id": "long", "text": "Лавров " * (LIMIT // 7 + 1)}, "E025"),  # over max_chars
    ({"id": "no-text"}, "E027"),                                  # no text field
    ({"id": "far", "text": RU, "published": "2999-01-01"}, "E021"),
    ({"id": ["x"], "text": RU}, "E026"),                          # an id that is neither a string nor a number
    ("just a string", "E027"),                                    # not an object
])
def test_a_bad_record_is_an_error_record_and_the_job_goes_on(client, limited, extractor, bad, code) -> None:
    good = [{"id": "ru", "text": RU, "published": "2024-04-09"}, {"id": "en", "text": EN, "published": "2024-04-12"}]
    records = [good[0], bad, good[1]]
    out = extract_bag(db.from_sequence(records, npartitions=2), extractor=limited, client=client).compute()
    assert len(out) == 3
    assert out[1].error is not None and out[1].error.startswith(code), out[1].error
    assert [r.error for r in (out[0], out[2])] == [None, None]
    assert [_dump(r) for r in (out[0], out[2])] == [_dump(extractor.extract_record(r)) for r in good], "the good ones as in one process"
    assert all(r.events for r in (out[0], out[2]))


def test_a_worker_killed_mid_run_loses_and_duplicates_nothing(client, limited, records, local_lines, tmp_path) -> None:
    before = set(client.run(os.getpid).values())
    marker = tmp_path / "died"
    bag = db.from_sequence(records, npartitions=4).map(die_once, str(marker), records[DOCS // 2]["id"])
    out = extract_bag(bag, extractor=limited, client=client).map(_dump).compute()
    after = set(client.run(os.getpid).values())
    assert marker.exists(), "the worker was killed"
    assert len(before - after) == 1, "one worker process was lost and replaced"
    assert out == local_lines, "every record once, in order, the bytes of one process"
    client.wait_for_workers(2, timeout=120)


def test_outside_a_worker_the_partition_function_says_so() -> None:
    with pytest.raises(DiploExtractError, match="E094"):
        extract_partition([{"text": RU}], "diplo-extract-000000000000")


# ---------------------------------------------------------------------- frame
def test_frame_has_one_row_per_event_of_one_process(client, limited, extractor, records) -> None:
    rows = [*records[:6], {"id": 7, "text": float("nan"), "published": None}]   # a missing text: its error row
    frame = pd.DataFrame(rows, columns=["id", "text", "published"])
    out = extract_frame(dd.from_pandas(frame, npartitions=3), extractor=limited, client=client).compute()
    local = [{**r, "id": str(r["id"]), "text": r["text"] if isinstance(r["text"], str) else None} for r in rows]
    expected = [row for r in extractor.extract_many(local) for row in event_rows(r)]
    assert list(out.columns) == list(EVENT_COLUMNS)
    assert out.to_dict("records") == expected
    assert out["error"].notna().sum() == 1 and out["error"].dropna().iloc[0].startswith("E020")
    first = out.dropna(subset=["type"]).iloc[0]
    spans = json.loads(first["mentions"])
    text = rows[[r["id"] for r in rows].index(first["id"])]["text"]
    assert spans and all(text[s["start"]:s["end"]] == s["text"] for s in spans), "spans as JSON, into the text"


@pytest.mark.parametrize("columns,missing", [
    ({"text": "body"}, "body"),
    ({"published": "date"}, "date"),
    ({"id": "key"}, "key"),
])
def test_frame_names_a_missing_column(client, limited, columns, missing) -> None:
    frame = dd.from_pandas(pd.DataFrame({"id": ["a"], "text": [RU], "published": ["2024-04-09"]}), npartitions=1)
    with pytest.raises(DiploExtractError, match=f"E095.*'{missing}'"):
        extract_frame(frame, extractor=limited, client=client, **columns)


def test_frame_without_optional_columns(client, limited) -> None:
    frame = dd.from_pandas(pd.DataFrame({"body": [RU, EN]}), npartitions=2)
    out = extract_frame(frame, text="body", published=None, id=None, extractor=limited, client=client).compute()
    assert sorted(out["type"]) == ["meeting", "meeting"] and out["id"].isna().all()


# ---------------------------------------------------------------------- shards
def _shards(folder: Path, records: list[dict], count: int = 3) -> list[Path]:
    folder.mkdir()
    paths = []
    for k in range(count):
        lines = [json.dumps(r, ensure_ascii=False) for r in records[k::count]]
        if k == 1:
            lines += ["{not json", json.dumps({"id": "nt", "text": 5})]
        paths.append(folder / f"part-{k}.jsonl")
        paths[-1].write_text("\n".join(lines) + "\n", encoding="utf-8")
    return paths


def _expected(extractor, path: Path) -> str:  # noqa: ANN001
    """What `diplo-extract extract SHARD -o FILE` writes in one process."""
    return "".join(r.model_dump_json() + "\n" for r in extractor.extract_many(cli._read_jsonl(str(path))))


def test_cli_writes_one_file_per_shard_with_the_bytes_of_one_process(client, extractor, records, tmp_path, capsys) -> None:
    shards = _shards(tmp_path / "in", records)
    out = tmp_path / "out"
    code = cli.main(["extract", str(tmp_path / "in" / "*.jsonl"), "-o", str(out), "--dask", client.scheduler.address, "--no-progress",
                     "--max-chars", str(LIMIT)])
    assert code == 3, "two bad lines in part-1: exit 3"
    assert sorted(p.name for p in out.iterdir()) == [p.name for p in shards], "one file per shard, named after it, nothing else"
    for shard in shards:
        assert (out / shard.name).read_text(encoding="utf-8") == _expected(extractor, shard)
    assert "2 of 22 documents failed" in capsys.readouterr().err


def test_a_rerun_shard_task_rewrites_its_file(client, limited, records, tmp_path) -> None:
    (shard,) = _shards(tmp_path / "in", records[:2], count=1)
    target = Shard(str(shard), str(tmp_path / "out" / shard.name))
    plugin = install_extractor(client, limited.config)
    first = client.submit(write_shard, target, plugin, pure=False).result()
    once = Path(target.output).read_text(encoding="utf-8")
    second = client.submit(write_shard, target, plugin, pure=False).result()
    assert (first.documents, second.documents) == (2, 2) and first.error is None
    assert Path(target.output).read_text(encoding="utf-8") == once and once.count("\n") == 2, "rewritten, not appended"
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [shard.name], "no partial file left"


def test_an_unreadable_shard_fails_alone(client, records, tmp_path, capsys) -> None:
    shards = _shards(tmp_path / "in", records[:4], count=2)
    shards[0].write_bytes(b'{"id": "x", "text": "\xff\xfe"}\n')
    out = tmp_path / "out"
    assert cli.main(["extract", str(tmp_path / "in" / "*.jsonl"), "-o", str(out), "--dask", client.scheduler.address, "--no-progress",
                     "--max-chars", str(LIMIT)]) == 3
    assert sorted(p.name for p in out.iterdir()) == [shards[1].name], "the other shard is written"
    assert f"E097 shard {shards[0]} not written: not UTF-8" in capsys.readouterr().err


@pytest.mark.parametrize("args,message", [
    (["--dask", "local:0"], "E091"),
    (["--dask", "local:two"], "E091"),
    (["--dask", "scheduler"], "E091"),
    (["--dask", "tcp://127.0.0.1:9"], "E093"),                    # nothing listens there
    (["--dask", "local:1", "--pattern", "none-*.jsonl"], "E092"),
    (["--dask", "local:1", "--no-output"], "E096"),
    (["--dask", "local:1", "--output-is-input"], "E096"),
    (["--dask", "local:1", "--jobs", "2"], "--jobs is for one machine"),
])
def test_cli_refuses_unusable_dask_input(records, tmp_path, capsys, monkeypatch, args, message) -> None:
    from diplo_extract import dask_shards

    monkeypatch.setattr(dask_shards, "CONNECT_TIMEOUT", "2s")
    _shards(tmp_path / "in", records[:2], count=1)
    pattern = str(tmp_path / "in" / "*.jsonl")
    output = ["-o", str(tmp_path / "out")]
    if "--pattern" in args:
        pattern = str(tmp_path / "in" / args[args.index("--pattern") + 1])
    if "--no-output" in args:
        output = []
    if "--output-is-input" in args:
        output = ["-o", str(tmp_path / "in")]
    flags = [a for a in args if a not in ("--pattern", "none-*.jsonl", "--no-output", "--output-is-input")]
    assert cli.main(["extract", pattern, *output, *flags, "--no-progress"]) == 2
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1, err
    assert not (tmp_path / "out").exists(), "nothing written"


def test_cli_starts_its_own_local_cluster(extractor, records, tmp_path) -> None:
    (shard,) = _shards(tmp_path / "in", records[:2], count=1)
    done = subprocess.run([sys.executable, "-m", "diplo_extract.cli", "extract", str(shard), "-o", str(tmp_path / "out"), "--dask", "local:1"],
                          capture_output=True, text=True, encoding="utf-8", timeout=300, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    assert (tmp_path / "out" / shard.name).read_text(encoding="utf-8") == _expected(extractor, shard)
    assert "2 documents from 1 shards" in done.stderr


def test_without_the_extra_the_import_says_how_to_install_it() -> None:
    code = "import sys; sys.modules['distributed'] = None\ntry:\n    import diplo_extract.dask\nexcept ImportError as e:\n    print(e)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True)
    assert done.stdout.startswith("E090 diplo_extract.dask needs the optional extra 'dask': pip install 'diplo_extract[dask]'"), done.stdout
