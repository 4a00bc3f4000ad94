"""The basic information a report may close with (``机关名称：…``, ``发布日期：…``).

Reports this library writes, and some published pages, end with the report's
basic information: ``label：value`` lines (a Markdown list of them), or label
and value in turn (an HTML definition list). That block is metadata, not text
of the last part. It is recognised when at least two of its labels are
official metadata labels (from the label registry).

>>> from ._grid import Location
>>> lines = [Block.line(text, Location(line=n)) for n, text in enumerate(
...     ["无", "机关名称：某某镇人民政府", "发布日期：2024年1月22日", "报告格式：略"])]
>>> kept, found = metadata_tail(lines)
>>> [block.text for block in kept], read_metadata(found)["published"]
(['无'], datetime.date(2024, 1, 22))
"""

from __future__ import annotations

import contextlib
import datetime
import functools
import re
from collections.abc import Sequence
from typing import Any

from ..labels import iter_fields
from ..model import FormatVersion, OrganLevel
from ._grid import Block, Location

__all__ = ["metadata_tail", "read_metadata"]

_LABEL_VALUE = re.compile(r"(?:[-*•]\s+)?([\u4e00-\u9fff]{2,6})\s*[：:]\s*(\S.*)")
_LABEL = re.compile(r"[\u4e00-\u9fff]{2,6}")
_DATE = re.compile(r"(\d{4})\s*[年\-/.]\s*(\d{1,2})\s*[月\-/.]\s*(\d{1,2})\s*日?")


@functools.cache
def _fields() -> dict[str, str]:
    """Official metadata labels and the field each names."""
    return {info.label: str(info.path[1]) for info in iter_fields(FormatVersion.V2021)
            if len(info.path) == 2 and info.path[0] == "metadata"}


def metadata_tail(blocks: Sequence[Block]
                  ) -> tuple[tuple[Block, ...], dict[str, tuple[str, Location]]]:
    """``blocks`` without the closing block of basic information, and what it gives by
    field name (raw value and location); ``blocks`` unchanged when there is none."""
    known = _fields()
    index = len(blocks)
    found: dict[str, tuple[str, Location]] = {}
    while index > 0:
        text = (blocks[index - 1].single_text or "").strip()
        label_text = (blocks[index - 2].single_text or "").strip() if index >= 2 else ""
        match = _LABEL_VALUE.fullmatch(text)
        if match is not None and (match[1] in known or not found):
            label, value, index = match[1], match[2].strip(), index - 1
        elif text and _LABEL.fullmatch(label_text) and (label_text in known or not found):
            label, value, index = label_text, text, index - 2
        else:
            break
        if label in known:
            found.setdefault(known[label], (value, blocks[index].location))
    if len(found) < 2:
        return tuple(blocks), {}
    return tuple(blocks[:index]), found


def read_metadata(found: dict[str, tuple[str, Location]]) -> dict[str, Any]:
    """The metadata values of a closing block (those that read as their type)."""
    values: dict[str, Any] = {}
    for name, (raw, _) in found.items():
        if name == "published":
            date = _DATE.fullmatch(raw)
            if date is not None:
                with contextlib.suppress(ValueError):
                    values[name] = datetime.date(int(date[1]), int(date[2]), int(date[3]))
        elif name == "year":
            if raw.isdigit():
                values[name] = int(raw)
        elif name == "level":
            level = next((member for member in OrganLevel if member.label == raw), None)
            if level is not None:
                values[name] = level
        else:
            values[name] = raw
    return values
