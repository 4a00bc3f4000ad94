"""The long run: every target to a number of inputs, in worker processes, until a deadline.

Work is handed out in chunks, one target at a time, to the unfinished target
that has had the least time so far: cheap targets reach their count early
and drop out, and the time left is shared by the expensive ones. Each chunk
runs in a worker with its own seed (``--seed`` plus the chunk's number), so
a run is reproducible chunk by chunk. After every chunk the figures file is
rewritten, so a run stopped at any moment leaves its figures so far.

An input that takes longer than :data:`HANG_SECONDS` is stopped and counted
as an uncaught failure (a hang); a broken promise saves the input (pickled)
under the crash directory.
"""

from __future__ import annotations

import functools
import hashlib
import logging
import multiprocessing
import os
import pickle
import random
import resource
import shutil
import signal
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import attrs

from . import _targets
from ._random_inputs import (
    INJECTED_VALUE,
    DocumentMutator,
    HostileReports,
    inject_narrative,
    mutate_bytes,
)
from ._render_target import RENDER_KINDS, check_render_format
from ._targets import IMPORT_KINDS, STATS, TargetStats

#: An input running longer than this is a hang.
HANG_SECONDS = 20
#: Address space of a worker: an input that needs more is an uncaught MemoryError, not a
#: machine out of memory.
WORKER_MEMORY = 4 * 1024**3
#: Seconds of work a chunk aims at (the first chunk of a target has :data:`FIRST_CHUNK`
#: inputs; later ones are sized from the rate it showed).
CHUNK_SECONDS = 20.0
FIRST_CHUNK = 20
#: A chunk with no result after this long is counted as lost (its worker died).
LOST_CHUNK_SECONDS = 900


class Hang(Exception):
    """An input ran longer than :data:`HANG_SECONDS`."""


def _alarm(*_: object) -> None:
    raise Hang(f"no result after {HANG_SECONDS} s")


def _cli_target() -> Callable[[random.Random], Any]:
    from ._cli_target import CliTarget

    return CliTarget()


def _process_target() -> Callable[[random.Random], Any]:
    from ._cli_target import ProcessTarget

    return ProcessTarget()


def _import_target(kind: str) -> Callable[[random.Random], Any]:
    seeds = _targets.seeds(kind)
    truths = [_targets.example_cells() for _ in seeds]

    def run(rng: random.Random) -> tuple[Any, ...]:
        index = rng.randrange(len(seeds))
        if kind in ("text", "html") and rng.random() < 0.1:
            data = inject_narrative(rng, kind, seeds[index])
            _targets.check_import(kind, data, truths[index], INJECTED_VALUE)
        else:
            data = mutate_bytes(rng, seeds[index])
            _targets.check_import(kind, data, truths[index])
        return (kind, data)

    return run


def _loads_target() -> Callable[[random.Random], Any]:
    mutate = DocumentMutator()

    def run(rng: random.Random) -> Any:
        data = mutate(rng)
        _targets.check_loads(data)
        return data

    return run


def _loads_bytes_target() -> Callable[[random.Random], Any]:
    seeds = _targets.seeds("loads")

    def run(rng: random.Random) -> Any:
        data = mutate_bytes(rng, rng.choice(seeds))
        _targets.check_loads(data, "loads-bytes")
        return data

    return run


def _render_target(kind: str) -> Callable[[random.Random], Any]:
    reports = HostileReports()

    def run(rng: random.Random) -> Any:
        report = reports(rng)
        check_render_format(kind, report)
        return report

    return run


def target_names() -> list[str]:
    """Every target of the long run, in the order the figures list them."""
    return ["loads", "loads-bytes", *(f"import-{kind}" for kind in IMPORT_KINDS),
            *(f"render-{kind}" for kind in RENDER_KINDS), "cli", "cli-process"]


@functools.cache
def _target(name: str) -> Callable[[random.Random], Any]:
    if name == "loads":
        return _loads_target()
    if name == "loads-bytes":
        return _loads_bytes_target()
    if name == "cli":
        return _cli_target()
    if name == "cli-process":
        return _process_target()
    kind, _, which = name.partition("-")
    return _import_target(which) if kind == "import" else _render_target(which)


def _start_worker() -> None:
    logging.disable(logging.WARNING)  # pypdf reports every damaged object it meets
    _targets.RAISE = False
    signal.signal(signal.SIGALRM, _alarm)
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard == resource.RLIM_INFINITY or hard > WORKER_MEMORY:
        resource.setrlimit(resource.RLIMIT_AS, (WORKER_MEMORY, hard))


def _save(crashes: Path, name: str, data: Any) -> None:
    blob = pickle.dumps(data)
    crashes.mkdir(parents=True, exist_ok=True)
    path = crashes / f"{name}-{hashlib.sha256(blob).hexdigest()[:12]}.pickle"
    path.write_bytes(blob)


def run_chunk(name: str, seed: int, count: int, until: float,
              crashes: Path | None = None) -> tuple[str, TargetStats, float]:
    """Run ``count`` inputs of ``name`` (fewer at the deadline); the figures and seconds."""
    STATS.clear()
    target = _target(name)
    rng = random.Random(seed)
    stats = STATS[name]
    # Only a worker stops hung inputs: elsewhere (pytest) SIGALRM would end the process.
    alarm = HANG_SECONDS if signal.getsignal(signal.SIGALRM) is _alarm else 0
    started = time.monotonic()
    for _ in range(count):
        if time.time() >= until:
            break
        before = stats.crashes
        signal.alarm(alarm)
        try:
            data = target(rng)
        except Hang as hang:  # raised outside the target's own accounting
            stats.inputs += 1
            stats.crashes += 1
            stats.failures.append(f"Hang: {hang}")
            data = None
        finally:
            signal.alarm(0)
        if stats.crashes > before and crashes is not None:
            _save(crashes, name, data)
    return name, stats, time.monotonic() - started


@attrs.define
class Progress:
    """What the run has done for one target."""

    stats: TargetStats = attrs.Factory(TargetStats)
    seconds: float = 0.0
    chunks: int = 0
    in_flight: int = 0

    def add(self, stats: TargetStats, seconds: float) -> None:
        mine = self.stats
        for field in ("inputs", "refused", "crashes", "wrong_cells"):
            setattr(mine, field, getattr(mine, field) + getattr(stats, field))
        if stats.slowest > mine.slowest:
            mine.slowest, mine.slowest_size = stats.slowest, stats.slowest_size
        mine.largest = max(mine.largest, stats.largest)
        mine.failures.extend(stats.failures[:50])
        self.seconds += seconds

    @property
    def rate(self) -> float:
        """Inputs per second of one worker process."""
        return self.stats.inputs / self.seconds if self.seconds else 0.0


def campaign(names: list[str], *, inputs: dict[str, int], workers: int, until: float,
             seed: int, report: Callable[[dict[str, Progress]], None],
             crashes: Path) -> dict[str, Progress]:
    """Run the targets to their input counts or the deadline; ``report`` after every chunk."""
    # Workers are replaced every 100 chunks and killed at the end, before any clean-up of
    # their own: what they write to the temp directory goes to one removed here.
    scratch = tempfile.mkdtemp(prefix="govinfo-fuzz-")
    saved_tempdir, tempfile.tempdir = tempfile.tempdir, scratch
    try:
        return _run_pool(names, inputs=inputs, workers=workers, until=until, seed=seed,
                         report=report, crashes=crashes)
    finally:
        tempfile.tempdir = saved_tempdir
        shutil.rmtree(scratch, ignore_errors=True)


def _run_pool(names: list[str], *, inputs: dict[str, int], workers: int, until: float,
              seed: int, report: Callable[[dict[str, Progress]], None],
              crashes: Path) -> dict[str, Progress]:
    progress = {name: Progress() for name in names}
    chunk_number = 0
    context = multiprocessing.get_context("fork")
    with context.Pool(workers, initializer=_start_worker, maxtasksperchild=100) as pool:
        pending: list[Any] = []

        def next_chunk() -> bool:
            nonlocal chunk_number
            open_targets = [name for name in names
                            if progress[name].stats.inputs + progress[name].in_flight
                            < inputs[name]]
            if not open_targets or time.time() >= until:
                return False
            name = min(open_targets, key=lambda name: (progress[name].seconds
                                                       + progress[name].in_flight
                                                       / max(progress[name].rate, 1e-3)))
            done = progress[name]
            wanted = (FIRST_CHUNK if not done.chunks else
                      max(1, int(done.rate * CHUNK_SECONDS)))
            count = min(wanted, inputs[name] - done.stats.inputs - done.in_flight)
            done.in_flight += count
            done.chunks += 1
            chunk_number += 1
            pending.append((name, count, time.monotonic(), pool.apply_async(
                run_chunk, (name, seed + chunk_number, count, until, crashes))))
            return True

        while len(pending) < workers and next_chunk():
            pass
        while pending:
            time.sleep(0.2)
            for item in [item for item in pending if item[3].ready()
                         or time.monotonic() - item[2] > LOST_CHUNK_SECONDS]:
                pending.remove(item)
                name, count, submitted, result = item
                try:
                    _, stats, seconds = result.get(timeout=0)
                except Exception as error:  # noqa: BLE001 (a worker died, or hung: counted)
                    stats = TargetStats(inputs=1, crashes=1, failures=[
                        f"chunk lost: {type(error).__name__}: {error}"])
                    seconds = time.monotonic() - submitted
                progress[name].in_flight -= count
                progress[name].add(stats, seconds)
                report(progress)
                next_chunk()
    return progress


def default_workers() -> int:
    return max(1, (os.cpu_count() or 1))
