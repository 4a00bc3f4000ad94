"""Import time of a long wrapped paragraph: it must grow linearly with the lines.

A report whose 一、总体情况 is one paragraph wrapped over N lines (none ending
a sentence, as a PDF or a narrow page breaks it) is imported as text for
growing N. The time per line is printed with its peer, the time per line of
the same report with every line a sentence of its own (no joining), measured
in the same run: the ratio stays flat when joining is linear.

Run from the repository root::

    PYTHONPATH=src python -m benchmarks.bench_import_narrative
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

if not __package__:
    # Run as a script: the repository root makes ``benchmarks`` importable.
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks._goals import Goals
from govinfo_report.importers import text

_LINE = "这是一段很长的总体情况文字，在页面宽度处被折行，没有句末标点，继续写下去"


def document(lines: int, *, sentences: bool) -> str:
    """A report with a part 一 of ``lines`` lines, wrapped or each a sentence."""
    end = "。" if sentences else ""
    body = "\n".join(_LINE + str(index) + end for index in range(lines))
    return ("示范县青山镇人民政府2023年政府信息公开工作年度报告\n一、总体情况\n" + body
            + "\n二、主动公开政府信息情况\n")


def per_line_ms(lines: int, *, sentences: bool) -> float:
    """Milliseconds per line of importing the document once."""
    source = document(lines, sentences=sentences)
    start = time.perf_counter()
    result = text.parse(source)
    elapsed = time.perf_counter() - start
    joined = result.report.overview.summary.count("\n") + 1
    assert joined == (lines if sentences else 1), joined
    return elapsed / lines * 1000


def main(argv: list[str]) -> int:
    sizes = [int(value) for value in argv] or [1000, 2000, 4000, 8000]
    print(f"{'lines':>6} {'wrapped ms/line':>16} {'sentences ms/line':>18} {'ratio':>6}")
    ratios = []
    for size in sizes:
        wrapped = per_line_ms(size, sentences=False)
        peer = per_line_ms(size, sentences=True)
        ratios.append(wrapped / peer)
        print(f"{size:>6} {wrapped:>16.4f} {peer:>18.4f} {wrapped / peer:>6.2f}")
    # Linear joining: the ratio at the largest size is not much above the smallest.
    growth = ratios[-1] / ratios[0]
    print(f"ratio growth from {sizes[0]} to {sizes[-1]} lines: {growth:.2f} (linear: ≈ 1)")
    goals = Goals("long wrapped paragraph")
    goals.ratio(f"wrapped/sentences at {sizes[-1]} lines", ratios[-1], f"at {sizes[0]} lines",
                ratios[0], at_most=2.0, unit="×")
    goals.print()
    return 0 if all(goal.met for goal in goals.goals) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
