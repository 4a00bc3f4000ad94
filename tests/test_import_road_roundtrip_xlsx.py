"""Workbooks as ``export --to xlsx`` writes them import back, 1000 reports
(see :mod:`tests.test_import_road_roundtrip` for the template that keeps them lean)."""

from __future__ import annotations

from hypothesis import given

from govinfo_report import importers
from govinfo_report.model import Report

from .test_import_road_roundtrip import ROUND_TRIPS, TABLE_PARTS, either_version, wrong, xlsx_of


@ROUND_TRIPS
@given(either_version)
def test_xlsx_round_trip(report: Report) -> None:
    """Every cell of the workbook's tables (二、三、四; 信息处理费 is not in it)."""
    result = importers.parse(xlsx_of(report), name="report.xlsx")
    assert wrong(report, result, TABLE_PARTS) == []
