"""Summing many report files in worker processes for ``govinfo-report aggregate``.

Each worker reads, checks and sums a run of consecutive files into an
:class:`~govinfo_report.rollup.Aggregator` of its own and sends back those
running sums (not the reports) with the lines of its bad files; this process
merges them in input order, so the roll-up is the one a single process makes.
"""

from __future__ import annotations

from typing import Any

from ..exceptions import LoadError
from ..rollup import Aggregator
from . import _workers
from ._common import Progress
from ._one_file import Input
from ._reading import ReportReader, bad_line

__all__ = ["sum_in_workers"]

_settings: dict[str, Any] = {}


def _start_worker(settings: dict[str, Any]) -> None:
    _settings.update(settings)
    _workers.prepare_worker()


def _sum_chunk(items: list[str | Input]) -> tuple[list[str], Aggregator]:
    aggregator = Aggregator(**_settings)
    bad = []
    for item in items:
        name = item if isinstance(item, str) else item.name
        try:  # summed from the text: no report is built for most inputs
            aggregator.add_json((Input(item) if isinstance(item, str) else item).read(),
                                source=name)
        except LoadError as error:
            bad.append(bad_line(error, name))
    return bad, aggregator


def sum_in_workers(reader: ReportReader, aggregator: Aggregator, workers: int,
                   settings: dict[str, Any]) -> None:
    """Add every report of ``reader`` to ``aggregator``, read and summed in ``workers``."""
    inputs = reader.inputs
    size = _workers.chunk_size(len(inputs), workers)
    chunks = [[item if item.data is not None else item.name for item in inputs[start:start + size]]
              for start in range(0, len(inputs), size)]
    progress = Progress(reader.streams, len(inputs), reader.verb)
    done = 0
    for chunk, (bad, partial) in zip(chunks, _workers.map_in_workers(
            _sum_chunk, chunks, workers, _start_worker, (settings,)), strict=True):
        for line in bad:
            reader.report_bad(line, progress)
        aggregator.merge(partial)
        done += len(chunk)
        progress.update(done)
    progress.clear()
