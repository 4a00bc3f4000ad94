"""What the importers do with imperfect sources: never invent or shift a number, say why."""

from __future__ import annotations

import codecs
import io
import sys
import types
from decimal import Decimal

import pytest

from govinfo_report.exceptions import MissingDependencyError, UnreadableSourceError
from govinfo_report.findings import Finding, Severity
from govinfo_report.importers import consistency_findings, detect_kind, html, parse, pdf, text
from govinfo_report.model import AmountUnit, FormatVersion, OrganLevel

HEAD_2021 = ["某某镇人民政府2022年政府信息公开工作年度报告", "二、主动公开政府信息情况"]
HEAD_2019 = ["某某镇人民政府2020年政府信息公开工作年度报告", "二、主动公开政府信息情况"]


def lines(*rows: str) -> str:
    return "\n".join(rows) + "\n"


def rules_of(result: text.ImportResult) -> list[tuple[str, str]]:
    return [(finding.rule, finding.json_path) for finding in result.findings
            if finding.rule not in ("IMP-SECTION", "IMP-MISSING")]


def test_a_row_with_a_value_too_few_is_left_blank() -> None:
    """Without positions, 2 values for 3 columns are not attributed: the row stays blank."""
    result = text.parse(lines(*HEAD_2021, "第二十条第（一）项",
                              "信息内容 本年制发件数 本年废止件数 现行有效件数",
                              "规章 1 2", "行政规范性文件 3 1 12"))
    regulations = result.report.proactive_disclosure.art20_1.regulations
    assert (regulations.issued, regulations.repealed, regulations.in_force) == (None, None, None)
    assert result.report.proactive_disclosure.art20_1.normative_documents.in_force == 12
    finding = next(f for f in result.findings if f.rule == "IMP-ROW-LENGTH")
    assert finding.message == ("第 5 行：「规章」一行有 2 个数（1 2），应有 3 栏；"
                               "无法确定各数所在栏，整行留空")
    assert finding.json_paths == ("$.proactive_disclosure.art20_1.regulations.issued",
                                  "$.proactive_disclosure.art20_1.regulations.repealed",
                                  "$.proactive_disclosure.art20_1.regulations.in_force")
    assert finding.severity is Severity.WARNING


def test_a_row_with_a_value_too_many_is_left_blank() -> None:
    """Four values for three columns: none is kept."""
    result = text.parse(lines(*HEAD_2021, "第二十条第（一）项", "规章 1 2 3 4"))
    regulations = result.report.proactive_disclosure.art20_1.regulations
    assert (regulations.issued, regulations.repealed, regulations.in_force) == (None, None, None)
    assert ("IMP-ROW-LENGTH", "$.proactive_disclosure.art20_1.regulations.issued") in \
        rules_of(result)


def test_tab_positions_place_a_short_row_when_complete_rows_agree() -> None:
    """An empty tab cell is placed by the columns the complete rows of the table use."""
    result = text.parse(lines(*HEAD_2019, "第二十条第（六）项\t\t\t",
                              "信息内容\t上一年项目数量\t本年增/减\t处理决定数量",
                              "行政处罚\t5\t\t7", "行政强制\t1\t-2\t3"))
    punishment = result.report.proactive_disclosure.art20_6.punishment
    assert (punishment.previous_items, punishment.change, punishment.decisions) == (5, None, 7)
    assert result.cells["$.proactive_disclosure.art20_6.punishment.decisions"].attribution == \
        "position"
    assert rules_of(result) == [("IMP-BLANK", "$.proactive_disclosure.art20_6.punishment.change")]


def test_tab_positions_are_not_used_for_a_row_of_another_width() -> None:
    """A short row whose tab grid differs from the table's is not placed."""
    result = text.parse(lines(*HEAD_2019, "第二十条第（六）项",
                              "信息内容\t上一年项目数量\t本年增/减\t处理决定数量",
                              "行政处罚\t5\t7", "行政强制\t1\t-2\t3"))
    punishment = result.report.proactive_disclosure.art20_6.punishment
    assert (punishment.previous_items, punishment.change, punishment.decisions) == \
        (None, None, None)
    assert ("IMP-ROW-LENGTH", "$.proactive_disclosure.art20_6.punishment.previous_items") in \
        rules_of(result)


def test_tab_positions_are_not_used_when_complete_rows_disagree() -> None:
    """Complete rows at different grid columns leave a short row uncertain, so blank."""
    row = "\t".join
    result = text.parse(lines(
        "某某镇人民政府2022年政府信息公开工作年度报告", "三、收到和处理政府信息公开申请情况",
        row(["一、本年新收政府信息公开申请数量", "1", "0", "0", "0", "0", "0", "1", "", ""]),
        row(["二、上年结转政府信息公开申请数量", "", "", "2", "0", "0", "0", "0", "0", "2"]),
        row(["三、本年度办理结果", "（一）予以公开", "", "1", "0", "0", "0", "0", "0", ""])))
    granted = result.report.applications.results.granted
    assert (granted.natural_person, granted.total) == (None, None)
    assert result.report.applications.carried_over.natural_person == 2
    assert ("IMP-ROW-LENGTH", "$.applications.results.granted.natural_person") in \
        rules_of(result)


def test_a_row_named_without_values_in_running_text_is_blank() -> None:
    """Copied as running text, a row whose cells were empty leaves only its label: blank."""
    result = text.parse(lines(
        "某某镇人民政府2022年政府信息公开工作年度报告", "三、收到和处理政府信息公开申请情况",
        "（三）不予公开 1.属于国家秘密 2.其他法律行政法规禁止公开 0 1 0 0 0 0 1"))
    denied = result.report.applications.results.denied
    assert denied.state_secret.total is None
    assert (denied.law_forbidden.commercial_enterprise, denied.law_forbidden.total) == (1, 1)
    finding = next(f for f in result.findings if f.rule == "IMP-BLANK")
    assert finding.message == "第 3 行：「1.属于国家秘密」一行没有数据，整行留空"


def test_html_empty_cells_are_blank_and_positions_come_from_the_header() -> None:
    """In HTML an empty cell is a blank cell; a missing cell is placed by the header columns."""
    page = """<h3>二、主动公开政府信息情况</h3><table>
    <tr><td colspan="4">第二十条第（五）项</td></tr>
    <tr><td>信息内容</td><td>上一年项目数量</td><td>本年增/减</td><td>处理决定数量</td></tr>
    <tr><td>行政许可</td><td>4</td><td>&nbsp;</td><td>9</td></tr>
    <tr><td>其他对外管理服务事项</td><td colspan="2">6</td><td>2</td></tr>
    </table>"""
    result = html.parse(page)
    art20_5 = result.report.proactive_disclosure.art20_5
    assert (art20_5.licensing.previous_items, art20_5.licensing.change,
            art20_5.licensing.decisions) == (4, None, 9)
    other = art20_5.other_services
    assert (other.previous_items, other.change, other.decisions) == (6, None, 2)
    assert result.cells["$.proactive_disclosure.art20_5.other_services.decisions"].location \
        .describe() == "表 1 第 4 行第 4 列"


def test_units_and_signs_are_kept_exactly() -> None:
    """元 in the 万元 column converts exactly; the 采购总金额 unit comes from the cell or header."""
    result = text.parse(lines(*HEAD_2021, "第二十条第（八）项", "行政事业性收费 3500元"))
    assert result.report.proactive_disclosure.art20_8.admin_fees.amount == Decimal("0.35")
    trial = text.parse(lines(*HEAD_2019, "第二十条第（九）项",
                             "信息内容\t采购项目数量\t采购总金额（万元）",
                             "政府集中采购\t2\t25.1"))
    procurement = trial.report.proactive_disclosure.art20_9.procurement
    assert (procurement.projects, procurement.total_amount, procurement.amount_unit) == \
        (2, Decimal("25.1"), AmountUnit.TEN_THOUSAND_YUAN)


def test_fees_are_read_from_the_text_of_part_six() -> None:
    """The 2021 信息处理费 figures are read from a sentence of 六, amounts in 元."""
    result = text.parse(lines(
        *HEAD_2021, "六、其他需要报告的事项",
        "本年度共发出收费通知2件，收费通知总金额1.2万元，实际收取的总金额为300元。"))
    fees = result.report.other_matters.fees
    assert (fees.notices_issued, fees.amount_billed, fees.amount_collected) == \
        (2, Decimal("12000"), Decimal("300"))
    assert result.cells["$.other_matters.fees.amount_billed"].attribution == "label"


@pytest.mark.parametrize("written", ["收费通知总金额  三百元", "收费通知总金额为若干。",
                                     "收费通知总金额：#DIV/0!"])
def test_a_fee_label_with_no_amount_after_it_is_reported_as_unreadable(written: str) -> None:
    """The label is there, the words after it are no amount: the cell stays blank and the
    finding quotes them (it does not say the label was not found)."""
    result = text.parse(lines(*HEAD_2021, "六、其他需要报告的事项", "本年度共发出收费通知2件。",
                              written, "实际收取的总金额为300元。"))
    fees = result.report.other_matters.fees
    assert (fees.notices_issued, fees.amount_billed, fees.amount_collected) == \
        (2, None, Decimal("300"))
    found = [finding for finding in result.findings
             if finding.json_path == "$.other_matters.fees.amount_billed"]
    assert [finding.rule for finding in found] == ["IMP-UNREADABLE"]
    quoted = written.split("总金额")[1].lstrip(" 为：").rstrip("。")
    assert f"「收费通知总金额」「{quoted}」无法读取" in found[0].message


def test_a_fee_label_with_no_amount_beside_it_in_a_table_is_reported_as_unreadable() -> None:
    page = ("<h1>某某镇人民政府2022年政府信息公开工作年度报告</h1><p>二、主动公开政府信息情况</p>"
            "<p>六、其他需要报告的事项</p><table><tr><td>收费通知总金额</td><td>三百元</td></tr>"
            "<tr><td>实际收取的总金额</td><td>300元</td></tr></table>")
    result = html.parse(page)
    assert result.report.other_matters.fees.amount_billed is None
    found = [(finding.rule, finding.message) for finding in result.findings
             if finding.json_path == "$.other_matters.fees.amount_billed"]
    assert [rule for rule, _ in found] == ["IMP-UNREADABLE"]
    assert "「收费通知总金额」「三百元」无法读取" in found[0][1]


def test_a_fee_label_absent_is_reported_as_not_found() -> None:
    result = text.parse(lines(*HEAD_2021, "六、其他需要报告的事项", "本年度共发出收费通知2件。"))
    found = [(finding.rule, finding.message) for finding in result.findings
             if finding.json_path == "$.other_matters.fees.amount_billed"]
    assert found == [("IMP-MISSING", "六、其他需要报告的事项中未找到「收费通知总金额」，留空")]


def test_format_comes_from_the_tables_not_the_year_or_the_citation() -> None:
    """A 2022 report on trial tables is trial format; a 2020 one citing 60号 on 2021 tables is not."""
    trial = text.parse(lines("某某镇人民政府2022年政府信息公开工作年度报告",
                             "本报告依据国办公开办函〔2021〕30号编制。", "二、主动公开政府信息情况",
                             "第二十条第（一）项", "信息内容 本年新制作数量 本年新公开数量 对外公开总数量"))
    assert trial.format is FormatVersion.V2019
    assert trial.report.metadata.document_number is None
    current = text.parse(lines("某某镇人民政府2020年政府信息公开工作年度报告",
                               "本报告依据国办公开办函〔2019〕60号编制。",
                               "二、主动公开政府信息情况", "第二十条第（一）项",
                               "信息内容 本年制发件数 本年废止件数 现行有效件数"))
    assert current.format is FormatVersion.V2021
    assert current.format_evidence == ("本年制发件数", "本年废止件数", "现行有效件数")


def test_without_table_labels_the_year_decides_and_it_is_reported() -> None:
    """No distinctive table label: the year decides, and a finding says so."""
    result = text.parse(lines("某某镇人民政府2020年政府信息公开工作年度报告", "一、总体情况", "略。"))
    assert result.format is FormatVersion.V2019
    assert result.findings[0].rule == "IMP-FORMAT"
    assert [f.rule for f in result.findings].count("IMP-SECTION") == 3
    section = next(f for f in result.findings if f.rule == "IMP-SECTION")
    assert section.message == "未找到「二、主动公开政府信息情况」，其 22 格全部留空"
    assert len(section.json_paths) == 22


def test_missing_metadata_is_reported() -> None:
    """Without organ or year the report says so instead of guessing silently."""
    result = text.parse(lines("一、总体情况", "本镇全年公开信息。"))
    meta = result.report.metadata
    assert (meta.organ, meta.year, meta.level) == (None, None, OrganLevel.OTHER)
    messages = [f.message for f in result.findings if f.rule == "IMP-METADATA"]
    assert messages == ["未找到机关名称，请补填", "未找到报告年度，请补填"]


@pytest.mark.parametrize(("data", "name", "kind"), [
    (b"%PDF-1.7 ...", "x", "pdf"),
    (b"<!DOCTYPE html><html>", "x", "html"),
    (b"<div><table><tr><td>1</td></tr></table>", "page", "html"),
    ("二、主动公开".encode(), "report", "text"),
    (b"plain", "report.htm", "html"),
])
def test_kind_is_detected_from_content_then_name(data: bytes, name: str, kind: str) -> None:
    """PDF and Word by their signature, HTML by its markup or suffix, else text."""
    assert detect_kind(data, name) == kind


def test_unreadable_documents_raise_one_clear_error() -> None:
    """Old .doc, other ZIP archives, damaged PDFs and PDFs without text are refused clearly."""
    with pytest.raises(UnreadableSourceError, match=r"^a.doc: 是旧版 Word（.doc）"):
        detect_kind(b"\xd0\xcf\x11\xe0rest", "a.doc")
    with pytest.raises(UnreadableSourceError, match="不是 Word"):
        detect_kind(b"PK\x03\x04 not really", "a.zip")
    with pytest.raises(UnreadableSourceError, match=r"^x.pdf: 无法读取 PDF"):
        parse(b"%PDF-1.4 broken", name="x.pdf")
    with pytest.raises(UnreadableSourceError, match="没有文字层"):
        pdf.parse(_blank_pdf())


def _blank_pdf() -> bytes:
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    page = canvas.Canvas(buffer)
    page.showPage()
    page.save()
    return buffer.getvalue()


def test_text_encodings() -> None:
    """GB18030 and UTF-16 (with BOM) text is decoded; bytes that are no text are refused."""
    body = lines(*HEAD_2021, "第二十条第（五）项", "行政许可 6")
    for data in (body.encode("gb18030"), codecs.BOM_UTF16_LE + body.encode("utf-16-le")):
        assert text.parse(data).report.proactive_disclosure.art20_5.licensing.decisions == 6
    with pytest.raises(UnreadableSourceError, match="GB18030"):
        text.decode(b"abc\x80", name="x")


def test_a_missing_extra_is_named(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without lxml the HTML importer names the extra to install."""
    monkeypatch.setitem(sys.modules, "lxml.html", None)
    with pytest.raises(MissingDependencyError, match=r"pip install 'govinfo-report\[html\]'"):
        html.parse("<p>x</p>")


def test_consistency_checks_are_run_when_available(monkeypatch: pytest.MonkeyPatch) -> None:
    """The rules' findings are included when the module exists, and () otherwise."""
    report = text.parse(lines(*HEAD_2021)).report
    monkeypatch.setitem(sys.modules, "govinfo_report.rules", None)
    assert consistency_findings(report) == ()
    finding = Finding(rule="I1", severity=Severity.ERROR, message="总计不符")
    fake = types.ModuleType("govinfo_report.rules")
    fake.iter_findings = lambda report: iter([finding])  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "govinfo_report.rules", fake)
    result = text.parse(lines(*HEAD_2021))
    assert result.check_findings == (finding,)
    assert result.all_findings[-1] is finding


def test_fees_laid_out_as_a_table_with_a_header_row() -> None:
    """信息处理费 as a header row and a row of values: each value goes under its name."""
    page = """<p>某某镇人民政府2022年政府信息公开工作年度报告</p><h3>六、其他需要报告的事项</h3>
    <table><tr><td>发出收费通知的件数</td><td>收费通知总金额（元）</td><td>实际收取的总金额（元）</td></tr>
    <tr><td>2</td><td>200</td><td>&nbsp;</td></tr></table>"""
    result = html.parse(page)
    fees = result.report.other_matters.fees
    assert (fees.notices_issued, fees.amount_billed, fees.amount_collected) == \
        (2, Decimal("200"), None)
    assert result.cells["$.other_matters.fees.amount_billed"].found_label == "收费通知总金额（元）"
    assert ("IMP-BLANK", "$.other_matters.fees.amount_collected") in rules_of(result)


def test_organ_and_year_from_the_page_title_or_the_heading() -> None:
    """A page title gives organ and year; a short title name is taken and flagged for checking."""
    page = """<html><head><title>某某镇人民政府2021年政府信息公开工作年度报告_某某县政府</title></head>
    <body><p>首页 &gt; 信息公开</p><h1>2021年政府信息公开工作年度报告</h1>
    <p>本报告依照条例编制。</p><h3>一、总体情况</h3><p>略。</p></body></html>"""
    result = html.parse(page)
    assert (result.report.metadata.organ, result.report.metadata.year) == ("某某镇人民政府", 2021)
    assert result.report.preamble == "本报告依照条例编制。"
    short = text.parse(lines("某某镇2021年政府信息公开工作年度报告", "一、总体情况", "略。"))
    assert short.report.metadata.organ == "某某镇"
    assert [f.message for f in short.findings if f.rule == "IMP-METADATA"] == \
        ["机关名称按标题读作「某某镇」，请核对全称"]
