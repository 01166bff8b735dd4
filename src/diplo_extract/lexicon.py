"""Loading data files from ``models/``: YAML validated by pydantic, with errors
that name the file and the entry."""
from __future__ import annotations

from collections.abc import Iterable, Sequence

from pathlib import Path
from typing import ClassVar, TypeVar

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from .errors import Errors, ResourceError
from .resources import model_path

M = TypeVar("M", bound=BaseModel)
L = TypeVar("L", bound="LanguageData")


_BASE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml's parser when installed


class _DataLoader(_BASE_LOADER):  # type: ignore[misc,valid-type]
    """YAML 1.2-like booleans: only true/false, so words like ``on``, ``off``,
    ``no`` and ``yes`` in lexicons stay words."""


_DataLoader.yaml_implicit_resolvers = {
    key: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:bool"]
    for key, resolvers in _BASE_LOADER.yaml_implicit_resolvers.items()
}
_DataLoader.add_implicit_resolver("tag:yaml.org,2002:bool", __import__("re").compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF"))


def read_yaml(path: Path) -> object:
    """Parse one YAML file, raising :class:`ResourceError` with the file's name."""
    try:
        with open(path, encoding="utf-8") as handle:
            return yaml.load(handle, Loader=_DataLoader)  # noqa: S506 - a SafeLoader subclass
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise ResourceError(Errors.E011.format(path=path, detail=exc)) from exc


def load_model(path: Path, schema: type[M]) -> M:
    """Read ``path`` and validate it as ``schema``; errors name file, entry and field."""
    data = read_yaml(path)
    try:
        return schema.model_validate(data or {})
    except ValidationError as exc:
        raise ResourceError(_describe(path, data, exc)) from exc


def _describe(path: Path, data: object, exc: ValidationError) -> str:
    problems = []
    for err in exc.errors()[:5]:
        loc = err["loc"]
        entry = _entry_of(data, loc)
        where = ".".join(str(p) for p in loc)
        problems.append(Errors.E010.format(path=path, what=where, entry=entry, detail=err["msg"]))
    return "; ".join(problems)


def _entry_of(data: object, loc: tuple) -> str:
    """A short readable name of the record at ``loc[:2]`` (its key, code, id or lemma)."""
    node = data
    for part in loc[:2]:
        try:
            node = node[part]  # type: ignore[index]
        except (KeyError, IndexError, TypeError):
            return repr(loc[:2])
    if isinstance(node, dict):
        for field in ("code", "id", "lemma", "phrase", "name", "role"):
            if field in node:
                return f"{field}={node[field]!r}"
    return repr(node)[:60]


class LanguageData(BaseModel):
    """A per-language data file, ``models/<folder>/<lang>.yaml``, validated at load."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    folder: ClassVar[str] = ""

    @classmethod
    def load(cls: type[L], lang: str, root: Path | None = None) -> L:
        """Load ``<root>/<folder>/<lang>.yaml`` (``root``: the packaged ``models/``)."""
        return load_model(model_path(cls.folder, f"{lang}.yaml", root=root), cls)


class SequenceEntry(BaseModel):
    """A lexicon entry matched over tokens: one ``lemma``, a list of ``forms`` or a
    ``phrase`` (lemmas of consecutive words). Triggers and document heads share it."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    lemma: str | None = None
    forms: list[str] = Field(default_factory=list)
    phrase: list[str] = Field(default_factory=list)

    @model_validator(mode="after")
    def _one_key(self) -> "SequenceEntry":
        if sum(bool(x) for x in (self.lemma, self.forms, self.phrase)) != 1:
            raise ValueError("give exactly one of lemma, forms, phrase")
        return self

    def sequences(self) -> list[tuple[str, ...]]:
        """The token sequences this entry matches."""
        if self.phrase:
            return [tuple(self.phrase)]
        return [(self.lemma,)] if self.lemma else [(f,) for f in self.forms]


def phrase_starts(words: Sequence[str], phrases: Iterable[tuple[str, ...]]) -> list[int]:
    """Where any of ``phrases`` (word tuples) starts in ``words``, in order.

    >>> phrase_starts(["visited", "ankara", ",", "when", "he"], [(",", "when"), ("during", "which")])
    [2]
    >>> phrase_starts(["a", "b"], [])
    []
    """
    phrases = list(phrases)
    return [i for i in range(len(words)) if any(tuple(words[i : i + len(p)]) == p for p in phrases)]
