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

from typing import IO, Any

from .._rollup_inputs import InputView
from .._rollup_text import written_inputs
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


def _sum_chunk(items: list[str | Input]) -> tuple[list[str], Aggregator, bytes | None]:
    aggregator = Aggregator(**_settings)
    bad = []
    for item in items:
        name = item if isinstance(item, str) else item.name
        try:  # summed from the text: no report is built for most inputs
            aggregator.add_json((Input(item) if isinstance(item, str) else item).read(),
                                source=name)
        except LoadError as error:
            bad.append(bad_line(error, name))
    inputs = aggregator.inputs
    assert isinstance(inputs, InputView)
    return bad, aggregator, written_inputs(inputs.records) if inputs else b""


def sum_in_workers(reader: ReportReader, aggregator: Aggregator, workers: int,
                   settings: dict[str, Any], inputs_text: IO[bytes] | None = None) -> bool:
    """Add every report of ``reader`` to ``aggregator``, read and summed in ``workers``.

    The text of the inputs (see :func:`~govinfo_report._rollup_text.written_inputs`) is
    written to ``inputs_text`` as the sums arrive; False when some of it could not be.
    """
    inputs = reader.inputs
    size = _workers.chunk_size(len(inputs), workers)
    chunks = [[item if item.data is not None else item.name for item in inputs[start:start + size]]
              for start in range(0, len(inputs), size)]
    progress = Progress(reader.streams, len(inputs), reader.verb)
    done = 0
    written = inputs_text is not None
    for chunk, (bad, partial, text) in zip(chunks, _workers.map_in_workers(
            _sum_chunk, chunks, workers, _start_worker, (settings,)), strict=True):
        for line in bad:
            reader.report_bad(line, progress)
        if text is None:
            written = False
        elif written and text and inputs_text is not None:
            if aggregator.inputs:
                inputs_text.write(b",")
            inputs_text.write(text)
        aggregator.merge(partial)
        done += len(chunk)
        progress.update(done)
    progress.clear()
    return written
