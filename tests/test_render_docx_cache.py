"""Word output from tables drawn once per format: the same bytes as a document built from scratch.

The renderer copies shared, cached elements (the tables of each format, the
paragraphs of each style) and writes the archive around parts compressed once;
``docx_reference.reference_render`` builds each document from nothing with
python-docx, as the renderer used to. Every output must be byte-identical to
it, in any order, from any thread, and no render may change what is cached.
"""

from __future__ import annotations

import concurrent.futures
import functools
import io
from typing import Any

import attrs
import docx
import pytest
from hypothesis import HealthCheck, given, settings
from lxml import etree

from govinfo_report.blank import blank_report
from govinfo_report.examples import load_example
from govinfo_report.findings import Finding
from govinfo_report.labels import field_info
from govinfo_report.model import Report
from govinfo_report.model._fields import Kind
from govinfo_report.render import _docx_package, _docx_tables, _docx_template
from govinfo_report.render import docx as docx_renderer
from govinfo_report.render._layout import tables_of
from govinfo_report.rules import iter_findings

from .docx_reference import reference_render
from .strategies import reports
from .test_render_html import sample_findings


def _awkward(report: Report, organ: str, *, dated: bool) -> Report:
    """``report`` with texts that take python-docx's other paths: spaces at the ends of an
    organ name (``xml:space``), or a tab and a line break in it; tabs, an ideographic space
    and spaces at the ends of narrative lines and metadata; with or without a date."""
    metadata = attrs.evolve(report.metadata, organ=organ, signer="\t李明 ",
                            document_number=" 青政发〔2024〕3号",
                            published=report.metadata.published if dated else None)
    overview = attrs.evolve(report.overview, summary="第一段\t有制表符\n\u3000第二段 末尾空格 \n")
    return attrs.evolve(report, metadata=metadata, overview=overview)


def _cases() -> dict[str, tuple[Report, tuple[Finding, ...]]]:
    example_2021, example_2019 = load_example("2021"), load_example("2019")
    return {
        "2021": (example_2021, ()),
        "2019 (blank cells)": (example_2019, ()),
        "2021 with findings": (example_2021, tuple(sample_findings())),
        "2019 with its findings": (example_2019, tuple(iter_findings(example_2019))),
        "2021 every cell blank": (blank_report("2021", organ="青山镇人民政府", year=2023), ()),
        "2019 every cell blank": (blank_report("2019"), ()),
        # Longer than the 255 characters Word's document properties hold.
        "2021 awkward texts": (_awkward(example_2021, " 青山镇\t人民政府\n" + "长" * 300 + " ",
                                        dated=False), tuple(sample_findings())),
        "2019 awkward texts": (_awkward(example_2019, " 那勒寺镇人民政府 ", dated=True), ()),
    }


CASES = _cases()


@functools.cache
def reference(name: str) -> bytes:
    """The from-scratch document of a case, built once per test run."""
    report, findings = CASES[name]
    return reference_render(report, findings)


@pytest.mark.parametrize("name", list(CASES))
def test_output_equals_the_document_built_from_scratch(name: str) -> None:
    """Both versions, findings' shading, blank cells, long and awkward texts: the same bytes."""
    report, findings = CASES[name]
    assert docx_renderer.render(report, findings=findings) == reference(name)


def test_renders_in_any_order_equal_fresh_ones() -> None:
    """Renders of different reports interleaved, and of one report twice in a row, share
    nothing: each equals the from-scratch document."""
    order = ["2021", "2021", "2019 with its findings", "2021 with findings", "2019 (blank cells)",
             "2021 awkward texts", "2021", "2019 every cell blank", "2021 with findings"]
    for name in order:
        report, findings = CASES[name]
        assert docx_renderer.render(report, findings=findings) == reference(name), name


def test_renders_from_several_threads_equal_fresh_ones() -> None:
    """Four threads rendering the cases at once get the from-scratch documents."""
    names = list(CASES) * 3

    def render(name: str) -> bytes:
        report, findings = CASES[name]
        return docx_renderer.render(report, findings=findings)

    with concurrent.futures.ThreadPoolExecutor(4) as pool:
        outputs = list(pool.map(render, names))
    assert [output == reference(name) for name, output in zip(names, outputs, strict=True)] \
        == [True] * len(names)


def _cached_xml() -> list[bytes]:
    shared = _docx_template.template()
    elements = list(shared.paragraphs.values())
    for format in {report.format for report, _ in CASES.values()}:
        elements += [skeleton.element for skeleton in _docx_tables.skeletons(format).values()]
    return [etree.tostring(element) for element in elements]


def test_rendering_changes_nothing_cached() -> None:
    """The cached tables and paragraphs are copied, never written to."""
    before = _cached_xml()
    for report, findings in CASES.values():
        docx_renderer.render(report, findings=findings)
    assert _cached_xml() == before


def test_an_archive_too_large_for_the_plain_records_is_left_to_zipfile(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Past the size that needs ZIP64 records, zipfile writes the archive (the same bytes
    for a small one)."""
    calls = []
    zipfile_archive = _docx_package.zipfile_archive

    def spy(members: Any) -> bytes:
        calls.append(1)
        return zipfile_archive(members)

    monkeypatch.setattr(_docx_package, "LARGEST_ARCHIVE", 0)
    monkeypatch.setattr(_docx_package, "zipfile_archive", spy)
    report, findings = CASES["2021 with findings"]
    assert docx_renderer.render(report, findings=findings) == reference("2021 with findings")
    assert calls == [1]


def _value(report: Report, path: tuple[Any, ...]) -> Any:
    return functools.reduce(lambda part, segment: getattr(part, str(segment)), path, report)


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(reports())
def test_generated_reports_open_with_their_values_in_the_cells(report: Report) -> None:
    """Any report: the document equals the from-scratch one, opens with python-docx, and each
    count cell holds the report's number (blank stays empty; 信息处理费 counts with their unit)."""
    output = docx_renderer.render(report)
    assert output == reference_render(report)
    document = docx.Document(io.BytesIO(output))
    for grid, table in zip(tables_of(report.format), document.tables, strict=True):
        rows = [[cell._tc for cell in row.cells] for row in table.rows]
        texts = {id(tc): tc.xpath("string(.)") for row in rows for tc in row}
        for cell in grid.value_cells:
            if cell.kind in (Kind.COUNT, Kind.SIGNED):
                value = _value(report, cell.path)
                unit = field_info(cell.path, report.format).unit if grid.key == "fees" else ""
                expected = "" if value is None else f"{value}{unit}"
                assert texts[id(rows[cell.row][cell.column])] == expected, cell.json_path

