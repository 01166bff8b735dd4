"""Hand-built test inputs: tokens, triggers and documents without running a model."""
from __future__ import annotations

import re

from diplo_extract.doc import Doc, Sentence, Token, Trigger


def toks(text: str, lemmas: dict[str, set[str]] | None = None, start: int = 0) -> list[Token]:
    """The space-separated words of ``text`` (from ``start``) as tokens; each word's
    lemmas are its lower-cased form, or ``lemmas[word]`` when given."""
    lemmas = lemmas or {}
    out = []
    for m in re.finditer(r"\S+", text[start:]):
        word = m.group()
        forms = lemmas.get(word, {word.lower()})
        out.append(Token(start + m.start(), start + m.end(), word, frozenset(forms)))
    return out


def trigger_at(text: str, word: str, *, type: str = "meeting", pos: str = "noun", lemma: str | None = None,
               sentence: int = 0, tense: str | None = None, occurrence: int = 0) -> Trigger:
    """A trigger over the ``occurrence``-th appearance of ``word`` (may hold spaces) in ``text``."""
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(word, start + 1)
    return Trigger(start, start + len(word), word, type, lemma or word.lower(), pos, sentence, tense=tense)


def doc_of(*sentences: str, sep: str = " ", **kwargs) -> Doc:
    """A document whose sentences are ``sentences`` joined by ``sep`` (``kwargs`` set
    each Sentence's fields, the same for all)."""
    text = sep.join(sentences)
    doc = Doc(text=text)
    pos = 0
    for s in sentences:
        doc.sentences.append(Sentence(pos, pos + len(s), **kwargs))
        pos += len(s) + len(sep)
    return doc
