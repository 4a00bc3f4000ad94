"""The command line skeleton: usage errors, help, example and schema output."""

from __future__ import annotations

import io
from pathlib import Path

from govinfo_report import load
from govinfo_report.cli import EXIT_INVALID, main
from govinfo_report.examples import example_text, load_example


def run(*argv: str) -> tuple[int, str, str]:
    """Run the CLI in-process; return (exit code, stdout, stderr)."""
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), stdin=io.StringIO(), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def test_unknown_command_is_a_usage_error() -> None:
    """An unknown subcommand exits 2 with one line on stderr and no traceback."""
    code, out, err = run("frobnicate")
    assert code == EXIT_INVALID
    assert out == ""
    assert err.startswith("govinfo-report: 参数 COMMAND：无效的取值 'frobnicate'，可选 'validate'")
    assert "（argument COMMAND: invalid choice: 'frobnicate' (choose from" in err
    assert "Traceback" not in err


def test_help_goes_to_the_given_stdout() -> None:
    """--help prints the exit codes and exits 0."""
    code, out, _ = run("--help")
    assert code == 0
    assert "退出码：0 无问题；1 报告有问题；2 输入无法读取或用法错误。" in out


def test_example_to_stdout_and_file(tmp_path: Path) -> None:
    """`example` prints the bundled example or writes it to a file."""
    code, out, _ = run("example", "2019")
    assert (code, out) == (0, example_text("2019"))
    target = tmp_path / "report.json"
    assert run("example", "2021", "-o", str(target))[0] == 0
    assert load(target) == load_example("2021")


def test_unwritable_output_is_a_clean_error(tmp_path: Path) -> None:
    """Writing into a missing directory exits 2 with one line."""
    code, _, err = run("example", "2021", "-o", str(tmp_path / "missing" / "r.json"))
    assert code == EXIT_INVALID
    assert err.startswith("无法写入 ")
    assert err.count("\n") == 1


def test_schema_write_refreshes_a_directory(tmp_path: Path) -> None:
    """`schema --write DIR` writes the three schemas and the examples."""
    code, out, _ = run("schema", "--write", str(tmp_path))
    assert code == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "examples", "report-2019.schema.json", "report-2021.schema.json", "report.schema.json"]
    assert len(out.splitlines()) == 5
