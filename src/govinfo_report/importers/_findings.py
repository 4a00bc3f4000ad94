"""Import findings, located by JSON path and by place in the source."""

from __future__ import annotations

import functools
from collections.abc import Sequence

from ..exceptions import UnknownPathError
from ..findings import Finding, Severity
from ..labels import PathSegment, format_path, label_path
from ..model import FormatVersion
from ._grid import Location

__all__ = ["FindingCollector", "json_path_of"]


@functools.cache
def json_path_of(path: tuple[PathSegment, ...]) -> str:
    """The ``$`` path of a path of the model; they are few and fixed, each is written once."""
    return format_path(path)


@functools.cache
def _labels(probe: tuple[PathSegment, ...], format: FormatVersion) -> tuple[str, ...]:
    while probe:
        try:
            return label_path(probe, format)
        except UnknownPathError:
            probe = probe[:-1]
    return ()


class FindingCollector:
    """Collects the findings of one import, in source order of discovery."""

    def __init__(self, format: FormatVersion) -> None:
        self.format = format
        self._found: list[tuple[tuple[int, ...], Finding]] = []

    @property
    def findings(self) -> list[Finding]:
        """The findings in source order; those without a location last."""
        return [finding for _, finding in sorted(self._found, key=lambda item: item[0])]

    def extend(self, other: FindingCollector) -> None:
        """Take the findings of ``other``."""
        self._found.extend(other._found)

    def add(self, rule: str, message: str, message_en: str, *,
            paths: Sequence[Sequence[PathSegment]] = (), location: Location | None = None,
            severity: Severity = Severity.WARNING) -> None:
        """Record a finding; the message is prefixed with the source location when known."""
        where = f"{location.describe()}：" if location is not None else ""
        where_en = ""
        if location is not None and location.line is not None:
            where_en = f"line {location.line}: "
        elif location is not None and location.table is not None:
            where_en = f"table {location.table} row {location.row}: "
        elif location is not None and location.paragraph is not None:
            where_en = f"paragraph {location.paragraph}: "
        json_paths = tuple(json_path_of(tuple(path)) for path in paths)
        labels = _labels(tuple(paths[0]), self.format) if paths else ()
        finding = Finding(rule=rule, severity=severity, message=where + message,
                          message_en=where_en + message_en, json_paths=json_paths, labels=labels)
        self._found.append((_order(location, len(self._found)), finding))


def _order(location: Location | None, sequence: int) -> tuple[int, ...]:
    if location is None:
        return (1, sequence)
    place = (location.page or 0, location.line or location.paragraph or 0, location.table or 0,
             location.row or 0, location.column or 0)
    return (0, *place, sequence)
