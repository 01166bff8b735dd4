"""Russian morphology: a cached adapter over pymorphy3.

The analyzer is built once per :class:`Morphology` object; word forms are
parsed through an LRU cache because news text repeats its forms (85–98% hit rate).
"""
from __future__ import annotations

from functools import lru_cache
from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from pymorphy3.analyzer import Parse

NAME_TAGS = ("Name", "Surn", "Patr")
NAME_POS = ("NOUN", "ADJF")  # a name word is a noun, or an adjective: "Зеленского", "Вышинским"
_SURNAME_FORM = __import__("re").compile(r"^(\w+(?:ов|ев|ёв|ин|ын))(?:а|у|ым|ом|е|ой|ым|ых|ыми|ы)$")
_FOREIGN_NAME_FORM = __import__("re").compile(r"^(\w+[бвгджзклмнпрстфхцчшщ])(?:ом|ем|ём|а|у|е)$")  # "Бадром", "Джуричем"


class Morphology:
    """Lemmas, tense/aspect and inflection to the nominative, with a per-form cache."""

    def __init__(self, cache_size: int = 50_000, particles: Iterable[str] = ()) -> None:
        import pymorphy3

        self._particles = frozenset(p.lower() for p in particles)  # "бен", "Аль": kept as written, no case
        self._analyzer = pymorphy3.MorphAnalyzer()
        self.parse = lru_cache(maxsize=cache_size)(self._parse)
        self.lemmas = lru_cache(maxsize=cache_size)(self._lemmas)
        self.verb_features = lru_cache(maxsize=cache_size)(self._verb_features)
        phrases = max(1, cache_size // 5)  # names and titles repeat less than word forms
        self._nominative_names = lru_cache(maxsize=phrases)(self._nominative_name)
        self._nominative_phrases = lru_cache(maxsize=phrases)(self._nominative_phrase)
        self._nominative_places = lru_cache(maxsize=phrases)(self._nominative_place)

    def _parse(self, word: str) -> tuple["Parse", ...]:
        try:
            return tuple(self._analyzer.parse(word)[:4])
        except (KeyError, ValueError):  # pymorphy3 cannot name some code points (𗀀)
            return ()

    def _lemmas(self, word: str) -> frozenset[str]:
        """Every plausible normal form (for dictionary lookups of ambiguous forms);
        a capitalized word also gives the surname it may be a form of
        (``Лавровым`` → ``лавров``)."""
        forms = {p.normal_form.replace("ё", "е") for p in self.parse(word)}
        if word[:1].isupper():
            surname = _SURNAME_FORM.match(word.lower())
            if surname:
                forms.add(surname.group(1))
            elif not any(p.is_known for p in self.parse(word)):  # an unknown name declined as a noun
                name = _FOREIGN_NAME_FORM.match(word.lower())
                if name:
                    forms.add(name.group(1))
        return frozenset(forms or {word.lower()})

    def _verb_features(self, word: str) -> tuple[str | None, str | None]:
        """``(tense, aspect)`` of a verb or participle form, e.g. ``('futr', 'perf')``."""
        for p in self.parse(word):
            if p.tag.POS in ("VERB", "PRTF", "PRTS", "INFN", "GRND"):
                tense = "infn" if p.tag.POS == "INFN" else p.tag.tense
                return (str(tense) if tense else None), (str(p.tag.aspect) if p.tag.aspect else None)
        return None, None

    def is_verb(self, word: str) -> bool:
        parses = self.parse(word)
        return bool(parses) and parses[0].tag.POS in ("VERB", "INFN", "PRTS")

    def is_adjective(self, word: str) -> bool:
        """An adjective or participle in its full form (``совместное``, ``подписанный``)."""
        return any(p.tag.POS in ("ADJF", "PRTF") for p in self.parse(word.lower()))

    def nominative_name(self, words: list[str]) -> list[str]:
        """Put the words of a person's name into the nominative, keeping their case.

        The grammatical case and gender are read off the first word that parses as a
        name, and every word is inflected consistently with it (kept per name).
        """
        return list(self._nominative_names(tuple(words)))

    def _nominative_name(self, words: tuple[str, ...]) -> tuple[str, ...]:
        case, gender = self._name_case([w for w in words if w.lower() not in self._particles])
        return tuple(w if w.lower() in self._particles else self._inflect_name_word(w, case, gender) for w in words)

    def _name_case(self, words: list[str]) -> tuple[str | None, str | None]:
        """The one oblique case that the name is in, read off the words that cannot be
        nominative ("Ким Чен Ыном": only "Ыном" declines, as in East Asian and Arabic
        names); ``(None, None)`` when every word may be nominative, or the words
        disagree (then they are kept as written: foreign names are often
        indeclinable)."""
        sets = []
        for word in words:
            parses = self.parse(word)
            if any("Fixd" in p.tag for p in parses) or self._foreign(word):
                continue  # "Роберто", "Нью-Дели", "Моди": indeclinable, any case
            if "-" in word and word.istitle():  # "Касым-Жомартом": the last part shows the case
                parses = self.parse(word.rsplit("-", 1)[1])
            cases = {str(p.tag.case) for p in parses if p.tag.POS in NAME_POS and p.tag.case and p.tag.number != "plur"}
            if cases and len(cases) < 5:
                sets.append(cases)
        common = set.intersection(*sets) if sets else set()
        if (not common or "nomn" in common) and sets and "nomn" not in sets[0]:
            # the given name cannot be nominative: the words that cannot be tell the case
            oblique = [c for c in sets if "nomn" not in c]
            common = set.intersection(*oblique)
        if not common or "nomn" in common:
            return None, None
        case = next(c for c in ("gent", "datv", "ablt", "loct", "accs", "voct", "gen2", "loc2") if c in common)
        genders = [str(p.tag.gender) for w in words for p in self.parse(w) if str(p.tag.case) == case and any(t in p.tag for t in NAME_TAGS) and p.tag.gender]
        return case, genders[0] if genders else None

    def _inflect_name_word(self, word: str, case: str | None, gender: str | None) -> str:
        if "." in word.rstrip("."):  # "С.Джайшанкаром": initials stay, the name inflects
            head, _, last = word.rpartition(".")
            return f"{head}.{self._inflect_name_word(last, case, gender)}" if last else word
        if case in (None, "nomn") or "-" in word and not word.istitle():
            return word
        if "-" in word:  # "Касым-Жомартом", "Касыма-Жомарта": each part that cannot be nominative declines
            return "-".join(part if self._may_be_nominative(part) else self._inflect_name_word(part, case, gender) for part in word.split("-"))
        if self._foreign(word):
            return word
        parses = [p for p in self.parse(word) if p.tag.case == case and p.tag.POS in NAME_POS and p.tag.number != "plur" and (gender is None or p.tag.gender in (gender, None))]
        named = [p for p in parses if p.tag.animacy == "anim" or any(t in p.tag for t in NAME_TAGS)]
        for p in named or (parses if word[:1].isupper() else []):  # "Тайипом": an unknown name word declines like a noun
            form = p.inflect({"nomn"})
            if form is not None:
                return match_case(form.word, word)
        return word

    def _indeclinable_part(self, word: str) -> bool:
        """An unknown word ending in и, у or о ("Даби", "Баку"): no Russian case ending."""
        return word[-1:] in "иуо" and not any(p.is_known for p in self.parse(word))

    def _may_be_nominative(self, word: str) -> bool:
        return any(p.tag.case == "nomn" and p.tag.number != "plur" for p in self.parse(word))

    def _foreign(self, word: str) -> bool:
        """An unknown name ending in и, е, э or о ("Моди", "Рютте") is a foreign one
        that does not decline; an adjectival surname in the genitive ("Зеленского")
        is no such name."""
        lower = word.lower()
        return lower[-1:] in FOREIGN_ENDINGS and not lower.endswith(ADJECTIVE_GENITIVE) and not any(p.is_known for p in self.parse(word))

    def nominative_phrase(self, words: list[str]) -> list[str]:
        """Inflect the head noun of a phrase and the adjectives before it into the
        nominative (``дорожную карту`` → ``дорожная карта``); the rest is kept (kept per phrase)."""
        return list(self._nominative_phrases(tuple(words)))

    def _nominative_phrase(self, words_in: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(self._phrase_in_nominative(list(words_in)))

    def _phrase_in_nominative(self, words: list[str]) -> list[str]:
        head = self._head_index(words)
        if head is None:
            return list(words)
        head_parse = self._agreeing_head(words, head)
        if head_parse is None or head_parse.tag.case == "nomn":
            return list(words)
        number = head_parse.tag.number or "sing"
        out = list(words)
        for i in range(head + 1):
            pos = ("NOUN",) if i == head else ("ADJF", "PRTF", "NUMR", "ADJS")
            p = self._case_parse(words[i], pos, head_parse.tag.case)
            form = p.inflect({"nomn", number}) if p is not None else None
            if form is None and p is not None:
                form = p.inflect({"nomn"})
            if form is not None:
                out[i] = match_case(form.word, words[i])
        return out

    def nominative_place(self, words: list[str]) -> list[str]:
        """A place name in the nominative: geographical readings first
        (``Вонсане`` → ``Вонсан``, ``Тяньцзине`` → ``Тяньцзинь``, ``Южной Корее`` →
        ``Южная Корея``); indeclinable and unknown words are kept (kept per name)."""
        return list(self._nominative_places(tuple(words)))

    def _nominative_place(self, words_in: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(self._place_in_nominative(list(words_in)))

    def _place_in_nominative(self, words: list[str]) -> list[str]:
        last = words[-1].lower() if words else ""
        if "-" in last and self._indeclinable_part(last.rsplit("-", 1)[1]):
            return list(words)  # "Абу-Даби", "Буэнос-Айрес" aside: a foreign compound that does not decline
        geo = [p for p in self.parse(last) if "Geox" in p.tag]
        if not geo and not any(p.tag.POS == "NOUN" and p.tag.animacy == "inan" for p in self.parse(last)):
            return list(words)
        if geo and any(p.tag.case == "nomn" or "Fixd" in p.tag for p in geo):
            return list(words)
        if len(words) > 1:
            return self.nominative_phrase(words)
        place = (geo or [p for p in self.parse(last) if p.tag.POS == "NOUN" and p.tag.animacy == "inan"])[0]
        form = place.inflect({"nomn"})
        return [match_case(form.word, words[0])] if form is not None else list(words)

    def _agreeing_head(self, words: list[str], head: int) -> "Parse | None":
        nouns = [p for p in self.parse(words[head].lower()) if p.tag.POS == "NOUN"]
        for p in nouns:
            if all(self._agrees(w, p) for w in words[:head]):
                return p
        return nouns[0] if nouns else None

    def _agrees(self, word: str, head: "Parse") -> bool:
        return any(
            q.tag.case == head.tag.case and q.tag.number == head.tag.number
            for q in self.parse(word.lower())
        )

    def _head_index(self, words: list[str]) -> int | None:
        """The first noun of the phrase; a word that may be an adjective or a noun
        ("Тверской", "Георгиевском") is an adjective when a noun follows it."""
        for i, word in enumerate(words):
            adjective = self._case_parse(word, ("ADJF", "PRTF", "NUMR")) is not None
            noun = self._case_parse(word, ("NOUN",)) is not None
            if noun and not (adjective and i + 1 < len(words) and self._case_parse(words[i + 1], ("NOUN",)) is not None):
                return i
            if not adjective:
                return None
        return None

    def _case_parse(self, word: str, pos: tuple[str, ...], case: str | None = None) -> "Parse | None":
        for p in self.parse(word.lower()):
            if p.tag.POS in pos and (case is None or p.tag.case == case):
                return p
        return None


FOREIGN_ENDINGS = frozenset("иеэо")
ADJECTIVE_GENITIVE = ("ского", "цкого", "ого", "его")  # endings of foreign surnames that Russian leaves as they are


def match_case(form: str, model: str) -> str:
    """Give ``form`` the capitalization of ``model``, hyphenated part by part.

    >>> match_case("макей", "Макея")
    'Макей'
    >>> match_case("мид", "МИД")
    'МИД'
    >>> match_case("куала-лумпур", "Куала-Лумпуре")
    'Куала-Лумпур'
    """
    parts, models = form.split("-"), model.split("-")
    if len(parts) == len(models) > 1:
        return "-".join(_match_one(p, m) for p, m in zip(parts, models))
    return _match_one(form, model)


def _match_one(form: str, model: str) -> str:
    if model.isupper() and len(model) > 1:
        return form.upper()
    if model[:1].isupper():
        return form[:1].upper() + form[1:]
    return form
