"""Checking many report files: inputs, worker processes, and cross-year pairing."""

from __future__ import annotations

import functools
import glob
import json
import multiprocessing
import os
from collections.abc import Callable, Iterable, Iterator

import attrs

from .._sources import read_file
from ..convert import loads
from ..exceptions import LoadError, Problem
from ..findings import Finding
from ..model import FormatVersion, Report
from ..validation import validate
from ._common import STDIN, UsageError
from ._lines import line_of

__all__ = ["FILES_PER_WORKER", "Input", "Result", "check_all", "collect_inputs", "worker_count"]

#: A worker process costs about as much to start as checking this many
#: reports (see ``benchmarks/bench_jobs.py``): fewer files than this per
#: worker are checked in this process.
FILES_PER_WORKER = 500


@attrs.frozen
class Input:
    """One report to check: a file, or the text read from standard input."""

    name: str
    data: bytes | None = None

    def read(self) -> bytes:
        """The bytes of the input; raises ``LoadError`` for an unreadable or odd file."""
        if self.data is not None:
            return self.data
        return read_file(self.name)


@attrs.frozen(kw_only=True)
class Result:
    """What checking one input found; picklable, so workers can send it back."""

    name: str
    problems: tuple[Problem, ...] = ()
    findings: tuple[Finding, ...] = ()
    #: The line of each located JSON path in the file.
    lines: dict[str, int] = attrs.field(factory=dict, hash=False)
    organ: str | None = None
    year: int | None = None
    previous: str | None = None
    format: FormatVersion | None = None


def collect_inputs(paths: Iterable[str], stdin_bytes: Callable[[], bytes]) -> list[Input]:
    """Files, directories (every ``*.json`` below, recursively), globs and ``-`` for stdin."""
    inputs: list[Input] = []
    for path in paths:
        if path == STDIN:
            inputs.append(Input("<stdin>", stdin_bytes()))
        elif os.path.isdir(path):
            found = sorted(os.path.join(root, name) for root, _, names in os.walk(path)
                           for name in names if name.endswith(".json"))
            if not found:
                raise UsageError(f"目录 {path} 中没有 .json 文件（no .json file in the directory）")
            inputs.extend(Input(file) for file in found)
        elif os.path.exists(path) or not glob.has_magic(path):
            inputs.append(Input(path))
        else:
            matches = sorted(glob.glob(path, recursive=True))
            if not matches:
                raise UsageError(f"没有文件匹配 {path}（no file matches the pattern）")
            inputs.extend(Input(match) for match in matches)
    return inputs


@functools.lru_cache(maxsize=64)
def _load_previous(item: Input) -> Report:
    return loads(item.read(), source=item.name)


def check_one(item: Input, previous: Input | None, strict: bool) -> Result:
    """Load and check one input (in a worker process when there are many)."""
    try:
        data = item.read()
        before = _load_previous(previous) if previous is not None else None
    except LoadError as error:
        return Result(name=error.source or item.name, problems=error.problems)
    validation = validate(data, previous=before, strict=strict, name=item.name)
    located = validation.problems or validation.findings
    lines = _lines(data.decode("utf-8", "replace") if located else "",
                   [entry.json_path for entry in located])
    report = validation.report
    if report is None:
        return Result(name=validation.source, problems=validation.problems, lines=lines)
    return Result(name=item.name, findings=validation.findings, lines=lines,
                  organ=report.metadata.organ, year=report.metadata.year,
                  previous=None if previous is None else previous.name,
                  format=report.format)


def _lines(text: str, paths: Iterable[str]) -> dict[str, int]:
    lines: dict[str, int] = {}
    if not text:
        return lines
    for path in paths:
        line = _syntax_error_line(text) if path == "$" else None
        line = line or line_of(text, path)
        if line is not None:
            lines[path] = line
    return lines


def _syntax_error_line(text: str) -> int | None:
    """The line of a JSON syntax error in ``text``, if it has one."""
    try:
        json.loads(text)
    except json.JSONDecodeError as error:
        return error.lineno
    except ValueError:
        return None
    return None


def _check_job(job: tuple[Input, Input | None, bool]) -> Result:
    return check_one(*job)


def worker_count(requested: int, inputs: int) -> int:
    """How many processes check ``inputs`` files when at most ``requested`` may.

    ``requested`` 0 means one per CPU core. Small inputs are checked in this
    process whatever was asked: starting workers would cost more than it saves.
    """
    ceiling = requested or os.cpu_count() or 1
    return max(1, min(ceiling, inputs // FILES_PER_WORKER))


def _run(jobs: list[tuple[Input, Input | None, bool]], workers: int,
         progress: Callable[[int], None]) -> Iterator[Result]:
    if workers <= 1 or len(jobs) < 2:
        for done, job in enumerate(jobs, 1):
            yield _check_job(job)
            progress(done)
        return
    chunk = max(1, min(256, len(jobs) // (workers * 8)))
    context = multiprocessing.get_context("spawn")
    with context.Pool(workers) as pool:
        for done, result in enumerate(pool.imap(_check_job, jobs, chunksize=chunk), 1):
            yield result
            progress(done)


def check_all(inputs: list[Input], *, previous: Input | None, strict: bool, workers: int,
              progress: Callable[[int, int], None]) -> list[Result]:
    """Check every input; pair each organ's reports by year when no ``previous`` is given.

    A report whose organ also has a report of the year before among the
    inputs is checked again with it, so the cross-year rules run.
    """
    total = len(inputs)
    jobs = [(item, previous, strict) for item in inputs]
    results = list(_run(jobs, workers, lambda done: progress(done, total)))
    if previous is not None:
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
    if pairs:
        again: list[tuple[Input, Input | None, bool]] = [
            (inputs[index], Input(name), strict) for index, name in pairs]
        for (index, _), result in zip(pairs, _run(again, workers, lambda done: None),
                                      strict=True):
            results[index] = result
    return results
