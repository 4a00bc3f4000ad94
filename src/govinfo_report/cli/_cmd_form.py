"""``govinfo-report form``: write the data-entry form as one self-contained page."""

from __future__ import annotations

import argparse
from typing import Any

from ..form import page
from ..model import FormatVersion
from ._common import Streams, UsageError, read_report, write_output


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "form", help="生成填报表单：官方表格样式的网页，逐格填写、实时检查、保存为报告 JSON",
        description=("生成一个独立的 HTML 页面（样式、脚本和规则集都内嵌，不需要网络）："
                     "按官方表格样式逐格填写，总计自动计算，每次修改后运行一致性检查；"
                     "可打开、保存报告 JSON，自动保存草稿，按官方版式打印。"),
        epilog="示例：govinfo-report form --format 2021 -o form.html；"
               "govinfo-report form report.json -o form.html（打开已有报告）")
    parser.add_argument("file", metavar="REPORT", nargs="?",
                        help="预先填入的报告 JSON 文件；- 表示标准输入；省略则为空白表单")
    parser.add_argument("--format", choices=[v.value for v in FormatVersion],
                        help="格式版本（默认 2021；给出报告时取报告的格式）")
    parser.add_argument("--previous", metavar="FILE",
                        help="同一机关上一年度的报告 JSON（可为另一格式版本），用于跨年检查")
    parser.add_argument("-o", "--output", help="写入文件（原子写入）；默认输出到标准输出")
    parser.set_defaults(handler=run)


def run(arguments: argparse.Namespace, streams: Streams) -> int:
    report = None if arguments.file is None else read_report(arguments.file, streams)
    format = FormatVersion(arguments.format or (report.format.value if report else "2021"))
    if report is not None and report.format is not format:
        raise UsageError(f"govinfo-report form: 报告是 {report.format.value} 格式，"
                         f"与 --format {format.value} 不符（the report is in another format）")
    previous = (None if arguments.previous is None
                else read_report(arguments.previous, streams))
    write_output(page(format, report=report, previous=previous), arguments.output, streams)
    return 0
