"""Documents signed or adopted: head nouns from ``models/documents/<lang>.yaml``,
title extent, kind, nominative title and period."""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import ClassVar


from .doc import Token
from .schema import DocumentKind
from .lexicon import LanguageData, SequenceEntry

Kind = DocumentKind  # one definition, in the public schema
AUTHORED_KINDS = frozenset({"resolution", "statement", "declaration"})  # issued BY a meeting
_HARD_STOPS = frozenset(",;:.!?()[]—–")
MAX_TITLE_TOKENS = 22


class HeadEntry(SequenceEntry):
    kind: Kind
    bundle: bool = False
    qualified: bool = False  # a document only when a capitalized name follows
    generic: bool = False  # "документ", "the document": refers back to a named one


class DocumentLexicon(LanguageData):
    folder: ClassVar[str] = "documents"
    heads: list[HeadEntry]
    stops: list[str]
    determiners: list[str]
    modifiers: list[str]  # English words that open a title besides capitalized ones
    # Words after a bundle of documents that single out named ones among them ("signed 19
    # agreements, including a memorandum on education"): each named one is signed too.
    including: list[str] = []


@dataclass(frozen=True)
class DocumentPhrase:
    start: int
    end: int
    text: str
    kind: str
    title: str
    head: int  # token index of the head noun within the sentence tokens
    first: int  # token index where the title starts
    last: int  # token index after the title
    generic: bool = False


class DocumentFinder:
    """Finds document phrases (``план консультаций ... на 2021 год``) in a sentence."""

    def __init__(
        self, lexicon: DocumentLexicon, nominative: Callable[[list[str]], list[str]] | None = None,
        is_verb: Callable[[str], bool] | None = None, is_modifier: Callable[[str], bool] | None = None,
    ) -> None:
        self._heads: dict[str, list[tuple[tuple[str, ...], HeadEntry]]] = defaultdict(list)
        for entry in lexicon.heads:
            for seq in entry.sequences():
                self._heads[seq[0]].append((seq, entry))
        self._stops: dict[str, list[tuple[str, ...]]] = {}  # stop phrases by their first word
        self._blank_stop = any(not s.split() for s in lexicon.stops)  # an empty stop phrase stops everywhere
        for stop in (tuple(s.split()) for s in lexicon.stops):
            if stop:
                self._stops.setdefault(stop[0], []).append(stop)
        self._determiners = frozenset(lexicon.determiners)
        self._modifiers = frozenset(lexicon.modifiers)
        self.including = [tuple(c.split()) for c in lexicon.including]
        self._nominative = nominative or list  # English titles stay as written
        self._is_verb = is_verb or (lambda word: False)
        self._is_modifier = is_modifier or self._listed_modifier

    def find_all(self, text: str, tokens: Sequence[Token], names: Sequence[tuple[int, int]] = (), blocked: Callable[[int], bool] = lambda i: False) -> list[DocumentPhrase]:
        """Every document phrase of the sentence, left to right, not overlapping;
        a head word inside an organization's name (``names``) is not a document."""
        out: list[DocumentPhrase] = []
        i = 0
        while i < len(tokens):
            head = self.head_at(tokens, i)
            if head is not None and any(s <= tokens[i].start < e for s, e in names):
                head = None
            if head is None:
                i += 1
                continue
            phrase = self._phrase(text, tokens, i, head, blocked)
            out.append(phrase)
            i = max(phrase.last, i + 1)
        return out

    def _listed_modifier(self, word: str) -> bool:
        """A modifier by the lexicon's list (languages without a part-of-speech hook)."""
        return _modifier(Token(0, len(word), word, frozenset({word.lower()})), self._modifiers)

    def head_at(self, tokens: Sequence[Token], i: int) -> tuple[int, HeadEntry] | None:
        """``(length, entry)`` of the document head starting at token ``i``."""
        best: tuple[int, HeadEntry] | None = None
        heads = self._heads
        for lemma in sorted(lemma for lemma in tokens[i].lemmas if lemma in heads):  # sorted: never depends on set order
            for seq, entry in heads[lemma]:
                window = tokens[i : i + len(seq)]
                longer = best is None or len(seq) > best[0]
                if longer and len(window) == len(seq) and all(w in t.lemmas for w, t in zip(seq, window)) and _qualified(entry, tokens, i + len(seq)):
                    best = len(seq), entry
        return best

    def _phrase(self, text: str, tokens: Sequence[Token], i: int, head: tuple[int, HeadEntry], blocked: Callable[[int], bool]) -> DocumentPhrase:
        length, entry = head
        first = i if i > 0 and blocked(i - 1) else self._left_edge(tokens, i)  # "Adopts Resolution": the verb is no modifier
        last = self._right_edge(tokens, i + length, blocked, entry.bundle)
        kind = self._bundle_kind(tokens, i + length, last) if entry.bundle else entry.kind
        start, end = tokens[first].start, tokens[last - 1].end
        title = self._title(text, tokens, first, i + length, last)
        return DocumentPhrase(start, end, text[start:end], kind, title, i, first, last, entry.generic and last - first <= length)

    def _left_edge(self, tokens: Sequence[Token], i: int) -> int:
        if i == 0:
            return i
        prev = tokens[i - 1]
        modifier = self._is_modifier(prev.text)
        if prev.text.isalpha() and prev.text.lower() not in self._determiners and not self._is_verb(prev.text) and modifier:
            return i - 1
        return i

    def _right_edge(self, tokens: Sequence[Token], j: int, blocked: Callable[[int], bool], bundle: bool = False) -> int:
        limit = min(len(tokens), j + MAX_TITLE_TOKENS)
        k = j
        while k < limit and not self._stops_at(tokens, k, blocked, bundle):
            k += 1
        while k > j and tokens[k - 1].text in "«»\"“”'" and not _closes_a_quote(tokens, j, k):
            k -= 1
        return k

    def _stops_at(self, tokens: Sequence[Token], k: int, blocked: Callable[[int], bool], bundle: bool = False) -> bool:
        tok = tokens[k]
        if tok.text in _HARD_STOPS or blocked(k) or self._stop_phrase(tokens, k):
            return True
        if not bundle and tok.text.lower() in ("и", "and", "or", "или") and self._next_head(tokens, k + 1):
            return True
        return self._is_verb(tok.text)

    def _stop_phrase(self, tokens: Sequence[Token], k: int) -> bool:
        """Whether a stop phrase starts at token ``k`` (each word a lemma or the form of its token)."""
        if self._blank_stop:
            return True
        first = tokens[k]
        for word in {first.text.lower(), *first.lemmas} & self._stops.keys():
            for stop in self._stops[word]:
                window = tokens[k : k + len(stop)]
                if len(window) == len(stop) and all(s in t.lemmas or s == t.text.lower() for s, t in zip(stop, window)):
                    return True
        return False

    def _next_head(self, tokens: Sequence[Token], k: int) -> bool:
        return any(self.head_at(tokens, m) for m in range(k, min(k + 3, len(tokens))))

    def _bundle_kind(self, tokens: Sequence[Token], j: int, last: int) -> str:
        for m in range(j, min(last, j + 3)):
            found = self.head_at(tokens, m)
            if found is not None and not found[1].bundle:
                return found[1].kind
        return "other"

    def _title(self, text: str, tokens: Sequence[Token], first: int, head_end: int, last: int) -> str:
        words = [t.text for t in tokens[first:head_end]]
        forms = self._nominative(words)
        pieces, cursor = [], tokens[first].start
        for tok, form in zip(tokens[first:head_end], forms):
            pieces.append(text[cursor : tok.start] + form)
            cursor = tok.end
        pieces.append(text[cursor : tokens[last - 1].end])
        return "".join(pieces)


def _qualified(entry: HeadEntry, tokens: Sequence[Token], j: int) -> bool:
    if not entry.qualified:
        return True
    return j < len(tokens) and tokens[j].text[:1].isupper()




def _modifier(tok: Token, modifiers: frozenset[str]) -> bool:
    """A word that can open a document title (without a morphology to ask): a listed
    modifier or a capitalized word.

    >>> _modifier(Token(0, 5, "joint", frozenset({"joint"})), frozenset({"joint"}))
    True
    >>> _modifier(Token(0, 4, "with", frozenset({"with"})), frozenset({"joint"}))
    False
    """
    return tok.text.lower() in modifiers or tok.text[:1].isupper() and not tok.text.isupper()


_PAIRS = {"»": "«", "”": "“", '"': '"', "'": "'"}


def _closes_a_quote(tokens: Sequence[Token], j: int, k: int) -> bool:
    """Whether the quote mark ending ``tokens[j:k]`` closes one opened inside it
    ("соглашение «Альфа»" keeps its closing mark)."""
    mark = tokens[k - 1].text
    opener = _PAIRS.get(mark)
    if opener is None:
        return False
    inside = [t.text for t in tokens[j : k - 1]]
    return inside.count(opener) > (inside.count(mark) if opener == mark else inside.count(mark))
