"""Datelines at the start of a text: "МОСКВА, 25 ноября. /ТАСС/.", "MOSCOW, Nov 25
(Reuters) -", "26 ноября, Минск /Корр. БЕЛТА/.", a date line of a release page."""
from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from .expression import DateExpression, Dateline, Span


_PLACE_WORD = r"(?:[A-ZА-ЯЁ][A-Za-zА-Яа-яЁё]{0,2}\.(?=[ ][A-ZА-ЯЁ])|[A-ZА-ЯЁ][\w'’\u2010-]{0,40})"
_PLACE = f"(?P<place>{_PLACE_WORD}(?:[ ]{_PLACE_WORD}){{0,3}})"
_PLACE_FIRST = re.compile(f"[ \\t]*{_PLACE}[ \\t]*[,.][ \\t]*")
# "Presidential Palace, Hanoi, Vietnam, Tuesday 15 March 2022 –": places separated by
# commas, maybe a weekday, then the date (the place is the chain; its city is linked)
_PLACE_CHAIN = re.compile(
    f"[ \\t]*(?P<place>{_PLACE_WORD}(?:[ ]{_PLACE_WORD}){{0,3}}(?:,[ \\t]*{_PLACE_WORD}(?:[ ]{_PLACE_WORD}){{0,3}}){{1,3}})"
    f"[ \\t]*,[ \\t]*(?:[A-ZА-ЯЁ][a-zа-яё]{{2,10}},?[ \\t]+)?"
)
_AFTER_DATE = re.compile("[ \\t]*[.,]?[ \\t]*(?:[/(]|--|[\\u2010-\\u2015]|-[ \\t]|[A-ZА-ЯЁ]{3,})")
_AFTER_PLACE = re.compile(f",[ \\t]*{_PLACE}[ \\t]*(?:[/(]|[.,][ \\t]*[/(]|--|[\\u2010-\\u2015])")
_DATE_ONLY_END = re.compile("[ \\t]*[.,]?[ \\t]*[/(]")
_DATE_LINE_END = re.compile(r"[ \t]*(?:,?[ \t]*\d{1,2}:\d{2}(?::\d{2})?)?[ \t]*(?:\n|\Z)")
_PLACE_ONLY = re.compile(
    f"[ \\t]*{_PLACE}(?:,[ \\t]*[A-ZА-ЯЁ][\\w .'’-]{{0,40}}?)?[ \\t]*[(/][\\w .&'’-]{{2,40}}[)/][ \\t]*(?:--|[-\\u2010-\\u2015])"
)
_DATELINE_REACH = 200


def _place_only(text: str, lang: str, pos: int, reach: int) -> Dateline | None:
    """"RIYADH, Saudi Arabia (AP) —": a place and an agency, no date."""
    m = _PLACE_ONLY.match(text, pos, reach)
    return _dateline(text, None, _span(text, m, "place")) if m else None


def _span(text: str, m: re.Match, group: str) -> Span:
    return Span(m.start(group), m.end(group), text[m.start(group):m.end(group)])


def _dateline(text: str, date: DateExpression | None, place: Span | None) -> Dateline:
    parts = [p for p in (date, place) if p is not None]
    start, end = min(p.start for p in parts), max(p.end for p in parts)
    return Dateline(date, place, start, end, text[start:end])


def _line_starts(text: str, max_lines: int) -> Iterator[int]:
    """Offsets of the first ``max_lines`` non-blank lines.

    >>> list(_line_starts("a\\n\\n  \\nb\\nc", 2))
    [0, 6]
    """
    pos, seen = 0, 0
    while pos <= len(text) and seen < max_lines:
        nl = text.find("\n", pos)
        nl = len(text) if nl == -1 else nl
        if text[pos:nl].strip():
            seen += 1
            yield pos
        pos = nl + 1


class DatelineFinder:
    """Dateline styles tried in order at each of the first lines of a text, over the
    date expressions that ``find(text, lang, start, end)`` returns.

    ``could_start(text, lang, start, end)``, when given, tells cheaply that no
    expression can begin at ``start`` (no search is then made). One finder serves
    one text: the date at each place is looked for once (several styles ask)."""

    def __init__(self, find: Callable[..., list[DateExpression]], could_start: Callable[..., bool] | None = None) -> None:
        self._find = find
        self._could_start = could_start
        self._first_dates: dict[tuple[int, int], DateExpression | None] = {}  # at most 2 per line tried

    def find(self, text: str, lang: str, *, max_lines: int = 8) -> Dateline | None:
        for line_start in _line_starts(text, max_lines):
            found = next(self._datelines_at(text, lang, line_start), None)
            if found is not None:
                return found
        return None

    def _datelines_at(self, text: str, lang: str, pos: int) -> Iterator[Dateline]:
        """Dateline styles tried in order at one line start."""
        reach = min(len(text), pos + _DATELINE_REACH)
        for style in (self._place_first, self._place_chain, self._date_first, _place_only, self._date_line):
            found = style(text, lang, pos, reach)
            if found is not None:
                yield found

    def _first_date(self, text: str, lang: str, pos: int, reach: int) -> DateExpression | None:
        """The day-precision date starting exactly at ``pos`` (after spaces)."""
        pos += len(text[pos:reach]) - len(text[pos:reach].lstrip(" \t"))
        if (pos, reach) not in self._first_dates:
            self._first_dates[pos, reach] = self._date_at(text, lang, pos, reach)
        return self._first_dates[pos, reach]

    def _date_at(self, text: str, lang: str, pos: int, reach: int) -> DateExpression | None:
        if self._could_start is not None and not self._could_start(text, lang, pos, reach):
            return None
        exprs = self._find(text, lang, pos, reach)
        first = exprs[0] if exprs else None
        return first if first is not None and first.start == pos and first.kind == "date" else None

    def _place_first(self, text: str, lang: str, pos: int, reach: int) -> Dateline | None:
        """"МОСКВА, 25 ноября. /ТАСС/.", "MINSK. October 30. KAZINFORM"."""
        head = _PLACE_FIRST.match(text, pos, reach)
        date = self._first_date(text, lang, head.end(), reach) if head else None
        if date is None or not _AFTER_DATE.match(text, date.end, reach):
            return None
        return _dateline(text, date, _span(text, head, "place"))

    def _place_chain(self, text: str, lang: str, pos: int, reach: int) -> Dateline | None:
        """"Presidential Palace, Hanoi, Vietnam, Tuesday 15 March 2022 –": several
        places, maybe a weekday, a date, then a dash or an agency."""
        head = _PLACE_CHAIN.match(text, pos, reach)
        date = self._first_date(text, lang, head.end(), reach) if head else None
        if date is None or not _AFTER_DATE.match(text, date.end, reach):
            return None
        return _dateline(text, date, _span(text, head, "place"))

    def _date_first(self, text: str, lang: str, pos: int, reach: int) -> Dateline | None:
        """"26 ноября, Минск /Корр. БЕЛТА/.", or "26 ноября /БЕЛТА/" with no place."""
        date = self._first_date(text, lang, pos, reach)
        if date is None:
            return None
        place = _AFTER_PLACE.match(text, date.end, reach)
        if place is None and not _DATE_ONLY_END.match(text, date.end, reach):
            return None
        return _dateline(text, date, _span(text, place, "place") if place else None)


    def _date_line(self, text: str, lang: str, pos: int, reach: int) -> Dateline | None:
        """A line that holds only a full date, maybe with a time: "February 10, 2025,
        18:30", "APRIL 02, 2024" (release pages), with no place."""
        date = self._first_date(text, lang, pos, reach)
        if date is None or date.year is None or not _DATE_LINE_END.match(text, date.end):
            return None
        return _dateline(text, date, None)
