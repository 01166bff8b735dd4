"""Event triggers: lexicons from ``models/triggers/<lang>.yaml`` matched over tokens.

Russian words are matched by lemma (any plausible pymorphy3 normal form), English
words by their lower-cased form. Multi-word phrases win over the words they contain.
"""
from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path
from typing import ClassVar, Literal

from pydantic import Field

from .doc import Token, Trigger
from .errors import Errors, ResourceError
from .lexicon import LanguageData, SequenceEntry
from .resources import model_path

from .schema import EventType  # noqa: E402  one definition, in the public schema


class TriggerEntry(SequenceEntry):
    type: EventType
    pos: Literal["noun", "verb", "adv"] | None = None
    tense: Literal["past", "pres"] | None = None
    weak: bool = False
    document: Literal["required", "optional"] = "optional"
    group: Literal["bilateral", "multilateral"] = "bilateral"
    otherwise: EventType | None = None  # the type when no document comes but a person does
    # Sense test: the word is a trigger only when a person is named within this many
    # tokens after it ("called on President X", not "called on Russia to withdraw").
    person_after: int | None = None
    # Sense test: the word is no trigger when one of these lemmas follows within two
    # words ("принять участие", "утверждает, что", "приняв во внимание").
    not_followed_by: list[str] = Field(default_factory=list)
    not_preceded_by: list[str] = Field(default_factory=list)  # "news conference" is no meeting


class TriggerLexicon(LanguageData):
    folder: ClassVar[str] = "triggers"
    gate: list[str] = Field(min_length=1)
    triggers: list[TriggerEntry] = Field(min_length=1)
    # The guide's scope: words next to a gathering's noun that make it domestic,
    # academic or private ("заседание правительства", "academic conference",
    # "встреча с жителями", "meet on stage"): such a mention is not an event.
    out_of_scope: list[str] = Field(default_factory=list)
    out_of_scope_reach: int = 3

    @classmethod
    def load(cls, lang: str, root: Path | None = None) -> "TriggerLexicon":
        lexicon = super().load(lang, root)
        lexicon.check_gate(str(model_path(cls.folder, f"{lang}.yaml", root=root)))
        return lexicon

    def gate_pattern(self) -> re.Pattern[str]:
        """One pattern over the gate stems, their shared beginnings factored out (a
        trie): it matches where some stem occurs, and scans several times faster than
        a flat alternation of the stems."""
        return re.compile(stem_trie(self.gate), re.IGNORECASE)

    def check_gate(self, where: str) -> None:
        """Every trigger must pass the gate, or the gate would hide it."""
        gate = self.gate_pattern()
        for entry in self.triggers:
            for seq in entry.sequences():
                if not any(gate.search(word) for word in seq):
                    raise ResourceError(Errors.E010.format(path=where, what="trigger", entry=seq, detail="no gate stem matches it"))


def stem_trie(stems: Sequence[str]) -> str:
    """A regex that finds a stem wherever one of ``stems`` occurs, with shared
    beginnings factored out; a stem that begins with another adds nothing to where
    one occurs, so it is left out.

    >>> stem_trie(["встреч", "визит", "визиты", "встретил"])
    'в(?:изит|стре(?:тил|ч))'
    >>> bool(re.search(stem_trie(["talk", "met"]), "They MET", re.IGNORECASE))
    True
    """
    trie: dict = {}
    for stem in sorted(stems, key=len):
        node = trie
        for ch in stem:
            if "" in node:  # a shorter stem ends here
                break
            node = node.setdefault(ch, {})
        else:
            node.clear()
            node[""] = {}
    return _trie_regex(trie)


def _trie_regex(node: dict) -> str:
    """The regex of one trie node: empty where a stem ends (or nothing is left)."""
    if "" in node or not node:
        return ""
    branches = [re.escape(ch) + _trie_regex(child) for ch, child in sorted(node.items())]
    return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"


class TriggerTagger:
    """Finds trigger words in the tokens of one sentence."""

    def __init__(self, lexicon: TriggerLexicon) -> None:
        self.gate = lexicon.gate_pattern()
        self.out_of_scope = frozenset(lexicon.out_of_scope)
        self.scope_reach = lexicon.out_of_scope_reach
        self._index: dict[str, list[tuple[tuple[str, ...], TriggerEntry]]] = defaultdict(list)
        for entry in lexicon.triggers:
            for seq in entry.sequences():
                self._index[seq[0]].append((seq, entry))
        for bucket in self._index.values():
            bucket.sort(key=lambda item: -len(item[0]))

    def passes_gate(self, text: str) -> bool:
        return self.gate.search(text) is not None

    def __call__(self, text: str, tokens: Sequence[Token], sentence: int) -> list[Trigger]:
        out: list[Trigger] = []
        i = 0
        while i < len(tokens):
            found = self._match(tokens, i)
            if found is None:
                i += 1
                continue
            seq, entry = found
            out.append(_trigger(text, tokens[i : i + len(seq)], entry, seq, sentence))
            i += len(seq)
        return out

    def _match(self, tokens: Sequence[Token], i: int) -> tuple[tuple[str, ...], TriggerEntry] | None:
        best: tuple[tuple[str, ...], TriggerEntry] | None = None
        for lemma in sorted(tokens[i].lemmas, key=_base_first):  # the verb before its participle ("принять" before "принятый"); never set order
            for seq, entry in self._index.get(lemma, ()):
                window = tokens[i : i + len(seq)]
                longer = best is None or len(seq) > len(best[0])
                if longer and len(window) == len(seq) and all(w in t.lemmas for w, t in zip(seq, window)):
                    best = seq, entry
        return best


def _trigger(source: str, tokens: Sequence[Token], entry: TriggerEntry, seq: tuple[str, ...], sentence: int) -> Trigger:
    start, end = tokens[0].start, tokens[-1].end
    text = source[start:end]
    pos = entry.pos or _guess_pos(seq[-1] if entry.phrase else seq[0])
    return Trigger(
        start, end, text, entry.type, " ".join(seq), pos, sentence,
        weak=entry.weak, tense=entry.tense, group=entry.group, otherwise=entry.otherwise, person_after=entry.person_after,
        not_followed_by=tuple(entry.not_followed_by), not_preceded_by=tuple(entry.not_preceded_by),
    )


_VERB_ENDINGS = ("ть", "ться", "ти", "чь")


def _guess_pos(lemma: str) -> str:
    """Russian part of speech from the lemma's ending.

    >>> _guess_pos("подписать"), _guess_pos("встреча"), _guess_pos("подписанный")
    ('verb', 'noun', 'verb')
    """
    if lemma.endswith(_VERB_ENDINGS) or lemma.endswith(("нный", "тый", "вший")):
        return "verb"
    return "noun"


def _base_first(lemma: str) -> tuple[int, str]:
    """Shorter normal forms first: a verb's infinitive before its participle
    (``принять`` before ``принятый``), so a verb's entry wins a tie.

    >>> sorted({"принятый", "принять"}, key=_base_first)
    ['принять', 'принятый']
    """
    return len(lemma), lemma
