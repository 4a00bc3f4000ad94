"""The pre-commit hook and the CI snippets of the docs run as written, on the bundled examples."""

from __future__ import annotations

import io
import json
import re
import shlex
from pathlib import Path
from typing import Any

import pytest
import yaml

from govinfo_report.cli import EXIT_FINDINGS, EXIT_OK, main
from govinfo_report.convert import dumps
from govinfo_report.examples import EXAMPLE_FILES, example_text
from govinfo_report.rules import rule_by_id
from govinfo_report.rules._examples import example_case

ROOT = Path(__file__).parent.parent
HOWTO = ROOT / "docs" / "howto" / "validate-in-ci.md"


def yaml_blocks() -> list[Any]:
    """Every ```yaml block of the CI how-to, parsed."""
    text = HOWTO.read_text(encoding="utf-8")
    return [yaml.safe_load(block) for block in re.findall(r"```yaml\n(.*?)```", text, re.S)]


def hooks() -> list[dict[str, Any]]:
    """The hooks this repository offers to pre-commit."""
    loaded: list[dict[str, Any]] = yaml.safe_load(
        (ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    return loaded


@pytest.fixture
def reports(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A working directory with the bundled examples under reports/."""
    (tmp_path / "reports").mkdir()
    for version, name in EXAMPLE_FILES.items():
        (tmp_path / "reports" / name).write_text(example_text(version), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run_command(command: str) -> tuple[int, str]:
    """Run a `govinfo-report ...` shell line in-process; honour a `> file` redirect."""
    words = shlex.split(command)
    target = None
    if ">" in words:
        target = words[words.index(">") + 1]
        words = words[:words.index(">")]
    assert words[0] == "govinfo-report"
    out = io.StringIO()
    code = main(words[1:], stdin=io.StringIO(), stdout=out, stderr=io.StringIO())
    if target:
        Path(target).write_text(out.getvalue(), encoding="utf-8")
    return code, out.getvalue()


def test_hook_file_offers_the_validate_hook() -> None:
    """.pre-commit-hooks.yaml has the govinfo-report-validate hook for JSON files."""
    [hook] = hooks()
    assert hook["id"] == "govinfo-report-validate"
    assert hook["entry"] == "govinfo-report validate"
    assert hook["language"] == "python"
    assert re.search(hook["files"], "reports/2023.json")
    assert not re.search(hook["files"], "reports/2023.docx")


def test_pre_commit_snippet_runs_the_hook(reports: Path) -> None:
    """The documented pre-commit config names the hook; its entry passes on the examples."""
    config = next(block for block in yaml_blocks() if isinstance(block, dict) and "repos" in block)
    [entry] = config["repos"][0]["hooks"]
    [hook] = [hook for hook in hooks() if hook["id"] == entry["id"]]
    files = sorted(str(path.relative_to(reports)) for path in (reports / "reports").iterdir())
    staged = [name for name in files if re.search(entry["files"], name)]
    assert staged == files
    code, _ = run_command(" ".join([hook["entry"], *entry.get("args", []), *staged]))
    assert code == EXIT_OK


def _workflow_commands(block: Any) -> list[str]:
    if "jobs" in block:
        lines = [step.get("run", "") for job in block["jobs"].values() for step in job["steps"]]
    else:
        lines = [line for job in block.values() if isinstance(job, dict)
                 for line in job.get("script", [])]
    installs = [line for line in lines if line.startswith("pip install")]
    assert installs == ["pip install 'govinfo-report[fast]'"]
    assert "fast = [" in (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    return [line for line in lines if line.startswith("govinfo-report ")]


@pytest.mark.parametrize("kind", ["jobs", "validate-reports"])
def test_ci_snippets_pass_on_the_examples_and_fail_on_a_broken_report(reports: Path,
                                                                       kind: str) -> None:
    """The GitHub Actions and GitLab CI commands exit 0 on the examples, 1 on a broken report."""
    [block] = [block for block in yaml_blocks() if isinstance(block, dict) and kind in block]
    commands = _workflow_commands(block)
    assert commands
    for command in commands:
        assert run_command(command)[0] == EXIT_OK
    broken, _ = example_case(rule_by_id("I1").failing)
    (reports / "reports" / "broken.json").write_text(dumps(broken), encoding="utf-8")
    code, out = run_command(commands[-1])
    assert code == EXIT_FINDINGS
    if "--format github" in commands[-1]:
        assert out.startswith("::error file=reports/broken.json,line=128,title=I1::")
    if (reports / "validate.json").exists():
        assert json.loads((reports / "validate.json").read_text(encoding="utf-8"))["summary"]
