"""Read and write one value of a report by its ``$`` JSON path.

Reports are frozen: :func:`set_path` returns a new report (like
``attrs.evolve``), checked as :func:`~govinfo_report.convert.from_dict` checks a
document. Paths are those of the label registry (:mod:`govinfo_report.labels`);
a path the model does not have raises
:class:`~govinfo_report.exceptions.UnknownPathError`.

>>> import govinfo_report as gr
>>> from govinfo_report.examples import load_example
>>> report = load_example("2021")
>>> gr.get_path(report, "$.applications.new_received.total")
15
>>> changed = gr.set_path(report, "$.applications.new_received.natural_person", None)
>>> gr.get_path(changed, "$.applications.new_received.natural_person") is None
True
>>> gr.get_path(report, "$.applications.new_received.natural_person")
12
>>> gr.get_path(report, "$.applications.no_such_row")  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
govinfo_report.exceptions.UnknownPathError: ...: $.applications.no_such_row
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from .convert import from_dict, make_converter, to_dict
from .exceptions import UnknownPathError
from .labels import PathSegment, field_info, format_path
from .model import Report

__all__ = ["get_path", "set_path"]

_CONVERTER = make_converter()


def _segments(report: Report, path: str | Sequence[PathSegment]) -> tuple[PathSegment, ...]:
    """The segments of ``path``, once the model of ``report`` is known to have it."""
    return field_info(path, report.format).path


def _step(value: Any, segment: PathSegment, segments: tuple[PathSegment, ...]) -> Any:
    try:
        if isinstance(value, (dict, list, tuple)):
            return value[segment]  # type: ignore[index]
        return getattr(value, str(segment))
    except (KeyError, IndexError, AttributeError, TypeError):
        raise UnknownPathError(format_path(segments)) from None


def get_path(report: Report, path: str | Sequence[PathSegment]) -> Any:
    """The value at ``path`` (a ``$`` JSON path or its segments): a cell, a row, a part …

    A blank cell is ``None``. An index past the end of a repeated part
    (``$.acknowledgements[3]``) or a missing key under ``extensions`` raises
    :class:`~govinfo_report.exceptions.UnknownPathError`, as does a path the
    model does not have.
    """
    segments = _segments(report, path)
    value: Any = report
    for segment in segments:
        value = _step(value, segment, segments)
    return value


def set_path(report: Report, path: str | Sequence[PathSegment], value: Any) -> Report:
    """A new report: ``report`` with ``value`` at ``path``; ``report`` is unchanged.

    ``value`` is what the model holds there (``int`` or ``None`` for a
    count, :class:`~decimal.Decimal` for money, a row object for a row …).
    Totals are not recomputed (see :func:`govinfo_report.builder.build` for that).
    Raises :class:`~govinfo_report.exceptions.UnknownPathError` for a path
    the model does not have and :class:`~govinfo_report.exceptions.LoadError`,
    located at ``path``, for a value that does not fit it.
    """
    segments = _segments(report, path)
    if not segments:
        raise UnknownPathError("$")
    document = to_dict(report)
    parent: Any = document
    for segment in segments[:-1]:
        parent = _step(parent, segment, segments)
    last = segments[-1]
    if isinstance(parent, list) and not (isinstance(last, int) and last < len(parent)):
        raise UnknownPathError(format_path(segments))
    parent[last] = _CONVERTER.unstructure(value)
    return from_dict(document)
