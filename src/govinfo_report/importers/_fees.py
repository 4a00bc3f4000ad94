"""信息处理费 (2021 format, part 六): its table, or its figures in the text.

The three figures are read from the table when 六 has one (rows, or a header
naming them over one row of values); a figure the table does not give is
looked for in the sentences of 六 (``发出收费通知 3 件``).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from ..labels import PathSegment, field_info, format_path
from ..model import FormatVersion
from ._cells import DIGIT_LOOKALIKES, CellStatus, TokenKind, classify, read_cell
from ._findings import FindingCollector
from ._grid import Block, BlockKind
from ._labels import fold, label_key
from ._layout import RowLayout, section_layouts
from ._narrative import paragraphs
from ._positions import in_unit
from ._result import RULE_MISSING, RULE_UNREADABLE, CellSource
from ._tables import TableReader

__all__ = ["mentions_fees", "read_fees", "without_fees_table"]

# The number follows the figure's words or a connective (为、是、共计、：…), never another
# character: a digit glued to a stray one is a damaged label's (「总金頓5」), not the amount.
_NUMBER = (r"(?<=[取费额为是计共约达用币知书单数：:）)\s])"
           r"(?P<value>\d+(?:\.\d+)?)\s*(?P<unit>万元|元|件|份|次)?")
#: What is written after a figure's label, up to the end of its clause.
_AFTER_LABEL = re.compile(r"[\s:：为是]*(?P<written>[^\s。；;，,]*)")
#: The unit a figure's label gives its amount (``收费通知总金额（单位：万元）``).
_LABEL_UNIT = re.compile(r"[（(](?:单位[:：])?\s*(?P<unit>万元|元)\s*[)）]")
_FEE_PATTERNS = {
    "notices_issued": re.compile(
        r"(?:发出|开具|送达)[^。；;，,\d]{0,8}?收费通知(?:书|单)?[^。；;，,\d]{0,8}?" + _NUMBER),
    "amount_billed": re.compile(
        r"收费通知(?:书|单)?(?:的)?(?:总)?金额[^。；;，,\d]{0,6}?" + _NUMBER),
    "amount_collected": re.compile(
        r"实际收取(?:的)?[^。；;，,\d]{0,10}?" + _NUMBER),
}


@functools.cache
def _fee_keys() -> tuple[str, ...]:
    """The comparison keys of 信息处理费 and of the labels of their figures."""
    layout = section_layouts(FormatVersion.V2021)["fees"]
    return (label_key(field_info(layout.path, FormatVersion.V2021).label),
            *(row.key for row in layout.rows))


def mentions_fees(text: str) -> bool:
    """True when ``text`` is about the 信息处理费: it names them, holds the label of one of
    their figures or a sentence giving one."""
    key = label_key(text)
    if any(fee_key in key for fee_key in _fee_keys()):
        return True
    folded = fold(text.translate(DIGIT_LOOKALIKES))
    return any(pattern.search(folded) for pattern in _FEE_PATTERNS.values())


def without_fees_table(blocks: Sequence[Block], format: FormatVersion) -> list[Block]:
    """The blocks of 六 without the 信息处理费 table: its caption and its rows (a row
    left blank has its label alone)."""
    layouts = section_layouts(format)
    if "fees" not in layouts:
        return list(blocks)
    caption = label_key(field_info(layouts["fees"].path, format).label)
    rows = {row.key for row in layouts["fees"].rows}

    def in_table(index: int) -> bool:
        block = blocks[index]
        key = label_key(block.single_text or "")
        if block.kind is BlockKind.GRID:
            return key in rows or key == caption or _is_value(block)
        return key == caption and index + 1 < len(blocks) and \
            blocks[index + 1].kind is BlockKind.GRID
    return [block for index, block in enumerate(blocks) if not in_table(index)]


def _is_value(block: Block) -> bool:
    """True for a table row whose one filled cell is a number or a placeholder."""
    text = block.single_text
    return block.kind is BlockKind.GRID and text is not None and \
        classify(text) is not TokenKind.TEXT


def read_fees(blocks: Sequence[Block], format: FormatVersion,
              findings: FindingCollector) -> TableReader:
    """The reader of the 信息处理费 figures of 六 (``blocks``), findings added to ``findings``."""
    layout = section_layouts(format)["fees"]
    scratch = FindingCollector(format)
    reader = TableReader(layout, scratch)
    labels = {row.key for row in layout.rows}
    # A row of one cell is a sentence (read below), or the label or the value of a figure
    # laid out one above the other.
    grids = [block for block in blocks if block.kind is BlockKind.GRID and (
        block.single_text is None or label_key(block.single_text) in labels
        or _is_value(block))]
    reader.read(grids, report_missing=False)
    findings.extend(scratch)
    for row in layout.rows:
        _in_the_unit_of_the_label(reader, row)
        if row.path not in reader.rows_read:
            _fee_from_text(blocks, row.path, row.text, row.columns[0].kind, reader, findings)
    return reader


def _in_the_unit_of_the_label(reader: TableReader, row: RowLayout) -> None:
    """An amount without a unit under or beside ``收费通知总金额（万元）`` is in 万元."""
    value = reader.values.get(row.path)
    source = reader.sources.get(format_path(row.path))
    unit = _LABEL_UNIT.search(fold(source.found_label)) if source is not None else None
    if isinstance(value, Decimal) and source is not None and unit is not None and \
            read_cell(source.raw, row.columns[0].kind).unit is None:
        reader.values[row.path] = in_unit(value, unit["unit"], row.columns[0].unit)


def _fee_from_text(blocks: Sequence[Block], path: tuple[PathSegment, ...], label: str,
                   kind: Any, reader: TableReader, findings: FindingCollector) -> None:
    pattern = _FEE_PATTERNS[str(path[-1])]
    for paragraph in paragraphs(blocks):
        match = pattern.search(fold(paragraph.text.translate(DIGIT_LOOKALIKES)))
        if match is None:
            continue
        reading = read_cell(match["value"] + (match["unit"] or ""), kind)
        if reading.status is not CellStatus.VALUE:
            continue
        value = reading.value
        if isinstance(value, Decimal) and reading.unit == "万元":
            value = Decimal(format(value.scaleb(4).normalize(), "f"))
        reader.values[path] = value
        reader.sources[format_path(path)] = CellSource(
            json_path=format_path(path), raw=match.group(), location=paragraph.location,
            found_label=match.group(), official_label=label, similarity=1.0,
            attribution="label")
        return
    reader.values[path] = None
    folded_label = fold(label)
    for block in blocks:
        # The label is on a line or in a table row, with what is no amount after it
        # (「收费通知总金额 三百元」).
        line = fold(" ".join(cell.text for cell in block.cells if cell.text))
        start = line.find(folded_label)
        after = _AFTER_LABEL.match(line, start + len(folded_label)) if start >= 0 else None
        written = after["written"] if after is not None else ""
        reading = read_cell(written, kind)
        # Another figure's label (a header row) or sentence is no value of this one.
        if written and reading.status is CellStatus.UNREADABLE and not mentions_fees(written):
            findings.add(RULE_UNREADABLE,
                         f"「{label}」「{written}」无法读取：{reading.reason}，留空",
                         f"{format_path(path)}: cannot read {written!r}; left blank",
                         paths=[path], location=block.cells[0].location)
            return
    findings.add(RULE_MISSING, f"六、其他需要报告的事项中未找到「{label}」，留空",
                 f"{label!r} not found in part 6; left blank", paths=[path])
