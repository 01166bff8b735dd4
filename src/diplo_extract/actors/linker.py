"""Linking person mentions found by NER to the knowledge base: namesakes are kept
apart, misspellings (speech recognition, transliteration) are linked by rapidfuzz
against a short list of surnames that share the first letter."""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence

from rapidfuzz import fuzz, process
from rapidfuzz.distance import Levenshtein

from ..doc import Mention
from ..translit import normalize_name
from .kb import ActorKB

FUZZY_CUTOFF = 88  # fuzz.ratio on transliterated surnames
Lemmas = Callable[[str], frozenset[str]]


class PersonLinker:
    """Exact matches come from the gazetteer; this stage checks and extends them."""

    def __init__(self, kb: ActorKB, lang: str, lemmas: Lemmas) -> None:
        self.kb = kb
        self.lang = lang
        self._lemmas = lemmas
        self._by_initial: dict[str, list[tuple[str, str]]] = defaultdict(list)
        for person in kb.persons.values():
            name = getattr(person, lang)
            key = normalize_name(name.last)
            if key:
                self._by_initial[key[0]].append((key, person.key))

    def __call__(self, gazetteer: Sequence[Mention], ner: Sequence[Mention]) -> tuple[list[Mention], list[Mention]]:
        """``(gazetteer, ner)`` with namesakes unlinked and misspelt known persons linked."""
        namesakes = {id(g) for g in gazetteer for m in ner if self._namesake(g, m)}
        kept = [g for g in gazetteer if id(g) not in namesakes]
        linked = [self._fuzzy(m) if m.label == "PER" and not _overlaps(m, kept) else m for m in ner]
        return kept, linked

    def _namesake(self, g: Mention, m: Mention) -> bool:
        """"Иван Лавров" is not Sergei Lavrov: the NER span adds a first name before
        the matched surname that is not the known person's; nor is "Ismail Ould
        Cheikh Ahmed" a person whose surname alone ("Ismail", "Ahmed") matched, with
        other name parts around it."""
        if g.label != "PER" or m.label != "PER" or not g.key or not (m.start <= g.start and g.end <= m.end) or (m.start, m.end) == (g.start, g.end):
            return False
        if m.start == g.start and not g.rule.endswith(":surname"):
            return False  # a known full name with more after it ("Xi Jinping's"): kept
        person = self.kb.persons.get(g.key.removeprefix("person:"))
        if person is None:
            return False
        name = getattr(person, self.lang)
        own = {p.lower().replace("ё", "е") for p in (name.first, name.patronymic) if p}
        extra = [w.strip(".,") for w in m.text[: g.start - m.start].split()]
        after = [w.strip(".,") for w in m.text[g.end - m.start :].split()] if g.rule.endswith(":surname") else []
        return any(w and not _initial(w, own) and not (self._lemmas(w) & own) for w in extra) or any(w and w[:1].isupper() for w in after)

    def _fuzzy(self, m: Mention) -> Mention:
        words = m.text.replace(".", ". ").split()
        if not words:
            return m
        forms = {normalize_name(f) for f in {words[-1], *self._lemmas(words[-1])}} - {""}
        best = max((self._closest(f) for f in forms), default=None, key=lambda b: b[1] if b else -1)
        if best is None:
            return m
        key = best[0]
        if len(words) > 1 and not self._first_name_fits(key, words[0]):
            return m
        return Mention(m.start, m.end, m.text, m.label, key, m.code, m.name, m.role, "linker:fuzzy")

    def _closest(self, surname: str) -> tuple[str, float] | None:
        """The known person whose surname is closest to ``surname`` (same initial):
        a fuzzy ratio of FUZZY_CUTOFF, or one edit in a surname of five letters or more."""
        candidates = self._by_initial.get(surname[:1], [])
        if not candidates:
            return None
        best = process.extractOne(surname, [c[0] for c in candidates], scorer=fuzz.ratio)
        if best is None:
            return None
        close = best[1] >= FUZZY_CUTOFF or len(surname) >= 5 and Levenshtein.distance(surname, best[0]) <= 1
        return (candidates[best[2]][1], best[1]) if close else None

    def _first_name_fits(self, key: str, word: str) -> bool:
        person = self.kb.persons[key.removeprefix("person:")]
        first = getattr(person, self.lang).first
        return normalize_name(first)[:1] == normalize_name(word)[:1]


def _initial(word: str, own: set[str]) -> bool:
    """``С.`` or ``С.В.`` standing for the known first name (and patronymic)."""
    letters = [c.lower() for c in word if c.isalpha()]
    return 0 < len(letters) <= 2 and word.count(".") >= 1 and any(o.startswith(letters[0]) for o in own)


def _overlaps(m: Mention, others: Sequence[Mention]) -> bool:
    return any(o.start < m.end and m.start < o.end for o in others)
