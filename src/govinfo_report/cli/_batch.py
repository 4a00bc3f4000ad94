"""Checking many report files: inputs, worker processes, and cross-year pairing."""

from __future__ import annotations

import glob
import os
from collections.abc import Callable, Iterable, Iterator
from itertools import repeat

from .._gc_pause import paused_collection
from ._common import STDIN, UsageError
from ._one_file import Input, Result, check_one
from ._workers import Job, check_in_workers

__all__ = ["FILES_PER_WORKER", "Input", "Result", "check_all", "collect_inputs", "worker_count"]

#: A worker process costs about as much to start as checking this many
#: reports (see ``benchmarks/bench_jobs.py``): fewer files than this per
#: worker are checked in this process.
FILES_PER_WORKER = 500


def collect_inputs(paths: Iterable[str], stdin_bytes: Callable[[], bytes]) -> list[Input]:
    """Files, directories (every ``*.json`` below, recursively), globs and ``-`` for stdin."""
    with paused_collection():
        return _collect(paths, stdin_bytes)


def _collect(paths: Iterable[str], stdin_bytes: Callable[[], bytes]) -> list[Input]:
    inputs: list[Input] = []
    for path in paths:
        if path == STDIN:
            inputs.append(Input("<stdin>", stdin_bytes()))
        elif os.path.isdir(path):
            found = sorted(_json_files(path))
            if not found:
                raise UsageError(f"目录 {path} 中没有 .json 文件（no .json file in the directory）")
            inputs.extend(_file_inputs(found))
        elif os.path.exists(path) or not glob.has_magic(path):
            inputs.append(Input(path))
        else:
            matches = sorted(glob.glob(path, recursive=True))
            if not matches:
                raise UsageError(f"没有文件匹配 {path}（no file matches the pattern）")
            inputs.extend(Input(match) for match in matches)
    return inputs


def _file_inputs(names: list[str]) -> Iterator[Input]:
    """``Input(name)`` of each name, made in C (a directory may hold 100 000 files; the
    named tuple's ``__new__`` is Python code)."""
    return map(tuple.__new__, repeat(Input), zip(names, repeat(None)))


def _json_files(top: str) -> Iterator[str]:
    """The paths of the ``*.json`` files below ``top``, as ``os.walk`` finds them
    (symbolic links to directories are not followed, unreadable directories are
    skipped), with the paths joined by ``os.scandir`` in C."""
    directories = [top]
    while directories:
        try:
            entries = os.scandir(directories.pop())
        except OSError:
            continue
        with entries:
            for entry in entries:
                try:
                    is_directory = entry.is_dir()
                except OSError:
                    is_directory = False
                if is_directory:
                    if not entry.is_symlink():
                        directories.append(entry.path)
                elif entry.name.endswith(".json"):
                    yield entry.path


def worker_count(requested: int, inputs: int) -> int:
    """How many processes check ``inputs`` files when at most ``requested`` may.

    ``requested`` 0 means one per CPU core. Small inputs are checked in this
    process whatever was asked: starting workers would cost more than it saves.
    """
    ceiling = requested or os.cpu_count() or 1
    return max(1, min(ceiling, inputs // FILES_PER_WORKER))


def _run(jobs: list[Job], strict: bool, workers: int,
         progress: Callable[[int], None]) -> Iterator[Result]:
    if workers > 1 and len(jobs) > 1:
        yield from check_in_workers(jobs, strict, workers, progress)
        return
    for done, (item, previous) in enumerate(jobs, 1):
        yield check_one(item, previous, strict)
        progress(done)


def check_all(inputs: list[Input], *, previous: Input | None, strict: bool, workers: int,
              progress: Callable[[int, int], None]) -> list[Result]:
    """Check every input; pair each organ's reports by year when no ``previous`` is given.

    A report whose organ also has a report of the year before among the
    inputs is checked again with it, so the cross-year rules run.
    """
    total = len(inputs)
    results = list(_run([(item, previous) for item in inputs], strict, workers,
                        lambda done: progress(done, total)))
    if previous is not None:
        return results
    organs = [result.organ for result in results]
    if len(set(organs)) == len(organs):  # no organ twice, no year to pair (a nation's reports)
        return results
    by_year: dict[tuple[str, int | None], list[int]] = {}
    for index, result in enumerate(results):
        if result.organ is not None and inputs[index].data is None:
            by_year.setdefault((result.organ, result.year), []).append(index)
    pairs = []
    for index, result in enumerate(results):
        if result.organ is None or result.year is None:
            continue
        earlier = by_year.get((result.organ, result.year - 1), [])
        if len(earlier) == 1:
            pairs.append((index, results[earlier[0]].name))
    again = _run([(inputs[index], Input(name)) for index, name in pairs], strict,
                 worker_count(workers, len(pairs)), lambda done: None)
    for (index, _), result in zip(pairs, again, strict=True):
        results[index] = result
    return results
