"""Finding the six parts of a report, and its format version from its tables.

A part heading is recognised by its chapter number and a text equal or close
to the official heading (:data:`~govinfo_report.model.SECTION_TITLES`) or to a
re-wording seen in local reports (:data:`HEADING_ALIASES`). Parts come in
order, so the ``四、`` of a table row is not taken for part 四.

The format version is decided by the labels of the tables of 二 and 三 that
only one version has (``本年新制作数量``, ``政府集中采购`` … for the trial format;
``本年制发件数``, the rows of ``（六）其他处理`` … for the 2021 format), never by
the year or by the notice a report cites.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Sequence

import attrs

from ..model import SECTION_TITLES, FormatVersion
from ._grid import Block, BlockKind, Cell
from ._labels import HEADING_ALIASES, TRADITIONAL, key_similarity, label_key, split_number, text_key
from ._layout import section_layouts

__all__ = ["Parts", "detect_format", "split_long_lines", "split_parts"]

_CHAPTERS = "一二三四五六"
_CHAPTER_NUMBERS = tuple(chapter + "、" for chapter in _CHAPTERS)
_HEADING_SIMILARITY = 0.6


def _titles(part: int) -> tuple[str, ...]:
    return (SECTION_TITLES[part - 1][2:], *HEADING_ALIASES.get(part, ()))


@functools.cache
def _title_keys(part: int) -> tuple[str, ...]:
    return tuple(label_key(title) for title in _titles(part))


@functools.cache
def _variants() -> dict[str, str]:
    variants: dict[str, str] = {}
    for traditional, simplified in TRADITIONAL.items():
        char = chr(simplified)
        variants[char] = variants.get(char, char) + chr(traditional)
    return variants


def _char_pattern(char: str) -> str:
    if char in "、，,":
        return r"[、，,]?\s*"
    if char in "（）()：:“”":
        return r"\W?\s*"
    return "[" + re.escape(_variants().get(char, char)) + r"]\s*"


@functools.cache
def _heading_pattern() -> re.Pattern[str]:
    alternatives = []
    for part in range(1, 7):
        numeral = _CHAPTERS[part - 1]
        for title in _titles(part):
            body = "".join(_char_pattern(char) for char in title)
            alternatives.append(rf"{numeral}\s*[、，,.．]\s*{body}")
    return re.compile("|".join(alternatives))


def split_long_lines(blocks: Sequence[Block], *, longer_than: int = 60) -> list[Block]:
    """Cut long text blocks before every part heading they contain (a report on one line)."""
    result: list[Block] = []
    pattern = _heading_pattern()
    for block in blocks:
        text = block.cells[0].text if block.kind is BlockKind.TEXT else ""
        if len(text) <= longer_than:
            result.append(block)
            continue
        cuts = sorted({place for match in pattern.finditer(text)
                       for place in (match.start(), match.end())} - {0, len(text)})
        if not cuts:
            result.append(block)
            continue
        location = block.cells[0].location
        for begin, end in itertools.pairwise([0, *cuts, len(text)]):
            piece = text[begin:end].strip()
            if piece:
                offset = None if location.offset is None else location.offset + begin
                result.append(Block.line(piece, attrs.evolve(location, offset=offset)))
    return result


def _heading_key(block: Block) -> tuple[str, str] | None:
    """The numbering and comparison key of a block that may be a part heading."""
    text = block.single_text
    if text is None or len(text) > 60:
        return None
    number, rest = split_number(text)
    key = label_key(rest)
    return (number, key) if key else None


def heading_part(block: Block, after: int) -> int | None:
    """The part (1–6) whose heading ``block`` is, if it is one of a part after ``after``."""
    heading = _heading_key(block)
    return None if heading is None else _part_of(heading, after)


def _part_of(heading: tuple[str, str], after: int) -> int | None:
    number, key = heading
    for part in range(after + 1, 7):
        if number and number != _CHAPTER_NUMBERS[part - 1]:
            continue
        for title in _title_keys(part):
            if key == title or (number and title in key and len(key) <= len(title) + 12):
                return part
            if number and len(key) <= 2 * len(title) + 6 and \
                    key_similarity(key, title) >= _HEADING_SIMILARITY:
                return part
    return None


@attrs.frozen
class Parts:
    """The blocks of a document by part: ``front`` before 一, then parts 1–6."""

    front: tuple[Block, ...]
    parts: dict[int, tuple[Block, ...]]
    headings: dict[int, Block]


def split_parts(blocks: Sequence[Block]) -> Parts:
    """Split ``blocks`` at the part headings."""
    current = 0
    collected: dict[int, list[Block]] = {0: []}
    headings: dict[int, Block] = {}
    before: dict[int, int] = {}
    for block in blocks:
        heading = _heading_key(block)
        part = None if heading is None else _part_of(heading, current)
        carried: list[Block] = []
        if part is None and current and heading is not None \
                and _part_of(heading, current - 1) == current:
            # The heading of the current part again: the first may be words of the part
            # before (a passage quoting it), which get back their heading and blocks; or
            # the second may be. Both stay in the part too: the tables' reader weighs two
            # readings of a row and never settles a disagreement silently.
            previous = before[current]
            carried = collected[current]
            collected[previous].extend((headings[current], *carried))
            part = current
        if part is not None:
            before.setdefault(part, current)
            current = part
            headings[part] = block
            collected[part] = carried
            continue
        collected[current].append(block)
    if 2 not in collected and 1 in collected:
        # A report whose tables follow 一 without the heading of 二: 二 starts at the
        # caption of its first table.
        first = next((index for index, block in enumerate(collected[1])
                      if _is_first_caption(block)), None)
        if first is not None:
            collected[2] = collected[1][first:]
            collected[1] = collected[1][:first]
            collected = dict(sorted(collected.items()))
    return Parts(front=tuple(collected[0]),
                 parts={part: tuple(found) for part, found in collected.items() if part},
                 headings=headings)


_FIRST_CAPTION = re.compile(r"第二十条第\(?一\)?项")


def _is_first_caption(block: Block) -> bool:
    """True for the caption of the first table of 二 standing on its own line or cell."""
    text = block.cells[0].text if block.cells else ""
    return len(text) <= 20 and _FIRST_CAPTION.fullmatch(text_key(text)) is not None


@functools.cache
def _distinct_labels() -> dict[FormatVersion, dict[str, str]]:
    labels: dict[FormatVersion, dict[str, str]] = {}
    for version in FormatVersion:
        found: dict[str, str] = {}
        for name in ("proactive_disclosure", "applications"):
            for row in section_layouts(version)[name].rows:
                for label in (row.label, *row.groups, *(column.label for column in row.columns)):
                    found.setdefault(text_key(label) if "条第" in label else label_key(label),
                                     label)
        labels[version] = found
    distinct: dict[FormatVersion, dict[str, str]] = {}
    for version, found in labels.items():
        others = [key for other, keys in labels.items() if other is not version for key in keys]
        distinct[version] = {key: label for key, label in found.items()
                             if len(key) >= 4 and not any(key in other for other in others)}
    return distinct


def detect_format(blocks: Sequence[Block]) -> tuple[FormatVersion | None, tuple[str, ...]]:
    """The version whose distinctive table labels ``blocks`` contain, with those labels.

    ``None`` when the tables do not tell (no distinctive label, or as many of each).
    """
    text = text_key("".join(cell.text for block in blocks for cell in block.cells))
    evidence = {version: tuple(label for key, label in labels.items() if key in text)
                for version, labels in _distinct_labels().items()}
    ranked = sorted(evidence.items(), key=lambda item: len(item[1]), reverse=True)
    (best, found), (_, runner_up) = ranked[0], ranked[1]
    if len(found) == len(runner_up):
        return None, ()
    return best, found


def cells_text(cells: Sequence[Cell]) -> str:
    """The non-empty texts of ``cells`` joined by spaces."""
    return " ".join(cell.text for cell in cells if cell.text)
