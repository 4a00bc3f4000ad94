"""Reading the tables of one part: rows found by their labels, values put in their columns.

The blocks of a part are cut into segments (:mod:`._segments`): the label
text and the values of one row. Each segment's row is found by
:mod:`._matching`. Its values are then attributed to columns, never shifted:

1. as many values as columns: in order;
2. otherwise, when the source gives grid positions that make attribution
   certain (HTML/Word header columns; for tab-separated text, the columns
   used by the complete rows of the same table; for a PDF page without rules, the
   columns its complete rows are drawn in, :mod:`._drawn_columns`): by position;
3. otherwise no value of the row is kept, and the row is reported.

Values placed by their order must also be drawn in that order where the source
says where it draws them (a PDF page, :mod:`._drawn`): when they are not, the
text lost or moved part of the row, and no value of it is kept either.

A row found twice (a passage of the narrative that looks like a table row) is
read from the table structure: a row under its table's caption or header
before one outside it, then a row of a grid before running text. The other reading, when it
says something else, is reported; two equally placed readings that disagree
leave the cells blank with an error.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..findings import Severity
from ..labels import PathSegment, field_info
from ..limits import IMPORT_MAX_UNMATCHED_ROWS
from ._drawn import drawn_in_order
from ._drawn_columns import TableRows, complete_rows, drawn_slots
from ._drawn_header import header_slots
from ._findings import FindingCollector
from ._grid import Block, Cell
from ._matching import SURE_SIMILARITY, RowMatcher
from ._positions import grid_positions, header_units, place_of
from ._result import RULE_CONFLICT, RULE_EXTRA_ROW, RULE_IGNORED
from ._segments import Segment, segments_of
from ._store import row_name

__all__ = ["SURE_SIMILARITY", "TableReader"]


class TableReader(RowMatcher):
    """Reads the rows of one :class:`SectionLayout` from the blocks of its part."""

    #: The complete rows of each table of a page without rules, which show its columns.
    _complete: dict[str, TableRows]

    def read(self, blocks: Sequence[Block], *, part: str | None = None,
             report_missing: bool = True) -> None:
        """Read every row found in ``blocks``; report the rows not found.

        ``part`` is the heading of the part when it was not found: the whole
        table is then reported once as missing.
        """
        if part is not None and not blocks:
            self._report_missing(part)
            return
        segments = segments_of(blocks, self.vocabulary)
        self._match(segments)
        self._assign_tables(segments)
        self._complete = complete_rows(segments)
        self._keep_unmatched()
        positions = grid_positions(segments, self.layout)
        units = header_units(segments, self.layout)
        losers = self._settle_rivals(segments)
        for segment in (*segments, *self._extra):
            if segment.row is not None and all(segment is not lost for lost, _ in losers):
                self._attribute(segment, positions.get(segment.row.table),
                                units.get(segment.row.table))
        for segment, contested in losers:
            self._weigh(segment, contested, positions, units)
        if report_missing:
            self._report_missing()

    def _keep_unmatched(self) -> None:
        """Record each row that matches no official row with its values as written, for
        ``extensions``; none of its values goes to an official cell."""
        groups = {row.table: row.groups[0] for row in self.layout.rows if row.groups}
        beyond = len(self.unmatched) - IMPORT_MAX_UNMATCHED_ROWS
        if beyond > 0:
            self.findings.add(
                RULE_EXTRA_ROW,
                f"另有 {beyond} 行不是规定行，超过 {IMPORT_MAX_UNMATCHED_ROWS} 行的部分未逐行记录",
                f"{beyond} more rows are no official rows; past {IMPORT_MAX_UNMATCHED_ROWS} "
                "they are not kept one by one", paths=[self.layout.path],
                location=self.unmatched[IMPORT_MAX_UNMATCHED_ROWS].location)
        for segment in self.unmatched[:IMPORT_MAX_UNMATCHED_ROWS]:
            label = "".join(cell.text for cell in segment.labels)
            values = [cell.text for cell in segment.slots]
            table = groups.get(segment.table or "", "")
            part = field_info(self.layout.path, self.findings.format).label
            self.extra_rows.append({"part": part, "table": table, "label": label,
                                    "values": values,
                                    "location": segment.location.to_json()})
            self.findings.add(
                RULE_EXTRA_ROW,
                f"「{label}」不是{table or '本表'}的规定行，其数字（{' '.join(values)}）"
                "未计入任何栏，另存于 extensions",
                f"{label!r} is no official row of {table or 'the table'}; its values are kept "
                "in extensions, not in any cell", paths=[self.layout.path],
                location=segment.location)

    def _settle_rivals(self, segments: list[Segment]) -> list[tuple[Segment, bool]]:
        """For each row found more than once, the segments not read, each with whether it
        stood as well placed as the one read (then a disagreement cannot be settled)."""
        if not self.rivals:
            return []
        by_row: dict[tuple[PathSegment, ...], list[Segment]] = {}
        for segment in segments:
            if segment.row is not None:
                by_row.setdefault(segment.row.path, []).append(segment)
        losers: list[tuple[Segment, bool]] = []
        for found in by_row.values():
            if len(found) < 2:
                continue
            ranks = [(segment.in_table, segment.grid is not None) for segment in found]
            best = max(ranks)
            chosen = ranks.index(best)
            losers.extend((segment, rank == best)
                          for index, (segment, rank) in enumerate(zip(found, ranks, strict=True))
                          if index != chosen)
        return losers

    def _weigh(self, segment: Segment, contested: bool,
               positions: dict[str, dict[int, dict[int, int]]], units: dict[str, str]) -> None:
        """Compare the reading of a row not read with the one read; report a difference."""
        row = segment.row
        assert row is not None
        kept = (self.values, self.sources, self.findings)
        self.values, self.sources = {}, {}
        self.findings = FindingCollector(self.findings.format)
        try:
            self._attribute(segment, positions.get(row.table), units.get(row.table))
            other = self.values
        finally:
            self.values, self.sources, self.findings = kept
        differing = [path for path, value in other.items() if self.values.get(path) != value]
        if not differing:
            return
        shown = " ".join(cell.text for cell in segment.filled)
        if contested:
            for path in differing:
                self.values[path] = None
            self.findings.add(
                RULE_CONFLICT,
                f"「{row_name(row)}」一行在原文中出现两次，数字不一致（另一处为「{shown}」），"
                "无法确定以哪一处为准，不一致的格留空",
                f"row {row.label!r} appears twice with different values (the other: "
                f"{shown!r}); the differing cells are left blank", paths=differing,
                location=segment.location, severity=Severity.ERROR)
            return
        self.findings.add(
            RULE_IGNORED,
            f"「{row_name(row)}」一行另见于表格之外（「{shown}」），与表格中的数字不一致，"
            "按表格读取",
            f"row {row.label!r} also appears outside the table ({shown!r}) with other values; "
            "the table's values are read", paths=differing, location=segment.location)

    def _assign_tables(self, segments: list[Segment]) -> None:
        following: str | None = None
        for segment in reversed(segments):
            if segment.row is not None:
                following = segment.row.table
            segment.table = following
        previous: str | None = None
        for segment in segments:
            if segment.table is None:
                segment.table = previous
            previous = segment.table

    def _attribute(self, segment: Segment, positions: dict[int, dict[int, int]] | None,
                   header_unit: str | None) -> None:
        row = segment.row
        assert row is not None
        columns = row.columns
        slots: list[Cell | None] | None = None
        how = "order"
        filled = segment.filled
        grid = segment.grid
        if grid is None and 0 < len(filled) < len(columns) and (
                not row.text or segment.similarity >= SURE_SIMILARITY):
            # A short row of a page without rules, its label sure: read only where the page
            # draws it certain (a doubtful label may be another row's, its values too).
            drawn = drawn_slots(filled, segment.labels, self._complete.get(row.table),
                                len(columns)) if row.text else \
                header_slots(filled, segment.labels, [column.label for column in columns])
            if drawn is not None:
                self._store(segment, row, drawn, "position", header_unit)
                return
        if any(cell.cut for cell in segment.slots) or (
                segment.at_end and 0 < len(filled) < len(columns)
                and not any(cell.glued for cell in filled)):
            self._cut_row(segment, row, header_unit)
            return
        if not segment.slots:
            slots = None
        elif grid is None:
            slots = list(filled) if len(filled) == len(columns) else None
            if slots is None and segment.spaced and len(segment.slots) == len(columns):
                slots = list(segment.slots)
            if slots is None and len(filled) == 1 and filled[0].glued:
                slots = self._unglued(segment, row, filled[0])
                if slots is None:
                    return
        elif grid.explicit and len(segment.slots) == len(columns):
            slots = list(segment.slots)
        else:
            if not grid.explicit and len(filled) == len(columns):
                slots = list(filled)
            else:
                place = place_of(positions, grid.width, filled)
                if place is not None:
                    slots = [None] * len(columns)
                    for cell in segment.slots:
                        if cell.column in place:
                            slots[place[cell.column]] = cell
                    how = "position"
            if slots is None and grid.explicit and len(filled) == len(columns):
                slots = list(filled)
        if slots is None:
            self._mismatch(segment, row, filled)
            return
        if how == "order" and not drawn_in_order([cell for cell in slots if cell is not None],
                                                 segment.labels if row.text else ()):
            self._misplaced(segment, row, filled)
            return
        self._store(segment, row, slots, how, header_unit)

