"""The short fuzzing run, part of every test run: fixed seeds, a few seconds.

``GOVINFO_FUZZ_EXAMPLES=N`` runs N random examples per test instead (the
long run is ``python -m tests.fuzz``).
"""

from __future__ import annotations

import os
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from govinfo_report.model import Report

from ..strategies import reports
from . import _targets
from ._mutations import HOSTILE_STRINGS, mutated_bytes, mutated_documents

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
