"""Plain text: the report for e-mail, terminals and archives.

Tables keep the official header rows (a merged header is centred over its
columns) and the row hierarchy as indentation; columns are aligned by
display width, so CJK labels line up in a monospaced font. A rule of one
dash run per column closes the header (and opens a table without one), so
the text reads back cell for cell. Blank cells stay blank. Findings are
marked ``[n]`` in their cells and listed under the table.

>>> from govinfo_report.examples import load_example
>>> text = render(load_example("2021"))
>>> print(text.splitlines()[0])
示范县青山镇人民政府2023年政府信息公开工作年度报告
"""

from __future__ import annotations

from collections.abc import Iterable

from ..findings import Finding
from ..model import Report
from ._flat import FlatBlock, flatten
from ._templates import Templates, render_template
from ._view import TableView, view_of
from ._width import display_width, pad

__all__ = ["render"]

_GAP = "  "
_INDENT = "  "


def _value_text(table: TableView, index: int) -> str:
    text = table.texts[index]
    mark = table.marks.get(index)
    return f"{text}[{','.join(map(str, mark.numbers))}]" if mark else text


def _block_lines(block: FlatBlock, table: TableView) -> list[str]:
    count = len(block.columns)
    body: list[tuple[str, list[str]]] = []
    for row in block.rows:
        for position in range(row.first_new, len(row.labels) - 1):
            body.append((_INDENT * row.levels[position] + row.labels[position], [""] * count))
        label = _INDENT * row.depth + row.labels[-1] if row.labels else ""
        body.append((label, [_value_text(table, cell.index) for cell in row.values]))
    stub_width = max([display_width(label) for label, _ in body]
                     + [display_width(label) for label in block.stub_header], default=0)
    widths = [max([display_width(values[column]) for _, values in body]
                  + [display_width(cell.label) for header in block.header_rows
                     for cell in header if cell.first == column and cell.span == 1], default=0)
              for column in range(count)]
    for header in block.header_rows:
        for cell in header:
            covered = sum(widths[cell.first:cell.first + cell.span]) + len(_GAP) * (cell.span - 1)
            widths[cell.first + cell.span - 1] += max(0, display_width(cell.label) - covered)

    def line(stub: str, cells: list[str]) -> str:
        parts = [pad(stub, stub_width)] if block.has_stub else []
        return _GAP.join(parts + cells).rstrip()

    lines = [block.caption] if block.caption else []
    for number, header in enumerate(block.header_rows):
        cells, column = [], 0
        for cell in header:
            cells += [" " * width for width in widths[column:cell.first]]
            span_width = sum(widths[cell.first:cell.first + cell.span]) \
                + len(_GAP) * (cell.span - 1)
            cells.append(pad(cell.label, span_width, "center"))
            column = cell.first + cell.span
        cells += [" " * width for width in widths[column:]]
        stub = block.stub_header[number] if number < len(block.stub_header) else ""
        lines.append(line(stub, cells))
    # The rule has one run of dashes per column, so that the extent of every column, and
    # with it every blank cell, can be read back.
    rule = ([stub_width] if block.has_stub else []) + widths
    lines.append(_GAP.join("-" * max(width, 1) for width in rule))
    for label, values in body:
        lines.append(line(label, [pad(value, width, "right")
                                  for value, width in zip(values, widths, strict=True)]))
    return lines


def table_text(table: TableView) -> str:
    """One official table as aligned plain text."""
    blocks = ["\n".join(_block_lines(block, table)) for block in flatten(table.table)]
    return "\n\n".join(blocks)


def render(report: Report, *, findings: Iterable[Finding] = (),
           templates: Templates = None) -> str:
    """The report as plain text (UTF-8, columns aligned by display width)."""
    return render_template("report.txt.j2", templates, view=view_of(report, findings),
                           table_text=table_text)
