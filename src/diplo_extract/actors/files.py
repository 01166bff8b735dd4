"""Reading actor files (``models/actors/*.yaml`` and the user's): every problem is
one coded line that names the file, the entry and the field."""
from __future__ import annotations

import datetime as _dt
from collections.abc import Collection, Iterator
from itertools import islice
from pathlib import Path

import yaml
from pydantic import ValidationError
from pydantic_core import ErrorDetails

from ..errors import Errors, ResourceError
from ..lexicon import _DataLoader
from .schema import ActorFile

MAX_PROBLEMS = 5  # problems listed in one error
KEY_FIELDS = ("id", "code", "role")  # what names an entry, in this order
SCALARS = (str, int, float, bool, _dt.date)
NO_INPUT = ("missing", "extra_forbidden")  # error types whose input says nothing more


class _ActorLoader(_DataLoader):
    """The loader of every data file, except that a date that does not exist
    (``2030-13-01``) stays a string, for the schema to refuse with its place."""

    def construct_yaml_timestamp(self, node: yaml.Node) -> object:  # type: ignore[override]
        """The date or datetime written, or its text when no such day exists."""
        try:
            return super().construct_yaml_timestamp(node)
        except ValueError:
            return self.construct_scalar(node)


_ActorLoader.add_constructor("tag:yaml.org,2002:timestamp", _ActorLoader.construct_yaml_timestamp)


def read_actor_file(path: Path) -> ActorFile:
    """Read and validate one actor file; :class:`ResourceError` (E010, E011) otherwise."""
    data = _parse(path)
    try:
        return ActorFile.model_validate(data or {})
    except ValidationError as exc:
        problems = (_problem(path, data, err) for err in exc.errors()[:MAX_PROBLEMS])
        raise ResourceError("; ".join(problems)) from None


def _parse(path: Path) -> object:
    """The YAML content of ``path``; a file that cannot be read or parsed is E011."""
    try:
        with open(path, encoding="utf-8") as handle:
            return yaml.load(handle, Loader=_ActorLoader)  # noqa: S506 - a SafeLoader subclass
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise ResourceError(Errors.E011.format(path=path, detail=_parse_detail(exc))) from None


def _parse_detail(exc: Exception) -> str:
    """One line: YAML's problem and where it is (line and column count from 1)."""
    mark = getattr(exc, "problem_mark", None)
    problem = getattr(exc, "problem", None)
    if mark is not None and problem:
        return f"{problem} at line {mark.line + 1}, column {mark.column + 1}"
    return _one_line(str(exc))


def _problem(path: Path, data: object, err: ErrorDetails) -> str:
    """One E010 message: the field's dotted place, the entry, what is wrong (and the value)."""
    loc = err["loc"]
    detail = _one_line(err["msg"])
    value = err.get("input")
    if err["type"] not in NO_INPUT and isinstance(value, SCALARS):
        detail += f" (got {str(value)[:60]!r})"
    what = ".".join(str(p) for p in loc) or "(top level)"
    return Errors.E010.format(path=path, what=what, entry=_entry_name(data, loc), detail=detail)


def _entry_name(data: object, loc: tuple) -> str:
    """The record at ``loc[:2]`` by its key (``id='ivan_petrovsky'``), else by its place."""
    if len(loc) < 2 or not isinstance(loc[1], int):
        return "(whole file)" if not loc else f"({loc[0]} itself)"
    place = f"{loc[0]}[{loc[1]}]"
    try:
        node = data[loc[0]][loc[1]]  # type: ignore[index]
    except (KeyError, IndexError, TypeError):
        return place
    if isinstance(node, dict):
        for field in KEY_FIELDS:
            if isinstance(node.get(field), SCALARS):
                return f"{field}={node[field]!r}"
    return place


def _one_line(text: str) -> str:
    return " ".join(text.split())


def check_codes(path: Path, f: ActorFile, states: Collection[str], parties: Collection[str]) -> None:
    """Refuse (E012) an office's party that is neither a known state nor organization,
    and a body's state that is not a known state."""
    problems = list(islice(_unknown_codes(path, f, states, parties), MAX_PROBLEMS))
    if problems:
        raise ResourceError("; ".join(problems))


def _unknown_codes(path: Path, f: ActorFile, states: Collection[str], parties: Collection[str]) -> Iterator[str]:
    for i, person in enumerate(f.persons):
        for j, office in enumerate(person.offices):
            if office.party not in parties:
                yield Errors.E012.format(path=path, code=office.party, what=f"persons.{i}.offices.{j}.party", entry=f"id={person.id!r}",
                                         detail="not a state or organization of the actor files (add its record to a file)")
    for i, body in enumerate(f.bodies):
        if body.state not in states:
            yield Errors.E012.format(path=path, code=body.state, what=f"bodies.{i}.state", entry=f"id={body.id!r}",
                                     detail="not a state of the actor files (add its record to a file)")
