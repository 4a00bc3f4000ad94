"""The orjson path of loading: a parse in C, then the generated structuring.

:func:`~govinfo_report.convert.loads` takes it when msgspec's typed decode
(:mod:`._decode_fast`) does not accept a text whole (an absent optional key,
``extensions`` holding something, any problem) and before the stdlib path,
which explains problems.
"""

from __future__ import annotations

from typing import Any

from . import limits
from ._document_schema import remember_schema
from ._fast_structure import fast_structure
from ._json_checks import inspect
from ._json_text import string_count, without_bom
from .model import Report

__all__ = ["orjson_report"]


def orjson_report(data: str | bytes | bytearray, orjson: Any) -> Report | None:
    """The report, if orjson (the ``orjson`` module, or ``None`` without it) reads ``data``
    and nothing needs explaining.

    ``None`` sends the text down the stdlib path, which names every problem.
    The fast parser refuses lone surrogates, non-finite numbers and nesting
    beyond 1024 itself; the generated structuring function checks every value
    of the model; what remains is a duplicate key, a float (the fast parser
    reads integers beyond 64 bits as floats), nesting in ``extensions``, and a
    string longer than :data:`~govinfo_report.limits.MAX_TEXT_LENGTH` (which
    only a text longer than that can hold).
    """
    if orjson is None:
        return None
    data = without_bom(data)
    try:
        document = orjson.loads(data)
    except orjson.JSONDecodeError:
        return None
    report: Report | None = fast_structure(document)
    if report is None:
        return None
    if report.extensions or len(data) > limits.MAX_TEXT_LENGTH:
        inspection = inspect(document)
        if inspection.problems or inspection.has_float:
            return None
    # The fast parser keeps the last of duplicate keys silently. A canonical
    # text (as `dumps` writes it) that the document writes back to exactly has
    # none. Otherwise: each dropped key is a string of the text missing from
    # the document, so the document has fewer strings exactly when a key was
    # duplicated.
    source = data.encode("utf-8") if isinstance(data, str) else bytes(data)
    written = orjson.dumps(document, option=orjson.OPT_INDENT_2 | orjson.OPT_APPEND_NEWLINE)
    if written != source and string_count(source) != string_count(written):
        return None
    remember_schema(report, document)
    return report
