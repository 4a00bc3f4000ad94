"""``govinfo-report aggregate`` at scale: wall time and peak memory, beside a peer in the same run.

- ``govinfo-report aggregate DIR -o rollup.json`` on ``--reports`` 2021
  report files (default 100 000, written once under ``$GOVINFO_BENCH_DIR``
  or the temp directory, see ``benchmarks/_corpus.py``), run as a user runs
  it: a new process (with its worker processes), start-up, the check of
  every input and the output included. Peak RSS and CPU time are the
  child's (``os.wait4``: the largest RSS, the CPU time of its workers too).
- The peer, in the same run: one process reading and parsing every file
  (``orjson.loads``, or ``json.loads`` without the ``fast`` extra) and
  keeping nothing, the floor of any roll-up of JSON files in Python.
- The cost of the input check in-process on ``--in-process`` reports:
  :func:`~govinfo_report.rollup.aggregate` with the check (the default) and
  with ``check_inputs=False`` (the sums alone); and per text, what the
  workers do (``Aggregator.add_json``) beside loading each report and adding it.

``--stdlib`` runs the command as if the ``fast`` extra were not installed
(``orjson`` and ``msgspec`` blocked; the peer parses with ``json``).

Usage::

    python -m benchmarks.bench_rollup [--reports 100000] [--repeat 1] [--in-process 1000]
                                      [--stdlib]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import attrs

from benchmarks._corpus import corpus, default_directory
from benchmarks._goals import Goals, best_of
from benchmarks.bench_batch import _WITHOUT_FAST, child_environment
from govinfo_report.convert import dumps, loads
from govinfo_report.examples import load_example
from govinfo_report.model import FormatVersion, Report
from govinfo_report.rollup import Aggregator, aggregate

_PEER = """
import os, sys
try:
    from orjson import loads
except ImportError:
    from json import loads
for root, _, names in os.walk(sys.argv[1]):
    for name in sorted(names):
        if name.endswith(".json"):
            with open(os.path.join(root, name), "rb") as stream:
                loads(stream.read())
"""


def run_child(command: list[str], environment: dict[str, str]) -> tuple[float, float, float]:
    """Wall seconds, peak RSS in MiB and CPU seconds of ``command``, a process of its own."""
    start = time.perf_counter()
    process = subprocess.Popen(command, env=environment, stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE)
    assert process.stderr is not None
    errors = process.stderr.read()
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    wall = time.perf_counter() - start
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(command)} exited {process.returncode}: "
                         f"{errors.decode(errors='replace')[-2000:]}")
    rss = usage.ru_maxrss / 1024 if sys.platform != "darwin" else usage.ru_maxrss / 2**20
    return wall, rss, usage.ru_utime + usage.ru_stime


def best_child(command: list[str], environment: dict[str, str], repeat: int
               ) -> tuple[float, float, float]:
    """The best wall and CPU time of ``repeat`` runs, and the highest peak RSS."""
    runs = [run_child(command, environment) for _ in range(repeat)]
    return (min(wall for wall, _, _ in runs), max(rss for _, rss, _ in runs),
            min(cpu for _, _, cpu in runs))


def towns(count: int) -> list[Report]:
    example = load_example("2021")
    return [attrs.evolve(example, metadata=attrs.evolve(example.metadata, organ=f"第{index}镇"))
            for index in range(count)]


def _summed(texts: list[bytes], *, from_json: bool) -> None:
    aggregator = Aggregator(organ="示范县人民政府", level="county")
    for index, text in enumerate(texts):
        if from_json:
            aggregator.add_json(text, source=f"{index}.json")
        else:
            aggregator.add(loads(text, source=f"{index}.json"), source=f"{index}.json")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--in-process", type=int, default=1000)
    parser.add_argument("--stdlib", action="store_true",
                        help="as without the fast extra (orjson, msgspec blocked in the command)")
    arguments = parser.parse_args()
    goals = Goals("aggregate streams" + (", without the fast extra" if arguments.stdlib else ""))
    directory = corpus(default_directory(f"aggregate-{arguments.reports}"), arguments.reports,
                       (FormatVersion.V2021,))
    with tempfile.TemporaryDirectory(prefix="govinfo-bench-") as scratch:
        environment = child_environment(os.path.join(scratch, "pycache"))
        output = Path(scratch) / "rollup.json"
        start = ("-c", _WITHOUT_FAST) if arguments.stdlib else ("-m", "govinfo_report")
        command = [sys.executable, *start, "aggregate", str(directory),
                   "--organ", "示范省人民政府", "--level", "province", "-o", str(output)]
        peer = _PEER.replace("from orjson import loads", "from json import loads") \
            if arguments.stdlib else _PEER
        peer_wall, peer_rss, peer_cpu = best_child([sys.executable, "-c", peer, str(directory)],
                                                   environment, arguments.repeat)
        wall, rss, cpu = best_child(command, environment, arguments.repeat)
    print(f"{arguments.reports} reports: aggregate {wall:.2f} s wall, {cpu:.2f} s CPU, "
          f"peak RSS {rss:.0f} MiB; peer (read + parse every file, one process) "
          f"{peer_wall:.2f} s wall, {peer_cpu:.2f} s CPU, peak RSS {peer_rss:.0f} MiB; "
          f"×{wall / peer_wall:.2f} the peer's wall time, ×{cpu / peer_cpu:.2f} its CPU time")
    scale = 100_000 / arguments.reports
    goals.absolute(f"aggregate {arguments.reports} reports (scaled to 100 000)", wall * scale,
                   at_most=3.0, unit="s")
    # On a loaded machine wall time waits for the CPU; with two workers sharing the CPU
    # time (the command's and its workers'), half of it is about an idle machine's wall time.
    goals.absolute("aggregate, CPU time ÷ 2 (scaled to 100 000)", cpu / 2 * scale,
                   at_most=3.0, unit="s")
    goals.absolute(f"aggregate {arguments.reports} reports, peak RSS", rss, at_most=150,
                   unit="MiB")
    if arguments.in_process:
        reports = towns(arguments.in_process)
        unchecked = best_of(lambda: aggregate(reports, organ="示范县人民政府", level="county",
                                              check_inputs=False), number=1, repeat=3)
        checked = best_of(lambda: aggregate(reports, organ="示范县人民政府", level="county"),
                          number=1, repeat=3)
        print(f"in-process, {arguments.in_process} reports: sums alone {unchecked:.3f} s, "
              f"with the input check {checked:.3f} s (×{checked / unchecked:.2f})")
        texts = [dumps(report).encode() for report in reports]
        loaded = best_of(lambda: _summed(texts, from_json=False), number=1, repeat=3)
        from_json = best_of(lambda: _summed(texts, from_json=True), number=1, repeat=3)
        print(f"in-process, {arguments.in_process} texts: add(loads(text)) "
              f"{loaded / len(texts) * 1e6:.1f} µs each, add_json(text) "
              f"{from_json / len(texts) * 1e6:.1f} µs each (×{from_json / loaded:.2f})")
    goals.print()


if __name__ == "__main__":
    main()
