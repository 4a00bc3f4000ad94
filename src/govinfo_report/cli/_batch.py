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

__all__ = ["FILES_PER_WORKER", "Input", "Result", "check_all", "collect_inputs", "iter_inputs",
           "worker_count"]

#: A worker process costs about as much to start as checking this many
#: reports (see ``benchmarks/bench_jobs.py``): fewer files than this per
#: worker are checked in this process.
FILES_PER_WORKER = 500


def collect_inputs(paths: Iterable[str], stdin_bytes: Callable[[], bytes]) -> list[Input]:
    """Files, directories (every ``*.json`` below, recursively), globs and ``-`` for stdin."""
    with paused_collection():
        return list(iter_inputs(paths, stdin_bytes))


def iter_inputs(paths: Iterable[str], stdin_bytes: Callable[[], bytes]) -> Iterator[Input]:
    """The inputs of :func:`collect_inputs`, in its order, each as soon as it is found
    (a directory of 100 000 files is summed while it is still being listed)."""
    for path in paths:
        if path == STDIN:
            yield Input("<stdin>", stdin_bytes())
        elif os.path.isdir(path):
            empty = True
            for run in _json_files(path):
                empty = False
                yield from _file_inputs(run)
            if empty:
                raise UsageError(f"目录 {path} 中没有 .json 文件（no .json file in the directory）")
        elif os.path.exists(path) or not glob.has_magic(path):
            yield Input(path)
        else:
            matches = sorted(glob.glob(path, recursive=True))
            if not matches:
                raise UsageError(f"没有文件匹配 {path}（no file matches the pattern）")
            yield from _file_inputs(matches)


def _file_inputs(names: list[str]) -> Iterator[Input]:
    """``Input(name)`` of each name, made in C (a directory may hold 100 000 files; the
    named tuple's ``__new__`` is Python code)."""
    return map(tuple.__new__, repeat(Input), zip(names, repeat(None)))


def _json_files(top: str) -> Iterator[list[str]]:
    """The paths of the ``*.json`` files below ``top`` in sorted order, in runs (the files
    of one directory between its subdirectories). As ``os.walk`` finds them: symbolic
    links to directories are not followed, unreadable directories are skipped.

    Each directory's entries are sorted as their paths sort (a directory's path
    with a ``/`` after it: ``a-b/`` < ``a.json`` < ``a/`` < ``a0.json``) and a
    subdirectory is walked where it sorts, so the paths come in the order of
    ``sorted()`` of them all without being held together.
    """
    pending = [iter(_entries(top))]
    while pending:
        for entry in pending[-1]:
            if isinstance(entry, list):
                yield entry
            else:
                pending.append(iter(_entries(entry)))
                break
        else:
            pending.pop()


def _entries(directory: str) -> list[list[str] | str]:
    """What ``directory`` holds in the order of the paths: runs of ``*.json`` file paths,
    and the path of each subdirectory between them; nothing if it cannot be read."""
    try:
        scanned = os.scandir(directory)
    except OSError:
        return []
    paths: list[str] = []  # files, and directories with a "/" after them
    with scanned:
        for entry in scanned:
            try:
                is_directory = entry.is_dir()
            except OSError:
                is_directory = False
            if is_directory:
                if not entry.is_symlink():
                    paths.append(entry.path + "/")
            elif entry.name.endswith(".json"):
                paths.append(entry.path)
    paths.sort()
    if not any(path.endswith("/") for path in paths):
        return [paths] if paths else []
    entries: list[list[str] | str] = []
    run: list[str] = []
    for path in paths:
        if path.endswith("/"):
            if run:
                entries.append(run)
                run = []
            entries.append(path[:-1])
        else:
            run.append(path)
    if run:
        entries.append(run)
    return entries


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
