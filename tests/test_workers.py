"""Worker processes: results in input order, a dead worker replaced, its record
marked failed, the batch going on; the same bytes as in one process."""
import pytest

from diplo_extract.workers import WorkerPool
from worker_hooks import die_on_boom

RU = "Лавров и Ван И провели переговоры в Пекине 9 апреля."
EN = "Lavrov met Blinken in Geneva on Thursday."


def _records(ids: list[str]) -> list[dict]:
    return [{"id": i, "text": RU if k % 2 else EN, "published": "2024-04-12"} for k, i in enumerate(ids)]


@pytest.mark.parametrize("ids,failed", [
    (["a", "boom", "b", "c"], ["boom"]),                 # one killer in the middle
    (["boom1", "a", "b", "boom2", "c", "d"], ["boom1", "boom2"]),  # two, the first one first
    (["a", "b", "c"], []),                              # none: nothing marked
])
def test_a_worker_that_dies_costs_only_its_record(extractor, ids, failed) -> None:
    pool = WorkerPool(extractor.config, jobs=2, work=die_on_boom)
    results = list(pool.map(_records(ids)))
    assert [r.id for r in results] == ids, "every record comes back, in input order"
    assert [r.id for r in results if r.error] == failed
    assert all(r.error.startswith("E050") for r in results if r.error)
    assert all(r.events for r in results if not r.error), "the others are extracted"


def test_workers_give_the_same_bytes_as_one_process(extractor) -> None:
    records = _records([f"r{k}" for k in range(6)]) + [{"id": "bad", "text": None}]
    here = [r.model_dump_json() for r in extractor.extract_many(records, jobs=1)]
    there = [r.model_dump_json() for r in extractor.extract_many(records, jobs=2)]
    assert here == there
