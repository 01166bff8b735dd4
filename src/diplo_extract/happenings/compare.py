"""How alike two reports are: :func:`pair_score` gives points for what they share
(dates, parties, persons, place, document title) or None when they cannot be the
same happening (another type, the same document, days apart, other organizations,
no shared party, another document kind or period, an unrelated title).

Reports at or above :data:`SAME_HAPPENING` are candidates for one happening.

Points (see :func:`date_points` for the date's):

==========================  ==========================================================
parties                     2 × shared / the smaller list; −2 when each names a party
                            the other does not (two summits of one month in one city)
persons                     +1 for one shared person, +1.5 for two or more
place                       +1 for the same place (fuzzy, across scripts); −1.5 for
                            another place written in the same script
document title              +1.5 for a close title (signing, adoption)
==========================  ==========================================================
"""
from __future__ import annotations

from rapidfuzz import fuzz

from ..date_values import PRECISION_RANK
from .reports import INFERRED, Report

__all__ = ["SAME_HAPPENING", "pair_score", "date_points"]

SAME_HAPPENING = 3.5
SAME_PLACE = 85  # rapidfuzz ratio of the normalized names
OTHER_PLACE = 60
SAME_TITLE = 80  # token-set ratio of the normalized titles
OTHER_TITLE = 50
UNSPECIFIED_KIND = "other"


def pair_score(a: Report, b: Report) -> float | None:
    """The points of two reports being one happening, or None when they cannot be.

    Symmetric: ``pair_score(a, b) == pair_score(b, a)``.
    """
    if a.type != b.type or a.document == b.document:
        return None
    if a.window is None or b.window is None or not a.window.overlaps(b.window):
        return None
    parties = party_points(a, b)
    document = document_points(a, b)
    if parties is None or document is None:
        return None
    return date_points(a, b) + parties + person_points(a, b) + place_points(a, b) + document


def date_points(a: Report, b: Report) -> float:
    """3 for the same date value; 2.5 for a day inside a range; 2 for a day in a
    month or overlapping days; −0.5 inside a year (too loose: the parties meet often); 0.5 when a side has no date of its
    own (its days inferred from the publication date). Windows must overlap (the
    caller checks)."""
    if a.days is None or b.days is None or INFERRED in (a.window.precision, b.window.precision):
        return 0.5
    if a.date_value == b.date_value:
        return 3.0
    coarser = max(a.days.precision, b.days.precision, key=PRECISION_RANK.__getitem__)
    return {"day": 2.0, "range": 2.5, "month": 2.0, "year": -0.5}[coarser]


def party_points(a: Report, b: Report) -> float | None:
    """Points for shared parties; None when both name organizations and share
    none, or both name parties and share none."""
    if a.organizations and b.organizations and not a.organizations & b.organizations:
        return None
    if not a.parties or not b.parties:
        return 0.0
    shared = len(a.parties & b.parties)
    if not shared:
        return None
    points = 2.0 * shared / min(len(a.parties), len(b.parties))
    if a.parties - b.parties and b.parties - a.parties:
        points -= 2.0
    return points


def person_points(a: Report, b: Report) -> float:
    """+1 for one shared person (by knowledge-base key, else by surname), +1.5 for more."""
    shared = len(a.persons & b.persons)
    return 0.0 if not shared else 1.0 if shared == 1 else 1.5


def place_points(a: Report, b: Report) -> float:
    """+1 for the same place; −1.5 for another place in the same script; 0 otherwise."""
    if a.place is None or b.place is None:
        return 0.0
    if fuzz.ratio(a.place, b.place) >= SAME_PLACE:
        return 1.0
    if a.place_cyrillic == b.place_cyrillic and fuzz.ratio(a.place, b.place) < OTHER_PLACE:
        return -1.5
    return 0.0


def document_points(a: Report, b: Report) -> float | None:
    """For signings and adoptions: None for another kind, period or (same script)
    an unrelated title; +1.5 for a close title."""
    da, db = a.event.document, b.event.document
    if da is None or db is None:
        return 0.0
    if UNSPECIFIED_KIND not in (da.kind, db.kind) and da.kind != db.kind:
        return None
    if da.period is not None and db.period is not None and da.period != db.period:
        return None
    if a.title is None or b.title is None:
        return 0.0
    similarity = fuzz.token_set_ratio(a.title, b.title)
    if similarity >= SAME_TITLE:
        return 1.5
    if a.title_cyrillic == b.title_cyrillic and similarity < OTHER_TITLE:
        return None
    return 0.0
