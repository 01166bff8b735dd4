"""Reading document results for the page view, and writing one page per document
into a folder (``diplo-extract view ... -o DIR/``, ``extract --html DIR``)."""
from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

from ..errors import DiploExtractError, Errors
from ..schema import DocumentResult
from ..happenings import _as_result, read_results  # _as_result: the one validator of a result dict
from .page import document_page

__all__ = ["read_documents", "choose_document", "PageNames", "write_pages"]

_UNSAFE = re.compile(r"[^\w.-]+")
_NAME_LENGTH = 80


def read_documents(path: str) -> list[DocumentResult]:
    """The document results of ``path``: one JSON object (``extract`` on a text), a JSON
    list of them, or JSONL (``extract`` on a batch).

    Raises:
        DiploExtractError: E030 (unreadable), E082 (not a document result), E106 (none).
    """
    try:
        whole = json.loads(Path(path).read_text(encoding="utf-8"))
    except UnicodeDecodeError as exc:
        raise DiploExtractError(Errors.E030.format(path=path, detail=f"not UTF-8 text ({exc.reason} at byte {exc.start})")) from None
    except OSError as exc:
        raise DiploExtractError(Errors.E030.format(path=path, detail=exc.strerror or exc)) from None
    except json.JSONDecodeError:
        documents = list(read_results(path))  # JSONL: one result per line
    else:
        items = whole if isinstance(whole, list) else [whole]
        for n, item in enumerate(items, 1):
            if not isinstance(item, dict):
                raise DiploExtractError(Errors.E082.format(path=path, line=n, detail=f"a JSON {type(item).__name__}, not an object"))
        documents = [_as_result(item, n, path) for n, item in enumerate(items, 1)]
    if not documents:
        raise DiploExtractError(Errors.E106.format(path=path))
    return documents


def choose_document(documents: list[DocumentResult], path: str, document_id: str | None) -> DocumentResult:
    """The one document of ``documents`` to show: the one with ``document_id``, or the only one.

    Raises:
        DiploExtractError: E102 (no such id), E101 (several and no id).
    """
    if document_id is not None:
        for document in documents:
            if document.id == document_id:
                return document
        known = ", ".join(repr(d.id) for d in documents[:10]) + (" ..." if len(documents) > 10 else "")
        raise DiploExtractError(Errors.E102.format(path=path, id=document_id, known=known))
    if len(documents) > 1:
        raise DiploExtractError(Errors.E101.format(path=path, count=len(documents)))
    return documents[0]


class PageNames:
    """File names for documents' pages, from their ids (unsafe characters as ``_``;
    ``doc-N`` without one), unique in one folder (``-2``, ``-3``... after a repeat,
    case-insensitively).

    >>> names = PageNames()
    >>> [names.name_for(i, n) for n, i in enumerate(["a/b", "A_b", None, "../x"], 1)]
    ['a_b.html', 'A_b-2.html', 'doc-3.html', 'x.html']
    """

    def __init__(self) -> None:
        self._taken: set[str] = set()

    def name_for(self, document_id: str | None, n: int) -> str:
        """The file name of the ``n``-th document (from 1), whose id is ``document_id``."""
        stem = _UNSAFE.sub("_", document_id or "").strip("._")[:_NAME_LENGTH] or f"doc-{n}"
        name, k = stem, 1
        while name.lower() in self._taken:
            k += 1
            name = f"{stem}-{k}"
        self._taken.add(name.lower())
        return f"{name}.html"


def write_pages(documents: Iterable[DocumentResult], folder: str) -> Iterator[Path]:
    """Write one page per document into ``folder`` (created if missing), as the
    documents come; yields each path once written.

    Raises:
        DiploExtractError: E105 when the folder is a file or cannot be created or written.
    """
    target = Path(folder)
    try:
        target.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise DiploExtractError(Errors.E105.format(path=folder, detail=exc.strerror or exc)) from None
    names = PageNames()
    for n, document in enumerate(documents, 1):
        path = target / names.name_for(document.id, n)
        try:
            path.write_text(document_page(document), encoding="utf-8")
        except OSError as exc:
            raise DiploExtractError(Errors.E105.format(path=folder, detail=exc.strerror or exc)) from None
        yield path
