"""Checking one report file: what it is, and what checking it found."""

from __future__ import annotations

import functools
import json
import os
import stat
from collections.abc import Iterable
from typing import NamedTuple

import attrs

from .._sources import MAX_INPUT_BYTES, read_file
from ..convert import loads
from ..exceptions import LoadError, Problem
from ..findings import Finding
from ..model import FormatVersion, Report
from ..validation import validate
from ._lines import line_of

__all__ = ["Input", "Result", "check_one", "read_path"]


class Input(NamedTuple):
    """One report to check: a file, or the text read from standard input.

    A named tuple: a batch makes 100 000 of them, at a fifth of an attrs object's cost.
    """

    name: str
    data: bytes | None = None

    def read(self) -> bytes:
        """The bytes of the input; raises ``LoadError`` for an unreadable or odd file."""
        if self.data is not None:
            return self.data
        return read_path(self.name)


# Descriptors are not inherited by default (PEP 446); Windows needs binary mode said.
_READ_FLAGS = os.O_RDONLY | getattr(os, "O_BINARY", 0)


def read_path(name: str) -> bytes:
    """:func:`~govinfo_report._sources.read_file` of ``name`` in four system calls when
    it is a regular file that stays as it was while read; for anything else,
    ``read_file`` reads it again or names the problem (a batch reads 100 000 files)."""
    try:
        status = os.stat(name)
        if stat.S_ISREG(status.st_mode) and status.st_size <= MAX_INPUT_BYTES:
            handle = os.open(name, _READ_FLAGS)
            try:
                data = os.read(handle, status.st_size + 1)
            finally:
                os.close(handle)
            if len(data) == status.st_size:
                return data
    except (OSError, ValueError):  # read_file says what it is
        pass
    return read_file(name)


@attrs.frozen(kw_only=True)
class Result:
    """What checking one input found; picklable, so workers can send it back."""

    name: str
    problems: tuple[Problem, ...] = ()
    findings: tuple[Finding, ...] = ()
    #: The line of each located JSON path in the file.
    lines: dict[str, int] = attrs.field(factory=dict, hash=False)
    organ: str | None = None
    year: int | None = None
    previous: str | None = None
    format: FormatVersion | None = None


@functools.lru_cache(maxsize=64)
def _load_previous(item: Input) -> Report:
    return loads(item.read(), source=item.name)


def check_one(item: Input, previous: Input | None, strict: bool) -> Result:
    """Load and check one input (in a worker process when there are many)."""
    try:
        data = item.read()
        before = _load_previous(previous) if previous is not None else None
    except LoadError as error:
        return Result(name=error.source or item.name, problems=error.problems)
    validation = validate(data, previous=before, strict=strict, name=item.name)
    located = validation.problems or validation.findings
    lines = _lines(data.decode("utf-8", "replace") if located else "",
                   [entry.json_path for entry in located])
    report = validation.report
    if report is None:
        return Result(name=validation.source, problems=validation.problems, lines=lines)
    return Result(name=item.name, findings=validation.findings, lines=lines,
                  organ=report.metadata.organ, year=report.metadata.year,
                  previous=None if previous is None else previous.name,
                  format=report.format)


def _lines(text: str, paths: Iterable[str]) -> dict[str, int]:
    lines: dict[str, int] = {}
    if not text:
        return lines
    for path in paths:
        line = _syntax_error_line(text) if path == "$" else None
        line = line or line_of(text, path)
        if line is not None:
            lines[path] = line
    return lines


def _syntax_error_line(text: str) -> int | None:
    """The line of a JSON syntax error in ``text``, if it has one."""
    try:
        json.loads(text)
    except json.JSONDecodeError as error:
        return error.lineno
    except ValueError:
        return None
    return None
