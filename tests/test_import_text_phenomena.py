"""Phenomena of really published text, each in the format versions where it matters.

Row labels widened in parentheses and rows of a report's own; one cell per line with
empty lines; digits run on after a label; labels printed one character per line; a
page cut short; tables without the heading of 二; a table-like passage in the
narrative; a long wrapped paragraph; the library's own outputs read back whole.
"""

from __future__ import annotations

from typing import Any

import attrs
import pytest

from govinfo_report import convert
from govinfo_report.examples import load_example
from govinfo_report.findings import Severity
from govinfo_report.importers import ImportResult, html, text
from govinfo_report.model import FormatVersion, Report
from govinfo_report.render import render_html, render_markdown, render_page, render_text

HEAD = {FormatVersion.V2021: "某某镇人民政府2022年政府信息公开工作年度报告",
        FormatVersion.V2019: "某某镇人民政府2020年政府信息公开工作年度报告"}


def document(format: FormatVersion, *lines: str) -> str:
    return "\n".join([HEAD[format], "一、总体情况", "略。", "二、主动公开政府信息情况", *lines]) \
        + "\n"


def rules(result: ImportResult) -> list[str]:
    return [finding.rule for finding in result.findings
            if finding.rule not in ("IMP-MISSING", "IMP-SECTION", "IMP-FORMAT")]


def first_table(result: ImportResult) -> tuple[Any, ...]:
    item = result.report.proactive_disclosure.art20_1
    return tuple(attrs.astuple(item.regulations)) + tuple(attrs.astuple(item.normative_documents))


# -- row labels -------------------------------------------------------------------------------

@pytest.mark.parametrize(("format", "header", "regulations", "normative"), [
    (FormatVersion.V2021, "信息内容\t本年制发件数\t本年废止件数\t现行有效件数",
     "规 章（含政府规章）", "行政规范性文件（含以政府办公室名义印发的文件）"),
    (FormatVersion.V2019, "信息内容\t本年新制作数量\t本年新公开数量\t对外公开总数量",
     "规章(制度)", "规范性文件（含其他文件）"),
])
def test_widened_labels_match_and_an_extra_row_goes_to_extensions(
        format: FormatVersion, header: str, regulations: str, normative: str) -> None:
    """Parenthetical additions and spacing still match; a provincial row between official
    rows keeps its values in extensions, shifted into no neighbour."""
    result = text.parse(document(format, "第二十条第（一）项", header,
                                 f"{regulations}\t1\t2\t3", "其他主动公开文件\t4\t5\t6",
                                 f"{normative}\t7\t8\t9"))
    assert first_table(result) == (1, 2, 3, 7, 8, 9)
    rows = result.report.extensions["import"]["unmatched_rows"]
    assert [(row["label"], row["values"], row["table"]) for row in rows] == [
        ("其他主动公开文件", ["4", "5", "6"], "第二十条第（一）项")]
    assert rules(result) == ["IMP-EXTRA-ROW"]
    assert convert.loads(convert.dumps(result.report)) == result.report


def test_an_extra_row_copied_one_cell_per_line_goes_to_extensions() -> None:
    """The same in a table copied one cell per line."""
    result = text.parse(document(FormatVersion.V2021, "第二十条第（一）项", "信息内容",
                                 "本年制发件数", "本年废止件数", "现行有效件数", "规章", "1", "2",
                                 "3", "其他主动公开文件", "4", "5", "6", "行政规范性文件", "7", "8",
                                 "9"))
    assert first_table(result) == (1, 2, 3, 7, 8, 9)
    assert result.report.extensions["import"]["unmatched_rows"][0]["values"] == ["4", "5", "6"]


# -- one cell per line ------------------------------------------------------------------------

def blank_separated(*cells: str) -> list[str]:
    """Cells each after one empty line; an empty cell is an empty line of its own."""
    return [line for cell in cells for line in ("", cell)]


def test_blank_separated_cells_keep_an_empty_cell_blank() -> None:
    """Trial format: an empty 本年增/减 stays blank and the rest of its row is read."""
    result = text.parse(document(FormatVersion.V2019, *blank_separated(
        "第二十条第（五）项", "信息内容", "上一年项目数量", "本年增/减", "处理决定数量",
        "行政许可", "5", "", "3", "其他对外管理服务事项", "", "2", "4",
        "第二十条第（六）项")))
    item = result.report.proactive_disclosure.art20_5
    assert attrs.astuple(item.licensing) == (5, None, 3)
    assert attrs.astuple(item.other_services) == (None, 2, 4)
    assert "IMP-BLANK" in rules(result)
    assert "IMP-ROW-LENGTH" not in rules(result)


def test_blank_separated_cells_2021() -> None:
    """2021 format: the same in the table of 第二十条第（一）项."""
    result = text.parse(document(FormatVersion.V2021, *blank_separated(
        "第二十条第（一）项", "信息内容", "本年制发件数", "本年废止件数", "现行有效件数",
        "规章", "", "0", "1", "行政规范性文件", "3", "1", "12", "第二十条第（五）项")))
    assert first_table(result) == (None, 0, 1, 3, 1, 12)


def test_cells_closed_by_bars_one_per_line() -> None:
    """``0 |`` per cell and ``0 | |`` closing a row: the row's cells, in order."""
    result = text.parse(document(FormatVersion.V2019, "第二十条第(一)项 | ||||", "|",
                                 "信息内容 |", "本年新制作数量 |", "本年新公开数量 |",
                                 "对外公开总数量 | |", "|", "规章 |", "1 |", "2 |", "3 | |", "|",
                                 "规范性文件 |", "4 |", "5 |", "6 | |"))
    assert first_table(result) == (1, 2, 3, 4, 5, 6)


# -- glued digits, vertical labels, a page cut short, no heading of 二 --------------------------

def test_digits_run_on_are_split_only_when_one_split_fits() -> None:
    """``规章000`` is 0, 0, 0; ``行政规范性文件123`` could be 1|23 or 12|3… : left blank, said."""
    result = text.parse(document(FormatVersion.V2021, "第二十条第(一)项",
                                 "信息内容本年制发件数本年废止件数现行有效件数",
                                 "规章000", "行政规范性文件1203"))
    assert first_table(result) == (0, 0, 0, None, None, None)
    finding = next(f for f in result.findings if f.rule == "IMP-ROW-LENGTH")
    assert "1203" in finding.message
    assert "无法唯一拆分" in finding.message


def test_rows_run_on_in_one_token_are_cut_at_their_labels() -> None:
    """``规章000行政规范性文件102``: two rows, each split in its one way."""
    result = text.parse(document(FormatVersion.V2021, "第二十条第(一)项",
                                 "信息内容本年制发件数本年废止件数现行有效件数",
                                 "规章000行政规范性文件102", "第二十条第(五)项"))
    assert first_table(result) == (0, 0, 0, 1, 0, 2)


def test_labels_printed_one_character_per_line() -> None:
    """OCR of a vertical header and row label: joined, then matched."""
    result = text.parse(document(FormatVersion.V2021, "第二十条第（一）项",
                                 *"信息内容本年制发件数本年废止件数现行有效件数", "规章", "0", "1",
                                 "2", *"行政规范性文件", "3", "4", "5"))
    assert first_table(result) == (0, 1, 2, 3, 4, 5)


def test_a_number_the_page_ends_with_is_left_blank() -> None:
    """The last number of a text ending without a line break may be cut short; the row
    the text ends in has its first cells."""
    source = document(FormatVersion.V2021, "第二十条第（一）项",
                      "信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |",
                      "规 章 | 0 | 12").rstrip("\n")
    result = text.parse(source)
    assert first_table(result)[:3] == (0, None, None)
    assert any(f.rule == "IMP-MISSING" and "可能不完整" in f.message for f in result.findings)
    # Ending with a line break, the 12 is whole: the row's first cells, the rest cut off.
    complete = text.parse(source + "\n")
    assert first_table(complete)[:3] == (0, 12, None)
    assert any(f.rule == "IMP-MISSING" and "中止" in f.message for f in complete.findings)
    # A row short of values before the end is not read in order.
    inside = text.parse(source + "\n行政规范性文件 | 1 | 2 | 3 |\n")
    assert first_table(inside) == (None, None, None, 1, 2, 3)


def test_tables_right_after_part_one() -> None:
    """No heading of 二: the part starts at the caption of its first table."""
    source = "\n".join([HEAD[FormatVersion.V2021], "一、总体情况", "本年公开信息 20 条。",
                        "第二十条第（一）项", "信息内容\t本年制发件数\t本年废止件数\t现行有效件数",
                        "规章\t1\t2\t3", "行政规范性文件\t4\t5\t6"])
    result = text.parse(source + "\n")
    assert first_table(result) == (1, 2, 3, 4, 5, 6)
    assert result.report.overview.summary == "本年公开信息 20 条。"


# -- narrative injection ----------------------------------------------------------------------

PASSAGES = ["二、主动公开政府信息情况\n规章\t99\t99\t99",
            "二、主动公开政府信息情况 规章\t99\t99\t99",
            "规章\t99\t99\t99",
            "第二十条第（一）项\n规章 99 99 99"]
RENDERS = {"text": (render_text, text.parse), "markdown": (render_markdown, text.parse),
           "html": (render_html, html.parse), "page": (render_page, html.parse)}


@pytest.mark.parametrize("passage", PASSAGES)
@pytest.mark.parametrize("kind", list(RENDERS))
def test_a_table_like_passage_in_the_narrative_does_not_replace_the_table(
        kind: str, passage: str) -> None:
    """The table's own rows are read; the passage's other numbers are never taken."""
    report = load_example(FormatVersion.V2021)
    overview = attrs.evolve(report.overview, summary=report.overview.summary + "\n" + passage)
    injected = attrs.evolve(report, overview=overview)
    render, parse = RENDERS[kind]
    result = parse(render(injected))
    assert first_table(result) == first_table_of(report)
    assert result.report.proactive_disclosure == report.proactive_disclosure
    assert "IMP-UNREAD" not in [f.rule for f in result.findings if "规章" in f.message]


def first_table_of(report: Report) -> tuple[Any, ...]:
    item = report.proactive_disclosure.art20_1
    return tuple(attrs.astuple(item.regulations)) + tuple(attrs.astuple(item.normative_documents))


def test_two_equally_placed_readings_that_disagree_leave_the_cells_blank() -> None:
    """Two tables with one row each and other numbers: blank, an error, not complete."""
    header = "信息内容\t本年制发件数\t本年废止件数\t现行有效件数"
    result = text.parse(document(FormatVersion.V2021, "第二十条第（一）项", header,
                                 "规章\t1\t2\t3", "第二十条第（一）项", header, "规章\t1\t5\t3"))
    regulations = result.report.proactive_disclosure.art20_1.regulations
    assert attrs.astuple(regulations) == (1, None, 3)
    conflict = next(f for f in result.findings if f.rule == "IMP-CONFLICT")
    assert conflict.severity is Severity.ERROR
    assert conflict.json_paths == ("$.proactive_disclosure.art20_1.regulations.repealed",)
    assert not result.is_complete


def test_agreeing_readings_are_one() -> None:
    """The same row twice with the same numbers is no conflict."""
    header = "信息内容\t本年制发件数\t本年废止件数\t现行有效件数"
    result = text.parse(document(FormatVersion.V2021, "第二十条第（一）项", header,
                                 "规章\t1\t2\t3", "规章\t1\t2\t3"))
    assert attrs.astuple(result.report.proactive_disclosure.art20_1.regulations) == (1, 2, 3)
    assert not {"IMP-CONFLICT", "IMP-IGNORED", "IMP-UNREAD"} & set(rules(result))


# -- narrative and the library's own outputs --------------------------------------------------

def test_a_long_wrapped_paragraph_is_one_paragraph() -> None:
    """Lines broken at the page width (no sentence end) join into one paragraph."""
    body = [f"这是一段在页面宽度处被折行的总体情况文字没有句末标点{index}" for index in range(300)]
    result = text.parse("\n".join([HEAD[FormatVersion.V2021], "一、总体情况", *body]) + "\n")
    assert result.report.overview.summary == "".join(body)


@pytest.mark.parametrize("format", list(FormatVersion))
@pytest.mark.parametrize("kind", list(RENDERS))
def test_the_examples_read_back_whole(format: FormatVersion, kind: str) -> None:
    """Every field: cells, blanks, amount units, the parts of 一 and 五, 六, the metadata
    (publication date, organ of a Markdown ``#`` title, source address)."""
    report = load_example(format)
    render, parse = RENDERS[kind]
    assert convert.to_dict(parse(render(report)).report) == convert.to_dict(report)


def test_bars_left_in_tab_separated_rows_are_borders() -> None:
    """``规章<TAB>0<TAB>0<TAB>0<TAB>|``: the bar is no cell content."""
    result = text.parse(document(FormatVersion.V2019, "第二十条第(一)项\t||||",
                                 "信息内容\t本年新制作数量\t本年新公开数量\t对外公开总数量\t|",
                                 "规章\t1\t2\t3\t|", "规范性文件\t4\t5\t6\t|"))
    assert first_table(result) == (1, 2, 3, 4, 5, 6)


def test_extra_rows_past_the_limit_are_counted_not_kept(monkeypatch: pytest.MonkeyPatch) -> None:
    """A table flooded with rows that match no official row keeps the first ones (each with a
    finding) and counts the rest in one finding: memory stays bounded."""
    monkeypatch.setattr("govinfo_report.importers._tables.IMPORT_MAX_UNMATCHED_ROWS", 3)
    extra = [f"其他主动公开文件{index}\t4\t5\t6" for index in range(5)]
    result = text.parse(document(FormatVersion.V2021, "第二十条第（一）项",
                                 "信息内容\t本年制发件数\t本年废止件数\t现行有效件数",
                                 "规章\t1\t2\t3", *extra, "行政规范性文件\t7\t8\t9"))
    assert first_table(result) == (1, 2, 3, 7, 8, 9)
    rows = result.report.extensions["import"]["unmatched_rows"]
    assert [row["label"] for row in rows] == [f"其他主动公开文件{index}" for index in range(3)]
    assert rules(result) == ["IMP-EXTRA-ROW"] * 4
    assert any("另有 2 行" in finding.message for finding in result.findings)
