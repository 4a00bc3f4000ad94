"""The stdlib JSON path of loading: strict parsing with messages in Chinese.

Duplicate keys, ``NaN``/``Infinity``, numbers no report may hold and nesting
deeper than :data:`~govinfo_report.limits.MAX_JSON_DEPTH` are refused (the
last two before the recursive parser could fail on them), each located.
"""

from __future__ import annotations

import codecs
import json
import re
from typing import Any

from . import limits
from ._document_schema import remember_schema
from ._fast_structure import fast_structure
from ._json_checks import depth_problem, duplicate_key_problem, parse_float, parse_int
from .exceptions import LoadError, LoadLimitError, Problem

__all__ = ["check_input", "is_utf8", "parse_text", "plain_report", "string_count", "without_bom"]


def _reject_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result = dict(pairs)
    if len(result) != len(pairs):
        raise _DuplicateKeyError
    return result


class _DuplicateKeyError(ValueError):
    pass


def _reject_constant(name: str) -> Any:
    raise ValueError(name)


_BOMS = (
    (codecs.BOM_UTF32_LE, "UTF-32"), (codecs.BOM_UTF32_BE, "UTF-32"),
    (codecs.BOM_UTF16_LE, "UTF-16"), (codecs.BOM_UTF16_BE, "UTF-16"),
)


def _decode(data: bytes, source: str) -> str:
    for bom, name in _BOMS:
        if data.startswith(bom):
            raise LoadError([Problem(json_path="$", labels=(), message=(
                f"文件是 {name} 编码，请另存为 UTF-8"
                f"（the file is {name}-encoded; save it as UTF-8）"))],
                source=source)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise LoadError([Problem(json_path="$", labels=(), message=(
            f"不是 UTF-8 编码：第 {error.start} 字节无法解码（not UTF-8: undecodable byte at "
            f"offset {error.start}）；常见原因是以 GBK/GB18030 保存，请另存为 UTF-8"))],
            source=source) from None


def check_input(data: Any, max_size: int, source: str) -> None:
    """Refuse what :func:`~govinfo_report.convert.loads` does not read: no text, or too long."""
    if isinstance(data, dict):
        raise TypeError("loads() reads JSON text; for a document already parsed into "
                        "Python objects use govinfo_report.convert.from_dict()")
    if not isinstance(data, (str, bytes, bytearray)):
        raise TypeError(f"loads() accepts str, bytes or bytearray, not {type(data).__name__}")
    if len(data) > max_size:
        unit = "个字符" if isinstance(data, str) else "字节"
        raise LoadLimitError([Problem(json_path="$", labels=(), message=(
            f"输入有 {len(data)} {unit}，超过上限 {max_size}（input larger than max_size; "
            f"default limits.MAX_JSON_BYTES = {limits.MAX_JSON_BYTES}）"))],
            source=source, limit="MAX_JSON_BYTES")


def without_bom(data: str | bytes | bytearray) -> str | bytes | bytearray:
    """``data`` without a UTF-8 byte order mark."""
    if isinstance(data, str):
        return data.removeprefix("\ufeff")
    return data[len(codecs.BOM_UTF8):] if data.startswith(codecs.BOM_UTF8) else data


def parse_text(data: str | bytes | bytearray, source: str) -> Any:
    """The JSON document of ``data`` as Python objects; :class:`LoadError` if it is none."""
    text = _decode(bytes(data), source) if isinstance(data, (bytes, bytearray)) else data
    text = text.removeprefix("\ufeff")
    if not text.strip():
        raise LoadError([Problem(json_path="$", labels=(), message=(
            "文件为空（the file is empty）" if not text else
            "文件只有空白（the file holds only whitespace）"))], source=source)
    too_deep = depth_problem(text)
    if too_deep is not None:
        raise LoadLimitError([too_deep], source=source, limit="MAX_JSON_DEPTH")
    try:
        document = json.loads(text, object_pairs_hook=_reject_duplicates,
                              parse_constant=_reject_constant,
                              parse_int=parse_int, parse_float=parse_float)
    except _DuplicateKeyError:
        duplicate = duplicate_key_problem(text) or Problem(
            json_path="$", labels=(), message="有重复的键（duplicate key）")
        raise LoadError([duplicate], source=source) from None
    except json.JSONDecodeError as error:
        raise LoadError([Problem(json_path="$", labels=(), message=(
            f"不是有效的 JSON：第 {error.lineno} 行第 {error.colno} 列，"
            f"{_parser_message(error.msg)}"
            f"（invalid JSON at line {error.lineno}, column {error.colno}: {error.msg}）"))],
            source=source) from None
    except ValueError as error:
        raise LoadError([Problem(json_path="$", labels=(), message=(
            f"JSON 不允许 {error}（{error} is not JSON）"))], source=source) from None
    return document


def plain_report(document: Any, data: str | bytes | bytearray) -> Any:
    """The report of ``document`` (parsed from ``data``) when the generated structuring
    accepts it and the general checks of :func:`~._json_checks.inspect` cannot find
    anything, else ``None`` (then :func:`~govinfo_report.convert.from_dict` runs them).

    Structured, a document holds only the model's keys and values in their domains;
    what remains is what its strings may hold: a lone surrogate needs a ``\\u`` escape
    (or, in a ``str``, the character itself), and no string is longer than the text.
    """
    if len(data) > limits.MAX_TEXT_LENGTH:
        return None
    if isinstance(data, str):
        if "\\u" in data or not is_utf8(data):
            return None
    elif b"\\" in data and b"\\u" in data:
        return None
    report = fast_structure(document)
    if report is None or report.extensions:
        return None
    remember_schema(report, document)
    return report


_PARSER_MESSAGES = {
    "Expecting value": "此处应为一个值",
    "Extra data": "JSON 值之后还有多余内容",
    "Expecting ',' delimiter": "此处应为逗号",
    "Expecting ':' delimiter": "此处应为冒号",
    "Expecting property name enclosed in double quotes": "此处应为双引号括起的键",
    "Unterminated string starting at": "字符串没有结束",
    "Invalid control character at": "字符串中有未转义的控制字符",
    "Invalid \\escape": "无效的转义序列",
    "Invalid \\uXXXX escape": "无效的 \\uXXXX 转义",
    "Illegal trailing comma before end of object": "对象末尾多了逗号",
    "Illegal trailing comma before end of array": "数组末尾多了逗号",
}


def _parser_message(message: str) -> str:
    """The stdlib parser's message in Chinese (the English one follows in parentheses)."""
    return _PARSER_MESSAGES.get(message, "语法错误")


_ESCAPED_QUOTE = re.compile(rb'(\\+)"')
#: Escape sequences read one by one before a regular expression takes over.
_ESCAPES_STEPPED = 32


def string_count(json_text: bytes) -> int:
    """The number of JSON strings in a valid JSON text: unescaped quotes, halved."""
    quotes = json_text.count(b'"')
    # Backslashes occur only in strings, each starting an escape of two bytes or more
    # (``\\n`` is common in texts); a quote right after one is escaped. Found at memchr
    # speed, a few escapes are read one by one.
    escape = json_text.find(b"\\")
    for _ in range(_ESCAPES_STEPPED):
        if escape < 0:
            return quotes // 2
        if json_text[escape + 1] == 0x22:
            quotes -= 1
        escape = json_text.find(b"\\", escape + 2)
    if escape >= 0:  # many escapes: one pass of the pattern from this escape on
        quotes -= sum(1 for match in _ESCAPED_QUOTE.finditer(json_text, escape)
                      if len(match.group(1)) % 2)
    return quotes // 2


def is_utf8(text: str) -> bool:
    """Whether ``text`` encodes as UTF-8 (it has no lone surrogate)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True
