"""``govinfo-report aggregate``: sum many reports into one (a county's townships, say).

Exit codes: 0 summed; 1 summed, but some cells are blank in the roll-up
because an input left them blank, or nothing written because an input fails
an error-level rule (S1, I1, …) and its sum would too (``--allow-inconsistent``
sums anyway); 2 an input is unreadable or invalid, the inputs cannot be summed
together (format versions, years, the same organ twice), or the command line
is wrong.
"""

from __future__ import annotations

import argparse
import contextlib
import itertools
import sys
import tempfile
from pathlib import Path
from typing import IO, Any

from .._atomic import write_atomic_pieces
from .._rollup_text import around_inputs
from ..convert import dumps
from ..model import OrganLevel
from ..rollup import BLANK_POLICIES, Aggregator, InconsistentInput, StreamedRollup
from ._batch import worker_count
from ._common import STDIN, Streams, UsageError, _cannot_write
from ._reading import ReportReader
from ._summing import sum_in_workers
from ._workers import CHUNKS_PER_WORKER, MAX_CHUNK, chunk_size


def register(subparsers: Any) -> None:
    levels = ", ".join(f"{level.value}（{level.label}）" for level in OrganLevel)
    parser = subparsers.add_parser(
        "aggregate", help="把多份报告汇总为一份（如县汇总乡镇）",
        description=("把同一格式版本、同一年度的多份报告逐格相加，得到一份汇总报告；"
                     "汇总的来源记录在 extensions.rollup 中。PATH 可以是文件、目录"
                     "（递归查找 *.json）、通配符，或 - 表示标准输入。"),
        epilog=("退出码：0 已汇总；1 已汇总，但有单元格因输入留空而在汇总中留空，"
                "或有输入不通过错误级规则（S1、I1 等）而未写出汇总；"
                "2 输入无法读取或无效、报告不能一起汇总（格式版本或年度不同、同一机关重复），"
                "或用法错误。"))
    parser.add_argument("paths", nargs="+", metavar="PATH", help="报告文件、目录、通配符或 -")
    parser.add_argument("-o", "--output", help="写入文件（原子写入）；默认输出到标准输出")
    parser.add_argument("--organ", default="汇总", help="汇总报告的机关名称；默认“汇总”")
    parser.add_argument("--level", default=OrganLevel.COUNTY.value,
                        choices=[level.value for level in OrganLevel], metavar="LEVEL",
                        help=f"汇总报告的机关层级：{levels}；默认 county")
    parser.add_argument("--division-code", help="汇总报告的行政区划代码（6 或 12 位）")
    parser.add_argument("--blank", choices=BLANK_POLICIES, default="blank",
                        help=("有输入留空的单元格：blank 汇总结果也留空（默认）；"
                              "zero 按 0 计。两种情况都会在标准错误中列出"))
    parser.add_argument("--allow-inconsistent", action="store_true",
                        help=("有输入不通过错误级规则（S1、I1 等）时仍然汇总；"
                              "这些输入照样在标准错误中列出"))
    parser.set_defaults(handler=run)


def run(arguments: argparse.Namespace, streams: Streams) -> int:
    reader = ReportReader(arguments.paths, streams, verb="读取", listed=False)
    settings = {"organ": arguments.organ, "level": arguments.level, "blank": arguments.blank,
                "division_code": arguments.division_code}
    aggregator = Aggregator(**settings)
    # Enough inputs listed to choose the workers and chunks as if all were; the others
    # are summed while they are listed.
    ceiling = worker_count(0, sys.maxsize)
    if reader.look_ahead(ceiling * CHUNKS_PER_WORKER * MAX_CHUNK):
        workers = worker_count(0, reader.found)
        size = chunk_size(reader.found, workers)
    else:
        workers, size = ceiling, MAX_CHUNK
    with contextlib.ExitStack() as stack:
        inputs_text = None
        if workers > 1:
            inputs_text = _spool(arguments.output, stack)
            if not sum_in_workers(reader, aggregator, workers, size, settings, inputs_text):
                inputs_text = None
        else:  # each report is checked and summed as it is read, then dropped
            for name, report in reader:
                aggregator.add(report, source=name)
        return _finish(aggregator, reader, arguments, streams, inputs_text)


def _spool(output: str | None, stack: contextlib.ExitStack) -> IO[bytes] | None:
    """A temporary file beside ``output`` for the text of the inputs, or None (stdout,
    or no file can be made there)."""
    if output is None or output == STDIN:
        return None
    try:
        return stack.enter_context(tempfile.TemporaryFile(dir=Path(output).parent))
    except OSError:
        return None


def _finish(aggregator: Aggregator, reader: ReportReader, arguments: argparse.Namespace,
            streams: Streams, inputs_text: IO[bytes] | None) -> int:
    if reader.bad:
        return 2
    if not aggregator.inputs:
        raise UsageError("govinfo-report aggregate: 没有可汇总的报告（no report to roll up）")
    # Inputs that cannot go together at all exit 2 before inconsistent ones are listed.
    rollup = aggregator.finish(allow_inconsistent=True)
    if aggregator.inconsistent:
        _list_inconsistent(tuple(aggregator.inconsistent), streams,
                           written=arguments.allow_inconsistent)
        if not arguments.allow_inconsistent:
            return 1
    _write(rollup, arguments.output, streams, inputs_text)
    if rollup.blank_cells:
        count = len(rollup.blank_cells)
        effect = "已按 0 计" if arguments.blank == "zero" else "汇总结果中留空"
        streams.stderr.write(f"{count} 个单元格有输入留空，{effect}"
                             f"（{count} cell(s) blank in some input）：\n")
        for cell in rollup.blank_cells:
            streams.stderr.write(f"  {cell}\n")
    return 1 if rollup.blank_cells and arguments.blank == "blank" else 0


def _list_inconsistent(inconsistent: tuple[InconsistentInput, ...], streams: Streams, *,
                       written: bool) -> None:
    count = len(inconsistent)
    effect = ("仍然汇总（--allow-inconsistent），汇总结果也会不通过" if written
              else "汇总结果也会不通过，未写出；确需汇总请加 --allow-inconsistent")
    streams.stderr.write(f"{count} 份报告有不通过的检查，{effect}"
                         f"（{count} input(s) fail an error-level rule）：\n")
    for item in inconsistent:
        streams.stderr.write(f"  {item}\n")


def _write(rollup: StreamedRollup, output: str | None, streams: Streams,
           inputs_text: IO[bytes] | None) -> None:
    """Write the roll-up's text a piece at a time: to the file ``output`` atomically,
    or to stdout when it is None or ``-`` (the text of 100 000 inputs is never whole).
    ``inputs_text``, if given, holds the text of the inputs, already written."""
    if output is None or output == STDIN:
        for piece in rollup.pieces():
            streams.stdout.write(piece)
        return
    pieces = rollup.encoded_pieces()
    if inputs_text is not None:
        before, after = around_inputs(dumps(rollup.report), bool(rollup.inputs))
        inputs_text.seek(0)
        pieces = itertools.chain([before.encode()], iter(lambda: inputs_text.read(1 << 20), b""),
                                 [after.encode()])
    try:
        write_atomic_pieces(Path(output), pieces)
    except OSError as error:
        raise _cannot_write(output, error) from None
