"""One JSON object per line: the reading every command of the package shares."""
from __future__ import annotations

import json

from .errors import DiploExtractError


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
