"""``govinfo-report render``: write a report as HTML, a page, Markdown, text or Word."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from ..convert import load, loads, write_atomic
from ..model import Report
from ..render import DEFAULT_PREFIX, docx, html, markdown, page, text
from ..rules import iter_findings
from ._common import Streams, UsageError, write_output

_FORMATS = {
    "html": "HTML 片段（嵌入网页）",
    "page": "独立 HTML 页面（含样式，可打印 A4）",
    "md": "Markdown（GFM）",
    "txt": "纯文本（按显示宽度对齐）",
    "docx": "Word 文档（需要 govinfo-report[docx]，必须给 -o）",
}


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "render", help="按国家规定的表格样式渲染报告（HTML、页面、Markdown、纯文本、Word）",
        description="渲染报告。格式：" + "；".join(f"{name} {text}" for name, text in
                                              _FORMATS.items()) + "。",
        epilog="示例：govinfo-report render report.json --to page -o report.html")
    parser.add_argument("file", metavar="FILE", help="报告 JSON 文件；- 表示标准输入")
    parser.add_argument("--to", required=True, choices=list(_FORMATS), help="输出格式")
    parser.add_argument("-o", "--output",
                        help="写入文件（原子写入）；默认输出到标准输出（docx 必须给出）")
    parser.add_argument("--prefix", default=DEFAULT_PREFIX,
                        help=f"html/page 的 CSS 类名前缀（默认 {DEFAULT_PREFIX}）")
    parser.add_argument("--templates", metavar="DIR",
                        help="模板目录：其中的同名模板覆盖内置模板（html/page/md/txt）")
    parser.add_argument("--check", action="store_true",
                        help="先运行一致性检查，在表格中标出有问题的单元格并列出检查结果")
    parser.add_argument("--strict", action="store_true",
                        help="与 --check 一起用：空白单元格记为错误")
    parser.set_defaults(handler=run)


def _read(file: str, streams: Streams) -> Report:
    if file == "-":
        return loads(streams.stdin.read(), source="<stdin>")
    return load(file)


def run(arguments: argparse.Namespace, streams: Streams) -> int:
    to_stdout = arguments.output in (None, "-")
    if arguments.to == "docx" and to_stdout:
        raise UsageError("govinfo-report render: --to docx 需要 -o 输出文件"
                         "（a Word document is binary: give -o FILE）")
    report = _read(arguments.file, streams)
    findings = list(iter_findings(report, strict=arguments.strict)) if arguments.check else []
    if arguments.to == "docx":
        data = docx.render(report, findings=findings)
        try:
            write_atomic(Path(arguments.output), data)
        except OSError as error:
            raise UsageError(f"无法写入 {arguments.output}（cannot write the file）："
                             f"{error.strerror}") from None
        return 0
    templates = arguments.templates
    if arguments.to == "html":
        output = html.render(report, findings=findings, prefix=arguments.prefix,
                             templates=templates)
    elif arguments.to == "page":
        output = page.render(report, findings=findings, prefix=arguments.prefix,
                             templates=templates)
    elif arguments.to == "md":
        output = markdown.render(report, findings=findings, templates=templates)
    else:
        output = text.render(report, findings=findings, templates=templates)
    write_output(output, arguments.output, streams)
    return 0
