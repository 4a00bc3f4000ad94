"""Long-format CSV, written fast.

Every record of a report shares its first five fields (who published it) and
each cell's record repeats the same part, row, column, labels, path and unit
in every report. Those fragments are quoted once, by the :mod:`csv` module,
and each report's rows are joined from them and its values: the output is
byte for byte what :class:`csv.writer` writes for :func:`iter_records`.
"""

from __future__ import annotations

import csv
import functools
import io
from collections.abc import Callable, Iterable
from decimal import Decimal
from typing import Any

from .._cells import unit_of
from ..convert import check_writable
from ..model import AmountUnit, FormatVersion, Report
from ..model._fields import Kind
from ._output import Output, binary_output
from ._records import LABEL_SEPARATOR, RECORD_FIELDS, columns, values_getter

__all__ = ["write_csv"]

_NEWLINE = "\r\n"
_NEWLINE_BYTES = _NEWLINE.encode()
_BOM = "\ufeff".encode()
# Most cells hold small counts: their encoded forms are looked up, not formatted.
_SMALL = {number: f"{number}{_NEWLINE}".encode() for number in range(-1000, 10000)}


def _encoded_value(value: Any) -> bytes:
    if value is None:
        return _NEWLINE_BYTES
    text = format(value, "f") if isinstance(value, Decimal) else str(value)
    return (text + _NEWLINE).encode()


def _line(fields: Iterable[Any]) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="").writerow(fields)
    return buffer.getvalue()


class _Plan:
    """The constant fragments of one format version's rows."""

    def __init__(self, format: FormatVersion) -> None:
        plan = columns(format)
        self.count = len(plan)
        self.get_values = values_getter(format)
        self.money = [index for index, column in enumerate(plan)
                      if column.cell.kind is Kind.MONEY]
        fragments = [self._fragment(column, column.cell.info.unit) for column in plan]
        self.template: list[bytes] = [b""] * (3 * self.count)
        self.template[1::3] = fragments
        # Cells whose unit is recorded in the report get one fragment per unit.
        self.unit_dependent: list[tuple[int, Callable[[Report], str], dict[str, bytes]]] = []
        for index, column in enumerate(plan):
            if column.cell.get_unit is not None:
                units = ["", *(unit.value for unit in AmountUnit)]
                self.unit_dependent.append((
                    3 * index + 1, functools.partial(unit_of, column.cell),
                    {unit: self._fragment(column, unit) for unit in units}))

    @staticmethod
    def _fragment(column: Any, unit: str) -> bytes:
        info = column.cell.info
        # The trailing comma separates the constant fields from the value.
        return (_line([column.part, column.row, column.column,
                       LABEL_SEPARATOR.join(info.labels), info.json_path, unit]) + ",").encode()

    def rows(self, report: Report) -> bytes:
        metadata = report.metadata
        prefix = (_line([metadata.organ or "", metadata.level.value,
                         metadata.division_code or "", "" if metadata.year is None
                         else metadata.year, report.format.value]) + ",").encode()
        values = self.get_values(report)
        lookup = _SMALL.get
        encoded = [lookup(value) or _encoded_value(value) for value in values]
        for index in self.money:  # Decimal('0.50') must not pass for the integer 0
            encoded[index] = _encoded_value(values[index])
        parts = self.template.copy()
        parts[0::3] = [prefix] * self.count
        parts[2::3] = encoded
        for position, unit, fragments in self.unit_dependent:
            parts[position] = fragments[unit(report)]
        return b"".join(parts)


@functools.cache
def _plan(format: FormatVersion) -> _Plan:
    return _Plan(format)


def write_csv(reports: Iterable[Report], file: Output, *, bom: bool = False) -> int:
    """Write the long-format records of ``reports`` as CSV; return how many records.

    UTF-8, comma-separated, ``\\r\\n`` line ends, a header row of
    ``RECORD_FIELDS``; fields quoted only where needed. Values are exact:
    an integer as written, a :class:`~decimal.Decimal` as its decimal string
    (``0.35``, never ``3.5E-1`` or a float), a blank cell as an empty field;
    a missing division code is empty too. ``bom=True`` starts the file with a
    UTF-8 byte order mark so that Excel reads the Chinese text correctly.

    ``file`` is a path (written atomically: an error leaves any old file as it
    was), a binary stream, or a text stream opened with ``newline=""``.
    ``reports`` is read once, lazily, so a generator of many reports streams.
    """
    count = 0
    with binary_output(file) as stream:
        if bom:
            stream.write(_BOM)
        stream.write((_line(RECORD_FIELDS) + _NEWLINE).encode())
        for report in reports:
            plan = _plan(report.format)
            try:
                rows = plan.rows(report)
            except (UnicodeError, ValueError, OverflowError):
                # Only a report built in code with values no file holds gets here.
                check_writable(report)
                raise
            stream.write(rows)
            count += plan.count
    return count
