"""A generated structuring function for the happy path of loading.

The detailed cattrs converter (:mod:`govinfo_report.convert`) collects every
located problem of a document, which costs time on every document. The
functions generated here accept exactly the documents that converter accepts
(they call the same value hooks of :mod:`._hooks`, and inline only the count
checks) but stop at the first problem without saying where: the caller then
runs the detailed converter to explain it. ``tests/test_fast_paths.py`` holds
both to the same verdicts and results.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

import attrs

from . import limits
from ._hooks import _SCALAR_HOOKS, scalar_hook
from .model import REPORT_CLASSES, FormatVersion
from .model._fields import Kind
from .model._introspect import ModelField, model_fields

__all__ = ["fast_structure"]

#: Keys of a report document that are not fields of the report class.
_DOCUMENT_KEYS = frozenset({"$schema", "format"})


class _Rejected(Exception):
    """The document is not accepted as is; the detailed converter will say why."""


class _Generator:
    def __init__(self) -> None:
        self.namespace: dict[str, Any] = {"Rejected": _Rejected, "MISSING": object(),
                                          "new": object.__new__, "list": list, "tuple": tuple}
        self.functions: dict[type, str] = {}
        self.sources: list[str] = []

    def function(self, cls: type, *, document: bool = False) -> str:
        if cls in self.functions:
            return self.functions[cls]
        name = f"structure_{cls.__name__}"
        self.functions[cls] = name
        fields = model_fields(cls)
        lines = [f"def {name}(d):", "    if type(d) is not dict:", "        raise Rejected"]
        arguments = []
        for index, field in enumerate(fields):
            variable = f"v{index}"
            if field.required:
                lines.append(f"    {variable} = d[{field.name!r}]")
            else:
                lines.append(f"    {variable} = d.get({field.name!r}, MISSING)")
            lines.extend(self._convert(cls, field, variable))
            arguments.append((field, variable))
        known = frozenset(field.name for field in fields) | (_DOCUMENT_KEYS if document else set())
        optional = [field for field in fields if not field.required]
        if optional or document:
            self.namespace[f"keys_{cls.__name__}"] = known
            lines.append(f"    if not keys_{cls.__name__}.issuperset(d):")
        else:
            lines.append(f"    if len(d) != {len(fields)}:")
        lines.append("        raise Rejected")
        lines.extend(self._construct(cls, arguments))
        self.sources.append("\n".join(lines))
        return name

    def _convert(self, cls: type, field: ModelField, variable: str) -> list[str]:
        kind = field.spec.kind
        if field.name not in _SCALAR_HOOKS and kind is Kind.COUNT:
            return [f"    if {variable} is not None and (type({variable}) is not int "
                    f"or not 0 <= {variable} <= {limits.MAX_COUNT}):", "        raise Rejected"]
        if field.name not in _SCALAR_HOOKS and kind is Kind.SIGNED:
            return [f"    if {variable} is not None and (type({variable}) is not int "
                    f"or not {-limits.MAX_COUNT} <= {variable} <= {limits.MAX_COUNT}):",
                    "        raise Rejected"]
        if field.repeated:
            assert field.child is not None
            element = self.function(field.child)
            expression = (f"tuple([{element}(item) for item in {variable}]) "
                          f"if type({variable}) is list and len({variable}) <= "
                          f"{limits.MAX_ITEMS} else reject()")
            self.namespace["reject"] = _reject
        elif field.child is not None:
            expression = f"{self.function(field.child)}({variable})"
        else:
            hook = f"hook_{cls.__name__}_{field.name}"
            self.namespace[hook] = _value_hook(field)
            expression = f"{hook}({variable}, None)"
        if field.required:
            return [f"    {variable} = {expression}"]
        return [f"    if {variable} is not MISSING:", f"        {variable} = {expression}"]

    def _construct(self, cls: type, arguments: list[tuple[ModelField, str]]) -> list[str]:
        self.namespace[f"class_{cls.__name__}"] = cls
        simple = all(field.required for field, _ in arguments)
        if simple and _plain_init(cls):
            # Frozen slotted attrs classes without validators: fill the slots directly.
            lines = [f"    o = new(class_{cls.__name__})"]
            for field, variable in arguments:
                setter = f"set_{cls.__name__}_{field.name}"
                self.namespace[setter] = getattr(cls, field.name).__set__
                lines.append(f"    {setter}(o, {variable})")
            return [*lines, "    return o"]
        lines = ["    kw = {}"]
        for field, variable in arguments:
            if field.required:
                lines.append(f"    kw[{field.name!r}] = {variable}")
            else:
                lines.append(f"    if {variable} is not MISSING:")
                lines.append(f"        kw[{field.name!r}] = {variable}")
        return [*lines, f"    return class_{cls.__name__}(**kw)"]


def _plain_init(cls: type) -> bool:
    """Whether ``cls.__init__`` only stores its arguments (so filling slots is equivalent)."""
    return (attrs.has(cls) and "__slots__" in cls.__dict__
            and not hasattr(cls, "__attrs_post_init__")
            and all(attribute.validator is None and attribute.converter is None
                    and attribute.init and attribute.alias == attribute.name
                    for attribute in attrs.fields(cls)))


def _reject() -> Any:
    raise _Rejected


def _value_hook(field: ModelField) -> Callable[[Any, Any], Any]:
    hook = scalar_hook(field)
    if hook is not None:
        return hook
    raise TypeError(f"no fast hook for {field.name}: {field.type!r}")  # pragma: no cover


@functools.cache
def _structurer(format: FormatVersion) -> Callable[[dict[str, Any]], Any]:
    generator = _Generator()
    name = generator.function(REPORT_CLASSES[format], document=True)
    source = "\n\n".join(generator.sources)
    exec(compile(source, f"<fast structure {format.value}>", "exec"), generator.namespace)
    function: Callable[[dict[str, Any]], Any] = generator.namespace[name]
    return function


_FORMATS = {version.value: version for version in FormatVersion}


def fast_structure(document: Any) -> Any:
    """The report ``document`` describes, or ``None`` when it has any problem at all."""
    if type(document) is not dict:
        return None
    raw_format = document.get("format")
    schema = document.get("$schema")
    if type(raw_format) is not str or (schema is not None and type(schema) is not str):
        return None
    format = _FORMATS.get(raw_format)
    if format is None:
        return None
    try:
        return _structurer(format)(document)
    except Exception:  # noqa: BLE001 - any problem: the detailed converter explains it
        return None
