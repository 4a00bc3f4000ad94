"""Hypothesis strategies for every model class, derived from the field declarations."""

from __future__ import annotations

import datetime
import enum
import functools
from typing import Any

import attrs
from hypothesis import strategies as st

from govinfo_report.model import REPORT_CLASSES, FormatVersion, Report
from govinfo_report.model._fields import Kind
from govinfo_report.model._introspect import ModelField, model_fields

counts = st.none() | st.integers(min_value=0, max_value=10**6)
signed_counts = st.none() | st.integers(min_value=-(10**6), max_value=10**6)
money = st.none() | st.decimals(min_value=0, max_value=10**9, places=4, allow_nan=False,
                                 allow_infinity=False)
texts = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=40)
json_scalars = st.none() | st.booleans() | st.integers(-(10**9), 10**9) | texts
json_values = st.recursive(json_scalars, lambda inner: st.lists(inner, max_size=3)
                           | st.dictionaries(texts, inner, max_size=3), max_leaves=8)

_SCALAR_STRATEGIES: dict[str, st.SearchStrategy[Any]] = {
    "year": st.integers(min_value=2008, max_value=2100),
    "division_code": st.none() | st.from_regex(
        r"\A(1[1-5]|2[1-3]|3[1-7]|4[1-6]|5[0-4]|6[1-5]|71|81|82)[0-9]{4}([0-9]{6})?\Z"),
    "published": st.none() | st.dates(min_value=datetime.date(2008, 1, 1)),
    "source_url": st.none() | st.from_regex(r"\Ahttps?://[a-z0-9./_-]{1,30}\Z"),
    "organ": texts.filter(bool),
    "rule": texts.filter(bool),
    "path": texts.filter(bool),
}


def _field_strategy(field: ModelField) -> st.SearchStrategy[Any]:
    if field.name in _SCALAR_STRATEGIES:
        return _SCALAR_STRATEGIES[field.name]
    kind = field.spec.kind
    if kind is Kind.COUNT:
        return counts
    if kind is Kind.SIGNED:
        return signed_counts
    if kind is Kind.MONEY:
        return money
    if field.name == "extensions":
        return st.dictionaries(texts, json_values, max_size=3)
    if field.repeated:
        assert field.child is not None
        return st.lists(for_class(field.child), max_size=2).map(tuple)
    if field.child is not None:
        return for_class(field.child)
    if isinstance(field.type, type) and issubclass(field.type, enum.Enum):
        members = st.sampled_from(list(field.type))
        return st.none() | members if field.nullable else members
    return st.none() | texts if field.nullable else texts


@functools.cache
def for_class(cls: type) -> st.SearchStrategy[Any]:
    """A strategy for any model class (every field drawn from its domain)."""
    assert attrs.has(cls)
    return st.builds(cls, **{field.name: _field_strategy(field) for field in model_fields(cls)})


def reports(format: FormatVersion | str | None = None) -> st.SearchStrategy[Report]:
    """Reports of ``format``, or of either version."""
    if format is None:
        return st.one_of([for_class(cls) for cls in REPORT_CLASSES.values()])
    return for_class(REPORT_CLASSES[FormatVersion(format)])
