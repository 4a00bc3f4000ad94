"""The output formats of ``govinfo-report validate``: text, json and github."""

from __future__ import annotations

import functools
import json
from typing import IO, Any, ClassVar

from ..exceptions import UnknownPathError
from ..findings import FINDINGS_FORMAT, Finding, Severity
from ..labels import PathSegment, iter_fields, parse_path
from ..model import FormatVersion
from ._one_file import Result

__all__ = ["OUTPUTS", "Output", "Summary"]


class Summary:
    """Counts over a run."""

    def __init__(self, results: list[Result], strict: bool) -> None:
        self.files = len(results)
        self.unreadable = sum(1 for result in results if result.problems)
        findings = [finding for result in results for finding in result.findings]
        self.errors = sum(1 for f in findings
                          if not f.acknowledged and f.severity is Severity.ERROR)
        self.warnings = sum(1 for f in findings
                            if not f.acknowledged and f.severity is Severity.WARNING)
        self.acknowledged = sum(1 for f in findings if f.acknowledged)
        self.failures = sum(1 for f in findings if f.is_failure(strict=strict))

    def text(self) -> str:
        parts = [f"{self.errors} 处错误", f"{self.warnings} 处警告"]
        if self.acknowledged:
            parts.append(f"{self.acknowledged} 处已说明")
        if self.unreadable:
            parts.append(f"{self.unreadable} 份无法读取")
        return f"已检查 {self.files} 份报告：{'，'.join(parts)}。"

    def to_json(self) -> dict[str, int]:
        return {"files": self.files, "unreadable": self.unreadable, "errors": self.errors,
                "warnings": self.warnings, "acknowledged": self.acknowledged,
                "failures": self.failures}


class Output:
    """Writes the results of a run to ``stdout``; the summary goes to ``stderr``."""

    name: ClassVar[str]

    def __init__(self, stdout: IO[str], stderr: IO[str], *, colour: bool = False) -> None:
        self.stdout = stdout
        self.stderr = stderr
        self.colour = colour

    def write(self, results: list[Result], summary: Summary, strict: bool) -> None:
        raise NotImplementedError


def _where(result: Result, json_path: str) -> str:
    line = result.lines.get(json_path)
    return f"{result.name}:{line}" if line else result.name


@functools.cache
def _field_positions(format: FormatVersion) -> dict[tuple[PathSegment, ...], int]:
    return {info.path: position for position, info in enumerate(iter_fields(format))}


def _position(finding: Finding, positions: dict[tuple[PathSegment, ...], int]) -> int:
    """Where the finding's first path comes in the report; ``$`` first, unknown paths last."""
    try:
        path = parse_path(finding.json_path)
    except UnknownPathError:
        return len(positions)
    # Repeated parts are registered at index 0; a path below a field sorts with the field.
    path = tuple(0 if isinstance(segment, int) else segment for segment in path)
    while path:
        if path in positions:
            return positions[path]
        path = path[:-1]
    return -1


def in_document_order(result: Result) -> list[Finding]:
    """The findings of ``result`` in the order of their first path in the report.

    Readers work through a report top to bottom; findings at the same place keep
    rule order (the sort is stable). JSON output keeps rule order: that is API.
    """
    if result.format is None:
        return list(result.findings)
    positions = _field_positions(result.format)
    return sorted(result.findings, key=lambda finding: _position(finding, positions))


_SEVERITY_WORDS = {Severity.ERROR: "错误", Severity.WARNING: "警告"}
_COLOURS = {Severity.ERROR: "\033[31m", Severity.WARNING: "\033[33m"}


class TextOutput(Output):
    """Chinese, one located line per finding or problem."""

    name = "text"

    def _paint(self, text: str, code: str) -> str:
        return f"{code}{text}\033[0m" if self.colour else text

    def write(self, results: list[Result], summary: Summary, strict: bool) -> None:
        for result in results:
            for problem in result.problems:
                word = self._paint("无法读取", "\033[31;1m")
                self.stdout.write(f"{_where(result, problem.json_path)}: {word} {problem}\n")
            for finding in in_document_order(result):
                if finding.acknowledged:
                    word = self._paint("已说明", "\033[2m")
                    note = f"（说明：{finding.acknowledgement}）"
                else:
                    word = self._paint(_SEVERITY_WORDS[finding.severity],
                                       _COLOURS[finding.severity])
                    note = ""
                self.stdout.write(f"{_where(result, finding.json_path)}: {word} {finding.rule} "
                                  f"{finding.json_path}: {finding.message}{note}\n")
        self.stderr.write(summary.text() + "\n")


class JsonOutput(Output):
    """One JSON document for the whole run (see the findings reference page)."""

    name = "json"

    def write(self, results: list[Result], summary: Summary, strict: bool) -> None:
        document = {
            "findings_format": FINDINGS_FORMAT,
            "strict": strict,
            "summary": summary.to_json(),
            "files": [_file_json(result) for result in results],
        }
        self.stdout.write(json.dumps(document, ensure_ascii=False, indent=2) + "\n")


def _file_json(result: Result) -> dict[str, Any]:
    return {
        "file": result.name,
        "organ": result.organ,
        "year": result.year,
        "previous": result.previous,
        "problems": [{"json_path": problem.json_path, "labels": list(problem.labels),
                      "message": problem.message, "line": result.lines.get(problem.json_path)}
                     for problem in result.problems],
        "findings": [{**finding.to_json(), "line": result.lines.get(finding.json_path)}
                     for finding in result.findings],
    }


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


class GithubOutput(Output):
    """GitHub Actions workflow commands: one annotation per finding, at the key's line."""

    name = "github"

    def _annotation(self, level: str, result: Result, json_path: str, title: str,
                    message: str) -> None:
        properties = [f"file={_escape_property(result.name)}"]
        line = result.lines.get(json_path)
        if line:
            properties.append(f"line={line}")
        properties.append(f"title={_escape_property(title)}")
        self.stdout.write(f"::{level} {','.join(properties)}::{_escape_data(message)}\n")

    def write(self, results: list[Result], summary: Summary, strict: bool) -> None:
        for result in results:
            for problem in result.problems:
                self._annotation("error", result, problem.json_path, "无法读取", str(problem))
            for finding in in_document_order(result):
                level = ("notice" if finding.acknowledged
                         else "error" if finding.is_failure(strict=strict) else "warning")
                self._annotation(level, result, finding.json_path, finding.rule,
                                 f"{finding.json_path}: {finding.message}")
        self.stderr.write(summary.text() + "\n")


OUTPUTS: dict[str, type[Output]] = {cls.name: cls for cls in (TextOutput, JsonOutput,
                                                               GithubOutput)}

