"""A readable summary of one :class:`~diplo_extract.schema.DocumentResult`.

One header line (id, language, publication date, number of events), the
document's error if it has one, then an aligned table with one line per event:
type, status, date, place, persons, parties and, for a signing or an adoption,
the document. Missing values show as "—"; long values are cut with "…". The
JSON output stays the complete record; this is for people reading a terminal.

>>> from diplo_extract.schema import DateArg, DocumentArg, DocumentResult, Event, LocationArg, PartyArg, PersonArg, Span
>>> said = [Span(start=0, end=4, text="talk")]
>>> result = DocumentResult(id="demo", lang="en", published="2020-11-26", text="...", events=[
...     Event(type="meeting", status="occurred", mentions=said,
...           date=DateArg(value="2020-11-26"), location=LocationArg(name="Minsk"),
...           persons=[PersonArg(name="Vladimir Makei"), PersonArg(name="Sergei Lavrov")],
...           parties=[PartyArg(code="BLR"), PartyArg(code="RUS")]),
...     Event(type="signing", status="planned", mentions=said,
...           document=DocumentArg(kind="plan", title="plan of consultations for 2021"),
...           parties=[PartyArg(code="BLR")]),
...     Event(type="phone_call", status="cancelled", mentions=said,
...           date=DateArg(value="2020-11-27/2020-11-28")),
... ])
>>> print(render_summary(result))
demo · en · published 2020-11-26 · 3 events
#  type        status     date                   place  persons                        parties   document
1  meeting     occurred   2020-11-26             Minsk  Vladimir Makei, Sergei Lavrov  BLR, RUS
2  signing     planned    —                      —      —                              BLR       plan: plan of consultations for 2021
3  phone_call  cancelled  2020-11-27/2020-11-28  —      —                              —

>>> print(render_summary(DocumentResult(lang="und", text="", error="E020 empty text")))
— · und · published — · 0 events
error: E020 empty text
"""
from __future__ import annotations

import re
import unicodedata

from .normalize import SURROGATE
from .schema import DOCUMENT_EVENT_TYPES, DocumentResult, Event

__all__ = ["ELLIPSIS", "NONE", "render_summary"]

NONE = "—"
ELLIPSIS = "…"
_GAP = "  "
# (header, the widest a cell may be); a column is as wide as its widest cell.
_COLUMNS: tuple[tuple[str, int], ...] = (
    ("#", 4), ("type", 10), ("status", 9), ("date", 21), ("place", 24),
    ("persons", 40), ("parties", 24), ("document", 72),
)
_UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]+")


def render_summary(result: DocumentResult) -> str:
    """The summary of ``result`` as lines of text, without a final newline.

    Pure: the same result always gives the same string.

    >>> print(render_summary(DocumentResult(id="quiet", lang="ru", text="Погода.")))
    quiet · ru · published — · 0 events
    (no events)
    """
    lines = [_header(result)]
    if result.error:
        lines.append(f"error: {_clean(result.error)}")
    if result.events:
        lines += _table([_row(k, event) for k, event in enumerate(result.events, 1)])
    elif not result.error:
        lines.append("(no events)")
    return "\n".join(lines)


def _header(result: DocumentResult) -> str:
    count = len(result.events)
    published = result.published.isoformat() if result.published else NONE
    ident = _clean(result.id) if result.id else NONE
    return f"{ident} · {result.lang} · published {published} · {count} event{'' if count == 1 else 's'}"


def _row(number: int, event: Event) -> list[str]:
    date = event.date.value if event.date and event.date.value else None
    place = event.location.name if event.location else None
    document = None
    if event.type in DOCUMENT_EVENT_TYPES and event.document is not None:
        document = f"{event.document.kind}: {event.document.title}"
    return [
        str(number), event.type, event.status, date or NONE, place or NONE,
        ", ".join(p.name for p in event.persons) or NONE,
        ", ".join(p.code for p in event.parties) or NONE,
        document or "",
    ]


def _table(rows: list[list[str]]) -> list[str]:
    """Header and rows, cells cleaned, cut to their column's limit and padded."""
    rows = [[_clean(cell) for cell in row] for row in rows]
    columns = list(_COLUMNS)
    if not any(row[-1] for row in rows):  # no document to show: no document column
        columns.pop()
        rows = [row[:-1] for row in rows]
    cut = [[_truncate(cell, limit) for cell, (_, limit) in zip(row, columns)] for row in rows]
    widths = [max(_width(line[i]) for line in [[h for h, _ in columns], *cut]) for i in range(len(columns))]
    return [_line(cells, widths) for cells in [[h for h, _ in columns], *cut]]


def _line(cells: list[str], widths: list[int]) -> str:
    return _GAP.join(cell + " " * (width - _width(cell)) for cell, width in zip(cells, widths)).rstrip()


def _clean(value: str) -> str:
    """One line of printable text: control characters and line breaks become
    spaces, runs of spaces one space, lone surrogates "\ufffd".

    >>> _clean("Sergei\\n  Lavrov\\x00")
    'Sergei Lavrov'
    >>> _clean("a\\ud83db")
    'a\ufffdb'
    """
    value = SURROGATE.sub("\ufffd", value)
    return " ".join(_UNPRINTABLE.sub(" ", value).split())


def _char_width(char: str) -> int:
    if unicodedata.combining(char) or unicodedata.category(char) == "Cf":
        return 0
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


def _width(text: str) -> int:
    """Columns the text takes in a terminal (wide East Asian characters take two).

    >>> _width("Minsk"), _width("Минск"), _width("天津")
    (5, 5, 4)
    """
    return sum(_char_width(c) for c in text)


def _truncate(text: str, limit: int) -> str:
    """``text`` cut to at most ``limit`` columns, ending in "…" when cut
    (a list cut after a comma does not keep the comma).

    >>> _truncate("Санто-Доминго", 20), _truncate("Санто-Доминго", 6), _truncate("天津市", 4)
    ('Санто-Доминго', 'Санто…', '天…')
    >>> _truncate("DOM, RUS, HTI", 7)
    'DOM, R…'
    >>> _truncate("DOM, RUS, HTI", 6)
    'DOM…'

    """
    if _width(text) <= limit:
        return text
    out, used = [], _width(ELLIPSIS)
    for char in text:
        used += _char_width(char)
        if used > limit:
            break
        out.append(char)
    return "".join(out).rstrip(" ,;") + ELLIPSIS
