"""Markdown (GitHub Flavored): the report for wikis, issues and static sites.

GFM tables cannot merge cells, so merged labels are joined with ``›``: a
column is headed ``申请人情况 › 法人或其他组织 › 商业企业`` and a row is
labelled ``三、本年度办理结果 › （三）不予公开 › 1.属于国家秘密``. Each
sub-table of 二 is its own table under its caption. Blank cells stay blank.
Every text is escaped, so report text cannot inject Markdown or HTML.

>>> from govinfo_report.examples import load_example
>>> lines = render(load_example("2021")).splitlines()
>>> lines[0]
'# 示范县青山镇人民政府2023年政府信息公开工作年度报告'
>>> print(escape_markdown("<b>*x* a|b</b>"))
\\<b\\>\\*x\\* a\\|b\\</b\\>
>>> print(escape_markdown("1. 一"), escape_markdown("1.一"), escape_markdown("- 一"))
1\\. 一 1.一 \\- 一
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from ..findings import Finding
from ..model import Report
from ._flat import FlatBlock, flatten
from ._templates import Templates, render_template
from ._view import TableView, view_of

__all__ = ["escape_markdown", "render"]

_SPECIAL = re.compile(r"([\\`*_\[\]<>|#~&$])")
# List markers, setext underlines and thematic breaks at the start of a line.
_LINE_START = re.compile(r"\A(?:([-+=])(?=\s|\Z|[-+=\s]*\Z)|(\d{1,9})([.)])(?=\s|\Z))")
_JOINER = " › "


def escape_markdown(text: str) -> str:
    """``text`` with every character Markdown or HTML would interpret escaped."""
    text = _SPECIAL.sub(r"\\\1", text)
    return _LINE_START.sub(lambda match: "\\" + match.group(1) if match.group(1)
                           else match.group(2) + "\\" + match.group(3), text)


def _row(cells: list[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def _value_text(table: TableView, index: int) -> str:
    text = escape_markdown(table.texts[index])
    mark = table.marks.get(index)
    return f"{text} \\[{','.join(map(str, mark.numbers))}\\]" if mark else text


def _block(block: FlatBlock, table: TableView) -> str:
    header = [escape_markdown(_JOINER.join(labels)) for labels in block.columns]
    align = ["---:"] * len(header)
    if block.has_stub:
        header.insert(0, escape_markdown(_JOINER.join(block.stub_header)))
        align.insert(0, ":---")
    lines = [f"**{escape_markdown(block.caption)}**", ""] if block.caption else []
    lines += [_row(header), _row(align)]
    for row in block.rows:
        cells = [_value_text(table, cell.index) for cell in row.values]
        if block.has_stub:
            cells.insert(0, escape_markdown(_JOINER.join(row.labels)))
        lines.append(_row(cells))
    return "\n".join(lines)


def table_markdown(table: TableView) -> str:
    """One official table as GFM tables (one per block)."""
    return "\n\n".join(_block(block, table) for block in flatten(table.table))


def render(report: Report, *, findings: Iterable[Finding] = (),
           templates: Templates = None) -> str:
    """The report as GitHub Flavored Markdown."""
    return render_template("report.md.j2", templates, view=view_of(report, findings),
                           md=escape_markdown, table_markdown=table_markdown)
