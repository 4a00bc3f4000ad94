"""Force the CLI's worker processes in a test, and record which start method they used."""

from __future__ import annotations

import multiprocessing

import pytest

from govinfo_report.cli import _batch, _workers


def force_workers(monkeypatch: pytest.MonkeyPatch, method: str) -> list[str]:
    """Workers for every file, started by ``method``; the list fills with each start."""
    monkeypatch.setattr(_batch, "FILES_PER_WORKER", 1)
    monkeypatch.setattr(_workers, "start_method", lambda: method)
    started: list[str] = []
    real_context = multiprocessing.get_context

    def spy(name: str) -> object:
        started.append(name)
        return real_context(name)

    monkeypatch.setattr(multiprocessing, "get_context", spy)
    return started
