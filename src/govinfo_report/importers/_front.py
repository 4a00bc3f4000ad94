"""The opening of a report: organ, year, 文号, 签发人, publication date and preamble."""

from __future__ import annotations

import datetime
import re
from collections.abc import Sequence

import attrs

from ._grid import Block, BlockKind, Location
from ._labels import fold
from ._narrative import DATE, ORGAN_SUFFIX, Paragraph, joined_lines, read_date

__all__ = ["FrontMatter", "front_matter"]

_DOCUMENT_NUMBER = re.compile(
    r"(?:^|[\s:：])([\u4e00-\u9fff]{1,12}?)\s*[〔\[［【(（]\s*(\d{4})\s*[〕\]］】)）]\s*(\d{1,4})\s*号")
_SIGNER = re.compile(r"签\s*发\s*人\s*[:：]?\s*([\u4e00-\u9fff·]{2,6})")
_TITLE = re.compile(r"政府信息公开(?:工作)?年度报告")
_YEAR = re.compile(r"((?:19|20)\d{2})\s*年")
_WHITESPACE = re.compile(r"\s+")
_PUBLISHED = re.compile(r"(?:发布|成文|印发)(?:日期|时间)\s*[:：]?\s*" + DATE.pattern)


@attrs.define
class FrontMatter:
    """What the opening of a report says about it."""

    organ: str | None = None
    #: What the title names before the year when it is not an organ's full name (``某某镇``).
    title_name: str | None = None
    year: int | None = None
    published: datetime.date | None = None
    document_number: str | None = None
    signer: str | None = None
    preamble: list[Paragraph] = attrs.field(factory=list)
    sources: dict[str, tuple[str, Location]] = attrs.field(factory=dict)


_TITLE_SPLIT = re.compile(r"(?<=告)\s+|(?<=\d号)\s+|(?<=文件)\s+")


def front_matter(blocks: Sequence[Block]) -> FrontMatter:
    """Organ, year, 文号, 签发人 and preamble from the blocks before part 一."""
    result = FrontMatter()
    lines: list[Paragraph] = []
    for block in blocks:
        single = block.single_text
        if single is not None:
            cell = block.cells[0] if block.kind is BlockKind.TEXT else \
                next(cell for cell in block.cells if cell.text == single)
            if len(single) <= _ONE_LINE:
                if single.strip():
                    lines.append(Paragraph(single, cell.location))
                continue
            lines.extend(Paragraph(piece, cell.location)
                         for piece in _split_front(single) if piece.strip())
    title_index = None
    metadata_lines: set[int] = set()
    for index, line in enumerate(lines):
        folded = fold(line.text)
        compact = _WHITESPACE.sub("", folded)
        # Each pattern needs a word of its own: most lines are looked at no further.
        number = _DOCUMENT_NUMBER.search(folded) if "号" in folded else None
        signer = _SIGNER.search(folded) if "签" in folded else None
        published = _PUBLISHED.search(folded) if "日期" in folded or "时间" in folded else None
        if result.document_number is None and number:
            prefix = number[1]
            # The report's own 文号 stands on its own line (or, copied on one line, between
            # spaces); the notices a preamble cites (国办公开办函…) are not it.
            alone = len(compact) <= 30 or number.group()[:1].isspace()
            if alone and "国办" not in prefix:
                result.document_number = f"{prefix}〔{number[2]}〕{number[3]}号"
                result.sources["document_number"] = (line.text, line.location)
        if result.signer is None and signer:
            result.signer = signer[1]
            result.sources["signer"] = (line.text, line.location)
        if result.published is None and published:
            result.published = read_date(published)
            result.sources["published"] = (line.text, line.location)
        written = compact if folded is line.text else _WHITESPACE.sub("", line.text)
        letterhead = compact.endswith("文件") and len(compact) <= 40
        if letterhead and "organ" not in result.sources:
            result.organ = written[:-2]
            result.sources["organ"] = (line.text, line.location)
        if "年度报告" in compact and _TITLE.search(compact) and len(compact) <= 60 \
                and "。" not in compact:
            # The last title before part 一 ends the letterhead (a page repeats it in <title>).
            if title_index is None or "year" not in result.sources:
                _read_title(result, written, line)
            title_index = index
        if letterhead or _is_metadata_line(compact):
            metadata_lines.add(index)
    start = title_index + 1 if title_index is not None else 0
    result.preamble = joined_lines((line.text, line.location)
                                   for index, line in enumerate(lines[start:], start)
                                   if index not in metadata_lines)
    return result


#: A line this short is not a report copied on one line.
_ONE_LINE = 60


def _split_front(text: str) -> list[str]:
    # A report copied on one line: cut after the title, the 文号 and the letterhead.
    if len(text) <= _ONE_LINE:
        return [text]
    return [piece for piece in _TITLE_SPLIT.split(text) if piece]


def _read_title(result: FrontMatter, written: str, line: Paragraph) -> None:
    year = _YEAR.search(written)
    if year is None:
        return
    result.year = int(year[1])
    result.sources["year"] = (line.text, line.location)
    before = written[:year.start()]
    if "organ" not in result.sources and re.search(ORGAN_SUFFIX + "$", fold(before)):
        result.organ = before
        result.sources["organ"] = (line.text, line.location)
    elif before and len(before) <= 30:
        result.title_name = before


def _is_metadata_line(compact: str) -> bool:
    """A 文号, 签发人 or date line, given its folded text without spaces (each pattern needs
    a word of its own: most lines are looked at no further)."""
    return bool(("号" in compact and _DOCUMENT_NUMBER.search(compact) and len(compact) <= 30)
                or ("签" in compact and _SIGNER.search(compact))
                or (("日期" in compact or "时间" in compact) and _PUBLISHED.search(compact)))
