"""The command lines of the how-to pages run as written: ajv-cli, the VS Code setting, CI commands."""

from __future__ import annotations

import io
import json
import os
import re
import shlex
import shutil
import subprocess
from pathlib import Path

import pytest

import govinfo_report as gr
from govinfo_report.cli import EXIT_OK, main
from govinfo_report.cli._cmd_schema import vscode_settings
from govinfo_report.examples import example_text, load_example

ROOT = Path(__file__).resolve().parent.parent
HOWTO = ROOT / "docs" / "howto"
AJV_DIR = Path(__file__).resolve().parent / "js-cli"


def shell_lines(page: Path, start: str) -> list[str]:
    """The lines of the page's ``sh`` blocks that start with ``start``, comments removed."""
    text = page.read_text(encoding="utf-8")
    lines = [line for block in re.findall(r"^```sh\n(.*?)^```", text, re.MULTILINE | re.DOTALL)
             for line in block.splitlines()]
    return [line.split("  #")[0].strip() for line in lines if line.startswith(start)]


def run_cli(command: str) -> tuple[int, str, str]:
    argv = shlex.split(command)
    assert argv[0] == "govinfo-report"
    out, err = io.StringIO(), io.StringIO()
    code = main(argv[1:], stdin=io.StringIO(), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture(scope="module")
def ajv_bin() -> Path:
    """ajv-cli and ajv-formats from npm (``npm ci`` in tests/js-cli on first use)."""
    npm = shutil.which("npm")
    if npm is None or shutil.which("node") is None:
        pytest.skip("Node.js/npm are not installed: the ajv command line cannot run here")
    if not (AJV_DIR / "node_modules" / "ajv-cli").is_dir():
        subprocess.run([npm, "ci", "--no-audit", "--no-fund", "--prefix", str(AJV_DIR)],
                       check=True, capture_output=True, timeout=600)
    return AJV_DIR / "node_modules" / ".bin"


def test_the_ajv_command_line_accepts_valid_and_refuses_invalid(ajv_bin: Path,
                                                                tmp_path: Path) -> None:
    """The how-to's `npx ajv validate …` runs as written in a checkout with report.json."""
    commands = shell_lines(HOWTO / "schema-other-languages.md", "npx ajv validate")
    assert len(commands) == 1
    shutil.copytree(ROOT / "schema", tmp_path / "schema")
    environment = {**os.environ, "PATH": f"{ajv_bin}{os.pathsep}{os.environ['PATH']}"}

    def ajv(report_text: str) -> subprocess.CompletedProcess[str]:
        (tmp_path / "report.json").write_text(report_text, encoding="utf-8")
        argv = shlex.split(commands[0])[1:]  # `npx ajv` is `ajv` from the local install
        return subprocess.run(argv, cwd=tmp_path, env=environment, capture_output=True,
                              text=True, check=False, timeout=120)

    for version in ("2021", "2019"):
        valid = ajv(example_text(version))
        assert (valid.returncode, valid.stdout + valid.stderr) == (0, "report.json valid\n")
    document = json.loads(example_text("2021"))
    document["applications"]["new_received"]["natural_person"] = -1
    invalid = ajv(json.dumps(document, ensure_ascii=False))
    assert invalid.returncode == 1
    assert "report.json invalid" in invalid.stdout + invalid.stderr
    assert "instancePath: '/applications/new_received/natural_person'" in invalid.stderr
    assert "message: 'must be >= 0'" in invalid.stderr


def test_schema_vscode_writes_the_setting_of_the_how_to(tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """`govinfo-report schema --vscode -o .vscode/settings.json`: each $id with its schema."""
    monkeypatch.chdir(tmp_path)
    commands = shell_lines(HOWTO / "schema-other-languages.md", "govinfo-report schema --vscode")
    assert commands == ["govinfo-report schema --vscode -o .vscode/settings.json"]
    Path(".vscode").mkdir()
    assert run_cli(commands[0]) == (EXIT_OK, "", "")
    settings = json.loads(Path(".vscode/settings.json").read_text(encoding="utf-8"))
    assert settings == vscode_settings()
    committed = {path.name: json.loads(path.read_text(encoding="utf-8"))
                 for path in (ROOT / "schema").glob("*.schema.json")}
    assert sorted(entry["url"] for entry in settings["json.schemas"]) == sorted(
        schema["$id"] for schema in committed.values())
    for entry in settings["json.schemas"]:
        assert entry["schema"] in committed.values()


def test_the_ci_how_to_local_commands_run(tmp_path: Path,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """Each `govinfo-report validate` line of the CI how-to passes on a small reports/ tree."""
    monkeypatch.chdir(tmp_path)
    current = load_example("2021")
    earlier = gr.set_path(current, "$.metadata.year", current.metadata.year - 1)
    Path("reports/2023").mkdir(parents=True)
    gr.dump(earlier, "reports/2022.json")
    gr.dump(current, "reports/2023.json")
    gr.dump(current, "reports/2023/town.json")
    commands = shell_lines(HOWTO / "validate-in-ci.md", "govinfo-report validate")
    assert len(commands) == 4
    for command in commands:
        expanded = " ".join(sorted(str(p) for p in Path().glob("reports/2023/*.json"))) \
            if "*" in command else None
        line = command.replace("reports/2023/*.json", expanded) if expanded else command
        code, _, err = run_cli(line)
        assert code == EXIT_OK, (command, err)
