"""Compiled regular-expression programs that can be kept on disk.

The date grammars are a few dozen large patterns built from the lexicons; Python
compiles them in pure Python (parse, then code generation), which is the largest
single cost of a cold start for Russian. A compiled program is a list of integers
that CPython's ``_sre.compile`` turns back into the same pattern object in
microseconds, and it pickles. :class:`RegexPrograms` records the programs while a
grammar is built, and rebuilds patterns from them in the next process.

The program format belongs to one CPython version (``_sre.MAGIC``): the disk cache
key holds ``sys.version``, and any pattern that cannot be rebuilt from its program
is compiled the ordinary way, so a wrong program can cost time, never a result.
"""
from __future__ import annotations

import logging
import re

log = logging.getLogger(__name__)

try:  # CPython's regex engine and its compiler: the fast path only
    import _sre
    from re import _compiler, _parser

    MAGIC = str(_sre.MAGIC)
except ImportError:  # pragma: no cover - another Python implementation: compile normally
    _sre = _compiler = _parser = None
    MAGIC = "none"

Program = tuple[int, list[int], int, dict[str, int], tuple[str | None, ...]]


def compile_program(pattern: str, flags: int = 0) -> Program:
    """The arguments ``_sre.compile`` takes for ``pattern`` (what ``re.compile`` computes).

    >>> compile_program("(?P<d>\\\\d+)")[3]
    {'d': 1}
    """
    parsed = _parser.parse(pattern, flags)
    code = [int(op) for op in _compiler._code(parsed, flags)]  # opcodes are int subclasses that do not pickle
    groupindex = dict(parsed.state.groupdict)
    indexgroup: list[str | None] = [None] * parsed.state.groups
    for name, index in groupindex.items():
        indexgroup[index] = name
    return flags | parsed.state.flags, code, parsed.state.groups - 1, groupindex, tuple(indexgroup)


def from_program(pattern: str, program: Program) -> re.Pattern:
    """The pattern object of ``program``; ``re.compile`` when it cannot be rebuilt."""
    try:
        flags, code, groups, groupindex, indexgroup = program
        compiled = _sre.compile(pattern, flags, code, groups, groupindex, indexgroup)
    except (TypeError, ValueError, RuntimeError, AttributeError) as exc:
        log.debug("regex program of %.40r not usable (%s): compiled again", pattern, exc)
        return re.compile(pattern)
    return compiled if compiled.pattern == pattern else re.compile(pattern)


class RegexPrograms:
    """Programs by pattern: :meth:`record` compiles and keeps, :meth:`compile`
    rebuilds from a kept program (or compiles). Bounded by the grammar that fills it.

    >>> programs = RegexPrograms()
    >>> programs.record(r"(\\d+) ноября").match("26 ноября").group(1)
    '26'
    >>> RegexPrograms(programs.programs).compile(r"(\\d+) ноября").match("26 ноября").group(1)
    '26'
    """

    def __init__(self, programs: dict[str, Program] | None = None) -> None:
        self.programs: dict[str, Program] = dict(programs or {})

    def record(self, pattern: str) -> re.Pattern:
        """Compile ``pattern`` and keep its program."""
        if _sre is None:  # pragma: no cover
            return re.compile(pattern)
        try:
            program = compile_program(pattern)
        except (TypeError, ValueError, AttributeError, re.error):
            return re.compile(pattern)  # raises re.error itself for a bad pattern
        self.programs[pattern] = program
        return from_program(pattern, program)

    def compile(self, pattern: str) -> re.Pattern:
        """The pattern from its kept program, else compiled the ordinary way."""
        program = self.programs.get(pattern)
        return re.compile(pattern) if program is None or _sre is None else from_program(pattern, program)
