"""Run every goal benchmark in turn and print one summary of the goals, met or not.

Each benchmark runs in a process of its own (``python -m benchmarks.<name>``),
so none measures another's leftovers; its output is shown as it comes, and
the goal lines (those ending in ``met`` or ``NOT MET``) are gathered at the end.
Usage::

    python -m benchmarks [name ...]     # default: every goal benchmark that is present
"""

from __future__ import annotations

import importlib.util
import subprocess
import sys

#: The benchmarks that print goals, in the order of the performance page.
GOAL_BENCHMARKS = ("bench_check", "bench_render", "bench_import", "bench_batch", "bench_rollup")


def run(name: str) -> tuple[int, list[str]]:
    """Run ``benchmarks.<name>``; its exit code and its goal lines."""
    print(f"\n### {name}", flush=True)
    process = subprocess.Popen([sys.executable, "-m", f"benchmarks.{name}"],
                               stdout=subprocess.PIPE, text=True)
    assert process.stdout is not None
    goals = []
    for line in process.stdout:
        print(line, end="", flush=True)
        if line.rstrip().endswith(("— met", "— NOT MET")):
            goals.append(line.rstrip())
    return process.wait(), goals


def main(names: list[str]) -> int:
    chosen = names or [name for name in GOAL_BENCHMARKS
                       if importlib.util.find_spec(f"benchmarks.{name}") is not None]
    summary = [(name, *run(name)) for name in chosen]
    print("\n== summary ==")
    failed = False
    for name, code, goals in summary:
        if code != 0:
            failed = True
            print(f"{name}: exited {code}")
        for goal in goals:
            print(f"{name}: {goal}")
    met = sum(goal.endswith("— met") for _, _, goals in summary for goal in goals)
    total = sum(len(goals) for _, _, goals in summary)
    print(f"{met} of {total} goals met")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
