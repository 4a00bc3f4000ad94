"""The shared table grids reproduce the official layout of both format versions."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from govinfo_report.labels import iter_fields
from govinfo_report.model import FormatVersion
from govinfo_report.render._flat import flatten
from govinfo_report.render._layout import Cell, Role, Table, tables_of

SPEC = json.loads((Path(__file__).parent / "data" / "labels.json").read_text(encoding="utf-8"))
VERSIONS = [FormatVersion.V2021, FormatVersion.V2019]


def table(version: FormatVersion, key: str) -> Table:
    """The grid of one table."""
    return next(grid for grid in tables_of(version) if grid.key == key)


def cells(grid: Table) -> list[Cell]:
    """Every cell of a grid."""
    return [cell for block in grid.blocks for row in block.rows for cell in row.cells]


def spans(grid: Table) -> dict[str, tuple[int, int, int, int]]:
    """Label → (row, column, rowspan, colspan) of its first cell."""
    found: dict[str, tuple[int, int, int, int]] = {}
    for cell in cells(grid):
        if cell.label and cell.label not in found:
            found[cell.label] = (cell.row, cell.column, cell.rowspan, cell.colspan)
    return found


@pytest.mark.parametrize("version", VERSIONS)
def test_every_grid_slot_is_covered_exactly_once(version: FormatVersion) -> None:
    """No gaps and no overlaps: each (row, column) of each grid belongs to one cell."""
    for grid in tables_of(version):
        rows = sum(len(block.rows) for block in grid.blocks)
        covered: dict[tuple[int, int], Cell] = {}
        for cell in cells(grid):
            for row in range(cell.row, cell.row + cell.rowspan):
                for column in range(cell.column, cell.column + cell.colspan):
                    assert (row, column) not in covered, (grid.key, row, column)
                    covered[(row, column)] = cell
        assert set(covered) == {(row, column) for row in range(rows)
                                for column in range(grid.columns)}, grid.key


@pytest.mark.parametrize("version", VERSIONS)
def test_every_grid_column_starts_a_cell(version: FormatVersion) -> None:
    """HTML requires each column of a table to have a cell beginning in it."""
    for grid in tables_of(version):
        assert {cell.column for cell in cells(grid)} == set(range(grid.columns)), grid.key


@pytest.mark.parametrize("version", VERSIONS)
def test_value_cells_are_exactly_the_cells_of_the_model(version: FormatVersion) -> None:
    """Every cell field of the model appears once in a grid, in model order."""
    in_grids = [cell.json_path for grid in tables_of(version) for cell in grid.value_cells]
    in_model = [info.json_path for info in iter_fields(version, cells_only=True)]
    assert in_grids == in_model
    for grid in tables_of(version):
        assert [cell.index for cell in grid.value_cells] == list(range(len(grid.value_cells)))


@pytest.mark.parametrize("version", VERSIONS)
def test_section_two_matches_the_official_sub_tables(version: FormatVersion) -> None:
    """二: caption row spanning the width, header 信息内容 + columns, row labels, per sub-table."""
    grid = table(version, "proactive_disclosure")
    official = SPEC[version.value]["section2"]
    assert len(grid.blocks) == len(official)
    for block, sub in zip(grid.blocks, official, strict=True):
        assert block.caption is not None
        assert (block.caption.label, block.caption.colspan) == (sub["caption"], grid.columns)
        assert [cell.label for cell in block.head[1].cells] == sub["header"]
        assert [row.labels[0].label for row in block.body] == sub["rows"]


def test_section_two_grid_widths() -> None:
    """二 has 4 grid columns in 2021 (one value spans 3) and 5 in the trial format."""
    grid = table(FormatVersion.V2021, "proactive_disclosure")
    assert grid.columns == 4
    assert [(cell.column, cell.colspan) for cell in grid.blocks[1].body[0].values] == [(1, 3)]
    trial = table(FormatVersion.V2019, "proactive_disclosure")
    assert trial.columns == 5
    assert trial.weights == (2, 1, 1, 2)
    assert [(cell.column, cell.colspan) for cell in trial.blocks[0].body[0].values] == \
        [(1, 1), (2, 2), (4, 1)]
    assert [(cell.column, cell.colspan) for cell in trial.blocks[4].body[0].values] == \
        [(1, 2), (3, 2)]


@pytest.mark.parametrize(("version", "result_rows"), [(FormatVersion.V2021, 22),
                                                      (FormatVersion.V2019, 20)])
def test_section_three_layout(version: FormatVersion, result_rows: int) -> None:
    """三: corner note 3×3, three header rows, 三、 spanning the result rows, groups spanning leaves."""
    grid = table(version, "applications")
    section = SPEC[version.value]["section3"]
    found = spans(grid)
    assert grid.columns == 10
    assert grid.stub == 3
    assert found[section["corner_note"]] == (0, 0, 3, 3)
    assert found["申请人情况"] == (0, 3, 1, 7)
    assert found["自然人"] == (1, 3, 2, 1)
    assert found["法人或其他组织"] == (1, 4, 1, 5)
    assert found["总计"] == (1, 9, 2, 1)
    assert [cell.label for cell in grid.blocks[0].head[2].cells] == \
        section["leaf_columns"][1:6]
    assert found["一、本年新收政府信息公开申请数量"] == (3, 0, 1, 3)
    assert found["三、本年度办理结果"] == (5, 0, result_rows, 1)
    assert found["（一）予以公开"] == (5, 1, 1, 2)
    assert found["（三）不予公开"][2:] == (8, 1)
    assert found["（四）无法提供"][2:] == (3, 1)
    assert found["（五）不予处理"][2:] == (5, 1)
    assert found["（七）总计"][2:] == (1, 2)
    assert found["四、结转下年度继续办理"] == (5 + result_rows, 0, 1, 3)
    assert len(grid.value_cells) == 7 * (result_rows + 3)
    other = found["（六）其他处理"]
    if version is FormatVersion.V2021:
        assert other[2:] == (3, 1)
    else:
        assert other[2:] == (1, 2)


@pytest.mark.parametrize("version", VERSIONS)
def test_section_three_rows_follow_the_official_hierarchy(version: FormatVersion) -> None:
    """The flattened label path of every data row is the official hierarchy of labels.json."""
    def leaves(rows: list[dict[str, Any]], parents: tuple[str, ...]) -> list[tuple[str, ...]]:
        result: list[tuple[str, ...]] = []
        for row in rows:
            path = (*parents, row["label"])
            result += [path] if row["has_cells"] else leaves(row["children"], path)
        return result

    flat = flatten(table(version, "applications"))[0]
    assert [row.labels for row in flat.rows] == \
        leaves(SPEC[version.value]["section3"]["rows"], ())


@pytest.mark.parametrize("version", VERSIONS)
def test_section_four_has_its_two_level_header(version: FormatVersion) -> None:
    """四: 行政复议 spans 5 with labels spanning 2 rows; 行政诉讼 spans 10 over two groups of 5."""
    grid = table(version, "reviews")
    found = spans(grid)
    assert found["行政复议"] == (0, 0, 1, 5)
    assert found["行政诉讼"] == (0, 5, 1, 10)
    assert found["结果维持"] == (1, 0, 2, 1)
    assert found["未经复议直接起诉"] == (1, 5, 1, 5)
    assert found["复议后起诉"] == (1, 10, 1, 5)
    flat = flatten(grid)[0]
    assert [list(column) for column in flat.columns] == \
        SPEC[version.value]["section4"]["leaf_columns"]
    assert len(grid.blocks[0].body) == 1
    assert len(grid.value_cells) == 15


def test_fee_table_only_in_2021() -> None:
    """信息处理费 is a table of part 六 in the 2021 format only."""
    assert [grid.key for grid in tables_of(FormatVersion.V2021)] == \
        ["proactive_disclosure", "applications", "reviews", "fees"]
    assert [grid.key for grid in tables_of(FormatVersion.V2019)] == \
        ["proactive_disclosure", "applications", "reviews"]
    fees = table(FormatVersion.V2021, "fees")
    assert [row.labels[0].label for row in fees.blocks[0].body] == \
        ["发出收费通知的件数", "收费通知总金额", "实际收取的总金额"]


def test_roles_mark_headers_and_groups() -> None:
    """Column headers, group labels and row labels carry their role."""
    grid = table(FormatVersion.V2021, "applications")
    roles = {cell.label: cell.role for cell in cells(grid) if cell.label}
    assert roles["申请人情况"] is Role.COLUMN
    assert roles["三、本年度办理结果"] is Role.GROUP
    assert roles["1.属于国家秘密"] is Role.ROW
    assert roles[SPEC["2021"]["section3"]["corner_note"]] is Role.CORNER
