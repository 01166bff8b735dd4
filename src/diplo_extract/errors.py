"""Errors of diplo_extract. Every message starts with a code (``E001``) that the
README's troubleshooting section explains."""
from __future__ import annotations


class DiploExtractError(Exception):
    """Base class of every error raised on purpose by diplo_extract."""


class ResourceError(DiploExtractError):
    """A packaged or user resource is missing or invalid (raised at load time)."""


class InputError(DiploExtractError, ValueError):
    """The input to extraction cannot be used (bad date, bad record...)."""


class MissingExtraError(DiploExtractError, ImportError):
    """A feature needs an optional extra that is not installed (``pip install 'diplo_extract[dask]'``)."""


class Errors:
    """Coded message templates, formatted with ``.format(**kwargs)``."""

    E001 = "E001 models folder not found next to {here}"
    E002 = "E002 missing resource {path}"
    E010 = "E010 {path}: invalid {what} entry {entry}: {detail}"
    E011 = "E011 {path}: cannot parse: {detail}"
    E012 = "E012 {path}: unknown code {code!r} at {what} of entry {entry}: {detail}"
    E020 = "E020 text must be a str, got {type}"
    E021 = "E021 published must be a date between {low} and {high}, an ISO date string or None, got {value!r}"
    E022 = "E022 no date lexicon for language {lang!r} (loaded: {loaded})"
    E023 = "E023 unknown date expression kind {kind!r}"
    E024 = "E024 unknown stage name(s) to disable: {names} (stages: {known})"
    E025 = "E025 text of {length} characters is longer than max_chars={limit}"
    E026 = "E026 id must be a string or a number, got {type}"
    E027 = "E027 a record must be an object with a 'text' field, got {type}"
    E028 = "E028 text holds a UTF-16 surrogate pair as two code points at offset {offset}, which JSON cannot keep apart from the character they encode; decode it first (text.encode('utf-16', 'surrogatepass').decode('utf-16'))"
    E030 = "E030 cannot read {path}: {detail}"
    E031 = "E031 {path}:{line}: invalid record: {detail}"
    E032 = "E032 standard input is not UTF-8 text ({detail})"
    E040 = "E040 spaCy pipeline {name!r} cannot be loaded: {detail}"
    E050 = "E050 the worker process died on this record (killed or out of memory); the batch went on"
    E051 = "E051 internal error on this record: {kind}: {detail}"
    E060 = "E060 {feature} needs the optional extra {extra!r}: pip install 'diplo_extract[{extra}]' ({detail})"
    E061 = "E061 --dask must be local:N (N worker processes, N >= 1) or a scheduler address such as tcp://HOST:8786, got {value!r}"
    E062 = "E062 no input file matches {pattern!r}"
    E063 = "E063 cannot reach the Dask scheduler at {address}: {detail}"
    E064 = "E064 no Dask client: start one (distributed.Client(...)) before {what}, or pass client="
    E065 = "E065 the dataframe has no column {column!r} for {role} (columns: {columns})"
    E066 = "E066 --dask writes one output file per input shard into a folder: {detail}"
    E067 = "E067 shard {path} not written: {detail}"
