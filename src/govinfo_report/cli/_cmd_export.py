"""``govinfo-report export``: every cell of many reports as one table (CSV or XLSX).

The long shape has one row per cell of each report; the wide shape (CSV)
one row per report and one column per cell.

Exit codes: 0 written; 2 an input is unreadable or invalid (nothing is
written to a file), the xlsx extra is missing, or the command line is wrong.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from .._sources import describe_os_error
from ..export import write_csv, write_wide_csv, write_xlsx
from ._common import Streams, UsageError
from ._reading import BadInputs, ReportReader

_KINDS = ("csv", "xlsx")


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "export", help="导出为长表或宽表 CSV，或 XLSX（供统计分析）",
        description=("长表（默认）：每份报告的每个单元格一行：机关、层级、区划代码、年度、格式、"
                     "部分、行、列、官方标签、JSON 路径、单位、数值。"
                     "宽表（--shape wide，CSV）：每份报告一行，每个单元格一列，列名是官方标签；"
                     "同一张宽表只能有一种格式版本。"
                     "XLSX 另有按官方版式排列的二、三、四表"
                     "（需要 pip install 'govinfo-report[xlsx]'）。"
                     "PATH 可以是文件、目录（递归查找 *.json）、通配符，或 - 表示标准输入。"),
        epilog="退出码：0 已写出；2 输入无法读取或无效（不写出文件）、缺少可选依赖，或用法错误。")
    parser.add_argument("paths", nargs="+", metavar="PATH", help="报告文件、目录、通配符或 -")
    parser.add_argument("--to", choices=_KINDS,
                        help="csv 或 xlsx；不给时按 -o 的扩展名判断（- 为 csv）")
    parser.add_argument("-o", "--output", required=True, metavar="OUT",
                        help="输出文件（原子写入）；CSV 可用 - 表示标准输出")
    parser.add_argument("--shape", choices=("long", "wide"), default="long",
                        help="long：每个单元格一行（默认）；wide：每份报告一行（只用于 CSV）")
    parser.add_argument("--bom", action="store_true",
                        help="CSV 开头写入 UTF-8 BOM，Excel 双击打开时中文不乱码")
    parser.set_defaults(handler=run)


def run(arguments: argparse.Namespace, streams: Streams) -> int:
    # Standard output is for CSV: XLSX is a binary file.
    inferred = "csv" if arguments.output == "-" else Path(arguments.output).suffix.lower()[1:]
    kind = arguments.to or inferred
    if kind not in _KINDS:
        raise UsageError("govinfo-report export: 请用 --to csv 或 --to xlsx 指定格式"
                         "（cannot tell the format from the output name）")
    if arguments.bom and kind != "csv":
        raise UsageError("govinfo-report export: --bom 只用于 CSV（--bom applies to CSV only）")
    if arguments.shape == "wide" and kind != "csv":
        raise UsageError("govinfo-report export: --shape wide 只用于 CSV"
                         "（the wide shape is written as CSV only）")
    if arguments.output == "-" and kind != "csv":
        raise UsageError("govinfo-report export: XLSX 不能写到标准输出（XLSX needs a file）")
    reader = ReportReader(arguments.paths, streams, verb="导出")
    target = streams.stdout if arguments.output == "-" else arguments.output
    try:
        if kind == "csv" and arguments.shape == "wide":
            write_wide_csv(reader.reports(), target, bom=arguments.bom)
        elif kind == "csv":
            write_csv(reader.reports(), target, bom=arguments.bom)
        else:
            write_xlsx(reader.reports(), target)
    except BadInputs:
        return 2
    except OSError as error:
        raise UsageError(f"无法写入 {arguments.output}（cannot write the file）："
                         f"{describe_os_error(error)}") from None
    return 0
