"""Reading one table cell: numbers, numbers with units, signed changes, placeholders.

Placeholders (blank, ``/``, ``-``, ``—``, ``_``, ``无`` and runs of dashes)
become **blank** (``None``), never 0. A cell that is neither a number nor a
placeholder is *unreadable*: it also stays blank, and the importer reports it.
Characters that only look like digits once folded (``①``, ``㉔``, ``²``) are not
digits.

>>> read_cell("251000元", Kind.MONEY).value
Decimal('251000')
>>> read_cell("减4", Kind.SIGNED).value
-4
>>> read_cell("—", Kind.COUNT).status
<CellStatus.BLANK: 'blank'>
>>> read_cell("-3", Kind.COUNT).status
<CellStatus.UNREADABLE: 'unreadable'>
>>> read_cell("㉔", Kind.COUNT).status
<CellStatus.UNREADABLE: 'unreadable'>
"""

from __future__ import annotations

import enum
import functools
import re
import unicodedata
from decimal import Decimal

import attrs

from ..limits import IMPORT_MAX_CELL_DIGITS
from ..model._fields import Kind
from ._labels import TRADITIONAL

__all__ = ["DIGIT_LOOKALIKES", "CellStatus", "CellValue", "TokenKind", "classify", "read_cell"]


class TokenKind(enum.Enum):
    """What a piece of table text looks like before it is attributed."""

    EMPTY = "empty"
    PLACEHOLDER = "placeholder"
    NUMBER = "number"
    TEXT = "text"


class CellStatus(enum.Enum):
    """The outcome of reading a cell."""

    VALUE = "value"
    BLANK = "blank"
    UNREADABLE = "unreadable"


@attrs.frozen
class CellValue:
    """A cell read from the source."""

    status: CellStatus
    value: int | Decimal | None = None
    #: The unit written in the cell (``元``, ``万元``, ``件`` …), if any.
    unit: str | None = None
    #: Why an unreadable cell was not read (Chinese, for the finding).
    reason: str = ""


_SIGNS = "+\\-\u2212\ufe63\uff0d"
_NUMBER = re.compile(
    rf"(?P<sign>[{_SIGNS}]|增加|增|减少|减)?\s*"
    # ASCII digits only (full-width ones are folded to them): re's \d would take the digits
    # of any script, reading "15" and a stray "۷" as 157.
    r"(?P<digits>[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.(?P<fraction>[0-9]+))?\s*"
    r"(?P<unit>万元|元|件|项|个|条|次|份)?")
_PLACEHOLDER = re.compile(r"[/\\\-_\u2010-\u2015\u2212\u30fc\uff0d\uff3f\u2500]+|无")
#: A blank cell that still names its unit (``—万元``: no amount, recorded in 万元).
_PLACEHOLDER_UNIT = re.compile(
    rf"(?:{_PLACEHOLDER.pattern})\s*(?P<unit>万元|元|件|项|个|条|次|份)")
_UNITS_OF_KIND = {
    Kind.COUNT: frozenset({"件", "项", "个", "条", "次", "份"}),
    Kind.SIGNED: frozenset({"件", "项", "个", "条", "次", "份"}),
    Kind.MONEY: frozenset({"元", "万元"}),
}


#: Blocks of characters that NFKC turns into ASCII digits without being digits: super- and
#: subscripts, fractions, circled and parenthesised numbers (``㉔`` → ``24``).
_LOOKALIKE_BLOCKS = ((0xB2, 0xBE), (0x2070, 0x209F), (0x2150, 0x218F), (0x2460, 0x24FF),
                     (0x2776, 0x2793), (0x3220, 0x32CF), (0x3358, 0x33FF), (0x1F100, 0x1F10C))
#: Those characters, each to U+FFFD: a damaged text layer or OCR makes them out of other
#: glyphs (``实际收取的总金额`` came out as ``实际收取的总金ɔੂ㉔``), and read as digits they
#: would be a number no one wrote. Full-width digits are digits and stay.
DIGIT_LOOKALIKES = {
    code: "\ufffd" for start, end in _LOOKALIKE_BLOCKS for code in range(start, end + 1)
    if unicodedata.decimal(chr(code), None) is None
    and not set(unicodedata.normalize("NFKC", chr(code))).isdisjoint("0123456789")}


def _fold(text: str) -> str:
    # Full-width digits, signs and stops (OCR and Word output) become ASCII; 無 and 減 simplified.
    if text.isascii():
        return text.strip()
    return unicodedata.normalize("NFKC", text.translate(DIGIT_LOOKALIKES)).translate(
        TRADITIONAL).strip()


@functools.lru_cache(maxsize=8192)
def classify(text: str) -> TokenKind:
    """Whether ``text`` is empty, a placeholder, a number (with sign or unit) or text."""
    folded = _fold(text)
    if not folded:
        return TokenKind.EMPTY
    if _PLACEHOLDER.fullmatch(folded) or _PLACEHOLDER_UNIT.fullmatch(folded):
        return TokenKind.PLACEHOLDER
    if _NUMBER.fullmatch(folded):
        return TokenKind.NUMBER
    return TokenKind.TEXT


@functools.lru_cache(maxsize=8192)
def read_cell(text: str, kind: Kind) -> CellValue:
    """Read ``text`` as a cell of ``kind`` (count, signed count or money)."""
    folded = _fold(text)
    if not folded or _PLACEHOLDER.fullmatch(folded):
        return CellValue(CellStatus.BLANK)
    if (blank := _PLACEHOLDER_UNIT.fullmatch(folded)) is not None:
        unit = blank["unit"]
        if unit not in _UNITS_OF_KIND[kind]:
            return CellValue(CellStatus.UNREADABLE, unit=unit,
                             reason=f"单位“{unit}”不适用于此栏（unit does not fit the column）")
        return CellValue(CellStatus.BLANK, unit=unit)
    match = _NUMBER.fullmatch(folded)
    if match is None:
        return CellValue(CellStatus.UNREADABLE, reason="不是数字（not a number）")
    unit = match["unit"]
    if unit is not None and unit not in _UNITS_OF_KIND[kind]:
        return CellValue(CellStatus.UNREADABLE, unit=unit,
                         reason=f"单位“{unit}”不适用于此栏（unit does not fit the column）")
    sign = match["sign"] or ""
    negative = sign in ("-", "\u2212", "\ufe63", "\uff0d", "减", "减少")
    digits = match["digits"].replace(",", "")
    fraction = match["fraction"]
    if kind is Kind.MONEY:
        if negative:
            return CellValue(CellStatus.UNREADABLE, unit=unit,
                             reason="金额不能为负（an amount cannot be negative）")
        amount = Decimal(f"{digits}.{fraction}" if fraction is not None else digits)
        return CellValue(CellStatus.VALUE, amount, unit)
    if fraction is not None and fraction.strip("0"):
        return CellValue(CellStatus.UNREADABLE, unit=unit,
                         reason="件数应为整数（a count is a whole number）")
    if len(digits) > IMPORT_MAX_CELL_DIGITS:  # no count has them; int() would refuse 4 300
        return CellValue(CellStatus.UNREADABLE, unit=unit,
                         reason="数字位数过多（too many digits）")
    number = int(digits)
    if kind is Kind.COUNT:
        if sign:
            return CellValue(CellStatus.UNREADABLE, unit=unit,
                             reason="此栏不填增减，应为非负整数（expected a non-negative count）")
        return CellValue(CellStatus.VALUE, number, unit)
    return CellValue(CellStatus.VALUE, -number if negative else number, unit)
