"""Per-language behaviour as objects built from ``models/``, in the manner of
spaCy's ``Language`` subclasses: :class:`Russian` and :class:`English` hold the
tokenizer, lexicons, taggers and name rules of one language; stages ask the
:class:`Languages` registry for the object of a sentence's language and never
branch on the language themselves."""
from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any, Callable

from .actors.kb import ActorKB, Entry, build_index
from .actors.linker import PersonLinker
from .actors.matcher import GazetteerMatcher
from .arguments import ArgumentCues, ArgumentReader
from .disk_cache import DiskCache
from .doc import Mention, Token
from .documents import DocumentFinder, DocumentLexicon
from .resources import model_path
from .segmentation import EnglishTokenizer, RussianTokenizer, english_lemmas
from .status import MarkedTense, MorphTense, StatusClassifier, StatusCues
from .triggers import TriggerLexicon, TriggerTagger


@dataclass
class Language:
    """Everything one language needs, built once per extractor."""

    code: str
    tokenize: Callable[[str, int, int], list[Token]]
    lemmas: Callable[[str], frozenset[str]]
    triggers: TriggerTagger
    gazetteer: GazetteerMatcher
    ner: Any  # NatashaNER | SpacyEnglishNER: ``batch(text, spans)``
    dates: Any  # DatesExtractor
    documents: DocumentFinder
    status: StatusClassifier
    arguments: ArgumentReader
    linker: PersonLinker

    def nominal(self, words: list[str]) -> list[str]:
        """Name words in the nominative (``Лаврова`` → ``Лавров``); English keeps them."""
        return words

    def ner_name(self, text: str) -> str:
        """The name of a person or place found by NER only."""
        return text

    def person_name(self, text: str) -> str:
        """The name of a person mention that the knowledge base does not know."""
        return strip_possessive(text)

    def ner_place(self, text: str) -> str:
        """The name of a place found by NER only (a region, a river, a foreign city)."""
        return strip_possessive(text)

    def eve_of(self, text: str, expr: Any) -> bool:
        """Whether a date word is "on the eve of <event>", which dates nothing."""
        return False

    def attributive(self, word: str) -> bool:
        """Whether a verb form only qualifies a noun (a full participle: "решение,
        принятое президентом"), so it reports no act of its own; English: never."""
        return False

    def place_name(self, m: Mention) -> str | None:
        """The name of a state or city named in the text: English keeps the name as
        written ("Türkiye", "Kyiv"), unless written in capitals (a dateline)."""
        text = strip_possessive(m.text)
        return text if text[:1].isupper() and not text.isupper() else m.name


@dataclass
class Russian(Language):
    morph: Any = None  # morph.Morphology
    eve_words: frozenset[str] = frozenset()

    def attributive(self, word: str) -> bool:
        parses = self.morph.parse(word.lower())
        return bool(parses) and all(p.tag.POS in ("PRTF", "ADJF") for p in parses)

    def nominal(self, words: list[str]) -> list[str]:
        return self.morph.nominative_name(words)

    def ner_name(self, text: str) -> str:
        return " ".join(self.nominal(text.split()))

    person_name = ner_name

    def ner_place(self, text: str) -> str:
        return " ".join(self.morph.nominative_place(text.split()))

    def place_name(self, m: Mention) -> str | None:
        """Russian names are inflected in the text: the knowledge base's nominative."""
        return m.name

    def eve_of(self, text: str, expr: Any) -> bool:
        """"накануне саммита" is "on the eve of the summit", not "the day before":
        an eve word followed by a noun in the genitive."""
        if expr.text.lower() not in self.eve_words:
            return False
        nxt = text[expr.end : expr.end + 40].split()
        word = nxt[0].strip(".,;:!?\"»«") if nxt else ""
        parses = self.morph.parse(word.lower()) if word.isalpha() else ()
        return any(p.tag.POS == "NOUN" and p.tag.case == "gent" for p in parses) and not any(p.tag.case == "nomn" for p in parses)


@dataclass(frozen=True)
class IndexCache:
    """Gazetteer indexes kept in a disk cache, under the key of the models they are built from."""

    cache: DiskCache
    key: tuple[str, ...]

    def get(self, lang: str, versions: tuple[str, ...], build: Callable[[], dict[str, list[Entry]]]) -> dict[str, list[Entry]]:
        """The index of ``lang`` built with the libraries of ``versions`` (their lemmas)."""
        return self.cache.get(f"gazetteer-{lang}", (*self.key, lang, *versions), build)


class Languages:
    """Builds each supported language lazily, once, from one models folder."""

    def __init__(self, kb: ActorKB, dates: Any, *, root: Path | None = None, en_pipeline: str | None = None,
                 indexes: IndexCache | None = None) -> None:
        self.kb = kb
        self.indexes = indexes
        self.dates = dates
        self.root = root
        self.en_pipeline = en_pipeline
        self._built: dict[str, Language] = {}
        self._builders = {"ru": self._russian, "en": self._english}

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(self._builders)

    def __contains__(self, lang: object) -> bool:
        return lang in self._builders

    def __getitem__(self, lang: str) -> Language:
        if lang not in self._built:
            self._built[lang] = self._builders[lang]()
        return self._built[lang]

    @cached_property
    def morph(self) -> Any:
        from .morph import Morphology
        from .ner import load_first_names

        return Morphology(particles=load_first_names(model_path("names", "ru.yaml", root=self.root)).particles)

    def _russian(self) -> Russian:
        from .ner import NatashaNER

        morph, root = self.morph, self.root
        cues = ArgumentCues.load("ru", root)
        tokenize = RussianTokenizer(morph.lemmas)
        return Russian(
            code="ru", tokenize=tokenize, lemmas=morph.lemmas,
            triggers=TriggerTagger(TriggerLexicon.load("ru", root)),
            gazetteer=self._gazetteer("ru", tokenize, morph.lemmas, _russian_versions()),
            ner=NatashaNER(), dates=self.dates,
            documents=DocumentFinder(DocumentLexicon.load("ru", root), morph.nominative_phrase, morph.is_verb, morph.is_adjective),
            status=StatusClassifier(StatusCues.load("ru", root), MorphTense(morph.verb_features), reporting=cues.reporting_verbs),
            arguments=ArgumentReader(cues),
            linker=PersonLinker(self.kb, "ru", morph.lemmas),
            morph=morph, eve_words=frozenset(self.dates.eve_words("ru")),
        )

    def _english(self) -> Language:
        from .ner import SpacyEnglishNER, build_english_pipeline

        persons = self.kb.persons.values()
        names = [p.en.full for p in persons] + [v for p in persons for v in p.en.variants if " " in v]
        cues = ArgumentCues.load("en", self.root)
        nlp = build_english_pipeline(
            names, self.en_pipeline, model_path("patterns", "en_titled_names.jsonl", root=self.root), model_path("names", "en.yaml", root=self.root)
        )
        tokenize = EnglishTokenizer(nlp)
        return Language(
            code="en", tokenize=tokenize, lemmas=english_lemmas,
            triggers=TriggerTagger(TriggerLexicon.load("en", self.root)),
            gazetteer=self._gazetteer("en", tokenize, english_lemmas, None if self.en_pipeline else _english_versions()),
            ner=SpacyEnglishNER(nlp), dates=self.dates,
            documents=DocumentFinder(DocumentLexicon.load("en", self.root)),  # titles as written, modifiers from the lexicon
            status=StatusClassifier(StatusCues.load("en", self.root), MarkedTense(), reporting=cues.reporting_verbs),
            arguments=ArgumentReader(cues),
            linker=PersonLinker(self.kb, "en", english_lemmas),
        )

    def _gazetteer(self, lang: str, tokenize: Callable[[str, int, int], list[Token]], lemmas: Callable[[str], frozenset[str]],
                   versions: tuple[str, ...] | None) -> GazetteerMatcher:
        """The matcher over the knowledge base's names; its index comes from the disk
        cache when the libraries that lemmatize the names are known (``versions``)."""
        def lemmatize(name: str) -> tuple[str, ...]:
            return tuple(name_lemma(tok) for tok in tokenize(name, 0, len(name)))

        def build() -> dict[str, list[Entry]]:
            return build_index(self.kb.entries(lang, lemmatize))

        index = build() if self.indexes is None or versions is None else self.indexes.get(lang, versions, build)
        return GazetteerMatcher(index, lemmas)


def _russian_versions() -> tuple[str, ...]:
    """The versions of what lemmatizes Russian names: pymorphy3 and its dictionaries."""
    import pymorphy3
    import pymorphy3_dicts_ru

    return f"pymorphy3 {pymorphy3.__version__}", f"dicts {pymorphy3_dicts_ru.__version__}"


def _english_versions() -> tuple[str, ...]:
    """The version of what tokenizes English names: spaCy (already loaded by then)."""
    from spacy import about

    return (f"spacy {about.__version__}",)


def name_lemma(tok: Token) -> str:
    """The lemma a knowledge-base name word is indexed by: the word itself when it
    is one of its own lemmas (names are written in the nominative), else the first.

    >>> name_lemma(Token(0, 6, "Лавров", frozenset({"лавр", "лавров"})))
    'лавров'
    """
    low = tok.text.lower().replace("ё", "е")
    return low if low in tok.lemmas else sorted(tok.lemmas)[0]


def strip_possessive(name: str) -> str:
    """``Lavrov's`` → ``Lavrov``.

    >>> strip_possessive("Sergei Lavrov’s")
    'Sergei Lavrov'
    """
    for suffix in ("'s", "’s", "'", "’"):
        if name.endswith(suffix):
            return name[: -len(suffix)]
    return name


