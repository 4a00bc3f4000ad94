"""The text parts of a report: 一, 五, 六 and the signature that closes it.

Lines broken by a page or a column (a line that does not end a sentence,
followed by one that does not start a numbered item) are joined; paragraphs
are kept apart by ``\\n``. Standalone sub-headings (``（一）存在的主要问题``)
decide where a paragraph goes and are not kept; a sub-heading that opens its
paragraph (``（一）主动公开工作。一是……``) stays with it. The narrative
is otherwise kept as written: the importer does not correct the text.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable, Iterator, Sequence

import attrs

from ..model import Overview, Problems
from ..model._introspect import model_fields
from ._grid import Block, BlockKind, Location
from ._labels import key_similarity, label_key, split_number

__all__ = ["DATE", "ORGAN_SUFFIX", "Paragraph", "joined_lines", "overview", "paragraphs",
           "problems", "read_date", "strip_end_matter"]


@attrs.define
class Paragraph:
    """A paragraph of running text and where it starts."""

    text: str
    location: Location


_BOLD = re.compile(r"\*\*|__")
_SUB_NUMBER_SPACE = re.compile(r"^(\d{1,2}\.|[（(][一二三四五六七八九十]{1,3}[)）])\s+")
_ENDS_SENTENCE = re.compile(r"[。！？；：:;!?…]$|[。！？][”’」』）)]$")
_INLINE_ITEM = re.compile(r"(?<=[。；！？\s])(?=[（(][一二三四五六七八九十]{1,2}[)）])")
#: A sub-heading followed by its text on the same line (a report copied on one line).
_HEADING_THEN_TEXT = re.compile(
    r"([（(][一二三四五六七八九十]{1,2}[)）][^\s。，,；;：:]{2,24})\s+(?=\S)")
DATE = re.compile(r"(\d{4})\s*[年\-/.]\s*(\d{1,2})\s*[月\-/.]\s*(\d{1,2})\s*日?")
_END_DATE = re.compile(r"\s*(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*$")
ORGAN_SUFFIX = r"(?:人民政府|政府|办事处|委员会|办公室|办公厅|局|厅|委|中心|院|署|管委会|公司)"
_ORGAN_LINE = re.compile(rf"^[\u4e00-\u9fff（）()]{{2,30}}{ORGAN_SUFFIX}$")
_TRAILING_ORGAN = re.compile(rf"\s+[\u4e00-\u9fff（）()]{{2,30}}{ORGAN_SUFFIX}\s*$")


def clean(text: str) -> str:
    """Markup left by conversions removed, the numbering of an item closed up."""
    if "*" in text or "_" in text:
        text = _BOLD.sub("", text)
    text = text.strip().strip("\u3000").strip()
    if text[:1] in _NUMBER_STARTS:
        text = _SUB_NUMBER_SPACE.sub(r"\1", text)
    return text


#: The characters an item number starts with (``1.``, ``（一）``, ``(一)``).
_NUMBER_STARTS = frozenset("0123456789（(")


def _is_heading(text: str) -> bool:
    number, rest = split_number(text)
    return bool(number) and len(rest) <= 24 and "。" not in rest


#: A line broken by a page or a column is a full line; shorter ones are headings,
#: signatures, dates or one-word answers (``无``).
_FULL_LINE = 16


#: A paragraph longer than this is no heading (number, at most 24 characters, spaces).
_LONGEST_HEADING = 40


class _Growing:
    """The paragraph being joined: its lines, total length and last characters, so that
    deciding whether the next line continues it does not look at the whole of it."""

    __slots__ = ("length", "lines", "location", "tail")

    def __init__(self, text: str, location: Location) -> None:
        self.lines = [text]
        self.length = len(text)
        self.tail = text[-4:]
        self.location = location

    def add(self, text: str) -> None:
        self.lines.append(text)
        self.length += len(text)
        self.tail = (self.tail + text)[-4:]

    def continued_by(self, following: str) -> bool:
        if self.length < _FULL_LINE or _ENDS_SENTENCE.search(self.tail):
            return False
        if self.length <= _LONGEST_HEADING and _is_heading("".join(self.lines)):
            return False
        return not split_number(following)[0] and not _END_DATE.fullmatch(following)

    def paragraph(self) -> Paragraph:
        return Paragraph("".join(self.lines), self.location)


def paragraphs(blocks: Sequence[Block], *, split_items: bool = False) -> list[Paragraph]:
    """The running text of ``blocks`` (tables left out) as paragraphs."""
    return joined_lines(_lines(blocks, split_items=split_items))


def _lines(blocks: Sequence[Block], *, split_items: bool) -> Iterator[tuple[str, Location]]:
    for block in blocks:
        line = block.single_text
        if line is None:
            continue
        location = block.cells[0].location if block.kind is BlockKind.TEXT else \
            next(cell for cell in block.cells if cell.text == line).location
        if not split_items:
            yield line, location
            continue
        for piece in _INLINE_ITEM.split(line):
            for part in _heading_split(piece):
                yield part, location


def joined_lines(lines: Iterable[tuple[str, Location]]) -> list[Paragraph]:
    """Lines of running text, each with where it starts, joined into paragraphs."""
    result: list[_Growing] = []
    for line, location in lines:
        text = clean(line)
        if not text:
            continue
        if result and result[-1].continued_by(text):
            result[-1].add(text)
        else:
            result.append(_Growing(text, location))
    return [growing.paragraph() for growing in result]


def _heading_split(text: str) -> list[str]:
    match = _HEADING_THEN_TEXT.match(text.strip())
    if match is None:
        return [text]
    return [match[1], text.strip()[match.end():]]


def _join(found: Sequence[Paragraph]) -> str:
    return "\n".join(paragraph.text for paragraph in found)


def _labels_of(cls: type) -> list[tuple[str, str]]:
    return [(field.name, field.spec.text) for field in model_fields(cls)]


def overview(blocks: Sequence[Block]) -> tuple[dict[str, str], dict[str, Location]]:
    """一、总体情况: the summary and the five aspects, by their sub-headings."""
    aspects = _labels_of(Overview)[1:]
    summary_name = _labels_of(Overview)[0][0]
    return _assign(paragraphs(blocks, split_items=True), summary_name, aspects,
                   headings_only=False)


_IMPROVEMENT_WORDS = ("改进", "措施", "整改", "下一步", "努力方向", "计划")
_PROBLEM_WORDS = ("问题", "不足")


def problems(blocks: Sequence[Block]) -> tuple[dict[str, str], dict[str, Location]]:
    """五、存在的主要问题及改进情况: problems, then improvements, by their sub-headings."""
    fields = _labels_of(Problems)
    return _assign(paragraphs(blocks, split_items=True), fields[0][0], fields,
                   headings_only=True)


def _score(heading: str, name_label: tuple[str, str], index: int, position: int) -> float:
    key = label_key(heading)
    label = label_key(name_label[1])
    score = key_similarity(key[:len(label) + 4], label)
    if label in key:
        score += 0.5
    if name_label[0] == "improvements" and any(word in heading for word in _IMPROVEMENT_WORDS):
        score += 0.5
    if name_label[0] == "problems" and any(word in heading for word in _PROBLEM_WORDS) and \
            not any(word in heading for word in _IMPROVEMENT_WORDS):
        score += 0.5
    if index == position:
        score += 0.3
    return score


def _assign(found: list[Paragraph], first: str, targets: list[tuple[str, str]], *,
            headings_only: bool) -> tuple[dict[str, str], dict[str, Location]]:
    parts: dict[str, list[Paragraph]] = {first: []}
    current = first
    taken: set[str] = set()
    for paragraph in found:
        number, rest = split_number(paragraph.text)
        standalone = _is_heading(paragraph.text)
        if number.startswith("（") and (standalone or not headings_only):
            position = "一二三四五六七八九十".find(number[1])
            clause = re.split(r"[。：:，,；;]", rest, maxsplit=1)[0]
            ranked = sorted(((_score(clause, target, index, position), target[0])
                             for index, target in enumerate(targets) if target[0] not in taken),
                            reverse=True)
            if ranked and ranked[0][0] >= 0.5:
                current = ranked[0][1]
                taken.add(current)
                parts.setdefault(current, [])
                if standalone:
                    continue
        parts.setdefault(current, []).append(paragraph)
    texts = {name: _join(found) for name, found in parts.items() if found}
    locations = {name: found[0].location for name, found in parts.items() if found}
    return texts, locations


def strip_end_matter(found: list[Paragraph]) -> tuple[list[Paragraph], datetime.date | None,
                                                      str | None]:
    """Remove the signature and date that close a report; return them."""
    found = [attrs.evolve(paragraph) for paragraph in found]
    published: datetime.date | None = None
    signature: str | None = None
    for _ in range(3):
        if not found:
            break
        last = found[-1]
        match = _END_DATE.search(last.text)
        if published is None and match is not None:
            published = read_date(match)
            last.text = last.text[:match.start()].rstrip()
        elif signature is None and _ORGAN_LINE.match(last.text.strip()):
            signature = last.text.strip()
            last.text = ""
        elif signature is None and (organ := _TRAILING_ORGAN.search(last.text)):
            signature = organ.group().strip()
            last.text = last.text[:organ.start()].rstrip()
        else:
            break
        if not last.text:
            found.pop()
    return found, published, signature


def read_date(match: re.Match[str]) -> datetime.date | None:
    """The date of a match of :data:`DATE` (year, month, day groups), if it exists."""
    try:
        return datetime.date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return None
