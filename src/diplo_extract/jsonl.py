"""One JSON object per line: the reading every command of the package shares."""
from __future__ import annotations

import json
from collections.abc import Iterable, Iterator

from .errors import DiploExtractError, Errors


def json_object(text: str, error: str, /, **where: object) -> dict:
    """The JSON object a line holds (``text``); a line that is not one raises the coded
    ``error`` message (a template of ``Errors``) formatted with ``where`` and a
    ``detail``.

    >>> json_object('{"id": 1}', "E999 {path}:{line}: {detail}", path="a.jsonl", line=1)
    {'id': 1}
    >>> json_object('[1]', "E999 {path}:{line}: {detail}", path="a.jsonl", line=2)
    Traceback (most recent call last):
    ...
    diplo_extract.errors.DiploExtractError: E999 a.jsonl:2: a JSON list, not an object
    """
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise DiploExtractError(error.format(detail=exc.msg, **where)) from None
    if not isinstance(data, dict):
        raise DiploExtractError(error.format(detail=f"a JSON {type(data).__name__}, not an object", **where))
    return data


def batch_records(path: str, handle: Iterable[str]) -> Iterator[dict]:
    """The records of a JSONL batch (``extract``'s input), its blank lines skipped; a
    line that is not a JSON object becomes a record that carries its E031 message as
    ``_error``, so that the batch goes on.

    >>> list(batch_records("a.jsonl", ['{"id": "a"}', "", "[1]"]))
    [{'id': 'a'}, {'id': 'line-3', 'text': None, '_error': 'E031 a.jsonl:3: invalid record: a JSON list, not an object'}]
    """
    for n, line in enumerate(handle, 1):
        if not line.strip():
            continue
        try:
            record = json_object(line, Errors.E031, path=path, line=n)
        except DiploExtractError as exc:
            record = {"id": f"line-{n}", "text": None, "_error": str(exc)}
        yield record


def json_lines(path: str, error: str) -> Iterator[tuple[int, dict]]:
    """(line number, object) of each non-blank line of the UTF-8 file ``path``, read
    as it is consumed; a line that is not a JSON object raises the coded ``error``
    (see :func:`json_object`), a file that cannot be read E030.

    Raises:
        DiploExtractError: E030, or ``error`` for a line.
    """
    try:
        with open(path, encoding="utf-8") as handle:
            for n, line in enumerate(handle, 1):
                if line.strip():
                    yield n, json_object(line, error, path=path, line=n)
    except UnicodeDecodeError as exc:
        raise DiploExtractError(Errors.E030.format(path=path, detail=f"not UTF-8 text ({exc.reason} at byte {exc.start})")) from None
    except OSError as exc:
        raise DiploExtractError(Errors.E030.format(path=path, detail=exc.strerror or exc)) from None
