"""The formats the library writes import back to the same report: every cell (blanks
included), the organ and the year, on 1000 generated reports per format (either version).

HTML is rendered for each example. Word and Excel renders take a tenth of a second
each, so each is rendered once per version from a template whose every cell holds
its own sentinel number, and each example's cell texts (computed by the renderer's
own view) are put in place of the sentinels; that this equals rendering the example
is checked on a few reports first, on what the importer reads of both files.
"""

from __future__ import annotations

import functools
import io
import os
import random
import re
import zipfile
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from govinfo_report import convert, importers
from govinfo_report.examples import load_example
from govinfo_report.exceptions import UnreadableSourceError
from govinfo_report.export import write_xlsx
from govinfo_report.importers import docx, xlsx
from govinfo_report.labels import field_info, iter_fields
from govinfo_report.model import FormatVersion, Report
from govinfo_report.model._fields import Kind
from govinfo_report.render import render_docx, render_html, render_page
from govinfo_report.render._layout import tables_of
from govinfo_report.render._view import _texts

#: 1000 examples per property; the Word and Excel ones stay lean through the templates.
ROUND_TRIPS = settings(max_examples=int(os.environ.get("GOVINFO_ROUND_TRIPS", "1000")),
                       deadline=None, derandomize=True,
                       suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
TABLE_PARTS = ("proactive_disclosure", "applications", "reviews")
VERSIONS = (FormatVersion.V2021, FormatVersion.V2019)
organs = st.builds(lambda place, kind: place + kind,
                   st.text(alphabet="青山绿水东西南北安平和新丰华阳泉石桥", min_size=2, max_size=5),
                   st.sampled_from(["镇人民政府", "乡人民政府", "县人民政府", "街道办事处",
                                    "区人民政府", "县教育局", "市卫生健康委员会"]))
YEARS = {FormatVersion.V2021: st.integers(2021, 2035), FormatVersion.V2019: st.integers(2019, 2020)}


@functools.cache
def _cells(format: FormatVersion) -> tuple[Any, ...]:
    return tuple(iter_fields(format, cells_only=True))


def _value_at(node: Any, path: tuple[Any, ...]) -> Any:
    for segment in path:
        node = getattr(node, str(segment))
    return node


def _set(document: dict[str, Any], path: tuple[Any, ...], value: Any) -> None:
    for segment in path[:-1]:
        document = document[segment]
    document[path[-1]] = value


def published_like(example: Report, organ: str, year: int) -> Report:
    """``example``'s tables and 信息处理费 in the bundled report of its version, under
    ``organ`` and ``year``: the narrative is not what these properties are about."""
    document = convert.to_dict(load_example(example.format))
    drawn = convert.to_dict(example)
    for part in TABLE_PARTS:
        document[part] = drawn[part]
    if example.format is FormatVersion.V2021:
        document["other_matters"]["fees"] = drawn["other_matters"]["fees"]
    document["metadata"]["organ"], document["metadata"]["year"] = organ, year
    return convert.from_dict(document)


def _value(kind: Kind, draw: random.Random) -> Any:
    """A value of ``kind`` from the domain ``tests/strategies.py`` draws from, edges often."""
    roll = draw.random()
    if roll < 0.1:
        return None
    if roll < 0.2:
        return 0
    if kind is Kind.MONEY:
        return Decimal(draw.choice([10**9, draw.randrange(10**13)])).scaleb(-draw.randrange(5))
    value = draw.choice([1, 10**6, draw.randrange(1, 100), draw.randrange(1, 10**6)])
    return -value if kind is Kind.SIGNED and draw.random() < 0.3 else value


def _with_cells(format: FormatVersion, seed: int, unit: str | None, organ: str,
                year: int) -> Report:
    document = convert.to_dict(load_example(format))
    draw = random.Random(seed)
    infos = _cells(format)
    values = [_value(info.kind, draw) for info in infos]
    for info, value in zip(infos, values, strict=True):
        _set(document, info.path,
             str(value) if value is not None and info.kind is Kind.MONEY else value)
    if format is FormatVersion.V2019:
        document["proactive_disclosure"]["art20_9"]["procurement"]["amount_unit"] = unit
    document["metadata"]["organ"], document["metadata"]["year"] = organ, year
    return convert.from_dict(document)


def examples(format: FormatVersion) -> st.SearchStrategy[Report]:
    """The bundled report of ``format`` with every cell, the organ and the year drawn.

    The two hundred cells come from one drawn seed (a failure names it): drawing
    each through hypothesis costs more than the import under test.
    """
    units = st.none() | st.sampled_from(["元", "万元"])
    return st.builds(_with_cells, st.just(format), st.integers(0, 2**32), units, organs,
                     YEARS[format])


either_version = st.sampled_from(VERSIONS).flatmap(examples)


def wrong(expected: Report, result: importers.ImportResult,
          paths: tuple[str, ...] | None = None) -> list[tuple[str, Any, Any]]:
    found = [(info.json_path, _value_at(expected, info.path), _value_at(result.report, info.path))
             for info in _cells(expected.format)
             if paths is None or info.path[0] in paths]
    meta = expected.metadata, result.report.metadata
    found += [("organ", meta[0].organ, meta[1].organ), ("year", meta[0].year, meta[1].year)]
    return [item for item in found if item[1] != item[2]]


# -- HTML -----------------------------------------------------------------------------------

@ROUND_TRIPS
@given(either_version)
def test_html_fragment_round_trip(report: Report) -> None:
    """`render --to html` output, as bytes without a declared charset."""
    result = importers.parse(render_html(report).encode("utf-8"), name="report.html")
    assert wrong(report, result) == []


@settings(ROUND_TRIPS, max_examples=max(1, ROUND_TRIPS.max_examples // 10))
@given(either_version)
def test_html_page_round_trip(report: Report) -> None:
    """`render --to page` output, as text."""
    assert wrong(report, importers.parse(render_page(report))) == []


# -- templates for Word and Excel -----------------------------------------------------------

SENTINEL = 7_000_000


def sentinel_report(format: FormatVersion, unit: str | None = "万元") -> Report:
    """The bundled report with cell number i holding SENTINEL + i."""
    document = convert.to_dict(load_example(format))
    for index, info in enumerate(_cells(format)):
        value = SENTINEL + index
        _set(document, info.path, str(value) if info.kind is Kind.MONEY else value)
    if format is FormatVersion.V2019:
        document["proactive_disclosure"]["art20_9"]["procurement"]["amount_unit"] = \
            unit
    return convert.from_dict(document)


def cell_texts(report: Report) -> list[str]:
    """The text the renderers write in each value cell, table after table."""
    return [text for table in tables_of(report.format) for text in _texts(report, table)]


def _substitute(xml: str, pattern: str, values: dict[str, str]) -> str:
    return re.sub(pattern, lambda m: m[1] + values.get(m[2], m[2]) + m[3], xml)


def _rezip(data: bytes, parts: dict[str, str]) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as target:
        for info in source.infolist():
            body = parts[info.filename].encode() if info.filename in parts \
                else source.read(info)
            target.writestr(info.filename, body)
    return out.getvalue()


@functools.cache
def docx_template(format: FormatVersion) -> tuple[bytes, str, list[str]]:
    template = sentinel_report(format)
    data = render_docx(template)
    xml = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode()
    return data, xml, cell_texts(template)


def docx_of(report: Report) -> bytes:
    """``report`` as :func:`render_docx` writes it, through the template."""
    data, xml, sentinels = docx_template(report.format)
    template_meta = load_example(report.format).metadata
    values = dict(zip(sentinels, cell_texts(report), strict=True))
    xml = _substitute(xml, r"(<w:t(?: [^>]*)?>)([^<]*)(</w:t>)", values)
    xml = xml.replace(f"{template_meta.organ}{template_meta.year}年",
                      f"{report.metadata.organ}{report.metadata.year}年")
    xml = xml.replace(template_meta.organ, report.metadata.organ)
    # The basic information that closes the document names the year too.
    year = field_info(("metadata", "year"), report.format).label
    xml = xml.replace(f">{year}：{template_meta.year}<", f">{year}：{report.metadata.year}<")
    return _rezip(data, {"word/document.xml": xml})


@functools.cache
def xlsx_template(format: FormatVersion, unit: str | None) -> tuple[bytes, dict[str, str]]:
    buffer = io.BytesIO()
    write_xlsx([sentinel_report(format, unit)], buffer)
    data = buffer.getvalue()
    archive = zipfile.ZipFile(io.BytesIO(data))
    sheets = {name: archive.read(name).decode() for name in archive.namelist()
              if name.startswith("xl/worksheets/")}
    return data, sheets


def xlsx_of(report: Report) -> bytes:
    """``report`` as :func:`write_xlsx` writes it, through the template of its unit."""
    unit = None
    if report.format is FormatVersion.V2019:
        recorded = report.proactive_disclosure.art20_9.procurement.amount_unit
        unit = None if recorded is None else recorded.value
    data, sheets = xlsx_template(report.format, unit)
    template_meta = load_example(report.format).metadata
    values = {str(SENTINEL + index): "" if value is None else str(value)
              for index, value in enumerate(_value_at(report, info.path)
                                            for info in _cells(report.format))}
    # openpyxl writes text outside ASCII as character references.
    title = "".join(char if char.isascii() else f"&#{ord(char)};"
                    for char in f"{template_meta.organ} {template_meta.year}")
    parts = {}
    for name, xml in sheets.items():
        xml = _substitute(xml, r"(<v>)(\d+)(</v>)", values).replace("<v></v>", "")
        parts[name] = xml.replace(title, f"{report.metadata.organ} {report.metadata.year}")
    return _rezip(data, parts)


SAMPLES = [load_example(FormatVersion.V2021), load_example(FormatVersion.V2019)]


def _with_unit(report: Report, unit: str | None) -> Report:
    document = convert.to_dict(report)
    if report.format is FormatVersion.V2019:
        document["proactive_disclosure"]["art20_9"]["procurement"]["amount_unit"] = \
            unit
    return published_like(convert.from_dict(document), "新丰镇人民政府", 2020)


@pytest.mark.parametrize("report", SAMPLES, ids=["2021", "2019"])
@pytest.mark.parametrize("unit", ["元", None])
def test_templates_write_what_the_renderers_write(report: Report, unit: str | None) -> None:
    """The templates' documents read as the renderers' own, block for block."""
    example = _with_unit(report, unit)
    assert docx.blocks_of(docx_of(example)) == docx.blocks_of(render_docx(example))
    buffer = io.BytesIO()
    write_xlsx([example], buffer)
    assert _filled(xlsx_of(example)) == _filled(buffer.getvalue())


def _filled(data: bytes) -> list[list[tuple[int, tuple[Any, ...]]]]:
    """The non-empty cells of each table sheet (openpyxl leaves out a blank cell that the
    template keeps as an empty one: both read as blank)."""
    return [[(number, tuple(cell for cell in cells if cell.text)) for number, cells in sheet.rows]
            for sheet in xlsx.sheets_of(data)]


def test_one_workbook_of_many_reports() -> None:
    """The export's workbook of several reports gives one result each, in order."""
    reports_ = [published_like(report, organ, year) for report, organ, year in (
        (SAMPLES[0], "青山镇人民政府", 2023), (SAMPLES[0], "绿水镇人民政府", 2024),
        (SAMPLES[1], "新丰乡人民政府", 2020))]
    buffer = io.BytesIO()
    write_xlsx(reports_, buffer)
    results = importers.parse_all(buffer.getvalue(), name="county.xlsx")
    assert [result.source.sheet for result in results] == [r.metadata.organ for r in reports_]
    for report, result in zip(reports_, results, strict=True):
        assert wrong(report, result, TABLE_PARTS) == []
    with pytest.raises(UnreadableSourceError, match="3 份报告"):
        importers.parse(buffer.getvalue(), name="county.xlsx")
