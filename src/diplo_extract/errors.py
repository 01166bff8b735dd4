"""Errors of diplo_extract. Every message starts with a code (``E001``) that the
README's troubleshooting section explains."""
from __future__ import annotations


class DiploExtractError(Exception):
    """Base class of every error raised on purpose by diplo_extract."""


class ResourceError(DiploExtractError):
    """A packaged or user resource is missing or invalid (raised at load time)."""


class InputError(DiploExtractError, ValueError):
    """The input to extraction cannot be used (bad date, bad record...)."""


class Errors:
    """Coded message templates, formatted with ``.format(**kwargs)``."""

    E001 = "E001 models folder not found next to {here}"
    E002 = "E002 missing resource {path}"
    E010 = "E010 {path}: invalid {what} entry {entry}: {detail}"
    E011 = "E011 {path}: cannot parse: {detail}"
    E020 = "E020 text must be a str, got {type}"
    E021 = "E021 published must be a date, an ISO date string or None, got {value!r}"
    E022 = "E022 no date lexicon for language {lang!r} (loaded: {loaded})"
    E023 = "E023 unknown date expression kind {kind!r}"
    E024 = "E024 unknown stage name(s) to disable: {names} (stages: {known})"
    E030 = "E030 cannot read {path}: {detail}"
    E031 = "E031 {path}:{line}: invalid record: {detail}"
    E040 = "E040 spaCy pipeline {name!r} cannot be loaded: {detail}"
