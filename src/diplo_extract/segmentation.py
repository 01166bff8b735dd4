"""Segmentation: lines, sentences (razdel), tokens (razdel for Russian, spaCy's
tokenizer for English) and page noise (navigation, appeals, teasers)."""
from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Iterator
from functools import lru_cache
from pathlib import Path

from pydantic import BaseModel, ConfigDict, field_validator

from .doc import Doc, Sentence, Token
from .lexicon import load_model
from .resources import model_path

_LINE = re.compile(r"[^\n]+")
_TIMECODE = re.compile(r"\d{1,2}:\d{2}(?::\d{2})?")
MAX_SENTENCE = 2000  # characters: longer runs are cut so that no stage sees a huge unit


class Abbreviations(BaseModel):
    """``models/segmentation/abbreviations.yaml``: where a cut after a period is undone."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    before_numbers: list[str]
    before_names: list[str]


class Segmenter:
    """Splits a document into sentences, each inside one line of the text.

    A leading transcript time code (``05:18``) is left out of the sentence. A cut
    right after an abbreviation is undone: always after a title ("Mr. Smith", "St.
    Petersburg"), and before a digit or a lower-case letter after a month and the
    like ("on Sept. 18", "5 дек. 2024 г.").
    """

    name = "segment"
    requires = ("doc.text",)
    produces = ("doc.sentences",)

    def __init__(self, abbreviations: Abbreviations | None = None, root: Path | None = None) -> None:
        from razdel import sentenize

        self._sentenize = sentenize
        data = abbreviations or load_model(model_path("segmentation", "abbreviations.yaml", root=root), Abbreviations)
        self._before_numbers = frozenset(a.lower() for a in data.before_numbers)
        self._before_names = frozenset(a.lower() for a in data.before_names)

    def __call__(self, doc: Doc) -> Doc:
        doc.sentences = list(self._sentences(doc.text))
        return doc

    def _sentences(self, text: str) -> Iterator[Sentence]:
        for line in _LINE.finditer(text):
            start, end = line.start(), line.end()
            code = _TIMECODE.match(text, start)
            if code is not None:
                start = code.end()
            for chunk_start, chunk_end in _chunks(text, start, end):
                yield from self._split(text, chunk_start, chunk_end)

    def _split(self, text: str, start: int, end: int) -> Iterator[Sentence]:
        pending: Sentence | None = None
        for sub in self._sentenize(text[start:end]):
            s, e = start + sub.start, start + sub.stop
            if not text[s:e].strip():
                continue
            if pending is not None and self._continues(text, pending, s):
                pending = Sentence(pending.start, e)
                continue
            if pending is not None:
                yield pending
            pending = Sentence(s, e)
        if pending is not None:
            yield pending

    def _continues(self, text: str, before: Sentence, start: int) -> bool:
        """Whether the piece at ``start`` goes on the sentence ``before`` (cut after an abbreviation)."""
        last = text[before.start : before.end].rsplit(None, 1)[-1].lower()
        if last in self._before_names:
            return True
        first = text[start : start + 1]
        return last in self._before_numbers and (first.isdigit() or first.islower())


def _chunks(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """Cut an over-long line at spaces so that each piece is at most MAX_SENTENCE."""
    while end - start > MAX_SENTENCE:
        cut = text.rfind(" ", start + MAX_SENTENCE // 2, start + MAX_SENTENCE)
        cut = cut if cut > start else start + MAX_SENTENCE
        yield start, cut
        start = cut
    yield start, end


class NoiseData(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    end_markers: list[str]
    noise_patterns: list[str]
    stamp_patterns: list[str]

    @field_validator("noise_patterns", "stamp_patterns")
    @classmethod
    def _compiles(cls, patterns: list[str]) -> list[str]:
        for p in patterns:
            try:
                re.compile(p)
            except re.error as exc:  # pydantic reports ValueError as a validation error naming the entry
                raise ValueError(f"invalid regular expression {p!r}: {exc}") from exc
        return patterns


BODY_BEFORE_TAIL = 200  # characters of article text before an end marker or a stamp ends it


class PageNoiseFilter:
    """Marks sentences that are not the article: appeals, share buttons, and all
    that follows an end marker (``Читайте также``, ``Read more``) or a date/time
    stamp line after the article's body (teasers of other articles)."""

    name = "noise"
    requires = ("doc.sentences",)
    produces = ("sentence.noise",)

    def __init__(self, data: dict[str, NoiseData] | None = None, root: Path | None = None) -> None:
        data = data or {lang: load_model(model_path("noise", f"{lang}.yaml", root=root), NoiseData) for lang in ("ru", "en")}
        self._markers = frozenset(m.casefold() for d in data.values() for m in d.end_markers)
        # one pattern each: searched in turn, they are about twice as fast as their union
        self._noise = tuple(re.compile(p, re.IGNORECASE) for d in data.values() for p in d.noise_patterns)
        self._stamp = _union(p for d in data.values() for p in d.stamp_patterns)

    def is_stamp(self, line: str) -> bool:
        """A date/time stamp line ("14 СЕН, 18:40"), which after an article's body
        starts the teasers of other articles."""
        return bool(self._stamp.match(line.strip()))

    def _is_marker(self, key: str) -> bool:
        """``Читайте также``, or ``Read also: <teaser>`` on the same line."""
        head = key.split(":", 1)[0].strip() if ":" in key[:40] else None
        return key in self._markers or head in self._markers

    def __call__(self, doc: Doc) -> Doc:
        body_chars, tail = 0, False
        starts = [s.start for s in doc.sentences]  # sorted: the segmenter yields them in order
        for line_start, line_end in _line_spans(doc.text):
            line = doc.text[line_start:line_end].strip()
            key = line.casefold().rstrip(".:!…")
            marker = self._is_marker(key)
            if (marker or self.is_stamp(line)) and body_chars > BODY_BEFORE_TAIL:
                tail = True  # a share bar or a stamp above the article ends nothing
            noisy = tail or marker or any(p.search(line) for p in self._noise)
            if not noisy:
                body_chars += len(line)
            _mark(doc, starts, line_start, line_end, noisy)
        return doc


def _union(patterns: Iterator[str]) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in patterns) or r"(?!)", re.IGNORECASE)


def _line_spans(text: str) -> Iterator[tuple[int, int]]:
    for m in _LINE.finditer(text):
        yield m.start(), m.end()


def _mark(doc: Doc, starts: list[int], start: int, end: int, noisy: bool) -> None:
    """Mark the sentences that start in ``start:end`` (found by bisection: a scan of
    all sentences for each line made long pages quadratic)."""
    if not noisy:
        return
    for k in range(bisect_left(starts, start), bisect_left(starts, end)):
        doc.sentences[k].noise = True


class RussianTokenizer:
    """razdel tokens (:class:`RazdelChunks`) with cached pymorphy3 lemmas."""

    def __init__(self, lemmas: Callable[[str], frozenset[str]], chunks: "RazdelChunks | None" = None) -> None:
        self._chunks = chunks or RazdelChunks()
        self._lemmas = lemmas

    def __call__(self, text: str, start: int, end: int) -> list[Token]:
        out = []
        for s, e in self._chunks(text, start, end):
            word = text[s:e]
            lemmas = self._lemmas(word) if _is_word(word) else frozenset({word.lower()})
            out.append(Token(s, e, word, lemmas))
        return out


_CHUNK = re.compile(r"\S+")  # razdel never joins across white space


class RazdelChunks:
    """razdel's tokenization, made once per chunk of text between white space (news
    repeats its words) and kept for at most ``cache_size`` chunks of up to
    ``max_chunk`` characters.

    razdel splits at every white space, and its rules look across one only for the
    kind (letters, digits, punctuation) of the next atom, and only when a chunk
    begins or ends with a dash, an underscore, a point, a comma or a slash ("что -то",
    "3 .5"). A chunk is tokenized in the context of that kind, so the tokens are
    razdel's own.

    >>> chunks = RazdelChunks()
    >>> text = "Кое -кто, т.е. 3,5 млн."
    >>> [text[s:e] for s, e in chunks(text, 0, len(text))]
    ['Кое', '-кто', ',', 'т', '.', 'е', '.', '3,5', 'млн', '.']
    """

    def __init__(self, cache_size: int = 20_000, max_chunk: int = 64) -> None:
        from razdel import tokenize
        from razdel.segmenters.punct import DASHES
        from razdel.segmenters.tokenize import ATOM

        self._tokenize = tokenize
        self._atom = ATOM
        self._edges = frozenset(DASHES + "_.,/\\")  # where razdel's rules read the atom past the white space
        self._samples = {"RU": "ж", "LAT": "z", "INT": "1", "PUNCT": "!", "OTHER": "§"}  # one atom of each kind
        self._max_chunk = max_chunk
        self._cached = lru_cache(maxsize=cache_size)(self._split)

    def __call__(self, text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
        """``(start, end)`` of each token of ``text[start:end]``."""
        chunks = [(m.start(), m.end()) for m in _CHUNK.finditer(text, start, end)]
        for k, (s, e) in enumerate(chunks):
            before = self._kind(text, chunks[k - 1][1] - 1) if k and text[s] in self._edges else None
            after = self._kind(text, chunks[k + 1][0]) if k + 1 < len(chunks) and text[e - 1] in self._edges else None
            split = self._cached if e - s <= self._max_chunk else self._split
            for a, b in split(before, text[s:e], after):
                yield s + a, s + b

    def _kind(self, text: str, at: int) -> str:
        """The kind of razdel's atom at ``at``."""
        return self._atom.match(text, at).lastgroup

    def _split(self, before: str | None, chunk: str, after: str | None) -> tuple[tuple[int, int], ...]:
        """Token offsets in ``chunk``, between atoms of the kinds ``before`` and ``after`` (or none)."""
        head = self._samples[before] + " " if before else ""
        tail = " " + self._samples[after] if after else ""
        spans = [(t.start - len(head), t.stop - len(head)) for t in self._tokenize(head + chunk + tail)]
        return tuple(spans[1 if head else 0 : len(spans) - 1 if tail else len(spans)])


class EnglishTokenizer:
    """spaCy's English tokenizer; lemmas are lower-cased forms without possessive
    (kept per word form, at most ``cache_size`` of them)."""

    def __init__(self, nlp, cache_size: int = 20_000) -> None:  # noqa: ANN001 - a spaCy Language
        self._nlp = nlp
        self._lemmas = lru_cache(maxsize=cache_size)(english_lemmas)

    def __call__(self, text: str, start: int, end: int) -> list[Token]:
        out = []
        for t in self._nlp.make_doc(text[start:end]):
            if not t.is_space:
                word = t.text
                s = start + t.idx
                out.append(Token(s, s + len(word), word, self._lemmas(word)))
        return out


def english_lemmas(word: str) -> frozenset[str]:
    """Lower-cased form, and the form without a possessive.

    >>> sorted(english_lemmas("Russia's"))
    ['russia', "russia's"]
    """
    low = word.lower().replace("’", "'")
    forms = {low}
    if low.endswith("'s") or low.endswith("s'"):
        forms.add(low[:-2] if low.endswith("'s") else low[:-1])
    return frozenset(forms)


def _is_word(word: str) -> bool:
    return any(c.isalpha() for c in word) and len(word) < 60
