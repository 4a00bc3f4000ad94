"""Word documents as ``render --to docx`` writes them import back, 1000 reports
(see :mod:`tests.test_import_road_roundtrip` for the template that keeps them lean)."""

from __future__ import annotations

import attrs
from hypothesis import given

from govinfo_report import importers
from govinfo_report.examples import load_example
from govinfo_report.model import Report
from govinfo_report.render import render_docx

from .test_import_road_roundtrip import ROUND_TRIPS, VERSIONS, docx_of, either_version, wrong


@ROUND_TRIPS
@given(either_version)
def test_docx_round_trip(report: Report) -> None:
    assert wrong(report, importers.parse(docx_of(report), name="report.docx")) == []


def test_docx_keeps_the_basic_information() -> None:
    """The basic information the Word document closes with imports back: source URL,
    division code, 文号, 签发人, level and publication date, in both versions."""
    for version in VERSIONS:
        example = load_example(version)
        metadata = attrs.evolve(
            example.metadata, source_url="https://www.example.gov.cn/xxgk/2023.html",
            division_code="110101", document_number="青政发〔2024〕3号", signer="李明")
        report = attrs.evolve(example, metadata=metadata)
        result = importers.parse(render_docx(report), name="report.docx")
        assert result.report.metadata == metadata
