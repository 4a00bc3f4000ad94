"""The batch commands' worker processes: Ctrl-C left to the main process, and what is left cancelled."""

from __future__ import annotations

import os
import signal
from pathlib import Path

import pytest

from govinfo_report.cli._workers import map_in_workers, prepare_worker


def _interrupted(number: int) -> int:
    """Receive SIGINT, as every process of the group does at Ctrl-C, and go on."""
    os.kill(os.getpid(), signal.SIGINT)
    return number


def _marked(path: str) -> str:
    Path(path).touch()
    return path


@pytest.mark.skipif(not hasattr(signal, "SIGINT") or os.name != "posix", reason="POSIX signals")
def test_a_worker_finishes_its_chunk_through_ctrl_c() -> None:
    """Workers ignore SIGINT: every chunk comes back, in order."""
    assert list(map_in_workers(_interrupted, range(6), 2, prepare_worker, ())) == list(range(6))


def test_chunks_not_started_are_cancelled_when_the_caller_stops(tmp_path: Path) -> None:
    """The caller stopping after the first outcome (an error, Ctrl-C) leaves most chunks undone."""
    marks = [str(tmp_path / f"{index}") for index in range(1000)]
    outcomes = map_in_workers(_marked, marks, 2, prepare_worker, ())
    assert next(outcomes) == marks[0]
    outcomes.close()
    assert len(list(tmp_path.iterdir())) < len(marks)
