"""Cutting the blocks of a part into segments: the label text of a row and its values.

A table row of the source (tab- or ``|``-separated line, HTML or Word row) is
one segment; running text is tokenised and cut where a label follows values,
so a table copied one cell per line or all on one line reads the same way.
In a row, the values (the *slots*) are the cells after its last label cell:
empty ones included, since an empty cell may be a blank cell of the row.

>>> from ._grid import Location
>>> [segment.text for segment in segments_of([Block.line("规章 1 2 3 行政规范性文件 4 5 6",
...                                                        Location(line=1, offset=0))])]
['规章 1 2 3', '行政规范性文件 4 5 6']
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

import attrs

from ._cells import TokenKind, classify
from ._grid import Block, BlockKind, Cell, Location
from ._layout import RowLayout

__all__ = ["Segment", "join_vertical", "segments_of", "split_glued"]

_TOKEN = re.compile(r"[^\s|\uff5c\u2502]+")
_PATH_MARK = "\u203a"
#: A label with digits run on (``规章000``): the label, then the digits.
_GLUED = re.compile(r"(\D*[\u4e00-\u9fff])(\d+)")
_GLUED_ROWS = re.compile(r"(?:\D*[\u4e00-\u9fff]\d+)+")


@attrs.define
class Segment:
    """The label cells of one row of the source and its value slots, as they are read."""

    labels: list[Cell]
    slots: list[Cell]
    grid: Block | None
    row: RowLayout | None = None
    found: str = ""
    similarity: float = 0.0
    header: bool = False
    table: str | None = None
    #: True when the row follows its table's caption or header (not a passage of text).
    in_table: bool = False
    #: True when the empty cells among the slots are known (blank-separated lines).
    spaced: bool = False
    #: True for the segment the source ends with (its row may be cut off).
    at_end: bool = False
    #: The slots that hold something (a value, a placeholder, unreadable text).
    filled: list[Cell] = attrs.field(init=False)

    def __attrs_post_init__(self) -> None:
        self.filled = [cell for cell in self.slots if classify(cell.text) is not TokenKind.EMPTY]

    @property
    def location(self) -> Location:
        cells = self.labels or self.slots
        return cells[0].location if cells else Location()

    @property
    def text(self) -> str:
        return " ".join(cell.text for cell in (*self.labels, *self.slots) if cell.text)


def _tokens(block: Block) -> Iterator[Cell]:
    tokens = list(_split_tokens(block))
    if block.cut and tokens and tokens[-1].text[-1:].isdigit():
        tokens[-1] = attrs.evolve(tokens[-1], cut=True)
    yield from tokens


def _split_tokens(block: Block) -> Iterator[Cell]:
    cell = block.cells[0]
    base = cell.location
    for match in _TOKEN.finditer(cell.text):
        offset = None if base.offset is None else base.offset + match.start()
        token = match.group()
        if _GLUED_ROWS.fullmatch(token) and classify(token) is TokenKind.TEXT:
            # Labels each followed by its digits, without separators (``规章000行政…000``).
            for glued in _GLUED.finditer(token):
                place = None if offset is None else offset + glued.start()
                yield Cell(glued[1], attrs.evolve(base, offset=place))
                place = None if offset is None else offset + glued.start(2)
                yield Cell(glued[2], attrs.evolve(base, offset=place), glued=True)
            continue
        drawn = cell.drawn_at(match.start()) if cell.drawn else None
        yield Cell(token, attrs.evolve(base, offset=offset),
                   drawn=((0, *drawn),) if drawn is not None else ())


def split_glued(digits: str, count: int) -> list[str] | None:
    """The one way to cut ``digits`` into ``count`` numbers written without leading
    zeros, or ``None`` when there is none or more than one.

    >>> split_glued("000", 3), split_glued("1203", 3), split_glued("123", 2)
    (['0', '0', '0'], None, None)
    """
    found: list[list[str]] = []

    def cut(rest: str, left: int, parts: list[str]) -> None:
        if len(found) > 1:
            return
        if left == 1:
            if rest and (rest == "0" or not rest.startswith("0")):
                found.append([*parts, rest])
            return
        for end in range(1, len(rest) - left + 2):
            head = rest[:end]
            if head != "0" and head.startswith("0"):
                break
            cut(rest[end:], left - 1, [*parts, head])

    cut(digits, count, [])
    return found[0] if len(found) == 1 else None


def _grid_segment(block: Block) -> Segment:
    # A label written with its group headers (``三、本年度办理结果 › （一）予以公开``, as
    # Markdown tables flatten merged headers) is read as the labels it joins.
    cells = [attrs.evolve(cell, text=piece.strip()) if piece is not None else cell
             for cell in block.cells
             for piece in (cell.text.split(_PATH_MARK) if _PATH_MARK in cell.text else [None])]
    last = max((index for index, cell in enumerate(cells) if cell.text.strip()), default=None)
    if block.cut and last is not None and cells[last].text.strip()[-1:].isdigit():
        cells[last] = attrs.evolve(cells[last], cut=True)
    kinds = [classify(cell.text) for cell in cells]
    first_value = next((index for index, kind in enumerate(kinds)
                        if kind in (TokenKind.NUMBER, TokenKind.PLACEHOLDER)), None)
    if first_value is None:
        labels = [index for index, kind in enumerate(kinds) if kind is TokenKind.TEXT]
        # In HTML and Word an empty cell after the label is a blank cell of the row.
        slots = cells[labels[-1] + 1:] if labels and block.explicit else []
        return Segment([cells[index] for index in labels], slots, block)
    label_indexes = [index for index in range(first_value) if kinds[index] is TokenKind.TEXT]
    last_label = label_indexes[-1] if label_indexes else -1
    return Segment([cells[index] for index in label_indexes], cells[last_label + 1:], block)


def _empty_cells_by_gap(blocks: Sequence[Block]) -> bool:
    """True when the lines of text are cells each after one empty line (a table copied one
    cell per line, blank-separated): there, three empty lines hold an empty cell."""
    gaps = [block.gap for block in blocks if block.kind is BlockKind.TEXT]
    return len(gaps) >= 4 and sum(gap == 1 for gap in gaps) * 4 >= len(gaps) * 3 and \
        all(gap % 2 == 1 for gap in gaps[1:])


def _is_one_character(block: Block) -> bool:
    text = block.cells[0].text.strip() if block.kind is BlockKind.TEXT else ""
    return len(text) == 1 and "\u4e00" <= text <= "\u9fff"


def _words(text: str, vocabulary: frozenset[str]) -> list[str]:
    """``text`` cut into the longest words of ``vocabulary``, other characters kept together."""
    longest = max((len(word) for word in vocabulary), default=0)
    words: list[str] = []
    other = ""
    start = 0
    while start < len(text):
        size = next((size for size in range(min(longest, len(text) - start), 1, -1)
                     if text[start:start + size] in vocabulary), 0)
        if size:
            if other:
                words.append(other)
                other = ""
            words.append(text[start:start + size])
            start += size
        else:
            other += text[start]
            start += 1
    return [*words, other] if other else words


def join_vertical(blocks: Sequence[Block], vocabulary: frozenset[str]) -> list[Block]:
    """Lines of one character each (a header printed vertically, as OCR reads it) joined
    and cut into the labels of ``vocabulary``; other blocks unchanged."""
    result: list[Block] = []
    index = 0
    while index < len(blocks):
        end = index
        while end < len(blocks) and _is_one_character(blocks[end]):
            end += 1
        if end - index < 3 or not vocabulary:
            result.extend(blocks[index:max(end, index + 1)])
            index = max(end, index + 1)
            continue
        joined = "".join(block.cells[0].text.strip() for block in blocks[index:end])
        position = index
        for word in _words(joined, vocabulary):
            result.append(Block.line(word, blocks[position].location))
            position += len(word)
        index = end
    return result


def segments_of(blocks: Sequence[Block], vocabulary: frozenset[str] = frozenset()
                ) -> list[Segment]:
    """Cut the blocks of a part into label-then-values segments; with a ``vocabulary``,
    vertical labels (one character per line) are joined first."""
    blocks = join_vertical(blocks, vocabulary)
    segments: list[Segment] = []
    labels: list[Cell] = []
    values: list[Cell] = []
    by_gap = _empty_cells_by_gap(blocks)
    spaced = False

    def flush() -> None:
        if labels or values:
            segments.append(Segment(list(labels), list(values), None, spaced=spaced))
            labels.clear()
            values.clear()

    for block in blocks:
        if block.kind is BlockKind.GRID:
            flush()
            segments.append(_grid_segment(block))
            continue
        empties = (block.gap - 1) // 2 if by_gap else 0
        if empties and labels:
            # Empty cells of the row, between its label or values and this line.
            values.extend(Cell("", block.location) for _ in range(empties))
            spaced = True
        for token in _tokens(block):
            if classify(token.text) is TokenKind.TEXT:
                if values:
                    flush()
                    spaced = False
                labels.append(token)
            else:
                values.append(token)
    flush()
    if segments and blocks and blocks[-1].ends:
        segments[-1].at_end = True
    return segments
