"""Cell by cell sums: the arithmetic of :func:`~govinfo_report.rollup.aggregate`."""

from __future__ import annotations

from decimal import Decimal
from typing import Any, Literal

from ._cells import Cell
from .exceptions import IncompatibleReportsError
from .model import AmountUnit, Report
from .model._fields import Kind

BlankPolicy = Literal["blank", "zero"]

_YUAN_PER_TEN_THOUSAND = 10000


class Summer:
    """Sums cells into a report document and notes blanks and conversions."""

    def __init__(self, reports: list[Report], names: list[str], blank: BlankPolicy) -> None:
        self.reports = reports
        self.names = names
        self.blank = blank
        #: Each cell some input left blank, with the positions of those inputs.
        self.blank_cells: list[tuple[Cell, tuple[int, ...]]] = []
        self.converted: list[dict[str, Any]] = []

    def add(self, cell: Cell, document: dict[str, Any]) -> None:
        values: list[Any] = [cell.get(report) for report in self.reports]
        if cell.get_unit is not None:
            values = self._reconcile_units(cell, values, document)
        blanks = tuple(index for index, value in enumerate(values) if value is None)
        if blanks:
            self.blank_cells.append((cell, blanks))
        money = cell.kind is Kind.MONEY
        total: Any = None
        if not blanks or self.blank == "zero":
            total = sum((value for value in values if value is not None),
                        Decimal(0) if money else 0)
        put(document, cell.info.path, format(total, "f") if money and total is not None
             else total)

    def _reconcile_units(self, cell: Cell, values: list[Any],
                         document: dict[str, Any]) -> list[Any]:
        assert cell.get_unit is not None
        assert cell.unit_path is not None
        units: list[AmountUnit | None] = [cell.get_unit(report) for report in self.reports]
        nonzero = [index for index, value in enumerate(values) if value]
        unitless = [index for index in nonzero if units[index] is None]
        known = {units[index] for index in nonzero} - {None}
        if unitless and known:
            names = "、".join(self.names[index] for index in unitless)
            labels = " › ".join(cell.info.labels)
            raise IncompatibleReportsError(
                f"{cell.json_path}（{labels}）：{names} 的金额没有记录单位，"
                "不能与记录了单位的金额相加（an amount without a unit cannot be added to amounts "
                "with one）", odd_ones=tuple(unitless))
        if not unitless and not known:
            known = {unit for index, unit in enumerate(units) if values[index] is not None} - {None}
        target = next(iter(known)) if len(known) == 1 else None
        if len(known) > 1:
            target = AmountUnit.YUAN
            converted = [index for index, value in enumerate(values)
                         if value is not None and units[index] is AmountUnit.TEN_THOUSAND_YUAN]
            for index in converted:
                values[index] = values[index] * _YUAN_PER_TEN_THOUSAND
            self.converted.append({"json_path": cell.json_path,
                                   "from": AmountUnit.TEN_THOUSAND_YUAN.value,
                                   "to": AmountUnit.YUAN.value, "inputs": converted})
        put(document, cell.unit_path, None if target is None else target.value)
        return values


def put(document: dict[str, Any], path: tuple[str | int, ...], value: Any) -> None:
    node: Any = document
    for segment in path[:-1]:
        node = node[segment]
    node[path[-1]] = value


def acknowledgements(reports: list[Report]) -> list[dict[str, str]]:
    reasons: dict[tuple[str, str], list[str]] = {}
    for report in reports:
        for acknowledgement in report.acknowledgements:
            reasons.setdefault((acknowledgement.rule, acknowledgement.path), []).append(
                f"{report.metadata.organ}：{acknowledgement.reason}")
    return [{"rule": rule, "path": path, "reason": "；".join(texts)}
            for (rule, path), texts in reasons.items()]
