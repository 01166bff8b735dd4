"""Reports into clusters, in time near-linear in their number.

1. **Blocking.** Each report goes into blocks keyed by its type, one of its
   parties (or, without parties, a person or its place) and one month its window
   touches. Only reports sharing a block are compared.
2. **Sweep.** Inside a block, reports sorted by their first day are compared with
   the following ones until one starts after the report's last day (at most
   :data:`NEIGHBOURS` of them), so a crowded block costs a bounded number of
   comparisons per report.
3. **Guarded joining.** Candidate pairs at or above ``SAME_HAPPENING`` are joined
   best first (ties in the order of report keys, so the result does not depend on
   the input order); two clusters join only while the whole stays consistent: no
   document twice, days all members share, one set of organizations, one document
   kind and period. A month-dated report thus never chains two different days of
   that month into one happening.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from ..date_values import DaySpan
from .compare import SAME_HAPPENING, UNSPECIFIED_KIND, pair_score
from .reports import Report

__all__ = ["cluster", "block_keys", "NEIGHBOURS", "MAX_BLOCK_MONTHS"]

NEIGHBOURS = 24  # reports compared after each one in a block
MAX_BLOCK_MONTHS = 13  # a window over more months (a range of years) is not blocked: it stays alone
MAX_BLOCK_PARTIES = 8


def block_keys(report: Report) -> Iterator[tuple[str, str, int]]:
    """The blocks of a report: (type, party / person / place, month as year*12+month)."""
    window = report.window
    if window is None:
        return
    first, last = window.start.year * 12 + window.start.month - 1, window.end.year * 12 + window.end.month - 1
    if last - first >= MAX_BLOCK_MONTHS:
        return
    names = sorted(report.parties)[:MAX_BLOCK_PARTIES] or sorted(report.persons)[:MAX_BLOCK_PARTIES] or (
        [f"place:{report.place}"] if report.place else [])
    for name in names:
        for month in range(first, last + 1):
            yield (report.type, name, month)


def candidate_pairs(reports: Sequence[Report]) -> list[tuple[float, int, int]]:
    """(score, i, j) with i < j for every compared pair at or above the threshold."""
    blocks: dict[tuple[str, str, int], list[int]] = defaultdict(list)
    for i, report in enumerate(reports):
        for key in block_keys(report):
            blocks[key].append(i)
    seen: set[tuple[int, int]] = set()
    found: list[tuple[float, int, int]] = []
    for key in sorted(blocks):
        members = sorted(blocks[key], key=lambda i: (reports[i].window.start, i))
        for n, i in enumerate(members):
            end = reports[i].window.end
            for j in members[n + 1:n + 1 + NEIGHBOURS]:
                if reports[j].window.start > end:
                    break
                pair = (i, j) if i < j else (j, i)
                if pair in seen:
                    continue
                seen.add(pair)
                score = pair_score(reports[i], reports[j])
                if score is not None and score >= SAME_HAPPENING:
                    found.append((score, *pair))
    return found


@dataclass(slots=True)
class _Cluster:
    """What the members of a growing cluster must all agree on."""

    members: list[int]
    documents: set[str]
    days: DaySpan
    organizations: frozenset[str]
    kinds: frozenset[str]
    periods: frozenset[tuple[int, int]] = field(default_factory=frozenset)

    @classmethod
    def of(cls, index: int, report: Report) -> _Cluster:
        document = report.event.document
        return cls(
            members=[index], documents={report.document}, days=report.window, organizations=report.organizations,
            kinds=frozenset({document.kind} - {UNSPECIFIED_KIND}) if document else frozenset(),
            periods=frozenset({(document.period.start, document.period.end)}) if document and document.period else frozenset(),
        )

    def absorb(self, other: _Cluster) -> bool:
        """Take in the members of ``other`` when the union stays consistent; False
        (and no change) when it would not. The caller absorbs the smaller cluster
        into the larger, so joining costs the size of the smaller."""
        if not self.documents.isdisjoint(other.documents):
            return False
        days = self.days.intersection(other.days)
        if days is None:
            return False
        if self.organizations and other.organizations and not self.organizations & other.organizations:
            return False
        kinds, periods = self.kinds | other.kinds, self.periods | other.periods
        if len(kinds) > 1 or len(periods) > 1:
            return False
        self.members.extend(other.members)
        self.documents.update(other.documents)
        self.days, self.organizations, self.kinds, self.periods = days, self.organizations | other.organizations, kinds, periods
        return True


def cluster(reports: Sequence[Report]) -> list[list[int]]:
    """Indices of ``reports`` grouped into happenings; each group sorted, groups in
    the order of their first index. A report without a window stays alone."""
    owner = list(range(len(reports)))
    clusters: dict[int, _Cluster] = {
        i: _Cluster.of(i, r) for i, r in enumerate(reports) if r.window is not None}
    for _score, i, j in sorted(candidate_pairs(reports), key=lambda t: (-t[0], t[1], t[2])):
        a, b = owner[i], owner[j]
        if a == b:
            continue
        keep, drop = (a, b) if len(clusters[a].members) >= len(clusters[b].members) else (b, a)  # relabel the smaller
        if not clusters[keep].absorb(clusters[drop]):
            continue
        for member in clusters.pop(drop).members:
            owner[member] = keep
    groups: dict[int, list[int]] = defaultdict(list)
    for i, root in enumerate(owner):
        groups[root].append(i)
    return sorted(groups.values())
