"""What does checking the inputs cost a roll-up? Both measured in the same run.

Sums ``--reports`` distinct 2021 township reports (the bundled example under
other organ names) with :func:`~govinfo_report.rollup.aggregate` twice, best
of ``--repeat``: with the input check (the default, every rule on every input)
and with ``check_inputs=False`` (the sums alone, the peer). Prints both times
and their ratio. Usage::

    PYTHONPATH=src python benchmarks/bench_rollup.py [--reports 1000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import time

import attrs

from govinfo_report.examples import load_example
from govinfo_report.model import Report
from govinfo_report.rollup import aggregate


def towns(count: int) -> list[Report]:
    example = load_example("2021")
    return [attrs.evolve(example, metadata=attrs.evolve(example.metadata, organ=f"第{index}镇"))
            for index in range(count)]


def best(reports: list[Report], check_inputs: bool, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        aggregate(reports, organ="示范县人民政府", level="county", check_inputs=check_inputs)
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=3)
    arguments = parser.parse_args()
    reports = towns(arguments.reports)
    unchecked = best(reports, False, arguments.repeat)
    checked = best(reports, True, arguments.repeat)
    print(f"{arguments.reports} reports: sums alone {unchecked:.3f} s, "
          f"with the input check {checked:.3f} s, ratio {checked / unchecked:.2f}")


if __name__ == "__main__":
    main()
