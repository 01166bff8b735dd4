"""The cold-start baseline: a process that only loads natasha's NER and tags one text.

``benchmarks/cold_start.py`` times ``diplo-extract extract FILE`` as a whole process
against this script on the same file; the issue's targets are ratios to it.

Usage::

    .venv/bin/python benchmarks/natasha_ner.py examples/ria-lavrov-visit-ru.txt
"""
from __future__ import annotations

import sys
from pathlib import Path


def tag(text: str) -> int:
    """The number of NER spans natasha's ``NewsNERTagger`` finds in ``text``."""
    from natasha import NewsEmbedding, NewsNERTagger

    return len(NewsNERTagger(NewsEmbedding())(text).spans)


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: natasha_ner.py FILE", file=sys.stderr)
        return 2
    print(tag(Path(argv[0]).read_text(encoding="utf-8")))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
