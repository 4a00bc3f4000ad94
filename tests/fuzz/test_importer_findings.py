"""Inputs the fuzzing found that crashed an importer or made it read a wrong number, kept
as regression tests: the importer now refuses each with its own error, or reads no cell
the seed report does not have.

The damaged files under ``findings/`` are seed files with a byte or a bit changed.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from govinfo_report.importers import parse

from . import _targets

FINDINGS = Path(__file__).parent / "findings"


def test_html_tables_nested_500_deep() -> None:
    """Once a RecursionError in the HTML importer's walk of nested tables."""
    _targets.check_import("html", ("<table><tr><td>" * 500 + "1").encode())


def test_html_misnested_formatting_tags() -> None:
    """Once a RecursionError: html5lib builds a deep tree from mis-nested formatting tags."""
    _targets.check_import("html", ("<b><i><td></b>&#xD800;" * 1000).encode())


def test_xlsx_damaged_deflate_stream() -> None:
    """Once zlib.error from a workbook part whose deflate stream is damaged."""
    _targets.check_import("xlsx", (FINDINGS / "xlsx-deflate-error.xlsx").read_bytes())


def test_xlsx_unknown_compression_method() -> None:
    """Once NotImplementedError from zipfile: a part with an unknown compression method."""
    _targets.check_import("xlsx", (FINDINGS / "xlsx-compression-method.xlsx").read_bytes())


def test_docx_damaged_deflate_stream() -> None:
    """Once zlib.error from a document part whose deflate stream is damaged."""
    _targets.check_import("docx", (FINDINGS / "docx-deflate-error.docx").read_bytes())


def test_docx_damaged_version_field() -> None:
    """Once NotImplementedError ("zip file version 8.4") from opening the archive."""
    _targets.check_import("docx", (FINDINGS / "docx-zip-version.docx").read_bytes())


def test_xlsx_damaged_version_field() -> None:
    """Once NotImplementedError ("zip file version 14.8") from opening the archive."""
    _targets.check_import("xlsx", (FINDINGS / "xlsx-zip-version.xlsx").read_bytes())


def test_xlsx_part_flagged_as_encrypted() -> None:
    """Once RuntimeError ("File … is encrypted, password required") from reading a part."""
    _targets.check_import("xlsx", (FINDINGS / "xlsx-encrypted-flag.xlsx").read_bytes())


def test_pdf_with_a_damaged_content_stream_invents_no_cell() -> None:
    """A byte of the seed PDF changed: pypdf extracts part of a page only, and the row
    「7.属于行政执法案卷」 keeps five of its values, with a stray 1 and 0 drawn at the page's
    origin after them. Once the importer read 1 for a cell the report gives as 0; the row's
    values are not drawn as a row is, so it is left blank and reported."""
    data = (FINDINGS / "pdf-damaged-content-stream.pdf").read_bytes()
    _targets.check_import("pdf", data, _targets.example_cells())
    result = parse(data, kind="pdf")
    (finding,) = [finding for finding in result.findings if finding.rule == "IMP-POSITION"]
    assert finding.json_paths[0] == "$.applications.results.denied.enforcement_file.natural_person"
    assert result.cells["$.applications.results.denied.enforcement_file.other_org"].raw == ""


def test_pdf_value_alone_at_the_page_origin_is_not_read() -> None:
    """A byte of the seed PDF changed: the text stops after 「2.重复〰�」 (「2.重复申请」 damaged),
    with one stray 0 drawn at the page's origin. Once the importer read it as the row's
    自然人 (the report gives 1); a single value not beside its label nor just below it is
    not the row's, so the row is left blank and reported."""
    data = (FINDINGS / "pdf-value-at-page-origin.pdf").read_bytes()
    _targets.check_import("pdf", data, _targets.example_cells())
    result = parse(data, kind="pdf")
    row = "$.applications.results.not_processed.repeat."
    assert result.cells[f"{row}natural_person"].raw == ""
    assert any(finding.rule == "IMP-POSITION" and finding.json_paths[0] == f"{row}natural_person"
               for finding in result.findings)


def test_pdf_value_drawn_twice_at_one_place_is_not_read() -> None:
    """A byte of the seed PDF changed: in 「（二）部分公开」 the 总计 (1) is lost and the 0 before
    it is drawn a second time at the same place, so the row still has seven numbers. Once
    the importer read 0 for 总计; two values at one place are not two cells of a row."""
    data = (FINDINGS / "pdf-value-drawn-twice.pdf").read_bytes()
    _targets.check_import("pdf", data, _targets.example_cells())
    result = parse(data, kind="pdf")
    assert result.cells["$.applications.results.partially_granted.total"].raw == ""
    assert any(finding.rule == "IMP-POSITION" for finding in result.findings)


def test_pdf_digit_inside_a_damaged_fee_label_is_not_read() -> None:
    """A byte of the seed PDF changed: 「实际收取的总金额」 decodes as 「实际收取的总金頓5」, its
    amount (0) on the next line. Once the fee sentence reader read 5; a digit glued to a
    character that is neither the figure's words nor a connective is not the amount."""
    data = (FINDINGS / "pdf-digit-in-damaged-fee-label.pdf").read_bytes()
    _targets.check_import("pdf", data, _targets.example_cells())
    result = parse(data, kind="pdf")
    assert result.report.other_matters.fees.amount_collected in (None, Decimal(0))


def test_pdf_whose_fee_label_decodes_into_a_circled_number_invents_no_cell() -> None:
    """A byte of the seed PDF changed: 「实际收取的总金额」 decodes as 「实际收取的总金ɔੂ㉔」,
    and NFKC folds ㉔ into 24, which the fee sentence reader once took as the amount. A
    character that only folds into digits is not a digit: the amount is not read from it."""
    data = (FINDINGS / "pdf-damaged-fee-label.pdf").read_bytes()
    _targets.check_import("pdf", data, _targets.example_cells())
    fees = parse(data, kind="pdf").report.other_matters.fees  # type: ignore[union-attr]
    assert fees.amount_collected != Decimal("24")
