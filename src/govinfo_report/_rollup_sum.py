"""Cell by cell sums as reports stream by: the arithmetic of a roll-up.

A :class:`Sums` keeps, per format version, one running total per cell, the
inputs that left each cell blank, and for an amount whose unit is recorded
beside it (试行格式 采购总金额) a sum per unit. Each report is read once and
dropped; what is kept does not grow with the number of reports except for
the blanks, which the roll-up lists anyway.
"""

from __future__ import annotations

import decimal
import functools
import operator
from collections.abc import Callable
from decimal import Decimal
from typing import Any, Literal

from ._cells import Cell, cells
from ._rollup_cells import cell_layout
from .exceptions import IncompatibleReportsError
from .model import AmountUnit, FormatVersion, Report
from .model._fields import Kind

BlankPolicy = Literal["blank", "zero"]

_YUAN_PER_TEN_THOUSAND = 10000

# Sums of exact decimals stay exact: no rounding, and any inexact step would raise.
EXACT = decimal.Context(prec=decimal.MAX_PREC, Emax=decimal.MAX_EMAX,
                        Emin=decimal.MIN_EMIN, traps=[decimal.Inexact, decimal.Overflow])


@functools.cache
def _zeros(format: FormatVersion) -> tuple[Any, ...]:
    """The sums of no report, per cell summed alone (a worker's sums arrive 200 times)."""
    return tuple(Decimal(0) if cell.kind is Kind.MONEY else 0
                 for cell in cell_layout(format, checked=False).plain)


class _UnitSums:
    """An amount with its unit beside it: sums per unit, and who gave what."""

    def __init__(self, cell: Cell) -> None:
        assert cell.get_unit is not None
        self.cell = cell
        self.get_unit = cell.get_unit
        self.by_unit: dict[AmountUnit | None, Decimal] = {}
        self.units_given: set[AmountUnit | None] = set()  # of every amount not blank
        self.units_of_nonzero: set[AmountUnit | None] = set()
        self.unitless_nonzero: list[int] = []
        self.in_ten_thousands: list[int] = []
        self.blanks: list[int] = []

    def add(self, report: Report, index: int) -> None:
        self.add_amount(self.cell.get(report), self.get_unit(report), index)

    def add_decoded(self, struct: Any, index: int) -> None:
        """:meth:`add` of the structs of :func:`._rollup_decode.decode_input` (amounts as texts)."""
        value = self.cell.get(struct)
        self.add_amount(None if value is None else Decimal(value), self.get_unit(struct), index)

    def add_amount(self, value: Decimal | None, unit: AmountUnit | None, index: int) -> None:
        if value is None:
            self.blanks.append(index)
            return
        self.by_unit[unit] = self.by_unit.get(unit, Decimal(0)) + value
        self.units_given.add(unit)
        if unit is AmountUnit.TEN_THOUSAND_YUAN:
            self.in_ten_thousands.append(index)
        if value:
            self.units_of_nonzero.add(unit)
            if unit is None:
                self.unitless_nonzero.append(index)

    def merge(self, other: _UnitSums, offset: int) -> None:
        """Add the sums of ``other``, whose input positions start at ``offset`` here."""
        for unit, amount in other.by_unit.items():
            self.by_unit[unit] = self.by_unit.get(unit, Decimal(0)) + amount
        self.units_given |= other.units_given
        self.units_of_nonzero |= other.units_of_nonzero
        self.unitless_nonzero += [index + offset for index in other.unitless_nonzero]
        self.in_ten_thousands += [index + offset for index in other.in_ten_thousands]
        self.blanks += [index + offset for index in other.blanks]

    def total(self, name: Callable[[int], str], converted: list[dict[str, Any]]
              ) -> tuple[Decimal, AmountUnit | None]:
        """The sum and its unit; 万元 converted to 元 when both were given."""
        known = self.units_of_nonzero - {None}
        if self.unitless_nonzero and known:
            listed = "、".join(map(name, self.unitless_nonzero))
            labels = " › ".join(self.cell.info.labels)
            raise IncompatibleReportsError(
                f"{self.cell.json_path}（{labels}）：{listed} 的金额没有记录单位，"
                "不能与记录了单位的金额相加（an amount without a unit cannot be added to amounts "
                "with one）", odd_ones=tuple(self.unitless_nonzero))
        if not self.unitless_nonzero and not known:
            known = self.units_given - {None}
        if len(known) <= 1:
            return sum(self.by_unit.values(), Decimal(0)), next(iter(known), None)
        converted.append({"json_path": self.cell.json_path,
                          "from": AmountUnit.TEN_THOUSAND_YUAN.value,
                          "to": AmountUnit.YUAN.value, "inputs": self.in_ten_thousands})
        total = sum((amount * _YUAN_PER_TEN_THOUSAND
                     if unit is AmountUnit.TEN_THOUSAND_YUAN else amount
                     for unit, amount in self.by_unit.items()), Decimal(0))
        return total, AmountUnit.YUAN


#: Reports without a blank cell are summed this many at a time, column by column.
_BATCH = 256


class Sums:
    """Running sums of every cell of one format version."""

    def __init__(self, format: FormatVersion, *, checked: bool = False) -> None:
        self.version = format
        self.checked = checked
        layout = cell_layout(format, checked=checked)
        self.plain = layout.plain
        self.with_unit = [_UnitSums(cell) for cell in layout.with_unit]
        self._read, self._read_filled = layout.read, layout.read_filled
        self._read_decoded = layout.read_decoded
        self.totals: list[Any] = list(_zeros(format))
        self.blanks: list[list[int]] = [[] for _ in self.plain]
        # The cells of reports without a blank, not yet in the totals.
        self._filled: list[tuple[Any, ...]] = []

    def add(self, report: Report, index: int) -> bool:
        """Add the cells of ``report``, input ``index``. True when none was blank and,
        ``checked``, every relation of an error-level rule held: the report cannot fail."""
        values = self._read_filled(report)
        if values is not None:
            self._filled.append(values)
            if len(self._filled) >= _BATCH:
                self._add_filled()
        else:
            with decimal.localcontext(EXACT):
                for position, value in enumerate(self._read(report)):
                    if value is None:
                        self.blanks[position].append(index)
                    else:
                        self.totals[position] += value
        if self.with_unit:
            with decimal.localcontext(EXACT):
                for amount in self.with_unit:
                    amount.add(report, index)
        return values is not None

    def add_decoded(self, struct: Any, index: int) -> bool:
        """Add the cells of the structs of :func:`._rollup_decode.decode_input`, input
        ``index``, when :meth:`add` would find none blank and every relation holding;
        otherwise add nothing and return False (the caller adds the report)."""
        values = self._read_decoded(struct)
        if values is None:
            return False
        self._filled.append(values)
        if len(self._filled) >= _BATCH:
            self._add_filled()
        if self.with_unit:
            with decimal.localcontext(EXACT):
                for amount in self.with_unit:
                    amount.add_decoded(struct, index)
        return True

    def _add_filled(self) -> None:
        if self._filled:
            with decimal.localcontext(EXACT):
                self.totals = list(map(operator.add, self.totals,
                                       map(sum, zip(*self._filled, strict=True))))
            self._filled = []

    def merge(self, other: Sums, offset: int) -> None:
        """Add the sums of ``other`` (from a worker), whose input positions start at ``offset``.

        Exact sums do not depend on the order of the additions, and positions
        are kept in input order: merging the sums of consecutive runs of inputs
        in order gives what adding every input here would.
        """
        self._add_filled()
        other._add_filled()
        with decimal.localcontext(EXACT):
            self.totals = list(map(operator.add, self.totals, other.totals))
            for mine, theirs in zip(self.blanks, other.blanks, strict=True):
                mine += [index + offset for index in theirs]
            for amount, their_amount in zip(self.with_unit, other.with_unit, strict=True):
                amount.merge(their_amount, offset)

    def __getstate__(self) -> dict[str, Any]:
        # Cells hold getters and registry entries: sent as the format version alone.
        self._add_filled()
        units = [{key: value for key, value in vars(amount).items()
                  if key not in ("cell", "get_unit")} for amount in self.with_unit]
        return {"version": self.version, "checked": self.checked, "totals": self.totals,
                "blanks": self.blanks, "units": units}

    def __setstate__(self, state: dict[str, Any]) -> None:
        vars(self).update(vars(Sums(state["version"], checked=state["checked"])))
        self.totals, self.blanks = state["totals"], state["blanks"]
        for amount, values in zip(self.with_unit, state["units"], strict=True):
            vars(amount).update(values)

    def fill(self, document: dict[str, Any], blank: BlankPolicy, name: Callable[[int], str]
             ) -> tuple[list[tuple[Cell, tuple[int, ...]]], list[dict[str, Any]]]:
        """Write the sums into ``document``; the cells some input left blank, and conversions.

        ``name`` names an input (by its position) in a refusal.
        """
        self._add_filled()
        blank_cells: dict[str, tuple[Cell, tuple[int, ...]]] = {}
        converted: list[dict[str, Any]] = []
        sums: dict[str, Any] = {}
        for cell, total, blanks in zip(self.plain, self.totals, self.blanks, strict=True):
            sums[cell.json_path] = total
            if blanks:
                blank_cells[cell.json_path] = (cell, tuple(blanks))
        with decimal.localcontext(EXACT):
            for amount in self.with_unit:
                total, unit = amount.total(name, converted)
                assert amount.cell.unit_path is not None
                put(document, amount.cell.unit_path, None if unit is None else unit.value)
                sums[amount.cell.json_path] = total
                if amount.blanks:
                    blank_cells[amount.cell.json_path] = (amount.cell, tuple(amount.blanks))
        ordered = []
        for cell in cells(self.version):
            total = sums[cell.json_path]
            if cell.json_path in blank_cells:
                ordered.append(blank_cells[cell.json_path])
                if blank == "blank":
                    total = None
            money = cell.kind is Kind.MONEY
            put(document, cell.info.path,
                format(total, "f") if money and total is not None else total)
        return ordered, converted


def put(document: dict[str, Any], path: tuple[str | int, ...], value: Any) -> None:
    node: Any = document
    for segment in path[:-1]:
        node = node[segment]
    node[path[-1]] = value


class Acknowledgements:
    """The inputs' acknowledgements, one per rule and path, each reason with its organ."""

    def __init__(self) -> None:
        self.reasons: dict[tuple[str, str], list[str]] = {}

    def add(self, report: Report) -> None:
        for acknowledgement in report.acknowledgements:
            self.reasons.setdefault((acknowledgement.rule, acknowledgement.path), []).append(
                f"{report.metadata.organ}：{acknowledgement.reason}")

    def merge(self, other: Acknowledgements) -> None:
        """Add those of ``other``, the acknowledgements of inputs that come after these."""
        for key, texts in other.reasons.items():
            self.reasons.setdefault(key, []).extend(texts)

    def to_json(self) -> list[dict[str, str]]:
        return [{"rule": rule, "path": path, "reason": "；".join(texts)}
                for (rule, path), texts in self.reasons.items()]
