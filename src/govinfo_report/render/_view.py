"""What every renderer shows of one report: texts, cell values, findings.

:func:`view_of` fills the cached grids of :mod:`._layout` with the values of
a report (blank cells stay ``""``, never ``0``; money is written exactly),
splits the narrative into paragraphs, and places the findings: each finding
is listed under the table that holds its primary location and marks every
cell named by its paths.

>>> from govinfo_report.examples import load_example
>>> view = view_of(load_example("2019"))
>>> reviews = view.sections[3].tables[0]
>>> reviews.texts[:2], reviews.texts[5]
(('', ''), '0')
"""

from __future__ import annotations

import functools
import operator
from collections.abc import Callable, Iterable
from typing import Any

import attrs

from ..findings import Finding
from ..labels import field_info, not_known
from ..model import REPORT_CLASSES, SECTION_TITLES, AmountUnit, FormatVersion, Overview, Report
from ..model._fields import Kind
from ..model._introspect import model_fields
from ._layout import Table, tables_of
from ._marks import SEVERITY_LABELS, FindingView, Mark, covers, in_table, marks_of, number_findings
from ._text import clean_text, format_date, paragraphs

__all__ = [
    "SEVERITY_LABELS",
    "TITLE_SUFFIX",
    "FindingView",
    "Mark",
    "ReportView",
    "SectionView",
    "TableView",
    "clean_text",
    "format_date",
    "paragraphs",
    "view_of",
]

#: The report title follows the organ and the year (``……2023年政府信息公开工作年度报告``):
#: the name of the format without the country and the word 格式.
TITLE_SUFFIX = FormatVersion.V2021.format_name.removeprefix("中华人民共和国").removesuffix("格式")


@attrs.frozen(kw_only=True)
class TableView:
    """One official table filled with a report's values."""

    table: Table
    #: Text of each value cell, by :attr:`Cell.index`; ``""`` for a blank cell.
    texts: tuple[str, ...]
    #: Marks by value-cell index (only cells named by a finding).
    marks: dict[int, Mark]
    findings: tuple[FindingView, ...]


@attrs.frozen(kw_only=True)
class SectionView:
    """One of the six parts."""

    key: str
    title: str
    paragraphs: tuple[str, ...]
    tables: tuple[TableView, ...]
    #: Findings located in this part but in none of its tables (its narrative).
    findings: tuple[FindingView, ...]


@attrs.frozen(kw_only=True)
class ReportView:
    """Everything a renderer shows of a report."""

    format: FormatVersion
    title: str
    organ: str
    date: str
    #: ``(label, text)`` of the document number and signer, when given.
    header: tuple[tuple[str, str], ...]
    #: ``(label, text)`` of every metadata item that is filled, plus the format.
    metadata: tuple[tuple[str, str], ...]
    preamble: tuple[str, ...]
    sections: tuple[SectionView, ...]
    findings: tuple[FindingView, ...]
    #: Findings that no part holds (metadata, the whole report).
    other_findings: tuple[FindingView, ...]


@attrs.frozen(kw_only=True)
class _Reader:
    """Reads every value cell of one table in one call, and knows which need care."""

    getter: Callable[[Any], tuple[Any, ...]]
    #: Money cells, written exactly with ``format(value, "f")``.
    money: tuple[int, ...]
    #: Cells shown with a fixed unit (信息处理费).
    units: tuple[tuple[int, str], ...]
    #: Cells whose unit the report records beside them (试行格式 采购总金额).
    recorded_units: tuple[tuple[int, Callable[[Any], Any]], ...]


@functools.cache
def _reader(format: FormatVersion, key: str) -> _Reader:
    table = next(table for table in tables_of(format) if table.key == key)
    names = [".".join(str(segment) for segment in cell.path) for cell in table.value_cells]
    many = operator.attrgetter(*names)
    getter = many if len(names) > 1 else lambda report: (many(report),)
    money, units, recorded = [], [], []
    for cell in table.value_cells:
        if cell.kind is Kind.MONEY:
            money.append(cell.index)
            for field in model_fields(field_info(cell.path[:-1], format).type):
                if field.type is AmountUnit:
                    path = ".".join(str(segment) for segment in (*cell.path[:-1], field.name))
                    recorded.append((cell.index, operator.attrgetter(path)))
        if key == "fees":
            units.append((cell.index, field_info(cell.path, format).unit))
    return _Reader(getter=getter, money=tuple(money), units=tuple(units),
                   recorded_units=tuple(recorded))


_BLANK_TEXT: dict[Any, str] = {None: ""}


def _texts(report: Report, table: Table) -> tuple[str, ...]:
    reader = _reader(report.format, table.key)
    values = reader.getter(report)
    # Cells hold int, Decimal or None: a blank's text is "" (looked up at C speed).
    texts = list(map(_BLANK_TEXT.get, values, map(str, values)))
    for index in reader.money:
        if values[index] is not None:
            texts[index] = format(values[index], "f")
    for index, unit in reader.units:
        if texts[index]:
            texts[index] += unit
    for index, unit_getter in reader.recorded_units:
        recorded = unit_getter(report)
        if not texts[index] and recorded is not None:
            # A blank amount whose unit is recorded keeps the unit, after a dash.
            texts[index] = f"{BLANK_WITH_UNIT}{recorded.value}"
        elif texts[index] and recorded is not None:
            texts[index] += recorded.value
    return tuple(texts)


@attrs.frozen
class _Part:
    """One of the six parts: its key, heading, and which tables of the format it holds."""

    key: str
    title: str
    json_path: str
    tables: tuple[int, ...]


@functools.cache
def _parts(format: FormatVersion) -> tuple[_Part, ...]:
    tables = tables_of(format)
    report_class: type = REPORT_CLASSES[format]
    return tuple(
        _Part(key=field.name, title=field.spec.label, json_path=f"$.{field.name}",
              tables=tuple(index for index, table in enumerate(tables)
                           if covers(f"$.{field.name}", table.json_path)))
        for field in model_fields(report_class) if field.spec.label in SECTION_TITLES)


def view_of(report: Report, findings: Iterable[Finding] = ()) -> ReportView:
    """Fill the grids of ``report``'s format and place ``findings``."""
    format = report.format
    numbered = number_findings(findings, format)
    tables = [TableView(table=table, texts=_texts(report, table),
                        marks=marks_of(table, numbered) if numbered else {},
                        findings=tuple(view for view in numbered if in_table(view, table)))
              for table in tables_of(format)]
    sections = []
    for part in _parts(format):
        section_tables = tuple(tables[index] for index in part.tables)
        in_tables = {view.number for table in section_tables for view in table.findings}
        sections.append(SectionView(
            key=part.key, title=part.title,
            paragraphs=tuple(line for text in _part_texts(getattr(report, part.key))
                             for line in paragraphs(text)),
            tables=section_tables,
            findings=tuple(view for view in numbered if view.number not in in_tables
                           and covers(part.json_path, view.finding.json_path))))
    placed_numbers = {view.number for section in sections for view in section.findings} | {
        view.number for table in tables for view in table.findings}
    metadata = report.metadata
    organ = metadata.organ or not_known("$.metadata.organ")
    year = not_known("$.metadata.year") if metadata.year is None else f"{metadata.year}年"
    return ReportView(
        format=format,
        title=clean_text(f"{organ}{year}{TITLE_SUFFIX}"),
        organ=clean_text(metadata.organ or ""),
        date=format_date(metadata.published),
        header=_header(report),
        metadata=_metadata(report),
        preamble=paragraphs(report.preamble),
        sections=tuple(sections),
        findings=numbered,
        other_findings=tuple(view for view in numbered if view.number not in placed_numbers),
    )


_ITEM_NUMERALS = "一二三四五六七八九十"
#: Written before the unit of a blank amount whose unit is recorded (``—万元``).
BLANK_WITH_UNIT = "\u2014"


@functools.cache
def _text_fields(part_class: type) -> tuple[tuple[str, str], ...]:
    """The text fields of a part: each name, and the numbered sub-heading written before
    its text (``（一）主动公开``), or ``""`` for the opening summary of 一、总体情况 and the
    only text of a part of one."""
    fields = [inner for inner in model_fields(part_class) if inner.spec.kind is Kind.TEXT]
    if len(fields) < 2:
        return tuple((inner.name, "") for inner in fields)
    first_headed = 1 if part_class is Overview else 0
    return tuple(
        (inner.name, f"（{_ITEM_NUMERALS[position - first_headed]}）{inner.spec.label}\n"
         if position >= first_headed else "")
        for position, inner in enumerate(fields))


def _part_texts(part: Any) -> list[str]:
    """The texts of a part; in a part of several, each after its numbered sub-heading,
    so the parts stay apart when the report is read back."""
    texts = []
    part_class: type = type(part)
    for name, heading in _text_fields(part_class):
        text = getattr(part, name)
        texts.append(heading + text if heading and text.strip() else text)
    return texts


@functools.cache
def _label(name: str, format: FormatVersion) -> str:
    return field_info(("metadata", name), format).label


def _header(report: Report) -> tuple[tuple[str, str], ...]:
    metadata = report.metadata
    items = [(name, getattr(metadata, name)) for name in ("document_number", "signer")]
    return tuple((_label(name, report.format), clean_text(value))
                 for name, value in items if value)


def _metadata(report: Report) -> tuple[tuple[str, str], ...]:
    metadata = report.metadata
    format = report.format
    items = [
        ("organ", metadata.organ),
        ("level", metadata.level.label),
        ("year", None if metadata.year is None else str(metadata.year)),
        ("division_code", metadata.division_code),
        ("published", format_date(metadata.published)),
        ("document_number", metadata.document_number),
        ("signer", metadata.signer),
        ("source_url", metadata.source_url),
    ]
    filled = [(_label(name, format), clean_text(value)) for name, value in items if value]
    filled.append(("报告格式", f"{format.format_name}（{format.document_number}）"))
    return tuple(filled)
