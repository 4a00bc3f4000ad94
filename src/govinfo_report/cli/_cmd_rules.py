"""``govinfo-report rules``: list the consistency rules, or export them as JSON."""

from __future__ import annotations

import argparse
import json
from typing import Any

from ..rules import RULES, rules_as_json
from ._common import Streams, write_output


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "rules", help="列出一致性规则，或以 JSON 导出供其他语言使用",
        description=("列出每条规则的编号、级别、名称和出处；"
                     "--json 导出完整规则集（含操作数的 JSON 路径）。"))
    parser.add_argument("--json", action="store_true", help="以 JSON 导出完整规则集")
    parser.add_argument("-o", "--output", help="写入文件（原子写入）；默认输出到标准输出")
    parser.set_defaults(handler=run)


_SEVERITY_WORDS = {"error": "错误", "warning": "警告"}


def run(arguments: argparse.Namespace, streams: Streams) -> int:
    if arguments.json:
        text = json.dumps(rules_as_json(), ensure_ascii=False, indent=2) + "\n"
    else:
        text = "".join(f"{rule.id}  {_SEVERITY_WORDS[rule.severity.value]}  {rule.title}  "
                       f"（{rule.clause}）\n" for rule in RULES)
    write_output(text, arguments.output, streams)
    return 0
