"""Light constants that the command line needs before anything heavy loads (its
``--help`` must not import pydantic models, natasha or spaCy)."""
from __future__ import annotations

from typing import Literal

MAX_CHARS = 20_000_000  # longer texts are refused with E025
EventType = Literal["meeting", "phone_call", "visit", "signing", "adoption"]
EVENT_TYPES: tuple[str, ...] = EventType.__args__
