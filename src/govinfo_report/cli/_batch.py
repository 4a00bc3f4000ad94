"""Checking many report files: inputs, worker processes, and cross-year pairing."""

from __future__ import annotations

import functools
import glob
import json
import multiprocessing
import os
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

import attrs

from ..convert import loads
from ..exceptions import LoadError, Problem
from ..findings import Finding
from ..model import Report
from ..rules import iter_findings
from ._common import UsageError
from ._lines import line_of

__all__ = ["Input", "Result", "check_all", "collect_inputs"]

STDIN = "-"


@attrs.frozen
class Input:
    """One report to check: a file, or the text read from standard input."""

    name: str
    data: bytes | None = None

    def read(self) -> bytes:
        if self.data is not None:
            return self.data
        return Path(self.name).read_bytes()


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


def collect_inputs(paths: Iterable[str], stdin_text: Callable[[], str]) -> list[Input]:
    """Files, directories (every ``*.json`` below, recursively), globs and ``-`` for stdin."""
    inputs: list[Input] = []
    for path in paths:
        if path == STDIN:
            inputs.append(Input("<stdin>", stdin_text().encode("utf-8")))
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
def _load_previous(name: str) -> Report:
    return loads(_read(Input(name)), source=name)


def _read(item: Input) -> bytes:
    try:
        return item.read()
    except OSError as error:
        message = f"无法读取文件（cannot read the file）：{error.strerror}"
        raise LoadError([Problem(json_path="$", labels=(), message=message)],
                        source=item.name) from None


def check_one(item: Input, previous: str | None, strict: bool) -> Result:
    """Load and check one input (in a worker process when ``--jobs`` > 1)."""
    data = b""
    try:
        data = _read(item)
        report = loads(data, source=item.name)
        before = _load_previous(previous) if previous is not None else None
    except LoadError as error:
        source = error.source or item.name
        # Lines are looked up in the file the problems are about.
        text = data.decode("utf-8", "replace") if source == item.name else ""
        return Result(name=source, problems=error.problems,
                      lines=_lines(text, (p.json_path for p in error.problems)))
    findings = tuple(iter_findings(report, previous=before, strict=strict))
    lines = {}
    if findings:
        text = data.decode("utf-8", "replace")
        lines = _lines(text, [finding.json_path for finding in findings])
    return Result(name=item.name, findings=findings, lines=lines,
                  organ=report.metadata.organ, year=report.metadata.year, previous=previous)


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


def _check_job(job: tuple[Input, str | None, bool]) -> Result:
    return check_one(*job)


def _run(jobs: list[tuple[Input, str | None, bool]], workers: int,
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


def check_all(inputs: list[Input], *, previous: str | None, strict: bool, workers: int,
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
        again: list[tuple[Input, str | None, bool]] = [
            (inputs[index], name, strict) for index, name in pairs]
        for (index, _), result in zip(pairs, _run(again, workers, lambda done: None),
                                      strict=True):
            results[index] = result
    return results
