"""The discourse stage: participants named in another sentence and referred to near
a trigger by a pronoun ("he", "она") or a counterpart noun ("his counterpart",
"его коллега", "the host"), resolved to the person in focus, with spans on the name.

The focus is the person named last before the reference's sentence (an article's
subject is renamed often); a counterpart is the person named last who is not
already a participant of the event. Vocabulary lives in ``models/discourse/``.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Iterator
from typing import Any, ClassVar

from .actors.kb import ActorKB
from .actors.roles import ROLE_HOLDER
from .arguments import SentenceContext
from .assembly import EventDraft, person_id
from .doc import Doc, Mention, Token
from .languages import Languages
from .lexicon import LanguageData


_LABEL_HEAD = re.compile(r"[\s\d:.\-–—]*(?:[A-ZА-ЯЁ]\.\s?){0,3}")  # time code, then initials ("С.В.")
LEAD_SENTENCES = 3  # headline, dateline and lead
PLURAL_ENDINGS = ("s", "ами", "ями", "ам", "ям", "ах", "ях")  # "counterparts", "коллегами": a group, no antecedent
REFERRING_TYPES = ("meeting", "phone_call", "visit", "signing")  # adopters are named, never referred to
OCCASION_TYPES = ("meeting", "phone_call", "visit")  # whose participants a bare role may name


class DiscourseCues(LanguageData):
    folder: ClassVar[str] = "discourse"
    pronouns: list[str]
    counterparts: list[str]
    first_person: list[str] = []  # "я", "мы", "I", "we": the speaker a transcript names
    # Object forms of the pronouns, as written ("с ним", "met him"): they never refer to
    # the subject named before them in their own sentence.
    object_pronouns: list[str] = []
    # "the visiting minister": a word that, before a role noun, names the visitor of
    # the visit in focus.
    visitor: list[str] = []
    # Honorifics between a role and the name it introduces ("External Affairs
    # Minister, Dr. S. Jaishankar"), as lower-case words.
    titles: list[str] = []
    reach_before: int = 6
    reach_after: int = 8


class DiscourseResolver:
    """Adds to each event the persons its mentions refer to without naming them."""

    name = "discourse"
    requires = ("doc.events", "doc.mentions", "sentence.tokens", "sentence.lang")
    produces = ("doc.events",)

    def __init__(self, languages: Languages, kb: ActorKB | None = None) -> None:
        self.languages = languages
        self.kb = kb
        self._cues: dict[str, DiscourseCues] = {}

    def cues(self, lang: str) -> DiscourseCues:
        if lang not in self._cues:
            self._cues[lang] = DiscourseCues.load(lang, self.languages.root)
        return self._cues[lang]

    def __call__(self, doc: Doc) -> Doc:
        self._name_role_holders(doc)
        self._bare_roles(doc)
        speakers = self._speakers(doc)
        salient = self._salient(doc)
        persons = [m for m in doc.mentions if m.label == "PER" and person_id(m) in salient]
        starts = [m.start for m in persons]
        for ev, frame, sent in self._read_frames(doc, REFERRING_TYPES):
            for kind, at in self._references(sent.tokens, frame.trigger.start, self.cues(sent.lang)):
                if kind == "first_person":
                    _join(ev, _speaker_at(speakers, at))
                    continue
                if len(ev.person_ids) >= 2:
                    break  # both sides are known: the reference is one of them
                if kind == "pronoun" and any(sent.start <= m.start < at for m in doc.mentions if m.label == "PER"):
                    continue  # someone is named before it in its own sentence: it refers to them
                if kind == "visitor":
                    found = self._visitor(doc, ev, sent.start)
                elif kind == "pronoun" and (subject := self._previous_subject(doc, frame.trigger.sentence)) is not None:
                    found = None if person_id(subject) in ev.person_ids else subject
                else:
                    found = self._antecedent(kind, ev, persons[: bisect_left(starts, sent.start)])
                _join(ev, found)
        return doc

    @staticmethod
    def _name_role_holders(doc: Doc) -> None:
        """A role phrase whose holder the text names elsewhere ("the Kazakh President"
        in an article that names Tokayev) refers to that named person: the event's
        person is the name's mention (the last one before the role, else the first)."""
        named: dict[str, list[Mention]] = {}
        for m in doc.mentions:
            if m.label == "PER" and m.key and m.rule != ROLE_HOLDER:
                named.setdefault(m.key, []).append(m)
        for ev in doc.events:
            for k, m in enumerate(ev.persons):
                names = named.get(m.key) if m.rule == ROLE_HOLDER else None
                if names:
                    ev.persons[k] = next((n for n in reversed(names) if n.start < m.start), names[0])

    def _bare_roles(self, doc: Doc) -> None:
        """A role with no state and no name near a trigger ("his meeting with External
        Affairs Minister", "the Secretary said he met") refers to the person named
        last before it who holds that role: by the knowledge base on the day, or as
        the text introduced them ("External Affairs Minister, Dr. S. Jaishankar")."""
        roles = RoleBook(doc, self.kb, self.cues)
        for ev, frame, sent in self._read_frames(doc, OCCASION_TYPES):
            lo, hi = _reach(sent.tokens, frame.trigger.start, self.cues(sent.lang))
            for role in roles.bare:
                if lo <= role.start < hi:
                    _join(ev, roles.antecedent(role))

    def _read_frames(self, doc: Doc, types: tuple[str, ...]) -> Iterator[tuple[EventDraft, Any, Any]]:
        """(event, frame, sentence) of each strong mention of an event of ``types`` in a
        sentence read in a supported language."""
        for ev in doc.events:
            if ev.type not in types:
                continue
            for frame in [f for f in ev.frames if not f.weak]:
                sent = doc.sentences[frame.trigger.sentence]
                if sent.tokens is not None and sent.lang in self.languages:
                    yield ev, frame, sent

    @staticmethod
    def _speakers(doc: Doc) -> list[tuple[int, Mention]]:
        """Speaker labels of a transcript ("С.Лавров:", "Sergey Lavrov:" at a line start),
        by offset."""
        out = []
        for m in doc.mentions:
            if m.label != "PER":
                continue
            line_start = doc.text.rfind("\n", 0, m.start) + 1
            before = doc.text[line_start : m.start]
            if doc.text[m.end : m.end + 3].lstrip(" ").startswith(":") and _LABEL_HEAD.fullmatch(before):
                out.append((m.start, m))
        return out

    @staticmethod
    def _salient(doc: Doc) -> set[str]:
        """Persons in focus: named in the headline or lead, or more than once."""
        seen: dict[str, int] = {}
        lead_end = doc.sentences[min(LEAD_SENTENCES, len(doc.sentences)) - 1].end if doc.sentences else 0
        out = set()
        for m in doc.mentions:
            if m.label != "PER":
                continue
            pid = person_id(m)
            seen[pid] = seen.get(pid, 0) + 1
            if m.start < lead_end or seen[pid] > 1:
                out.add(pid)
        return out

    @staticmethod
    def _references(tokens: list[Token], at: int, cues: DiscourseCues) -> list[tuple[str, int]]:
        """The kinds of references ("pronoun", "counterpart") near the trigger at ``at``."""
        k = next((i for i, t in enumerate(tokens) if t.start >= at), len(tokens))
        kinds = (("first_person", frozenset(cues.first_person)), ("object", frozenset(cues.object_pronouns)), ("pronoun", frozenset(cues.pronouns)),
                 ("counterpart", frozenset(cues.counterparts)), ("visitor", frozenset(cues.visitor)))
        out = []
        for tok in tokens[max(0, k - cues.reach_before) : k + cues.reach_after]:
            forms = {tok.text.lower()} if tok.text.lower() in cues.object_pronouns else tok.lemmas | {tok.text.lower()}
            kind = next((name for name, words in kinds if forms & words), None)
            if kind == "counterpart" and tok.text.lower().endswith(PLURAL_ENDINGS):
                continue  # "talks with counterparts from several countries": a group, not the one named last
            if kind is not None:
                out.append((kind, tok.start))
        return out

    def _previous_subject(self, doc: Doc, k: int) -> Mention | None:
        """The first person named in the sentence before sentence ``k`` who is not
        quoted as a source there ("Fidan ... laid the groundwork. He met ..."): a
        pronoun in the next sentence continues that subject."""
        if k == 0:
            return None
        prev = doc.sentences[k - 1]
        if prev.tokens is None or prev.lang not in self.languages:
            return None
        reader = self.languages[prev.lang].arguments
        ctx = SentenceContext(k - 1, doc.text, prev.tokens, prev.mentions, [], [], prev.lang)
        return next((m for m in prev.mentions if m.label == "PER" and not reader.is_source(m, ctx)), None)

    @staticmethod
    def _visitor(doc: Doc, ev: EventDraft, before: int) -> Mention | None:
        """The first person of the last visit mentioned before ``before`` who does not
        take part yet ("the visiting minister met Wang Yi")."""
        visits = [v for v in doc.events if v.type == "visit" and v is not ev and v.persons and min(f.trigger.start for f in v.frames) < before]
        if not visits:
            return None
        last = max(visits, key=lambda v: min(f.trigger.start for f in v.frames))
        return next((p for p in last.persons if person_id(p) not in ev.person_ids), None)

    @staticmethod
    def _antecedent(kind: str, ev: EventDraft, before: list[Mention]) -> Mention | None:
        """The person in focus (a pronoun), or the last one named who does not take part
        yet (a counterpart, an object pronoun); none when the reference adds nobody new."""
        if not before:
            return None
        if kind == "pronoun":
            last = before[-1]
            return None if person_id(last) in ev.person_ids else last
        return next((m for m in reversed(before) if person_id(m) not in ev.person_ids), None)


class RoleBook:
    """The roles of one document: who holds which (by the knowledge base on the
    document's day, or as the text introduces them), and the role phrases that
    name nobody."""

    def __init__(self, doc: Doc, kb: ActorKB | None, cues: Callable[[str], DiscourseCues]) -> None:
        self.doc = doc
        self.kb = kb
        self.day = doc.published  # as the roles stage: offices are known by the publication day
        self.named = [m for m in doc.mentions if m.label == "PER" and m.rule != ROLE_HOLDER]
        self._starts = [m.start for m in self.named]
        self.introduced: dict[str, set[str]] = {}
        self.bare: list[Mention] = []
        self._sentence_ends = [sent.end for sent in doc.sentences]
        self._read(cues)

    def _read(self, cues: Callable[[str], DiscourseCues]) -> None:
        ordered = self.doc.mentions
        for k, m in enumerate(ordered):
            if m.label != "ROLE" or not m.role:
                continue
            near = [n for n in ordered[max(0, k - 1) : k + 2] if n is not m]
            if any(n.label == "STATE" and abs(_between(m, n)) <= STATE_REACH for n in near):
                continue  # "глава МИД Белоруссии": a state's office, resolved by its holder
            if any(n.rule == ROLE_HOLDER and n.start <= m.start and m.end <= n.end for n in near):
                continue
            after = ordered[k + 1] if k + 1 < len(ordered) else None
            lang = self._lang_at(m.start)
            if after is not None and after.label == "PER" and self._only_titles(self.doc.text[m.end : after.start], cues(lang) if lang else None):
                self.introduced.setdefault(person_id(after), set()).add(m.role)
                continue
            self.bare.append(m)

    def _lang_at(self, offset: int) -> str | None:
        """The language of the sentence holding ``offset`` (found by bisection)."""
        k = bisect_left(self._sentence_ends, offset + 1)
        sents = self.doc.sentences
        return sents[k].lang if k < len(sents) and sents[k].start <= offset else None

    @staticmethod
    def _only_titles(between: str, cues: DiscourseCues | None) -> bool:
        words = re.findall(r"\w+", between.lower())
        return len(between) <= INTRO_REACH and all(w in (cues.titles if cues else ()) for w in words)

    def _holds_by_kb(self, person: Mention, role: str) -> bool:
        record = self.kb.persons.get((person.key or "").removeprefix("person:")) if self.kb is not None and self.day is not None else None
        return record is not None and any(o.role == role and o.holds_on(self.day) for o in record.offices)

    def antecedent(self, role: Mention) -> Mention | None:
        """The person named last before ``role`` whom the text introduced with that
        role; else the one person named before it who holds it by the knowledge base
        (none when several do: "the foreign minister" of which side?)."""
        k = bisect_left(self._starts, role.start)
        before = self.named[:k]
        introduced = [m for m in before if role.role in self.introduced.get(person_id(m), ())]
        if introduced:
            return introduced[-1]
        holders = [m for m in before if self._holds_by_kb(m, role.role or "")]
        return holders[-1] if len({person_id(m) for m in holders}) == 1 else None


STATE_REACH = 6  # characters between a role and its state ("President of Russia")
INTRO_REACH = 40  # characters of honorifics between a role and the name it introduces


def _between(a: Mention, b: Mention) -> int:
    return b.start - a.end if b.start >= a.end else a.start - b.end


def _reach(tokens: list[Token], at: int, cues: DiscourseCues) -> tuple[int, int]:
    """The character range of the tokens around the trigger at ``at`` that a
    reference may stand in."""
    k = next((i for i, t in enumerate(tokens) if t.start >= at), len(tokens))
    window = tokens[max(0, k - cues.reach_before) : k + cues.reach_after]
    return (window[0].start, window[-1].end) if window else (at, at)


def _join(ev: EventDraft, person: Mention | None) -> None:
    """Add ``person`` to the event, once."""
    if person is not None and person_id(person) not in ev.person_ids:
        ev.persons.append(person)
        ev.person_ids.add(person_id(person))


def _speaker_at(speakers: list[tuple[int, Mention]], at: int) -> Mention | None:
    """The speaker whose label is the last one before ``at``."""
    k = bisect_left([start for start, _ in speakers], at)
    return speakers[k - 1][1] if k else None
