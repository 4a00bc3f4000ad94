"""``govinfo-report render``: write a report as HTML, a page, Markdown, text or Word.

Exit codes: 0 written; 1 written with ``--check``, and a finding fails (an
unacknowledged error, or under ``--strict`` a warning too), as ``validate``
would exit; 2 the input is unreadable or invalid, or the command line is
wrong (an option that has no effect with the others is refused).
"""

from __future__ import annotations

import argparse
from typing import Any

from ..render import DEFAULT_PREFIX, docx, html, markdown, page, text
from ..rules import iter_findings
from ._common import (
    Streams,
    UsageError,
    binary_stdout,
    read_report,
    write_bytes,
    write_output,
)

_FORMATS = {
    "html": "HTML 片段（嵌入网页）",
    "page": "独立 HTML 页面（含样式，可打印 A4）",
    "md": "Markdown（GFM）",
    "txt": "纯文本（按显示宽度对齐）",
    "docx": "Word 文档（需要 govinfo-report[docx]；写入 -o 给出的文件，或重定向到文件、管道）",
}


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "render", help="按国家规定的表格样式渲染报告（HTML、页面、Markdown、纯文本、Word）",
        description="渲染报告。格式：" + "；".join(f"{name} {text}" for name, text in
                                              _FORMATS.items()) + "。",
        epilog=("示例：govinfo-report render report.json --to page -o report.html。"
                "退出码：0 已写出；1 已写出，但 --check 发现不通过的问题（与 validate 相同）；"
                "2 输入无法读取或无效，或用法错误。"))
    parser.add_argument("file", metavar="FILE", help="报告 JSON 文件；- 表示标准输入")
    parser.add_argument("--to", required=True, choices=list(_FORMATS), help="输出格式")
    parser.add_argument("-o", "--output",
                        help=("写入文件（原子写入）；默认或 - 输出到标准输出"
                              "（docx 不能输出到终端）"))
    parser.add_argument("--prefix",
                        help=f"html/page 的 CSS 类名前缀（默认 {DEFAULT_PREFIX}）")
    parser.add_argument("--templates", metavar="DIR",
                        help="模板目录：其中的同名模板覆盖内置模板（html/page/md/txt）")
    parser.add_argument("--check", action="store_true",
                        help=("先运行一致性检查，在表格中标出有问题的单元格并列出检查结果；"
                              "有不通过的发现时退出码为 1"))
    parser.add_argument("--strict", action="store_true",
                        help="与 --check 一起用：空白单元格记为错误")
    parser.set_defaults(handler=run)


def _refuse_idle_options(arguments: argparse.Namespace) -> None:
    """Options that would have no effect are usage errors, not silently ignored."""
    idle = []
    if arguments.strict and not arguments.check:
        idle.append("--strict 只与 --check 一起使用（--strict needs --check）")
    if arguments.templates is not None and arguments.to == "docx":
        idle.append("--templates 不用于 docx（Word output has no templates）")
    if arguments.prefix is not None and arguments.to not in ("html", "page"):
        idle.append(f"--prefix 只用于 html 和 page（--prefix has no effect on {arguments.to}）")
    if idle:
        raise UsageError("govinfo-report render: " + "；".join(idle))


def run(arguments: argparse.Namespace, streams: Streams) -> int:
    _refuse_idle_options(arguments)
    output = "-" if arguments.output is None else arguments.output
    if arguments.to == "docx" and output == "-" and not binary_stdout(streams):
        raise UsageError("govinfo-report render: --to docx 需要 -o 输出文件或重定向到管道"
                         "（a Word document is binary: give -o FILE）")
    report = read_report(arguments.file, streams)
    findings = list(iter_findings(report, strict=arguments.strict)) if arguments.check else []
    code = 1 if any(finding.is_failure(strict=arguments.strict) for finding in findings) else 0
    if arguments.to == "docx":
        write_bytes(docx.render(report, findings=findings), output, streams)
        return code
    templates = arguments.templates
    prefix = DEFAULT_PREFIX if arguments.prefix is None else arguments.prefix
    if arguments.to == "html":
        rendered = html.render(report, findings=findings, prefix=prefix, templates=templates)
    elif arguments.to == "page":
        rendered = page.render(report, findings=findings, prefix=prefix, templates=templates)
    elif arguments.to == "md":
        rendered = markdown.render(report, findings=findings, templates=templates)
    else:
        rendered = text.render(report, findings=findings, templates=templates)
    write_output(rendered, output, streams)
    return code
