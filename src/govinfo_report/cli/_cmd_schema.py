"""``govinfo-report schema``: print the JSON Schema."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from .._sources import describe_os_error
from ..model import FormatVersion
from ..schema import generate, generate_dispatch, schema_text, write_schemas
from ._common import Streams, UsageError, write_output


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "schema", help="输出 JSON Schema（Draft 2020-12）",
        description="输出由模型生成的 JSON Schema；不给 --format 时输出按 format 分派的总 schema。")
    parser.add_argument("--format", choices=[v.value for v in FormatVersion],
                        help="只输出这一格式版本的 schema")
    parser.add_argument("-o", "--output", help="写入文件（原子写入）；默认输出到标准输出")
    parser.add_argument("--write", metavar="DIR",
                        help="把全部 schema 及 examples/ 写入目录 DIR（用于更新仓库中的 schema/）")
    parser.set_defaults(handler=run)


def run(arguments: argparse.Namespace, streams: Streams) -> int:
    if arguments.write is not None:
        try:
            for path in write_schemas(Path(arguments.write)):
                streams.stdout.write(f"{path}\n")
        except OSError as error:
            raise UsageError(
                f"无法写入 {arguments.write}（cannot write）：{describe_os_error(error)}") from None
        return 0
    schema = generate_dispatch() if arguments.format is None else generate(arguments.format)
    write_output(schema_text(schema), arguments.output, streams)
    return 0
