"""The real OCR'd report of 那勒寺镇 (2020, trial format) imports as its hand transcription."""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

import pytest

from govinfo_report import convert
from govinfo_report.examples import load_example
from govinfo_report.importers import ImportResult, text
from govinfo_report.labels import iter_fields
from govinfo_report.model import FormatVersion, OrganLevel

SOURCE = Path(__file__).parent / "data" / "naleisi-town-2020.txt"


@pytest.fixture(scope="module")
def result() -> ImportResult:
    """The fixture imported once."""
    return text.parse(SOURCE.read_bytes(), name=SOURCE.name)


def value_at(node: Any, path: tuple[Any, ...]) -> Any:
    for segment in path:
        node = getattr(node, str(segment))
    return node


def test_every_cell_equals_the_transcription(result: ImportResult) -> None:
    """Each of the 198 cells, value or blank, is the transcription's."""
    expected = load_example("2019")
    cells = list(iter_fields("2019", cells_only=True))
    assert len(cells) == 198
    wrong = [(info.json_path, value_at(result.report, info.path), value_at(expected, info.path))
             for info in cells
             if value_at(result.report, info.path) != value_at(expected, info.path)]
    assert wrong == []
    procurement = result.report.proactive_disclosure.art20_9.procurement
    assert procurement == expected.proactive_disclosure.art20_9.procurement


def test_format_is_read_from_the_tables(result: ImportResult) -> None:
    """The trial format is recognised from its columns and rows."""
    assert result.format is FormatVersion.V2019
    assert "本年新制作数量" in result.format_evidence
    assert "第二十条第（九）项" in result.format_evidence


def test_metadata(result: ImportResult) -> None:
    """Organ, level, year, publication date, 文号 (brackets normalised) and 签发人 are read."""
    assert result.report.metadata == load_example("2019").metadata
    meta = result.report.metadata
    assert (meta.organ, meta.level, meta.year) == ("东乡族自治县那勒寺镇人民政府",
                                                   OrganLevel.TOWNSHIP, 2020)
    assert meta.published == datetime.date(2021, 1, 22)
    assert (meta.document_number, meta.signer) == ("东那府发〔2021〕14号", "唐欢")
    assert result.fields["$.metadata.document_number"].raw == "东那府发[2021]14号"


def test_narrative_matches_except_an_ocr_duplicate(result: ImportResult) -> None:
    """Preamble, 一 with its five aspects, 五 and 六 equal the transcription; the one
    difference is a character the OCR doubled at a page break, which the importer keeps."""
    expected = load_example("2019")
    got = convert.to_dict(result.report)
    want = convert.to_dict(expected)
    for part in ("preamble", "problems", "other_matters"):
        assert got[part] == want[part]
    for aspect in ("summary", "proactive", "on_request", "management", "platform"):
        assert got["overview"][aspect] == want["overview"][aspect]
    assert got["overview"]["supervision"] == want["overview"]["supervision"].replace(
        "感受政府", "感受受政府")


def test_blank_cells_are_reported_by_row(result: ImportResult) -> None:
    """Every blank cell is reported, located at its line and cell of the source."""
    blank = {path for finding in result.findings if finding.rule == "IMP-BLANK"
             for path in finding.json_paths}
    expected = load_example("2019")
    none_cells = {info.json_path for info in iter_fields("2019", cells_only=True)
                  if value_at(expected, info.path) is None}
    assert blank == none_cells
    first = next(f for f in result.findings if f.rule == "IMP-BLANK"
                 and f.json_path == "$.applications.results.granted.total")
    assert first.message == "第 62 行第 10 格：「（一）予以公开」总计栏留空（原文未填）"


def test_damaged_labels_and_captions_are_reported(result: ImportResult) -> None:
    """The wrong article number and the labels read only by their place are reported."""
    rules = [(finding.rule, finding.json_path) for finding in result.findings
             if finding.rule in ("IMP-CAPTION", "IMP-LABEL", "IMP-UNREAD")]
    assert rules == [
        ("IMP-CAPTION", "$.proactive_disclosure"),
        ("IMP-UNREAD", "$.proactive_disclosure"),
        ("IMP-LABEL", "$.applications.results.denied.admin_query.natural_person"),
        ("IMP-LABEL", "$.applications.results.unable.needs_creation.natural_person"),
        ("IMP-LABEL", "$.applications.results.unable.unclear_after_correction.natural_person"),
        ("IMP-LABEL", "$.applications.results.not_processed.publication.natural_person"),
        ("IMP-LABEL", "$.applications.results.not_processed.confirm_or_reissue.natural_person"),
    ]
    caption = result.findings[0]
    assert caption.message == ("第 33 行第 1 格：表题「第二十一条第（一）项」按「第二十条第（一）项」"
                               "读取（条文序号有误）")


def test_provenance_of_cells(result: ImportResult) -> None:
    """Each cell records its source line and cell, raw text, label found and how it was placed."""
    total = result.cells["$.applications.results.granted.total"]
    assert (total.location.line, total.location.column, total.raw) == (62, 10, "")
    assert total.attribution == "position"
    third = result.cells["$.applications.results.denied.third_party.commercial_enterprise"]
    assert (third.found_label, third.official_label) == ("4. 保护第三合法权益",
                                                         "4.保护第三方合法权益")
    assert 0.9 < third.similarity < 1
    other = result.cells["$.applications.results.other.total"]
    assert (other.raw, other.attribution) == ("0", "order")
    match = next(m for m in result.labels if m.official == "3.危及“三安全一稳定”")
    assert (match.found, match.similarity) == ("3. 危及“三安”全一稳定", 1.0)


def test_result_knows_its_doubtful_cells(result: ImportResult) -> None:
    """The result lists the blank or doubtful cells and is not complete."""
    assert not result.is_complete
    assert "$.reviews.reconsideration.total" in result.doubtful_cells
    assert "$.applications.new_received.total" not in result.doubtful_cells
    assert result.source.kind == "text"
    assert len(result.source.sha256) == 64
