"""Running code as if the ``fast`` extra (msgspec, orjson) were partly or not installed."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

from govinfo_report import _decode_fast, convert


@contextlib.contextmanager
def fast_path(name: str) -> Iterator[None]:
    """Load with both fast parsers ("fast"), orjson alone ("orjson"), or neither ("strict")."""
    saved = convert._orjson, _decode_fast.msgspec
    if name in ("orjson", "strict"):
        _decode_fast.msgspec = None  # type: ignore[assignment]
    if name == "strict":
        convert._orjson = None  # type: ignore[assignment]
    try:
        yield
    finally:
        convert._orjson, _decode_fast.msgspec = saved
