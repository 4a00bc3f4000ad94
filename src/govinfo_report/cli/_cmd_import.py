"""``govinfo-report import``: read a published report (text, web, Word, PDF, Excel) into JSON."""

from __future__ import annotations

import argparse
import json
import re
from pathlib import Path
from typing import Any

from .._hooks import YEAR_RANGE
from ..convert import dumps, write_atomic
from ..findings import Finding
from ..importers import CELL_RULES, KINDS, ImportResult, parse_all, read_all
from ..importers._given import missing_metadata, supply_metadata
from ..labels import iter_fields
from ._common import Streams, UsageError, write_output

#: The file name ``-`` reads the document from standard input.
STDIN = "-"


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "import", help="把已发布的报告（文本、网页、Word、PDF、Excel）读成报告 JSON",
        description=("读取已发布的年度报告，输出报告 JSON；未能读出的内容逐条列在标准错误上。"
                     "FILE 为 - 时从标准输入读取（按内容判断类型）。"
                     "一个 Excel 工作簿有多份报告时（每个机关一张工作表，或导出的工作簿），"
                     "须用 -o 给一个目录，每份报告写一个 JSON。"
                     "退出码：0 全部读出；1 有单元格留空或待核对，或未读出机关名称、报告年度；"
                     "2 文件无法读取或用法错误。"))
    parser.add_argument("file", metavar="FILE", help="报告文件，或 - 表示标准输入")
    parser.add_argument("--from", dest="kind", choices=("auto", *KINDS), default="auto",
                        help="来源类型；默认按文件内容和扩展名判断")
    parser.add_argument("-o", "--output",
                        help="报告 JSON 写入此文件（原子写入）；默认输出到标准输出；"
                             "工作簿有多份报告时为目录")
    parser.add_argument("--provenance", metavar="PATH",
                        help="另把每个单元格的来源（原文位置、原文、匹配的标签）写成 JSON；"
                             "多份报告时为目录")
    parser.add_argument("--organ", help="机关名称：原文中读不出或读错时由此给出")
    parser.add_argument("--year", type=int, help="报告年度：原文中读不出或读错时由此给出")
    parser.set_defaults(handler=run)


def _line(name: str, finding: Finding) -> str:
    where = finding.json_path
    if len(finding.json_paths) > 1:
        where += f" 等 {len(finding.json_paths)} 格"
    return f"{name}: {finding.message} [{finding.rule} {where}]"


def summary(result: ImportResult) -> str:
    """One line: how many cells were read, how many stayed blank or doubtful."""
    total = sum(1 for _ in iter_fields(result.format, cells_only=True))
    doubtful = len(result.doubtful_cells)
    return (f"{result.format.format_name}：{total} 格中 {total - doubtful} 格已读出，"
            f"{doubtful} 格留空或待核对（{total - doubtful} of {total} cells read）")


def _read(arguments: argparse.Namespace, streams: Streams) -> list[ImportResult]:
    if arguments.file != STDIN:
        return read_all(arguments.file, kind=arguments.kind)
    stdin: Any = streams.stdin
    data = stdin.buffer.read() if hasattr(stdin, "buffer") else stdin.read().encode("utf-8")
    return parse_all(data, kind=arguments.kind, name="<stdin>")


_SURROGATE = re.compile("[\ud800-\udfff]")


def _file_name(index: int, result: ImportResult) -> str:
    label = result.report.metadata.organ or result.source.sheet or "report"
    label = re.sub(r"[\\/:*?\"<>|\s]+", "_", label).strip("._") or "report"
    return f"{index:02d}-{label}.json"


def _write(path: Path, text: str) -> None:
    try:
        write_atomic(path, text.encode("utf-8"))
    except OSError as error:
        raise UsageError(f"无法写入 {path}（cannot write the file）：{error.strerror}") from None


def _directory(option: str, value: str, count: int) -> Path:
    directory = Path(value)
    if directory.exists() and not directory.is_dir():
        raise UsageError(f"工作簿中有 {count} 份报告，{option} 须为目录（{option} must be a "
                         f"directory when the file holds {count} reports）：{value}")
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise UsageError(f"无法创建目录 {value}（cannot make the directory）："
                         f"{error.strerror}") from None
    return directory


def run(arguments: argparse.Namespace, streams: Streams) -> int:
    year = arguments.year
    if year is not None and not YEAR_RANGE[0] <= year <= YEAR_RANGE[1]:
        raise UsageError(f"--year 应在 {YEAR_RANGE[0]}–{YEAR_RANGE[1]} 之间（--year out of range）")
    results = _read(arguments, streams)
    results = [supply_metadata(result, organ=arguments.organ, year=year) for result in results]
    many = len(results) > 1
    if many and (arguments.output in (None, "-")):
        raise UsageError(f"{arguments.file}: 工作簿中有 {len(results)} 份报告，请用 -o 给一个目录，"
                         f"每份报告写一个 JSON（the workbook holds {len(results)} reports: "
                         "give -o DIRECTORY）")
    outputs = _directory("-o", arguments.output, len(results)) if many else None
    provenances = _directory("--provenance", arguments.provenance, len(results)) \
        if many and arguments.provenance else None
    base = "<stdin>" if arguments.file == STDIN else Path(arguments.file).name
    code = 0
    for index, result in enumerate(results, start=1):
        name = f"{base}[{result.source.sheet}]" if many else base
        for finding in result.all_findings:
            streams.stderr.write(_line(name, finding) + "\n")
        streams.stderr.write(f"{name}: {summary(result)}\n")
        if any(finding.rule in CELL_RULES for finding in result.findings):
            code = 1
        missing = missing_metadata(result)
        file_name = _file_name(index, result)
        if missing:
            # Written as null, which loads and which validate reports (M1).
            code = 1
            streams.stderr.write(
                f"{name}: 未读出{'、'.join(missing)}，报告 JSON 中记为 null；请补填，或用 "
                f"{' 和 '.join('--organ' if '机关' in m else '--year' for m in missing)} 给出"
                "（not found in the source: written as null; fill them in or give them on the "
                "command line）\n")
        if outputs is not None:
            _write(outputs / file_name, dumps(result.report))
        else:
            write_output(dumps(result.report), arguments.output, streams)
        if arguments.provenance:
            text = json.dumps(result.provenance_json(), ensure_ascii=False, indent=2) + "\n"
            # A file name that is not UTF-8 holds surrogate escapes: written as JSON escapes.
            text = _SURROGATE.sub(lambda match: f"\\u{ord(match.group()):04x}", text)
            target = provenances / file_name if provenances is not None \
                else Path(arguments.provenance)
            _write(target, text)
    return code
