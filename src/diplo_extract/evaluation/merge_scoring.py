"""Score merging against merge gold (:mod:`.merge_gold`).

1. **Pairing.** Each gold member is paired with at most one predicted event of
   its document and type whose mention spans overlap the member's mentions (and,
   when the member gives a ``title``, whose document span overlaps it). Candidate
   pairs are taken best first: an event that covers the member's first mention
   (its trigger), then one that covers more of its mentions, then more of their
   characters (and leaves fewer uncovered), then by position in the text, so the extractor's event order never
   matters. An event the extractor split in two pairs by its trigger; the other
   part counts as a predicted event not in the gold.
2. **Clustering scores** over the paired members: B-cubed precision, recall and F1
   (per member, the share of its predicted happening that is in its gold happening,
   and the reverse, averaged) and pairwise ones (member pairs put together by the
   merge against those the gold puts together). Unpaired gold members (events the
   extractor missed) are listed, not scored; predicted events that no gold member
   names are counted.
3. **Distractors.** A ``recurs_with`` (or ``confusable_with``) pair is *merged*
   when one predicted happening holds paired members of both gold happenings.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass, field

from ..schema import DocumentResult, Event
from .merge_gold import GoldMember, MergeGold

__all__ = ["Rates", "MergeReport", "bcubed", "pairwise", "pair_members", "score_merge"]


@dataclass(frozen=True, slots=True)
class Rates:
    """Precision, recall and their harmonic mean."""

    precision: float
    recall: float

    @property
    def f1(self) -> float:
        """The harmonic mean of precision and recall (0 when both are 0)."""
        total = self.precision + self.recall
        return 2 * self.precision * self.recall / total if total else 0.0

    def to_dict(self) -> dict[str, float]:
        """Rounded to 4 places, for JSON."""
        return {"precision": round(self.precision, 4), "recall": round(self.recall, 4), "f1": round(self.f1, 4)}


def bcubed(gold: Mapping[Hashable, Hashable], predicted: Mapping[Hashable, Hashable]) -> Rates:
    """B-cubed precision and recall of the clustering ``predicted`` (item -> cluster)
    against ``gold`` (item -> cluster), over the items both give. No items: 1, 1.

    >>> rates = bcubed({"a": 1, "b": 1, "c": 2}, {"a": "x", "b": "x", "c": "x"})   # a, b: 2/3; c: 1/3
    >>> round(rates.precision, 3), rates.recall, round(rates.f1, 3)
    (0.556, 1.0, 0.714)
    """
    items = sorted((i for i in gold if i in predicted), key=repr)
    if not items:
        return Rates(1.0, 1.0)
    both = Counter((gold[i], predicted[i]) for i in items)
    gold_sizes, predicted_sizes = Counter(gold[i] for i in items), Counter(predicted[i] for i in items)
    precision = sum(both[gold[i], predicted[i]] / predicted_sizes[predicted[i]] for i in items) / len(items)
    recall = sum(both[gold[i], predicted[i]] / gold_sizes[gold[i]] for i in items) / len(items)
    return Rates(precision, recall)


def pairwise(gold: Mapping[Hashable, Hashable], predicted: Mapping[Hashable, Hashable]) -> Rates:
    """Pairwise precision and recall over the items both give: of the item pairs
    ``predicted`` puts together, the share ``gold`` puts together, and the reverse.
    No predicted pair gives precision 1; no gold pair gives recall 1.

    >>> rates = pairwise({"a": 1, "b": 1, "c": 2}, {"a": "x", "b": "x", "c": "x"})  # 1 of 3 pairs right
    >>> round(rates.precision, 3), rates.recall
    (0.333, 1.0)
    """
    items = [i for i in gold if i in predicted]
    gold_pairs = _pair_count(Counter(gold[i] for i in items))
    predicted_pairs = _pair_count(Counter(predicted[i] for i in items))
    together = _pair_count(Counter((gold[i], predicted[i]) for i in items))
    return Rates(together / predicted_pairs if predicted_pairs else 1.0, together / gold_pairs if gold_pairs else 1.0)


def _pair_count(sizes: Counter) -> int:
    return sum(n * (n - 1) // 2 for n in sizes.values())


def pair_members(members: Sequence[GoldMember], results: Sequence[DocumentResult]) -> dict[GoldMember, tuple[str, int]]:
    """Each gold member's predicted event as (document id, event index), for the
    members that have one (see the module doc)."""
    events = {r.id: r.events for r in results if r.id is not None}
    candidates: list[tuple[tuple[int, ...], tuple, tuple, int, GoldMember, tuple[str, int]]] = []
    for member in members:
        for index, event in enumerate(events.get(member.document, ())):
            overlap = _overlap(member, event)
            if overlap:
                where = tuple(sorted((s.start, s.end) for s in event.mentions))
                candidates.append((tuple(-x for x in overlap), where, member.key, index, member, (member.document, index)))
    paired: dict[GoldMember, tuple[str, int]] = {}
    taken: set[tuple[str, int]] = set()
    for *_order, member, event_key in sorted(candidates, key=lambda c: c[:4]):
        if member not in paired and event_key not in taken:
            paired[member] = event_key
            taken.add(event_key)
    return paired


def _overlap(member: GoldMember, event: Event) -> tuple[int, int, int, int] | None:
    """How well the event's mentions cover the member's: (1 if the first mention
    is covered else 0, mentions covered, characters covered, minus characters left
    uncovered); None when nothing is covered, the type differs or a required title
    is not the event's document."""
    if event.type != member.type:
        return None
    if member.title is not None:
        spans = event.document.spans if event.document else []
        if not any(_intersection(member.title, (s.start, s.end)) for s in spans):
            return None
    covered = [sum(_intersection(m, (s.start, s.end)) for s in event.mentions) for m in member.mentions]
    if not any(covered):
        return None
    uncovered = sum(end - start for start, end in member.mentions) - sum(covered)
    return (int(covered[0] > 0), sum(c > 0 for c in covered), sum(covered), -uncovered)


def _intersection(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


@dataclass(slots=True)
class MergeReport:
    """What :func:`score_merge` measured."""

    documents: int
    gold_happenings: int
    gold_multi: int
    gold_members: int
    paired: int
    predicted_events: int
    predicted_happenings: int
    bcubed: Rates
    pairwise: Rates
    recurring: dict[tuple[str, str], bool]
    confusable: dict[tuple[str, str], bool]
    unmatched: list[str]
    split: dict[str, list[list[str]]] = field(default_factory=dict)
    joined: list[list[str]] = field(default_factory=list)
    seconds: float | None = None

    @property
    def recurring_merged(self) -> list[tuple[str, str]]:
        """The recurring happening pairs that the merge joined."""
        return [pair for pair, merged in self.recurring.items() if merged]

    @property
    def confusable_merged(self) -> list[tuple[str, str]]:
        """The confusable happening pairs that the merge joined."""
        return [pair for pair, merged in self.confusable.items() if merged]


def score_merge(gold: MergeGold, results: Sequence[DocumentResult], happenings: Sequence, *, seconds: float | None = None) -> MergeReport:
    """Score ``happenings`` (of :func:`diplo_extract.happenings.merge` on ``results``) against ``gold``."""
    members = gold.members
    paired = pair_members(members, results)
    owner = {(m.document, m.event): h.id for h in happenings for m in h.members}
    gold_of = {m: m.happening for m in paired}
    predicted_of = {m: owner[key] for m, key in paired.items()}
    joined_gold: dict[str, set[str]] = defaultdict(set)  # predicted happening -> gold happenings it holds
    for member, happening in predicted_of.items():
        joined_gold[happening].add(member.happening)
    return MergeReport(
        documents=len(gold.documents), gold_happenings=len(gold.happenings),
        gold_multi=sum(len(h.members) >= 2 for h in gold.happenings), gold_members=len(members), paired=len(paired),
        predicted_events=sum(len(r.events) for r in results), predicted_happenings=len(happenings),
        bcubed=bcubed(gold_of, predicted_of), pairwise=pairwise(gold_of, predicted_of),
        recurring={p: _merged(p, joined_gold) for p in gold.pairs("recurs_with")},
        confusable={p: _merged(p, joined_gold) for p in gold.pairs("confusable_with")},
        unmatched=[m.label for m in members if m not in paired],
        split=_split(gold_of, predicted_of), joined=sorted(sorted(g) for g in joined_gold.values() if len(g) > 1),
        seconds=seconds,
    )


def _merged(pair: tuple[str, str], joined_gold: Mapping[str, set[str]]) -> bool:
    return any(pair[0] in held and pair[1] in held for held in joined_gold.values())


def _split(gold_of: Mapping[GoldMember, str], predicted_of: Mapping[GoldMember, str]) -> dict[str, list[list[str]]]:
    """Gold happenings whose paired members the merge left in several happenings:
    gold id -> the member labels of each part."""
    parts: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for member, happening in predicted_of.items():
        parts[gold_of[member]][happening].append(member.label)
    return {g: sorted(sorted(labels) for labels in by.values()) for g, by in sorted(parts.items()) if len(by) > 1}
