"""The official table grid of each format version, computed once from the model.

Every renderer draws the same grid: the HTML ``rowspan``/``colspan``, the
merged cells of the Word tables and the flattened Markdown and text tables
all come from :func:`tables_of`. The grid is derived from the field
declarations (labels, numbering, groups), never typed here:

- 二、主动公开政府信息情况: one table, one block per sub-table (caption row,
  header row, data rows). The value cells of every sub-table divide the same
  width evenly; the grid columns are the intervals between all their
  boundaries, so every grid column starts a cell (as HTML requires). That
  gives 4 grid columns in the 2021 format (a single value cell spans 3) and 5
  in the trial format, as in the published copies (widths 2:1:1:2 after the
  label column: three values span 1, 2, 1; two values span 2 each).
- 三、收到和处理政府信息公开申请情况: corner note over the three label
  columns, three header rows from the applicant columns and their groups,
  group labels (三、本年度办理结果, （三）–（六）) spanning their leaf rows.
- 四、政府信息公开行政复议、行政诉讼情况: a three-row header from the group
  labels, one body row of 15 values.
- 信息处理费 (2021 format, in 六): one label column and one value column.

>>> from govinfo_report.model import FormatVersion
>>> applications = tables_of(FormatVersion.V2021)[1]
>>> result_group = applications.blocks[0].body[2][0]
>>> result_group.label, result_group.rowspan
('三、本年度办理结果', 22)
>>> tables_of(FormatVersion.V2019)[1].blocks[0].body[2][0].rowspan
20
"""

from __future__ import annotations

import functools
import itertools
import math
from collections.abc import Iterator
from typing import Any

from ..labels import PathSegment, format_path
from ..model import (
    APPLICANTS,
    CORNER_NOTE,
    INFO_CONTENT,
    REPORT_CLASSES,
    SECTION_TITLES,
    ApplicantCounts,
    FormatVersion,
    Outcomes,
)
from ..model._introspect import ModelField, model_fields
from ._grid import Block, Cell, Role, Row, Table

__all__ = ["Block", "Cell", "Role", "Row", "Table", "tables_of"]


_Draft = functools.partial[Cell]


def _cell(role: Role, label: str = "", **kwargs: Any) -> _Draft:
    return functools.partial(Cell, role=role, label=label, **kwargs)


def _child(field: ModelField) -> type:
    child: type | None = field.child
    assert child is not None, field.name
    return child


def _value_fields(cls: type) -> list[ModelField]:
    return [field for field in model_fields(cls) if field.spec.is_cell]


def _values(cls: type, path: tuple[PathSegment, ...],
            columns: list[tuple[int, int]]) -> list[_Draft]:
    """Value cells of a row of ``cls`` at ``(column, colspan)`` each."""
    return [_cell(Role.VALUE, column=column, colspan=span, kind=field.spec.kind,
                  path=(*path, field.name), json_path=format_path((*path, field.name)))
            for (column, span), field in zip(columns, _value_fields(cls), strict=True)]


def _consecutive(first: int, count: int) -> list[tuple[int, int]]:
    return [(first + position, 1) for position in range(count)]


def _even_split(counts: list[int]) -> tuple[tuple[int, ...], dict[int, list[tuple[int, int]]]]:
    """Grid columns dividing one width evenly for each count of values.

    Returns the weights of the grid columns and, per count, the
    ``(column, colspan)`` of each value (columns counted from 0).

    >>> _even_split([3, 2])
    ((2, 1, 1, 2), {3: [(0, 1), (1, 2), (3, 1)], 2: [(0, 2), (2, 2)]})
    """
    width = math.lcm(*counts)
    boundaries = sorted({width * part // count for count in counts for part in range(count + 1)})
    index = {boundary: position for position, boundary in enumerate(boundaries)}
    weights = tuple(right - left for left, right in itertools.pairwise(boundaries))
    split = {count: [(index[width * part // count],
                      index[width * (part + 1) // count] - index[width * part // count])
                     for part in range(count)] for count in counts}
    return weights, split


def _header_rows(paths: list[tuple[str, ...]], first_column: int) -> list[list[_Draft]]:
    """Header rows for columns labelled top-down by ``paths``; equal prefixes merge.

    A path shorter than the deepest one ends in a cell that spans the remaining rows.
    """
    depth = max(len(path) for path in paths)
    rows: list[list[_Draft]] = [[] for _ in range(depth)]
    for level in range(depth):
        column = 0
        while column < len(paths):
            path = paths[column]
            if len(path) <= level:
                column += 1
                continue
            end = column + 1
            while end < len(paths) and len(paths[end]) > level \
                    and paths[end][:level + 1] == path[:level + 1] and len(path) > level + 1:
                end += 1
            rowspan = depth - level if len(path) == level + 1 else 1
            rows[level].append(_cell(Role.COLUMN, path[level], column=first_column + column,
                                     colspan=end - column, rowspan=rowspan))
            column = end
    return rows


def _finish(key: str, path: tuple[PathSegment, ...], title: str, stub: int,
            weights: tuple[int, ...],
            drafts: list[tuple[_Draft | None, list[list[_Draft]], list[list[_Draft]]]]) -> Table:
    """Number the rows and value cells of drafted blocks."""
    blocks: list[Block] = []
    value_cells: list[Cell] = []
    row_number = 0

    def finish_rows(rows: list[list[_Draft]]) -> tuple[Row, ...]:
        nonlocal row_number
        finished = []
        for row in rows:
            labels, values = [], []
            for draft in row:
                if draft.keywords["role"] is Role.VALUE:
                    cell = draft(row=row_number, index=len(value_cells))
                    value_cells.append(cell)
                    values.append(cell)
                else:
                    labels.append(draft(row=row_number))
            finished.append(Row(labels=tuple(labels), values=tuple(values)))
            row_number += 1
        return tuple(finished)

    for caption, head, body in drafts:
        caption_row = [[caption]] if caption is not None else []
        head_rows = finish_rows(caption_row + head)
        blocks.append(Block(caption=head_rows[0][0] if caption is not None else None,
                            head=head_rows, body=finish_rows(body)))
    return Table(key=key, json_path=format_path(path), title=title, columns=stub + len(weights),
                 stub=stub, weights=weights, blocks=tuple(blocks), value_cells=tuple(value_cells))


def _proactive_table(field: ModelField) -> Table:
    path = (field.name,)
    subtables = model_fields(_child(field))
    counts = [len(_value_fields(_child(model_fields(_child(sub))[0]))) for sub in subtables]
    weights, split = _even_split(counts)
    drafts: list[tuple[_Draft | None, list[list[_Draft]], list[list[_Draft]]]] = []
    for sub, count in zip(subtables, counts, strict=True):
        sub_path = (*path, sub.name)
        rows = model_fields(_child(sub))
        columns = [(1 + column, span) for column, span in split[count]]
        header = [_cell(Role.COLUMN, INFO_CONTENT, column=0)]
        header += [_cell(Role.COLUMN, value.spec.label, column=column, colspan=span)
                   for (column, span), value in zip(columns, _value_fields(_child(rows[0])),
                                                    strict=True)]
        body = [[_cell(Role.ROW, row.spec.label, column=0,
                       json_path=format_path((*sub_path, row.name))),
                 *_values(_child(row), (*sub_path, row.name), columns)]
                for row in rows]
        caption = _cell(Role.CAPTION, sub.spec.label, column=0, colspan=1 + len(weights))
        drafts.append((caption, [header], body))
    return _finish(field.name, path, SECTION_TITLES[1], 1, weights, drafts)


def _depth(cls: type) -> int:
    """Label columns needed for the rows of ``cls`` (1 for a data row)."""
    if cls is ApplicantCounts:
        return 1
    return 1 + max(_depth(_child(field)) for field in model_fields(cls))


def _stub_rows(cls: type, path: tuple[PathSegment, ...], level: int,
               stub: int) -> list[list[_Draft]]:
    rows: list[list[_Draft]] = []
    for field in model_fields(cls):
        field_path = (*path, field.name)
        json_path = format_path(field_path)
        if field.child is ApplicantCounts:
            rows.append([_cell(Role.ROW, field.spec.label, column=level, colspan=stub - level,
                               json_path=json_path),
                         *_values(ApplicantCounts, field_path,
                                  _consecutive(stub, len(_value_fields(ApplicantCounts))))])
        else:
            leaves = _stub_rows(_child(field), field_path, level + 1, stub)
            leaves[0].insert(0, _cell(Role.GROUP, field.spec.label, column=level,
                                      rowspan=len(leaves), json_path=json_path))
            rows.extend(leaves)
    return rows


def _applications_table(field: ModelField) -> Table:
    path = (field.name,)
    stub = _depth(_child(field)) - 1
    columns = [(APPLICANTS, *value.spec.groups, value.spec.label)
               for value in _value_fields(ApplicantCounts)]
    header = _header_rows(columns, stub)
    header[0].insert(0, _cell(Role.CORNER, CORNER_NOTE, column=0, colspan=stub,
                              rowspan=len(header)))
    body = _stub_rows(_child(field), path, 0, stub)
    return _finish(field.name, path, SECTION_TITLES[2], stub, (1,) * len(columns),
                   [(None, header, body)])


def _reviews_table(field: ModelField) -> Table:
    path = (field.name,)
    columns: list[tuple[str, ...]] = []
    values: list[_Draft] = []
    for group in model_fields(_child(field)):
        assert group.child is Outcomes
        columns += [(*group.spec.groups, group.spec.label, value.spec.label)
                    for value in _value_fields(Outcomes)]
        values += _values(Outcomes, (*path, group.name),
                          _consecutive(len(values), len(_value_fields(Outcomes))))
    return _finish(field.name, path, SECTION_TITLES[3], 0, (1,) * len(columns),
                   [(None, _header_rows(columns, 0), [values])])


def _fees_table(field: ModelField, parent: tuple[PathSegment, ...]) -> Table:
    path = (*parent, field.name)
    body = [[_cell(Role.ROW, value.spec.label, column=0,
                   json_path=format_path((*path, value.name))),
             _cell(Role.VALUE, column=1, kind=value.spec.kind, path=(*path, value.name),
                   json_path=format_path((*path, value.name)))]
            for value in _value_fields(_child(field))]
    caption = _cell(Role.CAPTION, field.spec.label, column=0, colspan=2)
    return _finish(field.name, path, field.spec.label, 1, (1,), [(caption, [], body)])


def _iter_tables(format: FormatVersion) -> Iterator[Table]:
    builders = {"proactive_disclosure": _proactive_table,
                "applications": _applications_table,
                "reviews": _reviews_table}
    report_class: type = REPORT_CLASSES[format]
    for field in model_fields(report_class):
        if field.name in builders:
            yield builders[field.name](field)
        elif field.name == "other_matters":
            for inner in model_fields(_child(field)):
                if inner.child is not None:
                    yield _fees_table(inner, (field.name,))


@functools.cache
def tables_of(format: FormatVersion) -> tuple[Table, ...]:
    """The official tables of ``format``, in report order."""
    return tuple(_iter_tables(format))
