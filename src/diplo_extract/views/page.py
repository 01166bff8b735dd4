"""One self-contained HTML page per document: the text with every trigger and
argument highlighted, and one card per event (its arguments, status and the rules
that gave them); clicking a card outlines its spans in the text.

Everything the result holds is HTML-escaped, so a text containing ``<script>`` shows
it as text; the page loads nothing (its Content-Security-Policy allows only its own
inline style and the one script whose hash it names), so it works offline.

>>> from diplo_extract.schema import DocumentResult, Event, Span
>>> result = DocumentResult(id="d1", lang="en", text="<b>Lavrov</b> met Wang.", events=[
...     Event(id="e1", type="meeting", status="occurred", mentions=[Span(start=14, end=17, text="met")])])
>>> html = document_page(result)
>>> '&lt;b&gt;Lavrov&lt;/b&gt; <mark class="seg t-meeting r-trigger" data-events="0" data-spans="0"' in html
True
"""
from __future__ import annotations

import base64
import hashlib
import html
from importlib.resources import files

from ..event_spans import EventSpan, event_spans
from ..normalize import SURROGATE
from ..rendering import TYPE_COLORS
from ..schema import DocumentResult, Event
from .segments import Segment, check_spans, segments

__all__ = ["document_page", "page_title"]


def document_page(result: DocumentResult) -> str:
    """The HTML page of one document result (a whole page, UTF-8, no external resource).

    Raises:
        InputError: E103 when a span of an event lies outside the text.
    """
    from .. import __version__

    spans = event_spans(result)
    check_spans(result.id or "—", result.text, spans)
    keys = _event_keys(result)
    js = _asset("page.js")
    slots = {
        "lang": _escape(result.lang), "version": __version__, "title": _escape(page_title(result)),
        "heading": _escape(result.id or "document"), "meta": _escape(_meta(result)), "notice": _notice(result),
        "legend": _legend(), "text": _text(result.text, spans, keys), "cards": _cards(result, keys),
        "css": _asset("page.css"), "js": js, "script_hash": _script_hash(js),
    }
    page = _asset("page.html")
    for name, value in slots.items():
        page = page.replace("{{" + name + "}}", value)
    return page


def page_title(result: DocumentResult) -> str:
    """``<id> · <lang> · published <date> · <n> events`` (the page's title)."""
    return f"{result.id or '—'} · {_meta(result)}"


def _meta(result: DocumentResult) -> str:
    count = len(result.events)
    return f"{result.lang} · published {result.published or '—'} · {count} event{'s' * (count != 1)}"


def _event_keys(result: DocumentResult) -> dict[str, str]:
    """The page's key of each event (its position), by the event id ``event_spans`` gives it."""
    return {event.id or f"e{n}": str(n - 1) for n, event in enumerate(result.events, 1)}


def _notice(result: DocumentResult) -> str:
    if result.error is not None:
        return f'<p class="notice" role="alert">error: {_escape(result.error)}</p>'
    return ""


def _legend() -> str:
    return "".join(f'<span class="swatch" style="background:{color}">{kind}</span>' for kind, color in TYPE_COLORS.items()) + \
        " <b><u>trigger</u></b> · click a card to outline its spans"


def _text(text: str, spans: list[EventSpan], keys: dict[str, str]) -> str:
    return "".join(_segment(text, piece, spans, keys) for piece in segments(text, spans))


def _segment(text: str, piece: Segment, spans: list[EventSpan], keys: dict[str, str]) -> str:
    body = _escape(text[piece.start:piece.end])
    if not piece.spans:
        return body
    covering = [spans[n] for n in piece.spans]
    role = "r-trigger" if any(s.role == "trigger" for s in covering) else "r-argument"
    events = " ".join(dict.fromkeys(keys[s.event_id] for s in covering))
    tip = "; ".join(f"{s.event_id} {s.label}" + (f" {s.value}" if s.value else "") for s in covering)
    color = TYPE_COLORS.get(covering[0].event_type, "#ddd")
    return (f'<mark class="seg t-{covering[0].event_type} {role}" data-events="{events}" '
            f'data-spans="{" ".join(map(str, piece.spans))}" style="background:{color}" title="{_escape(tip)}">{body}</mark>')


def _cards(result: DocumentResult, keys: dict[str, str]) -> str:
    if not result.events:
        return '<p class="empty">No events.</p>'
    return "\n".join(_card(event, event.id or f"e{n}", keys[event.id or f"e{n}"]) for n, event in enumerate(result.events, 1))


def _card(event: Event, event_id: str, key: str) -> str:
    color = TYPE_COLORS.get(event.type, "#ddd")
    rows = "".join(f"<dt>{name}</dt><dd>{value}</dd>" for name, value in _card_rows(event))
    evidence = f"<blockquote>{_escape(event.evidence.text)}</blockquote>" if event.evidence is not None else ""
    return (f'<article class="card" data-event="{key}" tabindex="0" role="button" aria-pressed="false" style="--type:{color}">'
            f'<h2><span class="badge">{event.type}</span> <span class="status">{event.status}</span> '
            f'<span class="rule">{_escape(event_id)}</span></h2><dl>{rows}</dl>{evidence}</article>')


def _card_rows(event: Event) -> list[tuple[str, str]]:
    """(label, HTML) for each value the event holds, with the rule that gave it."""
    rows = [("status rule", _rule(event.status_rule)),
            ("trigger", _escape(" · ".join(m.text for m in event.mentions)))]
    if event.date is not None:
        rows.append(("date", _escape(event.date.value or "—") + _rule(event.date.rule)))
    if event.location is not None:
        rows.append(("place", _escape(event.location.name) + _rule(event.location.rule)))
    if event.persons:
        rows.append(("persons", "<br>".join(_escape(p.name) + _rule(p.kb) for p in event.persons)))
    if event.role_holders:
        rows.append(("role holders", "<br>".join(_escape(p.name) for p in event.role_holders)))
    if event.parties:
        rows.append(("parties", "<br>".join(_escape(p.code) + _rule(p.rule) for p in event.parties)))
    if event.document is not None:
        period = f" ({event.document.period.start}–{event.document.period.end})" if event.document.period else ""
        rows.append(("document", f"{_escape(event.document.kind)}: {_escape(event.document.title)}{period}"))
    return rows


def _rule(rule: str | None) -> str:
    return f' <span class="rule">{_escape(rule)}</span>' if rule else ""


def _escape(value: str) -> str:
    """HTML-escaped, with lone surrogates (which UTF-8 cannot write) as U+FFFD, one
    character each, so the text keeps its length."""
    return html.escape(SURROGATE.sub("\ufffd", value), quote=True)


def _script_hash(js: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(js.encode("utf-8")).digest()).decode("ascii")


def _asset(name: str) -> str:
    return files(__package__).joinpath("assets", name).read_text(encoding="utf-8")
