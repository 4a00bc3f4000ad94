"""Counts as the texts of 一、总体情况 write them: Arabic or Chinese numerals.

Reports write ``12件``, ``１２件`` (full-width digits), ``十二件``, ``一百零五件``
or ``两件``. :data:`NUMBER` is the regular-expression fragment that finds
such a numeral (common subset of Python and ECMAScript), :func:`parse_count`
reads it. A run of numeral characters that is not a well-formed numeral (``三五``
"three or five", ``二〇二三`` a year) is no count: the parser returns ``None``.

>>> [parse_count(text) for text in ("12", "１２", "十二", "二十", "一百零五", "两", "零")]
[12, 12, 12, 20, 105, 2, 0]
>>> parse_count("一万零三百"), parse_count("两千五"), parse_count("一百五十"), parse_count("一百五")
(10300, 2500, 150, 150)
>>> parse_count("三五") is None, parse_count("二〇二三") is None, parse_count("百") is None
(True, True, True)
"""

from __future__ import annotations

import re

from ..limits import MAX_NUMERAL_DIGITS

__all__ = ["NUMBER", "numeral_tables", "parse_count"]

_ARABIC = "0-9０-９"
_CHINESE = "〇零一二两三四五六七八九十百千万"
#: A numeral: Arabic digits (half or full width) or Chinese numeral characters.
NUMBER = f"[{_ARABIC}]+|[{_CHINESE}]+"

_FULL_WIDTH = str.maketrans("０１２３４５６７８９", "0123456789")
_DIGITS = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_UNITS = {"十": 10, "百": 100, "千": 1000}
_ZEROS = "〇零"
_ARABIC_NUMBER = re.compile(f"[{_ARABIC}]+")


def parse_count(text: str) -> int | None:
    """The value of the numeral ``text`` (below 一亿), or ``None`` if it is not one.

    A run of more than :data:`~govinfo_report.limits.MAX_NUMERAL_DIGITS`
    characters is none (a phone number, an identifier).
    """
    if len(text) > MAX_NUMERAL_DIGITS:
        return None
    if text.isascii():
        return int(text) if text.isdigit() else None
    if _ARABIC_NUMBER.fullmatch(text):
        return int(text.translate(_FULL_WIDTH))
    if text in tuple(_ZEROS):
        return 0
    high, wan, low = text.partition("万")
    if not wan:
        return _section(text, after=None)
    if not high or "万" in low:
        return None
    thousands = _section(high, after=None)
    rest = _section(low, after=10000) if low else 0
    return None if thousands is None or rest is None else thousands * 10000 + rest


def _section(text: str, *, after: int | None) -> int | None:
    """A numeral below 一万; ``after`` is the unit written just before it (万), if any.

    A final digit right after a unit counts a tenth of that unit (``一百五``
    is 150, ``一万二`` 12000) unless 零 came between (``一百零五`` is 105).
    """
    value, digit, zero = 0, None, False
    unit_before = after
    for char in text:
        if char in _ZEROS:
            if digit is not None or zero or unit_before is None:
                return None
            zero = True
        elif char in _DIGITS:
            if digit is not None:
                return None
            digit = _DIGITS[char]
        elif char in _UNITS:
            unit = _UNITS[char]
            if unit_before is not None and unit >= unit_before:
                return None
            if digit is None:
                if unit != 10:
                    return None
                digit = 1  # 十二, 一百十, 一千零十
            value += digit * unit
            digit, zero, unit_before = None, False, unit
        else:
            return None
    if digit is not None:
        scale = 1 if zero or unit_before is None else unit_before // 10
        return value + digit * scale
    return None if zero else value


def numeral_tables() -> dict[str, object]:
    """The characters :func:`parse_count` reads, as data for engines in other languages."""
    arabic = {str(digit): digit for digit in range(10)}
    arabic.update({chr(ord("０") + digit): digit for digit in range(10)})
    return {"number": NUMBER, "arabic": arabic, "digits": dict(_DIGITS), "units": dict(_UNITS),
            "zeros": _ZEROS, "myriad": {"万": 10000}, "max_length": MAX_NUMERAL_DIGITS}
