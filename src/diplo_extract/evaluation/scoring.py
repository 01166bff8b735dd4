"""Score predicted documents against gold (rules in ``docs/event-format.md``).

Pairing, within one document and type with type:

* a candidate pair links by **mention** when a predicted mention overlaps a gold
  mention, or else by **date** when both give the same non-null date value and
  share at least one party code or person (surname rule or overlapping spans);
* every candidate gets a key, compared as a tuple, higher first:
  ``(links by mention, overlapping gold mentions + argument true positives,
  same status, -gold index, -predicted index)``; so mention links beat date
  links, then the pair that agrees most wins, then the pair with the same status,
  and remaining ties go to the earlier gold event, then the earlier predicted
  event (document order);
* candidates are taken greedily in that order, each gold and each predicted
  event at most once.

Events: precision = paired / predicted, recall = paired / gold; strict also
requires the same status. Arguments are scored over all events: a paired pair is
compared role by role (:func:`compare_arguments`), an unpaired gold event counts
all its arguments as missed (fn), an unpaired predicted one all as spurious
(fp). A document missing from the predictions counts as predicted with no
events. With nothing to find and nothing found, precision, recall and F1 are 1.

Predictions are read leniently (a malformed field counts as absent); every span
anywhere in them, extra fields included, is checked against the gold text.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import asdict, dataclass
from typing import Any

from rapidfuzz import fuzz

from diplo_extract.translit import normalize_name
from diplo_extract.evaluation.gold import STATUSES, iter_spans, span_problem

__all__ = [
    "Counts", "EventSummary", "PairDetail", "DocDetail", "BadSpan", "Report",
    "ROLES", "NAME_CUTOFF", "score", "pair_events", "compare_arguments",
    "surname", "names_match", "find_bad_spans",
]

ROLES: tuple[str, ...] = ("date", "location", "persons", "parties", "document")
NAME_CUTOFF = 85.0


# ---------------------------------------------------------------- counts


def _ratio(part: int, whole: int, empty: float) -> float:
    """``part / whole``, or ``empty`` when ``whole`` is 0.

    >>> _ratio(1, 4, 0.0), _ratio(0, 0, 1.0)
    (0.25, 1.0)
    """
    return part / whole if whole else empty


@dataclass(frozen=True)
class Counts:
    """True positives, false positives and false negatives, with P/R/F1.

    >>> c = Counts(tp=3, fp=1, fn=3)
    >>> round(c.precision, 2), round(c.recall, 2), round(c.f1, 2)
    (0.75, 0.5, 0.6)
    >>> Counts().f1, Counts(fn=2).f1, (Counts(tp=1) + Counts(fp=2)).fp
    (1.0, 0.0, 2)
    """

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def __add__(self, other: Counts) -> Counts:
        return Counts(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)

    @property
    def precision(self) -> float:
        return _ratio(self.tp, self.tp + self.fp, 1.0 if self.fn == 0 else 0.0)

    @property
    def recall(self) -> float:
        return _ratio(self.tp, self.tp + self.fn, 1.0 if self.fp == 0 else 0.0)

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return _ratio(2 * p * r, p + r, 0.0)

    def to_dict(self) -> dict[str, float]:
        """Counts and rates, rates rounded to 4 places."""
        rates = {"precision": self.precision, "recall": self.recall, "f1": self.f1}
        return {"tp": self.tp, "fp": self.fp, "fn": self.fn,
                **{k: round(v, 4) for k, v in rates.items()}}


def _total(counts: Iterable[Counts]) -> Counts:
    """Sum of counts."""
    return sum(counts, Counts())


def _merge(maps: Iterable[Mapping[str, Counts]]) -> dict[str, Counts]:
    """Key-wise sum of count maps.

    >>> _merge([{"a": Counts(tp=1)}, {"a": Counts(fp=1), "b": Counts()}])["a"]
    Counts(tp=1, fp=1, fn=0)
    """
    out: dict[str, Counts] = {}
    for mapping in maps:
        for key, counts in mapping.items():
            out[key] = out.get(key, Counts()) + counts
    return out


# ---------------------------------------------------------------- lenient accessors


def _list(value: Any) -> list[Any]:
    """``value`` if it is a list, else ``[]``."""
    return value if isinstance(value, list) else []


def _dict(value: Any) -> dict[str, Any] | None:
    """``value`` if it is a dict, else ``None``."""
    return value if isinstance(value, dict) else None


def _str(value: Any) -> str:
    """``value`` if it is a string, else ``""``."""
    return value if isinstance(value, str) else ""


def _offsets(spans: Any) -> list[tuple[int, int]]:
    """The ``(start, end)`` pairs of well-typed spans in a list.

    >>> _offsets([{"start": 1, "end": 3, "text": "x"}, {"start": "1"}, 5])
    [(1, 3)]
    """
    pairs = ((s.get("start"), s.get("end")) for s in _list(spans) if isinstance(s, dict))
    return [(a, b) for a, b in pairs if type(a) is int and type(b) is int]


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    """Whether two half-open spans share a character.

    >>> _overlap((0, 5), (4, 9)), _overlap((0, 5), (5, 9)), _overlap((3, 3), (0, 9))
    (True, False, False)
    """
    return max(a[0], b[0]) < min(a[1], b[1])


def _spans_overlap(a: Any, b: Any) -> bool:
    """Whether any span of list ``a`` overlaps any span of list ``b``."""
    return any(_overlap(x, y) for x in _offsets(a) for y in _offsets(b))


def _type(event: dict[str, Any]) -> str:
    """The event type, ``"?"`` when absent or malformed."""
    return _str(event.get("type")) or "?"


def _status(event: dict[str, Any]) -> str:
    """The event status, ``"?"`` when absent or malformed."""
    return _str(event.get("status")) or "?"


def _date_value(event: dict[str, Any]) -> str | None:
    """The date value, ``None`` when absent, null or empty."""
    return _str((_dict(event.get("date")) or {}).get("value")) or None


def _persons(event: dict[str, Any]) -> list[dict[str, Any]]:
    """The person objects of an event."""
    return [p for p in _list(event.get("persons")) if isinstance(p, dict)]


def _codes(event: dict[str, Any]) -> set[str]:
    """The set of party codes of an event."""
    return {_str(p.get("code")) for p in _list(event.get("parties")) if isinstance(p, dict)} - {""}


def _document_key(document: dict[str, Any]) -> tuple[Any, Any]:
    """What a document is compared by: kind, and period as ``(start, end)`` or ``None``.

    >>> _document_key({"kind": "plan", "period": {"start": 2021, "end": 2021}})
    ('plan', (2021, 2021))
    """
    period = _dict(document.get("period"))
    return document.get("kind"), (period.get("start"), period.get("end")) if period else None


def _events(doc: dict[str, Any] | None) -> list[dict[str, Any]]:
    """The event objects of a document (none for a missing document)."""
    return [e for e in _list((doc or {}).get("events")) if isinstance(e, dict)]


# ---------------------------------------------------------------- names


def surname(name: str) -> str:
    """The last token of a name's comparison key (transliterated).

    >>> surname("Сергея Лаврова"), surname("Sergei Lavrov"), surname("  ")
    ('lavrova', 'lavrov', '')
    """
    tokens = normalize_name(name).split()
    return tokens[-1] if tokens else ""


def names_match(a: str, b: str, cutoff: float = NAME_CUTOFF) -> bool:
    """Whether two non-empty keys match with ``fuzz.ratio >= cutoff``.

    >>> names_match("lavrova", "lavrov"), names_match("lavrov", "makei"), names_match("", "")
    (True, False, False)
    """
    return bool(a and b) and fuzz.ratio(a, b, score_cutoff=cutoff) >= cutoff


def _person_match(gold: dict[str, Any], pred: dict[str, Any]) -> bool:
    """Same person: surnames match, or their spans overlap."""
    same = names_match(surname(_str(gold.get("name"))), surname(_str(pred.get("name"))))
    return same or _spans_overlap(gold.get("spans"), pred.get("spans"))


def _location_match(gold: dict[str, Any], pred: dict[str, Any]) -> bool:
    """Same place: whole names match (normalized), or their spans overlap."""
    gold_name, pred_name = normalize_name(_str(gold.get("name"))), normalize_name(_str(pred.get("name")))
    return names_match(gold_name, pred_name) or _spans_overlap(gold.get("spans"), pred.get("spans"))


def _augment(left: int, edges: list[list[int]], owner: dict[int, int], seen: set[int]) -> bool:
    """Try to match ``left`` along an augmenting path (Kuhn's algorithm)."""
    for right in edges[left]:
        if right in seen:
            continue
        seen.add(right)
        if right not in owner or _augment(owner[right], edges, owner, seen):
            owner[right] = left
            return True
    return False


def _max_matching(n_left: int, n_right: int, linked: Callable[[int, int], bool]) -> int:
    """Size of a maximum one-to-one matching between two small lists.

    >>> _max_matching(2, 2, lambda i, j: i == 0 or j == 0)
    2
    """
    edges = [[j for j in range(n_right) if linked(i, j)] for i in range(n_left)]
    owner: dict[int, int] = {}
    return sum(_augment(i, edges, owner, set()) for i in range(n_left))


# ---------------------------------------------------------------- arguments


def _single(gold_has: bool, pred_has: bool, same: Callable[[], bool]) -> Counts:
    """Counts for a role holding at most one value on each side.

    >>> _single(True, True, lambda: False), _single(True, False, lambda: True)
    (Counts(tp=0, fp=1, fn=1), Counts(tp=0, fp=0, fn=1))
    """
    if gold_has and pred_has:
        return Counts(tp=1) if same() else Counts(fp=1, fn=1)
    return Counts(fp=int(pred_has), fn=int(gold_has))


def _compare_date(gold: dict[str, Any], pred: dict[str, Any]) -> Counts:
    """Dates agree on the exact value; null on both sides counts nothing."""
    g, p = _date_value(gold), _date_value(pred)
    return _single(g is not None, p is not None, lambda: g == p)


def _compare_location(gold: dict[str, Any], pred: dict[str, Any]) -> Counts:
    """Locations agree by name (fuzzy, transliterated) or by overlapping spans."""
    g, p = _dict(gold.get("location")), _dict(pred.get("location"))
    return _single(g is not None, p is not None, lambda: _location_match(g, p))


def _compare_document(gold: dict[str, Any], pred: dict[str, Any]) -> Counts:
    """Documents agree on kind and period together."""
    g, p = _dict(gold.get("document")), _dict(pred.get("document"))
    return _single(g is not None, p is not None, lambda: _document_key(g) == _document_key(p))


def _compare_persons(gold: dict[str, Any], pred: dict[str, Any]) -> Counts:
    """Persons matched one to one by surname or overlapping spans."""
    g, p = _persons(gold), _persons(pred)
    tp = _max_matching(len(g), len(p), lambda i, j: _person_match(g[i], p[j]))
    return Counts(tp=tp, fp=len(p) - tp, fn=len(g) - tp)


def _compare_parties(gold: dict[str, Any], pred: dict[str, Any]) -> Counts:
    """Parties compared as sets of codes."""
    g, p = _codes(gold), _codes(pred)
    return Counts(tp=len(g & p), fp=len(p - g), fn=len(g - p))


_COMPARERS: dict[str, Callable[[dict[str, Any], dict[str, Any]], Counts]] = {
    "date": _compare_date, "location": _compare_location, "persons": _compare_persons,
    "parties": _compare_parties, "document": _compare_document,
}


def compare_arguments(gold: dict[str, Any], pred: dict[str, Any]) -> dict[str, Counts]:
    """Argument counts per role for one gold and one predicted event.

    Pass ``{}`` for the missing side of an unpaired event: all its arguments
    then count as fn (gold) or fp (predicted).

    >>> compare_arguments({"date": {"value": "2025"}, "parties": [{"code": "RUS"}]}, {})["parties"]
    Counts(tp=0, fp=0, fn=1)
    """
    return {role: compare(gold, pred) for role, compare in _COMPARERS.items()}


# ---------------------------------------------------------------- pairing


def _mentions_hit(gold: dict[str, Any], pred: dict[str, Any]) -> int:
    """How many gold mentions some predicted mention overlaps."""
    pred_spans = _offsets(pred.get("mentions"))
    return sum(any(_overlap(g, p) for p in pred_spans) for g in _offsets(gold.get("mentions")))


def _shares_actor(gold: dict[str, Any], pred: dict[str, Any]) -> bool:
    """Whether two events share a party code or a person."""
    if _codes(gold) & _codes(pred):
        return True
    return any(_person_match(g, p) for g in _persons(gold) for p in _persons(pred))


def _link(gold: dict[str, Any], pred: dict[str, Any], hits: int) -> str | None:
    """How a same-type pair links: ``"mention"``, ``"date"`` or not at all (``None``)."""
    if hits:
        return "mention"
    date = _date_value(gold)
    same_date = date is not None and date == _date_value(pred)
    return "date" if same_date and _shares_actor(gold, pred) else None


@dataclass(frozen=True)
class _Candidate:
    key: tuple[Any, ...]
    gold: int
    pred: int
    via: str


def _candidate(gold: list[dict[str, Any]], pred: list[dict[str, Any]], i: int, j: int) -> _Candidate | None:
    """The candidate pair of gold event ``i`` and predicted event ``j``, if they link."""
    g, p = gold[i], pred[j]
    if _type(g) != _type(p):
        return None
    hits = _mentions_hit(g, p)
    via = _link(g, p, hits)
    if via is None:
        return None
    return _Candidate((pair_score(g, p, hits), -j, -i), i, j, via)


def pair_score(gold: dict[str, Any], pred: dict[str, Any], hits: int | None = None) -> int:
    """The pair score of ``event-format.md``: 2 when mentions overlap, plus 1 for the
    same date value, 1 for a shared party or person, 1 for the same document kind
    and period. Ties go to the earlier predicted event, then the earlier gold event.

    >>> e = {"type": "meeting", "mentions": [{"start": 0, "end": 5}], "date": {"value": "2024-01-01"}, "parties": [{"code": "RUS"}]}
    >>> pair_score(e, e)
    4
    """
    hits = _mentions_hit(gold, pred) if hits is None else hits
    date = _date_value(gold)
    score = 2 * bool(hits) + (date is not None and date == _date_value(pred)) + _shares_actor(gold, pred)
    g_doc, p_doc = _dict(gold.get("document")), _dict(pred.get("document"))
    return score + bool(g_doc and p_doc and _document_key(g_doc) == _document_key(p_doc))


def pair_events(gold: list[dict[str, Any]], pred: list[dict[str, Any]]) -> list[tuple[int, int, str]]:
    """Pair gold and predicted events of one document: ``(gold_i, pred_j, via)``.

    Greedy, best key first (see the module docstring); one-to-one.

    >>> m = lambda a, b: {"type": "meeting", "status": "occurred", "mentions": [{"start": a, "end": b}]}
    >>> pair_events([m(0, 5), m(10, 15)], [m(12, 14), m(3, 4), m(40, 41)])
    [(0, 1, 'mention'), (1, 0, 'mention')]
    """
    found = (_candidate(gold, pred, i, j) for i in range(len(gold)) for j in range(len(pred)))
    used_gold: set[int] = set()
    used_pred: set[int] = set()
    pairs = []
    for cand in sorted((c for c in found if c), key=lambda c: c.key, reverse=True):
        if cand.gold not in used_gold and cand.pred not in used_pred:
            used_gold.add(cand.gold)
            used_pred.add(cand.pred)
            pairs.append((cand.gold, cand.pred, cand.via))
    return sorted(pairs)


# ---------------------------------------------------------------- report objects


@dataclass(frozen=True)
class EventSummary:
    """An event as shown in per-document details."""

    index: int
    type: str
    status: str
    mention: str | None
    date: str | None


@dataclass(frozen=True)
class PairDetail:
    """A paired gold and predicted event, how they linked and which roles disagree."""

    gold: EventSummary
    pred: EventSummary
    via: str
    status_match: bool
    mismatched_roles: tuple[str, ...]


@dataclass(frozen=True)
class DocDetail:
    """Per-document diagnosis: paired, gold-only and predicted-only events."""

    doc_id: str
    missing: bool
    paired: tuple[PairDetail, ...]
    gold_only: tuple[EventSummary, ...]
    pred_only: tuple[EventSummary, ...]


@dataclass(frozen=True)
class BadSpan:
    """A predicted span whose text is not ``text[start:end]``."""

    doc_id: str
    path: str
    problem: str


@dataclass(frozen=True)
class Report:
    """The result of :func:`score`."""

    n_docs: int
    events: Counts
    strict: Counts
    by_type: dict[str, Counts]
    roles: dict[str, Counts]
    arguments: Counts
    status_confusion: dict[str, dict[str, int]]
    bad_spans: tuple[BadSpan, ...] = ()
    docs: tuple[DocDetail, ...] = ()
    extra_docs: tuple[str, ...] = ()
    text_mismatches: tuple[str, ...] = ()
    seconds: float | None = None

    def to_dict(self, details: bool = True) -> dict[str, Any]:
        """A JSON-ready dict; ``details=False`` leaves out the per-document listing."""
        out = {
            "n_docs": self.n_docs, "seconds": self.seconds,
            "events": self.events.to_dict(), "strict": self.strict.to_dict(),
            "by_type": {k: v.to_dict() for k, v in self.by_type.items()},
            "roles": {k: v.to_dict() for k, v in self.roles.items()},
            "arguments": self.arguments.to_dict(),
            "status_confusion": self.status_confusion,
            "bad_spans": [asdict(b) for b in self.bad_spans],
            "extra_docs": list(self.extra_docs), "text_mismatches": list(self.text_mismatches),
        }
        return {**out, "docs": [asdict(d) for d in self.docs]} if details else out


# ---------------------------------------------------------------- one document


def _summary(index: int, event: dict[str, Any]) -> EventSummary:
    """Summarize an event: type, status, first mention text and date."""
    mentions = [m for m in _list(event.get("mentions")) if isinstance(m, dict)]
    mention = (_str(mentions[0].get("text")) or None) if mentions else None
    return EventSummary(index, _type(event), _status(event), mention, _date_value(event))


@dataclass(frozen=True)
class _DocScore:
    events: Counts
    strict: Counts
    by_type: dict[str, Counts]
    roles: dict[str, Counts]
    confusion: Counter[tuple[str, str]]
    detail: DocDetail


def _unpaired_args(gold: Iterable[dict[str, Any]], pred: Iterable[dict[str, Any]]) -> dict[str, Counts]:
    """Argument counts of unpaired events: gold all fn, predicted all fp."""
    missed = (compare_arguments(g, {}) for g in gold)
    return _merge([*missed, *(compare_arguments({}, p) for p in pred)])


def _by_type(gold: list[dict[str, Any]], pred: list[dict[str, Any]],
             pairs: list[tuple[int, int, str]]) -> dict[str, Counts]:
    """Event counts per type."""
    paired = Counter(_type(gold[i]) for i, _, _ in pairs)
    n_gold, n_pred = Counter(map(_type, gold)), Counter(map(_type, pred))
    return {t: Counts(paired[t], n_pred[t] - paired[t], n_gold[t] - paired[t])
            for t in sorted(n_gold | n_pred)}


def _pair_detail(gold: list[dict[str, Any]], pred: list[dict[str, Any]], i: int, j: int,
                 via: str, args: dict[str, Counts]) -> PairDetail:
    """Describe one pair for the per-document listing."""
    mismatched = tuple(r for r, c in args.items() if c.fp or c.fn)
    same_status = _status(gold[i]) == _status(pred[j])
    return PairDetail(_summary(i, gold[i]), _summary(j, pred[j]), via, same_status, mismatched)


def _doc_detail(doc_id: str, missing: bool, gold: list[dict[str, Any]], pred: list[dict[str, Any]],
                pairs: list[tuple[int, int, str]], args: list[dict[str, Counts]]) -> DocDetail:
    """Per-document listing of paired, gold-only and predicted-only events."""
    paired = tuple(_pair_detail(gold, pred, i, j, via, a) for (i, j, via), a in zip(pairs, args))
    gold_left = {i for i, _, _ in pairs}
    pred_left = {j for _, j, _ in pairs}
    return DocDetail(doc_id, missing, paired,
                     tuple(_summary(i, e) for i, e in enumerate(gold) if i not in gold_left),
                     tuple(_summary(j, e) for j, e in enumerate(pred) if j not in pred_left))


def _score_doc(gold_doc: dict[str, Any], pred_doc: dict[str, Any] | None) -> _DocScore:
    """Score one document's events and arguments."""
    gold, pred = _events(gold_doc), _events(pred_doc)
    pairs = pair_events(gold, pred)
    args = [compare_arguments(gold[i], pred[j]) for i, j, _ in pairs]
    paired_g, paired_p = {i for i, _, _ in pairs}, {j for _, j, _ in pairs}
    unpaired = _unpaired_args((e for i, e in enumerate(gold) if i not in paired_g),
                              (e for j, e in enumerate(pred) if j not in paired_p))
    confusion = Counter((_status(gold[i]), _status(pred[j])) for i, j, _ in pairs)
    same = sum(n for (g, p), n in confusion.items() if g == p)
    return _DocScore(
        events=Counts(len(pairs), len(pred) - len(pairs), len(gold) - len(pairs)),
        strict=Counts(same, len(pred) - same, len(gold) - same),
        by_type=_by_type(gold, pred, pairs),
        roles=_merge([*args, unpaired]),
        confusion=confusion,
        detail=_doc_detail(_str(gold_doc.get("id")), pred_doc is None, gold, pred, pairs, args),
    )


# ---------------------------------------------------------------- spans and collection


def find_bad_spans(doc: dict[str, Any], text: str | None = None) -> list[BadSpan]:
    """Every span-like object in ``doc`` failing ``text[start:end] == span.text``.

    ``text`` defaults to the document's own text.

    >>> doc = {"id": "d", "text": "Минск", "ents": [{"start": 0, "end": 2, "text": "Ми"},
    ...        {"start": 0, "end": 2, "text": "Mi"}]}
    >>> [(b.path, b.problem) for b in find_bad_spans(doc)]
    [('ents[1]', "text[0:2] is 'Ми', not 'Mi'")]
    """
    text = text if text is not None else _str(doc.get("text"))
    doc_id = _str(doc.get("id"))
    found = ((path, span_problem(span, text)) for path, span in iter_spans(doc))
    return [BadSpan(doc_id, path, problem) for path, problem in found if problem]


def _index(docs: list[dict[str, Any]], what: str) -> dict[str, dict[str, Any]]:
    """Documents by id; duplicate ids raise :class:`ValueError`."""
    ids = [_str(d.get("id")) for d in docs]
    duplicates = sorted(k for k, n in Counter(ids).items() if n > 1)
    if duplicates:
        raise ValueError(f"duplicate {what} document ids: {duplicates}")
    return dict(zip(ids, docs))


def _confusion_matrix(counter: Counter[tuple[str, str]]) -> dict[str, dict[str, int]]:
    """Gold status x predicted status, over the guide's statuses and any others seen.

    >>> _confusion_matrix(Counter({("planned", "occurred"): 2}))["planned"]
    {'occurred': 2, 'planned': 0, 'cancelled': 0}
    """
    seen = [s for pair in counter for s in pair if s not in STATUSES]
    labels = [*STATUSES, *dict.fromkeys(seen)]
    return {g: {p: counter[(g, p)] for p in labels} for g in labels}


def _all_bad_spans(gold_by_id: dict[str, dict[str, Any]], preds: list[dict[str, Any]]) -> list[BadSpan]:
    """Bad spans of every predicted document, checked against the gold text when known."""
    found = []
    for pred in preds:
        gold = gold_by_id.get(_str(pred.get("id")))
        found += find_bad_spans(pred, _str(gold.get("text")) if gold else None)
    return found


def _text_mismatches(gold_by_id: dict[str, dict[str, Any]], preds: list[dict[str, Any]]) -> list[str]:
    """Ids of predicted documents whose ``text`` differs from the gold text."""
    return [_str(p.get("id")) for p in preds
            if isinstance(p.get("text"), str) and _str(p.get("id")) in gold_by_id
            and p["text"] != gold_by_id[_str(p.get("id"))].get("text")]


def score(gold_docs: list[dict[str, Any]], pred_docs: list[dict[str, Any]],
          *, seconds: float | None = None) -> Report:
    """Score predictions against gold documents, matched by document id.

    Predicted documents with no gold counterpart are not scored; their ids are
    listed in ``Report.extra_docs`` (their spans are still checked). ``seconds``
    (the time the extractor took, if known) is carried into the report.
    """
    gold_by_id = _index(gold_docs, "gold")
    pred_by_id = _index(pred_docs, "predicted")
    results = [_score_doc(doc, pred_by_id.get(doc_id)) for doc_id, doc in gold_by_id.items()]
    roles = _merge([{r: Counts() for r in ROLES}, *(r.roles for r in results)])
    return Report(
        n_docs=len(gold_docs),
        events=_total(r.events for r in results),
        strict=_total(r.strict for r in results),
        by_type=dict(sorted(_merge(r.by_type for r in results).items())),
        roles=roles,
        arguments=_total(roles.values()),
        status_confusion=_confusion_matrix(sum((r.confusion for r in results), Counter())),
        bad_spans=tuple(_all_bad_spans(gold_by_id, pred_docs)),
        docs=tuple(r.detail for r in results),
        extra_docs=tuple(k for k in pred_by_id if k not in gold_by_id),
        text_mismatches=tuple(_text_mismatches(gold_by_id, pred_docs)),
        seconds=seconds,
    )
