"""Tables that compare the two format versions, generated from the model.

- ``{format-versions}``: each version's JSON value, official name and notice number.
- ``{format-differences}``: every table whose rows or columns differ between the
  versions, with the official labels of both.
- ``{format-cell-counts}``: the number of data cells of each part in each version.

Nothing here types a label: everything is read from the field declarations.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

from api_catalog import node_table
from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

from govinfo_report.labels import PathSegment, iter_fields, label_path
from govinfo_report.model import FormatVersion

Path = tuple[PathSegment, ...]
#: The versions in the order the tables show them: the older first.
VERSIONS = (FormatVersion.V2019, FormatVersion.V2021)
VERSION_HEADERS = ('试行格式（"2019"）', '2021 年格式（"2021"）')


def _text(text: str) -> nodes.paragraph:
    return nodes.paragraph(text=text)


class _Table:
    """The data rows and columns of one table of a version, in official order."""

    def __init__(self) -> None:
        self.rows: dict[Path, str] = {}
        self.columns: dict[str, None] = {}

    def describe(self, other: _Table | None) -> str:
        """Rows and columns; those equal to ``other``'s are left out."""
        parts = []
        if other is None or list(self.rows.values()) != list(other.rows.values()):
            parts.append("行：" + "、".join(self.rows.values()))
        if other is None or list(self.columns) != list(other.columns):
            parts.append("列：" + "、".join(self.columns))
        return "；".join(parts)

    def same_as(self, other: _Table) -> bool:
        return self.describe(other) == ""


def tables(version: FormatVersion) -> dict[Path, _Table]:
    """Every table of ``version``: its path (the parent of its rows) and its rows and columns."""
    found: dict[Path, _Table] = {}
    for info in iter_fields(version, cells_only=True):
        row = info.path[:-1]
        table = found.setdefault(row[:-1], _Table())
        if row not in table.rows:
            table.rows[row] = label_path(row, version)[-1]
        table.columns[info.label] = None
    return found


def _merged_order(first: list[Path], second: list[Path]) -> list[Path]:
    """``second``'s order, with the paths only ``first`` has placed after their predecessor."""
    order = list(second)
    for index, path in enumerate(first):
        if path not in order:
            position = order.index(first[index - 1]) + 1 if index else 0
            order.insert(position, path)
    return order


class FormatVersions(SphinxDirective):
    """The versions with their official names and notice numbers."""

    def run(self) -> list[nodes.Node]:
        self.env.note_reread()
        rows: list[list[nodes.Element]] = []
        for version in VERSIONS:
            value = nodes.paragraph()
            value += nodes.literal(text=f'"{version.value}"')
            rows.append([value, _text(f"《{version.format_name}》"),
                         _text(version.document_number)])
        return [node_table(['"format"', "格式名称", "印发文号"], rows, [15, 55, 30])]


class FormatDifferences(SphinxDirective):
    """Every table that differs between the versions (with ``:identical:``, every
    table that does not)."""

    option_spec: ClassVar[dict[str, Callable[[str], Any]]] = {"identical": directives.flag}

    def run(self) -> list[nodes.Node]:
        self.env.note_reread()  # generated from the code, which Sphinx does not watch
        old, new = (tables(version) for version in VERSIONS)
        order = _merged_order(list(old), list(new))
        if "identical" in self.options:
            bullets = nodes.bullet_list()
            for path in order:
                if path in old and path in new and old[path].same_as(new[path]):
                    item = nodes.list_item()
                    rows = "、".join(new[path].rows.values())
                    item += _text(" › ".join(label_path(path, VERSIONS[1])) + f"：{rows}")
                    bullets += item
            return [bullets]
        rows: list[list[nodes.Element]] = []
        for path in order:
            before, after = old.get(path), new.get(path)
            if before is not None and after is not None and before.same_as(after):
                continue
            version = VERSIONS[1] if after is not None else VERSIONS[0]
            location = " › ".join(label_path(path, version))
            rows.append([_text(location),
                         _text(before.describe(after) if before is not None else "无"),
                         _text(after.describe(before) if after is not None else "无")])
        return [node_table(["位置", *VERSION_HEADERS], rows, [24, 38, 38])]


class FormatCellCounts(SphinxDirective):
    """How many data cells each part has in each version."""

    def run(self) -> list[nodes.Node]:
        self.env.note_reread()
        counts: dict[str, dict[FormatVersion, int]] = {}
        for version in VERSIONS:
            for info in iter_fields(version, cells_only=True):
                part = info.labels[0]
                counts.setdefault(part, dict.fromkeys(VERSIONS, 0))[version] += 1
        rows: list[list[nodes.Element]] = [
            [_text(part), *(_text(str(by_version[v])) for v in VERSIONS)]
            for part, by_version in counts.items()]
        rows.append([_text("合计"), *(_text(str(sum(c[v] for c in counts.values())))
                                    for v in VERSIONS)])
        return [node_table(["部分", *VERSION_HEADERS], rows, [50, 25, 25])]


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_directive("format-versions", FormatVersions)
    app.add_directive("format-differences", FormatDifferences)
    app.add_directive("format-cell-counts", FormatCellCounts)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
