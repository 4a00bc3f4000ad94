"""The official tables in Word: drawn once per format version with python-docx, then filled.

A table's labels, merged cells, widths and alignment are the same in every
report of a format; only the value cells' texts and the shading of the cells
a finding names change. So python-docx draws each table once per process
with blank value cells (:func:`skeletons`, the shared grids of
:mod:`._layout`), and each report gets a copy of that ``w:tbl`` element with
its texts and shading filled in (:func:`filled`): the same XML python-docx
writes when it draws the table with the values, without redoing its merges and
style lookups for every report. The HTML fragment does the same (:mod:`._grid`).
"""

from __future__ import annotations

import copy
import functools
import types
from collections.abc import Mapping
from typing import Any

import attrs

from ..model import FormatVersion
from ._docx_template import W_NAMESPACE, W_R, new_document, write_text
from ._layout import Role, Table, tables_of
from ._view import TableView

__all__ = ["SHADING", "Skeleton", "filled", "skeletons"]

#: Text width of the A4 page between the margins (210 − 28 − 26 mm).
_TEXT_WIDTH_MM = 156
#: Widths of the label columns, by how many the table has.
_STUB_WIDTHS_MM = {0: (), 1: (40,), 3: (8, 18, 44)}
#: Fill of a cell named by a finding, by severity.
SHADING = {"error": "FDE2E1", "warning": "FFF1C9", "acknowledged": "EEF2F7"}
_SHADING_ATTRIBUTES = {
    severity: {f"{W_NAMESPACE}val": "clear", f"{W_NAMESPACE}color": "auto",
               f"{W_NAMESPACE}fill": fill}
    for severity, fill in SHADING.items()}


def _column_widths(table: Table) -> list[float]:
    stub = list(_STUB_WIDTHS_MM.get(table.stub, (40,) * table.stub))
    unit = (_TEXT_WIDTH_MM - sum(stub)) / sum(table.weights)
    return stub + [weight * unit for weight in table.weights]


@attrs.frozen(eq=False)
class Skeleton:
    """One table drawn with blank value cells; never changed once built."""

    element: Any
    #: For each value cell (by :attr:`Cell.index`), the position of its run (``w:r``)
    #: among the table's runs in document order.
    runs: tuple[int, ...]


def _draw(document: Any, table: Table) -> Skeleton:
    """The table drawn by python-docx with every value cell blank."""
    from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Mm
    from docx.table import _Cell

    rows = sum(len(block.rows) for block in table.blocks)
    word_table = document.add_table(rows=rows, cols=table.columns)
    word_table.style = document.styles["Table Grid"]
    word_table.autofit = False
    widths = _column_widths(table)
    for position, column in enumerate(word_table.columns):
        column.width = Mm(widths[position])
    # The grid before merging; merges never span another cell's top-left corner,
    # so these references stay valid (python-docx's table.cell() is quadratic).
    grid = [[_Cell(tc, word_table) for tc in tr.tc_lst] for tr in word_table._tbl.tr_lst]
    style_id = document.styles["GovInfo Table"].style_id
    value_runs: list[Any] = [None] * len(table.value_cells)
    for block in table.blocks:
        for row in block.rows:
            for cell in row.cells:
                target = grid[cell.row][cell.column]
                if cell.rowspan > 1 or cell.colspan > 1:
                    target = target.merge(grid[cell.row + cell.rowspan - 1]
                                              [cell.column + cell.colspan - 1])
                target.width = Mm(sum(widths[cell.column:cell.column + cell.colspan]))
                target.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
                paragraph = target.paragraphs[0]
                paragraph._p.get_or_add_pPr().style = style_id
                if cell.is_value:
                    # An empty run, as python-docx writes for a blank; filled per report.
                    paragraph.text = ""
                    value_runs[cell.index] = paragraph.runs[0]._r
                else:
                    if cell.role is Role.ROW:
                        paragraph.alignment = WD_ALIGN_PARAGRAPH.LEFT
                    paragraph.text = cell.label
    element = word_table._tbl
    order = {run: number for number, run in enumerate(element.iter(qn("w:r")))}
    element.getparent().remove(element)
    return Skeleton(element=element, runs=tuple(order[run] for run in value_runs))


@functools.cache
def skeletons(format: FormatVersion) -> Mapping[str, Skeleton]:
    """The tables of ``format`` by key, drawn on first use."""
    document = new_document()
    return types.MappingProxyType({table.key: _draw(document, table)
                                   for table in tables_of(format)})


def filled(skeleton: Skeleton, view: TableView) -> Any:
    """A new ``w:tbl`` element: the skeleton with ``view``'s texts and findings' shading."""
    element = copy.deepcopy(skeleton.element)
    runs = list(element.iter(W_R))
    marks = view.marks
    for index, text in enumerate(view.texts):
        mark = marks.get(index)
        run = runs[skeleton.runs[index]]
        if mark is not None:
            properties = run.getparent().getparent().get_or_add_tcPr()
            properties.append(properties.makeelement(f"{W_NAMESPACE}shd",
                                                     _SHADING_ATTRIBUTES[mark.severity]))
            text += "[" + ",".join(map(str, mark.numbers)) + "]"
        if text:
            write_text(run, text)
    return element
