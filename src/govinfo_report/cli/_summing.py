"""Summing many report files in worker processes for ``govinfo-report aggregate``.

Each worker reads, checks and sums a run of consecutive files into an
:class:`~govinfo_report.rollup.Aggregator` of its own and sends back those
running sums (not the reports) with the lines of its bad files; this process
merges them in input order, so the roll-up is the one a single process makes.

A worker also writes its inputs as they stand in the roll-up's list of inputs
(most of a national roll-up's text); this process, otherwise waiting, puts
them in a file beside the output, so that writing the roll-up at the end
copies that text instead of making it then.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import islice
from typing import IO, Any, TypeVar

from .._gc_pause import paused_collection
from .._rollup_inputs import InputView
from .._rollup_text import written_inputs
from ..exceptions import LoadError
from ..rollup import Aggregator
from . import _workers
from ._common import Progress
from ._one_file import Input, read_path
from ._reading import ReportReader, bad_line

__all__ = ["batched", "sum_in_workers"]

Chunk = TypeVar("Chunk")

_settings: dict[str, Any] = {}


def _start_worker(settings: dict[str, Any]) -> None:
    _settings.update(settings)
    _workers.prepare_worker()


def _sum_chunk(items: list[str | Input]) -> tuple[list[str], Aggregator, bytes | None]:
    aggregator = Aggregator(**_settings)
    bad = []
    for item in items:
        name = item if isinstance(item, str) else item.name
        try:  # summed from the text: no report is built for most inputs
            aggregator.add_json(read_path(item) if isinstance(item, str) else item.read(),
                                source=name)
        except LoadError as error:
            bad.append(bad_line(error, name))
    inputs = aggregator.inputs
    assert isinstance(inputs, InputView)
    return bad, aggregator, written_inputs(inputs.records) if inputs else b""


def sum_in_workers(reader: ReportReader, aggregator: Aggregator, workers: int, size: int,
                   settings: dict[str, Any], inputs_text: IO[bytes] | None = None) -> bool:
    """Add every report of ``reader`` to ``aggregator``, read and summed in ``workers``,
    ``size`` inputs at a time; the inputs still being listed go to the workers as
    they are found.

    The text of the inputs (see :func:`~govinfo_report._rollup_text.written_inputs`) is
    written to ``inputs_text`` as the sums arrive; False when some of it could not be.
    """
    chunks = ([item if item.data is not None else item.name for item in chunk]
              for chunk in batched(reader.stream(), size))
    progress: Progress | None = None
    done = 0
    written = inputs_text is not None
    # The objects made here (inputs, sums arriving) make no reference cycles.
    with paused_collection():
        for bad, partial, text in _workers.map_in_workers(_sum_chunk, chunks, workers,
                                                          _start_worker, (settings,)):
            if progress is None:  # every chunk is sent before the first sums arrive
                progress = Progress(reader.streams, reader.found, reader.verb)
            for line in bad:
                reader.report_bad(line, progress)
            if text is None:
                written = False
            elif written and text and inputs_text is not None:
                if aggregator.inputs:
                    inputs_text.write(b",")
                inputs_text.write(text)
            done += len(bad) + len(partial.inputs)
            aggregator.merge(partial)
            progress.update(done)
    if progress is not None:
        progress.clear()
    return written


def batched(items: Iterable[Chunk], size: int) -> Iterator[list[Chunk]]:
    """``items`` in lists of ``size`` (the last one shorter)."""
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk
