"""Resolved views of the model classes, shared by the converter, schema and labels."""

from __future__ import annotations

import functools
import types
import typing
from collections.abc import Iterable
from typing import Any

import attrs

from ._fields import FieldSpec, spec_of

__all__ = ["ModelField", "model_fields", "reachable_classes"]


@attrs.frozen(kw_only=True)
class ModelField:
    """One field of a model class with its annotation resolved."""

    name: str
    spec: FieldSpec
    #: The annotation with ``None`` removed (``int`` for ``int | None``).
    type: Any
    #: The attrs class this field nests, or the element class of a tuple of them.
    child: type | None
    #: True when the annotation is a ``tuple[X, ...]`` of :attr:`child`.
    repeated: bool
    nullable: bool
    required: bool
    attribute: attrs.Attribute[Any]


def _strip_none(annotation: Any) -> tuple[Any, bool]:
    if isinstance(annotation, types.UnionType) or typing.get_origin(annotation) is typing.Union:
        members = [arg for arg in typing.get_args(annotation) if arg is not type(None)]
        nullable = len(members) != len(typing.get_args(annotation))
        if len(members) == 1:
            return members[0], nullable
        return typing.Union[tuple(members)], nullable  # noqa: UP007 - built from a tuple
    return annotation, False


@functools.cache
def model_fields(cls: type) -> tuple[ModelField, ...]:
    """Return the fields of a model class, annotations resolved, in declaration order."""
    hints = typing.get_type_hints(cls)
    result = []
    for attribute in attrs.fields(cls):
        annotation, nullable = _strip_none(hints[attribute.name])
        child: type | None = None
        repeated = False
        if attrs.has(annotation):
            child = annotation
        elif typing.get_origin(annotation) is tuple:
            element = typing.get_args(annotation)[0]
            if attrs.has(element):
                child, repeated = element, True
        result.append(ModelField(
            name=attribute.name,
            spec=spec_of(attribute),
            type=annotation,
            child=child,
            repeated=repeated,
            nullable=nullable,
            required=attribute.default is attrs.NOTHING,
            attribute=attribute,
        ))
    return tuple(result)


def reachable_classes(roots: Iterable[type]) -> tuple[type, ...]:
    """Every model class nested (at any depth) in ``roots``, roots included, parents first."""
    seen: dict[type, None] = {}

    def visit(cls: type) -> None:
        if cls in seen:
            return
        seen[cls] = None
        for field in model_fields(cls):
            if field.child is not None:
                visit(field.child)

    for root in roots:
        visit(root)
    return tuple(seen)
