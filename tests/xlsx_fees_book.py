"""Workbooks holding 信息处理费 as spreadsheets lay them out: a report's title, the heading
of 六 and the figures beside, under or above their labels, or in a sentence."""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any

import openpyxl

from govinfo_report.labels import field_info
from govinfo_report.model import SECTION_TITLES
from govinfo_report.model._fields import Kind

__all__ = ["FIELDS", "LABELS", "PLACEMENTS", "SIX", "Written", "as_cell", "below", "beside",
           "one_above_the_other", "page_of", "sentence", "stored_as", "workbook"]

FIELDS = ("notices_issued", "amount_billed", "amount_collected")
#: The official labels of the three figures, from the registry.
LABELS = [field_info(f"$.other_matters.fees.{name}", "2021").label for name in FIELDS]
SIX = SECTION_TITLES[5]
#: (row, column, value, number format): one written cell; a value of ``("stored", text)``
#: is a number cell whose XML holds ``text`` as Excel writes it.
Written = tuple[int, int, Any, str | None]


def workbook(cells: Iterable[Written], *, year: int = 2022,
             merges: Sequence[str] = ()) -> bytes:
    """A one-sheet workbook: a report's title, the heading of 六 and ``cells`` under it
    (rows counted from the heading's)."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "青山镇"
    sheet.cell(row=1, column=1, value=f"青山镇人民政府{year}年政府信息公开工作年度报告")
    sheet.cell(row=2, column=1, value=SIX)
    stored = {}
    for row, column, value, number_format in cells:
        cell = sheet.cell(row=2 + row, column=column)
        if isinstance(value, tuple):
            stored[cell.coordinate] = value[1]
            value = 0
        cell.value = value
        if number_format:
            cell.number_format = number_format
    for merge in merges:
        sheet.merge_cells(merge)
    out = io.BytesIO()
    book.save(out)
    return stored_as(out.getvalue(), stored)


def stored_as(data: bytes, stored: dict[str, str]) -> bytes:
    """``data`` with the value of each cell of ``stored`` written as its text (openpyxl
    rounds floats to 16 digits; Excel writes 17)."""
    if not stored:
        return data
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            body = source.read(info).decode()
            for ref, text in stored.items():
                body, count = re.subn(rf'(<c r="{ref}"[^>]*><v>)[^<]*(</v>)',
                                      rf"\g<1>{text}\g<2>", body)
                assert count == 1 or not info.filename.startswith("xl/worksheets/")
            target.writestr(info, body)
    return out.getvalue()


def beside(values: Sequence[Any], number_format: str | None = None) -> list[Written]:
    """Each figure in the cell right of its label, one row each; ``number_format`` is the
    amounts'."""
    return [cell for row, (label, value) in enumerate(zip(LABELS, values, strict=True), start=1)
            for cell in ((row, 1, label, None),
                         (row, 2, value, number_format if row > 1 else None))]


def below(values: Sequence[Any]) -> list[Written]:
    """The labels across a header row, each figure under its label."""
    return [cell for column, (label, value) in enumerate(zip(LABELS, values, strict=True), 1)
            for cell in ((1, column, label, None), (2, column, value, None))]


def one_above_the_other(values: Sequence[Any]) -> list[Written]:
    """Each label in a row of its own, its figure in the row below."""
    return [cell for index, (label, value) in enumerate(zip(LABELS, values, strict=True))
            for cell in ((2 * index + 1, 1, label, None), (2 * index + 2, 1, value, None))]


def page_of(rows: Sequence[Sequence[str]]) -> bytes:
    """The same cells as a web page's table."""
    return (f"<p>青山镇人民政府2022年政府信息公开工作年度报告</p><h3>{SIX}</h3><table>"
            + "".join("<tr>" + "".join(f"<td>{text}</td>" for text in row) + "</tr>"
                      for row in rows) + "</table>").encode()


def as_cell(value: Any, kind: Kind, how: str) -> Any:
    """A figure as a cell: a number cell stored as Excel stores its float, or text."""
    if value is None:
        return None
    if how == "number":
        return ("stored", format(float(value), ".17g"))
    if kind is Kind.MONEY and how == "万元":
        return format(value.scaleb(-4), "f") + "万元"
    return format(value, "f") if isinstance(value, Decimal) else str(value)


def sentence(values: Sequence[Any]) -> list[Written]:
    """The figures given in one sentence, in a merged cell (a blank one not named)."""
    units = ["件", "元", "元"]
    said = [f"{label}为{value}{'' if str(value).endswith('元') else unit}"
            for label, value, unit in zip(LABELS, values, units, strict=True)
            if value is not None]
    return [(1, 1, "本年度" + "，".join(said) + "。", None)] if said else []


PLACEMENTS = {"beside": beside, "below": below, "above": one_above_the_other,
              "sentence": sentence}
