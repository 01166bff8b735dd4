"""Event status (occurred, planned, cancelled) from tense, aspect and cue words,
with cue lists from ``models/status/<lang>.yaml``."""
from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Iterable, Iterator, Sequence

from typing import ClassVar

from .doc import Token, Trigger
from .lexicon import LanguageData



class StatusCues(LanguageData):
    folder: ClassVar[str] = "status"
    cancelled: list[str]
    planned: list[str]
    past_markers: list[str]
    habitual: list[str]
    # Idioms that hold a habitual word but tell of one instance ("как обычно",
    # "as usual": "we plan to sign, as usual, the plan for next year").
    not_habitual: list[str] = []
    # Idioms that hold a planning word but tell nothing of the time ("по приглашению",
    # "at the invitation of": a visit made at someone's invitation).
    not_planned: list[str] = []
    # Planning words that qualify the noun next to them ("предстоящей поездки",
    # "upcoming visit"): they count only this near the trigger, not clause-wide.
    planned_attributive: list[str] = []
    negation: list[str]
    generic: list[str]
    postponed_to: list[str]
    clause_breaks: list[str]
    future_auxiliaries: list[str]
    relative_pronouns: list[str]
    # "no agreements were signed", "никаких документов не подписано": a word that
    # negates the document or party before the trigger in its clause.
    negative_determiners: list[str] = []
    # Phrases after a trigger in its clause that deny it ("Подписание документов не
    # планируется", "no signing is planned": "signing of documents is not planned").
    denied_after: list[str] = []
    # Words just before a noun trigger that make it a coming event ("подготовка к
    # саммиту", "preparations for the summit", "ahead of the talks").
    planned_before: list[str] = []
    # The headline infinitive ("Erdogan to visit Iraq", "Modi To Meet Putin"): this word
    # right before a trigger, after a name and only capitalised words or these small
    # words, tells of a coming event.
    headline_infinitive: list[str] = []
    # The present of a verb of travel or meeting with a coming day in its clause tells of
    # a coming event ("Kerry lands in Nairobi on Monday for talks"), in languages
    # that mark the future that way.
    present_for_future: list[str] = []
    days_ahead: list[str] = []
    headline_small_words: list[str] = []
    # Words of a sentence right after a planned event's mention that give its date
    # ("Визит запланирован. Он состоится 17 января.", "The talks will take place on
    # Friday."), as lower-case word sequences.
    schedule: list[str] = []
    # Words of a sentence that tells where a visitor stays ("is in the United States
    # from Sept. 17 to 23", "пребывает в Беларуси 2-4 октября"), as lower-case word
    # sequences: the range of days it holds dates a visit (event_dates.VisitStays).
    stay: list[str] = []
    # An invitation to a visit or talks is no planned event by itself ("пригласил
    # посетить Китай в удобное время", "an invitation to visit India").
    invitation: list[str] = []


VerbFeatures = Callable[[str], "tuple[str | None, str | None]"]


class MarkedTense:
    """Tense as English marks it: an auxiliary before the verb ("will", "to") or the
    trigger's own form (``tense: past`` in the lexicon); no reading of other verbs."""

    def own(self, trigger: Trigger, tokens: Sequence[Token], idx: int, clause: tuple[int, int], future: frozenset[str]) -> str | None:
        before = [t.text.lower() for t in tokens[max(0, idx - 3) : idx]]
        if any(w in future for w in before):
            return "planned"
        return "occurred" if trigger.tense == "past" else None

    def of_word(self, word: str) -> str | None:
        return None


class MorphTense:
    """Tense read off morphology (pymorphy3): the trigger's own form, an auxiliary
    ("будет подписан"), and the tense of the verbs around it."""

    def __init__(self, verb_features: VerbFeatures) -> None:
        self._features = verb_features

    def own(self, trigger: Trigger, tokens: Sequence[Token], idx: int, clause: tuple[int, int], future: frozenset[str]) -> str | None:
        if any(tok.text.lower() in future for tok in tokens[max(clause[0], idx - 2) : idx]):
            return "planned"  # "будет подписан", "будут приняты"
        inside = [tok for tok in tokens if trigger.start <= tok.start < trigger.end]
        tense = next((t for t in (self.of_word(tok.text) for tok in inside) if t), None)
        if tense == "futr" or tense == "infn":
            return "planned"
        return "occurred" if tense == "past" else None

    def of_word(self, word: str) -> str | None:
        tense, _aspect = self._features(word)
        return tense


GENERIC_REACH = 2  # words before a trigger that may make it generic ("such high-level meetings", "mutual high-level visits")


class StatusClassifier:
    """Decides a mention's status by an ordered list of strategies; the first that
    answers wins: cancellation cues, preparation words, the trigger's own tense,
    planning cues in the clause, the nearest verb's tense, then ``occurred``. How
    tense is read is the language's (:class:`MorphTense`, :class:`MarkedTense`)."""

    def __init__(self, cues: StatusCues, tense: MarkedTense | MorphTense, reporting: Iterable[str] = ()) -> None:
        self._reporting = frozenset(reporting)  # "сообщила", "said": the report's tense, not the event's
        self._cancelled = _phrases(cues.cancelled)
        self._planned = _phrases(cues.planned)
        self._habitual = _phrases(cues.habitual)
        self._not_habitual = _phrases(cues.not_habitual)
        self._not_planned = _phrases(cues.not_planned)
        self._attributive = frozenset(cues.planned_attributive)
        self._generic = frozenset(cues.generic)
        self.postponed_to = frozenset(cues.postponed_to)
        self._breaks = clause_breaks(cues.clause_breaks)
        self._future = frozenset(cues.future_auxiliaries)
        self._relative = frozenset(cues.relative_pronouns)
        self._tense_reader = tense
        self._negation = frozenset(cues.negation)
        self._negative_determiners = frozenset(cues.negative_determiners)
        self._denied_after = _phrases(cues.denied_after)
        self._planned_before = frozenset(cues.planned_before)
        self._invitation = frozenset(cues.invitation)
        self._infinitive = frozenset(cues.headline_infinitive)
        self._small_words = frozenset(cues.headline_small_words)
        self._present = frozenset(cues.present_for_future)
        self._days_ahead = frozenset(cues.days_ahead)
        self._strategies = (self._by_cancellation, self._by_preparation, self._by_own_tense, self._by_present_for_future, self._by_planning_cue, self._by_nearest_verb)

    def is_invited(self, trigger: Trigger, tokens: Sequence[Token]) -> bool:
        """A trigger governed by an invitation word just before it."""
        idx = _index_of(trigger, tokens)
        lo, _hi = _clause(tokens, idx, self._breaks)
        return any(tok.lemmas & self._invitation or tok.text.lower() in self._invitation for tok in tokens[max(lo, idx - INVITATION_REACH) : idx])

    def is_negated(self, trigger: Trigger, tokens: Sequence[Token]) -> bool:
        """What the text says did not happen ("they did not sign", "не подписали",
        "no agreements were signed"). A scheduled happening that did not take place
        is a cancellation cue instead (checked first by the caller)."""
        idx = _index_of(trigger, tokens)
        lo, _hi = _clause(tokens, idx, self._breaks)
        near = tokens[max(lo, idx - NEGATION_REACH) : idx]
        if any(tok.lemmas & self._negation or tok.text.lower() in self._negation for tok in near):
            return True
        before = tokens[max(lo, idx - DETERMINER_REACH) : idx]
        if any(tok.text.lower() in self._negative_determiners or tok.lemmas & self._negative_determiners for tok in before):
            return True
        return _has_phrase(tokens, idx + 1, min(_hi, idx + 1 + DENIAL_REACH), self._denied_after)

    def __call__(self, trigger: Trigger, tokens: Sequence[Token]) -> tuple[str, str]:
        """``(status, rule)`` for a trigger in its sentence's tokens."""
        idx = _index_of(trigger, tokens)
        clause = _clause(tokens, idx, self._breaks)
        for strategy in self._strategies:
            status = strategy(trigger, tokens, idx, clause)
            if status is not None:
                return status, f"status:{strategy.__name__.removeprefix('_by_')}"
        return "occurred", "status:default"

    def is_cancel_cue(self, tok: Token) -> bool:
        return any(len(p) == 1 for first in tok.lemmas & self._cancelled.keys() for p in self._cancelled[first])

    def is_habitual(self, trigger: Trigger, tokens: Sequence[Token]) -> bool:
        """Generic or habitual mentions ("such sessions", "meet every year")."""
        idx = _index_of(trigger, tokens)
        lo, hi = _clause(tokens, idx, self._breaks)
        generic = any(tok.lemmas & self._generic for tok in _words_before(tokens, idx, lo, GENERIC_REACH))
        if generic:
            return True
        return _has_cue(tokens, lo, hi, self._habitual, self._not_habitual)

    def _by_cancellation(self, trigger, tokens, idx, clause) -> str | None:
        lo, hi = clause
        return "cancelled" if _has_phrase(tokens, lo, hi, self._cancelled) else None

    def _by_preparation(self, trigger: Trigger, tokens, idx, clause) -> str | None:
        """A noun trigger right after "подготовка к", "preparations for", "ahead of"."""
        if trigger.pos != "noun":
            return None
        before = tokens[max(clause[0], idx - PREPARATION_REACH) : idx]
        return "planned" if any(tok.lemmas & self._planned_before or tok.text.lower() in self._planned_before for tok in before) else None

    def _by_present_for_future(self, trigger: Trigger, tokens, idx, clause) -> str | None:
        """"Kerry lands in Nairobi on Monday for talks": a present verb of travel or
        meeting, then a coming day, in the trigger's clause."""
        if not self._present:
            return None
        lo, hi = clause
        words = [tok.text.lower() for tok in tokens[lo:hi]]
        verb = next((k for k, w in enumerate(words) if w in self._present), None)
        return "planned" if verb is not None and any(w in self._days_ahead for w in words[verb + 1 :]) else None

    def _by_own_tense(self, trigger: Trigger, tokens, idx, clause) -> str | None:
        if self._headline_infinitive(tokens, idx):
            return "planned"
        if trigger.pos != "verb" and " " not in trigger.lemma:
            return None
        return self._tense_reader.own(trigger, tokens, idx, clause, self._future)

    def _headline_infinitive(self, tokens: Sequence[Token], idx: int) -> bool:
        """"Erdogan to visit Iraq": the infinitive marker right before the trigger,
        after a capitalised word, with only capitalised or small words before it."""
        if idx < 2 or tokens[idx - 1].text.lower() not in self._infinitive:
            return False
        before = [tok.text for tok in tokens[: idx - 1] if any(ch.isalpha() for ch in tok.text)]
        return bool(before) and before[-1][:1].isupper() and all(w[:1].isupper() or w.lower() in self._small_words for w in before)

    def _by_planning_cue(self, trigger, tokens, idx, clause) -> str | None:
        lo, hi = clause
        covered = {k for start, n in _phrase_matches(tokens, lo, hi, self._not_planned) for k in range(start, start + n)}
        for start, _ in _phrase_matches(tokens, lo, hi, self._planned):
            far = abs(start - idx) > ATTRIBUTIVE_REACH and bool(tokens[start].lemmas & self._attributive)
            if start not in covered and not far:
                return "planned"
        return None

    def _by_nearest_verb(self, trigger, tokens, idx, clause) -> str | None:
        """The tense of the verb nearest the trigger; a relative clause on the trigger
        ("саммиту, который пройдет 3-4 июля") speaks for it first."""
        lo, hi = max(clause[0], idx - VERB_REACH), min(clause[1], idx + VERB_REACH + 1)
        relative = next((k for k in range(idx + 1, min(hi, idx + 5)) if tokens[k].lemmas & self._relative), None)
        order = list(range(relative + 1, hi)) if relative is not None else []
        for k in order + sorted(range(lo, hi), key=lambda k: abs(k - idx)):
            if k == idx or self._reports_apart(tokens, k, idx):
                continue
            tense = self._tense(tokens[k].text)
            if tense in ("futr", "past"):
                return "planned" if tense == "futr" else "occurred"
        return None

    def _reports_apart(self, tokens: Sequence[Token], k: int, idx: int) -> bool:
        """A reporting verb set off from the trigger by a comma ("с визитом в Ирак,
        сообщила его администрация"): its tense is the report's. One that governs
        the trigger ("сказал ... в ходе встречи") speaks for it."""
        if not tokens[k].lemmas & self._reporting:
            return False
        lo, hi = (k, idx) if k < idx else (idx, k)
        return any(tok.text == "," for tok in tokens[lo + 1 : hi])

    def _tense(self, word: str) -> str | None:
        return self._tense_reader.of_word(word)


Phrases = dict[str, list[tuple[str, ...]]]
INVITATION_REACH = 3  # tokens: "приглашение [Путину] посетить"
ATTRIBUTIVE_REACH = 4  # tokens: "запланированный на 18–19 ноября визит", "the visit, planned for May"
PREPARATION_REACH = 4  # tokens: "preparations for the [SCO] summit"
DETERMINER_REACH = 4  # tokens: "no [new] agreements were signed"
CLAUSE_REACH = 60  # tokens each side of a trigger: no real clause is longer
VERB_REACH = 40  # tokens each side: the nearest verb further away in one clause does not speak for the trigger
DENIAL_REACH = 6  # tokens after a trigger where "не планируется" / "is not planned" denies it
NEGATION_REACH = 3  # tokens before a trigger where "not"/"не" negates it ("did not sign", "не будут подписаны")


def _phrases(items: list[str]) -> Phrases:
    """Cue phrases indexed by their first word."""
    index: Phrases = {}
    for item in items:
        words = tuple(item.split())
        index.setdefault(words[0], []).append(words)
    return index


def _has_phrase(tokens: Sequence[Token], lo: int, hi: int, phrases: Phrases) -> bool:
    return next(_phrase_matches(tokens, lo, hi, phrases), None) is not None


def _words_before(tokens: Sequence[Token], idx: int, lo: int, n: int) -> list[Token]:
    """The ``n`` words before ``tokens[idx]`` (from ``lo`` on), a hyphenated compound
    ("high-level") counting as one; a compound's parts are all returned."""
    out: list[Token] = []
    words, k = 0, idx - 1
    while k >= lo and words < n:
        out.append(tokens[k])
        joined = tokens[k].text in HYPHENS or k > lo and tokens[k - 1].text in HYPHENS
        words += 0 if joined else 1
        k -= 1
    return out


HYPHENS = ("-", "‐", "‑")


def _has_cue(tokens: Sequence[Token], lo: int, hi: int, cues: Phrases, idioms: Phrases) -> bool:
    """Whether a cue phrase starts in ``tokens[lo:hi]`` outside every idiom that holds
    a cue word in another sense ("как обычно", "at the invitation of")."""
    covered = {k for start, n in _phrase_matches(tokens, lo, hi, idioms) for k in range(start, start + n)}
    return any(start not in covered for start, _ in _phrase_matches(tokens, lo, hi, cues))


def _phrase_matches(tokens: Sequence[Token], lo: int, hi: int, phrases: Phrases) -> Iterator[tuple[int, int]]:
    """(first token, length) of each cue phrase that starts in ``tokens[lo:hi]``."""
    firsts = phrases.keys()
    for k in range(lo, hi):
        if firsts.isdisjoint(tokens[k].lemmas):  # a view's isdisjoint walks the smaller side
            continue
        for first in tokens[k].lemmas & firsts:
            for p in phrases[first]:
                window = tokens[k : k + len(p)]
                if len(window) == len(p) and all(w in t.lemmas for w, t in zip(p, window)):
                    yield k, len(p)


def _index_of(trigger: Trigger, tokens: Sequence[Token]) -> int:
    """The first token starting at or after the trigger (the last token if none)."""
    k = bisect_left(tokens, trigger.start, key=_token_start)
    return k if k < len(tokens) else max(0, len(tokens) - 1)


def _token_start(tok: Token) -> int:
    return tok.start


def clause_breaks(words: Sequence[str]) -> frozenset[str]:
    """The break words as they may be written (compared without lower-casing each token).

    >>> sorted(clause_breaks(["but", ";"]))
    [';', 'BUT', 'But', 'but']
    """
    return frozenset(f for w in words for f in (w, w.capitalize(), w.upper()))


def _clause(tokens: Sequence[Token], idx: int, breaks: frozenset[str]) -> tuple[int, int]:
    """Token range of the clause around ``idx``, between two clause breaks, and at
    most :data:`CLAUSE_REACH` tokens on each side (so that a run of words without a
    break costs each trigger a bounded scan)."""
    floor, ceiling = max(0, idx - CLAUSE_REACH), min(len(tokens), idx + CLAUSE_REACH + 1)
    lo = idx
    while lo > floor and tokens[lo - 1].text not in breaks:
        lo -= 1
    hi = idx + 1
    while hi < ceiling and tokens[hi].text not in breaks:
        hi += 1
    return lo, hi
