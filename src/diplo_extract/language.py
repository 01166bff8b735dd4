"""Language identification per sentence and per document (ru, en, or another)."""
from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

from pydantic import BaseModel, ConfigDict

from .doc import Doc
from .lexicon import load_model
from .resources import model_path

SUPPORTED = ("ru", "en")
_WORD = re.compile(r"[^\W\d_]+")
_CYRILLIC = re.compile("[\u0400-\u04ff]")
_ASCII_LETTER = re.compile("[A-Za-z]")


class LanguageData(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    cyrillic: dict[str, list[str]]
    function_words: dict[str, list[str]]


class LanguageDetector:
    """Labels each sentence ``ru``, ``en``, ``be``, ``uk``, ``de``... or ``und``, and
    the document with the majority language (by letters) of its article sentences."""

    name = "language"
    requires = ("sentence.noise",)
    produces = ("sentence.lang", "doc.lang")

    def __init__(self, data: LanguageData | None = None, root: Path | None = None) -> None:
        data = data or load_model(model_path("language.yaml", root=root), LanguageData)
        self._cyr = {k: frozenset(v) for k, v in data.cyrillic.items()}
        self._words = {k: frozenset(v) for k, v in data.function_words.items()}

    def __call__(self, doc: Doc) -> Doc:
        weights: Counter[str] = Counter()
        for sent in doc.sentences:
            sent.lang = self.detect(doc.text[sent.start : sent.end])
            if not sent.noise:
                weights[sent.lang] += sent.end - sent.start
        weights.pop("und", None)
        doc.lang = weights.most_common(1)[0][0] if weights else "und"
        return doc

    def detect(self, text: str) -> str:
        """Language of a short text.

        >>> LanguageDetector().detect("Лавров провел переговоры с Ван И.")
        'ru'
        >>> LanguageDetector().detect("Lavrov held talks with Wang Yi in Beijing.")
        'en'
        >>> LanguageDetector().detect("Лукашэнка правёў сустрэчу з міністрам і ўрадам.")
        'be'
        """
        cyr = len(_CYRILLIC.findall(text))
        lat = len(_ASCII_LETTER.findall(text))  # an ASCII letter
        if cyr == 0 and lat == 0:
            return "und"
        return self._cyrillic(text.lower()) if cyr >= lat else self._latin(text.lower())

    def _cyrillic(self, text: str) -> str:
        letters = set(text)
        if letters & self._cyr["be"]:
            return "be"
        if letters & self._cyr["uk"]:
            return "uk"
        if letters & self._cyr["be_or_uk"]:
            return "be" if letters & self._cyr["ru_only"] else "uk"
        return "ru"

    def _latin(self, text: str) -> str:
        words = _WORD.findall(text)
        scores = {lang: sum(map(vocab.__contains__, words)) for lang, vocab in self._words.items()}
        best = max(scores, key=lambda k: (scores[k], k == "en"))
        if scores[best] == 0:
            return "en" if len(words) <= 12 else "und"
        return best
