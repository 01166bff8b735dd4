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
    E029 = "E029 entities must be (start, end, label) with 0 <= start < end <= {length} and a str label, got {value!r}"
    E030 = "E030 cannot read {path}: {detail}"
    E031 = "E031 {path}:{line}: invalid record: {detail}"
    E032 = "E032 standard input is not UTF-8 text ({detail})"
    E040 = "E040 spaCy pipeline {name!r} cannot be loaded: {detail}"
    E050 = "E050 the worker process died on this record (killed or out of memory); the batch went on"
    E051 = "E051 internal error on this record: {kind}: {detail}"
    E060 = "E060 unknown displaCy style {style!r} (styles: {known})"
    E061 = "E061 diplo_events config: actor_files must be a list of paths, got {value!r}"
    E070 = "E070 task {task} region {region}: {problem}"
    E071 = "E071 task {task}: {problem}"
    E072 = "E072 {path}: not a Label Studio JSON export (a list of tasks): {detail}"
    E073 = "E073 brat document {document} annotation {annotation}: {problem}"
    E080 = "E080 {feature} needs the optional packages {packages}, which are not installed ({detail}); install them with: pip install 'diplo_extract[{extra}]'"
    E081 = "E081 {form} output is binary: write it to a file with -o PATH"
    E082 = "E082 {path}:{line}: not a document result of `diplo-extract extract`: {detail}"
    E083 = "E083 {path} is not a usable SQLite database of diplo_extract: {detail}"
    E084 = "E084 {option} must be a date, a month or a year (2020-11-26, 2020-11, 2020), got {value!r}"
    E090 = "E090 {feature} needs the optional extra {extra!r}: pip install 'diplo_extract[{extra}]' ({detail})"
    E091 = "E091 --dask must be local:N (N worker processes, N >= 1) or a scheduler address such as tcp://HOST:8786, got {value!r}"
    E092 = "E092 no input file matches {pattern!r}"
    E093 = "E093 cannot reach the Dask scheduler at {address}: {detail}"
    E094 = "E094 no Dask client: start one (distributed.Client(...)) before {what}, or pass client="
    E095 = "E095 the dataframe has no column {column!r} for {role} (columns: {columns})"
    E096 = "E096 --dask writes one output file per input shard into a folder: {detail}"
    E097 = "E097 shard {path} not written: {detail}"
    E100 = "E100 {feature} needs the optional extra 'view' (plotly), which is not installed ({detail}): pip install 'diplo_extract[view]'"
    E101 = "E101 {path} holds {count} documents: choose one with --id ID, or write a page for each into a folder with -o DIR/"
    E102 = "E102 {path} holds no document with id {id!r} (ids: {known})"
    E103 = "E103 document {document}: event {event} has a {role} span {start}-{end} outside its text of {length} characters"
    E104 = "E104 {path}:{line}: not a happening of `diplo-extract merge`: {detail}"
    E105 = "E105 cannot write pages into the folder {path}: {detail}"
    E106 = "E106 {path} holds no document result"
    E110 = "E110 {path}: not a merge gold folder: {detail} (it holds documents.jsonl and happenings.jsonl; docs/happenings.md#merge-gold)"
    E111 = "E111 {path}:{line}: not a document {{id, text, published}}: {detail}"
    E112 = "E112 {path}:{line}: not a gold happening: {detail}"
    E113 = "E113 {path}:{line}: happening {happening!r} names document {document!r}, which documents.jsonl does not hold"
    E114 = "E114 {path}:{line}: happening {happening!r}: {what} {text!r} (occurrence {occurrence}) is not in document {document!r}"
    E115 = "E115 {path}:{line}: happening {happening!r}: {field} names {other!r}, which is not a happening of the file"
    E116 = "E116 {path}:{line}: happening {happening!r}: the member of {document!r} at {where} is already a member of happening {other!r}"
    E120 = "E120 {path}: invalid confidence calibration table: {detail}"
    E121 = "E121 --min-confidence must be a number between 0 and 1, got {value!r}"
    E122 = "E122 --min-confidence is not applied on Dask shards: run without it and filter the output files (events[].confidence)"
    E123 = "E123 {path}: no gold documents to calibrate on"
    E130 = "E130 cache file {path} cannot be used, rebuilt in memory: {detail}"
    E131 = "E131 cache folder {folder} cannot be written, models are built in memory (set DIPLO_EXTRACT_CACHE_DIR to a writable folder): {detail}"
    E132 = "E132 no disk cache: platformdirs is not installed ({detail}); pip install platformdirs, or set DIPLO_EXTRACT_CACHE_DIR"
    E133 = "E133 cache must be True, False, or a folder path, got {value!r}"
