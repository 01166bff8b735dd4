"""A cluster of reports into a :class:`~.model.Happening`: members in publication
order, the status of the latest report, the status history, merged arguments with
their sources, and the stable id.

The models are built with ``model_construct``: every value comes from validated
results, and validating them again would cost most of a merge's time."""
from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections import defaultdict
from collections.abc import Callable, Hashable, Sequence

from rapidfuzz import fuzz

from ..date_values import PRECISION_RANK
from .model import (Happening, Member, MergedDate, MergedDocument, MergedLocation, MergedParty, MergedPerson, Report as ReportRef,
                    Source, StatusStep)
from .reports import Report

__all__ = ["assemble", "happening_id", "publication_order"]

# on one publication day, an announcement comes before the report that it happened
_STATUS_ORDER = {"planned": 0, "occurred": 1, "cancelled": 2}
_LAST_DAY = dt.date.max
SAME_PLACE = 85


def happening_id(keys: Sequence[tuple[str, int]]) -> str:
    """The stable id of the happening whose members are ``keys`` (document id,
    event index), whatever their order.

    >>> happening_id([("b", 1), ("a", 0)]) == happening_id([("a", 0), ("b", 1)])
    True
    >>> happening_id([("a", 0)]), happening_id([("a", 1)])
    ('hdaf278e83037eb82', 'h3998dba5395ac64a')
    """
    canonical = json.dumps(sorted([d, i] for d, i in keys), ensure_ascii=False, separators=(",", ":"))
    return "h" + hashlib.sha1(canonical.encode("utf-8")).hexdigest()[:16]


def publication_order(report: Report) -> tuple:
    """Sort key of reports by publication (undated last), planned before occurred on
    one day, then by document id and event index."""
    return (report.published or _LAST_DAY, _STATUS_ORDER[report.status], report.document, report.index)


def assemble(group: Sequence[Report]) -> Happening:
    """The happening reported by ``group`` (reports of one type, one per document)."""
    members = sorted(group, key=publication_order)
    last = members[-1]
    date = _merged_date(members, last.status)
    start, end = (date.start, date.end) if date else _publication_days(members)
    return Happening.model_construct(
        id=happening_id([r.key for r in members]), type=last.type, status=last.status,
        start=start, end=end, date_inferred=date is None and start is not None, date=date,
        location=_merged_location(members), parties=_merged_parties(members), persons=_merged_persons(members),
        document=_merged_document(members),
        members=[_member(r) for r in members], first_report=_ref(members[0]), last_report=_ref(last),
        status_history=_status_history(members),
    )


def _ref(report: Report) -> ReportRef:
    return ReportRef.model_construct(document=report.document, event=report.index, published=report.published)


def _member(report: Report) -> Member:
    event = report.event
    return Member.model_construct(document=report.document, event=report.index, event_id=event.id, published=report.published, lang=report.lang,
                  status=event.status, date=report.date_value, mentions=event.mentions, evidence=event.evidence)


def _status_history(members: Sequence[Report]) -> list[StatusStep]:
    runs: list[list[Report]] = []
    for report in members:
        if runs and runs[-1][0].status == report.status:
            runs[-1].append(report)
        else:
            runs.append([report])
    return [StatusStep.model_construct(status=run[0].status, since=run[0].published, reports=[_ref(r) for r in run]) for run in runs]


def _publication_days(members: Sequence[Report]) -> tuple[dt.date | None, dt.date | None]:
    days = [r.published for r in members if r.published is not None]
    return (min(days), max(days)) if days else (None, None)


def _merged_date(members: Sequence[Report], final_status: str) -> MergedDate | None:
    """The finest date value of the reports with the final status (else of any
    report), the most reported on equal precision, then the latest reported."""
    dated = [r for r in members if r.days is not None]
    if not dated:
        return None
    final = [r for r in dated if r.status == final_status] or dated
    support: dict[str, list[Report]] = defaultdict(list)
    for r in dated:
        support[r.date_value].append(r)
    order = {r.date_value: n for n, r in enumerate(final)}
    best = min(order, key=lambda v: (PRECISION_RANK[support[v][0].days.precision], -len(support[v]), -order[v]))
    days = support[best][0].days
    return MergedDate.model_construct(value=best, start=days.start, end=days.end,
                      sources=[_source(r, r.event.date.spans) for r in support[best]])


def _source(report: Report, spans) -> Source:  # noqa: ANN001 - a list of Span
    return Source.model_construct(document=report.document, event=report.index, spans=spans)


def _groups(members: Sequence[Report], items: Callable[[Report], list[tuple[Hashable, object]]]) -> dict[Hashable, list[tuple[Report, object]]]:
    """Values of the members grouped by key, groups and values in member order."""
    grouped: dict[Hashable, list[tuple[Report, object]]] = {}
    for report in members:
        for key, value in items(report):
            grouped.setdefault(key, []).append((report, value))
    return grouped


def _merged_location(members: Sequence[Report]) -> MergedLocation | None:
    located = [r for r in members if r.place is not None]
    groups: list[list[Report]] = []
    for report in located:
        home = next((g for g in groups if fuzz.ratio(g[0].place, report.place) >= SAME_PLACE), None)
        if home is None:
            groups.append([report])
        else:
            home.append(report)
    if not groups:
        return None
    best = max(groups, key=len)  # the first of the largest
    names = list(dict.fromkeys(r.event.location.name for r in best))
    return MergedLocation.model_construct(name=names[0], names=names, sources=[_source(r, r.event.location.spans) for r in best])


def _merged_parties(members: Sequence[Report]) -> list[MergedParty]:
    grouped = _groups(members, lambda r: [(p.code, p) for p in r.event.parties])
    codes = sorted(grouped, key=lambda c: (-len(grouped[c]), c))
    return [MergedParty.model_construct(code=c, sources=[_source(r, p.spans) for r, p in grouped[c]]) for c in codes]


def _merged_persons(members: Sequence[Report]) -> list[MergedPerson]:
    def keyed(report: Report) -> list[tuple[Hashable, object]]:
        return list(zip(report.person_keys, report.event.persons))

    grouped = _groups(members, keyed)
    keys = sorted(grouped, key=lambda k: (-len(grouped[k]), k))
    out = []
    for key in keys:
        names = list(dict.fromkeys(p.name for _, p in grouped[key]))
        out.append(MergedPerson.model_construct(key=key, name=names[0], names=names, sources=[_source(r, p.spans) for r, p in grouped[key]]))
    return out


def _merged_document(members: Sequence[Report]) -> MergedDocument | None:
    given = [r for r in members if r.event.document is not None]
    if not given:
        return None
    kinds = [r.event.document.kind for r in given if r.event.document.kind != "other"]
    kind = max(dict.fromkeys(kinds), key=kinds.count) if kinds else "other"
    titles = list(dict.fromkeys(r.event.document.title for r in given))
    period = next((r.event.document.period for r in given if r.event.document.period is not None), None)
    return MergedDocument.model_construct(kind=kind, title=max(titles, key=lambda t: sum(r.event.document.title == t for r in given)),
                          titles=titles, period=period, sources=[_source(r, r.event.document.spans) for r in given])
