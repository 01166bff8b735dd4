"""Paths the tests read, relative to the repository root (never absolute):
``../shared`` is the shared folder beside the repository."""
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEEDS_GOLD = SHARED / "gold" / "seeds.jsonl"
SEEDS_GOLD_SRC = SHARED / "gold" / "src"
SEED_TEXTS = SHARED / "seeds"
FIXTURES = ROOT / "tests" / "fixtures"
DEV = FIXTURES / "dev"
HELDOUT = FIXTURES / "heldout"
MERGE = FIXTURES / "merge"
