"""Gazetteer matching: the longest knowledge-base names over token lemmas."""
from __future__ import annotations

from collections.abc import Callable, Sequence

from ..doc import Mention, Token
from .kb import Entry

Lemmatizer = Callable[[str], frozenset[str]]


class GazetteerMatcher:
    """Finds actor names in a token sequence, longest match first.

    A token matches an entry lemma when the lemma is among the token's plausible
    lemmas; entries marked ``cased`` need a capitalized token (all capitals for an
    abbreviation), so that ``us`` is not the United States.
    """

    def __init__(self, index: dict[str, list[Entry]], lemmas: Lemmatizer) -> None:
        self._index = index
        self._lemmas = lemmas

    def __call__(self, text: str, tokens: Sequence[Token]) -> list[Mention]:
        tokens = _split_compounds(tokens, self._lemmas)
        out: list[Mention] = []
        i = 0
        while i < len(tokens):
            found = self._longest(tokens, i)
            if found is None:
                i += 1
                continue
            entry, n = found
            out.append(_mention(text, tokens[i : i + n], entry))
            i += n
        return out

    def _longest(self, tokens: Sequence[Token], i: int) -> tuple[Entry, int] | None:
        """The longest entry that fits at token ``i``; among equally long ones, the
        first by lemma (sorted, so the result never depends on set order)."""
        best: tuple[Entry, int] | None = None
        index = self._index
        for lemma in sorted(lemma for lemma in tokens[i].lemmas if lemma in index):
            for entry in index[lemma]:
                n = len(entry.lemmas)
                if (best is None or n > best[1]) and i + n <= len(tokens) and _fits(entry, tokens[i : i + n]):
                    best = entry, n
        return best


DASHES = frozenset("-‐‑‒–—―")  # one dash in a name is as good as another ("Папуа - Новой Гвинеи")


def _fits(entry: Entry, tokens: Sequence[Token]) -> bool:
    if any(lemma not in tok.lemmas and not (lemma in DASHES and tok.text in DASHES) for lemma, tok in zip(entry.lemmas, tokens)):
        return False
    if not entry.cased:
        return True
    first = tokens[0].text
    return first.isupper() if entry.kind == "abbreviation" else first[:1].isupper()


def _mention(source: str, tokens: Sequence[Token], entry: Entry) -> Mention:
    start, end = tokens[0].start, tokens[-1].end
    text = source[start:end]
    return Mention(start, end, text, entry.label, entry.key, entry.code, entry.name, entry.role, f"gazetteer:{entry.kind}")


def _split_compounds(tokens: Sequence[Token], lemmas: Lemmatizer) -> list[Token]:
    """Split hyphenated compounds (``белорусско-российского``) into their parts, so
    that each part can match a state adjective; a first part ending in ``о`` gives the
    adjective lemmas it abbreviates (``российско`` → ``российский``)."""
    out: list[Token] = []
    for tok in tokens:
        if "-" not in tok.text:
            out.append(tok)
            continue
        parts = tok.text.split("-")
        if len(parts) < 2 or not all(p.isalpha() for p in parts) or not parts[0].lower().endswith(("о", "е")):
            out.append(tok)
            continue
        offset = tok.start
        for k, part in enumerate(parts):
            forms = lemmas(part) if k == len(parts) - 1 else _prefix_lemmas(part)
            out.append(Token(offset, offset + len(part), part, forms))
            offset += len(part) + 1
    return out


def _prefix_lemmas(part: str) -> frozenset[str]:
    """Adjective lemmas that a compound's first part stands for.

    >>> "российский" in _prefix_lemmas("российско")
    True
    """
    low = part.lower()
    if low.endswith(("о", "е")):
        stem = low[:-1]
        return frozenset({low, stem + "ий", stem + "ский"})
    return frozenset({low})
