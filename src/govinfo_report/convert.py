"""JSON import and export of reports through a cattrs converter.

>>> from govinfo_report import convert, examples
>>> report = examples.load_example("2021")
>>> text = convert.dumps(report)
>>> convert.loads(text) == report
True
>>> convert.loads('{"format": "2021", "metadata": {}}')  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
govinfo_report.exceptions.LoadError: 报告数据有 9 处问题（9 problem(s) in the report data）:
  $.metadata.organ（基本信息 › 机关名称）: 缺少必需的键（required key is missing）
...
"""

from __future__ import annotations

import codecs
import json
import os
import re
import tempfile
from pathlib import Path
from typing import IO, Any

import cattrs

from ._fast_structure import fast_structure
from ._hooks import configure_structure, configure_unstructure
from .exceptions import LoadError, Problem
from .model import REPORT_CLASSES, FormatVersion, Report
from .schema import schema_id

try:  # the `fast` extra; the stdlib path below gives the same results, slower
    import orjson as _orjson
except ImportError:  # pragma: no cover - exercised where orjson is absent
    _orjson = None  # type: ignore[assignment]

__all__ = [
    "configure_converter",
    "dump",
    "dumps",
    "from_dict",
    "load",
    "loads",
    "make_converter",
    "to_dict",
]


def configure_converter(converter: cattrs.Converter) -> None:
    """Teach ``converter`` the report model. The type decisions:

    - counts are JSON integers; ``true``/``false``, floats (even ``1.0``)
      and numeric strings are refused; negative counts are refused except in
      the signed ``本年增/减`` cells; ``null`` is a cell left blank;
    - money is an exact decimal string (``"12.50"``), kept as
      :class:`~decimal.Decimal` with its written precision; JSON numbers are
      refused because they would go through binary floating point;
    - dates are ISO 8601 ``YYYY-MM-DD`` strings; enums are their values;
    - the administrative division code is a GB/T 2260 code of 6 or 12 digits
      with a valid province prefix;
    - unknown keys are refused at every level; required keys must be present;
    - ``extensions`` is kept as the JSON object it is.
    """
    configure_structure(converter)
    configure_unstructure(converter)


def make_converter() -> cattrs.Converter:
    """A new converter configured by :func:`configure_converter`."""
    converter = cattrs.Converter(forbid_extra_keys=True, detailed_validation=True)
    configure_converter(converter)
    return converter


_CONVERTER = make_converter()


def to_dict(report: Report) -> dict[str, Any]:
    """The JSON document of ``report`` as Python objects, ``$schema`` and ``format`` first."""
    body: dict[str, Any] = _CONVERTER.unstructure(report)
    return {"$schema": schema_id(report.format), "format": report.format.value, **body}


def from_dict(document: Any, *, source: str = "") -> Report:
    """Structure a JSON document (as Python objects) into a report.

    Raises :class:`~govinfo_report.exceptions.LoadError` listing every problem.
    """
    report: Report | None = fast_structure(document)
    if report is not None:
        return report
    return _from_dict_detailed(document, source=source)


def _from_dict_detailed(document: Any, *, source: str = "") -> Report:
    """:func:`from_dict` through the detailed converter, which locates every problem."""
    from ._errors import problems_from_exception

    if not isinstance(document, dict):
        raise LoadError([Problem(json_path="$", labels=(),
                                 message=f"应为 JSON 对象，实际是 {_json_type(document)}"
                                         "（expected a JSON object）")], source=source)
    body = dict(document)
    problems: list[Problem] = []
    schema = body.pop("$schema", None)
    if schema is not None and not isinstance(schema, str):
        problems.append(Problem(json_path="$['$schema']", labels=(),
                                message="应为字符串（expected a string）"))
    raw_format = body.pop("format", None)
    try:
        format = FormatVersion(raw_format)
    except ValueError:
        expected = "、".join(f'"{v.value}"' for v in FormatVersion)
        shown = json.dumps(raw_format, ensure_ascii=False)
        found = "缺少该键" if raw_format is None else f"实际是 {shown}"
        problems.append(Problem(json_path="$.format", labels=("报告格式",),
                                message=f"应为 {expected} 之一，{found}"
                                        "（unknown or missing format）"))
        raise LoadError(problems, source=source) from None
    cls = REPORT_CLASSES[format]
    try:
        report: Report = _CONVERTER.structure(body, cls)
    except Exception as error:  # noqa: BLE001 - every structuring failure is reported, located
        problems.extend(problems_from_exception(error, format))
        raise LoadError(problems, source=source) from None
    if problems:
        raise LoadError(problems, source=source)
    return report


def _json_type(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "布尔值"
    if isinstance(value, (int, float)):
        return "数字"
    if isinstance(value, str):
        return "字符串"
    if isinstance(value, list):
        return "数组"
    return "对象"


def _reject_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result = dict(pairs)
    if len(result) != len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise _DuplicateKeyError(key)
            seen.add(key)
    return result


class _DuplicateKeyError(ValueError):
    pass


def _reject_constant(name: str) -> Any:
    raise ValueError(f"JSON 不允许 {name}")


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


def loads(data: str | bytes | bytearray, *, source: str = "") -> Report:
    """Load a report from a JSON text (``str`` or UTF-8 ``bytes``; a BOM is accepted).

    ``source`` names the document in error messages (a file name, say).
    """
    document = _fast_parse(data)
    if document is not None:
        report: Report | None = fast_structure(document)
        # The fast parser reads integers beyond 64 bits as floats; only the
        # free-form extensions could keep one, so they send the text down the
        # stdlib path, as does any problem (which the stdlib path then names).
        if report is not None and not _has_float(report.extensions):
            return report
    text = _decode(bytes(data), source) if isinstance(data, (bytes, bytearray)) else data
    if text.startswith("\ufeff"):
        text = text[1:]
    try:
        document = json.loads(text, object_pairs_hook=_reject_duplicates,
                              parse_constant=_reject_constant)
    except _DuplicateKeyError as error:
        raise LoadError([Problem(json_path="$", labels=(), message=(
            f"重复的键 {json.dumps(str(error), ensure_ascii=False)}（duplicate key）"))],
            source=source) from None
    except json.JSONDecodeError as error:
        raise LoadError([Problem(json_path="$", labels=(), message=(
            f"不是有效的 JSON：第 {error.lineno} 行第 {error.colno} 列，{error.msg}"
            f"（invalid JSON at line {error.lineno}, column {error.colno}）"))],
            source=source) from None
    except ValueError as error:
        raise LoadError([Problem(json_path="$", labels=(), message=str(error))],
                        source=source) from None
    return from_dict(document, source=source)


def _fast_parse(data: str | bytes | bytearray) -> Any:
    """The parsed document, if the fast JSON parser reads it and it has no duplicate key.

    ``None`` sends the text down the stdlib path, which names every problem.
    """
    if _orjson is None:
        return None
    if isinstance(data, str):
        data = data.removeprefix("\ufeff")
    elif data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8):]
    try:
        document = _orjson.loads(data)
    except _orjson.JSONDecodeError:
        return None
    # The fast parser keeps the last of duplicate keys silently. A canonical
    # text (as `dumps` writes it) that the document writes back to exactly has
    # none. Otherwise: each dropped key is a string of the text missing from
    # the document, so the document has fewer strings exactly when a key was
    # duplicated.
    source = data.encode("utf-8") if isinstance(data, str) else bytes(data)
    written = _orjson.dumps(document, option=_orjson.OPT_INDENT_2 | _orjson.OPT_APPEND_NEWLINE)
    if written != source and _string_count(source) != _string_count(written):
        return None
    return document


def _has_float(value: Any) -> bool:
    if isinstance(value, float):
        return True
    if isinstance(value, dict):
        return any(_has_float(item) for item in value.values())
    if isinstance(value, list):
        return any(_has_float(item) for item in value)
    return False


_ESCAPED_QUOTE = re.compile(rb'(\\+)"')


def _string_count(json_text: bytes) -> int:
    """The number of JSON strings in a valid JSON text: unescaped quotes, halved."""
    quotes = json_text.count(b'"')
    if b"\\" in json_text:
        quotes -= sum(1 for match in _ESCAPED_QUOTE.finditer(json_text)
                      if len(match.group(1)) % 2)
    return quotes // 2


def load(file: str | os.PathLike[str] | IO[str] | IO[bytes]) -> Report:
    """Load a report from a path or an open file (text or binary)."""
    if isinstance(file, (str, os.PathLike)):
        path = Path(file)
        try:
            data = path.read_bytes()
        except OSError as error:
            raise LoadError([Problem(json_path="$", labels=(), message=(
                f"无法读取文件（cannot read the file）：{error.strerror}"))],
                source=str(path)) from None
        return loads(data, source=str(path))
    content = file.read()
    return loads(content, source=str(getattr(file, "name", "")))


def dumps(report: Report) -> str:
    """The canonical JSON text of ``report``: UTF-8 characters, 2-space indent, final newline.

    ``dumps(loads(text))`` is the same for every text that describes the same
    report, and ``loads(dumps(report)) == report``.
    """
    return json.dumps(to_dict(report), ensure_ascii=False, indent=2) + "\n"


def dump(report: Report, file: str | os.PathLike[str] | IO[str]) -> None:
    """Write ``report`` as canonical JSON to a path (atomically) or an open text file."""
    text = dumps(report)
    if isinstance(file, (str, os.PathLike)):
        write_atomic(Path(file), text.encode("utf-8"))
    else:
        file.write(text)


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` so that readers see the old file or the whole new one."""
    directory = path.parent if str(path.parent) else Path(".")
    handle, temporary = tempfile.mkstemp(dir=directory, prefix=f".{path.name}.", suffix=".tmp")
    try:
        mode = path.stat().st_mode & 0o777 if path.exists() else 0o644
        os.chmod(temporary, mode)
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise

