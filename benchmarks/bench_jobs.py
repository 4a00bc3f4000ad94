"""When do worker processes pay off for ``govinfo-report validate``?

Runs the command in-process on directories of 2 … 2000 report files, once in
this process (``--jobs 1``) and once with two worker processes forced (the
per-worker threshold lowered to 1), and prints both wall times and their
ratio. The crossover sets ``cli._batch.FILES_PER_WORKER``. Usage::

    PYTHONPATH=src python benchmarks/bench_jobs.py [--counts 2,20,100,200,500,2000]
"""

from __future__ import annotations

import argparse
import io
import tempfile
import time
from pathlib import Path

from govinfo_report.cli import _batch, main
from govinfo_report.examples import example_text


def _wall(argv: list[str]) -> float:
    start = time.perf_counter()
    code = main(argv, stdin=io.StringIO(), stdout=io.StringIO(), stderr=io.StringIO())
    elapsed = time.perf_counter() - start
    assert code in (0, 1), code
    return elapsed


def measure(count: int, directory: Path) -> tuple[float, float]:
    """Seconds for ``count`` files: in this process, and with two forced workers."""
    texts = [example_text("2021"), example_text("2019")]
    for index in range(count):
        (directory / f"r{index:05}.json").write_text(texts[index % 2], encoding="utf-8")
    serial = _wall(["validate", "--jobs", "1", str(directory)])
    saved = _batch.FILES_PER_WORKER
    _batch.FILES_PER_WORKER = 1
    try:
        pooled = _wall(["validate", "--jobs", "2", str(directory)])
    finally:
        _batch.FILES_PER_WORKER = saved
    return serial, pooled


def run() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--counts", default="2,20,100,200,500,2000")
    counts = [int(count) for count in parser.parse_args().counts.split(",")]
    print(f"{'files':>6} {'--jobs 1 (s)':>13} {'2 workers (s)':>14} {'ratio':>6}")
    for count in counts:
        with tempfile.TemporaryDirectory() as directory:
            serial, pooled = measure(count, Path(directory))
        print(f"{count:>6} {serial:>13.3f} {pooled:>14.3f} {pooled / serial:>6.2f}")


if __name__ == "__main__":
    run()
