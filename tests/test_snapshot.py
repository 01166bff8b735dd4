"""The extractor's output on every dev fixture and example, byte for byte, against
the digests in ``tests/snapshots/outputs.json``.

A refactor must leave them unchanged. A change meant to alter output regenerates
them in the same commit: ``python benchmarks/snapshot.py --update``."""
import json
import sys

from paths import ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))
import snapshot  # noqa: E402


def test_outputs_match_the_snapshot(extractor) -> None:
    stored = json.loads(snapshot.SNAPSHOT.read_text(encoding="utf-8"))
    fresh = snapshot.digests(snapshot.outputs(extractor))
    changed = sorted(name for name in stored.keys() | fresh.keys() if stored.get(name) != fresh.get(name))
    assert not changed, f"output changed on {len(changed)} documents: {changed[:5]}; if intended, run benchmarks/snapshot.py --update"
