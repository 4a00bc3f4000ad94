"""The long fuzzing run: random examples for a time budget per target, then the figures.

Usage (from the repository root)::

    python -m tests.fuzz [--seconds 60] [--target loads ...]

Unlike the short run inside pytest, a broken promise does not stop the run:
it is counted, summarised (exception and the start of the input) and the run
goes on. Exit status 1 if any input broke a promise.
"""

from __future__ import annotations

import argparse
import datetime
import logging
import platform
import sys
import time
from collections.abc import Callable

from hypothesis import HealthCheck, given, settings

from . import _targets
from ._mutations import mutated_bytes, mutated_documents


def _runner(strategy: object, check: Callable[[object], object]) -> Callable[[int], None]:
    def run(examples: int) -> None:
        @settings(max_examples=examples, deadline=None, database=None,
                  suppress_health_check=list(HealthCheck))
        @given(strategy)
        def example(data: object) -> None:
            check(data)

        example()

    return run


def _targets_to_run() -> dict[str, Callable[[int], None]]:
    runners = {
        "loads": _runner(mutated_documents(), _targets.check_loads),
        "loads-bytes": _runner(mutated_bytes(_targets.seeds("loads")),
                               lambda data: _targets.check_loads(data, "loads-bytes")),  # type: ignore[arg-type]
    }
    for kind in _targets.IMPORT_KINDS:
        runners[f"import-{kind}"] = _runner(
            mutated_bytes(_targets.seeds(kind)),
            lambda data, kind=kind: _targets.check_import(kind, data))  # type: ignore[misc]
    return runners


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.fuzz", description=__doc__)
    parser.add_argument("--seconds", type=float, default=60.0, help="time budget per target")
    parser.add_argument("--target", action="append", help="run only these targets")
    arguments = parser.parse_args(argv)
    _targets.RAISE = False
    logging.disable(logging.WARNING)  # pypdf reports every damaged object it meets
    for kind in _targets.IMPORT_KINDS:  # warm up: the first import loads its packages
        for data in _targets.seeds(kind):
            _targets.check_import(kind, data)
    _targets.STATS.clear()
    runners = _targets_to_run()
    chosen = arguments.target or list(runners)
    started = datetime.datetime.now(datetime.timezone.utc)
    for name in chosen:
        deadline = time.monotonic() + arguments.seconds
        while time.monotonic() < deadline:
            runners[name](200)
    print(f"# fuzz run {started:%Y-%m-%d %H:%M} UTC, {arguments.seconds:g} s per target, "
          f"Python {platform.python_version()}")
    print("| target | inputs | refused (library error) | uncaught exceptions | wrong cells "
          "| slowest input | largest input |")
    print("|---|---|---|---|---|---|---|")
    broken = 0
    for name, stats in sorted(_targets.STATS.items()):
        broken += stats.crashes + stats.wrong_cells
        print(f"| {name} | {stats.inputs} | {stats.refused} | {stats.crashes} | "
              f"{stats.wrong_cells} | {stats.slowest * 1000:.0f} ms ({stats.slowest_size} B) "
              f"| {stats.largest} B |")
    for name, stats in sorted(_targets.STATS.items()):
        for failure in sorted(set(stats.failures))[:20]:
            print(f"{name}: {failure}", file=sys.stderr)
    return 1 if broken else 0


if __name__ == "__main__":
    sys.exit(main())
