"""Worker processes for checking many files: start-up, chunks, and results sent back.

What costs time around checking 100 000 files, and what is done about it:

- start-up: where ``fork`` is safe (Linux, one thread) workers are forked
  from this process, which has already imported everything a check needs;
  elsewhere they are spawned and import it once each;
- the job: a chunk of file names (plain strings pickle fast), the shared
  settings sent once to each worker;
- the way back: a file without problem or finding comes back as its organ,
  year and format alone, not as a whole :class:`~._one_file.Result` (the
  format as its enum member: pickled once per chunk, not made again per file);
- the garbage collector: the objects alive before the run are frozen
  (:func:`gc.freeze`), so collections during the run do not walk them over
  and over, and forked workers do not copy their pages by touching them;
- the pool: a :class:`~concurrent.futures.ProcessPoolExecutor`, whose
  manager thread reads each result as it arrives; the worker-handler thread
  of ``multiprocessing.Pool`` wakes for every result and spins until another
  thread has read it (0.3–0.4 s of this process's CPU time for 100 000 files).
"""

from __future__ import annotations

import gc
import signal
import sys
import threading
from collections.abc import Callable, Iterable, Iterator
from typing import Any, TypeVar

from ..model import FormatVersion
from ._one_file import Input, Result, check_one

__all__ = ["CHUNKS_PER_WORKER", "MAX_CHUNK", "Job", "check_in_workers", "chunk_size",
           "map_in_workers", "prepare_worker", "start_method"]

Chunk = TypeVar("Chunk")
Outcome = TypeVar("Outcome")

#: Chunks are at most this many files: large enough that sending them costs
#: little, small enough that the progress bar moves and workers finish together.
MAX_CHUNK = 500

#: One file to check, and the report of the year before to check it with, if any.
Job = tuple[Input, Input | None]

_strict = False

# A job as sent to a worker: a file name when there is no previous report and
# the input is a file; otherwise the input and the previous report's name.
_SentJob = str | tuple[Input, str | None]
# What a worker sends back per job: a whole result, or for a file without any
# problem or finding its organ, year and format.
_Sent = Result | tuple[str | None, int | None, FormatVersion]


#: Chunks per worker when files are few: the last chunks end at about the same time.
CHUNKS_PER_WORKER = 8


def chunk_size(files: int, workers: int) -> int:
    """Files per chunk: about :data:`CHUNKS_PER_WORKER` chunks per worker, at most
    :data:`MAX_CHUNK`."""
    return max(1, min(MAX_CHUNK, files // (workers * CHUNKS_PER_WORKER)))


def start_method() -> str:
    """``fork`` where it is safe and cheap (Linux, no other thread), else ``spawn``."""
    if sys.platform == "linux" and threading.active_count() == 1:
        return "fork"
    return "spawn"


def prepare_worker() -> None:
    """Freeze what the worker starts with, and leave Ctrl-C to the main process.

    Ctrl-C at a terminal reaches every process of the group; a worker it
    stopped mid-chunk would leave the pool waiting for that chunk forever.
    The main process cancels what is left, and workers end with their chunk.
    """
    gc.freeze()
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _start_worker(strict: bool) -> None:
    global _strict
    _strict = strict
    prepare_worker()


def _sent_job(item: Input, previous: Input | None) -> _SentJob:
    if previous is None and item.data is None:
        return item.name
    return (item, None if previous is None else previous.name)


def _check(job: _SentJob) -> _Sent:
    if isinstance(job, str):
        item, previous = Input(job), None
    else:
        item, previous = job[0], None if job[1] is None else Input(job[1])
    result = check_one(item, previous, _strict)
    if result.problems or result.findings or result.format is None:
        return result
    return (result.organ, result.year, result.format)


def _check_chunk(jobs: list[_SentJob]) -> list[_Sent]:
    return [_check(job) for job in jobs]


def _received(job: Job, sent: _Sent) -> Result:
    if isinstance(sent, Result):
        return sent
    item, previous = job
    organ, year, format = sent
    return Result(name=item.name, organ=organ, year=year, format=format,
                  previous=None if previous is None else previous.name)


def check_in_workers(jobs: list[Job], strict: bool, workers: int,
                     progress: Callable[[int], None]) -> Iterator[Result]:
    """Check ``jobs`` in ``workers`` processes; results in the order of ``jobs``."""
    size = chunk_size(len(jobs), workers)
    chunks = [jobs[start:start + size] for start in range(0, len(jobs), size)]
    sent = [[_sent_job(*job) for job in chunk] for chunk in chunks]
    done = 0
    for chunk, results in zip(chunks, map_in_workers(_check_chunk, sent, workers, _start_worker,
                                                     (strict,)), strict=True):
        for job, result in zip(chunk, results, strict=True):
            yield _received(job, result)
        done += len(chunk)
        progress(done)


def map_in_workers(function: Callable[[Chunk], Outcome], chunks: Iterable[Chunk], workers: int,
                   initializer: Callable[..., None], initargs: tuple[Any, ...]
                   ) -> Iterator[Outcome]:
    """``function`` of each chunk in ``workers`` processes started by :func:`start_method`,
    each started with ``initializer(*initargs)``; the outcomes in the order of ``chunks``.

    Chunks not yet started when the caller stops (an error, Ctrl-C) are cancelled.
    """
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    context: Any = multiprocessing.get_context(start_method())
    gc.freeze()
    executor = ProcessPoolExecutor(workers, mp_context=context, initializer=initializer,
                                   initargs=initargs)
    try:
        yield from executor.map(function, chunks)
    finally:
        executor.shutdown(wait=True, cancel_futures=True)
        gc.unfreeze()
