"""The label registry: the official label, numbering and unit of every field.

Labels are declared once, on the model fields (see :mod:`govinfo_report.model`).
This module answers questions about them by JSON path:

>>> from govinfo_report.labels import field_info
>>> info = field_info("$.applications.results.denied.state_secret.commercial_enterprise")
>>> info.labels[2:]
('（三）不予公开', '1.属于国家秘密', '法人或其他组织', '商业企业')
>>> info.unit
'件'
>>> field_info("$.proactive_disclosure.art20_8.admin_fees.amount").label
'本年收费金额（单位：万元）'
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator, Sequence
from typing import Any

import attrs

from .exceptions import UnknownPathError
from .model import REPORT_CLASSES, FormatVersion
from .model._fields import FieldSpec, Kind
from .model._introspect import ModelField, model_fields

__all__ = [
    "FieldInfo",
    "field_info",
    "format_path",
    "iter_fields",
    "label_path",
    "not_known",
    "parse_path",
]

PathSegment = str | int


@attrs.frozen(kw_only=True)
class FieldInfo:
    """What the registry knows about one field of a report."""

    #: Segments from the report root, e.g. ``("reviews", "reconsideration", "total")``.
    path: tuple[PathSegment, ...]
    #: Official labels from the part down to this field, group headers included.
    labels: tuple[str, ...]
    spec: FieldSpec
    #: The Python annotation of the field, ``None`` removed.
    type: Any
    nullable: bool

    @property
    def json_path(self) -> str:
        """The ``$``-rooted JSON path."""
        return format_path(self.path)

    @property
    def label(self) -> str:
        """The official label of the field itself."""
        return self.spec.label

    @property
    def number(self) -> str:
        """The official numbering (``（三）``, ``1.``), or ``""``."""
        return self.spec.number

    @property
    def unit(self) -> str:
        """The unit of a cell (``件``, ``项``, ``万元`` …), or ``""``."""
        return self.spec.unit

    @property
    def kind(self) -> Kind:
        """What the field holds."""
        return self.spec.kind

    @property
    def is_cell(self) -> bool:
        """True for table cells (counts, signed counts, money)."""
        return self.spec.is_cell


_IDENTIFIER = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


def format_path(path: Sequence[PathSegment]) -> str:
    """Write path segments as a ``$``-rooted JSON path.

    >>> format_path(("acknowledgements", 0, "rule"))
    '$.acknowledgements[0].rule'
    """
    out = ["$"]
    for segment in path:
        if isinstance(segment, int):
            out.append(f"[{segment}]")
        elif _IDENTIFIER.match(segment):
            out.append(f".{segment}")
        else:
            escaped = segment.replace("\\", "\\\\").replace("'", "\\'")
            out.append(f"['{escaped}']")
    return "".join(out)


_SEGMENT = re.compile(r"\.([A-Za-z_][A-Za-z0-9_]*)|\[(\d+)\]|\['((?:[^'\\]|\\.)*)'\]")


def parse_path(json_path: str) -> tuple[PathSegment, ...]:
    """Split a ``$``-rooted JSON path (as :func:`format_path` writes it) into segments."""
    if not json_path.startswith("$"):
        raise UnknownPathError(json_path)
    segments: list[PathSegment] = []
    position = 1
    while position < len(json_path):
        match = _SEGMENT.match(json_path, position)
        if match is None:
            raise UnknownPathError(json_path)
        name, index, quoted = match.groups()
        if name is not None:
            segments.append(name)
        elif index is not None:
            segments.append(int(index))
        else:
            segments.append(re.sub(r"\\(.)", r"\1", quoted))
        position = match.end()
    return tuple(segments)


def _report_class(format: FormatVersion | str) -> type:
    return REPORT_CLASSES[FormatVersion(format)]


def _field_labels(field: ModelField) -> tuple[str, ...]:
    return (*field.spec.groups, field.spec.label)


def iter_fields(format: FormatVersion | str = FormatVersion.V2021, *,
                cells_only: bool = False) -> Iterator[FieldInfo]:
    """Every field of a report of ``format``, depth first in official order.

    Repeated parts (acknowledgements) are described once, at index ``0``.
    """
    return iter(_fields(FormatVersion(format), cells_only))


@functools.cache
def _fields(format: FormatVersion, cells_only: bool) -> tuple[FieldInfo, ...]:
    # Walked once: the rule set alone asks for the fields thousands of times as it is made.
    return tuple(_walk(_report_class(format), (), (), cells_only))


def _walk(cls: type, path: tuple[PathSegment, ...], labels: tuple[str, ...],
          cells_only: bool) -> Iterator[FieldInfo]:
    for field in model_fields(cls):
        field_path = (*path, field.name)
        field_labels = (*labels, *_field_labels(field))
        info = FieldInfo(path=field_path, labels=field_labels, spec=field.spec,
                         type=field.type, nullable=field.nullable)
        if not cells_only or info.is_cell:
            yield info
        if field.child is not None:
            child_path = (*field_path, 0) if field.repeated else field_path
            yield from _walk(field.child, child_path, field_labels, cells_only)


def not_known(path: str) -> str:
    """How a value that is not known (``None``) is shown: ``（报告年度未填）``.

    >>> not_known("$.metadata.year")
    '（报告年度未填）'
    """
    return f"（{field_info(path).label}未填）"


def field_info(path: str | Sequence[PathSegment],
               format: FormatVersion | str = FormatVersion.V2021) -> FieldInfo:
    """Describe the field at ``path`` (a ``$`` JSON path or a sequence of segments).

    Paths below ``extensions`` (free-form additions) are accepted and labelled ``扩展``.
    Raises :class:`~govinfo_report.exceptions.UnknownPathError` for a path
    the model does not have.
    """
    segments = parse_path(path) if isinstance(path, str) else tuple(path)
    cls: type | None = _report_class(format)
    labels: tuple[str, ...] = ()
    found: ModelField | None = None
    position = 0
    while position < len(segments):
        segment = segments[position]
        if cls is None or not isinstance(segment, str):
            raise UnknownPathError(format_path(segments))
        found = next((f for f in model_fields(cls) if f.name == segment), None)
        if found is None:
            raise UnknownPathError(format_path(segments))
        labels = (*labels, *_field_labels(found))
        position += 1
        if found.repeated:
            if position < len(segments) and isinstance(segments[position], int):
                position += 1
            elif position < len(segments):
                raise UnknownPathError(format_path(segments))
        if found.name == "extensions" and found.child is None and position < len(segments):
            # Free-form province additions: anything below is theirs.
            return FieldInfo(path=segments, labels=labels, spec=found.spec,
                             type=Any, nullable=True)
        cls = found.child
    if found is None:
        raise UnknownPathError(format_path(segments))
    return FieldInfo(path=segments, labels=labels, spec=found.spec, type=found.type,
                     nullable=found.nullable)


def label_path(path: str | Sequence[PathSegment],
               format: FormatVersion | str = FormatVersion.V2021) -> tuple[str, ...]:
    """The official labels from the part down to the field at ``path``."""
    return field_info(path, format).labels
