"""Exports: long-format records, CSV read back with the csv module, XLSX reopened with openpyxl."""

from __future__ import annotations

import csv
import io
import sys
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from govinfo_report.examples import load_example
from govinfo_report.exceptions import InvalidOptionError, MissingDependencyError
from govinfo_report.export import (
    LABEL_SEPARATOR,
    RECORD_FIELDS,
    RECORDS_SHEET,
    iter_records,
    write_csv,
    write_xlsx,
)
from govinfo_report.export import _xlsx as xlsx_module
from govinfo_report.labels import iter_fields
from govinfo_report.model import APPLICANTS, CORNER_NOTE, INFO_CONTENT, SECTION_TITLES, Report

from .sample_reports import procurement, renamed, with_cells

NEW_PERSON = "$.applications.new_received.natural_person"


def reports() -> list[Report]:
    """The two bundled examples: a full 2021 report and a trial-format one with blank cells."""
    return [load_example("2021"), load_example("2019")]


def csv_field(value: Any) -> str:
    """How the CSV writes a value: exact decimal strings, blank as empty."""
    if value is None:
        return ""
    return format(value, "f") if isinstance(value, Decimal) else str(value)


def expected_rows(items: list[Report]) -> list[list[str]]:
    """The CSV rows the records of ``items`` should give, as the csv module reads them."""
    return [[record.organ, record.level, record.division_code or "", str(record.year),
             record.format, record.part, record.row, record.column,
             LABEL_SEPARATOR.join(record.labels), record.json_path, record.unit,
             csv_field(record.value)] for record in iter_records(items)]


def test_one_record_per_cell_from_the_registry() -> None:
    """Each report gives one record per table cell of its format, in official order."""
    records = list(iter_records(reports()))
    paths = [info.json_path for version in ("2021", "2019")
             for info in iter_fields(version, cells_only=True)]
    assert [record.json_path for record in records] == paths
    record = next(record for record in records if record.json_path == NEW_PERSON)
    assert (record.organ, record.level, record.division_code, record.year, record.format) == (
        "示范县青山镇人民政府", "township", None, 2023, "2021")
    assert record.labels == ("三、收到和处理政府信息公开申请情况",
                             "一、本年新收政府信息公开申请数量", "自然人")
    assert (record.part, record.row, record.column, record.unit, record.value) == (
        "三、收到和处理政府信息公开申请情况", "一、本年新收政府信息公开申请数量", "自然人", "件", 12)


def test_records_of_review_fee_and_procurement_cells() -> None:
    """四's row is its group; fees carry 元; 采购总金额 carries the recorded unit."""
    trial = procurement(load_example("2019"), "甲镇", "1.5", "万元")
    records = {record.json_path: record for record in iter_records([load_example("2021"), trial])}
    review = records["$.reviews.litigation_direct.upheld"]
    assert (review.row, review.column, review.labels[1:]) == (
        "未经复议直接起诉", "结果维持", ("行政诉讼", "未经复议直接起诉", "结果维持"))
    fee = records["$.other_matters.fees.amount_billed"]
    assert (fee.part, fee.row, fee.unit, fee.value) == (
        "六、其他需要报告的事项", "信息处理费", "元", Decimal("0"))
    amount = records["$.proactive_disclosure.art20_9.procurement.total_amount"]
    assert (amount.unit, amount.value) == ("万元", Decimal("1.5"))


def test_csv_reads_back_as_the_records() -> None:
    """The CSV, read with the csv module, is the header and one exact row per record."""
    stream = io.BytesIO()
    count = write_csv(reports(), stream)
    text = stream.getvalue().decode("utf-8")
    assert not text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert rows[0] == list(RECORD_FIELDS)
    assert rows[1:] == expected_rows(reports())
    assert count == len(rows) - 1
    assert text.count("\r\n") == len(rows)


def test_csv_is_what_csv_writer_writes() -> None:
    """The fast writer's bytes equal csv.writer's for the same records."""
    stream = io.BytesIO()
    write_csv(reports(), stream)
    expected = io.StringIO(newline="")
    writer = csv.writer(expected)
    writer.writerow(RECORD_FIELDS)
    writer.writerows(expected_rows(reports()))
    assert stream.getvalue() == expected.getvalue().encode("utf-8")


def test_csv_byte_order_mark_for_excel() -> None:
    """bom=True starts the file with the UTF-8 BOM; utf-8-sig reads it back unchanged."""
    stream = io.BytesIO()
    write_csv(reports(), stream, bom=True)
    data = stream.getvalue()
    assert data.startswith(b"\xef\xbb\xbforgan,")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert rows[1:] == expected_rows(reports())


def test_csv_values_are_exact_and_blanks_empty() -> None:
    """Decimals keep every written digit, blank cells are empty fields, quoting is correct."""
    report = renamed(with_cells(load_example("2021"), proactive_disclosure__art20_8__admin_fees__amount=(
        "123456789012345678901234567.8900")), '青山镇, "东片"', division_code="620102")
    naleisi = load_example("2019")
    stream = io.BytesIO()
    write_csv([report, naleisi], stream)
    rows = list(csv.reader(io.StringIO(stream.getvalue().decode(), newline="")))
    by_path = {(row[0], row[9]): row for row in rows[1:]}
    fee = by_path[('青山镇, "东片"', "$.proactive_disclosure.art20_8.admin_fees.amount")]
    assert (fee[2], fee[10], fee[11]) == ("620102", "万元", "123456789012345678901234567.8900")
    blank = by_path[(naleisi.metadata.organ, "$.applications.results.granted.total")]
    assert blank[11] == ""
    assert '"青山镇, ""东片"""' in stream.getvalue().decode()


def test_csv_to_a_text_stream() -> None:
    """A text stream receives the same characters."""
    binary, text = io.BytesIO(), io.StringIO(newline="")
    write_csv(reports(), binary, bom=True)
    write_csv(reports(), text, bom=True)
    assert text.getvalue() == binary.getvalue().decode("utf-8")


def test_csv_to_a_path_is_atomic(tmp_path: Path) -> None:
    """A failure while exporting leaves the old file as it was, and no temporary file."""
    target = tmp_path / "records.csv"
    target.write_text("old", encoding="utf-8")

    def failing() -> Iterator[Report]:
        yield load_example("2021")
        raise RuntimeError("stop")

    with pytest.raises(RuntimeError, match="stop"):
        write_csv(failing(), target)
    assert target.read_text(encoding="utf-8") == "old"
    assert [path.name for path in tmp_path.iterdir()] == ["records.csv"]
    assert write_csv(reports(), target) == len(expected_rows(reports()))
    assert target.read_bytes().startswith(b"organ,level,")


def xlsx(items: list[Report], tmp_path: Path) -> Any:
    """Write ``items`` to an XLSX file and reopen it."""
    target = tmp_path / "reports.xlsx"
    write_xlsx(items, target)
    return openpyxl.load_workbook(target)


def merged(sheet: Any) -> set[str]:
    """The merged ranges of a sheet, as A1 strings."""
    return {str(cell_range) for cell_range in sheet.merged_cells.ranges}


def test_xlsx_sheets_are_the_tables_and_the_records(tmp_path: Path) -> None:
    """One sheet per table, named by its part heading, and the long-format sheet."""
    workbook = xlsx(reports(), tmp_path)
    assert workbook.sheetnames == [*SECTION_TITLES[1:4], RECORDS_SHEET]
    records = workbook[RECORDS_SHEET]
    rows = list(records.iter_rows(values_only=True))
    assert rows[0] == RECORD_FIELDS
    assert len(rows) == 1 + len(list(iter_records(reports())))
    row = next(row for row in rows if row[9] == NEW_PERSON)
    assert row[11] == 12
    blank = next(row for row in rows if row[9] == "$.applications.results.granted.total"
                 and row[4] == "2019")
    assert blank[11] is None


def test_xlsx_applications_in_the_official_layout(tmp_path: Path) -> None:
    """三: corner note, merged applicant headers, nested row labels, values in place."""
    sheet = xlsx([load_example("2021")], tmp_path)[SECTION_TITLES[2]]
    assert sheet["A1"].value == "示范县青山镇人民政府 2023"
    assert (sheet["A2"].value, sheet["D2"].value) == (CORNER_NOTE, APPLICANTS)
    assert [sheet.cell(row=3, column=column).value for column in range(4, 11)] == [
        "自然人", "法人或其他组织", None, None, None, None, "总计"]
    assert [sheet.cell(row=4, column=column).value for column in range(5, 10)] == [
        "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"]
    assert {"A2:C4", "D2:J2", "D3:D4", "E3:I3", "J3:J4", "A5:C5", "A7:A28", "B9:B16",
            "B28:C28", "A29:C29"} <= merged(sheet)
    assert (sheet["A5"].value, sheet["A7"].value, sheet["B9"].value, sheet["C9"].value) == (
        "一、本年新收政府信息公开申请数量", "三、本年度办理结果", "（三）不予公开", "1.属于国家秘密")
    assert [sheet.cell(row=5, column=column).value for column in range(4, 11)] == [
        12, 2, 0, 0, 1, 0, 15]
    assert sheet["A29"].value == "四、结转下年度继续办理"


def test_xlsx_trial_format_has_its_own_rows(tmp_path: Path) -> None:
    """In the trial format （六）其他处理 is one data row and blank cells stay empty."""
    sheet = xlsx([load_example("2019")], tmp_path)[SECTION_TITLES[2]]
    assert {"A7:A26", "B25:C25", "B26:C26"} <= merged(sheet)
    assert (sheet["B25"].value, sheet["B26"].value) == ("（六）其他处理", "（七）总计")
    assert sheet["J7"].value is None


def test_xlsx_proactive_and_reviews_layout(tmp_path: Path) -> None:
    """二: captions, 信息内容 headers, single value columns spanning; 四: three header rows."""
    trial = procurement(load_example("2019"), "甲镇", "25.1", "万元")
    workbook = xlsx([load_example("2021"), trial], tmp_path)
    proactive = workbook[SECTION_TITLES[1]]
    assert [proactive.cell(row=row, column=1).value for row in range(2, 6)] == [
        "第二十条第（一）项", INFO_CONTENT, "规章", "行政规范性文件"]
    assert [proactive.cell(row=3, column=column).value for column in range(2, 5)] == [
        "本年制发件数", "本年废止件数", "现行有效件数"]
    assert {"A2:D2", "B7:D7", "B8:D8"} <= merged(proactive)
    assert proactive["B8"].value == 126
    amount = next(row for row in proactive.iter_rows() if row[0].value == "政府集中采购")[2]
    assert (amount.value, amount.number_format) == (25.1, 'General"万元"')
    reviews = workbook[SECTION_TITLES[3]]
    assert (reviews["A2"].value, reviews["F2"].value, reviews["F3"].value, reviews["K3"].value) == (
        "行政复议", "行政诉讼", "未经复议直接起诉", "复议后起诉")
    assert {"A2:E2", "F2:O2", "A3:A4", "F3:J3", "K3:O3"} <= merged(reviews)
    assert [reviews.cell(row=5, column=column).value for column in range(1, 6)] == [1, 0, 0, 1, 2]


def test_xlsx_needs_the_extra(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Without openpyxl the export says which extra to install, in Chinese and English."""
    monkeypatch.setitem(sys.modules, "openpyxl", None)
    with pytest.raises(MissingDependencyError) as caught:
        write_xlsx(reports(), tmp_path / "out.xlsx")
    assert str(caught.value) == (
        "导出 XLSX需要安装 openpyxl：pip install 'govinfo-report[xlsx]'（XLSX export needs openpyxl）")
    assert isinstance(caught.value, ImportError)
    assert not (tmp_path / "out.xlsx").exists()


def test_xlsx_refuses_more_rows_than_a_sheet_holds(monkeypatch: pytest.MonkeyPatch,
                                                  tmp_path: Path) -> None:
    """More records than a sheet holds: a clear error pointing to CSV, no file written."""
    monkeypatch.setattr(xlsx_module, "_MAX_ROWS", 100)
    with pytest.raises(InvalidOptionError, match="export to CSV instead"):
        write_xlsx(reports(), tmp_path / "out.xlsx")
    assert not (tmp_path / "out.xlsx").exists()
