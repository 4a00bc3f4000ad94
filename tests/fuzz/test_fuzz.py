"""The short fuzzing run, part of every test run: fixed seeds, a few seconds.

``GOVINFO_FUZZ_EXAMPLES=N`` runs N random examples per test instead (the
long run is ``python -m tests.fuzz``).
"""

from __future__ import annotations

import os
import time
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from govinfo_report.model import Report
from govinfo_report.render import FORMATS

from ..strategies import reports
from . import _targets
from ._campaign import run_chunk, target_names
from ._mutations import HOSTILE_STRINGS, mutated_bytes, mutated_documents
from ._render_target import RENDER_KINDS, check_render_format

_EXAMPLES = int(os.environ.get("GOVINFO_FUZZ_EXAMPLES", "0"))
# A failing input of a byte target is a whole document: show it rather than warn about it.
pytestmark = pytest.mark.filterwarnings("ignore:Generating overly large repr")


def fuzz(examples: int) -> Any:
    """Hypothesis settings: ``examples`` derandomized, or the environment's count at random."""
    return settings(max_examples=_EXAMPLES or examples, derandomize=not _EXAMPLES,
                    deadline=None, database=None, suppress_health_check=list(HealthCheck))


@pytest.mark.parametrize("seed", sorted(path.name for path in
                                        (_targets.CORPUS / "loads").iterdir()))
def test_loads_seed_corpus(seed: str) -> None:
    data = (_targets.CORPUS / "loads" / seed).read_bytes()
    _targets.check_loads(data)


@fuzz(150)
@given(mutated_documents())
def test_loads_structured_mutations(data: str | bytes) -> None:
    """Mutated examples: a located library error, or a lossless, writable report."""
    _targets.check_loads(data)


@fuzz(60)
@given(mutated_bytes(_targets.seeds("loads")))
def test_loads_byte_mutations(data: bytes) -> None:
    _targets.check_loads(data)


@pytest.mark.parametrize("kind", _targets.IMPORT_KINDS)
def test_importer_seed_corpus(kind: str) -> None:
    for data in _targets.seeds(kind):
        assert _targets.check_import(kind, data) is not None


_SHORT_RUN = {"text": 40, "html": 30, "docx": 15, "pdf": 10, "xlsx": 10}


@pytest.mark.parametrize("kind", _targets.IMPORT_KINDS)
def test_importer_byte_mutations(kind: str) -> None:
    """Mutated seeds: only GovInfoReportError subclasses escape an importer."""

    @fuzz(_SHORT_RUN[kind])
    @given(mutated_bytes(_targets.seeds(kind)))
    def run(data: bytes) -> None:
        _targets.check_import(kind, data)

    run()


_marked_texts = st.lists(st.sampled_from(HOSTILE_STRINGS) | st.text(max_size=8),
                         max_size=4).map(lambda parts: _targets.MARKUP.join(parts))


@fuzz(30)
@given(reports(), _marked_texts, _marked_texts)
def test_render_escapes_every_text(report: Report, organ: str, summary: str) -> None:
    """Markup and bidi controls in a report's texts never reach rendered output."""
    import attrs

    report = attrs.evolve(report, metadata=attrs.evolve(report.metadata,
                                                        organ=organ or "甲" + _targets.MARKUP),
                          overview=attrs.evolve(report.overview, summary=summary))
    _targets.check_render(report)


#: Inputs per target of the long run's generators in the short run (``python -m tests.fuzz``
#: runs the same targets to 100 000 inputs).
_SHORT_CAMPAIGN = {"import-text": 30, "import-html": 10, "render-html": 30, "render-page": 30,
                   "render-md": 30, "render-txt": 30, "render-docx": 2, "render-form": 3,
                   "cli": 40, "cli-process": 2}


@pytest.mark.parametrize("name", list(_SHORT_CAMPAIGN))
def test_long_run_targets(name: str) -> None:
    """Each target of the long run, a few inputs from a fixed seed: no promise broken."""
    _, stats, _ = run_chunk(name, 0, _EXAMPLES or _SHORT_CAMPAIGN[name], time.time() + 600)
    assert stats.inputs == (_EXAMPLES or _SHORT_CAMPAIGN[name])
    assert (stats.crashes, stats.wrong_cells) == (0, 0)


def test_every_long_run_target_is_known() -> None:
    """The long run's list names each entry point: loads, importers, renderers, the CLI."""
    names = target_names()
    assert {f"import-{kind}" for kind in _targets.IMPORT_KINDS} <= set(names)
    assert {f"render-{kind}" for kind in RENDER_KINDS} <= set(names)
    assert {"loads", "loads-bytes", "cli", "cli-process"} <= set(names)
    assert set(RENDER_KINDS) == {*FORMATS, "form"}


def test_the_targets_catch_broken_promises(monkeypatch: pytest.MonkeyPatch) -> None:
    """A crash, a changed value and unescaped markup are each reported as broken."""
    import attrs

    from govinfo_report import convert, importers
    from govinfo_report.examples import example_text, load_example

    def crash(*_: Any, **__: Any) -> Any:
        raise KeyError("boom")

    with monkeypatch.context() as patch:
        patch.setattr(importers, "parse", crash)
        patch.setattr(_targets, "parse", crash)
        with pytest.raises(_targets.Broken, match="KeyError"):
            _targets.check_import("text", b"x")
    report = load_example("2021")
    with monkeypatch.context() as patch:
        patch.setattr(convert, "loads", lambda *_, **__: attrs.evolve(
            report, metadata=attrs.evolve(report.metadata, year=report.metadata.year + 1)))
        with pytest.raises(_targets.Broken, match="changed 1 value"):
            _targets.check_loads(example_text("2021"))
    with monkeypatch.context() as patch:
        patch.setattr(_targets.html, "render", lambda *_, **__: _targets.MARKUP)
        with pytest.raises(_targets.Broken, match="unescaped"):
            _targets.check_render(report)
    marked = attrs.evolve(report, metadata=attrs.evolve(report.metadata,
                                                        organ="甲" + _targets.MARKUP))
    with monkeypatch.context() as patch:
        patch.setitem(FORMATS, "md", lambda *_, **__: _targets.MARKUP)
        with pytest.raises(_targets.Broken, match="as markup"):
            check_render_format("md", marked)
        patch.setitem(FORMATS, "txt", lambda *_, **__: "\u202e" + _targets.MARKUP)
        with pytest.raises(_targets.Broken, match="reached the output"):
            check_render_format("txt", marked)


def test_an_invented_cell_is_a_wrong_cell() -> None:
    """An import reading a value the seed does not have, and the input does not write, is wrong."""
    path = "$.proactive_disclosure.art20_1.regulations.issued"
    seed = _targets.seeds("docx")[0]
    truth = _targets.cell_values(_targets.parse(seed, kind="docx"))
    with pytest.raises(_targets.Broken, match="wrong cell"):
        _targets.check_import("docx", seed, {**truth, path: 5})
    seed = _targets.seeds("text")[1]
    truth = _targets.cell_values(_targets.parse(seed, kind="text"))
    injected = truth[path]
    with pytest.raises(_targets.Broken, match="wrong cell"):
        _targets.check_import("text", seed, truth, injected=injected)


def test_the_cli_target_catches_a_traceback(monkeypatch: pytest.MonkeyPatch) -> None:
    """An exception out of main, or an exit code outside 0–2, is a broken promise."""
    import random

    from . import _cli_target

    target = _cli_target.CliTarget()
    monkeypatch.setattr(_cli_target, "main", lambda *_, **__: 3)
    with pytest.raises(_targets.Broken, match="exit code 3"):
        target(random.Random(0))

    def crash(*_: Any, **__: Any) -> int:
        raise KeyError("boom")

    monkeypatch.setattr(_cli_target, "main", crash)
    with pytest.raises(_targets.Broken, match="KeyError"):
        target(random.Random(0))
