"""One normalised view of the input text for matching, with an offset map back.

Web text carries characters that break words for every model downstream: soft
hyphens and zero-width characters inside words, NULs and other control characters
between them, lone surrogates, and decomposed letters ("и" + U+0306 for "й"). The
stages read :attr:`NormalizedText.text`; the result's spans are mapped back with
:meth:`NormalizedText.span`, so they point into the text exactly as given.

What changes, once, in this order:

- soft hyphen and zero-width characters (U+00AD, U+200B–U+200D, U+2060, U+FEFF)
  are removed;
- control characters other than tab, line feed and carriage return become spaces;
- a lone surrogate becomes U+FFFD;
- letters followed by combining marks are composed (NFC).

Clean text is not copied and its map is the identity.

>>> n = NormalizedText.of("пере\\u00adговоры\\x00в Пекине")
>>> n.text
'переговоры в Пекине'
>>> n.span(0, 10)
(0, 11)
>>> NormalizedText.of("Minsk").identity
True
"""
from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass, field

REMOVED = "\u00ad\u200b\u200c\u200d\u2060\ufeff"
_CONTROL = "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f"
_SURROGATE = "\ud800-\udfff"
# one irregular piece: a run of removable characters, one control character or
# surrogate, or a base character with the combining marks that follow it
_IRREGULAR = re.compile(f"[{REMOVED}]+|[{_CONTROL}{_SURROGATE}]")
_SPECIAL = re.compile(f"[{REMOVED}{_CONTROL}{_SURROGATE}]")
SURROGATE = re.compile(f"[{_SURROGATE}]")  # a lone surrogate code point (not valid Unicode text)
SURROGATE_PAIR = re.compile("[\ud800-\udbff][\udc00-\udfff]")  # a UTF-16 pair left as two code points


@dataclass(frozen=True)
class NormalizedText:
    """The view of ``original`` that the stages read, and its map back.

    The map is sparse: ``_anchors`` holds the view offsets where the difference
    between original and view offsets changes, ``_shifts`` that difference from
    each anchor on, and ``_composed`` the original ``(start, end)`` of view
    characters that stand for several original ones.
    """

    original: str
    text: str
    _anchors: tuple[int, ...] = ()
    _shifts: tuple[int, ...] = ()
    _composed: dict[int, tuple[int, int]] = field(default_factory=dict)

    @property
    def identity(self) -> bool:
        """True when the view is the original text, character for character in place."""
        return not self._anchors and not self._composed

    @classmethod
    def of(cls, original: str) -> NormalizedText:
        """Normalise ``original`` (see the module docstring)."""
        special = _SPECIAL.search(original) is not None
        composed = not _is_nfc(original)
        if not special and not composed:
            return cls(original, original)
        return _Builder(original, compose=composed).build()

    def start(self, i: int) -> int:
        """The original offset of view offset ``i`` taken as a span's start."""
        if i in self._composed:
            return self._composed[i][0]
        k = bisect_right(self._anchors, i) - 1
        return i + (self._shifts[k] if k >= 0 else 0)

    def end(self, j: int) -> int:
        """The original offset of view offset ``j`` taken as a span's end: just
        after the original of view character ``j - 1``, so characters removed
        between a span and the next word stay outside it."""
        if j <= 0:
            return self.start(0) if self.text else 0
        last = j - 1
        if last in self._composed:
            return self._composed[last][1]
        return self.start(last) + 1

    def span(self, start: int, end: int) -> tuple[int, int]:
        """``(start, end)`` of the view as original offsets.

        >>> NormalizedText.of("a\\u200bb c").span(0, 2)
        (0, 3)
        """
        if self.identity:
            return start, end
        s = self.start(start) if start < len(self.text) else len(self.original)
        e = self.end(end) if end > start else s
        return s, max(s, e)


def _is_nfc(text: str) -> bool:
    try:
        return unicodedata.is_normalized("NFC", text)
    except UnicodeError:  # pragma: no cover - lone surrogates are handled as special
        return False


class _Builder:
    """Walks the original once, writing the view and the anchors of the map."""

    def __init__(self, original: str, *, compose: bool) -> None:
        self.original = original
        self.compose = compose
        self.parts: list[str] = []
        self.anchors: list[int] = []
        self.shifts: list[int] = []
        self.composed: dict[int, tuple[int, int]] = {}
        self.view_len = 0

    def build(self) -> NormalizedText:
        pos = 0
        for m in _IRREGULAR.finditer(self.original):
            self._copy(pos, m.start())
            piece = m.group()
            if piece[0] in REMOVED:
                self._anchor(m.end())
            else:
                self._emit("\ufffd" if "\ud800" <= piece <= "\udfff" else " ")
            pos = m.end()
        self._copy(pos, len(self.original))
        return NormalizedText(self.original, "".join(self.parts), tuple(self.anchors), tuple(self.shifts), self.composed)

    def _anchor(self, original_pos: int) -> None:
        """From the next view character on, original = view + this shift."""
        shift = original_pos - self.view_len
        if self.anchors and self.anchors[-1] == self.view_len:
            self.shifts[-1] = shift
        elif shift != (self.shifts[-1] if self.shifts else 0):
            self.anchors.append(self.view_len)
            self.shifts.append(shift)

    def _emit(self, piece: str) -> None:
        self.parts.append(piece)
        self.view_len += len(piece)

    def _copy(self, start: int, end: int) -> None:
        """Copy ``original[start:end]``, composing combining sequences if needed."""
        chunk = self.original[start:end]
        if not chunk:
            return
        if not self.compose or _is_nfc(chunk):
            self._emit(chunk)
            return
        for cluster_start, cluster in _clusters(chunk):
            nfc = unicodedata.normalize("NFC", cluster)
            if nfc == cluster:
                self._emit(cluster)
                continue
            a, b = start + cluster_start, start + cluster_start + len(cluster)
            for k in range(len(nfc)):
                self.composed[self.view_len + k] = (a, b)
            self._emit(nfc)
            self._anchor(b)


def _clusters(chunk: str):  # noqa: ANN202 - a generator of (offset, cluster)
    """A starter with the combining characters after it, with its offset.

    >>> list(_clusters("ab\\u0301c"))
    [(0, 'a'), (1, 'b\\u0301'), (3, 'c')]
    """
    start = 0
    for i in range(1, len(chunk) + 1):
        if i == len(chunk) or not unicodedata.combining(chunk[i]):
            yield start, chunk[start:i]
            start = i
