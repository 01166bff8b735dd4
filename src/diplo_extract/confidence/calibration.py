"""The calibration table (``models/confidence/calibration.yaml``): for the event and
for each argument role, feature weights that give a raw score, and bins that map the
raw score to a calibrated confidence. It is data, written by
``benchmarks/calibrate.py`` from the ``dev`` fixtures, and validated here at load."""
from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from ..errors import Errors, ResourceError
from ..lexicon import read_yaml
from ..resources import models_dir
from ..schema import DocumentResult, Event
from .features import ROLES, Argument, Features, argument_features, arguments, event_features, known_feature

CALIBRATION_FILE = ("confidence", "calibration.yaml")


class ScoreBin(BaseModel):
    """Raw scores from ``above`` (inclusive; ``None``: the lowest bin) up to the next
    bin's ``above`` get ``confidence``."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    above: float | None
    confidence: float = Field(ge=0, le=1)
    count: int = Field(default=0, ge=0, description="dev examples in the bin (for the record)")


class Scorer(BaseModel):
    """A linear score over named features, then bins to a calibrated confidence."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    bias: float = 0.0
    weights: dict[str, float] = Field(default_factory=dict)
    bins: list[ScoreBin] = Field(min_length=1)

    @field_validator("bins")
    @classmethod
    def _ordered(cls, bins: list[ScoreBin]) -> list[ScoreBin]:
        if bins[0].above is not None or any(b.above is None for b in bins[1:]):
            raise ValueError("the first bin (and only it) has above: null")
        edges = [b.above for b in bins[1:]]
        if any(a >= b for a, b in zip(edges, edges[1:])):
            raise ValueError(f"bin edges must increase: {edges}")
        levels = [b.confidence for b in bins]
        if any(a > b for a, b in zip(levels, levels[1:])):
            raise ValueError(f"confidence must not fall as the score rises: {levels}")
        return bins

    def raw(self, features: Features) -> float:
        """The raw score: bias plus the weighted features (unknown ones weigh 0)."""
        return self.bias + sum(self.weights.get(name, 0.0) * value for name, value in sorted(features.items()))

    def confidence(self, raw: float) -> float:
        """The confidence of the bin that ``raw`` falls in."""
        level = self.bins[0].confidence
        for b in self.bins[1:]:
            if raw < b.above:  # type: ignore[operator] - only the first bin's edge is None
                break
            level = b.confidence
        return level


class CalibrationTable(BaseModel):
    """One scorer for events and one per argument role."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    note: str = ""
    event: Scorer
    roles: dict[str, Scorer]

    @model_validator(mode="after")
    def _complete(self) -> CalibrationTable:
        missing, extra = sorted(set(ROLES) - set(self.roles)), sorted(set(self.roles) - set(ROLES))
        if missing or extra:
            raise ValueError(f"roles must be exactly {list(ROLES)} (missing {missing}, unknown {extra})")
        for role, scorer in [("event", self.event), *self.roles.items()]:
            unknown = sorted(n for n in scorer.weights if not known_feature(role, n))
            if unknown:
                raise ValueError(f"{role}: unknown features {unknown}")
        return self

    def score_event(self, event: Event, text_length: int) -> Event:
        """``event`` with the confidence of itself and of each of its arguments."""
        raw = self.event.raw(event_features(event, text_length))
        scored = {"date": None, "location": None, "document": None, "person": [], "party": []}
        for role, arg in arguments(event):
            level = self.roles[role].confidence(self.roles[role].raw(argument_features(role, arg, event, raw)))
            value = arg.model_copy(update={"confidence": level})
            if role in ("person", "party"):
                scored[role].append(value)
            else:
                scored[role] = value
        return event.model_copy(update={
            "confidence": self.event.confidence(raw), "date": scored["date"], "location": scored["location"],
            "document": scored["document"], "persons": scored["person"], "parties": scored["party"],
        })

    def score_events(self, events: Sequence[Event], text_length: int) -> list[Event]:
        """Each of ``events`` scored (see :meth:`score_event`)."""
        return [self.score_event(e, text_length) for e in events]


def load_calibration(root: str | Path | None = None) -> CalibrationTable:
    """The calibration table of the models folder ``root``, or the packaged one when
    ``root`` is None or has none (a folder copied before confidence existed).

    Raises:
        ResourceError: E120 when the table is not valid.
    """
    path = models_dir(root).joinpath(*CALIBRATION_FILE)
    if root is not None and not path.exists():
        path = models_dir().joinpath(*CALIBRATION_FILE)
    return read_table(path)


def read_table(path: Path) -> CalibrationTable:
    """The calibration table in the YAML file ``path``.

    Raises:
        ResourceError: E120 when it is missing or not valid.
    """
    if not path.exists():
        raise ResourceError(Errors.E120.format(path=path, detail="no such file; run benchmarks/calibrate.py"))
    data = read_yaml(path)
    try:
        return CalibrationTable.model_validate(data or {})
    except ValidationError as exc:
        detail = "; ".join(f"{'.'.join(str(p) for p in e['loc']) or 'table'}: {e['msg']}" for e in exc.errors()[:5])
        raise ResourceError(Errors.E120.format(path=path, detail=detail)) from None


def drop_below(result: DocumentResult, threshold: float) -> DocumentResult:
    """``result`` without the events whose confidence is below ``threshold`` (an event
    without a confidence is kept); the kept events keep their ids."""
    kept = [e for e in result.events if e.confidence is None or e.confidence >= threshold]
    return result if len(kept) == len(result.events) else result.model_copy(update={"events": kept})


def check_threshold(value: float) -> float:
    """``value`` if it is a confidence threshold in [0, 1].

    Raises:
        InputError: E121 otherwise.
    """
    from ..errors import InputError

    if not 0.0 <= value <= 1.0:
        raise InputError(Errors.E121.format(value=value))
    return value


__all__ = ["Argument", "CalibrationTable", "ScoreBin", "Scorer", "check_threshold", "drop_below", "load_calibration", "read_table"]
