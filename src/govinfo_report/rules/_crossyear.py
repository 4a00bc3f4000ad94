"""Cross-year relations read against a previous report of the other format version.

A rule names the previous report's cells by the paths of the report's own
format (``previous("$.applications.carried_forward.total")``). When the
previous report is in the other version, each such path is replaced by its
counterpart (:func:`govinfo_report.crosswalk.counterpart`); a relation
naming a cell without one is left out.
"""

from __future__ import annotations

import functools
from typing import Any

import attrs

from ..crosswalk import counterpart
from ..model import FormatVersion
from ._relations import Ref, Relation, Term

__all__ = ["across_formats", "previous_paths"]


class _NoCounterpart(Exception):
    pass


def _mapped(value: Any, of: FormatVersion, in_: FormatVersion) -> Any:
    if isinstance(value, Ref):
        if not value.previous:
            return value
        path = counterpart(value.path, of, in_)
        if path is None:
            raise _NoCounterpart(value.path)
        return Ref(path, previous=True)
    if isinstance(value, Term):
        return Term(_mapped(value.ref, of, in_), value.sign)
    if isinstance(value, tuple):
        return tuple(_mapped(item, of, in_) for item in value)
    return value


def _translated(relation: Relation, of: FormatVersion, in_: FormatVersion) -> Relation | None:
    changes = {}
    try:
        for field in attrs.fields(type(relation)):  # type: ignore[arg-type]
            if field.init:
                value = getattr(relation, field.name)
                mapped = _mapped(value, of, in_)
                if mapped != value:
                    changes[field.name] = mapped
    except _NoCounterpart:
        return None
    return attrs.evolve(relation, **changes) if changes else relation  # type: ignore[misc]


@functools.cache
def across_formats(checks: tuple[tuple[Any, Relation], ...], format: FormatVersion,
                   previous_format: FormatVersion) -> tuple[tuple[Any, Relation], ...]:
    """The (rule, relation) ``checks`` of ``format``, reading a ``previous_format`` report."""
    result = []
    for rule, relation in checks:
        translated = _translated(relation, format, previous_format)
        if translated is not None:
            result.append((rule, translated))
    return tuple(result)


def previous_paths(relation: Relation) -> tuple[str, ...]:
    """The paths of the previous report's cells ``relation`` names."""
    return tuple(ref.path for ref in relation.operands() if ref.previous)
