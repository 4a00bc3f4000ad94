"""Golden files: rendered output pinned in ``tests/golden``.

Set ``GOVINFO_REGENERATE_GOLDEN=1`` to rewrite the files from the current
output (then review the diff by eye before committing).
"""

from __future__ import annotations

import os
from pathlib import Path

GOLDEN = Path(__file__).parent / "golden"
REGENERATE = os.environ.get("GOVINFO_REGENERATE_GOLDEN") == "1"


def check_golden(name: str, actual: str) -> None:
    """Assert ``actual`` equals the golden file ``name`` (or rewrite it when regenerating)."""
    path = GOLDEN / name
    if REGENERATE:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, encoding="utf-8", newline="\n")
        return
    assert path.exists(), f"missing golden file {path}; run with GOVINFO_REGENERATE_GOLDEN=1"
    expected = path.read_text(encoding="utf-8")
    assert actual == expected, f"{name} differs from its golden file"
