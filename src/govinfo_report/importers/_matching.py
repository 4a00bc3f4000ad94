"""Finding the official row of each segment of a part: by label, numbering and order.

A segment's row is the official row whose label matches the end of its label
text (exactly after normalisation, else by similarity helped by numbering and
official order).
"""

from __future__ import annotations

import re
from typing import Any

from ._cells import TokenKind, classify
from ._findings import FindingCollector, json_path_of
from ._grid import Cell
from ._labels import bare_key, key_similarity, label_key, split_number, text_key
from ._layout import RowLayout, SectionLayout
from ._result import RULE_CAPTION, RULE_LABEL, RULE_UNREAD, LabelMatch
from ._rowmatch import SURE_SIMILARITY, Match, exact_match, fuzzy_match
from ._segments import Segment
from ._store import CellStore

__all__ = ["SURE_SIMILARITY", "RowMatcher"]

_CAPTION = re.compile(r"第([一二三四五六七八九十]+)条第\(?([一二三四五六七八九十]+)\)?项")


class RowMatcher(CellStore):
    """Matches the segments of a part to the rows of one :class:`SectionLayout`."""

    def __init__(self, layout: SectionLayout, findings: FindingCollector) -> None:
        super().__init__(layout, findings)
        self.by_key = layout.by_key()
        self.labelled = [row for row in layout.rows if row.text]
        self.unlabelled = [row for row in layout.rows if not row.text]
        self.captions = self._captions()
        bare = [(bare_key(row.label), row) for row in self.labelled]
        self.by_bare = {key: row for key, row in bare
                        if key and sum(other == key for other, _ in bare) == 1}
        #: Keys of every label of the tables, to cut vertical text into.
        self.vocabulary = frozenset({*layout.known, *layout.leaf_headers, *self.by_key})
        #: Rows of the source that match no official row, with their values.
        self.unmatched: list[Segment] = []
        #: Their JSON records, for ``extensions``.
        self.extra_rows: list[dict[str, Any]] = []
        self._last_index = -1
        #: Rows read from a header that names them (one value under each name).
        self._extra: list[Segment] = []
        #: Segments naming a row already read, in source order.
        self.rivals: list[Segment] = []

    def _captions(self) -> dict[str, str]:
        captions: dict[str, str] = {}
        for row in self.layout.rows:
            if row.groups:
                match = _CAPTION.search(text_key(row.groups[0]))
                if match:
                    captions[match[2]] = row.groups[0]
        return captions

    # -- matching ---------------------------------------------------------------------------

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
                self._take(inner, Match(row, " ".join(window), 1.0, number, size))
                self._mismatch(inner, row, [])
                start += size
                break
            else:
                start += 1

    def _is_header(self, segment: Segment, match: Match | None) -> bool:
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

    def _after_header(self, segment: Segment, match: Match | None) -> bool:
        """True when the label text before a row's label is its table's header (a table
        copied as running text)."""
        if match is None or segment.grid is not None:
            return False
        before = [label_key(cell.text) for cell in segment.labels[:-match.size]]
        return sum(key in self.layout.leaf_headers for key in before) >= 2

    def _rival(self, segment: Segment, match: Match) -> None:
        """A second segment for a row already read: kept aside to be weighed against it."""
        segment.row, segment.found, segment.similarity = match.row, match.found, match.similarity
        if segment.grid is None:
            segment.labels = segment.labels[-match.size:]
        self.rivals.append(segment)

    def _check_captions(self, segment: Segment) -> bool:
        """Report miswritten captions; True when ``segment`` holds a table caption."""
        found = False
        for cell in segment.labels:
            match = _CAPTION.search(text_key(cell.text))
            if match is None:
                continue
            found = True
            official = self.captions.get(match[2])
            if official is not None and match[1] != "二十":
                self.findings.add(
                    RULE_CAPTION,
                    f"表题「{cell.text}」按「{official}」读取（条文序号有误）",
                    f"caption {cell.text!r} read as {official!r} (wrong article number)",
                    paths=[self.layout.path], location=cell.location)
        return found

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
            self._take(part, Match(row, header.text, key_similarity(
                label_key(header.text), row.key), "", 1))
            self._extra.append(part)
        return True

    def _match(self, segments: list[Segment]) -> None:
        pending: Segment | None = None
        named: list[tuple[Cell, RowLayout]] = []
        in_table = False
        for segment in segments:
            if named and self._by_row_header(segment, named):
                named = []
                continue
            named = []
            if self._check_captions(segment):
                in_table = True
            units = [cell.text for cell in segment.labels]
            match = exact_match(units, self.by_key, self.by_bare) if units else None
            # A label the layout knows as no row's (a group, 「（三）不予公开」) is not taken
            # for the row it looks most like: values beside it are another row's, whose
            # label is lost (text missing from a PDF's text layer).
            if match is None and units and segment.slots and \
                    label_key(units[-1]) not in self.layout.known:
                unread = [row for row in self.labelled if row.path not in self.rows_read]
                match = fuzzy_match(units, unread, self._last_index + 1)
            if not segment.filled and self._is_header(segment, match):
                segment.header = True
                match = None
            if not segment.filled and (match is None or not segment.slots) and \
                    len(segment.labels) >= 2 and (named := self._row_header(segment)):
                segment.header = True
                match = None
            in_table = in_table or segment.header or self._after_header(segment, match)
            segment.in_table = in_table
            if match is not None and match.row.path in self.rows_read:
                self._rival(segment, match)
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
                elif segment.labels and segment.in_table and any(
                        classify(c.text) is TokenKind.NUMBER for c in segment.filled):
                    # A row of the report's own between official rows: kept aside whole.
                    self.unmatched.append(segment)
                else:
                    self._unread(segment, "未能归属到任何一行（values outside any row）")
            elif segment.labels and not segment.header and not all(
                    self._is_known(cell.text) for cell in segment.labels):
                self._unread(segment, "未能识别的文字（text not recognised）")
                in_table = False
            pending = None if segment.filled or segment.labels else pending

    def _take(self, segment: Segment, match: Match) -> None:
        segment.row, segment.found, segment.similarity = match.row, match.found, match.similarity
        if segment.grid is None:
            # Captions and headers copied before the row label are not part of the row.
            segment.labels = segment.labels[-match.size:]
        self.rows_read.add(match.row.path)
        self._last_index = match.row.index
        location = segment.labels[-1].location if segment.labels else segment.location
        self.matches.append(LabelMatch(found=match.found, official=match.row.label,
                                       json_path=json_path_of(match.row.path),
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
