"""The actors stage: every article sentence's mentions of persons, states,
organizations, bodies, places and roles, from the gazetteer, NER, the person linker
and the role resolver, with names in their normalized form."""
from __future__ import annotations

import re
from functools import cached_property

from ..doc import Doc, Mention, Sentence
from ..languages import Language, Languages, strip_possessive
from .kb import ActorKB
from .roles import RoleResolver


class ActorAnnotator:
    """Writes ``sentence.mentions`` and ``doc.mentions``.

    Sentences with triggers get the full treatment (NER merged in, persons linked);
    the others get the knowledge-base gazetteer and role phrases, enough for
    document-level carrying.
    """

    name = "actors"
    requires = ("doc.sentences", "sentence.lang", "sentence.noise", "sentence.ner", "sentence.triggers")
    produces = ("sentence.mentions", "doc.mentions")

    def __init__(self, languages: Languages, kb: ActorKB) -> None:
        self.languages = languages
        self.kb = kb
        self.roles = RoleResolver(kb)

    @cached_property
    def never_alone(self) -> frozenset[str]:
        """English words that never stand alone as a name (``models/names/en.yaml``)."""
        from ..ner import load_first_names
        from ..resources import model_path

        names = load_first_names(model_path("names", "en.yaml", root=self.languages.root))
        return frozenset(w.lower() for w in (*names.never_alone, *names.not_names))

    def __call__(self, doc: Doc) -> Doc:
        for sent in doc.sentences:
            if not sent.noise and sent.lang in self.languages:
                sent.mentions = self.mentions(doc, sent)
                doc.mentions += sent.mentions
        return doc

    def mentions(self, doc: Doc, sent: Sentence) -> list[Mention]:
        """The linked, named mentions of one sentence, in text order."""
        lang = self.languages[sent.lang]
        found = lang.gazetteer(doc.text, tokens_of(doc, sent, lang))
        if sent.triggers:
            found, ner_found = lang.linker(found, sent.ner or [])
            found = merge_ner(found, ner_found, lang)
        found = [m for m in found if not _inside_a_place_name(m, found, doc.text)]
        found = [self.person_name(m, lang) if m.key else m for m in found]
        found = [_renamed(m, lang.place_name(m)) if m.rule in PLACE_NAME_RULES else m for m in found]
        found += self.venues(doc, sent, found, lang)
        found += places_of_states(doc.text, sent, found, lang)
        if sent.triggers and lang.code == "en":
            found += coordinated_names(tokens_of(doc, sent, lang), found, self.never_alone)
        return sorted(found + self.roles(doc.text, found, doc.published, sent.lang), key=lambda m: m.start)

    def venues(self, doc: Doc, sent: Sentence, found: list[Mention], lang: Language) -> list[Mention]:
        """A body named as where something happens ("talks in the Kremlin", "в Кремле")
        is also its venue's city (the Kremlin is evidence for Moscow)."""
        preps = set(lang.arguments.cues.location_prepositions)
        out = []
        for m in found:
            body = self.kb.bodies.get((m.key or "").removeprefix("body:")) if m.label == "BODY" else None
            if body is None or body.venue is None:
                continue
            before = doc.text[max(sent.start, m.start - 12) : m.start].lower().split()
            if before and (before[-1] in preps or before[-1] == "the" and len(before) > 1 and before[-2] in preps):
                out.append(Mention(m.start, m.end, m.text, "PLACE", f"place:{body.state}:{body.venue.en}", body.state, getattr(body.venue, lang.code), None, "gazetteer:venue"))
        return out

    def person_name(self, m: Mention, lang: Language) -> Mention:
        """A linked person's name as written, each word in its nominative KB form
        where it is one of the person's names (``Лаврова`` → ``Лавров``)."""
        person = self.kb.persons.get((m.key or "").removeprefix("person:")) if m.label == "PER" else None
        if person is None:
            return named(m, lang)
        own = getattr(person, lang.code)
        parts = [word for p in (own.first, own.patronymic, own.last) if p for word in p.split()]  # "Чен Ын": each word
        written = strip_possessive(m.text).split()
        words = [kb_part(w, parts, lang) or n for w, n in zip(written, lang.nominal(written))]
        return Mention(m.start, m.end, m.text, m.label, m.key, m.code, " ".join(words), m.role, m.rule)


PLACE_NAME_RULES = ("gazetteer:name", "gazetteer:city", "gazetteer:capital")
_PLACE_BEFORE_STATE = re.compile(r"(?:[A-ZА-ЯЁ][\w'’.-]*[ ]){0,2}[A-ZА-ЯЁ][\w'’-]*,[ ]$")


def places_of_states(text: str, sent: Sentence, found: list[Mention], lang: Language) -> list[Mention]:
    """A capitalised name between a location preposition and ", State" is a place of
    that state that the knowledge base does not know ("in Bali, Indonesia", "in
    Woodside, California" aside: "in Hiroshima, Japan")."""
    preps = set(lang.arguments.cues.location_prepositions)
    out = []
    for m in found:
        if m.label != "STATE" or not m.code:
            continue
        head = _PLACE_BEFORE_STATE.search(text, max(sent.start, m.start - 40), m.start)
        if head is None:
            continue
        start, end = head.start(), m.start - 2
        before = text[max(sent.start, start - 12) : start].split()
        if not before or before[-1].lower() not in preps or any(f.start < end and start < f.end for f in found):
            continue
        out.append(Mention(start, end, text[start:end], "PLACE", None, m.code, text[start:end], None, "pattern:place-of-state"))
    return out


def _renamed(m: Mention, name: str | None) -> Mention:
    if m.label not in ("STATE", "PLACE") or name == m.name:
        return m
    return Mention(m.start, m.end, m.text, m.label, m.key, m.code, name, m.role, m.rule)


def _inside_a_place_name(m: Mention, found: list[Mention], text: str) -> bool:
    """A surname alone right after a place's name is part of that name ("Melbourne
    Park", "Kim Il Sung Square" aside): no person."""
    if m.label != "PER" or not m.rule.endswith(":surname"):
        return False
    return any(p.label in ("PLACE", "STATE", "LOC") and p.end < m.start and not text[p.end : m.start].strip() for p in found)


def coordinated_names(tokens: list, found: list[Mention], never: frozenset[str]) -> list[Mention]:
    """A lone capitalised word joined by "and" to a person is a person too ("Putin
    and Ramaphosa", "Ramaphosa and Putin"): a surname the knowledge base and the first
    names do not know. The words in ``never`` (lower case) are not."""
    persons = [m for m in found if m.label == "PER"]
    out = []
    for k, tok in enumerate(tokens):
        if tok.text.lower() not in ("and", "&") or k == 0 or k + 1 >= len(tokens):
            continue
        for name, other in ((tokens[k + 1], tokens[k - 1]), (tokens[k - 1], tokens[k + 1])):
            if not _lone_name(name, never) or any(m.start < name.end and name.start < m.end for m in found + out):
                continue
            if any(p.start <= other.start < p.end for p in persons) and not (name is tokens[k + 1] and k + 2 < len(tokens) and _lone_name(tokens[k + 2], never)):
                out.append(Mention(name.start, name.end, name.text, "PER", None, None, name.text, None, "pattern:coordinated-name"))
    return out


def _lone_name(tok, never: frozenset[str]) -> bool:  # noqa: ANN001
    return tok.text[:1].isupper() and tok.text.isalpha() and len(tok.text) >= 3 and not tok.text.isupper() and tok.text.lower() not in never


def tokens_of(doc: Doc, sent: Sentence, lang: Language) -> list:
    """The sentence's tokens, made once on first use."""
    if sent.tokens is None:
        sent.tokens = lang.tokenize(doc.text, sent.start, sent.end)
    return sent.tokens


def merge_ner(gazetteer: list[Mention], ner: list[Mention], lang: Language) -> list[Mention]:
    """Gazetteer mentions win; NER adds persons and places that the KB does not know."""
    out = list(gazetteer)
    for m in ner:
        if any(g.start < m.end and m.start < g.end for g in gazetteer):
            continue
        name = lang.ner_name(m.text) if m.label == "PER" else lang.ner_place(m.text) if m.label == "LOC" else m.text
        out.append(Mention(m.start, m.end, m.text, m.label, m.key, None, name, None, m.rule))
    return sorted(out, key=lambda m: m.start)


def named(m: Mention, lang: Language) -> Mention:
    """Persons keep the name as written, in the nominative (not the KB's canonical)."""
    if m.label != "PER":
        return m
    return Mention(m.start, m.end, m.text, m.label, m.key, m.code, lang.person_name(m.text), m.role, m.rule)


def kb_part(word: str, parts: list[str], lang: Language) -> str | None:
    """The knowledge-base name part that ``word`` is a form of, if any."""
    forms = lang.lemmas(word)
    for part in parts:
        if part.lower().replace("ё", "е") in forms or part.lower() == word.lower():
            return part
    return None
