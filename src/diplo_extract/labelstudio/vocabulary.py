"""The names shared by the labeling config (``models/labelstudio/config.xml``), the
task writer and the export reader: controls, region labels, value formats and
Label Studio's character offsets."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

TEXT = "text"  # the <Text> object
LABELS = "label"  # <Labels>: the role of a region
TYPE, STATUS, KIND = "type", "status", "kind"  # per-region <Choices>
VALUE, PERIOD, UNANCHORED = "value", "period", "unanchored"  # per-region <TextArea>

TRIGGER = "trigger"
# region label -> the event's field it fills
ROLE_FIELDS: dict[str, str] = {"date": "date", "location": "location", "person": "persons", "party": "parties", "document": "document"}
VALUE_KEYS = {"date": "value", "location": "name", "person": "name", "party": "code"}  # where the normalized value sits
UNANCHORED_LINE = re.compile(r"^\s*(?P<role>date|location|person|party)(?:\s+(?P<position>\d+))?\s*:\s*(?P<value>\S.*?)\s*$")
PERIOD_TEXT = re.compile(r"^\s*(?P<start>\d{4})(?:\s*-\s*(?P<end>\d{4}))?\s*$")


def period_text(period: dict | None) -> str | None:
    """A document's period as annotators write it.

    >>> period_text({"start": 2021, "end": 2021}), period_text({"start": 2021, "end": 2023}), period_text(None)
    ('2021', '2021-2023', None)
    """
    if period is None:
        return None
    return str(period["start"]) if period["start"] == period["end"] else f"{period['start']}-{period['end']}"


def parse_period(text: str) -> dict | None:
    """The period an annotator wrote, or None when it is not ``YYYY`` or ``YYYY-YYYY``.

    >>> parse_period("2021"), parse_period(" 2021 - 2023 "), parse_period("next year")
    ({'start': 2021, 'end': 2021}, {'start': 2021, 'end': 2023}, None)
    """
    match = PERIOD_TEXT.match(text)
    if match is None:
        return None
    start = int(match["start"])
    return {"start": start, "end": int(match["end"] or start)}


@dataclass(frozen=True)
class Utf16Offsets:
    """Label Studio counts characters as JavaScript does (UTF-16 code units);
    event-format spans count code points. Both agree unless the text holds
    characters outside the Basic Multilingual Plane (emoji, some CJK).

    >>> o = Utf16Offsets("a😀b")
    >>> o.to_ls(2), o.from_ls(3), o.from_ls(2) is None
    (3, 2, True)
    """

    text: str

    @cached_property
    def _units(self) -> list[int] | None:
        """The UTF-16 offset of each code-point offset (0..len), or None when they are equal."""
        if all(ord(ch) <= 0xFFFF for ch in self.text):
            return None
        units = [0]
        for ch in self.text:
            units.append(units[-1] + (2 if ord(ch) > 0xFFFF else 1))
        return units

    @cached_property
    def _points(self) -> dict[int, int]:
        return {unit: point for point, unit in enumerate(self._units or ())}

    def to_ls(self, offset: int) -> int:
        """A code-point offset as a UTF-16 one."""
        return offset if self._units is None else self._units[offset]

    def from_ls(self, offset: int) -> int | None:
        """A UTF-16 offset as a code-point one; None inside a surrogate pair or out of the text."""
        if self._units is None:
            return offset if 0 <= offset <= len(self.text) else None
        return self._points.get(offset)
