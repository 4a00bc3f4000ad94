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

import datetime
import functools
import operator
import re
from collections.abc import Callable, Iterable
from typing import Any

import attrs

from ..exceptions import UnknownPathError
from ..findings import Finding, Severity
from ..labels import field_info, not_known
from ..model import REPORT_CLASSES, SECTION_TITLES, AmountUnit, FormatVersion, Overview, Report
from ..model._fields import Kind
from ..model._introspect import model_fields
from ._layout import Table, tables_of

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

#: Chinese names of the severities, as the findings lists show them.
SEVERITY_LABELS = {Severity.ERROR: "错误", Severity.WARNING: "警告"}
#: The report title follows the organ and the year (``……2023年政府信息公开工作年度报告``):
#: the name of the format without the country and the word 格式.
TITLE_SUFFIX = FormatVersion.V2021.format_name.removeprefix("中华人民共和国").removesuffix("格式")

# Code points HTML5 and XML (docx) both refuse: C0/C1 controls except tab and
# newline, lone surrogates, noncharacters (U+FDD0–U+FDEF and U+xFFFE/U+xFFFF
# of every plane; the astral ones are checked only when the text has any).
# And the bidirectional embeddings, overrides and isolates (U+202A–U+202E,
# U+2066–U+2069), which would let a text show other than it reads (spoofing):
# replaced visibly rather than dropped, so a reader sees something was there.
_FORBIDDEN_BMP = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069"
                            "\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff]")
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


def _replace_astral_noncharacter(match: re.Match[str]) -> str:
    character = match.group()
    return "\ufffd" if ord(character) & 0xFFFE == 0xFFFE else character


def clean_text(text: str) -> str:
    """``text`` with line ends normalised and unprintable code points replaced by U+FFFD.

    Bidirectional control characters count as unprintable: every renderer
    shows U+FFFD in their place.

    >>> clean_text("a\\r\\nb\\x00\\U0001fffe")
    'a\\nb\\ufffd\\ufffd'
    """
    text = _FORBIDDEN_BMP.sub("\ufffd", text.replace("\r\n", "\n").replace("\r", "\n"))
    if not text.isascii():
        text = _ASTRAL.sub(_replace_astral_noncharacter, text)
    return text


def paragraphs(text: str) -> tuple[str, ...]:
    """The non-empty lines of ``text``, cleaned and stripped."""
    return tuple(line.strip() for line in clean_text(text).split("\n") if line.strip())


def format_date(date: datetime.date | None) -> str:
    """A date as 公文 write it: ``2024年1月22日``."""
    return "" if date is None else f"{date.year}年{date.month}月{date.day}日"


@attrs.frozen(kw_only=True)
class FindingView:
    """A finding with its number in the report and a readable location."""

    number: int
    finding: Finding
    #: ``error``, ``warning``.
    severity: str
    severity_label: str
    #: Official labels joined by ``›``, or the ``$`` path when the finding has none.
    location: str
    message: str


@attrs.frozen(kw_only=True)
class Mark:
    """The findings that name one cell."""

    numbers: tuple[int, ...]
    #: The worst open severity (``error``, ``warning``), or ``acknowledged``.
    severity: str


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


def _texts(report: Report, table: Table) -> tuple[str, ...]:
    reader = _reader(report.format, table.key)
    values = reader.getter(report)
    texts = ["" if value is None else str(value) for value in values]
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


def _number_findings(findings: Iterable[Finding], format: FormatVersion) -> tuple[FindingView, ...]:
    views = []
    for number, finding in enumerate(findings, start=1):
        location = " › ".join(finding.labels or _registry_labels(finding.json_path, format)) \
            or finding.json_path
        message = clean_text(finding.message)
        if finding.acknowledged and finding.acknowledgement:
            message += f"（已说明：{clean_text(finding.acknowledgement)}）"
        views.append(FindingView(number=number, finding=finding,
                                 severity=finding.severity.value,
                                 severity_label=SEVERITY_LABELS[finding.severity],
                                 location=clean_text(location), message=message))
    return tuple(views)


def _registry_labels(json_path: str, format: FormatVersion) -> tuple[str, ...]:
    try:
        return field_info(json_path, format).labels
    except UnknownPathError:
        return ()


def _covers(path: str, cell_path: str) -> bool:
    return path != "$" and (cell_path == path or cell_path.startswith((path + ".", path + "[")))


def _marks(table: Table, findings: tuple[FindingView, ...]) -> dict[int, Mark]:
    named: dict[int, dict[int, FindingView]] = {}
    for view in findings:
        for path in view.finding.json_paths:
            for cell in table.value_cells:
                if _covers(path, cell.json_path):
                    named.setdefault(cell.index, {})[view.number] = view
    marks = {}
    for index, by_number in named.items():
        views = list(by_number.values())
        open_severities = {view.severity for view in views if not view.finding.acknowledged}
        severity = next((s.value for s in Severity if s.value in open_severities), "acknowledged")
        marks[index] = Mark(numbers=tuple(view.number for view in views), severity=severity)
    return marks


def _in_table(view: FindingView, table: Table) -> bool:
    return _covers(table.json_path, view.finding.json_path)


def view_of(report: Report, findings: Iterable[Finding] = ()) -> ReportView:
    """Fill the grids of ``report``'s format and place ``findings``."""
    format = report.format
    numbered = _number_findings(findings, format)
    tables = []
    for table in tables_of(format):
        placed = tuple(view for view in numbered if _in_table(view, table))
        tables.append(TableView(table=table, texts=_texts(report, table),
                                marks=_marks(table, numbered) if numbered else {},
                                findings=placed))
    sections = []
    report_class: type = REPORT_CLASSES[format]
    for field in model_fields(report_class):
        if field.spec.label not in SECTION_TITLES:
            continue
        part = getattr(report, field.name)
        texts = _part_texts(part)
        section_tables = tuple(view for view in tables
                               if _covers(f"$.{field.name}", view.table.json_path))
        in_tables = {view.number for table in section_tables for view in table.findings}
        sections.append(SectionView(
            key=field.name, title=field.spec.label,
            paragraphs=tuple(line for text in texts for line in paragraphs(text)),
            tables=section_tables,
            findings=tuple(view for view in numbered if view.number not in in_tables
                           and _covers(f"$.{field.name}", view.finding.json_path))))
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


def _part_texts(part: Any) -> list[str]:
    """The texts of a part; in a part of several, each after its numbered sub-heading
    (``（一）主动公开``), so the parts stay apart when the report is read back. The
    opening summary of 一、总体情况 has no sub-heading."""
    part_class: type = type(part)
    fields = [inner for inner in model_fields(part_class) if inner.spec.kind is Kind.TEXT]
    texts = [getattr(part, inner.name) for inner in fields]
    if len(fields) < 2:
        return texts
    headed = fields[1:] if isinstance(part, Overview) else fields
    result = texts[:len(fields) - len(headed)]
    for number, inner in enumerate(headed):
        text = getattr(part, inner.name)
        result.append(f"（{_ITEM_NUMERALS[number]}）{inner.spec.label}\n{text}"
                      if text.strip() else text)
    return result


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
