"""The documentation: a nitpicky build without a warning, doctests that run, generated pages."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from govinfo_report.cli import build_parser

pytestmark = pytest.mark.docs

DOCS = Path(__file__).resolve().parent.parent / "docs"
TUTORIALS = sorted((DOCS / "tutorial").glob("*.md"))
#: Fences allowed in a tutorial: each of them runs under the doctest builder.
DOCTEST_FENCE = re.compile(r"^```\{(doctest|testcode|testoutput|testsetup|testcleanup)\}")


def sphinx(builder: str, out: Path, doctrees: Path) -> subprocess.CompletedProcess[str]:
    """Run sphinx-build as CI does: nitpicky, warnings are errors, all of them reported."""
    return subprocess.run(
        [sys.executable, "-m", "sphinx", "-n", "-W", "--keep-going", "-q",
         "-b", builder, "-d", str(doctrees), str(DOCS), str(out)],
        capture_output=True, text=True, timeout=900, check=False)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Build HTML, then run the doctest builder on the same environment."""
    root = tmp_path_factory.mktemp("docs")
    outputs = {}
    for builder in ("html", "doctest"):
        result = sphinx(builder, root / builder, root / "doctrees")
        # With -W --keep-going, any Sphinx warning makes the exit status 1.
        assert result.returncode == 0, result.stdout + result.stderr
        outputs[builder] = root / builder
    return outputs


def test_html_builds_without_warning(built: dict[str, Path]) -> None:
    """`sphinx-build -n -W --keep-going -b html` succeeds and writes every page."""
    pages = {page.relative_to(built["html"]).as_posix() for page in built["html"].rglob("*.html")}
    assert {"index.html", "reference/api.html", "reference/cli.html",
            "reference/stability.html", "tutorial/first-report.html"} <= pages


def test_doctest_builder_runs_the_tutorials(built: dict[str, Path]) -> None:
    """Every tutorial page has doctests, and the doctest builder ran them without a failure."""
    report = (built["doctest"] / "output.txt").read_text(encoding="utf-8")
    assert re.search(r"^ +0 failures in tests$", report, re.MULTILINE), report
    for page in TUTORIALS:
        section = re.search(rf"^Document: tutorial/{page.stem}\n-+\n(.*?)\n\n", report,
                            re.MULTILINE | re.DOTALL)
        assert section is not None, f"no doctest collected from {page.name}"
        assert re.search(r"^([1-9][0-9]*) passed and 0 failed\.$", section.group(1),
                         re.MULTILINE), section.group(1)


def test_tutorial_code_blocks_are_doctests() -> None:
    """A tutorial has no code block that the doctest builder would not run."""
    assert TUTORIALS
    for page in TUTORIALS:
        fences = [line for line in page.read_text(encoding="utf-8").splitlines()
                  if line.startswith("```") and line.strip() != "```"]
        assert fences
        assert [fence for fence in fences if not DOCTEST_FENCE.match(fence)] == [], page.name


def test_cli_reference_lists_every_subcommand(built: dict[str, Path]) -> None:
    """The CLI page, generated from the parser, has a section with the usage of each subcommand."""
    page = (built["html"] / "reference" / "cli.html").read_text(encoding="utf-8")
    subparsers = next(action for action in build_parser()._actions
                      if action.choices and isinstance(action.choices, dict))
    assert subparsers.choices
    for name, parser in subparsers.choices.items():
        assert f'id="cli-govinfo-report-{name}"' in page, name
        usage = parser.format_usage().removeprefix("usage: ").split()[0:3]
        assert " ".join(usage) in page, name
