"""Display width of text in a terminal or a monospaced font (CJK characters take two columns).

Uses :func:`wcwidth.wcswidth` when the optional ``text`` extra is installed
(``pip install govinfo-report[text]``), else the East Asian Width property
from :mod:`unicodedata`, which agrees for the characters reports use
(CJK ideographs and full-width punctuation are wide, combining marks take
no column).

>>> display_width("行政许可"), display_width("0.35"), display_width("（一）")
(8, 4, 6)
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable

__all__ = ["display_width", "fallback_width", "pad"]

_wcswidth: Callable[[str], int] | None
try:
    from wcwidth import wcswidth as _wcswidth
except ImportError:  # pragma: no cover - exercised by the test of the fallback
    _wcswidth = None


def fallback_width(text: str) -> int:
    """Width from the East Asian Width property: W and F are 2, combining marks 0."""
    return sum(0 if unicodedata.combining(character)
               else 2 if unicodedata.east_asian_width(character) in "WF" else 1
               for character in text)


def display_width(text: str) -> int:
    """Columns ``text`` takes in a monospaced CJK rendering."""
    if _wcswidth is not None:
        width = _wcswidth(text)
        if width >= 0:
            return width
    return fallback_width(text)


def pad(text: str, width: int, align: str = "left") -> str:
    """``text`` padded with spaces to ``width`` columns (``left``, ``right`` or ``center``).

    >>> pad("规章", 6, "right") + "|"
    '  规章|'
    """
    missing = max(0, width - display_width(text))
    if align == "right":
        return " " * missing + text
    if align == "center":
        return " " * (missing // 2) + text + " " * (missing - missing // 2)
    return text + " " * missing
