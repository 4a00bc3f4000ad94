"""The table cells of each format version, with fast getters, shared by roll-ups and exports.

Cells come from the label registry (:func:`govinfo_report.labels.iter_fields`),
never from a hand-written list, so a field added to the model is summed,
compared and exported without further code.
"""

from __future__ import annotations

import functools
import operator
from collections.abc import Callable
from typing import Any

import attrs

from .labels import FieldInfo, iter_fields
from .model import AmountUnit, FormatVersion, Report
from .model._fields import Kind

__all__ = ["Cell", "cells", "dotted", "unit_of"]


@attrs.frozen(kw_only=True)
class Cell:
    """One table cell of a format version."""

    info: FieldInfo
    #: Reads the cell's value from a report of this format.
    get: Callable[[Any], Any] = attrs.field(eq=False, repr=False)
    #: For an amount whose unit is recorded beside it (试行格式 采购总金额):
    #: reads that unit (an :class:`~govinfo_report.model.AmountUnit` or ``None``).
    get_unit: Callable[[Any], Any] | None = attrs.field(default=None, eq=False, repr=False)
    #: The path of that unit field, or ``None``.
    unit_path: tuple[str | int, ...] | None = None

    @property
    def json_path(self) -> str:
        """The ``$``-rooted JSON path."""
        return self.info.json_path

    @property
    def kind(self) -> Kind:
        """Count, signed count or money."""
        return self.info.kind


def dotted(path: tuple[str | int, ...]) -> str:
    """A model path as the dotted attribute name :func:`operator.attrgetter` reads."""
    return ".".join(str(segment) for segment in path)


@functools.cache
def cells(format: FormatVersion) -> tuple[Cell, ...]:
    """Every table cell of ``format``, in official order."""
    unit_fields = {info.path[:-1]: info.path for info in iter_fields(format)
                   if info.type is AmountUnit}
    result = []
    for info in iter_fields(format, cells_only=True):
        unit_path = unit_fields.get(info.path[:-1]) if info.kind is Kind.MONEY else None
        result.append(Cell(
            info=info, get=operator.attrgetter(dotted(info.path)),
            get_unit=None if unit_path is None else operator.attrgetter(dotted(unit_path)),
            unit_path=unit_path))
    return tuple(result)


def unit_of(cell: Cell, report: Report) -> str:
    """The unit of ``cell`` in ``report``: the registry's, or the recorded one (``""`` if none)."""
    if cell.get_unit is None:
        return cell.info.unit
    unit = cell.get_unit(report)
    return "" if unit is None else str(unit.value)
