"""Malformed invocations and hostile inputs: exit 2, one clear message, never a traceback."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

import govinfo_report as gr
from govinfo_report._sources import describe_os_error
from govinfo_report.cli import EXIT_INVALID, main
from govinfo_report.examples import example_text


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """A valid report, odd files and a FIFO, by name."""
    root = tmp_path_factory.mktemp("hostile")
    report = root / "report.json"
    report.write_text(example_text("2021"), encoding="utf-8")
    (root / "gbk.json").write_bytes('{"format": "2021", "机关": 1}'.encode("gb18030"))
    (root / "binary.json").write_bytes(bytes(range(256)))
    (root / "empty").mkdir()
    (root / "not-a-dir").write_text("x", encoding="utf-8")
    fifo = root / "fifo.json"
    os.mkfifo(fifo)
    return {"report": str(report), "gbk": str(root / "gbk.json"),
            "binary": str(root / "binary.json"), "empty": str(root / "empty"),
            "file": str(root / "not-a-dir"), "fifo": str(fifo), "root": str(root),
            "missing": str(root / "missing.json")}


# Each invocation names files by key ({report}, {fifo} …); ``|`` separates arguments.
INVOCATIONS = [
    "",
    "frobnicate",
    "--bogus",
    "validate",
    "validate|--format|xml|{report}",
    "validate|--jobs|x|{report}",
    "validate|--jobs|-1|{report}",
    "validate|{missing}",
    "validate|{empty}",
    "validate|{root}/nothing-*.json",
    "validate|-|-",
    "validate|{fifo}",
    "validate|/dev/null",
    "validate|{root}",
    "validate|--previous|{missing}|{report}",
    "validate|--previous|{fifo}|{report}",
    "validate|--previous|-|-",
    "validate|{binary}",
    "validate|{gbk}",
    "validate|{report}|--unknown",
    "render",
    "render|{report}",
    "render|{report}|--to",
    "render|{report}|--to|pdf",
    "render|{report}|--to|docx",
    "render|{report}|--to|md|--strict",
    "render|{report}|--to|docx|--templates|{empty}|-o|{root}/out.docx",
    "render|{report}|--to|txt|--prefix|gov-",
    "render|{missing}|--to|md",
    "render|{empty}|--to|md",
    "render|{fifo}|--to|md",
    "render|{binary}|--to|md",
    "render|{report}|--to|html|--prefix|bad prefix!",
    "render|{report}|--to|md|-o|{file}/out.md",
    "compare|{report}",
    "compare|{report}|{report}|--jump-ratio|inf",
    "compare|{report}|{report}|--jump-ratio|nan",
    "compare|{report}|{report}|--jump-ratio|many",
    "compare|{report}|{report}|--jump-ratio|1",
    "compare|{report}|{report}|--min-count|-1",
    "compare|{report}|{report}|--format|json|--all",
    "compare|-|-",
    "compare|{report}|{report}",
    "compare|{fifo}|{report}",
    "export|{report}",
    "export|{report}|-o|{root}/cells.txt",
    "export|{report}|-o|-|--to|xlsx",
    "export|{fifo}|-o|-",
    "export|{report}|-o|{root}/cells.xlsx|--bom",
    "aggregate",
    "aggregate|{report}|--level|planet",
    "aggregate|{missing}",
    "example",
    "example|2020",
    "example|2021|-o|{file}/x.json",
    "schema|--format|1999",
    "schema|--write|{file}",
    "schema|--vscode|--format|2021",
    "schema|--write|{root}|-o|x.json",
    "rules|--bogus",
    "new|--format|2020",
    "new|--format|2021|--year|twenty",
    "new|--format|2021|--level|planet",
    "form|{fifo}",
    "form|--previous|{fifo}",
    "form|{binary}",
    "form|{report}|--format|2019",
]


@pytest.mark.parametrize("invocation", INVOCATIONS)
def test_malformed_invocation_exits_2_without_traceback(files: dict[str, str],
                                                         invocation: str) -> None:
    """Bad usage or a bad input: exit 2, the problem on stderr, nothing else."""
    argv = [part.format(**files) for part in invocation.split("|")] if invocation else []
    out, err = io.StringIO(), io.StringIO()
    code = main(argv, stdin=io.StringIO(), stdout=out, stderr=err)
    assert code == EXIT_INVALID, (argv, out.getvalue(), err.getvalue())
    assert "Traceback" not in err.getvalue()
    assert err.getvalue().strip() or out.getvalue().strip()


def test_usage_errors_are_in_chinese_with_the_english_original() -> None:
    """argparse's texts are translated; the English stays in parentheses."""
    out, err = io.StringIO(), io.StringIO()
    assert main(["validate"], stdin=io.StringIO(), stdout=out, stderr=err) == EXIT_INVALID
    assert err.getvalue() == ("govinfo-report validate: 缺少必需的参数：PATH"
                              "（the following arguments are required: PATH）\n")
    assert main(["render", "--help"], stdout=out, stderr=err) == 0
    help_text = out.getvalue()
    assert help_text.startswith("用法：govinfo-report render ")
    assert "显示本帮助并退出" in help_text
    for english in ("usage:", "show this help message", "positional arguments:", "options:"):
        assert english not in help_text


def test_os_errors_are_named_in_chinese(files: dict[str, str]) -> None:
    """A missing file and a directory: the reason in Chinese, the system's words after it."""
    for name, reason in ((files["missing"], "没有这个文件或目录（No such file or directory）"),
                         (files["empty"], "是一个目录（Is a directory）")):
        err = io.StringIO()
        main(["render", name, "--to", "md"], stdin=io.StringIO(), stdout=io.StringIO(),
             stderr=err)
        assert err.getvalue().endswith(f"无法读取文件（cannot read the file）：{reason}\n")


def test_a_fifo_is_refused_not_waited_on(files: dict[str, str]) -> None:
    """A FIFO path would block the reader forever: it is refused at once."""
    out = io.StringIO()
    code = main(["validate", files["fifo"]], stdin=io.StringIO(), stdout=out,
                stderr=io.StringIO())
    assert code == EXIT_INVALID
    assert "不是普通文件（not a regular file）" in out.getvalue()


def cli(*argv: str, stdin: bytes = b"", env: dict[str, str] | None = None,
        stdin_file: str | None = None) -> subprocess.CompletedProcess[bytes]:
    """The command in a real process (for encodings and real standard streams)."""
    environment = {**os.environ, **(env or {})}
    command = [sys.executable, "-m", "govinfo_report", *argv]
    if stdin_file is not None:
        with open(stdin_file, "rb") as stream:
            return subprocess.run(command, stdin=stream, capture_output=True, env=environment,
                                  check=False, timeout=120)
    return subprocess.run(command, input=stdin, capture_output=True, env=environment,
                          check=False, timeout=120)


def test_non_utf8_stdin_is_named_not_a_traceback() -> None:
    """GB18030 bytes on standard input: the encoding problem, exit 2."""
    result = cli("validate", "-", stdin=example_text("2021").encode("gb18030"))
    assert result.returncode == EXIT_INVALID
    assert b"Traceback" not in result.stderr
    assert "不是 UTF-8 编码" in result.stdout.decode("utf-8")


def test_an_ascii_terminal_gets_escapes_not_a_crash(files: dict[str, str]) -> None:
    """PYTHONIOENCODING=ascii: Chinese output is escaped; JSON output stays valid JSON."""
    result = cli("compare", files["report"], files["report"], "--format", "json",
                 env={"PYTHONIOENCODING": "ascii"})
    assert result.returncode == EXIT_INVALID
    assert b"Traceback" not in result.stderr
    assert b"\\u4e0a\\u4e00\\u5e74\\u5ea6" in result.stderr
    result = cli("validate", "--format", "json", files["report"],
                 env={"PYTHONIOENCODING": "ascii"})
    assert result.returncode == 0
    import json

    assert json.loads(result.stdout)["summary"]["files"] == 1


def test_endless_stdin_is_refused() -> None:
    """/dev/zero as standard input is read up to the limit, then refused (exit 2)."""
    result = cli("validate", "-", stdin_file="/dev/zero")
    assert result.returncode == EXIT_INVALID
    assert b"Traceback" not in result.stderr
    assert "超过 64 MiB 的输入不予读取" in result.stderr.decode("utf-8")


def test_a_closed_pipe_ends_quietly(tmp_path: Path) -> None:
    """`govinfo-report validate … | head -1`: exit 141 (SIGPIPE's code), no traceback."""
    draft = gr.dumps(gr.blank_report("2021"))
    for index in range(4):  # some 150 kB of warnings, more than a pipe holds
        (tmp_path / f"r{index}.json").write_text(draft, encoding="utf-8")
    process = subprocess.Popen([sys.executable, "-m", "govinfo_report", "validate",
                                str(tmp_path)], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert process.stdout is not None
    assert process.stderr is not None
    assert process.stdout.readline()
    process.stdout.close()
    error = process.stderr.read()
    process.stderr.close()
    assert process.wait(timeout=120) == 141
    assert b"Traceback" not in error


@pytest.mark.parametrize(("error", "text"), [
    (PermissionError(13, "Permission denied"), "权限不足（Permission denied）"),
    (IsADirectoryError(21, "Is a directory"), "是一个目录（Is a directory）"),
    (FileNotFoundError(2, "No such file or directory"),
     "没有这个文件或目录（No such file or directory）"),
    (OSError(5, "Input/output error"), "输入输出错误（Input/output error）"),
    (OSError(9999, "Something new"), "Something new"),
])
def test_os_error_texts(error: OSError, text: str) -> None:
    """Known errors in Chinese with the system's English; unknown ones as the system says."""
    assert describe_os_error(error) == text


def test_form_reads_standard_input_as_bytes() -> None:
    """Once UnicodeDecodeError: ``form -`` read stdin as text; now the encoding is named."""
    stdin = io.TextIOWrapper(io.BytesIO(example_text("2021").encode("gb18030")), encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    assert main(["form", "-"], stdin=stdin, stdout=out, stderr=err) == EXIT_INVALID
    assert "不是 UTF-8 编码" in out.getvalue() + err.getvalue()


def test_a_file_name_that_is_not_utf8_is_written_back_as_given(tmp_path: Path) -> None:
    """Once UnicodeEncodeError printing the written files: argv holds surrogate escapes."""
    folder = os.fsdecode(bytes(tmp_path) + b"/\xffout")
    result = cli("schema", "--write", folder, env={"PYTHONIOENCODING": "utf-8:strict"})
    assert result.returncode == 0, result.stderr
    assert b"Traceback" not in result.stderr
    assert b"/\xffout/report.schema.json" in result.stdout


def test_a_closed_standard_output_is_no_traceback(files: dict[str, str]) -> None:
    """Once AttributeError on ``None``: started with stdout closed (``>&-``), output goes nowhere."""
    command = [sys.executable, "-m", "govinfo_report", "validate", files["report"]]
    result = subprocess.run(command, capture_output=False, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, check=False, timeout=120,
                            preexec_fn=lambda: os.close(1))
    assert result.returncode == 0
    assert b"Traceback" not in result.stderr


def test_import_provenance_of_a_file_name_that_is_not_utf8(tmp_path: Path) -> None:
    """Once UnicodeEncodeError writing the provenance: the source's name held surrogate escapes."""
    source = tmp_path / os.fsdecode(b"\xff\xfe.txt")
    from govinfo_report.importers.text import EXAMPLE

    source.write_text(EXAMPLE, encoding="utf-8")
    provenance = tmp_path / "provenance.json"
    code = main(["import", str(source), "-o", str(tmp_path / "r.json"), "--provenance",
                 str(provenance)], stdin=io.StringIO(), stdout=io.StringIO(),
                stderr=io.StringIO())
    assert code in (0, 1)
    import json

    written = json.loads(provenance.read_bytes().decode("utf-8"))
    assert str(source) in json.dumps(written, ensure_ascii=False)


@pytest.mark.parametrize("name", ["fifo", "empty"])
def test_library_load_refuses_what_is_not_a_regular_file(files: dict[str, str], name: str) -> None:
    """``load(path)`` names the problem instead of blocking on a FIFO or failing on a directory."""
    with pytest.raises(gr.LoadError, match=r"not a regular file|Is a directory"):
        gr.load(files[name])


@pytest.mark.parametrize("path", ["report\0.json", "a\0"])
def test_a_file_name_no_system_can_hold_is_a_load_error(path: str) -> None:
    from govinfo_report._sources import read_file

    for read in (read_file, gr.load):
        with pytest.raises(gr.LoadError, match="invalid file name"):
            read(path)
