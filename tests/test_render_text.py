"""Markdown and plain text: flattened tables, readable labels, escaped text, aligned columns."""

from __future__ import annotations

import re

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from govinfo_report.examples import load_example
from govinfo_report.render import _width, markdown, render_text, text
from govinfo_report.render._width import display_width, fallback_width

from .golden import check_golden
from .test_render_html import EXAMPLES, PAYLOADS, sample_findings, with_texts


@pytest.mark.parametrize("version", ["2021", "2019"])
def test_markdown_matches_golden(version: str) -> None:
    """The Markdown of each bundled example is pinned by a golden file."""
    check_golden(f"render/{EXAMPLES[version]}.md", markdown.render(load_example(version)))


@pytest.mark.parametrize("version", ["2021", "2019"])
def test_text_matches_golden(version: str) -> None:
    """The plain text of each bundled example is pinned by a golden file."""
    check_golden(f"render/{EXAMPLES[version]}.txt", text.render(load_example(version)))


def test_findings_golden() -> None:
    """Markers and lists of findings in Markdown and text are pinned too."""
    report = load_example("2021")
    check_golden("render/township-2021.findings.md",
                 markdown.render(report, findings=sample_findings()))
    check_golden("render/township-2021.findings.txt",
                 text.render(report, findings=sample_findings()))


def test_markdown_flattens_merged_labels_with_arrows() -> None:
    """Merged headers and row groups are joined with › so every row and column reads alone."""
    lines = markdown.render(load_example("2021")).splitlines()
    header = next(line for line in lines if line.startswith("| （本列数据"))
    assert "| 申请人情况 › 法人或其他组织 › 商业企业 |" in header
    assert "| 三、本年度办理结果 › （三）不予公开 › 1.属于国家秘密 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |" in lines
    assert "| 行政复议 › 结果维持 | 行政复议 › 结果纠正 |" in "\n".join(lines)
    assert "**第二十条第（五）项**" in lines
    assert "| 行政许可 | 126 |" in lines


def test_markdown_tables_are_rectangular() -> None:
    """Every GFM table row has as many cells as its header, and a blank line ends each table."""
    document = markdown.render(load_example("2021"), findings=sample_findings())
    for block in document.split("\n\n"):
        lines = block.splitlines()
        rows = [line for line in lines if line.startswith("|")]
        widths = {len(re.findall(r"(?<!\\)\|", row)) for row in rows}
        assert len(widths) <= 1, block
        if rows:
            assert lines[lines.index(rows[0]):] == rows, block


def test_blank_cells_stay_blank_in_markdown_and_text() -> None:
    """The trial example's blank 行政复议 cells are empty, not 0."""
    lines = markdown.render(load_example("2019")).splitlines()
    assert "|  |  |  |  |  | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |" in lines
    body = text.render(load_example("2019")).splitlines()
    values_line = next(line for line in body if line.strip().startswith("0") and
                       len(line.split()) == 10)
    assert values_line.startswith(" " * 40)


def test_markdown_escapes_report_text() -> None:
    """Payloads in the narrative cannot produce raw HTML or Markdown structure."""
    for payload in [*PAYLOADS, "| a | b |", "# 标题", "1. 列表", "[链接](javascript:x)"]:
        document = markdown.render(with_texts(load_example("2021"), payload, payload))
        assert re.search(r"(?<!\\)<", document) is None, payload
        assert "\n# " + payload not in document
        assert re.search(r"(?<!\\)\]\(", document) is None, payload


@given(st.text(st.sampled_from(list("<>|*_[]`#&\\-+=1. 中a")), min_size=1, max_size=30))
def test_markdown_escape_leaves_no_active_character(value: str) -> None:
    """After escaping, every Markdown-active ASCII character is preceded by a backslash."""
    escaped = markdown.escape_markdown(value)
    unescaped = re.sub(r"\\.", "", escaped)
    assert not set(unescaped) & set("<>|*_[]`#&\\")


def test_text_columns_line_up_by_display_width() -> None:
    """In each table every line has the same display width up to its last value column."""
    document = text.render(load_example("2021"))
    section = document.split("三、收到和处理政府信息公开申请情况")[1].split("四、政府信息公开")[0]
    rows = [line for line in section.splitlines() if line.endswith(("15", " 0", " 1", " 4", " 7"))]
    assert len(rows) == 25
    assert {display_width(line) for line in rows} == {display_width(rows[0])}
    ruler = next(line for line in section.splitlines() if line.startswith("---"))
    assert display_width(rows[0]) == len(ruler)
    assert "  （三）不予公开" in section.splitlines()
    assert "    1.属于国家秘密" in section


def test_text_marks_findings() -> None:
    """Flagged cells carry [n]; the findings follow the table."""
    document = text.render(load_example("2021"), findings=sample_findings())
    assert "15[1]" in document
    assert "[1] 错误 I1 三、收到和处理政府信息公开申请情况 › 一、本年新收政府信息公开申请数量 › 总计：" \
        "总计应为 15，实为 16" in document


def test_width_fallback_agrees_with_wcwidth_on_report_text() -> None:
    """Without wcwidth, East Asian Width gives the same widths for labels and values."""
    samples = ["行政许可", "（一）予以公开", "危及“三安全一稳定”", "本年增/减", "0.35", "-417",
               "申请人情况 › 自然人", "政府集中采购251000元"]
    assert [fallback_width(sample) for sample in samples] == \
        [display_width(sample) for sample in samples]


def test_text_renders_without_wcwidth(monkeypatch: pytest.MonkeyPatch) -> None:
    """The text renderer works (and gives the same output) when wcwidth is not installed."""
    expected = text.render(load_example("2021"))
    monkeypatch.setattr(_width, "_wcswidth", None)
    assert text.render(load_example("2021")) == expected


def test_metadata_not_known_is_shown_as_such_in_the_title() -> None:
    """Organ and year null: the title says they are not filled in, never "None"."""
    report = load_example("2021")
    report = attrs.evolve(report, metadata=attrs.evolve(report.metadata, organ=None, year=None))
    title = render_text(report).splitlines()[0]
    assert title == "（机关名称未填）（报告年度未填）政府信息公开工作年度报告"
