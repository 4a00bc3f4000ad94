"""``govinfo-report schema``: print the JSON Schema, or the editor setting that uses it."""

from __future__ import annotations

import argparse
import json
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
    parser.add_argument("--vscode", action="store_true",
                        help=("输出 VS Code 工作区设置（.vscode/settings.json）的 json.schemas："
                              "把每份 schema 的 $id 对应到随本库安装的 schema 内容，"
                              "编辑带 \"$schema\" 的报告 JSON 时即可补全和检查，不需要联网"))
    parser.set_defaults(handler=run)


def vscode_settings() -> dict[str, object]:
    """The ``json.schemas`` setting of VS Code: each schema under its ``$id``, inline.

    VS Code matches a document's ``"$schema"`` against ``url`` and, given the
    ``schema`` content, uses it instead of downloading; the ``$ref`` between
    the schemas resolve the same way.
    """
    schemas = [generate(version) for version in FormatVersion] + [generate_dispatch()]
    return {"json.schemas": [{"url": schema["$id"], "schema": schema} for schema in schemas]}


def run(arguments: argparse.Namespace, streams: Streams) -> int:
    if arguments.vscode and (arguments.write is not None or arguments.format is not None):
        raise UsageError("govinfo-report schema: --vscode 输出全部 schema，"
                         "不与 --format、--write 同用（--vscode takes no --format or --write）")
    if arguments.vscode:
        text = json.dumps(vscode_settings(), ensure_ascii=False, indent=2) + "\n"
        write_output(text, arguments.output, streams)
        return 0
    if arguments.write is not None and arguments.output is not None:
        raise UsageError("govinfo-report schema: --write 与 -o 不能同用"
                         "（--write writes a directory）")
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
