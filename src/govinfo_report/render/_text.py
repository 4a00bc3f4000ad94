"""Texts as every renderer shows them: cleaned, split into paragraphs, dates as 公文 write them.

>>> paragraphs("  第一段\\r\\n\\n第二段\\x00 ")
('第一段', '第二段\\ufffd')
>>> format_date(datetime.date(2024, 1, 22))
'2024年1月22日'
"""

from __future__ import annotations

import datetime
import re

__all__ = ["clean_text", "format_date", "paragraphs"]

# Code points HTML5 and XML (docx) both refuse: C0/C1 controls except tab and
# newline, lone surrogates, noncharacters (U+FDD0–U+FDEF and U+xFFFE/U+xFFFF
# of every plane; the astral ones are checked only when the text has any).
# And the bidirectional embeddings, overrides and isolates (U+202A–U+202E,
# U+2066–U+2069), which would let a text show other than it reads (spoofing):
# replaced visibly rather than dropped, so a reader sees something was there.
_FORBIDDEN_BMP = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069"
                            "\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff]")
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


def _replace_astral_noncharacter(match: re.Match[str]) -> str:
    character = match.group()
    return "\ufffd" if ord(character) & 0xFFFE == 0xFFFE else character


def clean_text(text: str) -> str:
    """``text`` with line ends normalised and unprintable code points replaced by U+FFFD.

    Bidirectional control characters count as unprintable: every renderer
    shows U+FFFD in their place.

    >>> clean_text("a\\r\\nb\\x00\\U0001fffe")
    'a\\nb\\ufffd\\ufffd'
    """
    text = _FORBIDDEN_BMP.sub("\ufffd", text.replace("\r\n", "\n").replace("\r", "\n"))
    if not text.isascii():
        text = _ASTRAL.sub(_replace_astral_noncharacter, text)
    return text


def paragraphs(text: str) -> tuple[str, ...]:
    """The non-empty lines of ``text``, cleaned and stripped."""
    if not text:
        return ()
    return tuple(line for line in map(str.strip, clean_text(text).split("\n")) if line)


def format_date(date: datetime.date | None) -> str:
    """A date as 公文 write it: ``2024年1月22日``."""
    return "" if date is None else f"{date.year}年{date.month}月{date.day}日"
