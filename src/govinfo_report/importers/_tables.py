"""Reading the tables of one part: rows found by their labels, values put in their columns.

The blocks of a part are cut into segments (:mod:`._segments`): the label
text and the values of one row.

A segment's row is the official row whose label matches the end of its label
text (exactly after normalisation, else by similarity helped by numbering and
official order). Its values are then attributed to columns, never shifted:

1. as many values as columns: in order;
2. otherwise, when the source gives grid positions that make attribution
   certain (HTML/Word header columns; for tab-separated text, the columns
   used by the complete rows of the same table): by position;
3. otherwise no value of the row is kept, and the row is reported.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

import attrs

from ..labels import PathSegment, format_path
from ..model import AmountUnit
from ..model._fields import Kind
from ._cells import CellStatus, TokenKind, classify, read_cell
from ._findings import FindingCollector
from ._grid import Block, Cell, Location
from ._labels import key_similarity, label_key, split_number, text_key
from ._layout import ColumnLayout, RowLayout, SectionLayout
from ._positions import grid_positions, header_units, in_unit, place_of
from ._result import (
    RULE_BLANK,
    RULE_CAPTION,
    RULE_LABEL,
    RULE_MISSING,
    RULE_ROW_LENGTH,
    RULE_SECTION,
    RULE_UNREAD,
    RULE_UNREADABLE,
    CellSource,
    LabelMatch,
)
from ._segments import Segment, segments_of, split_glued

__all__ = ["TableReader"]

#: A label matched below this similarity is reported as doubtful.
SURE_SIMILARITY = 0.8
_MIN_SIMILARITY = 0.45
_MIN_SCORE = 0.75
_NUMBER_BONUS = 0.15
_ORDER_BONUS = 0.1

_CAPTION = re.compile(r"第([一二三四五六七八九十]+)条第\(?([一二三四五六七八九十]+)\)?项")


@attrs.frozen
class _Match:
    row: RowLayout
    found: str
    similarity: float
    number: str
    #: How many label units (from the end) the match used.
    size: int = 1


class TableReader:
    """Reads the rows of one :class:`SectionLayout` from the blocks of its part."""

    def __init__(self, layout: SectionLayout, findings: FindingCollector) -> None:
        self.layout = layout
        self.findings = findings
        self.by_key = layout.by_key()
        self.labelled = [row for row in layout.rows if row.text]
        self.unlabelled = [row for row in layout.rows if not row.text]
        self.captions = self._captions()
        #: Values by cell path (counts, amounts, amount units).
        self.values: dict[tuple[PathSegment, ...], Any] = {}
        self.sources: dict[str, CellSource] = {}
        self.matches: list[LabelMatch] = []
        self.rows_read: set[tuple[PathSegment, ...]] = set()
        self._last_index = -1
        #: Rows read from a header that names them (one value under each name).
        self._extra: list[Segment] = []

    def _captions(self) -> dict[str, str]:
        captions: dict[str, str] = {}
        for row in self.layout.rows:
            if row.groups:
                match = _CAPTION.search(text_key(row.groups[0]))
                if match:
                    captions[match[2]] = row.groups[0]
        return captions

    # -- matching ---------------------------------------------------------------------------

    def _exact(self, units: list[str]) -> _Match | None:
        for size in range(min(len(units), 6), 0, -1):
            number, text = split_number("".join(units[-size:]))
            row = self.by_key.get(label_key(text))
            if row is not None and (not number or not row.number or number == row.number):
                return _Match(row, " ".join(units[-size:]), 1.0, number, size)
        return None

    def _inner_rows(self, segment: Segment, used: int) -> None:
        """Rows named inside a run of text before the row that has the values: in a table
        copied as running text, a row whose cells were all left empty leaves only its label."""
        units = [cell.text for cell in segment.labels[:len(segment.labels) - used]]
        start = 0
        while start < len(units):
            for size in (3, 2, 1):
                window = units[start:start + size]
                if len(window) < size:
                    continue
                number, text = split_number("".join(window))
                row = self.by_key.get(label_key(text))
                if row is None or row.path in self.rows_read or (
                        not number and (len(row.key) < 4 or row.key in self.layout.known)):
                    continue
                inner = Segment(segment.labels[start:start + size], [], None)
                self._take(inner, _Match(row, " ".join(window), 1.0, number, size))
                self._mismatch(inner, row, [])
                start += size
                break
            else:
                start += 1

    def _fuzzy(self, units: list[str]) -> _Match | None:
        best: tuple[float, _Match] | None = None
        candidates = [row for row in self.labelled if row.path not in self.rows_read]
        following = [row for row in candidates if row.index == self._last_index + 1]
        tries = []
        for size in range(1, min(len(units), 4) + 1):
            number, text = split_number("".join(units[-size:]))
            key = label_key(text)
            if len(key) >= 2:
                tries.append((size, number, key))
        # The row after the last one read, when it is clearly the one, spares the search.
        for size, number, key in tries:
            for row in following:
                ratio = key_similarity(key, row.key)
                if ratio >= SURE_SIMILARITY:
                    return _Match(row, " ".join(units[-size:]), ratio, number, size)
        for size, number, key in tries:
            for row in candidates:
                # difflib's ratio is at most 2·min/(sum) of the two lengths.
                bound = 2 * min(len(key), len(row.key)) / (len(key) + len(row.key))
                if bound < _MIN_SIMILARITY or (best is not None and
                                               bound + _NUMBER_BONUS + _ORDER_BONUS <= best[0]):
                    continue
                ratio = key_similarity(key, row.key)
                if ratio < _MIN_SIMILARITY:
                    continue
                score = ratio
                if number and number == row.number:
                    score += _NUMBER_BONUS
                if row.index == self._last_index + 1:
                    score += _ORDER_BONUS
                if score >= _MIN_SCORE and (best is None or score > best[0]):
                    best = (score, _Match(row, " ".join(units[-size:]), ratio, number, size))
        return best[1] if best is not None else None

    def _is_header(self, segment: Segment, match: _Match | None) -> bool:
        keys = [label_key(cell.text) for cell in segment.labels]
        leaves = sum(key in self.layout.leaf_headers for key in keys)
        return leaves >= 2 and (match is None or not match.number)

    def _is_known(self, text: str) -> bool:
        key = label_key(text)
        if not key or key in self.layout.known or _CAPTION.search(text_key(text)):
            return True
        known = (*self.layout.known, *self.by_key)
        return any(key in other for other in known) or any(
            key_similarity(key, other) >= SURE_SIMILARITY for other in known)

    def _check_captions(self, segment: Segment) -> None:
        for cell in segment.labels:
            match = _CAPTION.search(text_key(cell.text))
            if match is None:
                continue
            official = self.captions.get(match[2])
            if official is not None and match[1] != "二十":
                self.findings.add(
                    RULE_CAPTION,
                    f"表题「{cell.text}」按「{official}」读取（条文序号有误）",
                    f"caption {cell.text!r} read as {official!r} (wrong article number)",
                    paths=[self.layout.path], location=cell.location)

    def _row_header(self, segment: Segment) -> list[tuple[Cell, RowLayout]]:
        """A header naming one-cell rows (信息处理费 laid out as columns): each header cell
        with the row it names, in order; empty when the segment is no such header."""
        named: list[tuple[Cell, RowLayout]] = []
        single = [row for row in self.labelled if len(row.columns) == 1]
        for cell in segment.labels:
            key = label_key(cell.text)
            scored = [(key_similarity(key, row.key), row) for row in single]
            ratio, row = max(scored, key=lambda item: item[0], default=(0.0, None))
            if row is None or ratio < 0.6 or any(row is seen for _, seen in named):
                return []
            named.append((cell, row))
        return named if len(named) >= 2 else []

    def _by_row_header(self, segment: Segment, named: list[tuple[Cell, RowLayout]]) -> bool:
        """Values under a row header: one per named row, in order, when the counts agree."""
        explicit = segment.grid is not None and segment.grid.explicit
        values = segment.slots if explicit else segment.filled
        if segment.labels or len(values) != len(named) or any(
                row.path in self.rows_read for _, row in named):
            return False
        for (header, row), cell in zip(named, values, strict=True):
            part = Segment([header], [cell], segment.grid)
            self._take(part, _Match(row, header.text, key_similarity(
                label_key(header.text), row.key), "", 1))
            self._extra.append(part)
        return True

    def _match(self, segments: list[Segment]) -> None:
        pending: Segment | None = None
        named: list[tuple[Cell, RowLayout]] = []
        for segment in segments:
            if named and self._by_row_header(segment, named):
                named = []
                continue
            named = []
            self._check_captions(segment)
            units = [cell.text for cell in segment.labels]
            match = self._exact(units) if units else None
            if match is None and units and segment.slots:
                match = self._fuzzy(units)
            if not segment.filled and self._is_header(segment, match):
                segment.header = True
                match = None
            if not segment.filled and (match is None or not segment.slots) and \
                    len(segment.labels) >= 2 and (named := self._row_header(segment)):
                segment.header = True
                match = None
            if match is not None and match.row.path in self.rows_read:
                self._unread(segment, "重复出现的行，未读取（row already read; ignored）")
                pending = None
                continue
            if match is not None:
                if segment.grid is None:
                    self._inner_rows(segment, match.size)
                self._take(segment, match)
                pending = segment if not segment.slots else None
                continue
            if segment.filled:
                target = pending.row if pending is not None and not segment.labels else None
                if target is None and not any(classify(c.text) is TokenKind.NUMBER
                                              for c in segment.filled):
                    # Placeholders alone, without a row: a border or filler line.
                    self._unread(segment, "未能归属的内容（content outside any row）")
                elif target is not None and pending is not None:
                    segment.row, segment.found = target, pending.found
                    segment.similarity = pending.similarity
                    pending.row = None
                elif self.unlabelled and self.unlabelled[0].path not in self.rows_read:
                    segment.row = self.unlabelled[0]
                    self.rows_read.add(segment.row.path)
                else:
                    self._unread(segment, "未能归属到任何一行（values outside any row）")
            elif segment.labels and not segment.header and not all(
                    self._is_known(cell.text) for cell in segment.labels):
                self._unread(segment, "未能识别的文字（text not recognised）")
            pending = None if segment.filled or segment.labels else pending

    def _take(self, segment: Segment, match: _Match) -> None:
        segment.row, segment.found, segment.similarity = match.row, match.found, match.similarity
        if segment.grid is None:
            # Captions and headers copied before the row label are not part of the row.
            segment.labels = segment.labels[-match.size:]
        self.rows_read.add(match.row.path)
        self._last_index = match.row.index
        location = segment.labels[-1].location if segment.labels else segment.location
        self.matches.append(LabelMatch(found=match.found, official=match.row.label,
                                       json_path=format_path(match.row.path),
                                       similarity=match.similarity, location=location))
        if match.similarity < SURE_SIMILARITY:
            self.findings.add(
                RULE_LABEL,
                f"「{match.found}」疑似「{match.row.label}」（相似度 {match.similarity:.2f}），"
                "本行数据待核对",
                f"{match.found!r} read as {match.row.label!r} "
                f"(similarity {match.similarity:.2f}); check this row",
                paths=[(*match.row.path, *column.path) for column in match.row.columns],
                location=location)

    def _unread(self, segment: Segment, why: str) -> None:
        self.findings.add(RULE_UNREAD, f"「{segment.text}」{why}",
                          f"{segment.text!r}: not read", paths=[self.layout.path],
                          location=segment.location)

    # -- attribution ------------------------------------------------------------------------

    def read(self, blocks: Sequence[Block], *, part: str | None = None,
             report_missing: bool = True) -> None:
        """Read every row found in ``blocks``; report the rows not found.

        ``part`` is the heading of the part when it was not found: the whole
        table is then reported once as missing.
        """
        if part is not None and not blocks:
            self._report_missing(part)
            return
        segments = segments_of(blocks)
        self._match(segments)
        self._assign_tables(segments)
        positions = grid_positions(segments, self.layout)
        units = header_units(segments, self.layout)
        for segment in (*segments, *self._extra):
            if segment.row is not None:
                self._attribute(segment, positions.get(segment.row.table),
                                units.get(segment.row.table))
        if report_missing:
            self._report_missing()

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
        if any(cell.cut for cell in segment.slots):
            self._cut_row(segment, row, header_unit)
            return
        if not segment.slots:
            slots = None
        elif grid is None:
            slots = list(filled) if len(filled) == len(columns) else None
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
        self._store(segment, row, slots, how, header_unit)

    def _cut_row(self, segment: Segment, row: RowLayout, header_unit: str | None) -> None:
        """A row the source stops in: the values before its possibly cut last number are
        the row's first cells, the rest is left blank."""
        cut = next(index for index, cell in enumerate(segment.slots) if cell.cut)
        before = segment.slots[:cut]
        explicit = segment.grid is not None and segment.grid.explicit
        if len(before) >= len(row.columns) or (
                not explicit and any(cell not in segment.filled for cell in before)):
            self._mismatch(segment, row, segment.filled)
            return
        slots: list[Cell | None] = [*before, *[None] * (len(row.columns) - len(before))]
        self._store(segment, row, slots, "order", header_unit, cut_from=len(before))

    def _unglued(self, segment: Segment, row: RowLayout, cell: Cell) -> list[Cell | None] | None:
        """The values of digits run together, when only one reading fits the row."""
        parts = split_glued(cell.text, len(row.columns))
        if parts is not None:
            return [attrs.evolve(cell, text=part, glued=False) for part in parts]
        paths = [(*row.path, *column.path) for column in row.columns]
        for path in paths:
            self._record(path, None, cell, segment, row, "order")
        self.findings.add(
            RULE_ROW_LENGTH,
            f"「{_row_name(row)}」一行的数字连写为「{cell.text}」，无法唯一拆分为 "
            f"{len(row.columns)} 栏，整行留空",
            f"row {row.label!r}: digits {cell.text!r} run together cannot be split into "
            f"{len(row.columns)} values in one way only; the row is left blank",
            paths=paths, location=cell.location)
        return None

    def _mismatch(self, segment: Segment, row: RowLayout, filled: list[Cell]) -> None:
        paths = [(*row.path, *column.path) for column in row.columns]
        for path in paths:
            self._record(path, None, Cell("", segment.location), segment, row, "order")
        if not segment.slots:
            self.findings.add(
                RULE_BLANK, f"「{_row_name(row)}」一行没有数据，整行留空",
                f"row {row.label!r} has no values; left blank", paths=paths,
                location=segment.location)
            return
        shown = " ".join(cell.text for cell in filled)
        self.findings.add(
            RULE_ROW_LENGTH,
            f"「{_row_name(row)}」一行有 {len(filled)} 个数（{shown}），"
            f"应有 {len(row.columns)} 栏；无法确定各数所在栏，整行留空",
            f"row {row.label!r} has {len(filled)} values for {len(row.columns)} columns; "
            "no value could be attributed with certainty, the row is left blank",
            paths=paths, location=segment.location)

    def _store(self, segment: Segment, row: RowLayout, slots: list[Cell | None], how: str,
               header_unit: str | None, *, cut_from: int | None = None) -> None:
        blank: list[tuple[tuple[PathSegment, ...], ColumnLayout]] = []
        first_blank: Location | None = None
        if cut_from is not None:
            cut_paths = [(*row.path, *column.path) for column in row.columns[cut_from:]]
            self.findings.add(
                RULE_MISSING, f"原文在「{_row_name(row)}」一行中止，末尾的数可能不完整，"
                f"{'、'.join(column.title for column in row.columns[cut_from:])}栏留空",
                f"the source stops in row {row.label!r}; its last number may be cut short, "
                "the cells from it on are left blank", paths=cut_paths,
                location=segment.location)
        for index, (column, cell) in enumerate(zip(row.columns, slots, strict=True)):
            path = (*row.path, *column.path)
            source = cell if cell is not None else Cell("", segment.location)
            if cut_from is not None and index >= cut_from:
                self._record(path, None, source, segment, row, how)
                continue
            reading = read_cell(source.text, column.kind)
            if reading.status is CellStatus.UNREADABLE:
                self.findings.add(
                    RULE_UNREADABLE, f"「{_row_name(row)}」{column.title}栏"
                    f"「{source.text}」无法读取：{reading.reason}，留空",
                    f"{format_path(path)}: cannot read {source.text!r}; left blank",
                    paths=[path], location=source.location)
                self._record(path, None, source, segment, row, how)
                continue
            if reading.status is CellStatus.BLANK:
                blank.append((path, column))
                first_blank = first_blank or source.location
                self._record(path, None, source, segment, row, how)
                continue
            value = reading.value
            if column.kind is Kind.MONEY:
                assert isinstance(value, Decimal)
                value = in_unit(value, reading.unit, column.unit)
                if row.unit_field is not None:
                    unit = reading.unit or header_unit
                    unit_path = (*row.path, row.unit_field)
                    self.values[unit_path] = AmountUnit(unit) if unit is not None else None
            self._record(path, value, source, segment, row, how)
        if blank:
            names = "、".join(column.title for _, column in blank)
            self.findings.add(
                RULE_BLANK, f"「{_row_name(row)}」{names}栏留空（原文未填）",
                f"{', '.join(format_path(path) for path, _ in blank)}: blank in the source",
                paths=[path for path, _ in blank], location=first_blank)

    def _record(self, path: tuple[PathSegment, ...], value: Any, cell: Cell, segment: Segment,
                row: RowLayout, how: str) -> None:
        self.values[path] = value
        json_path = _json_path(path)
        self.sources[json_path] = CellSource(
            json_path=json_path, raw=cell.text, location=cell.location,
            found_label=segment.found, official_label=row.label,
            similarity=segment.similarity if row.text else 1.0, attribution=how)

    def _report_missing(self, part: str | None = None) -> None:
        if part is not None or not self.rows_read:
            paths = [(*row.path, *column.path) for row in self.layout.rows
                     for column in row.columns]
            self.values.update(dict.fromkeys(paths))
            title = part if part is not None else "本部分表格"
            rule = RULE_SECTION if part is not None else RULE_MISSING
            self.findings.add(rule, f"未找到「{title}」，其 {len(paths)} 格全部留空",
                              f"{title!r} not found; its {len(paths)} cells are left blank",
                              paths=paths)
            return
        for row in self.layout.rows:
            if row.path in self.rows_read:
                continue
            paths = [(*row.path, *column.path) for column in row.columns]
            for path in paths:
                self.values[path] = None
            self.findings.add(RULE_MISSING, f"未找到「{_row_name(row)}」一行，留空",
                              f"row {row.label or format_path(row.path)!r} not found; left blank",
                              paths=paths)


@functools.cache
def _json_path(path: tuple[PathSegment, ...]) -> str:
    # The cells of the model are few and fixed: their JSON paths are computed once.
    return format_path(path)


def _row_name(row: RowLayout) -> str:
    """The official row label, or for the unlabelled row of 四 its part heading."""
    return row.label or row.groups[-1]
