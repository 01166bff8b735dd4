"""The happening record: one real-world happening and every report of it.

Written one per line by ``diplo-extract merge``; its shape is documented in
docs/happenings.md. Every merged value carries its ``sources``: the member events
(document id, event index) that give it, with their spans in their own texts.
"""
from __future__ import annotations

import datetime as _dt

from pydantic import BaseModel, ConfigDict, Field

from ..schema import DocumentKind, EventType, Period, Span, Status

__all__ = ["Source", "MergedDate", "MergedLocation", "MergedParty", "MergedPerson", "MergedDocument", "Member", "Report",
           "StatusStep", "Happening"]


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True)


class Source(_Frozen):
    """Where a merged value comes from: one member event and its spans in its document."""

    document: str
    event: int = Field(description="index of the event in its document's events, from 0")
    spans: list[Span] = Field(default_factory=list)


class MergedDate(_Frozen):
    value: str = Field(description="the ISO value chosen: the finest of the reports with the final status")
    start: _dt.date
    end: _dt.date
    sources: list[Source]


class MergedLocation(_Frozen):
    name: str
    names: list[str] = Field(description="every spelling the sources give (one per language)")
    sources: list[Source]


class MergedParty(_Frozen):
    code: str
    sources: list[Source]


class MergedPerson(_Frozen):
    key: str = Field(description="knowledge-base key (person:sergei_lavrov), else name:<normalized surname>")
    name: str
    names: list[str]
    sources: list[Source]


class MergedDocument(_Frozen):
    kind: DocumentKind
    title: str
    titles: list[str]
    period: Period | None = None
    sources: list[Source]


class Member(_Frozen):
    """One event of one document that reports the happening."""

    document: str
    event: int
    event_id: str | None = None
    published: _dt.date | None = None
    lang: str
    status: Status
    date: str | None = None
    mentions: list[Span]
    evidence: Span | None = None


class Report(_Frozen):
    """A document's report (first or last) by publication date."""

    document: str
    event: int
    published: _dt.date | None = None


class StatusStep(_Frozen):
    """A run of reports giving one status, in publication order."""

    status: Status
    since: _dt.date | None = Field(description="publication date of the first report of the run")
    reports: list[Report]


class Happening(_Frozen):
    """One happening: merged arguments with sources, members, and the status history."""

    id: str = Field(description="h + 16 hex digits of the SHA-1 of the sorted member keys: the same members, the same id")
    type: EventType
    status: Status = Field(description="the status of the latest report")
    start: _dt.date | None = Field(description="first day: of the merged date, else of the reports' publication")
    end: _dt.date | None
    date_inferred: bool = Field(description="no report dates it: start and end come from publication dates")
    date: MergedDate | None = None
    location: MergedLocation | None = None
    parties: list[MergedParty] = Field(default_factory=list)
    persons: list[MergedPerson] = Field(default_factory=list)
    document: MergedDocument | None = None
    members: list[Member]
    first_report: Report
    last_report: Report
    status_history: list[StatusStep]
