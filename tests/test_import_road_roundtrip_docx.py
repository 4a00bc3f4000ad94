"""Word documents as ``render --to docx`` writes them import back, 1000 reports
(see :mod:`tests.test_import_road_roundtrip` for the template that keeps them lean)."""

from __future__ import annotations

from hypothesis import given

from govinfo_report import importers
from govinfo_report.model import Report

from .test_import_road_roundtrip import ROUND_TRIPS, docx_of, either_version, wrong


@ROUND_TRIPS
@given(either_version)
def test_docx_round_trip(report: Report) -> None:
    assert wrong(report, importers.parse(docx_of(report), name="report.docx")) == []
