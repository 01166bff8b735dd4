"""Arguments of one trigger mention, read from its sentence: date, place, persons,
parties and documents. Cross-sentence carrying is done in :mod:`assembly`."""
from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, ClassVar

from pydantic import BaseModel, ConfigDict

from .doc import Mention, Token, Trigger
from .documents import DocumentPhrase
from .lexicon import LanguageData, phrase_starts

PARTY_LABELS = ("STATE", "ORG", "BODY")
PARTY_REACH = 20  # tokens: a state named further from the trigger is another clause's
ANCHOR_REACH = 5  # tokens: "on the sidelines of the Group of 20 summit"


class GroupNoun(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    lemma: str
    role: str
    pronoun: bool = False  # plural by itself ("they", "они"): no plural ending to check


class ArgumentCues(LanguageData):
    folder: ClassVar[str] = "arguments"
    location_prepositions: list[str]
    destination_prepositions: list[str]
    previous_markers: list[str]
    topic_prepositions: list[str]
    articles: list[str] = []  # between a preposition and its place ("in the Kazakh capital")
    separate: list[str] = []  # "held separate talks with A, B and C": one meeting per counterpart
    other_prepositions: list[str] = []  # "from Moscow", "из Москвы": a capital after them is a place, not its state
    group_nouns: list[GroupNoun]
    reporting: list[str]
    # Reporting verbs: their tense is the report's, not the event's, and a date next to
    # them dates the report ("his office said on Tuesday").
    reporting_verbs: list[str] = []
    # Verbs whose subject stands before them open a reported clause with no conjunction
    # ("Peskov said Putin and Erdogan would speak"): the name after them is no source.
    # After a quote or a comma the verb is postposed ('"...," said Peskov') and its name is.
    complement_verbs: list[str] = []
    # Words that, after a comma, open a clause on an occasion named before them ("visited
    # Ankara in March, when he held talks"; "прибыл в Анкару, где провел переговоры"): a
    # happening told there takes that occasion's day and place.
    occasion_clauses: list[str] = []
    # Words before a date that make it the start of a span of time ("the first visit
    # since his appointment in August 2024", "с момента назначения"): not the event's day.
    since: list[str] = []
    # Words of an office that no role names, between a reporting word and its source
    # ("сообщил помощник президента РФ Юрий Ушаков", "said Kremlin aide Yuri Ushakov").
    office_words: list[str] = []
    # Possessives right before a trigger that make its speakers its people ("Putin and
    # Ramaphosa recalled their meeting").
    possessives: list[str] = []
    # Relative pronouns that open a clause about something else after the trigger
    # ("в особняке, который принадлежал диктатору Рафаэлю Трухильо"): the persons of that
    # clause take no part.
    relative_pronouns: list[str] = []
    witness: list[str]
    anchor_context: list[str]
    both_parties: list[str] = []  # "двух стран", "the two countries": the document's two sides take part
    counterpart_nouns: list[str] = []  # "talks with the foreign ministers of A, B and C": one meeting per state
    counterpart_prepositions: list[str] = []  # "with", "с": the counterparts follow it


@dataclass
class Frame:
    """One trigger mention with the arguments its own sentence gives."""

    trigger: Trigger
    type: str
    status: str
    status_rule: str
    weak: bool = False
    reference: bool = False
    date: Any = None  # DateExpression
    location: Mention | None = None
    persons: list[Mention] = field(default_factory=list)
    parties: list[Mention] = field(default_factory=list)
    document: DocumentPhrase | None = None
    period: tuple[int, int] | None = None
    group_role: str | None = None
    witnessed: bool = False
    both_parties: bool = False  # the sentence speaks of "the two countries" / "обеих сторон"
    counterpart: str | None = None  # the state this frame's talks are with, when one trigger names several
    shared: list[Trigger] = field(default_factory=list)  # triggers this frame shares with others
    anchor: bool = False  # used as a reference point ("on the sidelines of the summit")

    @property
    def has_own_args(self) -> bool:
        return bool(self.date or self.location or self.persons or self.document)


@dataclass
class SentenceContext:
    """What the stages found in one sentence, for argument rules to read."""

    index: int
    text: str  # the whole document's text
    tokens: Sequence[Token]
    mentions: list[Mention]
    dates: list[Any]
    documents: list[DocumentPhrase]
    lang: str
    _both: bool | None = None  # whether it names "the two countries": read once per sentence (ArgumentReader.says_both)
    _ends: tuple[Sequence[Token], list[int]] | None = None  # the tokens and their ends, made at the first token_index

    def token_index(self, offset: int) -> int:
        """The first token ending after ``offset`` (``len(tokens)`` if none)."""
        if self._ends is None or self._ends[0] is not self.tokens:
            self._ends = self.tokens, [tok.end for tok in self.tokens]
        return bisect_right(self._ends[1], offset)


class ArgumentReader:
    """Reads sentence-local arguments for a trigger."""

    def __init__(self, cues: ArgumentCues) -> None:
        self.cues = cues
        self._loc_preps = frozenset(cues.location_prepositions)
        self._dest_preps = frozenset(cues.destination_prepositions)
        self._previous = frozenset(cues.previous_markers)
        self._topic = frozenset(cues.topic_prepositions)
        self._articles = frozenset(cues.articles)
        self._all_preps = self._loc_preps | self._dest_preps | frozenset(cues.other_prepositions)
        self._groups = {g.lemma: g for g in cues.group_nouns}
        self._reporting = frozenset(cues.reporting)
        self._reporting_verbs = frozenset(cues.reporting_verbs)
        self._complement_verbs = frozenset(cues.complement_verbs)
        self.occasion_clauses = [tuple(p.split()) for p in cues.occasion_clauses]
        self._since = [tuple(p.split()) for p in cues.since]
        self._office_words = frozenset(cues.office_words)
        self._possessives = frozenset(cues.possessives)
        self._witness = frozenset(cues.witness)
        self._anchor = frozenset(cues.anchor_context)
        self._both = [tuple(p.split()) for p in cues.both_parties]

    def fill(self, frame: Frame, ctx: SentenceContext) -> Frame:
        t = frame.trigger
        frame.reference = self._is_reference(t, ctx)
        frame.anchor = self._is_anchor(t, ctx)
        dates = [d for d in ctx.dates if not getattr(d, "is_period", False)]
        dates = [d for d in dates if not self._after_since(d, t, ctx)]
        of_event = [d for d in dates if not self._dates_report(d, ctx)]
        frame.date = _nearest(t, of_event or ([] if frame.status == "planned" else dates))  # a report's day is never a coming event's
        frame.location = self._location(frame, ctx)
        frame.persons = self._persons(ctx, keep_sources=self._owned(t, ctx))
        frame.parties = [m for m in self._parties(ctx) if _token_gap(t, m, ctx) <= PARTY_REACH]
        frame.group_role = self._group_role(ctx)
        frame.both_parties = self.says_both(ctx)
        return frame

    def relative_clause_starts(self, ctx: SentenceContext) -> list[int]:
        """Token indexes of the relative pronouns that open a clause after a comma
        (", который ...", ", which ...")."""
        words = frozenset(self.cues.relative_pronouns)
        return [i for i, tok in enumerate(ctx.tokens) if i > 0 and tok.lemmas & words and ctx.tokens[i - 1].text == ","]

    def witness_cues(self, ctx: SentenceContext) -> list[Token]:
        """Words that make a signing witnessed, not done ("in the presence of",
        "witnessed the signing", "в присутствии")."""
        return [tok for tok in ctx.tokens if tok.lemmas & self._witness or tok.text.lower() in self._witness]

    def _is_reference(self, t: Trigger, ctx: SentenceContext) -> bool:
        k = ctx.token_index(t.start)
        before = ctx.tokens[max(0, k - 2) : k]
        return any(tok.lemmas & self._previous for tok in before)

    def _is_anchor(self, t: Trigger, ctx: SentenceContext) -> bool:
        return self.anchor_word(t, ctx) is not None

    def anchor_word(self, t: Trigger, ctx: SentenceContext) -> int | None:
        """The offset of an anchor word ("sidelines", "в ходе") a few words before the
        trigger, if any; an organization's name counts as one word ("the Group of 20
        summit")."""
        k = ctx.token_index(t.start)
        names = [m for m in ctx.mentions if m.label in ("ORG", "BODY") and m.end <= t.start]
        words, i = 0, k - 1
        while i >= 0 and words < ANCHOR_REACH:
            tok = ctx.tokens[i]
            if tok.lemmas & self._anchor:
                return tok.start
            inside = next((m for m in names if m.start <= tok.start < m.end), None)
            i = ctx.token_index(inside.start) - 1 if inside is not None else i - 1
            words += 1
        return None

    def _location(self, frame: Frame, ctx: SentenceContext) -> Mention | None:
        if frame.type == "phone_call":
            return None
        preps = self._dest_preps if frame.type == "visit" else self._loc_preps
        labels = ("PLACE", "LOC", "STATE") if frame.type == "visit" else ("PLACE", "LOC")
        candidates = [m for m in ctx.mentions if m.label in labels and (self._after_prep(m, ctx, preps) or frame.type == "visit" and _object_of(frame.trigger, m, ctx))]
        if frame.type != "visit":
            candidates += [m for m in ctx.mentions if m.label == "PLACE" and m.rule.endswith(":venue")]
        return _nearest(frame.trigger, candidates)

    def _after_prep(self, m: Mention, ctx: SentenceContext, preps: frozenset[str]) -> bool:
        k = ctx.token_index(m.start)
        if k > 1 and ctx.tokens[k - 1].text.lower() in self._articles:  # "in the Kazakh capital"
            k -= 1
        if k == 0:
            return False
        prev = ctx.tokens[k - 1]
        if m.label == "STATE" and not _is_country_name(m):
            return False
        return bool(prev.lemmas & preps) or prev.text.lower() in preps

    def _persons(self, ctx: SentenceContext, keep_sources: bool = False) -> list[Mention]:
        return [m for m in ctx.mentions if m.label == "PER" and (keep_sources or not self.is_source(m, ctx)) and not self._is_topic(m, ctx)]

    def _owned(self, t: Trigger, ctx: SentenceContext) -> bool:
        """A possessive right before the trigger ("recalled their meeting", "назвал
        свои переговоры"): the speakers are the happening's own people."""
        k = ctx.token_index(t.start)
        return any(tok.text.lower() in self._possessives or tok.lemmas & self._possessives for tok in ctx.tokens[max(0, k - POSSESSIVE_REACH) : k])

    def is_source(self, m: Mention, ctx: SentenceContext) -> bool:
        """A person quoted as a source ("according to X", "X told reporters",
        "сообщил журналистам помощник российского лидера Юрий Ушаков": the words of
        an office between the reporting verb and the name do not count)."""
        k, j = ctx.token_index(m.start), ctx.token_index(m.end)
        after = _within_clause(list(ctx.tokens[j : j + 2]))
        if any(tok.lemmas & self._reporting for tok in after):
            return True
        if self._reported_before(ctx, k):
            return True
        return self._reported_before(ctx, self._before_office(ctx, k))

    def _reported_before(self, ctx: SentenceContext, k: int) -> bool:
        """A reporting word in the three tokens before token ``k``, in its clause, that
        makes the name there a source: not a verb with its own subject before it."""
        names = [m for m in ctx.mentions if m.label == "PER"]
        for i in range(k - 1, max(0, k - 3) - 1, -1):
            tok = ctx.tokens[i]
            if tok.text in CLAUSE_MARKS or any(n.start <= tok.start < n.end for n in names):
                return False  # another clause, or another name nearer the reporting word
            if tok.lemmas & self._reporting:
                return not (tok.lemmas & self._complement_verbs and i > 0 and _is_word(ctx.tokens[i - 1]))
        return False

    def _after_since(self, date: Any, t: Trigger, ctx: SentenceContext) -> bool:
        """A date that bounds a span of time after "since", "с момента" ("the first
        visit since his appointment in August 2024") dates something else, unless the
        trigger itself is what the span starts with ("since Erdogan's visit to Cairo in
        February")."""
        k = ctx.token_index(date.start)
        lo = k - len(_within_clause(list(ctx.tokens[max(0, k - SINCE_REACH) : k])[::-1]))
        starts = phrase_starts([tok.text.lower() for tok in ctx.tokens[lo:k]], self._since)
        return bool(starts) and not (lo + starts[0] < ctx.token_index(t.start) < k)

    def _dates_report(self, date: Any, ctx: SentenceContext) -> bool:
        """A date next to a reporting verb dates the report ("his office said on
        Tuesday", "сообщила во вторник его администрация"), not the event."""
        k, j = ctx.token_index(date.start), ctx.token_index(date.end)
        before = _within_clause(list(ctx.tokens[max(0, k - 2) : k])[::-1])
        after = _within_clause(list(ctx.tokens[j : j + 1]))
        return any(tok.lemmas & self._reporting_verbs for tok in before + after)

    def _before_office(self, ctx: SentenceContext, k: int) -> int:
        """The index before the office words that introduce the name at token ``k``
        ("помощник российского лидера", "Kremlin aide")."""
        offices = [m for m in ctx.mentions if m.label in ("ROLE", "STATE", "ORG", "BODY") and m.end <= ctx.tokens[k].start] if k < len(ctx.tokens) else []
        while k > 0 and (any(o.start <= ctx.tokens[k - 1].start < o.end for o in offices) or ctx.tokens[k - 1].lemmas & self._office_words):
            k -= 1
        return k

    def _parties(self, ctx: SentenceContext) -> list[Mention]:
        out = []
        places = [m for m in ctx.mentions if m.label in ("PLACE", "LOC")]
        for m in ctx.mentions:
            if (m.label in PARTY_LABELS or self._capital_acting(m, ctx)) and m.code and not self._is_topic(m, ctx) and not _qualifies_place(m, places, ctx.text):
                out.append(m)
        return out

    def _capital_acting(self, m: Mention, ctx: SentenceContext) -> bool:
        """A capital named with no preposition before it acts for its state
        ("Белград и Приштина начали переговоры", "Moscow and Washington agreed")."""
        if m.label != "PLACE" or not m.rule.endswith(":capital"):
            return False
        k = ctx.token_index(m.start)
        if k == 0:
            return True
        prev = ctx.tokens[k - 1]
        return not (prev.lemmas & self._all_preps or prev.text.lower() in self._all_preps)

    def _is_topic(self, m: Mention, ctx: SentenceContext) -> bool:
        k = ctx.token_index(m.start)
        window = ctx.tokens[max(0, k - 2) : k]
        return any(tok.lemmas & self._topic for tok in window)

    def says_both(self, ctx: SentenceContext) -> bool:
        """Whether the sentence names the two sides by a phrase ("двух стран", "обеих
        сторон", "the two countries"), word by word on lemmas or forms; read once per
        sentence, however many triggers it has."""
        if ctx._both is None:
            ctx._both = self._says_both(ctx)
        return ctx._both

    def _says_both(self, ctx: SentenceContext) -> bool:
        tokens = ctx.tokens
        words = {w for tok in tokens for w in tok.lemmas} | {tok.text.lower() for tok in tokens}
        for phrase in self._both:
            if not words.issuperset(phrase):  # a word of it is nowhere in the sentence
                continue
            n = len(phrase)
            for k in range(len(tokens) - n + 1):
                if all(w in tokens[k + j].lemmas or w == tokens[k + j].text.lower() for j, w in enumerate(phrase)):
                    return True
        return False

    def _group_role(self, ctx: SentenceContext) -> str | None:
        for tok in ctx.tokens:
            if self._groups.keys().isdisjoint(tok.lemmas):  # a view's isdisjoint walks the smaller side
                continue
            for lemma in sorted(tok.lemmas):
                group = self._groups.get(lemma)
                if group is not None and (group.pronoun or looks_plural(tok.text)):
                    return group.role
        return None


def _within_clause(tokens: list[Token]) -> list[Token]:
    """The tokens up to the first comma or clause mark ("По словам Лаврова, Путин
    встретился ...": the reporting word is not Putin's)."""
    out = []
    for tok in tokens:
        if tok.text in CLAUSE_MARKS:
            break
        out.append(tok)
    return out


CLAUSE_MARKS = (",", ";", ":", "—", "–", "(", ")")
POSSESSIVE_REACH = 3  # tokens before a trigger where "their" / "свои" stands ("their productive meeting")
SINCE_REACH = 6  # tokens before a date where "since" / "с момента" stands


def _qualifies_place(m: Mention, places: list[Mention], text: str) -> bool:
    """A state named right after a place to say where it is ("in Bali, Indonesia",
    "in Moscow, Russia"): the venue's country, no party."""
    return m.label == "STATE" and any(0 <= m.start - p.end <= 3 and text[p.end : m.start].strip() == "," for p in places)


def _is_word(tok: Token) -> bool:
    """A token of letters or digits (not punctuation or a quote)."""
    return any(ch.isalnum() for ch in tok.text)


def _token_gap(t: Trigger, m: Mention, ctx: SentenceContext) -> int:
    """Tokens between a trigger and a mention."""
    a, b = ctx.token_index(t.start), ctx.token_index(m.start)
    return abs(a - b)


def _object_of(t: Trigger, m: Mention, ctx: SentenceContext) -> bool:
    """A place right after a visit verb is its destination ("посетит Узбекистан",
    "visited Vietnam", "plans to visit Brunei": a noun-or-verb word after "to" is
    the verb); an adjective is not ("посетил китайскую столицу")."""
    return (t.pos == "verb" or _after_infinitive_marker(t, ctx)) and 0 <= m.start - t.end <= 2 and _is_country_name(m)


def _after_infinitive_marker(t: Trigger, ctx: SentenceContext) -> bool:
    k = ctx.token_index(t.start)
    return k > 0 and ctx.tokens[k - 1].text.lower() == "to"


def looks_plural(word: str) -> bool:
    """Whether a Russian or English noun has a plural ending (a cheap test, for words
    already known to be nouns).

    >>> [looks_plural(w) for w in ("documents", "документы", "документов", "document", "план", "заседаниях")]
    [True, True, True, False, False, True]
    """
    return word.lower().endswith(("ы", "и", "ов", "ей", "ам", "ям", "ями", "ами", "ах", "ях", "s"))


def _is_country_name(m: Mention) -> bool:
    return "adjective" not in m.rule and "demonym" not in m.rule


def _nearest(t: Trigger, items: Sequence[Any]) -> Any:
    """The item closest to the trigger in characters (None when there is none)."""
    if not items:
        return None
    return min(items, key=lambda x: (_gap(t, x.start, x.end), x.start))


def _gap(t: Trigger, start: int, end: int) -> int:
    if end <= t.start:
        return t.start - end
    if start >= t.end:
        return start - t.end
    return 0
