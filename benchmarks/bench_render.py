"""Benchmark of the renderers: the HTML fragment must take at most 0.5 ms per report.

Run from the repository root::

    python benchmarks/bench_render.py

Each figure is the best of several repeats (the least disturbed by other
work on the machine), per report, for both bundled examples. The baseline,
measured in the same run, is ``json.dumps`` of the report's JSON document
(``convert.to_dict``), so the ratio says how the renderer compares with
writing the same report as JSON.
"""

from __future__ import annotations

import json
import sys
import timeit
from collections.abc import Callable

from govinfo_report.convert import to_dict
from govinfo_report.examples import load_example
from govinfo_report.model import FormatVersion
from govinfo_report.render import html as html_fragment
from govinfo_report.render import markdown, page, text

GOAL_MS = 0.5
REPEATS = 7


def best_ms(function: Callable[[], object], number: int) -> float:
    """Best time of one call in milliseconds over :data:`REPEATS` runs of ``number`` calls."""
    function()  # compile templates and fill caches outside the measurement
    return min(timeit.repeat(function, number=number, repeat=REPEATS)) / number * 1000


def main() -> int:
    failed = False
    for version in FormatVersion:
        report = load_example(version)
        baseline = best_ms(lambda report=report: json.dumps(to_dict(report)), 500)
        fragment = best_ms(lambda report=report: html_fragment.render(report), 500)
        print(f"{version.value} 格式  json.dumps(to_dict)（基线）: {baseline:.3f} ms")
        print(f"{version.value} 格式  HTML 片段: {fragment:.3f} ms（目标 ≤ {GOAL_MS} ms，"
              f"基线的 {fragment / baseline:.1f} 倍）")
        for name, render in (("独立页面", page.render), ("Markdown", markdown.render),
                             ("纯文本", text.render)):
            elapsed = best_ms(lambda report=report, render=render: render(report), 200)
            print(f"{version.value} 格式  {name}: {elapsed:.3f} ms"
                  f"（基线的 {elapsed / baseline:.1f} 倍）")
        failed |= fragment > GOAL_MS
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
