"""Pydantic schemas of the actor knowledge base (``models/actors/*.yaml``).

Every file in ``models/actors/`` is a YAML mapping with one top-level key per
record kind::

    states:         [StateRecord, ...]
    organizations:  [OrganizationRecord, ...]
    bodies:         [BodyRecord, ...]
    persons:        [PersonRecord, ...]
    roles:          [RoleRecord, ...]

A file may hold any subset of these keys; users pass their own files in the same
format to :class:`diplo_extract.Extractor` and they are merged after the
packaged ones (a record with an existing ``key`` replaces the packaged record, and
a user's holder of a sole office takes over from its start date: see ``ActorKB``).

Names are written in the nominative case (Russian) or their usual form
(English). The linker lemmatizes Russian text, so ``Беларусь`` also matches
``Беларуси``, and ``белорусский`` matches ``белорусская``/``белорусской``.
"""
from __future__ import annotations

import datetime as _dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

Code = str  # ISO 3166-1 alpha-3 or an organization code of the annotation guide


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Names(_Strict):
    """Names in both languages; the first name of each list is the canonical one."""

    ru: list[str] = Field(default_factory=list)
    en: list[str] = Field(default_factory=list)

    @field_validator("ru", "en")
    @classmethod
    def _no_blank(cls, value: list[str]) -> list[str]:
        if any(not v.strip() for v in value):
            raise ValueError("names must not be blank")
        return value


class Place(_Strict):
    """A city: its usual name in each language, and other spellings (Kiev, Петербург)."""

    ru: str
    en: str
    variants: Names = Field(default_factory=Names)


class Venue(_Strict):
    """A building or hall where talks are held that names no actor ("Hyderabad House",
    "Георгиевский зал"): evidence for its city, never a party."""

    names: Names
    city: Place


class StateRecord(_Strict):
    """A state (UN member or observer): ``code`` is ISO 3166-1 alpha-3."""

    code: Code = Field(pattern=r"^[A-Z]{3}$")
    names: Names
    adjectives: Names = Field(default_factory=Names)
    demonyms: Names = Field(default_factory=Names)
    capital: Place | None = None
    cities: list[Place] = Field(default_factory=list)
    venues: list[Venue] = Field(default_factory=list)

    @property
    def key(self) -> str:
        return f"state:{self.code}"


class OrganizationRecord(_Strict):
    """An international organization; ``names`` include its organs that count as it
    (``Генеральная Ассамблея ООН`` for ``UN``) and ``abbreviations`` its short forms."""

    code: Code = Field(pattern=r"^[A-Z][A-Za-z0-9]{1,9}$")
    names: Names
    abbreviations: Names = Field(default_factory=Names)
    adjectives: Names = Field(default_factory=Names)
    in_guide: bool = False  # one of the codes of the annotation guide

    @property
    def key(self) -> str:
        return f"org:{self.code}"


class BodyRecord(_Strict):
    """A state body acting in diplomacy, with the state it stands for.

    ``venue`` is the city it stands in when its name also names a place
    (the Kremlin is evidence for Moscow).
    """

    id: str = Field(pattern=r"^[a-z0-9_]+$")
    state: Code = Field(pattern=r"^[A-Z]{3}$")
    names: Names
    venue: Place | None = None

    @property
    def key(self) -> str:
        return f"body:{self.id}"


class MediaRecord(_Strict):
    """A news agency or outlet: its name is never a person's ("Франс Пресс") and it
    never takes part in an event."""

    id: str = Field(pattern=r"^[a-z0-9_]+$")
    names: Names

    @property
    def key(self) -> str:
        return f"media:{self.id}"


RoleName = Literal[
    "head_of_state",
    "head_of_government",
    "foreign_minister",
    "deputy_foreign_minister",
    "secretary_general",
    "other",
]
# Offices held by one person at a time for a party: a user's holder of one of these
# takes over from the packaged holder (deputies and "other" offices are many at once).
SOLE_ROLES: frozenset[str] = frozenset({"head_of_state", "head_of_government", "foreign_minister", "secretary_general"})


class Office(_Strict):
    """One term of one office: ``party`` is the state or organization code."""

    role: RoleName
    party: Code
    start: _dt.date
    end: _dt.date | None = None  # None: still in office
    title: str | None = None  # free text, e.g. "Minister of Foreign Affairs"

    @model_validator(mode="after")
    def _ordered(self) -> "Office":
        if self.end is not None and self.end < self.start:
            raise ValueError(f"office ends ({self.end}) before it starts ({self.start})")
        return self

    def holds_on(self, day: _dt.date) -> bool:
        return self.start <= day and (self.end is None or day <= self.end)


class PersonName(_Strict):
    """A person's name in one language: given name, surname and, for Russian and
    Belarusian officials, patronymic; ``variants`` are other spellings of the full
    name or of the surname (``Sergey Lavrov``, ``Lavrov``)."""

    first: str
    last: str
    patronymic: str | None = None
    variants: list[str] = Field(default_factory=list)

    @property
    def full(self) -> str:
        return f"{self.first} {self.last}"


class PersonRecord(_Strict):
    id: str = Field(pattern=r"^[a-z0-9_]+$")
    ru: PersonName
    en: PersonName
    offices: list[Office] = Field(min_length=1)

    @property
    def key(self) -> str:
        return f"person:{self.id}"


class RoleRecord(_Strict):
    """A phrase naming an office: ``министр иностранных дел``, ``Foreign Minister``.

    The party comes from the text around it (``глава МИД Белоруссии``,
    ``Belarus' Foreign Minister``)."""

    role: RoleName
    names: Names


class ActorFile(_Strict):
    """The content of one ``models/actors/*.yaml`` file."""

    states: list[StateRecord] = Field(default_factory=list)
    organizations: list[OrganizationRecord] = Field(default_factory=list)
    bodies: list[BodyRecord] = Field(default_factory=list)
    persons: list[PersonRecord] = Field(default_factory=list)
    roles: list[RoleRecord] = Field(default_factory=list)
    media: list[MediaRecord] = Field(default_factory=list)
    # Nouns that, after a state's adjective, name its capital ("китайская столица",
    # "the Kazakh capital").
    capital_words: Names = Field(default_factory=Names)
    # Words joining two states' adjectives before one plural role ("российского и
    # турецкого лидеров", "the Russian and Turkish leaders"): the role is each state's.
    role_coordinators: Names = Field(default_factory=Names)
    # Words between a role and the state after it ("President of Russia", "Minister
    # of Foreign Affairs of the Philippines"); Russian needs none (the genitive).
    role_links: Names = Field(default_factory=Names)
