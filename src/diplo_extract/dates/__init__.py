"""Dates stage: find date expressions in Russian and English text and resolve them.

Three verbs:

* :meth:`DatesExtractor.find` returns every :class:`DateExpression` in a text (or a
  slice of it), with half-open character offsets into the ORIGINAL text
  (``expr.text == text[expr.start:expr.end]`` always) and the partial value as
  written (day, month, year, a relative offset...).
* :func:`resolve` turns one expression into the ISO 8601 value of the annotation
  guide (``2020-11-26``, ``2021-11``, ``2025``, ``XXXX-10-30``, ``a/b``) against an
  anchor: the published date, or a dateline's date whose year may be unknown.
* :meth:`DatesExtractor.find_dateline` finds a dateline ("МОСКВА, 25 ноября. /ТАСС/.",
  "MOSCOW, Nov 25 (Reuters) -") at the start of a text.

Vocabulary (month names, relative words, prepositions...) lives in
``models/dates/<lang>.yaml``, validated at load time by :class:`DateLexicon`. This
module holds only the grammar: an ordered list of regex strategies, each built from
the lexicon, each match turned into an expression by a small builder. Overlapping
candidates are settled longest first (then by strategy order), so "26 ноября 2020
года" wins over "2020 года" inside it.

Every pattern is a sequence of bounded pieces (no nested unbounded quantifiers), so
matching is linear in the text length. Transcript time codes (``05:18``) are masked
before matching and can never be read as dates.
"""
from __future__ import annotations

import datetime as dt  # noqa: F401  (doctests)
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from types import MappingProxyType

from ..errors import InputError
from ..regex_programs import RegexPrograms
from .dateline import DatelineFinder
from .expression import DateExpression, Dateline, Span
from .grammar import BLOCK_WINDOW, VOID, _candidates, _Ctx, _Grammar, _mask_time_codes, _select
from .lexicon import DateLexicon, load_date_lexicon
from .resolve import resolve

__all__ = [
    "DateExpression",
    "DateLexicon",
    "Dateline",
    "DatesExtractor",
    "Span",
    "load_date_lexicon",
    "resolve",
]


# where a grammar's compiled patterns are kept: (lang, build the programs) -> the programs
ProgramSource = Callable[[str, Callable[[], RegexPrograms]], RegexPrograms]
DURATION_LOOKBACK = 60  # characters before a word where its duration word is looked for


class DatesExtractor:
    """Finds date expressions with the grammars compiled from per-language lexicons.

    >>> ex = DatesExtractor.from_models()
    >>> [(e.text, resolve(e, dt.date(2020, 11, 26))) for e in ex.find("Встреча прошла 26 ноября.", "ru")]
    [('26 ноября', '2020-11-26')]
    """

    def __init__(self, lexicons: Mapping[str, DateLexicon], programs: ProgramSource | None = None) -> None:
        self._lexicons = MappingProxyType(dict(lexicons))
        self._programs = programs
        self._grammars: dict[str, _Grammar] = {}  # compiled on first use: Russian-only work never compiles English

    @classmethod
    def from_models(cls, langs: Iterable[str] = ("ru", "en"), root: Path | None = None, programs: ProgramSource | None = None) -> "DatesExtractor":
        """An extractor with the lexicons of ``langs`` (from ``root``, else the packaged
        ``models/``); ``programs`` keeps the grammars' compiled patterns between runs."""
        return cls({lang: load_date_lexicon(lang, root=root) for lang in langs}, programs)

    @property
    def langs(self) -> tuple[str, ...]:
        return tuple(self._lexicons)

    def eve_words(self, lang: str) -> list[str]:
        """The words of ``lang`` that mean "on the eve of" before an event noun."""
        return list(self._grammar(lang).lex.eve_of)

    def _grammar(self, lang: str) -> _Grammar:
        grammar = self._grammars.get(lang)
        if grammar is None:
            if lang not in self._lexicons:
                raise InputError(f"E022 no date lexicon for language {lang!r} (loaded: {', '.join(self._lexicons)})")
            grammar = self._grammars[lang] = self._build(lang)  # bounded: one per lexicon
        return grammar

    def _build(self, lang: str) -> _Grammar:
        """The grammar of ``lang``, its patterns rebuilt from kept programs when there are."""
        lexicon = self._lexicons[lang]
        if self._programs is None:
            return _Grammar(lexicon)
        built: list[_Grammar] = []

        def record() -> RegexPrograms:
            programs = RegexPrograms()
            built.append(_Grammar(lexicon, programs.record))
            return programs

        programs = self._programs(lang, record)
        return built[0] if built else _Grammar(lexicon, programs.compile)

    def _checked(self, text: str, lang: str) -> _Grammar:
        """The grammar of ``lang``, after checking the arguments."""
        if not isinstance(text, str):
            raise InputError(f"E020 text must be a str, got {type(text).__name__}")
        return self._grammar(lang)

    def duration_before(self, text: str, lang: str, at: int) -> int | None:
        """The days of a duration word that qualifies the word at ``at`` ("двухдневный
        [государственный] визит", "a three-day [official] visit"): it ends at most
        two words before it, with no punctuation between."""
        grammar = self._grammar(lang)
        if not grammar.lex.durations:
            return None
        window = text[max(0, at - DURATION_LOOKBACK) : at]
        found = list(grammar.dur.finditer(window))
        if not found:
            return None
        last = found[-1]
        between = window[last.end() :]
        if len(between.split()) > 2 or any(not (c.isalnum() or c.isspace() or c == "-") for c in between):
            return None
        return grammar._duration_days(last["dur"])

    def find(self, text: str, lang: str, start: int = 0, end: int | None = None) -> list[DateExpression]:
        """All date expressions in ``text[start:end]``, offsets into the full ``text``."""
        grammar = self._checked(text, lang)
        start, end = max(0, start), len(text) if end is None else min(end, len(text))
        if start >= end:
            return []
        base = max(0, start - BLOCK_WINDOW)
        masked = _mask_time_codes(text[base:end])
        ctx, lo, hi = _Ctx(text, base), start - base, end - base
        found = list(_candidates(grammar, masked, ctx, lo, hi))
        found += [(-1, e) for e in grammar.durations((e for _, e in found), ctx, masked, lo, hi)]
        found += [(-1, e) for e in grammar.weekday_ranges([e for _, e in found], ctx)]
        return [e for e in _select(found, start, end) if e.kind != VOID]

    def could_start_at(self, text: str, lang: str, start: int, end: int | None = None) -> bool:
        """Whether an expression found in ``text[start:end]`` could begin exactly at
        ``start``: some strategy matches there. When not, :meth:`find` over that slice
        returns no expression that starts at ``start``, so a caller that wants only
        such a date (a dateline) can skip the search.

        >>> ex = DatesExtractor.from_models()
        >>> ex.could_start_at("МОСКВА, 25 ноября", "ru", 8), ex.could_start_at("МОСКВА, 25 ноября", "ru", 0)
        (True, False)
        """
        grammar = self._checked(text, lang)
        start, end = max(0, start), len(text) if end is None else min(end, len(text))
        if start >= end:
            return False
        base = max(0, start - BLOCK_WINDOW)  # the slice and mask of :meth:`find`, so that a match here is its first attempt
        masked = _mask_time_codes(text[base:end])
        return any(s.pattern.match(masked, start - base, end - base) for s in grammar.strategies)

    def find_dateline(self, text: str, lang: str, *, max_lines: int = 8) -> Dateline | None:
        """The dateline at the start of one of the first ``max_lines`` non-blank lines."""
        self._checked(text, lang)
        return DatelineFinder(self.find, self.could_start_at).find(text, lang, max_lines=max_lines)
