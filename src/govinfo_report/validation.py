"""Validate a report in one call, as ``govinfo-report validate`` does.

:func:`validate` loads a document (a file, a JSON text, bytes or Python
objects), and when it loads, runs every consistency rule. It never raises
for a bad document: the load problems and the findings come back together
in one :class:`Validation`.

>>> import govinfo_report as gr
>>> from govinfo_report.examples import example_text
>>> result = gr.validate(example_text("2021"))
>>> result.ok, result.problems, [f.rule for f in result.findings]
(True, (), [])
>>> broken = gr.validate('{"format": "2021"}')
>>> broken.ok, broken.report is None, broken.problems[0].json_path
(False, True, '$.metadata')
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any

import attrs

from ._sources import read_file
from .convert import from_dict, loads
from .exceptions import LoadError, Problem
from .findings import Finding
from .model import Report
from .rules import iter_findings

__all__ = ["Source", "Validation", "load_source", "validate"]

#: What :func:`validate` reads: a path, a JSON text, UTF-8 bytes, a parsed
#: document or a report already loaded.
Source = str | os.PathLike[str] | bytes | bytearray | Mapping[str, Any] | Report


@attrs.frozen(kw_only=True)
class Validation:
    """The outcome of :func:`validate`: load problems, or the report and its findings."""

    #: The name of the document in messages (a file name), or ``""``.
    source: str
    #: The report, or ``None`` when the document could not be loaded.
    report: Report | None
    #: Why the document could not be loaded, each located by ``$`` path.
    problems: tuple[Problem, ...] = ()
    #: Every finding of the consistency rules, acknowledged ones included.
    findings: tuple[Finding, ...] = ()
    #: Whether warnings fail too (and blank cells are errors).
    strict: bool = False

    @property
    def failures(self) -> tuple[Finding, ...]:
        """The findings that fail (unacknowledged errors, and warnings too when strict)."""
        return tuple(f for f in self.findings if f.is_failure(strict=self.strict))

    @property
    def ok(self) -> bool:
        """Whether the document loaded and no finding fails (the command's exit code 0)."""
        return not self.problems and not self.failures

    @property
    def exit_code(self) -> int:
        """The exit code of ``govinfo-report validate`` for this document: 0, 1 or 2."""
        if self.problems:
            return 2
        return 1 if self.failures else 0


def _looks_like_json(text: str) -> bool:
    return text.lstrip("\ufeff \t\r\n")[:1] in ("{", "[")


def load_source(source: Source, *, name: str = "") -> Report:
    """Load a report from any :data:`Source`; raises :class:`~govinfo_report.exceptions.LoadError`.

    A ``str`` whose first non-blank character is ``{`` or ``[`` is a JSON
    text; any other ``str`` (and any :class:`os.PathLike`) is a file path.
    """
    if isinstance(source, Report):
        return source
    if isinstance(source, Mapping):
        return from_dict(dict(source), source=name)
    if isinstance(source, (bytes, bytearray)):
        return loads(source, source=name)
    if isinstance(source, str) and _looks_like_json(source):
        return loads(source, source=name)
    if isinstance(source, (str, os.PathLike)):
        return loads(read_file(source), source=name or os.fspath(source))
    raise TypeError(f"cannot read a report from {type(source).__name__}; give a path, "
                    "a JSON text, bytes or a dict")


def validate(source: Source, *, previous: Source | None = None, strict: bool = False,
             name: str = "") -> Validation:
    """Load ``source`` and check it against every rule; never raises for bad data.

    ``previous`` (the same organ's report of the year before, any
    :data:`Source`) enables the cross-year rules W1 and W2; it must load, or
    :class:`~govinfo_report.exceptions.LoadError` is raised. ``strict`` makes blank
    cells errors and warnings failures. ``name`` names the document in the
    result (a file path names itself).
    """
    if not name and isinstance(source, os.PathLike):
        name = os.fspath(source)
    elif not name and isinstance(source, str) and not _looks_like_json(source):
        name = source
    before = None if previous is None else load_source(previous)
    try:
        report = load_source(source, name=name)
    except LoadError as error:
        return Validation(source=error.source or name, report=None, problems=error.problems,
                          strict=strict)
    findings = tuple(iter_findings(report, previous=before, strict=strict))
    return Validation(source=name, report=report, findings=findings, strict=strict)
