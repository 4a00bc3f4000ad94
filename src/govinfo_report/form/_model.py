"""What the form's script needs to know about a format, derived from the model.

The browser never retypes the model: the page carries, as JSON data,

- ``cells``: the kind of every bound input by ``$`` path (``count``,
  ``signed``, ``money``, ``text``, ``date``, ``year``, ``choice``, ``line``);
- ``totals``: every derived cell with its addends, in the order the builder
  (:mod:`govinfo_report.builder`) computes them — a row's 总计 from its
  counts, （七）总计 column by column from the leaf rows of 三、本年度办理结果,
  each 总计 of 四 from its four outcomes;
- ``order``: the key order of the canonical JSON document (the order
  :func:`govinfo_report.dumps` writes), so a saved report is byte for byte
  what Python writes;
- ``blank``: an empty report of the format (cells ``null``, texts ``""``).

>>> from govinfo_report.model import FormatVersion
>>> data = form_model(FormatVersion.V2021)
>>> total, addends = data["totals"][0]
>>> total, addends[:2]
('$.applications.new_received.total', ['$.applications.new_received.natural_person', \
'$.applications.new_received.commercial_enterprise'])
>>> data["cells"]["$.proactive_disclosure.art20_8.admin_fees.amount"]
'money'
"""

from __future__ import annotations

import datetime
import enum
import functools
from collections.abc import Iterator
from typing import Any

from ..labels import PathSegment, format_path
from ..model import REPORT_CLASSES, ApplicantCounts, FormatVersion
from ..model._fields import Kind
from ..model._introspect import ModelField, model_fields
from ..schema import schema_id

__all__ = ["Total", "form_model", "input_kind", "totals_of"]

#: A derived cell and the cells it adds up.
Total = tuple[str, tuple[str, ...]]

_CELL_KINDS = {Kind.COUNT: "count", Kind.SIGNED: "signed", Kind.MONEY: "money"}


def input_kind(field: ModelField) -> str:
    """How the form reads the field's input (see the module docstring)."""
    if field.spec.kind in _CELL_KINDS:
        return _CELL_KINDS[field.spec.kind]
    if field.spec.kind is Kind.TEXT:
        return "text"
    if field.type is datetime.date:
        return "date"
    if field.type is int:
        return "year"
    if isinstance(field.type, type) and issubclass(field.type, enum.Enum):
        return "choice"
    return "line"


def _leaf_rows(cls: type, path: tuple[PathSegment, ...]) -> Iterator[tuple[PathSegment, ...]]:
    """The rows of applicant counts under ``path`` that are entered, not derived."""
    for field in model_fields(cls):
        if field.spec.derived or field.child is None or field.repeated:
            continue
        if field.child is ApplicantCounts:
            yield (*path, field.name)
        else:
            yield from _leaf_rows(field.child, (*path, field.name))


def _totals(cls: type, path: tuple[PathSegment, ...]) -> Iterator[Total]:
    fields = model_fields(cls)
    for field in fields:
        if field.child is not None and not field.repeated and not field.spec.derived:
            yield from _totals(field.child, (*path, field.name))
    for field in fields:
        if not field.spec.derived:
            continue
        if field.child is None:
            addends = tuple(format_path((*path, other.name)) for other in fields
                            if other.spec.kind is Kind.COUNT and not other.spec.derived)
            yield format_path((*path, field.name)), addends
            continue
        assert field.child is ApplicantCounts, field.name
        rows = list(_leaf_rows(cls, path))
        for column in model_fields(ApplicantCounts):
            yield (format_path((*path, field.name, column.name)),
                   tuple(format_path((*row, column.name)) for row in rows))


@functools.cache
def totals_of(format: FormatVersion) -> tuple[Total, ...]:
    """Every derived cell of ``format`` with its addends, addends' totals first."""
    return tuple(_totals(REPORT_CLASSES[format], ()))


def _order(cls: type) -> dict[str, Any]:
    """Key order of the JSON object of ``cls``: nested objects as dicts, lists as ``[item]``."""
    order: dict[str, Any] = {}
    for field in model_fields(cls):
        if field.child is None:
            order[field.name] = None
        elif field.repeated:
            order[field.name] = [_order(field.child)]
        else:
            order[field.name] = _order(field.child)
    return order


def _blank(cls: type) -> dict[str, Any]:
    blank: dict[str, Any] = {}
    for field in model_fields(cls):
        if field.repeated:
            blank[field.name] = []
        elif field.child is not None:
            blank[field.name] = _blank(field.child)
        elif field.name == "extensions":
            blank[field.name] = {}
        elif field.spec.kind is Kind.TEXT:
            blank[field.name] = ""
        else:
            blank[field.name] = None
    return blank


def _inputs(cls: type, path: tuple[PathSegment, ...]) -> Iterator[tuple[str, str]]:
    for field in model_fields(cls):
        if field.repeated or field.name == "extensions":
            continue
        if field.child is not None:
            yield from _inputs(field.child, (*path, field.name))
        else:
            yield format_path((*path, field.name)), input_kind(field)


@functools.cache
def form_model(format: FormatVersion) -> dict[str, Any]:
    """The JSON data the form's script reads (see the module docstring)."""
    cls: type = REPORT_CLASSES[format]
    header = {"$schema": None, "format": None}
    return {
        "format": format.value,
        "cells": dict(_inputs(cls, ())),
        "totals": [[total, list(addends)] for total, addends in totals_of(format)],
        "order": {**header, **_order(cls)},
        "blank": {"$schema": schema_id(format), "format": format.value, **_blank(cls)},
    }
