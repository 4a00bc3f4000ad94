"""Where values go: grid positions a source makes certain, and units of amounts.

For HTML and Word tables, the grid columns of the leaf column headers are
certain. For tab-separated text they are not always (copies drop or keep the
empty cells of merged ones), so the complete rows of a table vote: the rows
of one width (one pattern of merged cells) that hold every value of their
row say where the values start, and a clear majority decides. A short row of
that width is then placed by position; any other short row is not placed.

>>> in_unit(Decimal("3500"), "元", "万元")
Decimal('0.35')
"""

from __future__ import annotations

import collections
import re
from decimal import Decimal

from ..model._fields import Kind
from ._grid import Cell
from ._labels import label_key
from ._layout import SectionLayout
from ._segments import Segment

__all__ = ["grid_positions", "header_units", "in_unit", "place_of"]

_AMOUNT_UNIT = re.compile(r"(万元|元)")


def grid_positions(segments: list[Segment], layout: SectionLayout
                   ) -> dict[str, dict[int, dict[int, int]]]:
    """For each table, by row width (``-1``: any), the grid column of each data column,
    where the source makes it certain."""
    by_table: dict[str, list[Segment]] = collections.defaultdict(list)
    for segment in segments:
        if segment.grid is not None and segment.table is not None:
            by_table[segment.table].append(segment)
    width_of = {row.table: len(row.columns) for row in layout.rows}
    result: dict[str, dict[int, dict[int, int]]] = {}
    for table, members in by_table.items():
        columns = width_of[table]
        explicit = any(member.grid is not None and member.grid.explicit for member in members)
        # Rows of one width (one layout of merged cells) vote for where their values start.
        votes: dict[int, collections.Counter[int]] = collections.defaultdict(
            collections.Counter)
        if not explicit:
            for member in members:
                places = [cell.column for cell in member.filled if cell.column is not None]
                if (member.row is not None and member.grid is not None
                        and len(places) == columns == len(member.filled)
                        and places[-1] == places[0] + columns - 1):
                    votes[member.grid.width][places[0]] += 1
        if votes:
            result[table] = {}
            for width, starts in votes.items():
                start, count = starts.most_common(1)[0]
                if count * 2 > sum(starts.values()):
                    result[table][width] = {start + i: i for i in range(columns)}
            continue
        places_found: set[int] = set()
        header_width = 0
        for member in members:
            if member.row is None:
                for cell in member.labels:
                    if cell.column is not None and label_key(cell.text) in \
                            layout.leaf_headers:
                        places_found.add(cell.column)
                        assert member.grid is not None
                        header_width = max(header_width, member.grid.width)
        if len(places_found) == columns:
            ordered = sorted(places_found)
            result[table] = {-1 if explicit else header_width:
                             {place: i for i, place in enumerate(ordered)}}
    return result

def header_units(segments: list[Segment], layout: SectionLayout) -> dict[str, str]:
    """For each table, the unit (元 or 万元) its header gives an amount column."""
    units: dict[str, str] = {}
    money = {label_key(column.label) for row in layout.rows if row.unit_field
             for column in row.columns if column.kind is Kind.MONEY}
    for segment in segments:
        if segment.table is None:
            continue
        for cell in segment.labels:
            key = label_key(cell.text)
            for name in money:
                found = _AMOUNT_UNIT.search(key[len(name):]) if key.startswith(name) else None
                if found:
                    units[segment.table] = found[1]
    return units


def place_of(positions: dict[int, dict[int, int]] | None, width: int,
           filled: list[Cell]) -> dict[int, int] | None:
    """The grid columns of a table for rows of ``width``, if they hold every value given."""
    if positions is None:
        return None
    place = positions.get(-1, positions.get(width))
    if place is None or not all(cell.column in place for cell in filled):
        return None
    return place


def in_unit(value: Decimal, written: str | None, unit: str) -> Decimal:
    """``value`` written in ``written`` converted exactly to ``unit`` (元 ↔ 万元)."""
    if written is None or unit not in ("元", "万元") or written == unit:
        return value
    scaled = value.scaleb(-4 if unit == "万元" else 4)
    return Decimal(format(scaled.normalize(), "f"))
