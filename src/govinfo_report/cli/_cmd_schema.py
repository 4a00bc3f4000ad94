"""``govinfo-report schema``: print the JSON Schema."""

from __future__ import annotations

import argparse
from typing import Any

from ..model import FormatVersion
from ..schema import generate, generate_dispatch, schema_text
from ._common import Streams, write_output


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "schema", help="输出 JSON Schema（Draft 2020-12）",
        description="输出由模型生成的 JSON Schema；不给 --format 时输出按 format 分派的总 schema。")
    parser.add_argument("--format", choices=[v.value for v in FormatVersion],
                        help="只输出这一格式版本的 schema")
    parser.add_argument("-o", "--output", help="写入文件（原子写入）；默认输出到标准输出")
    parser.set_defaults(handler=run)


def run(arguments: argparse.Namespace, streams: Streams) -> int:
    schema = generate_dispatch() if arguments.format is None else generate(arguments.format)
    write_output(schema_text(schema), arguments.output, streams)
    return 0
