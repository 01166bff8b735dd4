"""Where a happening sits on the timeline: its lane (the organization, else the
party pair) and its hover text (what it is, and the reports it comes from).

>>> lane_of(["CHN", "RUS", "SCO"]), lane_of(["USA", "PAK"]), lane_of(["RUS"]), lane_of([])
('SCO', 'PAK–USA', 'RUS', '(no party)')
"""
from __future__ import annotations

import html
from collections.abc import Sequence

from ..happenings.model import Happening
from ..normalize import SURROGATE
from ..schema import ORG_CODES

__all__ = ["lane_of", "hover_text", "NO_PARTY", "SOURCES_SHOWN"]

NO_PARTY = "(no party)"
SOURCES_SHOWN = 8


def lane_of(codes: Sequence[str]) -> str:
    """The lane of a happening with these party codes: its organization (the first in
    alphabetical order when several), else its states sorted and joined by ``–`` (a
    pair, or a group of three or more), else :data:`NO_PARTY`."""
    organizations = sorted(c for c in codes if c in ORG_CODES)
    if organizations:
        return organizations[0]
    states = sorted(set(codes))
    return "–".join(states) if states else NO_PARTY


def hover_text(happening: Happening) -> str:
    """Plotly hover markup of a happening: type, status, days, arguments, then each
    source report (document, event, publication day, status, trigger). Every value
    from the documents is HTML-escaped."""
    h = happening
    days = f"{h.start}" if h.start == h.end else f"{h.start} – {h.end}"
    lines = [f"<b>{h.type} · {h.status}</b>  {h.id}", days + (" (no date: publication days)" if h.date_inferred else "")]
    if h.location is not None:
        lines.append("place: " + _esc(h.location.name))
    if h.parties:
        lines.append("parties: " + _esc(", ".join(p.code for p in h.parties)))
    if h.persons:
        lines.append("persons: " + _esc(", ".join(p.name for p in h.persons)))
    if h.document is not None:
        lines.append(f"document: {_esc(h.document.kind)}: {_esc(_cut(h.document.title, 80))}")
    lines.append(f"sources ({len(h.members)}):")
    for member in h.members[:SOURCES_SHOWN]:
        trigger = member.mentions[0].text if member.mentions else ""
        lines.append(f"  {_esc(member.document)} #{member.event} · {member.published or '—'} · {member.status} · «{_esc(_cut(trigger, 40))}»")
    if len(h.members) > SOURCES_SHOWN:
        lines.append(f"  … and {len(h.members) - SOURCES_SHOWN} more")
    return "<br>".join(lines)


def _cut(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _esc(value: str) -> str:
    return html.escape(SURROGATE.sub("\ufffd", value), quote=False)
