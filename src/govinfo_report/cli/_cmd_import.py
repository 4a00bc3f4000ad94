"""``govinfo-report import``: read a published report (text, web page, Word, PDF) into JSON."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from ..convert import dumps, write_atomic
from ..findings import Finding
from ..importers import CELL_RULES, KINDS, ImportResult, read
from ..labels import iter_fields
from ._common import Streams, UsageError, write_output


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "import", help="把已发布的报告（文本、网页、Word、PDF）读成报告 JSON",
        description=("读取已发布的年度报告，输出报告 JSON；未能读出的内容逐条列在标准错误上。"
                     "退出码：0 全部读出；1 有单元格留空或待核对；2 文件无法读取。"))
    parser.add_argument("file", metavar="FILE", help="报告文件")
    parser.add_argument("--from", dest="kind", choices=("auto", *KINDS), default="auto",
                        help="来源类型；默认按文件内容和扩展名判断")
    parser.add_argument("-o", "--output",
                        help="报告 JSON 写入此文件（原子写入）；默认输出到标准输出")
    parser.add_argument("--provenance", metavar="FILE",
                        help="另把每个单元格的来源（原文位置、原文、匹配的标签）写成 JSON")
    parser.set_defaults(handler=run)


def _line(name: str, finding: Finding) -> str:
    where = finding.json_path
    if len(finding.json_paths) > 1:
        where += f" 等 {len(finding.json_paths)} 格"
    return f"{name}: {finding.message} [{finding.rule} {where}]"


def summary(result: ImportResult) -> str:
    """One line: how many cells were read, how many stayed blank or doubtful."""
    total = sum(1 for _ in iter_fields(result.format, cells_only=True))
    doubtful = len(result.doubtful_cells)
    return (f"{result.format.format_name}：{total} 格中 {total - doubtful} 格已读出，"
            f"{doubtful} 格留空或待核对（{total - doubtful} of {total} cells read）")


def run(arguments: argparse.Namespace, streams: Streams) -> int:
    result = read(arguments.file, kind=arguments.kind)
    name = Path(arguments.file).name
    for finding in result.findings:
        streams.stderr.write(_line(name, finding) + "\n")
    for finding in result.check_findings:
        streams.stderr.write(_line(name, finding) + "\n")
    streams.stderr.write(f"{name}: {summary(result)}\n")
    write_output(dumps(result.report), arguments.output, streams)
    if arguments.provenance:
        text = json.dumps(result.provenance_json(), ensure_ascii=False, indent=2) + "\n"
        try:
            write_atomic(Path(arguments.provenance), text.encode("utf-8"))
        except OSError as error:
            raise UsageError(f"无法写入 {arguments.provenance}（cannot write the file）："
                             f"{error.strerror}") from None
    return 1 if any(finding.rule in CELL_RULES for finding in result.findings) else 0
