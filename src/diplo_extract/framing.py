"""From the triggers of one sentence to mention frames: drop triggers inside
document titles and habitual statements, give each signing/adoption its documents,
and share the sentence's arguments out between its triggers."""
from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from .arguments import Frame, SentenceContext, _gap, looks_plural
from .doc import Mention, Trigger
from .lexicon import phrase_starts
from .documents import AUTHORED_KINDS, DocumentPhrase
from .schema import DOCUMENT_EVENT_TYPES

if TYPE_CHECKING:  # pragma: no cover
    from .languages import Language

DOC_WINDOW_RIGHT = 12  # tokens after a trigger where its document may start
DOC_WINDOW_LEFT = 8
INCLUDED_GAP = 5  # tokens between a bundle and the first named document "including" it singles out
SHARED_VERB_WINDOW = 4
LEG_JOINERS = (",", "and", ", and", "и", ", и", "&", "as well as", "а также", ", а также")  # between countries of one trip
SEPARATE_REACH = 3  # tokens around a meeting trigger where "separate"/"отдельные" stands
COUNTERPART_REACH = 14  # tokens after a meeting trigger where its plural counterpart noun stands
BODY_GAP_WORDS = 2  # words between a plural meeting noun and its first organization ("of the")
COUNTERPART_GAP = 40  # characters between that noun and the first state of its list ("ministers of foreign affairs of")
PERSON_REACH = 30  # characters between a reception verb and the person received
ADOPTER_REACH = 40  # characters: a person named as adopting stands right before the verb


class FrameBuilder:
    """Frames of one sentence's triggers, read with one language's rules."""

    def __init__(self, tools: Language, ctx: SentenceContext) -> None:
        self.tools = tools
        self.ctx = ctx
        self.domestic: list[Trigger] = []  # triggers out of the guide's scope ("видеоселекторное совещание")

    def build(self, triggers: Sequence[Trigger]) -> list[Frame]:
        status = self.tools.status
        self.domestic = [t for t in triggers if not self._in_scope(t)]
        kept = [t for t in triggers if self._sense_holds(t) and t not in self.domestic and not status.is_invited(t, self.ctx.tokens) and not self._inside_title(t) and not status.is_habitual(t, self.ctx.tokens) and not self._negated(t)]
        frames: list[Frame] = []
        for t in kept:
            frames += self._frames_for(t)
        self._witnessed(frames)
        self._first_anchored(frames)
        self._aside(frames, kept)
        self._share_out(frames)
        self._occasion_clauses(frames)
        return _fold_shared_verbs(frames, self.ctx)

    def _first_anchored(self, frames: list[Frame]) -> None:
        """An anchor word governs the first trigger after it ("В рамках визита на
        пятницу запланирована встреча": the visit, not the meeting)."""
        reader = self.tools.arguments
        for f in frames:
            if not f.anchor:
                continue
            at = reader.anchor_word(f.trigger, self.ctx)
            if at is not None and any(at < g.trigger.start < f.trigger.start for g in frames):
                f.anchor = False

    def _occasion_clauses(self, frames: list[Frame]) -> None:
        """A happening told in a clause on an earlier occasion ("visited Ankara in March
        last year, when he held talks with Erdogan"; "прибыл в Анкару, где провел
        переговоры"): it takes that occasion's day and place when it has none."""
        openers = self.tools.arguments.occasion_clauses
        if not openers:
            return
        strong = sorted((f for f in frames if not f.weak and f.type in OCCASIONS), key=lambda f: f.trigger.start)
        for earlier, f in zip(strong, strong[1:]):
            if f.date is not None and f.location is not None:
                continue
            lo, hi = self.ctx.token_index(earlier.trigger.end), self.ctx.token_index(f.trigger.start)
            if _opens_clause(self.ctx.tokens[lo:hi], openers):
                f.date = f.date or earlier.date
                f.location = f.location or earlier.location

    def _in_scope(self, t: Trigger) -> bool:
        """Not a domestic, academic or private gathering by the words around it."""
        if t.type not in ("meeting", "phone_call"):
            return True
        lexicon = self.tools.triggers
        lo, hi = self.ctx.token_index(t.start), self.ctx.token_index(t.end)
        near = self.ctx.tokens[max(0, lo - lexicon.scope_reach) : hi + lexicon.scope_reach]
        return not any(tok.lemmas & lexicon.out_of_scope or tok.text.lower() in lexicon.out_of_scope for tok in near)

    def _sense_holds(self, t: Trigger) -> bool:
        """The trigger's sense tests, kept as data with its lexicon entry."""
        k = self.ctx.token_index(t.end)
        if t.not_followed_by and any(tok.lemmas & set(t.not_followed_by) or tok.text.lower() in t.not_followed_by for tok in self.ctx.tokens[k : k + 2]):
            return False
        if t.not_preceded_by:
            j = self.ctx.token_index(t.start)
            before = self.ctx.tokens[max(0, j - 1) : j]
            if any(tok.lemmas & set(t.not_preceded_by) or tok.text.lower() in t.not_preceded_by for tok in before):
                return False
        if t.person_after is None:
            return True
        k = self.ctx.token_index(t.end)
        reach = self.ctx.tokens[k : k + t.person_after]
        if not reach:
            return False
        limit = reach[-1].end
        return any(m.label in ("PER", "ROLE") and t.end <= m.start < limit for m in self.ctx.mentions)

    def _negated(self, t: Trigger) -> bool:
        """Negated and not a called-off happening ("встреча не состоялась" is cancelled)."""
        status = self.tools.status
        return status.is_negated(t, self.ctx.tokens) and status(t, self.ctx.tokens)[0] != "cancelled"

    def _inside_title(self, t: Trigger) -> bool:
        for d in self.ctx.documents:
            if d.start <= t.start and t.end <= d.end and t.start > d.start:
                return d.kind not in AUTHORED_KINDS or t.type in DOCUMENT_EVENT_TYPES
        return False

    def _frames_for(self, t: Trigger) -> list[Frame]:
        status, rule = self.tools.status(t, self.ctx.tokens)
        base = dict(type=t.type, status=status, status_rule=rule)
        if t.type not in DOCUMENT_EVENT_TYPES:
            frame = self.tools.arguments.fill(Frame(t, weak=t.weak, **base), self.ctx)
            return [*self._separate(frame), *self._legs(frame), *self._counterparts(frame), *self._bodies(frame), *self._new_slot(frame)]
        docs = self._documents_of(t)
        if not docs:
            return self._otherwise(t, base)
        return [self._document_frame(t, d, base) for d in docs]

    def _separate(self, frame: Frame) -> list[Frame]:
        """"held separate talks with A, B and C", "провел отдельные встречи с А и Б":
        one meeting per counterpart named after the trigger, each with the persons
        named before it."""
        t = frame.trigger
        cues = frozenset(self.tools.arguments.cues.separate)
        k = self.ctx.token_index(t.start)
        near = self.ctx.tokens[max(0, k - SEPARATE_REACH) : self.ctx.token_index(t.end) + SEPARATE_REACH]
        after = [p for p in frame.persons if p.start >= t.end]
        if t.type != "meeting" or len(after) < 2 or not any(tok.lemmas & cues or tok.text.lower() in cues for tok in near):
            return [frame]
        before = [p for p in frame.persons if p.start < t.end]
        return [dataclasses.replace(frame, persons=before + [p], parties=[], shared=list(frame.shared)) for p in after]

    def _legs(self, frame: Frame) -> list[Frame]:
        """"a tour of Vietnam, Malaysia and Cambodia", "посетит Казахстан и Узбекистан":
        one trip to several countries is one visit per country (further frames beside
        the one for the first destination)."""
        if frame.type != "visit" or frame.location is None or frame.location.label != "STATE":
            return []
        legs = self._coordinated_states(frame.location)
        if not legs:
            return []
        others = {m.code for m in legs} | {frame.location.code}
        visitor = [p for p in frame.parties if p.code not in others]
        frame.parties = visitor + [p for p in frame.parties if p.code == frame.location.code]
        return [dataclasses.replace(frame, location=m, parties=[*visitor, m], shared=list(frame.shared)) for m in legs]

    def _counterparts(self, frame: Frame) -> list[Frame]:
        """"held talks with the foreign ministers of Spain, Slovakia and Cuba",
        "переговоры с министрами иностранных дел Испании, Словакии и Кубы": one meeting
        per state listed after a plural counterpart noun that follows the trigger (the
        first state stays with this frame; further frames for the others)."""
        if frame.type != "meeting":
            return []
        nouns = frozenset(self.tools.arguments.cues.counterpart_nouns)
        k = self.ctx.token_index(frame.trigger.end)
        window = self.ctx.tokens[k : k + COUNTERPART_REACH]
        preps = frozenset(self.tools.arguments.cues.counterpart_prepositions)
        after_prep = [i for i, tok in enumerate(window) if tok.text.lower() in preps]
        if not after_prep:
            return []  # "talks WITH the ministers of A and B"; not "a meeting of the leaders of A and B" (one meeting)
        window = window[after_prep[0] :]
        heads = [tok for tok in window if (tok.lemmas & nouns or tok.text.lower() in nouns) and looks_plural(tok.text)]
        firsts = (next((m for m in self.ctx.mentions if m.label == "STATE" and m.rule == "gazetteer:name" and 0 <= m.start - tok.end <= COUNTERPART_GAP), None) for tok in heads)
        first = next((m for m in firsts if m is not None), None)
        listed = self._coordinated_states(first) if first is not None else []
        if first is None or not listed:
            return []
        others = {first.code, *(m.code for m in listed)}
        own = [p for p in frame.parties if p.code not in others]
        frame.parties, frame.counterpart = [*own, first], first.code
        return [dataclasses.replace(frame, parties=[*own, m], counterpart=m.code, persons=[p for p in frame.persons if p.start < frame.trigger.start],
                                    shared=list(frame.shared)) for m in listed]

    def _bodies(self, frame: Frame) -> list[Frame]:
        """"attended meetings of the African Union and ECOWAS", "заседания ОДКБ и СНГ":
        a plural meeting noun followed by coordinated organizations is one meeting per
        organization (the first stays with this frame, made strong; further frames for
        the others)."""
        t = frame.trigger
        if frame.type != "meeting" or t.pos == "verb" or not looks_plural(t.text):
            return []
        orgs = [m for m in self.ctx.mentions if m.label in ("ORG", "BODY") and m.code and m.start >= t.end]
        if not orgs or len(self.ctx.text[t.end : orgs[0].start].split()) > BODY_GAP_WORDS:
            return []
        listed = [orgs[0]]
        for m in orgs[1:]:
            if self.ctx.text[listed[-1].end : m.start].strip().lower() not in LEG_JOINERS:
                break
            listed.append(m)
        if len(listed) < 2:
            return []
        own = [p for p in frame.parties if p.code not in {m.code for m in listed}]
        frame.parties, frame.weak, frame.counterpart = [*own, listed[0]], False, listed[0].code
        return [dataclasses.replace(frame, parties=[*own, m], counterpart=m.code, shared=list(frame.shared)) for m in listed[1:]]

    def _coordinated_states(self, first: Mention) -> list[Mention]:
        """States named right after ``first``, joined by commas and "and"/"и" (a trip's legs, a list of counterparts)."""
        states = [m for m in self.ctx.mentions if m.label == "STATE" and m.start > first.end and "gazetteer:name" == m.rule]
        out, joins, end = [], [], first.end
        articles = tuple(f" {a}" for a in self.tools.arguments.cues.articles)
        for m in states:
            gap = self.ctx.text[end : m.start].strip().lower()
            gap = next((gap[: -len(a)].rstrip() for a in articles if gap.endswith(a) and gap[: -len(a)].strip()), gap)  # ", the Kyrgyz Republic"
            if gap not in LEG_JOINERS or m.code in {first.code, *(o.code for o in out)}:
                break
            out.append(m)
            joins.append(gap)
            end = m.end
        while joins and joins[-1] == ",":  # "Russia and Belarus, China said": a list ends with "and"
            out.pop()
            joins.pop()
        return out

    def _otherwise(self, t: Trigger, base: dict) -> list[Frame]:
        """"Лаврова принял президент", "was received by the President": with a person
        next to it and no document, the verb reports a meeting."""
        if t.otherwise is None or not any(m.label == "PER" and _gap(t, m.start, m.end) <= PERSON_REACH for m in self.ctx.mentions):
            return []
        if self.tools.attributive(t.text):  # "решение, принятое президентом": a decision, no reception
            return []
        base = dict(base, type=t.otherwise)
        return [self.tools.arguments.fill(Frame(t, **base), self.ctx)]

    def _new_slot(self, frame: Frame) -> list[Frame]:
        """A postponement to a new date ("перенесен на 2 апреля", "rescheduled to
        March 10"): the original slot stays cancelled, the new date is a planned
        event of its own."""
        if frame.status != "cancelled" or frame.weak:
            return []
        new_date = next((d for d in self.ctx.dates if not getattr(d, "is_period", False) and self._after_postponed_to(d)), None)
        if new_date is None:
            return []
        if frame.date is new_date or (frame.date is not None and frame.date.start == new_date.start):
            others = [d for d in self.ctx.dates if d.start != new_date.start and not getattr(d, "is_period", False)]
            frame.date = others[0] if others else None
        slot = Frame(frame.trigger, type=frame.type, status="planned", status_rule="status:postponed-to", reference=frame.reference,
                     date=new_date, location=frame.location, persons=list(frame.persons), parties=list(frame.parties), group_role=frame.group_role)
        return [slot]

    def _after_postponed_to(self, d) -> bool:  # noqa: ANN001
        k = self.ctx.token_index(d.start)
        return k > 0 and bool(self.ctx.tokens[k - 1].lemmas & self.tools.status.postponed_to) and self._follows_cancel_cue(k)

    def _aside(self, frames: list[Frame], triggers: Sequence[Trigger]) -> None:
        """Persons of a relative clause about a thing after a verb trigger ("встретились в
        особняке, который принадлежал Рафаэлю Трухильо") take no part in it; a clause about
        a person or an event ("Макей, который провел переговоры с Лавровым", "the summit,
        which is hosted by Kishida") still names participants."""
        for k in self.tools.arguments.relative_clause_starts(self.ctx):
            before = self.ctx.tokens[k - 2] if k >= 2 else None
            if before is None or any(m.label == "PER" and m.start <= before.start < m.end for m in self.ctx.mentions):
                continue
            if any(t.start <= before.start < t.end for t in triggers):
                continue
            start = self.ctx.tokens[k].start
            for f in frames:
                if f.trigger.pos == "verb" and f.trigger.end <= start:
                    f.persons = [p for p in f.persons if p.start < start]

    def _witnessed(self, frames: list[Frame]) -> None:
        """A witness cue makes the nearest signing or adoption a witnessed one, with
        no persons of its sentence ("signed by officials in the presence of the
        leaders"; "Xi and Putin signed the statement and witnessed the signing of
        cooperation documents": only the second)."""
        documents = [f for f in frames if f.type in DOCUMENT_EVENT_TYPES]
        if not documents:
            return
        witnessed = {min(documents, key=lambda f: _gap(f.trigger, cue.start, cue.end)).trigger for cue in self.tools.arguments.witness_cues(self.ctx)}
        for f in documents:
            if f.trigger in witnessed:
                f.witnessed, f.persons = True, []

    def _with_object(self, frame: Frame, person: Mention) -> bool:
        """A person after its occasion's "with" in one clause ("переговоры с коллегой
        Роберто Альваресом, после чего был принят ..."): that occasion's, however
        near another trigger stands."""
        if frame.type not in ("meeting", "phone_call") or person.start < frame.trigger.end:
            return False
        k, j = self.ctx.token_index(frame.trigger.end), self.ctx.token_index(person.start)
        between = self.ctx.tokens[k:j]
        preps = frozenset(self.tools.arguments.cues.counterpart_prepositions)
        return 0 < len(between) <= WITH_REACH and between[0].text.lower() in preps and not any(tok.text in ",;" for tok in between)

    def _follows_cancel_cue(self, k: int) -> bool:
        return any(self.tools.status.is_cancel_cue(tok) for tok in self.ctx.tokens[max(0, k - 4) : k])

    def _document_frame(self, t: Trigger, d: DocumentPhrase, base: dict) -> Frame:
        frame = self.tools.arguments.fill(Frame(t, **base), self.ctx)
        frame.document = d
        frame.period = _period_in(d, self.ctx.dates)
        return frame

    def _documents_of(self, t: Trigger) -> list[DocumentPhrase]:
        """The documents a signing/adoption trigger governs: the first one after it
        and those coordinated with it, else the nearest one before it."""
        k = self.ctx.token_index(t.start)
        after = [d for d in self.ctx.documents if d.first > k and d.first - k <= DOC_WINDOW_RIGHT]
        if after:
            return self._with_included(_coordinated(after))
        before = [d for d in self.ctx.documents if d.last <= k and k - d.last <= DOC_WINDOW_LEFT]
        return before[-1:]

    def _with_included(self, docs: list[DocumentPhrase]) -> list[DocumentPhrase]:
        """A bundle and the named documents singled out among them after "including",
        "в том числе" ("signed 19 agreements, including a memorandum on education and a
        protocol on durian exports"): the bundle and each named one."""
        cues = self.tools.documents.including
        last = docs[-1]
        nxt = [d for d in self.ctx.documents if d.first >= last.last and d.first - last.last <= INCLUDED_GAP]
        if not cues or not nxt:
            return docs
        if not phrase_starts([tok.text.lower() for tok in self.ctx.tokens[last.last : nxt[0].first]], cues):
            return docs
        return [*docs, *_coordinated(nxt)]

    def _share_out(self, frames: list[Frame]) -> None:
        """Each date, place and person goes to the nearest strong trigger of its
        family only (occasions: meetings, calls, visits; documents: signings,
        adoptions); the two families share them."""
        for family in (OCCASIONS, DOCUMENT_EVENT_TYPES):
            strong = [f for f in frames if not f.weak and f.type in family]
            text = self.ctx.text
            keep = [(_nearest_frame(f.date, strong, "date", text) is f.trigger, _nearest_frame(f.location, strong, "location", text) is f.trigger) for f in strong]
            for f, (date, place) in zip(strong, keep):
                f.date = f.date if date else None
                f.location = f.location if place else None
            governed = {(p.start, p.end): f.trigger for f in strong for p in f.persons if self._with_object(f, p)}
            subjects = self._shared_subjects(strong, governed)
            for f in strong:
                rivals = [g for g in strong if (g.type == f.type or g.type != "visit" and f.type != "visit") and (f.anchor or not g.anchor)]
                mine = {g.trigger for g in rivals}
                f.persons = [p for p in f.persons if _owner(p, governed, mine, rivals) is f.trigger]  # frames split from one trigger keep their own
                if f.type == "adoption":
                    f.persons = [p for p in f.persons if 0 <= f.trigger.start - p.end <= ADOPTER_REACH]
                shared = subjects.get(f.trigger)
                if shared is not None:  # the same subject's next act, in the same sentence: its day and place too
                    persons, earlier = shared
                    f.persons += [p for p in persons if p not in f.persons]
                    f.date = f.date or earlier.date
                    f.location = f.location or earlier.location

    def _shared_subjects(self, strong: list[Frame], governed: dict[tuple[int, int], Trigger]) -> dict[Trigger, tuple[list[Mention], Frame]]:
        """"Лавров провел переговоры с X, после чего был принят Y": a meeting verb with
        no subject of its own after an earlier meeting shares that one's subject (the
        persons before the first trigger); the earlier one's "with" persons are its
        objects, no subject."""
        talks = sorted((f for f in strong if f.type in ("meeting", "phone_call")), key=lambda f: f.trigger.start)
        if len(talks) < 2:
            return {}
        first = talks[0].trigger.start
        subject = [m for m in self.ctx.mentions if m.label == "PER" and m.end <= first]
        out: dict[Trigger, tuple[list[Mention], Frame]] = {}
        for before, f in zip(talks, talks[1:]):
            own = any(m.label == "PER" and before.trigger.end <= m.start < f.trigger.start and (m.start, m.end) not in governed for m in self.ctx.mentions)
            if subject and not own and f.trigger.pos == "verb":
                out[f.trigger] = (subject, talks[0])
        return out


OCCASIONS = ("meeting", "phone_call", "visit")
WITH_REACH = 8  # tokens from an occasion's trigger to the person its "with" introduces


def _owner(person: Mention, governed: dict[tuple[int, int], Trigger], rivals_triggers: set[Trigger], rivals: list[Frame]) -> Trigger:
    """The trigger a person goes to among rivals: the one whose "with" introduces it,
    else the nearest."""
    by_with = governed.get((person.start, person.end))
    return by_with if by_with in rivals_triggers else _nearest_trigger(person, rivals).trigger


def _opens_clause(tokens: Sequence[Any], openers: list[tuple[str, ...]]) -> bool:
    """Whether the tokens hold a comma followed by one of the clause openers."""
    return bool(phrase_starts([t.text.lower() for t in tokens], ((",", *o) for o in openers)))


def _nearest_trigger(item: Any, frames: list[Frame]) -> Frame | None:
    return min(frames, key=lambda f: _gap(f.trigger, item.start, item.end)) if frames else None


def _nearest_frame(item: Any, frames: list[Frame], attr: str, text: str = "") -> Trigger | None:
    """The trigger nearest to ``item`` among the frames holding it (frames that share
    a trigger, like a postponed slot and its new date, win or lose together); one in
    the item's own clause first ("met last month in Abu Dhabi, but those talks": the
    place is the meeting's, not the talks' across the comma)."""
    if item is None:
        return None
    holders = [f for f in frames if getattr(f, attr) is not None and getattr(f, attr).start == item.start]
    anchored = attr == "date"  # "В рамках визита на пятницу запланирована встреча": the day is the meeting's
    return min(holders, key=lambda f: (_across_clause(text, f.trigger, item), anchored and f.anchor, _gap(f.trigger, item.start, item.end))).trigger if holders else None


def _across_clause(text: str, t: Trigger, item: Any) -> bool:
    """Whether a comma or a semicolon stands between a trigger and an argument."""
    lo, hi = (t.end, item.start) if item.start >= t.end else (item.end, t.start)
    return any(ch in ",;" for ch in text[lo:hi])


def _coordinated(docs: list[DocumentPhrase]) -> list[DocumentPhrase]:
    out = [docs[0]]
    for d in docs[1:]:
        if d.first - out[-1].last <= 2:
            out.append(d)
        else:
            break
    return out


def _period_in(d: DocumentPhrase, dates: list[Any]) -> tuple[int, int] | None:
    for expr in dates:
        if getattr(expr, "is_period", False) and d.start <= expr.start and expr.end <= d.end + 2:
            return expr.period
    return None


def _fold_shared_verbs(frames: list[Frame], ctx: SentenceContext) -> list[Frame]:
    """A verb followed closely by nouns of its type ("встретиться на саммите ... и на
    встрече") is a shared mention of each of them, not an event of its own."""
    out: list[Frame] = []
    for f in frames:
        nouns = [g for g in frames if g is not f and g.type == f.type and g.trigger.pos == "noun" and not g.weak and not g.anchor and g.trigger.start > f.trigger.end]
        near = nouns and ctx.token_index(nouns[0].trigger.start) - ctx.token_index(f.trigger.end) <= SHARED_VERB_WINDOW
        if f.trigger.pos == "verb" and f.type in ("meeting", "visit", "phone_call") and near:
            for g in nouns:
                g.status, g.status_rule = f.status, f.status_rule
                g.shared.append(f.trigger)
                _take_arguments(g, f)
            continue
        out.append(f)
    return out


def _take_arguments(noun: Frame, verb: Frame) -> None:
    """A verb folded into the noun it shares ("arrived in China on a visit") hands it
    the arguments the noun lacks (the place went to the nearer verb)."""
    noun.date = noun.date or verb.date
    city = verb.location is not None and noun.location is not None and noun.location.label == "STATE" and verb.location.label == "PLACE" and verb.location.code == noun.location.code
    noun.location = verb.location if city else noun.location or verb.location  # "arrived in the Kazakh capital for a visit to Kazakhstan": the city
    noun.persons += [p for p in verb.persons if p not in noun.persons]
    if not noun.parties:  # a leg of a trip to several countries keeps its own
        noun.parties = list(verb.parties)
