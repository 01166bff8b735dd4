"""The timeline of happenings: one self-contained HTML page (plotly, its JavaScript
embedded, so it works offline): one lane per organization or party pair, one marker
per happening at its first day (a line to its last day), coloured by type, shaped by
status, with a hover listing its arguments and sources.

Needs the optional extra ``view`` (plotly); without it, :class:`MissingExtraError` E100.
"""
from __future__ import annotations

import html
from collections import defaultdict
from collections.abc import Iterable, Iterator
from pathlib import Path

from pydantic import ValidationError

from ..errors import DiploExtractError, Errors, MissingExtraError
from ..jsonl import json_lines
from ..happenings.model import Happening
from ..rendering import TYPE_COLORS
from ..schema import EVENT_TYPES, STATUSES
from .lanes import hover_text, lane_of

__all__ = ["timeline_page", "read_happenings", "require_view_extra", "write_timeline", "STATUS_SYMBOLS", "DIV_ID"]

STATUS_SYMBOLS: dict[str, str] = {"occurred": "circle", "planned": "diamond", "cancelled": "x"}
DIV_ID = "diplo-timeline"
_STACK = (0.0, 0.2, -0.2, 0.4, -0.4)  # vertical offsets of the happenings of one lane on one day, in turn


def require_view_extra(feature: str):  # noqa: ANN201 - the plotly.graph_objects module
    """``plotly.graph_objects``, or E100 naming ``feature`` when plotly is missing."""
    try:
        import plotly.graph_objects as go
    except ImportError as exc:
        raise MissingExtraError(Errors.E100.format(feature=feature, detail=exc)) from None
    return go


def read_happenings(path: str) -> Iterator[Happening]:
    """The happenings of a JSONL file written by ``diplo-extract merge``.

    Raises:
        DiploExtractError: E030 (unreadable), E104 (a line that is not a happening).
    """
    for n, data in json_lines(path, Errors.E104):
        yield _happening(data, path, n)


def _happening(data: dict, path: str, n: int) -> Happening:
    try:
        return Happening.model_validate(data)
    except ValidationError as exc:
        problem = exc.errors()[0]
        where = ".".join(str(p) for p in problem["loc"]) or "the record"
        raise DiploExtractError(Errors.E104.format(path=path, line=n, detail=f"{where}: {problem['msg']}")) from None


def timeline_page(happenings: Iterable[Happening], *, title: str | None = None) -> str:
    """The timeline page of ``happenings`` (a whole HTML page, plotly.js inline).

    Happenings without a first day (no date and no publication date) have no place on
    the axis: the title counts them. The same happenings give the same bytes.

    Raises:
        MissingExtraError: E100 when plotly is not installed.
    """
    go = require_view_extra("the timeline")
    placed, unplaced = _placed(happenings)
    lanes = sorted({lane_of([p.code for p in h.parties]) for h in placed})
    rows = _rows(placed, lanes)
    fig = go.Figure()
    for trace in _traces(go, placed, rows):
        fig.add_trace(trace)
    fig.update_layout(**_layout(placed, unplaced, lanes, title))
    page = fig.to_html(include_plotlyjs=True, full_html=True, div_id=DIV_ID, config={"displaylogo": False, "responsive": True})
    return page.replace("<head>", f"<head>\n    <title>{_plain(title or 'Happenings')} · timeline</title>", 1)


def _placed(happenings: Iterable[Happening]) -> tuple[list[Happening], int]:
    placed, unplaced = [], 0
    for h in happenings:
        if h.start is None:
            unplaced += 1
        else:
            placed.append(h)
    placed.sort(key=lambda h: (h.start, h.end, h.type, h.id))
    return placed, unplaced


def _rows(placed: list[Happening], lanes: list[str]) -> dict[str, float]:
    """The y of each happening: its lane's row, stacked when a lane has several on one day."""
    index = {lane: n for n, lane in enumerate(lanes)}
    taken: dict[tuple[str, object], int] = defaultdict(int)
    rows = {}
    for h in placed:
        lane = lane_of([p.code for p in h.parties])
        k = taken[(lane, h.start)]
        taken[(lane, h.start)] += 1
        rows[h.id] = index[lane] + _STACK[k % len(_STACK)]
    return rows


def _traces(go, placed: list[Happening], rows: dict[str, float]) -> Iterator:  # noqa: ANN001 - plotly.graph_objects
    """A line per multi-day happening (no hover), then one marker trace per type and status."""
    spans = [h for h in placed if h.end is not None and h.end > h.start]
    if spans:
        xs, ys = [], []
        for h in spans:
            xs += [h.start.isoformat(), h.end.isoformat(), None]
            ys += [rows[h.id], rows[h.id], None]
        yield go.Scatter(x=xs, y=ys, mode="lines", line={"color": "#9aa3b2", "width": 3}, hoverinfo="skip",
                         showlegend=False, name="days")
    for kind in EVENT_TYPES:
        for status in STATUSES:
            group = [h for h in placed if h.type == kind and h.status == status]
            if group:
                yield go.Scatter(
                    x=[h.start.isoformat() for h in group], y=[rows[h.id] for h in group], mode="markers",
                    name=f"{kind} · {status}", legendgroup=kind, customdata=[h.id for h in group],
                    hovertext=[hover_text(h) for h in group], hoverinfo="text",
                    marker={"color": TYPE_COLORS[kind], "symbol": STATUS_SYMBOLS[status], "size": 14,
                            "line": {"color": "#1d2433", "width": 1.5}})


def _layout(placed: list[Happening], unplaced: int, lanes: list[str], title: str | None) -> dict:
    head = title or "Happenings"
    told = f"{len(placed)} happening{'s' * (len(placed) != 1)} in {len(lanes)} lane{'s' * (len(lanes) != 1)}"
    if placed:
        told += f", {placed[0].start} – {max(h.end or h.start for h in placed)}"
    if unplaced:
        told += f"; {unplaced} without a day not shown"
    return {
        "title": {"text": f"{_plain(head)}<br><sup>{told}</sup>"},
        "height": 200 + 46 * max(len(lanes), 1), "template": "plotly_white", "hovermode": "closest",
        "hoverlabel": {"align": "left", "bgcolor": "#ffffff", "font": {"size": 12}},
        "xaxis": {"type": "date", "title": {"text": "first day"}},
        "yaxis": {"tickmode": "array", "tickvals": list(range(len(lanes))), "ticktext": lanes, "title": {"text": "organization or parties"}, "autorange": "reversed" if lanes else None},
        "legend": {"title": {"text": "type · status"}},
        "margin": {"l": 140, "r": 30, "t": 80, "b": 50},
        "annotations": [] if placed else [{"text": "no happenings", "showarrow": False, "x": 0.5, "y": 0.5, "xref": "paper", "yref": "paper"}],
    }


def _plain(text: str) -> str:
    return html.escape(text, quote=False)


def write_timeline(happenings: Iterable[Happening], path: str | Path, *, title: str | None = None) -> None:
    """Write :func:`timeline_page` of ``happenings`` to ``path`` (UTF-8)."""
    Path(path).write_text(timeline_page(happenings, title=title), encoding="utf-8")
