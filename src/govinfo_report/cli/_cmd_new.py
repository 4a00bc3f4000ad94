"""``govinfo-report new``: a blank report to fill in, every cell ``null``."""

from __future__ import annotations

import argparse
from typing import Any

from ..blank import blank_report, default_year
from ..convert import dumps
from ..model import FormatVersion, OrganLevel
from ._common import Streams, write_output


def register(subparsers: Any) -> None:
    levels = ", ".join(f"{level.value}（{level.label}）" for level in OrganLevel)
    parser = subparsers.add_parser(
        "new", help="新建一份空白报告 JSON（全部单元格为 null），用于填写",
        description=("输出一份空白报告：全部单元格为 null（留空），全部文字为空，只填基本信息。"
                     "用 validate 校验它只会得到空白单元格的警告"
                     "（未给 --organ 时还有机关名称未填的警告）。"),
        epilog="示例：govinfo-report new --format 2021 --organ 示范县青山镇人民政府 -o draft.json")
    parser.add_argument("--format", required=True, choices=[v.value for v in FormatVersion],
                        help="格式版本：2021（2021 年度起）或 2019（试行格式，2019、2020 年度）")
    parser.add_argument("--organ", help="机关名称；不给时为 null（未填），校验时报告 M1")
    parser.add_argument("--level", default=OrganLevel.TOWNSHIP.value,
                        choices=[level.value for level in OrganLevel], metavar="LEVEL",
                        help=f"机关层级：{levels}；默认 township")
    parser.add_argument("--year", type=int, metavar="YEAR",
                        help=(f"报告年度；默认 2021 格式为上一年（{default_year('2021')}），"
                              "试行格式为 2020"))
    parser.add_argument("-o", "--output", help="写入文件（原子写入）；默认或 - 输出到标准输出")
    parser.set_defaults(handler=run)


def run(arguments: argparse.Namespace, streams: Streams) -> int:
    report = blank_report(arguments.format, organ=arguments.organ, level=arguments.level,
                          year=arguments.year)
    write_output(dumps(report), arguments.output, streams)
    return 0
