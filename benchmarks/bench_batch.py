"""``govinfo-report validate`` at scale and at start-up, beside peers measured in the same run.

- Batch: ``govinfo-report validate --jobs 2 DIR`` on ``--files`` report files
  (default 100 000, written once under ``$GOVINFO_BENCH_DIR`` or the temp
  directory, see ``benchmarks/_corpus.py``), run as a user runs it: a new
  process, start-up and output included. The peer reads and parses every
  file (``orjson.loads``, or ``json.loads`` without the ``fast`` extra) in
  two processes: the floor of any JSON validator in Python.
- What the batch costs beyond checking the files: the command's CPU time
  (less its start-up's) per file, less that of checking a sample of the
  same files one after the other in one process (``check_one``: read,
  load, every rule; with ``--stdlib`` also without the ``fast`` extra),
  measured in the same run.
- Start-up: ``govinfo-report validate one.json`` on the bundled 2021
  example, beside ``python -c pass``.

``--stdlib`` runs the command as if the ``fast`` extra were not installed
(``orjson`` and ``msgspec`` blocked from importing). Bytecode is cached as in an installed
package: when ``PYTHONDONTWRITEBYTECODE`` is set, the child processes cache
it under a temporary directory instead.
Each figure is the best of ``--repeat`` runs. Usage::

    python -m benchmarks.bench_batch [--files 100000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import gc
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks._corpus import corpus, default_directory
from benchmarks._goals import Goals
from govinfo_report.cli._one_file import Input, check_one
from govinfo_report.examples import example_text
from govinfo_report.model import FormatVersion

# The command line with orjson and msgspec blocked, as without the `fast` extra.
_WITHOUT_FAST = ("import sys; sys.modules['orjson'] = sys.modules['msgspec'] = None; "
                 "sys.argv[0] = 'govinfo-report'; "
                 "from govinfo_report.cli import main; sys.exit(main())")

# Reads and parses every file under a directory in two forked processes.
_PEER = """
import os, sys
from multiprocessing import get_context
try:
    from orjson import loads
except ImportError:
    from json import loads

def parse(names):
    for name in names:
        with open(name, "rb") as stream:
            loads(stream.read())

files = sorted(os.path.join(root, name) for root, _, names in os.walk(sys.argv[1])
               for name in names if name.endswith(".json"))
chunks = [files[start:start + 500] for start in range(0, len(files), 500)]
with get_context("fork").Pool(2) as pool:
    pool.map(parse, chunks)
"""


def child_environment(cache: str) -> dict[str, str]:
    """This environment, with bytecode cached (under ``cache`` if it could not be written)."""
    environment = dict(os.environ)
    if environment.pop("PYTHONDONTWRITEBYTECODE", None):
        environment.setdefault("PYTHONPYCACHEPREFIX", cache)
    return environment


def timed(command: list[str], environment: dict[str, str], repeat: int) -> tuple[float, float]:
    """Best wall seconds of ``repeat`` runs of ``command``, and the CPU seconds of that run."""
    best, cpu = float("inf"), 0.0
    for _ in range(repeat):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        completed = subprocess.run(command, env=environment, stdout=subprocess.DEVNULL,
                                   stderr=subprocess.PIPE, check=False)
        wall = time.perf_counter() - start
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        if completed.returncode != 0:
            raise SystemExit(f"{' '.join(command)} exited {completed.returncode}: "
                             f"{completed.stderr.decode(errors='replace')[-2000:]}")
        if wall < best:
            best = wall
            cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return best, cpu


def check_cpu(directory: Path, sample: int, repeat: int) -> float:
    """CPU seconds per file of checking ``sample`` files of ``directory`` in this process."""
    names = sorted(os.path.join(root, name) for root, _, found in os.walk(directory)
                   for name in found if name.endswith(".json"))[:sample]
    gc.freeze()
    best = float("inf")
    for _ in range(repeat):
        start = time.process_time()
        for name in names:
            check_one(Input(name), None, False)
        best = min(best, time.process_time() - start)
    gc.unfreeze()
    return best / len(names)


def check_cpu_in_child(directory: Path, sample: int, repeat: int, environment: dict[str, str],
                       *, stdlib: bool) -> float:
    """:func:`check_cpu` in a new process (without the ``fast`` extra when ``stdlib``)."""
    blocked = "import sys; sys.modules['orjson'] = sys.modules['msgspec'] = None; " \
        if stdlib else ""
    code = (f"{blocked}from benchmarks.bench_batch import check_cpu; "
            f"print(check_cpu(__import__('pathlib').Path({str(directory)!r}), {sample}, {repeat}))")
    completed = subprocess.run([sys.executable, "-c", code], env=environment, check=True,
                               capture_output=True, text=True)
    return float(completed.stdout)


def batch(files: int, repeat: int, environment: dict[str, str], command: list[str],
          goals: Goals, startup_cpu: float) -> None:
    """Measure ``validate --jobs 2`` on ``files`` files beside the peer."""
    directory = corpus(default_directory(f"validate-{files}"), files,
                       (FormatVersion.V2021, FormatVersion.V2019))
    peer, peer_cpu = timed([sys.executable, "-c", _PEER, str(directory)], environment, repeat)
    wall, cpu = timed([*command, "--jobs", "2", str(directory)], environment, repeat)
    per_file = 1e6 / files
    print(f"{files} files: validate --jobs 2 {wall:.2f} s wall, {cpu * per_file:.0f} µs CPU "
          f"per file; peer (read + parse, 2 processes) {peer:.2f} s wall, "
          f"{peer_cpu * per_file:.0f} µs CPU per file; ×{wall / peer:.2f} the peer's wall time, "
          f"×{cpu / peer_cpu:.2f} its CPU time")
    checked = check_cpu_in_child(directory, min(files, 4000), repeat, environment,
                                 stdlib=command[1] == "-c")
    beyond = (cpu - startup_cpu) * per_file - checked * 1e6
    print(f"checking the files one after the other in one process: {checked * 1e6:.0f} µs CPU "
          f"per file; the batch's CPU beyond it and the start-up (workers, results, pairing, "
          f"output): {beyond:.0f} µs per file")
    scale = 100_000 / files
    goals.absolute(f"validate --jobs 2, {files} files (scaled to 100 000)", wall * scale,
                   at_most=6.0, unit="s")
    # Two workers share the CPU time; on an idle machine that is about the wall time.
    goals.absolute("validate --jobs 2, CPU time ÷ 2 (scaled to 100 000)", cpu / 2 * scale,
                   at_most=6.0, unit="s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=100_000, help="0: start-up only")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--startup-repeat", type=int, default=15)
    parser.add_argument("--stdlib", action="store_true",
                        help="as without the fast extra (orjson, msgspec blocked in the command)")
    arguments = parser.parse_args()
    goals = Goals("validate at scale and at start-up"
                  + (", without the fast extra" if arguments.stdlib else ""))
    with tempfile.TemporaryDirectory(prefix="govinfo-bench-") as scratch:
        environment = child_environment(os.path.join(scratch, "pycache"))
        one = Path(scratch) / "one.json"
        one.write_text(example_text(FormatVersion.V2021), encoding="utf-8")
        command = [sys.executable, *(("-c", _WITHOUT_FAST) if arguments.stdlib
                                     else ("-m", "govinfo_report")), "validate"]
        timed([*command, str(one)], environment, 1)  # writes the bytecode cache
        startup, startup_cpu = timed([*command, str(one)], environment,
                                     arguments.startup_repeat)
        bare, bare_cpu = timed([sys.executable, "-c", "pass"], environment,
                               arguments.startup_repeat)
        print(f"start-up: validate one.json {startup:.3f} s wall, {startup_cpu:.3f} s CPU; "
              f"python -c pass {bare:.3f} s wall, {bare_cpu:.3f} s CPU")

        if arguments.files:
            batch(arguments.files, arguments.repeat, environment, command, goals, startup_cpu)
    goals.absolute("validate one.json start-up", startup, at_most=0.25, unit="s")
    # On a loaded machine wall time waits for the CPU; the CPU time is what an idle one
    # would show as wall time.
    goals.absolute("validate one.json start-up, CPU time", startup_cpu, at_most=0.25, unit="s")
    goals.print()


if __name__ == "__main__":
    main()
