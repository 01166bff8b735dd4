"""displaCy views of a result: triggers and arguments as spans, one colour per event type.

:func:`render` gives the *manual* markup that ``displacy.render(..., style="span",
manual=True)`` accepts; :func:`render_html` the finished HTML page (what
``diplo-extract extract FILE --displacy out.html`` writes).

Tokens are the text's whitespace-separated words, cut again at every span
boundary, so each span covers whole tokens and starts and ends where the
result's offsets say. displaCy shows tokens separated by single spaces (line
breaks are not kept). Each span's label is ``<type>:<role>`` and its ``kb_id`` the
event id with the normalized value (``e1 BLR``); both are HTML-escaped here,
because displaCy does not escape them.

>>> from diplo_extract.schema import DocumentResult, Event, PartyArg, Span
>>> result = DocumentResult(id="d1", lang="en", text="Lavrov met Wang in Beijing.", events=[
...     Event(id="e1", type="meeting", status="occurred", mentions=[Span(start=7, end=10, text="met")],
...           parties=[PartyArg(code="CHN", spans=[Span(start=19, end=26, text="Beijing")])])])
>>> markup = render(result)
>>> markup["tokens"]
['Lavrov', 'met', 'Wang', 'in', 'Beijing', '.']
>>> [(s["label"], s["start_token"], s["end_token"], s["kb_id"]) for s in markup["spans"]]
[('meeting:trigger', 1, 2, 'e1'), ('meeting:parties', 4, 5, 'e1 CHN')]
"""
from __future__ import annotations

import html
import re
from bisect import bisect_left
from collections.abc import Iterable

from .errors import Errors, InputError
from .event_spans import ROLES, EventSpan, event_spans
from .schema import EVENT_TYPES, DocumentResult

__all__ = ["STYLES", "TYPE_COLORS", "render", "render_html", "span_colors"]

STYLES: tuple[str, ...] = ("span",)
TYPE_COLORS: dict[str, str] = {
    "meeting": "#7aecec", "phone_call": "#bfeeb7", "visit": "#feca74", "signing": "#ff9561", "adoption": "#aa9cfc",
}
_WORD = re.compile(r"\S+")


def render(result: DocumentResult, style: str = "span") -> dict:
    """The displaCy manual markup of ``result``'s events.

    Raises:
        InputError: ``style`` is not one of :data:`STYLES` (E060).
    """
    if style not in STYLES:
        raise InputError(Errors.E060.format(style=style, known=", ".join(STYLES)))
    items = event_spans(result)
    tokens = _tokens(result.text, items)
    starts = [start for start, _ in tokens]
    spans = [_span_markup(item, bisect_left(starts, item.start), bisect_left(starts, item.end)) for item in items]
    return {
        "text": result.text,
        "tokens": [result.text[start:end] for start, end in tokens],
        "spans": [s for s in spans if s["end_token"] > s["start_token"]],  # a whitespace-only span shows nothing
        "title": html.escape(_title(result)),
        "settings": {"lang": result.lang, "direction": "ltr"},
    }


def span_colors() -> dict[str, str]:
    """displaCy ``colors`` option: every ``<type>:<role>`` label in its type's colour."""
    return {f"{kind}:{role}": TYPE_COLORS[kind] for kind in EVENT_TYPES for role in ROLES}


def render_html(results: Iterable[DocumentResult], *, page: bool = True) -> str:
    """HTML of the results' events through ``displacy.render`` (a full page by default)."""
    from spacy import displacy

    markup = [render(result) for result in results]
    return displacy.render(markup, style="span", manual=True, page=page, jupyter=False, options={"colors": span_colors()})


def _tokens(text: str, items: list[EventSpan]) -> list[tuple[int, int]]:
    """(start, end) of each word of ``text``, cut at every span boundary."""
    cuts = sorted({offset for item in items for offset in (item.start, item.end)})
    tokens = []
    for word in _WORD.finditer(text):
        inner = [c for c in cuts[bisect_left(cuts, word.start() + 1):bisect_left(cuts, word.end())]]
        edges = [word.start(), *inner, word.end()]
        tokens.extend(zip(edges, edges[1:], strict=False))
    return tokens


def _span_markup(item: EventSpan, start_token: int, end_token: int) -> dict:
    kb_id = item.event_id if item.value is None else f"{item.event_id} {item.value}"
    return {"start": item.start, "end": item.end, "start_token": start_token, "end_token": end_token,
            "label": item.label, "kb_id": html.escape(kb_id), "kb_url": "#"}


def _title(result: DocumentResult) -> str:
    head = f"{result.id or '—'} · {result.lang} · published {result.published or '—'} · {len(result.events)} events"
    return head if result.error is None else f"{head} · error: {result.error}"
