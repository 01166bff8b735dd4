"""Output snapshot: a digest of the extractor's JSON output on every fixture text.

    python benchmarks/snapshot.py            # print the digests (JSON) to stdout
    python benchmarks/snapshot.py --update   # rewrite tests/snapshots/outputs.json
    python benchmarks/snapshot.py --full F   # write the full outputs as JSON lines to F

``tests/test_snapshot.py`` compares a fresh run with the stored digests, so a change
that was meant to be behaviour-neutral (a refactor) is proven byte-identical. A change
meant to alter output updates the snapshot in the same commit.
"""
from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SNAPSHOT = ROOT / "tests" / "snapshots" / "outputs.json"
SOURCES = ("tests/fixtures/dev/*.json", "examples/*.txt")


def inputs() -> list[tuple[str, str, str | None]]:
    """(name, text, published) for every dev fixture and example, in a fixed order."""
    out = []
    for pattern in SOURCES:
        for path in sorted(ROOT.glob(pattern)):
            if path.suffix == ".json":
                doc = json.loads(path.read_text(encoding="utf-8"))
                out.append((path.name, doc["text"], doc.get("published")))
            else:
                out.append((path.name, path.read_text(encoding="utf-8"), None))
    return out


def outputs(extractor=None) -> dict[str, str]:  # noqa: ANN001
    from diplo_extract import Extractor

    ex = extractor or Extractor()
    return {name: ex.extract(text, published).model_dump_json() for name, text, published in inputs()}


def digests(outs: dict[str, str]) -> dict[str, str]:
    return {name: hashlib.sha256(out.encode("utf-8")).hexdigest()[:16] for name, out in outs.items()}


def main(argv: list[str]) -> int:
    outs = outputs()
    if "--full" in argv:
        target = Path(argv[argv.index("--full") + 1])
        target.write_text("".join(json.dumps({"name": n, "output": json.loads(o)}, ensure_ascii=False) + "\n" for n, o in outs.items()), encoding="utf-8")
    if "--update" in argv:
        SNAPSHOT.parent.mkdir(parents=True, exist_ok=True)
        SNAPSHOT.write_text(json.dumps(digests(outs), indent=1, sort_keys=True) + "\n", encoding="utf-8")
    elif "--full" not in argv:
        print(json.dumps(digests(outs), indent=1, sort_keys=True))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
