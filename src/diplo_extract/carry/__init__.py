"""Document-level arguments: what the annotation guide carries across sentences.

Each rule is a stage of its own (``carry.<rule>``), run in this order: dates
resolved; meetings during a visit take its date and place; documents take date,
place, parties (and, when named by role, signatories) from their occasion (so a
signing after talks held during a visit gets the visit's city); group references ("the presidents") resolve to named persons;
after discourse, the persons a meeting held during a visit has gained join the visit;
persons give their parties; a visit's host state takes part; "the two countries" are the document's two
leading parties; participants' offices focus the parties; the dateline
dates and places past events; reference events without arguments of their own are
dropped. Any of them can be switched off by name for ablation.

The rules live by concern: :mod:`.base` (the interface and shared helpers),
:mod:`.dates` (own dates), :mod:`.occasions` (what is held at an occasion),
:mod:`.parties` (who takes part) and :mod:`.scope` (the dateline and what is no
event). This module gives their order."""
from __future__ import annotations

from .base import VISIT_REACH, CarryRule
from .dates import AHEAD_DAYS, ONGOING_RULES, WEAK_STATUS_RULES, OwnDates
from .occasions import CANCEL_REACH, INSIDE, OCCASION_REACH, Anchors, CancelledOccasions, Occasions, VisitHosts, Visits, Witnesses
from .parties import BothParties, FocusParties, Groups, HostParties, PersonParties
from .scope import LEAD_SENTENCES, DatelineCarry, DropReferences

# The private helpers stay importable from ``diplo_extract.carry`` as they were
# before the split (tests/test_carry.py uses them).
from ..assembly import date_within as _within  # noqa: F401
from .base import _city_in, _copy_place_and_date, _day, _distance, _near, _start  # noqa: F401
from .dates import _ahead, _last_day, _ongoing  # noqa: F401
from .occasions import (  # noqa: F401
    _dated_alike, _held_during, _hosts, _meetings_near_visits, _named_as_signing, _occasion, _same_slot, _same_stage,
    _take_occasion,
)
from .parties import _distinct, _last_pair, _leading_parties  # noqa: F401
from .scope import _crosses_border, _has_visitor, _lead_end, _same_day  # noqa: F401

__all__ = [
    "AFTER_DISCOURSE", "AHEAD_DAYS", "BEFORE_DISCOURSE", "CANCEL_REACH", "CARRY_RULES", "FIRST", "INSIDE",
    "LEAD_SENTENCES", "OCCASION_REACH", "ONGOING_RULES", "VISIT_REACH", "WEAK_STATUS_RULES",
    "Anchors", "BothParties", "CancelledOccasions", "CarryRule", "DatelineCarry", "DropReferences", "FocusParties",
    "Groups", "HostParties", "Occasions", "OwnDates", "PersonParties", "VisitHosts", "Visits", "Witnesses",
]

CARRY_RULES: tuple[type[CarryRule], ...] = (OwnDates, Witnesses, Visits, Occasions, Anchors, CancelledOccasions, Groups, VisitHosts, PersonParties, HostParties, BothParties, FocusParties, DatelineCarry, DropReferences)
# The discourse stage runs between these two groups: after group references, before
# persons give their parties.
FIRST = CARRY_RULES[:1]  # dates resolved; then the dates of following sentences (event_dates.FollowingDates, EventDurations)
BEFORE_DISCOURSE = CARRY_RULES[1 : CARRY_RULES.index(Groups) + 1]
AFTER_DISCOURSE = CARRY_RULES[CARRY_RULES.index(Groups) + 1 :]
