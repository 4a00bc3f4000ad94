"""``govinfo-report compare``: how one organ's report changed from one year to another.

Exit codes: 0 nothing to warn about; 1 a count jumps or a cross-year check
(W1, W2) fails; 2 a file is unreadable or invalid, the years are in the wrong
order, or the command line is wrong.
"""

from __future__ import annotations

import argparse
import json
import math
from decimal import Decimal
from typing import Any

from ..compare import (
    CROSS_YEAR_RULES,
    DEFAULT_JUMP_RATIO,
    DEFAULT_MIN_COUNT,
    CellDifference,
    Comparison,
    compare,
)
from ..labels import not_known
from ..model import Report
from ..rules import rule_by_id
from ._common import Streams, UsageError, write_output
from ._reading import ReportReader


def _ratio(text: str) -> float:
    """A finite ratio above 1: JSON has no Infinity, and no other ratio means a jump."""
    try:
        ratio = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"应为数字，实际是 {text!r}（expected a number）") from None
    if not math.isfinite(ratio) or not ratio > 1:
        raise argparse.ArgumentTypeError(f"应为大于 1 的有限数，实际是 {text!r}"
                                         "（expected a finite number above 1）")
    return ratio


def register(subparsers: Any) -> None:
    checks = "和".join(f"{rule}（{rule_by_id(rule).title}）" for rule in CROSS_YEAR_RULES)
    parser = subparsers.add_parser(
        "compare", help="比较同一机关两个年度的报告",
        description=("逐格比较上一年度（PREVIOUS）与本年度（CURRENT）的报告：变化、大幅变化，"
                     f"以及跨年检查 {checks}。格式版本不同时只比较两者都有的单元格。"),
        epilog=("退出码：0 无警告；1 有大幅变化或跨年检查未通过；"
                "2 文件无法读取、年度顺序不对或用法错误。"))
    parser.add_argument("previous", metavar="PREVIOUS", help="上一年度的报告 JSON；- 表示标准输入")
    parser.add_argument("current", metavar="CURRENT", help="本年度的报告 JSON；- 表示标准输入")
    parser.add_argument("--format", choices=("text", "json"), default="text", dest="output_format",
                        help="输出格式：text（中文，只列变化）或 json（全部单元格）；默认 text")
    parser.add_argument("--all", action="store_true", help="text 格式也列出没有变化的单元格")
    parser.add_argument("--jump-ratio", type=_ratio, default=DEFAULT_JUMP_RATIO, metavar="R",
                        help=f"增长超过 R 倍或降到 1/R 以下算大幅变化；默认 {DEFAULT_JUMP_RATIO:g}")
    parser.add_argument("--min-count", type=int, default=DEFAULT_MIN_COUNT, metavar="N",
                        help=f"两年中较大的数不小于 N 才判断大幅变化；默认 {DEFAULT_MIN_COUNT}")
    parser.add_argument("-o", "--output", help="写入文件（原子写入）；默认输出到标准输出")
    parser.set_defaults(handler=run)


def run(arguments: argparse.Namespace, streams: Streams) -> int:
    if arguments.all and arguments.output_format == "json":
        raise UsageError("govinfo-report compare: --all 只用于 text 格式，json 总是列出全部单元格"
                         "（--all has no effect with --format json）")
    if arguments.previous == arguments.current == "-":
        raise UsageError("govinfo-report compare: - 只能给一次（stdin may be given once）")
    reader = ReportReader([arguments.previous, arguments.current], streams)
    if len(reader) != 2:
        raise UsageError("govinfo-report compare: 需要两个报告文件（PREVIOUS and CURRENT must be "
                         "two files）")
    reports = [report for _, report in reader]
    if reader.bad:
        return 2
    comparison = compare(reports[0], reports[1], jump_ratio=arguments.jump_ratio,
                         min_count=arguments.min_count)
    if arguments.output_format == "json":
        text = json.dumps(comparison.to_json(), ensure_ascii=False, indent=2) + "\n"
    else:
        text = _text(comparison, everything=arguments.all)
    write_output(text, arguments.output, streams)
    return 1 if comparison.has_warnings else 0


def _shown(value: int | Decimal | None) -> str:
    if value is None:
        return "空"
    return format(value, "f") if isinstance(value, Decimal) else str(value)


def _who(report: Report) -> str:
    metadata = report.metadata
    year = not_known("$.metadata.year") if metadata.year is None else f"{metadata.year} 年度"
    return f"{metadata.organ or not_known('$.metadata.organ')} {year}（{report.format.value} 格式）"


def _line(cell: CellDifference) -> str:
    change = ""
    if cell.difference is not None:
        sign = "+" if cell.difference > 0 else ""
        ratio = "" if cell.ratio is None else f"，×{cell.ratio:.2f}"
        change = f"（{sign}{_shown(cell.difference)}{ratio}）"
    mark = " 【大幅变化】" if cell.jump else ""
    return (f"  {cell.json_path}（{' › '.join(cell.labels)}）：{_shown(cell.previous)} → "
            f"{_shown(cell.current)} {cell.unit}{change}{mark}\n")


def _text(comparison: Comparison, *, everything: bool) -> str:
    out = [f"比较：{_who(comparison.previous)} → {_who(comparison.current)}\n"]
    out.extend(f"说明：{note}\n" for note in comparison.notes)
    listed = comparison.cells if everything else comparison.changed
    out.append(f"变化的单元格：{len(comparison.changed)} 个（共比较 {len(comparison.cells)} 个）\n")
    out.extend(_line(cell) for cell in listed)
    out.append(f"大幅变化：{len(comparison.jumps)} 个（比值 > {comparison.jump_ratio:g} 或 "
               f"< 1/{comparison.jump_ratio:g}，且较大值 ≥ {comparison.min_count}）\n")
    out.append(f"跨年检查（{'、'.join(CROSS_YEAR_RULES)}）：{len(comparison.findings)} 条发现\n")
    for finding in comparison.findings:
        note = f"（已说明：{finding.acknowledgement}）" if finding.acknowledged else ""
        out.append(f"  {finding.rule} {finding.json_path}: {finding.message}{note}\n")
    if comparison.skipped:
        out.append(f"跳过的单元格（只在一种格式版本中存在）：{len(comparison.skipped)} 个\n")
        out.extend(f"  {path}\n" for path in comparison.skipped)
    return "".join(out)
