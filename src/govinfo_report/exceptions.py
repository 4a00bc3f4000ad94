"""Every exception the library raises for bad data, under one root.

Each also subclasses the builtin it resembles, so ``except ValueError`` in
calling code keeps working.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

import attrs

if TYPE_CHECKING:
    from .findings import Finding

__all__ = [
    "GovInfoReportError",
    "IncompatibleReportsError",
    "InconsistentReportError",
    "InvalidOptionError",
    "InvalidReportError",
    "LimitExceededError",
    "LoadError",
    "LoadLimitError",
    "MissingDependencyError",
    "Problem",
    "RenderError",
    "TemplateFailedError",
    "UnknownPathError",
    "UnreadableSourceError",
]


@attrs.frozen(kw_only=True)
class Problem:
    """One located problem in a report document.

    ``json_path`` is ``$``-rooted (``$.applications.new_received.total``);
    ``labels`` are the official labels from the part down to the cell.
    """

    json_path: str
    labels: tuple[str, ...]
    message: str

    def __str__(self) -> str:
        where = self.json_path
        if self.labels:
            where += "（" + " › ".join(self.labels) + "）"
        return f"{where}: {self.message}"


class GovInfoReportError(Exception):
    """Root of every exception raised by govinfo_report."""


class InvalidReportError(GovInfoReportError, ValueError):
    """The data does not form a valid report; :attr:`problems` lists every problem.

    Attributes:
        problems (tuple[Problem, ...]): Every problem found, in document order.
        source (str): The name of the document in messages (a file name), or ``""``.
    """

    def __init__(self, problems: tuple[Problem, ...] | list[Problem], *, source: str = "",
                 omitted: int = 0) -> None:
        self.problems = tuple(problems)
        self.source = source
        #: Problems found beyond those listed (see ``limits.MAX_PROBLEMS``).
        self.omitted = omitted
        super().__init__(self._message())

    def _message(self) -> str:
        head = f"{self.source}: " if self.source else ""
        count = len(self.problems) + self.omitted
        lines = [f"{head}报告数据有 {count} 处问题（{count} problem(s) in the report data）:"]
        lines.extend(f"  {problem}" for problem in self.problems)
        if self.omitted:
            lines.append(f"  …… 另有 {self.omitted} 处问题未列出"
                         f"（and {self.omitted} more, not listed）")
        return "\n".join(lines)


class LoadError(InvalidReportError):
    """A JSON document could not be loaded as a report."""


class LimitExceededError(GovInfoReportError, ValueError):
    """An input exceeds one of the limits of :mod:`govinfo_report.limits`.

    Attributes:
        limit (str): The name of the limit in :mod:`govinfo_report.limits`
            (``"MAX_JSON_DEPTH"``), or ``""`` when raised without one.
    """

    def __init__(self, message: str, *, limit: str = "") -> None:
        self.limit = limit
        super().__init__(message)


class LoadLimitError(LoadError, LimitExceededError):
    """A JSON document exceeds a limit while loading (its size, its nesting depth).

    Both a :class:`LoadError` (located problems) and a :class:`LimitExceededError`.
    """

    def __init__(self, problems: tuple[Problem, ...] | list[Problem], *, source: str = "",
                 limit: str) -> None:
        super().__init__(problems, source=source)
        self.limit = limit


class InconsistentReportError(GovInfoReportError, ValueError):
    """A report breaks consistency rules; :attr:`findings` holds every finding.

    Raised by :func:`govinfo_report.rules.check`. The message lists the
    findings that fail the check, one located line each.

    Attributes:
        findings (tuple[Finding, ...]): Every finding of the check, failing or not.
        strict (bool): Whether warnings failed the check too.
        source (str): The name of the report in messages (a file name), or ``""``.
    """

    def __init__(self, findings: Iterable[Finding], *, strict: bool = False,
                 source: str = "") -> None:
        self.findings = tuple(findings)
        self.strict = strict
        self.source = source
        super().__init__(self._message())

    @property
    def failures(self) -> tuple[Finding, ...]:
        """The findings that fail the check (unacknowledged errors; warnings too when strict)."""
        return tuple(f for f in self.findings if f.is_failure(strict=self.strict))

    def _message(self) -> str:
        head = f"{self.source}: " if self.source else ""
        failures = self.failures
        count = len(failures)
        lines = [f"{head}报告有 {count} 处不一致（{count} consistency finding(s) fail the check）:"]
        lines.extend(f"  {f.rule} {f.json_path}: {f.message}" for f in failures)
        return "\n".join(lines)


class IncompatibleReportsError(GovInfoReportError, ValueError):
    """Reports that cannot be summed or compared together.

    Different format versions or years in one roll-up, the same organ twice,
    amounts whose units cannot be reconciled, or two years given in the wrong
    order. ``odd_ones`` holds the positions (from 0) of the inputs that
    differ from the rest; the message names them.
    """

    def __init__(self, message: str, *, odd_ones: tuple[int, ...] = ()) -> None:
        self.odd_ones = odd_ones
        super().__init__(message)


class InvalidOptionError(GovInfoReportError, ValueError):
    """An option given to a library function has a value it does not accept."""


class UnknownPathError(GovInfoReportError, KeyError):
    """A JSON path names no field of the report model."""

    def __str__(self) -> str:
        return f"报告模型中没有这个位置（no such path in the report model）: {self.args[0]}"


class UnreadableSourceError(GovInfoReportError, ValueError):
    """A document given to an importer cannot be read at all (wrong kind, damaged, encoding).

    ``source`` names the document; the message says what was expected.
    """

    def __init__(self, message: str, *, source: str = "") -> None:
        self.source = source
        super().__init__(f"{source}: {message}" if source else message)


class MissingDependencyError(GovInfoReportError, ImportError):
    """An optional feature needs a package that is not installed (an extra).

    >>> error = MissingDependencyError("Word 文档", "Word output",
    ...                                package="python-docx", extra="docx")
    >>> print(error)  # doctest: +ELLIPSIS
    Word 文档需要安装 python-docx：pip install 'govinfo-report[docx]'（Word output needs...）
    """

    def __init__(self, feature: str, feature_en: str, *, package: str, extra: str) -> None:
        self.package = package
        self.extra = extra
        super().__init__(f"{feature}需要安装 {package}：pip install 'govinfo-report[{extra}]'"
                         f"（{feature_en} needs {package}）")


class RenderError(GovInfoReportError, ValueError):
    """A report could not be rendered: a bad option or a broken template override."""


class TemplateFailedError(RenderError):
    """A template failed to load or to render (an error in a template override).

    Attributes:
        template (str): The name of the template where it failed (an included
            template's name when the failure is inside it).
        line (int | None): The line of that template, when known.
    """

    def __init__(self, message: str, *, template: str, line: int | None) -> None:
        self.template = template
        self.line = line
        super().__init__(message)
