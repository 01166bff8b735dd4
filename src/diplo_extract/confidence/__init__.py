"""Confidence for review queues: each event and argument gets a calibrated
``confidence`` in [0, 1] from the evidence behind it (:mod:`.features`), through the
table of ``models/confidence/calibration.yaml`` (:mod:`.calibration`), which
``benchmarks/calibrate.py`` fits on the dev fixtures (:mod:`.fitting`)."""
from .calibration import CalibrationTable, ScoreBin, Scorer, check_threshold, drop_below, load_calibration
from .features import ROLES, argument_features, arguments, event_features

__all__ = [
    "ROLES", "CalibrationTable", "ScoreBin", "Scorer", "argument_features", "arguments", "check_threshold", "drop_below",
    "event_features", "load_calibration",
]
