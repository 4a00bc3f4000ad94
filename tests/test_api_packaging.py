"""Packaging a newcomer meets: the `all` extra, and a clean checkout after the README command."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def test_all_extra_installs_every_optional_dependency() -> None:
    """`pip install 'govinfo-report[all]'` brings every feature extra, nothing less."""
    tomllib = pytest.importorskip("tomllib")
    extras = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))[
        "project"]["optional-dependencies"]
    features = {requirement for name, requirements in extras.items()
                if name not in ("all", "test", "docs", "bench") for requirement in requirements}
    assert set(extras["all"]) == features


def test_gitignore_covers_what_the_readme_command_writes() -> None:
    """The first README command's outputs (.venv, report.json, report.html) are ignored."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    command = re.search(r"```sh\n(python3 -m venv .*?)\n```", readme, re.DOTALL)
    assert command is not None
    written = set(re.findall(r"-o (\S+)", command.group(1))) | {".venv"}
    assert written == {"report.json", "report.html", ".venv"}
    result = subprocess.run(["git", "check-ignore", "--no-index", *sorted(written)], cwd=ROOT,
                            capture_output=True, text=True, check=False)
    assert sorted(result.stdout.split()) == sorted(written)
