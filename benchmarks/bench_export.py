"""How fast is the long-format CSV export? Our export and a baseline, measured in the same run.

Builds ``--distinct`` different reports (the builder, from random leaves; one
in five in the trial format) and cycles through them to ``--reports`` reports
(100 000 by default). Then, writing to a file on disk:

- our export: ``write_csv`` of those reports (one row per table cell);
- the baseline: ``csv.writer.writerows`` writing the same number of rows of
  constant data (the rows of one report, as strings, prepared beforehand) to
  a UTF-8 text file — the cost of the bytes alone, with no report to read.

Usage::

    PYTHONPATH=src python benchmarks/bench_export.py [--reports 100000] [--distinct 300]

Target: 100 000 reports in ≤ 30 s on a 2-core machine.
"""

from __future__ import annotations

import argparse
import csv
import itertools
import os
import random
import shutil
import tempfile
import time
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

from govinfo_report import build
from govinfo_report.export import LABEL_SEPARATOR, RECORD_FIELDS, iter_records, write_csv
from govinfo_report.labels import iter_fields
from govinfo_report.model import FormatVersion, Report

TARGET_SECONDS = 30.0
TARGET_REPORTS = 100_000


def _put(tree: dict[str, Any], path: tuple[str | int, ...], value: Any) -> None:
    for segment in path[:-1]:
        tree = tree.setdefault(str(segment), {})
    tree[str(path[-1])] = value


def distinct_reports(count: int, seed: int = 2023) -> list[Report]:
    """``count`` different reports: realistic small counts, mostly zeros, some money."""
    rng = random.Random(seed)
    reports = []
    for index in range(count):
        format = FormatVersion.V2019 if index % 5 == 4 else FormatVersion.V2021
        cells: dict[str, Any] = {"metadata": {
            "organ": f"示范县第{index + 1}镇人民政府", "level": "township",
            "year": 2020 if format is FormatVersion.V2019 else 2023,
            "division_code": f"620102{index + 1:03d}000"}}
        for info in iter_fields(format, cells_only=True):
            if info.spec.derived or "total" in info.path:
                continue  # totals are computed by the builder
            if info.kind.value == "money":
                value: Any = Decimal(rng.randrange(0, 100000)) / 100
            elif rng.random() < 0.3:
                value = rng.choice((1, 2, 3, 5, 8, 13, 40, 250))
            else:
                value = 0
            _put(cells, info.path, value)
        if format is FormatVersion.V2019:
            _put(cells, ("proactive_disclosure", "art20_9", "procurement", "amount_unit"), "元")
        reports.append(build(format, cells))
    return reports


def cycled(reports: list[Report], total: int) -> Iterator[Report]:
    """``total`` reports, cycling through ``reports``."""
    return itertools.islice(itertools.cycle(reports), total)


def constant_rows(report: Report) -> list[list[str]]:
    """The rows of one report, as strings: the baseline's constant data."""
    return [[record.organ, record.level, record.division_code or "", str(record.year),
             record.format, record.part, record.row, record.column,
             LABEL_SEPARATOR.join(record.labels), record.json_path, record.unit,
             "" if record.value is None else str(record.value)]
            for record in iter_records([report])]


def baseline(path: Path, rows: list[list[str]], total_rows: int) -> None:
    """csv.writer writing ``total_rows`` rows of constant data to ``path``."""
    with open(path, "w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(RECORD_FIELDS)
        full, rest = divmod(total_rows, len(rows))
        for _ in range(full):
            writer.writerows(rows)
        writer.writerows(rows[:rest])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=TARGET_REPORTS)
    parser.add_argument("--distinct", type=int, default=300)
    parser.add_argument("--dir", help="where to write (default: a temporary directory)")
    arguments = parser.parse_args()

    started = time.perf_counter()
    reports = distinct_reports(arguments.distinct)
    print(f"built {len(reports)} distinct reports in {time.perf_counter() - started:.1f} s; "
          f"cycling to {arguments.reports} reports")
    directory = Path(arguments.dir or tempfile.mkdtemp(prefix="bench-export-"))
    directory.mkdir(parents=True, exist_ok=True)
    try:
        target = directory / "records.csv"
        started = time.perf_counter()
        rows = write_csv(cycled(reports, arguments.reports), target)
        ours = time.perf_counter() - started
        size = target.stat().st_size
        target.unlink()

        constant = directory / "baseline.csv"
        started = time.perf_counter()
        baseline(constant, constant_rows(reports[0]), rows)
        base = time.perf_counter() - started
        base_size = constant.stat().st_size
        constant.unlink()
    finally:
        if arguments.dir is None:
            shutil.rmtree(directory, ignore_errors=True)

    scale = TARGET_REPORTS / arguments.reports
    print(f"cores: {os.cpu_count()}")
    print(f"rows: {rows:,}; our file {size / 1e9:.2f} GB, baseline file {base_size / 1e9:.2f} GB")
    print(f"baseline (csv.writer, constant rows): {base:7.2f} s  "
          f"{rows / base / 1e6:5.2f} M rows/s  {base_size / base / 1e6:6.1f} MB/s")
    print(f"write_csv (reports → CSV):           {ours:7.2f} s  "
          f"{rows / ours / 1e6:5.2f} M rows/s  {size / ours / 1e6:6.1f} MB/s")
    print(f"ratio ours / baseline: {ours / base:.2f}")
    projected = ours * scale
    verdict = "met" if projected <= TARGET_SECONDS else "NOT met"
    how = "measured" if scale == 1 else f"extrapolated ×{scale:g}"
    print(f"{TARGET_REPORTS:,} reports: {projected:.1f} s ({how}); "
          f"target ≤ {TARGET_SECONDS:g} s {verdict}")


if __name__ == "__main__":
    main()
