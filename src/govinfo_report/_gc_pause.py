"""Cyclic garbage collection paused while many lasting objects are made.

Reading a document allocates many small objects that live until the end of
the import (a cell and its location for every cell of every row), and
listing a directory of 100 000 reports one input each; neither makes
reference cycles: each collection pass the interpreter starts on the way
walks every one of them again and frees nothing. On a page of 10⁵ cells that
is about half of the import time. Collection is paused for the work and
restored afterwards, also when it fails, and when imports run in several
threads (the last one to finish restores it).

>>> import gc
>>> with paused_collection():
...     gc.isenabled()
False
>>> gc.isenabled()
True
"""

from __future__ import annotations

import contextlib
import gc
import threading
from collections.abc import Iterator

__all__ = ["paused_collection"]


class _Pause:
    """How many imports are running, and whether collection was on before the first."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.running = 0
        self.was_enabled = False

    def enter(self) -> None:
        with self.lock:
            if self.running == 0:
                self.was_enabled = gc.isenabled()
                gc.disable()
            self.running += 1

    def leave(self) -> None:
        with self.lock:
            self.running -= 1
            if self.running == 0 and self.was_enabled:
                gc.enable()


_PAUSE = _Pause()


@contextlib.contextmanager
def paused_collection() -> Iterator[None]:
    """Pause cyclic garbage collection for the ``with`` block (reference counting still
    frees everything as usual)."""
    _PAUSE.enter()
    try:
        yield
    finally:
        _PAUSE.leave()
