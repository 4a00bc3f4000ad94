"""Locate the value of a report built in code that cannot be written as JSON.

A report built with the wrong type in a field (a ``str`` where the model
declares an :class:`enum.Enum` or a :class:`datetime.date`, say) fails deep
in cattrs' generated unstructure code with a bare ``AttributeError`` or
``TypeError``. :func:`unwritable` walks the report field by field, each value
unstructured as its declared type, and names the first one that fails.
"""

from __future__ import annotations

import functools
import typing
from typing import Any

import attrs
import cattrs

from ._errors import problem_at
from .exceptions import InvalidReportError
from .labels import PathSegment
from .model import Report

__all__ = ["UNSTRUCTURE_ERRORS", "unwritable"]

#: What cattrs' unstructure code raises for a value of the wrong type.
UNSTRUCTURE_ERRORS = (AttributeError, TypeError, ValueError, KeyError)


_declared_types = functools.cache(typing.get_type_hints)


def _first_failure(converter: cattrs.Converter, value: Any, path: tuple[PathSegment, ...]
                   ) -> tuple[tuple[PathSegment, ...], BaseException] | None:
    cls = type(value)
    if attrs.has(cls):
        declared = _declared_types(cls)
        for field in attrs.fields(cls):
            child = getattr(value, field.name)
            try:
                converter.unstructure(child, unstructure_as=declared.get(field.name, Any))
            except UNSTRUCTURE_ERRORS as error:
                where = (*path, field.name)
                return _first_failure(converter, child, where) or (where, error)
    elif isinstance(value, tuple | list):
        for index, item in enumerate(value):
            found = _first_failure(converter, item, (*path, index))
            if found is not None:
                return found
    return None


def unwritable(converter: cattrs.Converter, report: Report, error: BaseException
               ) -> InvalidReportError:
    """The error to raise for ``report``, whose unstructuring raised ``error``."""
    found = _first_failure(converter, report, ())
    path, cause = found if found is not None else ((), error)
    detail = f"{type(cause).__name__}: {cause}"
    message = (f"值的类型与模型声明的不符，无法写成 JSON（a value of the wrong type cannot be "
               f"written: {detail}）")
    return InvalidReportError([problem_at(path, message, report.format)])
