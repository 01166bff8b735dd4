"""The public result schema (pydantic v2): the document object of event-format.md.

Extra fields beyond the benchmark's (``rule``, ``entity``, ``evidence``...) explain
where each value came from."""
from __future__ import annotations

import datetime as _dt
import json
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field
from pydantic.dataclasses import dataclass
from pydantic_core import PydanticSerializationError

from .constants import EVENT_TYPES, EventType  # noqa: F401  (EVENT_TYPES: part of this module's API)
from .normalize import SURROGATE as _SURROGATE


Status = Literal["occurred", "planned", "cancelled"]
DocumentKind = Literal["plan", "programme", "agreement", "memorandum", "treaty", "declaration", "statement", "resolution", "protocol", "roadmap", "other"]
STATUSES: tuple[str, ...] = Status.__args__
DOCUMENT_KINDS: tuple[str, ...] = DocumentKind.__args__
DOCUMENT_EVENT_TYPES: tuple[str, ...] = ("signing", "adoption")
# The annotation guide's organization codes: its table, then the usual English
# abbreviations it names for other organizations and forums.
ORG_CODES = frozenset({
    "UN", "EU", "NATO", "OSCE", "CSTO", "CIS", "EAEU", "SCO", "BRICS", "ASEAN", "AU", "CE", "ICC",
    "G7", "G20", "APEC", "OIC", "GCC", "OPEC", "IAEA", "WTO", "OTS", "LAS", "OAS",
    "WHO", "UNESCO", "IMF", "CICA", "BSEC", "CELAC", "MERCOSUR", "ECOWAS",
})


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="allow")


Confidence = Annotated[
    float | None,
    Field(ge=0, le=1, description="calibrated probability that the value is right (models/confidence/calibration.yaml); not scored"),
]


@dataclass(frozen=True, slots=True)
class Span:
    """Half-open character offsets into the original text: ``text[start:end] == text``.

    A slotted pydantic dataclass rather than a model: a long text's result holds
    hundreds of thousands of spans, at a fifth of a model's memory each.
    """

    start: Annotated[int, Field(ge=0)]
    end: Annotated[int, Field(ge=0)]
    text: str


class DateArg(_Frozen):
    value: str | None = Field(description="ISO 8601 with the text's precision: 2020-11-26, 2021-11, 2025, XXXX-10-30, a/b ranges")
    spans: list[Span] = Field(default_factory=list)
    rule: str | None = None
    confidence: Confidence = None


class LocationArg(_Frozen):
    name: str = Field(description="nominative name in the language of the text")
    spans: list[Span] = Field(default_factory=list)
    rule: str | None = None
    confidence: Confidence = None


class PersonArg(_Frozen):
    name: str = Field(description="full name as given, nominative, fullest form in the document")
    spans: list[Span] = Field(default_factory=list)
    entity: str | None = None
    kb: str | None = None
    confidence: Confidence = None


class PartyArg(_Frozen):
    code: str = Field(description="ISO 3166-1 alpha-3 or an organization code of the guide")
    spans: list[Span] = Field(default_factory=list)
    rule: str | None = None
    entity: str | None = None
    confidence: Confidence = None


class Period(_Frozen):
    start: int
    end: int


class DocumentArg(_Frozen):
    kind: DocumentKind
    title: str
    period: Period | None = None
    spans: list[Span] = Field(default_factory=list)
    confidence: Confidence = None


class Event(_Frozen):
    type: EventType
    status: Status
    mentions: list[Span]
    date: DateArg | None = None
    location: LocationArg | None = None
    persons: list[PersonArg] = Field(default_factory=list, description="people named in the text (directly or by reference to a name)")
    parties: list[PartyArg] = Field(default_factory=list)
    document: DocumentArg | None = None
    role_holders: list[PersonArg] = Field(
        default_factory=list,
        description="office-holders on the event's day for roles the text names without a name ('глава МИД Турции'); not scored",
    )
    id: str | None = None
    status_rule: str | None = None
    evidence: Span | None = None
    confidence: Confidence = None


class Entity(_Frozen):
    id: str
    kind: Literal["person", "state", "organization", "body"]
    name: str
    names: list[str] = Field(default_factory=list)
    kb: str | None = None
    code: str | None = None
    mentions: list[Span] = Field(default_factory=list)


class LanguagePart(_Frozen):
    lang: str
    start: int
    end: int


class DocumentResult(_Frozen):
    """One document: the text as given, its detected language and its events."""

    id: str | None = None
    lang: str
    published: _dt.date | None = None
    text: str
    events: list[Event] = Field(default_factory=list)
    entities: list[Entity] = Field(default_factory=list)
    languages: list[LanguagePart] = Field(default_factory=list)
    error: str | None = None

    def model_dump_json(self, *, indent: int | None = None, **kwargs: Any) -> str:
        """JSON of the result. A text with lone surrogates (which UTF-8 cannot
        encode) is still written: each surrogate as its ``\\uXXXX`` escape, which
        reads back as the same string."""
        try:
            return super().model_dump_json(indent=indent, **kwargs)
        except PydanticSerializationError:
            kwargs.pop("ensure_ascii", None)
            data = self.model_dump(mode="json", **kwargs)
            dumped = json.dumps(data, ensure_ascii=False, indent=indent, separators=(",", ": ") if indent is not None else (",", ":"))
            return _SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", dumped)


def json_schema() -> dict:
    """The JSON Schema of :class:`DocumentResult`."""
    return DocumentResult.model_json_schema()
