"""Cyclic garbage collection is paused while a text or a page is read, and always restored."""

from __future__ import annotations

import gc
import threading
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from govinfo_report import _gc_pause
from govinfo_report.examples import load_example
from govinfo_report.exceptions import UnreadableSourceError
from govinfo_report.importers import html, text
from govinfo_report.model import Report
from govinfo_report.render import render_page, render_text


@pytest.fixture(autouse=True)
def collection_on() -> Iterator[None]:
    """Each test starts with collection on, and leaves it on."""
    gc.enable()
    yield
    gc.enable()


@pytest.mark.parametrize(("module", "render"), [(text, render_text), (html, render_page)])
def test_collection_is_paused_while_reading_and_back_on_after(
        module: Any, render: Callable[[Report], str], monkeypatch: pytest.MonkeyPatch) -> None:
    """While the blocks are read collection is off; after the import it is on again."""
    seen: list[bool] = []
    blocks_of = module.blocks_of

    def watched(data: str) -> object:
        seen.append(gc.isenabled())
        return blocks_of(data)

    monkeypatch.setattr(module, "blocks_of", watched)
    result = module.parse(render(load_example("2021")))
    assert result.report.metadata.organ == load_example("2021").metadata.organ
    assert seen == [False]
    assert gc.isenabled()


def test_collection_is_back_on_after_a_refused_input() -> None:
    """Bytes that are no text are refused with the library's error, and collection is on."""
    with pytest.raises(UnreadableSourceError):
        text.parse(b"\x00\x01\x02\xff\xfe" * 100)
    assert gc.isenabled()


def test_collection_the_caller_turned_off_stays_off() -> None:
    """An import does not turn on what the caller turned off."""
    gc.disable()
    text.parse(render_text(load_example("2019")))
    assert not gc.isenabled()


def test_collection_comes_back_when_the_last_of_several_imports_ends() -> None:
    """Imports running in several threads: collection comes back when the last one ends."""
    inside, release = threading.Barrier(2), threading.Event()

    def hold() -> None:
        with _gc_pause.paused_collection():
            inside.wait()
            release.wait()

    worker = threading.Thread(target=hold)
    worker.start()
    with _gc_pause.paused_collection():
        inside.wait()
    assert not gc.isenabled()
    release.set()
    worker.join()
    assert gc.isenabled()
