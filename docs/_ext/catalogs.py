"""Catalogs generated from the code: ``{field-catalog} 2021`` lists every field.

Other catalogs (rules, CLI) register here too, so the docs always match the code.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

from govinfo_report.labels import iter_fields
from govinfo_report.model._fields import Kind

_KIND_NAMES = {
    Kind.COUNT: "非负整数或 null",
    Kind.SIGNED: "整数或 null",
    Kind.MONEY: "十进制字符串或 null",
    Kind.TEXT: "字符串",
    Kind.PART: "对象",
    Kind.OTHER: "见说明",
}


def table(headers: list[str], rows: list[list[str]], widths: list[int]) -> nodes.table:
    """A docutils table of literal-free text cells."""
    group = nodes.tgroup(cols=len(headers))
    for width in widths:
        group += nodes.colspec(colwidth=width)
    head = nodes.thead()
    head += _row(headers)
    group += head
    body = nodes.tbody()
    for cells in rows:
        body += _row(cells)
    group += body
    result = nodes.table()
    result += group
    return result


def _row(cells: list[str]) -> nodes.row:
    row = nodes.row()
    for text in cells:
        entry = nodes.entry()
        entry += nodes.paragraph(text=text)
        row += entry
    return row


class FieldCatalog(SphinxDirective):
    """Every field of one format version with its JSON path, labels, type and unit."""

    required_arguments = 1

    def run(self) -> list[nodes.Node]:
        rows = []
        for info in iter_fields(self.arguments[0]):
            rows.append([info.json_path, " › ".join(info.labels), info.number or "",
                         _KIND_NAMES[info.kind], info.unit])
        return [table(["JSON 路径", "官方标签", "编号", "类型", "单位"], rows, [30, 45, 6, 12, 7])]


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_directive("field-catalog", FieldCatalog)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
