"""``govinfo-report example``: write a bundled example report."""

from __future__ import annotations

import argparse
from typing import Any

from ..examples import example_text
from ..model import FormatVersion
from ._common import Streams, write_output


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "example", help="输出内置的示例报告 JSON",
        description=("2021：填写完整的 2021 年格式乡镇报告；"
                     "2019：那勒寺镇 2020 年报告（试行格式）。"))
    parser.add_argument("format", choices=[v.value for v in FormatVersion], help="格式版本")
    parser.add_argument("-o", "--output", help="写入文件（原子写入）；默认输出到标准输出")
    parser.set_defaults(handler=run)


def run(arguments: argparse.Namespace, streams: Streams) -> int:
    write_output(example_text(arguments.format), arguments.output, streams)
    return 0
