"""信息处理费 in Excel workbooks: beside or under their labels, in a sentence of a merged
cell, as numbers (binary floats included) or text with units; what cannot be read stays
blank and is reported as the other importers report it."""

from __future__ import annotations

import io
from decimal import Decimal
from typing import Any

import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from govinfo_report import importers
from govinfo_report.importers import ImportResult, html, xlsx
from govinfo_report.labels import field_info
from govinfo_report.model import FeeCollection
from govinfo_report.model._fields import Kind

from .layouts import varied_2019, varied_2021
from .test_import_road import collection_workbook, wrong_cells
from .xlsx_fees_book import (
    FIELDS,
    LABELS,
    PLACEMENTS,
    SIX,
    as_cell,
    below,
    beside,
    one_above_the_other,
    page_of,
    stored_as,
    workbook,
)

BLANK = FeeCollection(notices_issued=None, amount_billed=None, amount_collected=None)


def fees_of(data: bytes) -> tuple[Any, ...]:
    fees = importers.parse(data, name="fees.xlsx").report.other_matters.fees
    return tuple(getattr(fees, name) for name in FIELDS)


def fee_findings(result: ImportResult) -> list[tuple[str, tuple[str, ...]]]:
    return sorted((finding.rule, finding.json_paths) for finding in result.findings
                  if any(".fees" in path for path in finding.json_paths)
                  or finding.rule == "IMP-UNREAD")


def test_beside_their_labels() -> None:
    result = importers.parse(workbook(beside(["3", "300", "200.50"])), name="fees.xlsx")
    fees = result.report.other_matters.fees
    assert (fees.notices_issued, fees.amount_billed, fees.amount_collected) == \
        (3, Decimal("300"), Decimal("200.50"))
    source = result.cells["$.other_matters.fees.amount_billed"]
    assert (source.raw, source.found_label, source.location.to_json()) == \
        ("300", LABELS[1], {"table": 1, "row": 4, "column": 2})
    assert fee_findings(result) == []


def test_under_their_labels() -> None:
    assert fees_of(workbook(below([3, 0.35, "200.5"]))) == (3, Decimal("0.35"), Decimal("200.5"))


@pytest.mark.parametrize("values", [["3", "350", "200.5"], ["3", "", "0"], ["", "", "0"]])
def test_each_under_its_label_one_above_the_other(values: list[str]) -> None:
    """A label alone in its row is a figure's, not a sentence: the value under it is
    read; an empty cell under it is blank and reported."""
    result = importers.parse(workbook(one_above_the_other([value or None for value in values])),
                             name="fees.xlsx")
    fees = result.report.other_matters.fees
    assert tuple(getattr(fees, name) for name in FIELDS) == \
        tuple(None if value == "" else Decimal(value) for value in values)
    assert result.report.other_matters.text == ""  # table cells, not sentences of 六
    assert {path for finding in result.findings for path in finding.json_paths
            if finding.rule in ("IMP-BLANK", "IMP-MISSING")} == \
        {f"$.other_matters.fees.{name}" for name, value in zip(FIELDS, values, strict=True)
         if value == ""}


@pytest.mark.parametrize("values", [["1", "", ""], ["", "2", ""], ["", "", "0"], ["", "", ""]])
def test_under_a_header_with_blank_cells(values: list[str]) -> None:
    """A figure keeps the column of its label though the cells beside it are empty (not
    written at all in the file); blanks stay blank and are reported, as in a web page."""
    result = importers.parse(workbook(below([value or None for value in values])),
                             name="fees.xlsx")
    page = html.parse(page_of([LABELS, values]))
    expected = tuple(None if value == "" else Decimal(value) for value in values)
    for read in (result, page):
        fees = read.report.other_matters.fees
        assert tuple(getattr(fees, name) for name in FIELDS) == expected
        assert read.report.other_matters.text == ""
    assert fee_findings(result) == fee_findings(page)
    blank = {f"$.other_matters.fees.{name}" for name, value in zip(FIELDS, values, strict=True)
             if value == ""}
    reported = {path for finding in result.findings for path in finding.json_paths
                if finding.rule in ("IMP-BLANK", "IMP-MISSING")}
    assert reported == blank


def test_in_a_sentence_of_a_merged_cell() -> None:
    sentence = f"本年度发出收费通知3件，{LABELS[1]}0.035万元，{LABELS[2]}为300元。"
    result = importers.parse(workbook([(1, 1, sentence, None)], merges=["A3:H3"]),
                             name="fees.xlsx")
    fees = result.report.other_matters.fees
    assert (fees.notices_issued, fees.amount_billed, fees.amount_collected) == \
        (3, Decimal("350"), Decimal("300"))
    # The sentence is also the text of 六, as in a document.
    assert result.report.other_matters.text == sentence
    assert result.cells["$.other_matters.fees.amount_billed"].location.to_json() == \
        {"table": 1, "row": 3, "column": 1}


def test_number_cells_are_exact_decimals() -> None:
    values = fees_of(workbook(beside([3, 1234.56, 0.1])))
    assert values == (3, Decimal("1234.56"), Decimal("0.1"))
    assert all(isinstance(value, Decimal) for value in values[1:])


@pytest.mark.parametrize(("billed", "collected", "number_format"), [
    ("350元", "0.035万元", None),
    ("350 元", "０.０３５万元", None),
    (0.035, 0.02, '0.000"万元"'),
    (350, 200, '#,##0.00"元";[Red]\\-#,##0.00"元";"-"'),
])
def test_units_in_the_text_or_the_number_format(billed: Any, collected: Any,
                                                number_format: str | None) -> None:
    """Amounts are 元: one written in 万元 is converted exactly, as in every source; only
    the first section of a number format (the one for numbers ≥ 0) gives the unit."""
    expected = {"350元": 350, "350 元": 350, "0.035万元": 350, "０.０３５万元": 350,
                0.035: 350, 0.02: 200, 350: 350, 200: 200}
    assert fees_of(workbook(beside([3, billed, collected], number_format))) == \
        (3, Decimal(expected[billed]), Decimal(expected[collected]))


@pytest.mark.parametrize(("unit", "billed", "collected"), [
    ("（万元）", 0.035, "350元"),
    ("（单位：万元）", "0.02", 0.035),
    ("（元）", 350, "0.035万元"),
])
def test_a_unit_in_the_label(unit: str, billed: Any, collected: Any) -> None:
    """An amount written without a unit is in the unit its label names (a cell's own unit
    comes first), in a workbook as in a web page; a label in 万元 is no silent 元."""
    labels = [LABELS[0], *(label + unit for label in LABELS[1:])]
    expected = {0.035: 350, "350元": 350, "0.02": 200, 350: 350, "0.035万元": 350}
    cells = [cell for row, (label, value) in enumerate(zip(labels, [1, billed, collected],
                                                           strict=True), start=1)
             for cell in ((row, 1, label, None), (row, 2, value, None))]
    page = html.parse(page_of([labels, [str(value) for value in (1, billed, collected)]]))
    for fees in (importers.parse(workbook(cells), name="fees.xlsx").report.other_matters.fees,
                 page.report.other_matters.fees):
        assert (fees.amount_billed, fees.amount_collected) == \
            (Decimal(expected[billed]), Decimal(expected[collected]))


@pytest.mark.parametrize(("stored", "amount"), [
    ("0.35000000000000003", "0.35"),
    ("0.34999999999999998", "0.35"),
    ("0.30000000000000004", "0.3"),
    ("200.49999999999997", "200.5"),
    ("3.5000000000000001E-2", "0.035"),
])
def test_binary_floats_are_the_number_typed(stored: str, amount: str) -> None:
    """Excel saves the binary float of a number with 17 digits; the number is the one
    typed, to the 15 digits Excel keeps."""
    cells = beside(["1", ("stored", stored), ("stored", stored)])
    assert fees_of(workbook(cells)) == (1, Decimal(amount), Decimal(amount))


def test_binary_floats_of_the_fee_income_in_part_two() -> None:
    """本年收费金额（单位：万元） of 第二十条第（八）项 is read the same way."""
    data = collection_workbook({"青山镇": varied_2021()})
    book = openpyxl.load_workbook(io.BytesIO(data))
    sheet = book.active
    label = field_info("$.proactive_disclosure.art20_8.admin_fees", "2021").label
    row = next(cell.row for cell in sheet["A"] if cell.value == label)
    sheet.cell(row=row, column=2, value=0)
    out = io.BytesIO()
    book.save(out)
    data = stored_as(out.getvalue(), {f"B{row}": "0.35000000000000003"})
    result = importers.parse(data, name="county.xlsx")
    assert result.report.proactive_disclosure.art20_8.admin_fees.amount == Decimal("0.35")


def test_what_cannot_be_read_is_blank_and_reported_as_in_a_web_page() -> None:
    """The same findings as the HTML importer on the same table; nothing becomes 0."""
    values = ["三件", "三百元", ""]
    result = importers.parse(workbook(beside(values)), name="fees.xlsx")
    page = html.parse(f"<p>青山镇人民政府2022年政府信息公开工作年度报告</p><h3>{SIX}</h3><table>"
                      + "".join(f"<tr><td>{label}</td><td>{value}</td></tr>"
                                for label, value in zip(LABELS, values, strict=True))
                      + "</table>")
    assert result.report.other_matters.fees == BLANK == page.report.other_matters.fees
    assert fee_findings(result) == fee_findings(page) != []
    messages = " ".join(finding.message for finding in result.findings)
    assert "三件" in messages
    assert "三百元" in messages


@pytest.mark.parametrize(("written", "number_format", "shown"), [
    ("#DIV/0!", None, "#DIV/0!"),
    (("stored", "1E+400"), None, "1E+400"),
    (("stored", "1E+9999999"), None, "1E+9999999"),
    (("stored", "NaN"), None, "NaN"),
    (3, 'General"元"', "3元"),
])
def test_an_unreadable_cell_is_named_in_its_finding(written: Any, number_format: str | None,
                                                    shown: str) -> None:
    """An error value, a number no float holds, a count with the unit of an amount: each
    is left blank with a finding that quotes it."""
    cells = [(1, 1, LABELS[0], None), (1, 2, written, number_format)]
    result = importers.parse(workbook(cells), name="fees.xlsx")
    assert result.report.other_matters.fees.notices_issued is None
    # Text beside a label is not a value of its row: the row is reported as written
    # (as a web page's is), and the cell left blank for it; a number with a wrong unit is
    # reported at its cell.
    quoting = [finding.json_paths for finding in result.findings if shown in finding.message]
    assert quoting in ([("$.other_matters.fees.notices_issued",)],
                       [("$.other_matters.fees",), ("$.other_matters.fees.notices_issued",)])


def test_a_blank_cell_is_blank_not_zero() -> None:
    result = importers.parse(workbook(beside([3, None, "—"])), name="fees.xlsx")
    fees = result.report.other_matters.fees
    assert (fees.notices_issued, fees.amount_billed, fees.amount_collected) == (3, None, None)
    assert ("IMP-BLANK", ("$.other_matters.fees.amount_collected",)) in fee_findings(result)


def test_fees_after_the_tables_without_the_heading_of_part_six() -> None:
    """A county's sheet keeps the tables and the 信息处理费 table after 四, no narrative:
    the fees are read, the tables unchanged, nothing is taken for a row of 四."""
    report = varied_2021()
    result = importers.parse(collection_workbook({"青山镇": report}), name="county.xlsx")
    assert result.report.other_matters.fees == report.other_matters.fees
    assert [item for item in wrong_cells(report, result)
            if not item[0].startswith("$.other_matters.text")] == []
    assert not [finding for finding in result.findings if finding.rule == "IMP-EXTRA-ROW"]


def test_a_sentence_after_the_tables_opens_part_six() -> None:
    data = collection_workbook({"青山镇": varied_2021()})
    book = openpyxl.load_workbook(io.BytesIO(data))
    sheet = book.active
    # The fees table the builder writes, replaced by a sentence.
    for row in sheet.iter_rows(min_row=sheet.max_row - 2):
        for cell in row:
            cell.value = None
    sentence = "本年度共发出收费通知2件，收费通知总金额为500元，实际收取0元。"
    sheet.cell(row=sheet.max_row - 2, column=1, value=sentence)
    out = io.BytesIO()
    book.save(out)
    result = importers.parse(out.getvalue(), name="county.xlsx")
    assert result.report.other_matters.fees == FeeCollection(
        notices_issued=2, amount_billed=Decimal("500"), amount_collected=Decimal("0"))
    assert result.report.other_matters.text == sentence


def test_the_trial_format_has_no_fees_to_read() -> None:
    """The trial format has no 信息处理费 (their rules came in November 2020): a sentence
    about them is the text of 六, with no finding about fees; a fee row after the tables
    of a trial-format sheet is kept and reported as a row 四 does not have."""
    sentence = f"本年度发出收费通知1件，{LABELS[1]}100元。"
    result = importers.parse(workbook([(1, 1, sentence, None)], year=2020), name="fees.xlsx")
    assert result.format.value == "2019"
    assert not hasattr(result.report.other_matters, "fees")
    assert result.report.other_matters.text == sentence
    assert fee_findings(result) == []
    data = collection_workbook({"青山镇": varied_2019()})
    book = openpyxl.load_workbook(io.BytesIO(data))
    book.active.append([LABELS[0], 1])
    out = io.BytesIO()
    book.save(out)
    result = importers.parse(out.getvalue(), name="county.xlsx")
    assert result.report.other_matters.text == ""
    extra = [finding.message for finding in result.findings if finding.rule == "IMP-EXTRA-ROW"]
    assert len(extra) == 1
    assert f"「{LABELS[0]}」" in extra[0]
    assert result.report.extensions["import"]["unmatched_rows"][0]["values"] == ["1"]


counts = st.none() | st.integers(0, 10**6)
amounts = st.none() | st.decimals(0, 10**9, places=2, allow_nan=False) \
    | st.decimals(0, 10**4, places=4, allow_nan=False)


@settings(max_examples=60, derandomize=True)
@given(st.builds(FeeCollection, notices_issued=counts, amount_billed=amounts,
                 amount_collected=amounts),
       st.sampled_from(sorted(PLACEMENTS)), st.sampled_from(["number", "text", "万元"]))
def test_round_trip(fees: FeeCollection, placement: str, how: str) -> None:
    """Figures written as a spreadsheet holds them read back equal; a blank stays blank."""
    if placement == "sentence" and how == "number":
        how = "text"
    values = [getattr(fees, name) for name in FIELDS]
    kinds = [Kind.COUNT, Kind.MONEY, Kind.MONEY]
    written = [as_cell(value, kind, how) for value, kind in zip(values, kinds, strict=True)]
    cells = PLACEMENTS[placement](written)
    assert fees_of(workbook(cells, merges=["A3:H3"] if placement == "sentence" else ())) == \
        tuple(values)


def test_empty_cells_put_in_stay_fewer_than_the_cells_written() -> None:
    """Lone cells far to the right do not make a sheet many times larger once read: empty
    cells are put in only while they stay fewer than the cells written (and 10 000)."""
    book = openpyxl.Workbook()
    for row in range(1, 3001):
        book.active.cell(row=row, column=30, value=row)
    out = io.BytesIO()
    book.save(out)
    (sheet,) = xlsx.sheets_of(out.getvalue())
    assert len(sheet.rows) == 3000
    assert sum(len(cells) for _, cells in sheet.rows) <= 2 * 3000 + 10_000
    # The first rows, within the start, keep their columns.
    assert [cell.column for cell in sheet.rows[0][1]] == list(range(30))
