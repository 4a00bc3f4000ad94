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

import functools
import json
import os
from pathlib import Path
from typing import IO, Any

import cattrs

from . import _decode_fast, limits
from ._atomic import write_atomic
from ._document_schema import document_schema, remember_schema
from ._fast_structure import fast_structure
from ._hooks import configure_structure, configure_unstructure
from ._json_checks import inspect
from ._json_text import check_input, is_utf8, parse_text, plain_report, without_bom
from ._orjson_load import orjson_report
from ._sources import regular_file_status
from ._unwritable import UNSTRUCTURE_ERRORS, unwritable
from .exceptions import InvalidReportError, LoadError, Problem
from .model import REPORT_CLASSES, FormatVersion, Report

try:  # the `fast` extra; the stdlib path below gives the same results, slower
    import orjson as _orjson
except ImportError:  # pragma: no cover - exercised where orjson is absent
    _orjson = None  # type: ignore[assignment]

__all__ = [
    "check_writable",
    "configure_converter",
    "dump",
    "dumps",
    "from_dict",
    "load",
    "loads",
    "make_converter",
    "to_dict",
    "write_atomic",
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


@functools.cache
def _converter() -> cattrs.Converter:
    """Made on first use: valid documents load without it, so ``validate`` never builds it."""
    return make_converter()


def to_dict(report: Report) -> dict[str, Any]:
    """The JSON document of ``report`` as Python objects, ``$schema`` and ``format`` first.

    A report built in code with a value of the wrong type (a ``str`` where the
    model declares an enum or a date) raises
    :class:`~govinfo_report.exceptions.InvalidReportError` naming its path.
    """
    try:
        body: dict[str, Any] = _converter().unstructure(report)
    except UNSTRUCTURE_ERRORS as error:
        raise unwritable(_converter(), report, error) from None
    return {"$schema": document_schema(report), "format": report.format.value, **body}


def from_dict(document: Any, *, source: str = "") -> Report:
    """Structure a JSON document (as Python objects) into a report.

    Raises :class:`~govinfo_report.exceptions.LoadError` listing every problem
    (the first :data:`~govinfo_report.limits.MAX_PROBLEMS`, and how many more).
    """
    if isinstance(document, dict):  # anything else is refused as it is
        inspection = inspect(document)
        if inspection.problems:
            raise LoadError(inspection.problems, source=source, omitted=inspection.omitted)
    report: Report | None = fast_structure(document)
    if report is None:
        report = _from_dict_detailed(document, source=source)
    remember_schema(report, document)
    return report


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
        report: Report = _converter().structure(body, cls)
    except Exception as error:  # noqa: BLE001 - every structuring failure is reported, located
        located = problems_from_exception(error, format,
                                          limit=limits.MAX_PROBLEMS - len(problems))
        problems.extend(located.problems)
        raise LoadError(problems, source=source, omitted=located.omitted) from None
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


def loads(data: str | bytes | bytearray, *, source: str = "",
          max_size: int = limits.MAX_JSON_BYTES) -> Report:
    """Load a report from a JSON text (``str`` or UTF-8 ``bytes``; a BOM is accepted).

    ``source`` names the document in error messages (a file name, say).
    ``max_size`` bounds the length of ``data`` (bytes, or characters of a
    ``str``); a longer input raises :class:`~govinfo_report.exceptions.LoadLimitError`.
    """
    check_input(data, max_size, source)
    report = _decode_fast.load(without_bom(data)) if _decode_fast.available() else None
    if report is None:
        report = orjson_report(data, _orjson)
    if report is not None:
        return report
    document = parse_text(data, source)
    return plain_report(document, data) or from_dict(document, source=source)


def load(file: str | os.PathLike[str] | IO[str] | IO[bytes], *,
         max_size: int = limits.MAX_JSON_BYTES) -> Report:
    """Load a report from a path or an open file (text or binary).

    At most ``max_size`` bytes (characters of a text file) are read: a larger
    file raises :class:`~govinfo_report.exceptions.LoadLimitError` without
    being read whole.
    """
    if isinstance(file, (str, os.PathLike)):
        path = Path(file)
        regular_file_status(str(path))
        try:
            with path.open("rb") as stream:
                data = stream.read(max_size + 1)
        except OSError as error:
            raise LoadError([Problem(json_path="$", labels=(), message=(
                f"无法读取文件（cannot read the file）：{error.strerror}"))],
                source=str(path)) from None
        return loads(data, source=str(path), max_size=max_size)
    content = file.read(max_size + 1)
    return loads(content, source=str(getattr(file, "name", "")), max_size=max_size)


def dumps(report: Report) -> str:
    """The canonical JSON text of ``report``: UTF-8 characters, 2-space indent, final newline.

    ``dumps(loads(text))`` is the same for every text that describes the same
    report, and ``loads(dumps(report)) == report``. A report built in code
    with a value :func:`loads` would refuse (a lone surrogate, a count
    beyond :data:`~govinfo_report.limits.MAX_COUNT`, ``Decimal("NaN")``)
    raises :class:`~govinfo_report.exceptions.InvalidReportError` instead of
    writing a text that cannot be read back.
    """
    return _writable_text(report)


def check_writable(report: Report) -> None:
    """Raise :class:`~govinfo_report.exceptions.InvalidReportError` unless :func:`loads`
    would accept what :func:`dumps` writes of ``report`` (for reports built in code)."""
    _writable_text(report)


def _writable_text(report: Report) -> str:
    if _decode_fast.available() and not report.extensions:
        encoded = _decode_fast.encode(report, document_schema(report))
        if encoded is not None:
            return encoded.decode("utf-8")
    document = to_dict(report)
    if _orjson is not None and not report.extensions:
        written = _fast_text(document)
        if written is not None:
            return written
    elif fast_structure(document) is not None and not report.extensions:
        # The model's hooks checked every value; what remains is what only a
        # string can hold, which the text shows: its length and lone surrogates.
        text = json.dumps(document, ensure_ascii=False, indent=2) + "\n"
        if len(text) <= limits.MAX_TEXT_LENGTH and is_utf8(text):
            return text
    inspection = inspect(document)
    if inspection.problems:
        raise InvalidReportError(inspection.problems, omitted=inspection.omitted)
    if fast_structure(document) is None:
        try:
            _from_dict_detailed(document)
        except LoadError as error:
            raise InvalidReportError(error.problems, omitted=error.omitted) from None
    return json.dumps(document, ensure_ascii=False, indent=2, allow_nan=False) + "\n"


def _fast_text(document: dict[str, Any]) -> str | None:
    """The canonical text of ``document`` written by orjson (the same bytes as the stdlib's
    ``indent=2``), if :func:`loads` reads it back; ``None`` sends it to the detailed check."""
    try:  # orjson refuses lone surrogates and integers beyond 64 bits itself
        written = _orjson.dumps(document, option=_orjson.OPT_INDENT_2 | _orjson.OPT_APPEND_NEWLINE)
    except _orjson.JSONEncodeError:
        return None
    if len(written) > limits.MAX_TEXT_LENGTH:
        return None
    return written.decode("utf-8") if fast_structure(document) is not None else None


def dump(report: Report, file: str | os.PathLike[str] | IO[str]) -> None:
    """Write ``report`` as canonical JSON to a path (atomically) or an open text file."""
    text = dumps(report)
    if isinstance(file, (str, os.PathLike)):
        write_atomic(Path(file), text.encode("utf-8"))
    else:
        file.write(text)
