"""The tables of each format version, as rows and columns the importer looks for.

Built from the model's field declarations (never retyped): a *row* is a part
whose fields are all cells (an :class:`~govinfo_report.model.ApplicantCounts`
row of 三, a row of a sub-table of 二); its *columns* are those cells. Part 四
is one unlabelled row of 15 cells, as printed. The 信息处理费 of the 2021
format (六) is read as three one-cell rows.

>>> layout = section_layouts("2019")["applications"]
>>> len(layout.rows), layout.rows[2].label, len(layout.rows[2].columns)
(23, '（一）予以公开', 7)
>>> reviews = section_layouts("2021")["reviews"]
>>> reviews.rows[0].label, len(reviews.rows[0].columns)
('', 15)
"""

from __future__ import annotations

import functools

import attrs

from ..labels import PathSegment
from ..model import (
    APPLICANTS,
    CORNER_NOTE,
    INFO_CONTENT,
    REPORT_CLASSES,
    AmountUnit,
    FormatVersion,
)
from ..model._fields import Kind
from ..model._introspect import ModelField, model_fields
from ._labels import label_key

__all__ = ["ColumnLayout", "RowLayout", "SectionLayout", "section_layouts"]


@attrs.frozen(kw_only=True)
class ColumnLayout:
    """One data column of a row: where its cell goes and how it is read."""

    #: Path of the cell below the row's path (``("natural_person",)``).
    path: tuple[str, ...]
    label: str
    kind: Kind
    unit: str
    #: The label with its group where the leaf label alone is ambiguous (四: 行政复议·结果维持).
    title: str = attrs.field()

    @title.default
    def _title(self) -> str:
        return self.label


@attrs.frozen(kw_only=True)
class RowLayout:
    """One data row of a table."""

    path: tuple[PathSegment, ...]
    number: str
    text: str
    #: Official labels of the enclosing group rows or captions, outermost first.
    groups: tuple[str, ...]
    columns: tuple[ColumnLayout, ...]
    #: The table the row belongs to (``art20_1`` … for the sub-tables of 二).
    table: str
    #: Position in official order within its section.
    index: int = 0
    #: Name of the field that records the unit of the row's amount (采购总金额单位).
    unit_field: str | None = None

    #: The comparison key of the row label.
    key: str = attrs.field(init=False, eq=False)

    @key.default
    def _key(self) -> str:
        return label_key(self.text)

    @property
    def label(self) -> str:
        """The official row label (numbering + text), ``""`` for an unlabelled row."""
        return self.number + self.text


@attrs.frozen(kw_only=True)
class SectionLayout:
    """The tables of one part of the report."""

    name: str
    path: tuple[PathSegment, ...]
    rows: tuple[RowLayout, ...]
    #: Comparison keys of the texts that are not data rows: captions, column
    #: headers, group rows, notes.
    known: frozenset[str]
    #: Comparison keys of the leaf column headers.
    leaf_headers: frozenset[str]

    def by_key(self) -> dict[str, RowLayout]:
        """The labelled rows by the comparison key of their text."""
        return {row.key: row for row in self.rows if row.text}


def _is_row(cls: type) -> bool:
    fields = model_fields(cls)
    return any(field.spec.is_cell for field in fields) and all(
        field.spec.is_cell or field.spec.kind is Kind.OTHER for field in fields)


def _unit_field(cls: type) -> str | None:
    return next((field.name for field in model_fields(cls)
                 if field.spec.kind is Kind.OTHER and field.type is AmountUnit), None)


def _columns(cls: type, prefix: tuple[str, ...] = (), group: str = "") -> tuple[ColumnLayout, ...]:
    return tuple(ColumnLayout(path=(*prefix, field.name), label=field.spec.label,
                              kind=field.spec.kind, unit=field.spec.unit,
                              title=f"{group}·{field.spec.label}" if group else field.spec.label)
                 for field in model_fields(cls) if field.spec.is_cell)


def _field(cls: type, name: str) -> ModelField:
    return next(field for field in model_fields(cls) if field.name == name)


class _Collector:
    def __init__(self) -> None:
        self.rows: list[RowLayout] = []
        self.known: set[str] = set()
        self.leaf_headers: set[str] = set()

    def walk(self, cls: type, path: tuple[PathSegment, ...], groups: tuple[str, ...],
             table: str) -> None:
        for field in model_fields(cls):
            child = field.child
            if child is None:
                continue
            field_path = (*path, field.name)
            sub_table = table or field.name
            if _is_row(child):
                columns = _columns(child)
                self.add_columns(columns, child)
                self.known.update(label_key(group) for group in field.spec.groups)
                self.rows.append(RowLayout(path=field_path, number=field.spec.number,
                                           text=field.spec.text, groups=groups,
                                           columns=columns, table=sub_table,
                                           index=len(self.rows),
                                           unit_field=_unit_field(child)))
            else:
                self.known.add(label_key(field.spec.label))
                self.walk(child, field_path, (*groups, field.spec.label), sub_table)

    def add_columns(self, columns: tuple[ColumnLayout, ...], cls: type) -> None:
        for column in columns:
            self.leaf_headers.add(label_key(column.label))
        for field in model_fields(cls):
            self.known.update(label_key(group) for group in field.spec.groups)

    def layout(self, name: str, path: tuple[PathSegment, ...]) -> SectionLayout:
        return SectionLayout(name=name, path=path, rows=tuple(self.rows),
                             known=frozenset(self.known | self.leaf_headers),
                             leaf_headers=frozenset(self.leaf_headers))


def _reviews_layout(report_cls: type) -> SectionLayout:
    reviews = _field(report_cls, "reviews")
    assert reviews.child is not None
    collector = _Collector()
    columns: list[ColumnLayout] = []
    for group in model_fields(reviews.child):
        assert group.child is not None
        collector.known.add(label_key(group.spec.label))
        collector.known.update(label_key(label) for label in group.spec.groups)
        group_columns = _columns(group.child, (group.name,), group.spec.label)
        collector.add_columns(group_columns, group.child)
        columns.extend(group_columns)
    collector.rows.append(RowLayout(path=("reviews",), number="", text="",
                                    groups=(reviews.spec.label,),
                                    columns=tuple(columns), table="reviews"))
    return collector.layout("reviews", ("reviews",))


def _fees_layout(report_cls: type) -> SectionLayout | None:
    other = _field(report_cls, "other_matters")
    assert other.child is not None
    fees = next((field for field in model_fields(other.child) if field.name == "fees"), None)
    if fees is None or fees.child is None:
        return None
    collector = _Collector()
    for field in model_fields(fees.child):
        column = ColumnLayout(path=(), label=field.spec.label, kind=field.spec.kind,
                              unit=field.spec.unit)
        collector.rows.append(RowLayout(
            path=("other_matters", "fees", field.name), number="", text=field.spec.text,
            groups=(fees.spec.label,), columns=(column,), table="fees",
            index=len(collector.rows)))
    collector.known.add(label_key(fees.spec.label))
    return collector.layout("fees", ("other_matters", "fees"))


@functools.cache
def section_layouts(format: FormatVersion | str) -> dict[str, SectionLayout]:
    """The tables of ``format``: ``proactive_disclosure``, ``applications``, ``reviews``
    and, in the 2021 format, ``fees``."""
    report_cls = REPORT_CLASSES[FormatVersion(format)]
    layouts: dict[str, SectionLayout] = {}
    for name in ("proactive_disclosure", "applications"):
        part = _field(report_cls, name)
        assert part.child is not None
        collector = _Collector()
        collector.walk(part.child, (name,), (), "" if name == "proactive_disclosure" else name)
        notes = (INFO_CONTENT,) if name == "proactive_disclosure" else (APPLICANTS, CORNER_NOTE)
        collector.known.update(label_key(text) for text in notes)
        layouts[name] = collector.layout(name, (name,))
    layouts["reviews"] = _reviews_layout(report_cls)
    fees = _fees_layout(report_cls)
    if fees is not None:
        layouts["fees"] = fees
    return layouts
