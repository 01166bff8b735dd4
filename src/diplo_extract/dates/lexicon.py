"""Date vocabulary per language (``models/dates/<lang>.yaml``), validated at load."""
from __future__ import annotations

from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from ..errors import ResourceError
from ..resources import models_dir

_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml's parser when installed: same documents, faster

def _key(text: str) -> str:
    """Lookup key of a matched form: spaces collapsed, case folded.

    >>> _key("На  прошлой\\u00a0неделе")
    'на прошлой неделе'
    """
    return " ".join(text.split()).casefold()



class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def _clean_forms(forms: list[str]) -> list[str]:
    """Reject blank forms and forms with edge spaces.

    >>> _clean_forms(["ноября", "нояб."])
    ['ноября', 'нояб.']
    >>> _clean_forms([" x"])
    Traceback (most recent call last):
    ...
    ValueError: form ' x' is blank or has leading/trailing spaces
    """
    for form in forms:
        if not form.strip() or form != form.strip():
            raise ValueError(f"form {form!r} is blank or has leading/trailing spaces")
    return forms


class _Forms(_Strict):
    forms: list[str] = Field(min_length=1)

    @field_validator("forms")
    @classmethod
    def _forms_ok(cls, value: list[str]) -> list[str]:
        return _clean_forms(value)


class MonthEntry(_Forms):
    month: int = Field(ge=1, le=12)


class WeekdayEntry(_Forms):
    weekday: int = Field(ge=0, le=6)  # 0 = Monday


class DirectionEntry(_Forms):
    direction: Literal[-1, 0, 1]


class OffsetEntry(_Forms):
    offset: int = Field(ge=-7, le=7)
    exclude_after: list[str] = Field(default_factory=list)


class PeriodEntry(_Forms):
    unit: Literal["week", "month"]
    offset: int = Field(ge=-2, le=2)
    part: Literal["before_anchor", "after_anchor"] | None = None


class DurationEntry(_Forms):
    days: int = Field(ge=2, le=31)


class RangeFrame(_Strict):
    """A range opener and the words that may join its two ends ("с ... по ...");
    ``start: null`` lists the joiners allowed without an opener. Dashes always join."""

    start: str | None = None
    joiners: list[str] = Field(default_factory=list)


_WORD_LISTS = (
    "weekday_prepositions", "year_words", "day_suffixes", "ordinal_year_suffixes",
    "day_month_connectors", "month_prepositions", "year_prepositions", "parts", "blockers",
    "period_prefixes", "period_fillers", "period_nouns", "period_exclusions_before",
    "duration_starts",
)


class DateLexicon(_Strict):
    """The content of one ``models/dates/<lang>.yaml`` file (see the comments there)."""

    lang: str = Field(pattern=r"^[a-z]{2}$")
    months: list[MonthEntry]
    weekdays: list[WeekdayEntry]
    weekday_prepositions: list[str] = Field(default_factory=list)
    weekday_bare: bool = False
    weekday_modifiers: list[DirectionEntry] = Field(default_factory=list)
    # Words before a month that say which one ("last October", "next March", "this June").
    month_modifiers: list[DirectionEntry] = Field(default_factory=list)
    # Words joining two weekdays into a range ("Tuesday to Thursday", "в четверг и пятницу").
    weekday_range_links: list[str] = Field(default_factory=list)
    relative_days: list[OffsetEntry] = Field(default_factory=list)
    # Days counted from the date the text named last ("в тот же день", "the next day").
    anaphoric_days: list[OffsetEntry] = Field(default_factory=list)
    relative_periods: list[PeriodEntry] = Field(default_factory=list)
    relative_years: list[OffsetEntry] = Field(default_factory=list)
    year_words: list[str] = Field(default_factory=list)
    day_suffixes: list[str] = Field(default_factory=list)
    ordinal_year_suffixes: list[str] = Field(default_factory=list)
    day_month_connectors: list[str] = Field(default_factory=list)
    month_day_order: bool = False
    month_prepositions: list[str] = Field(default_factory=list)
    year_prepositions: list[str] = Field(default_factory=list)
    bare_year_after_preposition: bool = False
    parts: list[str] = Field(default_factory=list)
    blockers: list[str] = Field(default_factory=list)
    range_frames: list[RangeFrame] = Field(default_factory=list)
    period_prefixes: list[str] = Field(default_factory=list)
    period_fillers: list[str] = Field(default_factory=list)
    period_nouns: list[str] = Field(default_factory=list)
    period_exclusions_before: list[str] = Field(default_factory=list)
    durations: list[DurationEntry] = Field(default_factory=list)
    duration_stems: bool = False
    duration_starts: list[str] = Field(default_factory=list)
    slash_order: Literal["dmy", "mdy"] = "dmy"
    # "накануне саммита": an eve word followed by a noun in the genitive is "on the
    # eve of <event>" and dates nothing (the language object checks the noun).
    eve_of: list[str] = Field(default_factory=list)

    @field_validator(*_WORD_LISTS)
    @classmethod
    def _words_ok(cls, value: list[str]) -> list[str]:
        return _clean_forms(value)

    @model_validator(mode="after")
    def _complete(self) -> "DateLexicon":
        _check_cover("months", [e.month for e in self.months], range(1, 13))
        _check_cover("weekdays", [e.weekday for e in self.weekdays], range(7))
        _check_unique("months", [(f, e.month) for e in self.months for f in e.forms])
        _check_unique("weekdays", [(f, e.weekday) for e in self.weekdays for f in e.forms])
        return self


def _check_cover(what: str, numbers: list[int], expected: range) -> None:
    """Each expected number appears exactly once.

    >>> _check_cover("weekdays", [0, 1, 2, 3, 4, 5, 5], range(7))
    Traceback (most recent call last):
    ...
    ValueError: weekdays: entry 5 appears 2 times, entry 6 appears 0 times
    """
    wrong = [f"entry {n} appears {numbers.count(n)} times" for n in expected if numbers.count(n) != 1]
    if wrong:
        raise ValueError(f"{what}: " + ", ".join(wrong))


def _check_unique(what: str, pairs: list[tuple[str, int]]) -> None:
    """No form (case-folded) stands for two different values."""
    seen: dict[str, int] = {}
    for form, value in pairs:
        other = seen.setdefault(_key(form), value)
        if other != value:
            raise ValueError(f"{what}: form {form!r} is in entries {other} and {value}")


def _entry_name(loc: tuple[int | str, ...]) -> str:
    """A pydantic error location as a readable entry path.

    >>> _entry_name(("months", 3, "forms", 0))
    'months[3].forms[0]'
    >>> _entry_name(())
    '(file)'
    """
    name = "".join(f"[{part}]" if isinstance(part, int) else f".{part}" for part in loc)
    return name.lstrip(".") or "(file)"


def _entry_value(data: object, loc: tuple[int | str, ...]) -> object:
    """The raw YAML entry an error points at (its first two levels), for messages."""
    node = data
    for part in loc[:2]:
        try:
            node = node[part]  # type: ignore[index]
        except (KeyError, IndexError, TypeError):
            return None
    return node


def load_date_lexicon(lang: str, path: Path | None = None, root: Path | None = None) -> DateLexicon:
    """Read and validate ``models/dates/<lang>.yaml`` (or ``path``).

    Raises :class:`~diplo_extract.errors.ResourceError` naming the file and the entry.
    """
    path = path or models_dir(root) / "dates" / f"{lang}.yaml"
    if not path.exists():
        raise ResourceError(f"E002 missing resource {path}")
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_SAFE_LOADER)  # noqa: S506 - a safe loader
    except yaml.YAMLError as exc:
        raise ResourceError(f"E011 {path}: cannot parse: {exc}") from exc
    try:
        return DateLexicon.model_validate(data)
    except ValidationError as exc:
        raise ResourceError(_lexicon_error(path, data, exc)) from exc


def _lexicon_error(path: Path, data: object, exc: ValidationError) -> str:
    """The E010 message of the first validation error."""
    err = exc.errors()[0]
    loc = tuple(err["loc"])
    entry = f"{_entry_name(loc)} = {_entry_value(data, loc)!r}" if loc else "(file)"
    return f"E010 {path}: invalid date lexicon entry {entry}: {err['msg']}"


# --------------------------------------------------------------------------- regex pieces
