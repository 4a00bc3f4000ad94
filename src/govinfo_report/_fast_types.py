"""msgspec types generated from the model, with the value domains of :mod:`._hooks`.

Used by :mod:`._decode_fast` to read and write reports: one ``Struct`` per model
class, fields in the same order, unknown keys refused; the classes that hold only
counts are read as themselves (:func:`decodes_itself`).
"""

from __future__ import annotations

import datetime
import enum
import functools
import typing
from collections.abc import Callable
from decimal import Decimal
from typing import Annotated, Any

import attrs

from . import limits
from ._hooks import DATE_PATTERN, DECIMAL_PATTERN, DIVISION_CODE_PATTERN, URL_PATTERN, YEAR_RANGE
from .model._fields import Kind
from .model._introspect import ModelField, model_fields

try:
    import msgspec
except ImportError:  # pragma: no cover - exercised where msgspec is absent
    msgspec = None  # type: ignore[assignment]

__all__ = ["StructGenerator", "decodes_itself", "generated", "value_type", "whole"]


def whole(pattern: str) -> str:
    """``pattern`` anchored at the very end: msgspec searches, and ``$`` allows a final newline."""
    assert pattern.endswith("$")
    return pattern[:-1] + r"\Z"


def generated(name: str, expression: str, namespace: dict[str, Any]) -> Callable[[Any], Any]:
    """A function of one struct or report ``s`` returning ``expression``, compiled with
    ``namespace`` (the checks generated per model class: one expression, no loop)."""
    source = f"def {name}(s):\n    return {expression}"
    exec(compile(source, f"<{name}>", "exec"), namespace)
    function: Callable[[Any], Any] = namespace[name]
    return function


def _constrained(base: Any, **constraints: Any) -> Any:
    return Annotated[base, msgspec.Meta(**constraints)]


def value_type(field: ModelField) -> Any:
    """The msgspec type of a value field: the domain its hook in :mod:`._hooks` checks."""
    kind = field.spec.kind
    low, high = YEAR_RANGE
    named: dict[str, Any] = {
        "year": _constrained(int, ge=low, le=high) | None,
        "division_code": _constrained(str, pattern=whole(DIVISION_CODE_PATTERN)) | None,
        "published": _constrained(str, pattern=whole(DATE_PATTERN)) | None,
        "source_url": _constrained(str, pattern=whole(URL_PATTERN)) | None,
        "organ": _constrained(str, min_length=1) | None,
        "rule": _constrained(str, min_length=1),
        "path": _constrained(str, min_length=1),
    }
    if field.name in named:
        return named[field.name]
    if kind is Kind.COUNT:
        return _constrained(int, ge=0, le=limits.MAX_COUNT) | None
    if kind is Kind.SIGNED:
        return _constrained(int, ge=-limits.MAX_COUNT, le=limits.MAX_COUNT) | None
    if kind is Kind.MONEY:
        return _constrained(str, pattern=whole(DECIMAL_PATTERN)) | None
    if field.name == "extensions":
        return dict[str, Any]
    if isinstance(field.type, type) and issubclass(field.type, enum.Enum):
        return field.type | None if field.nullable else field.type
    if field.type is str:
        return str | None if field.nullable else str
    raise TypeError(f"no fast type for {field.name}: {field.type!r}")  # pragma: no cover


class StructGenerator:
    """One Struct class per model class, with the same fields in the same order."""

    def __init__(self, *, writing: bool = False, summing: bool = False) -> None:
        self.structs: dict[type, type] = {}
        #: Structs to write from: money and dates as the model holds them (checked by
        #: :func:`_write_checker`), every other value constrained as when reading.
        self.writing = writing
        #: Structs a roll-up sums from without building a report: every class a Struct
        #: (none of :func:`decodes_itself` read as itself), and no count blank (a text
        #: with a blank count is refused: the roll-up loads it).
        self.summing = summing

    def struct(self, cls: type, *, tag: str | None = None) -> type:
        if cls in self.structs:
            return self.structs[cls]
        if tag is None and not self.summing and not self.writing and decodes_itself(cls):
            self.structs[cls] = cls
            return cls
        struct_fields: list[tuple[Any, ...]] = []
        if tag is not None:
            struct_fields.append(("schema", str | None | msgspec.UnsetType, msgspec.UNSET))
        for field in model_fields(cls):
            if field.repeated:
                assert field.child is not None
                kind: Any = _constrained(list[self.struct(field.child)],  # type: ignore[misc]
                                         max_length=limits.MAX_ITEMS)
            elif field.child is not None:
                kind = self.struct(field.child)
            elif self.writing and field.spec.kind is Kind.MONEY:
                kind = Decimal | None
            elif self.writing and field.name == "published":
                kind = datetime.date | None
            elif self.summing and field.spec.kind in (Kind.COUNT, Kind.SIGNED):
                kind = typing.get_args(value_type(field))[0]  # not None
            else:
                kind = value_type(field)
            if self.writing or field.required:
                struct_fields.append((field.name, kind))
            else:
                # An absent key stays UNSET: the document written back then shows
                # exactly the keys the text has.
                struct_fields.append((field.name, kind | msgspec.UnsetType, msgspec.UNSET))
        # A decoded tree of structs lives only until its report is built: no cycles to collect.
        options: dict[str, Any] = {"forbid_unknown_fields": True, "kw_only": True, "gc": False}
        if tag is not None:
            options.update(tag_field="format", tag=tag, rename={"schema": "$schema"})
        prefix = "Written" if self.writing else "Summed" if self.summing else "Fast"
        struct: type = msgspec.defstruct(f"{prefix}{cls.__name__}", struct_fields, **options)
        self.structs[cls] = struct
        return struct


@functools.cache
def decodes_itself(cls: type) -> bool:
    """Whether msgspec may build ``cls`` (a model class) straight from the text.

    True for the classes that hold only required counts, or such classes, and whose
    annotations carry to msgspec exactly the bounds of :func:`value_type`: msgspec
    then checks every value as it would in a Struct, and builds the class without
    calling ``__init__`` (the model has no validators, converters or post-init hooks).
    msgspec ignores unknown keys of such a class; the string count of :func:`decode`
    refuses them with the duplicate keys.
    """
    hints = typing.get_type_hints(cls, include_extras=True)
    for field in model_fields(cls):
        if field.child is not None:
            if field.repeated or not decodes_itself(field.child):
                return False
        elif (not field.required or field.spec.kind not in (Kind.COUNT, Kind.SIGNED)
              or hints[field.name] != value_type(field)):
            return False
    attributes = attrs.fields(cls)
    return not hasattr(cls, "__attrs_post_init__") and not hasattr(cls, "__attrs_pre_init__") \
        and all(a.validator is None and a.converter is None and a.init for a in attributes)
