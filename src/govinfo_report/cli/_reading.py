"""Reading many report files for ``aggregate`` and ``export``.

Each file that cannot be read or is not a valid report gets one line on
standard error; a progress bar shows on standard error when it is a terminal
and the input is large.
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import islice

from .._gc_pause import paused_collection
from ..convert import loads
from ..exceptions import LoadError
from ..model import Report
from ._batch import iter_inputs
from ._common import Progress, Streams, read_stdin
from ._one_file import Input

__all__ = ["BadInputs", "ReportReader", "bad_line", "read_report"]

class BadInputs(Exception):
    """Some inputs could not be read; their lines are already on standard error."""

    def __init__(self, count: int) -> None:
        self.count = count
        super().__init__(f"{count} 个文件无法读取或不是有效报告（{count} input(s) unreadable）")


class ReportReader:
    """The reports in ``paths`` (files, directories read recursively for ``*.json``,
    globs, ``-``), read lazily; bad files are reported as they are met."""

    def __init__(self, paths: list[str], streams: Streams, *, verb: str = "读取",
                 listed: bool = True) -> None:
        """Every input is listed now unless ``listed`` is False (see :meth:`look_ahead`)."""
        self.streams = streams
        self.verb = verb
        self.bad = 0
        self._listed: list[Input] = []
        self._rest: Iterator[Input] | None = iter_inputs(paths,
                                                         lambda: read_stdin(streams.stdin))
        #: How many inputs were found so far (all of them once the listing is over).
        self.found = 0
        if listed:
            self.look_ahead(None)

    @property
    def inputs(self) -> list[Input]:
        """Every input (listed first, if they were not)."""
        self.look_ahead(None)
        return self._listed

    def __len__(self) -> int:
        return len(self.inputs)

    def look_ahead(self, count: int | None) -> bool:
        """List inputs until ``count`` are listed (every one for None); whether that is all."""
        if self._rest is not None:
            with paused_collection():
                self._listed += islice(self._rest, None if count is None
                                       else max(0, count - len(self._listed)))
            self.found = len(self._listed)
            if count is None or len(self._listed) < count:
                self._rest = None
        return self._rest is None

    def stream(self) -> Iterator[Input]:
        """Every input: those listed, then the others as they are found (not kept)."""
        yield from self._listed
        if self._rest is not None:
            for item in self._rest:
                self.found += 1
                yield item
            self._rest = None

    def __iter__(self) -> Iterator[tuple[str, Report]]:
        progress = Progress(self.streams, len(self.inputs), self.verb)
        for done, item in enumerate(self.inputs, 1):
            report = self._read(item, progress)
            if report is not None:
                yield item.name, report
            progress.update(done)
        progress.clear()

    def reports(self) -> Iterator[Report]:
        """The reports alone; raises :class:`BadInputs` at the end if any file was bad."""
        for _, report in self:
            yield report
        if self.bad:
            raise BadInputs(self.bad)

    def _read(self, item: Input, progress: Progress) -> Report | None:
        report = read_report(item)
        if isinstance(report, str):
            self.report_bad(report, progress)
            return None
        return report

    def report_bad(self, line: str, progress: Progress) -> None:
        """Count a bad input and show its line."""
        self.bad += 1
        progress.clear()
        self.streams.stderr.write(line + "\n")


def read_report(item: Input) -> Report | str:
    """The report of ``item``, or the line that says why it is not one."""
    try:
        return loads(item.read(), source=item.name)
    except LoadError as error:
        return bad_line(error, item.name)


def bad_line(error: LoadError, name: str) -> str:
    """The line that says why the input ``name`` is not a report."""
    first = error.problems[0] if error.problems else "无效的报告（invalid report）"
    more = len(error.problems) - 1
    return f"{error.source or name}: {first}" + (
        f"（另有 {more} 处问题，可用 govinfo-report validate 查看）" if more > 0 else "")
