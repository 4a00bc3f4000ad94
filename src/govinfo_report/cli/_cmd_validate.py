"""``govinfo-report validate``: check report files, for people and for CI.

Exit codes: 0 nothing fails; 1 a finding fails (an unacknowledged error, or
under ``--strict`` a warning too); 2 an input cannot be read or is not a
valid report, or the command line is wrong.
"""

from __future__ import annotations

import argparse
import os
from typing import Any

from ._batch import FILES_PER_WORKER, Input, check_all, collect_inputs, worker_count
from ._common import STDIN, Progress, Streams, UsageError, read_stdin
from ._outputs import OUTPUTS, Summary


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "validate", help="校验报告 JSON（结构与一致性规则）",
        description=("校验报告文件：先检查结构，再运行全部一致性规则。"
                     "PATH 可以是文件、目录（递归查找 *.json）、通配符，或 - 表示标准输入。"),
        epilog=("退出码：0 没有不通过的发现；1 有错误（--strict 时警告也算）；"
                "2 输入无法读取、不是有效报告，或用法错误。"))
    parser.add_argument("paths", nargs="+", metavar="PATH", help="报告文件、目录、通配符或 -")
    parser.add_argument("--format", choices=sorted(OUTPUTS), default="text", dest="output",
                        help="输出格式：text（中文，每条发现一行）、json（整次运行一个文档）、"
                             "github（GitHub Actions 注释）；默认 text")
    parser.add_argument("--strict", action="store_true",
                        help="严格模式：空白单元格记为错误，警告也导致退出码 1")
    parser.add_argument("--previous", metavar="FILE",
                        help=("上一年度报告，用于跨年规则 W1、W2；- 表示标准输入；"
                              "不给时在输入中按机关和年度自动配对"))
    parser.add_argument("--jobs", type=int, default=0, metavar="N",
                        help=("最多使用的并行进程数；0（默认）表示按 CPU 核心数。"
                              f"每个进程至少分到 {FILES_PER_WORKER} 个文件才会启动，"
                              "文件少时总在本进程内校验（启动进程比校验更慢）"))
    parser.set_defaults(handler=run)


def run(arguments: argparse.Namespace, streams: Streams) -> int:
    if arguments.jobs < 0:
        raise UsageError("govinfo-report validate: --jobs 不能为负数（--jobs must be >= 0）")
    if [*arguments.paths, arguments.previous].count(STDIN) > 1:
        raise UsageError("govinfo-report validate: - 只能给一次（stdin may be given once）")
    previous = None
    if arguments.previous == STDIN:
        previous = Input("<stdin>", read_stdin(streams.stdin))
    elif arguments.previous is not None:
        if not os.path.exists(arguments.previous):
            raise UsageError(f"govinfo-report validate: 找不到 --previous 文件 {arguments.previous}"
                             "（no such file）")
        previous = Input(arguments.previous)
    inputs = collect_inputs(arguments.paths, lambda: read_stdin(streams.stdin))
    workers = worker_count(arguments.jobs, len(inputs))
    bar = Progress(streams, len(inputs), "校验")
    results = check_all(inputs, previous=previous, strict=arguments.strict,
                        workers=workers, progress=lambda done, _total: bar.update(done))
    bar.clear()
    summary = Summary(results, arguments.strict)
    colour = arguments.output == "text" and streams.stdout.isatty()
    OUTPUTS[arguments.output](streams.stdout, streams.stderr, colour=colour).write(
        results, summary, arguments.strict)
    if summary.unreadable:
        return 2
    return 1 if summary.failures else 0
