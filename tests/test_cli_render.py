"""``govinfo-report render``: every format for both examples, atomic files, clear usage errors."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from govinfo_report.cli import main
from govinfo_report.examples import example_text, load_example
from govinfo_report.render import html, markdown, page, text


def run(*argv: str, stdin: str = "") -> tuple[int, str, str]:
    """Run the command line in-process; return (exit code, stdout, stderr)."""
    stdout, stderr = io.StringIO(), io.StringIO()
    code = main(list(argv), stdin=io.StringIO(stdin), stdout=stdout, stderr=stderr)
    return code, stdout.getvalue(), stderr.getvalue()


@pytest.fixture(params=["2021", "2019"])
def report_file(request: pytest.FixtureRequest, tmp_path: Path) -> tuple[str, Path]:
    """A bundled example written to a file."""
    path = tmp_path / f"report-{request.param}.json"
    path.write_text(example_text(request.param), encoding="utf-8")
    return request.param, path


@pytest.mark.parametrize(("to", "renderer"), [("html", html.render), ("page", page.render),
                                              ("md", markdown.render), ("txt", text.render)])
def test_text_formats_go_to_stdout(report_file: tuple[str, Path], to: str,
                                   renderer: object) -> None:
    """Without -o the output is the renderer's, on stdout."""
    version, path = report_file
    code, out, err = run("render", str(path), "--to", to)
    assert (code, err) == (0, "")
    assert callable(renderer)
    assert out == renderer(load_example(version))


def test_output_file_and_stdin(tmp_path: Path) -> None:
    """-o writes the file (no temporary left behind); - reads the report from stdin."""
    target = tmp_path / "report.html"
    code, out, err = run("render", "-", "--to", "page", "-o", str(target),
                         stdin=example_text("2021"))
    assert (code, out, err) == (0, "", "")
    assert target.read_text(encoding="utf-8") == page.render(load_example("2021"))
    assert [entry.name for entry in tmp_path.iterdir()] == ["report.html"]


def test_docx_is_written_to_a_file(report_file: tuple[str, Path], tmp_path: Path) -> None:
    """--to docx -o writes a Word document (a zip archive)."""
    _, path = report_file
    target = tmp_path / "report.docx"
    assert run("render", str(path), "--to", "docx", "-o", str(target)) == (0, "", "")
    assert target.read_bytes()[:2] == b"PK"


def test_docx_needs_an_output_file(tmp_path: Path) -> None:
    """--to docx without -o is a usage error (exit 2), nothing written to stdout."""
    path = tmp_path / "r.json"
    path.write_text(example_text("2021"), encoding="utf-8")
    code, out, err = run("render", str(path), "--to", "docx")
    assert (code, out) == (2, "")
    assert err == ("govinfo-report render: --to docx 需要 -o 输出文件或重定向到管道"
                   "（a Word document is binary: give -o FILE）\n")


def test_prefix_and_templates_options(tmp_path: Path) -> None:
    """--prefix renames the classes; --templates overrides a template; a bad prefix exits 2."""
    path = tmp_path / "r.json"
    path.write_text(example_text("2021"), encoding="utf-8")
    code, out, _ = run("render", str(path), "--to", "html", "--prefix", "gov-")
    assert code == 0
    assert out.startswith('<div class="gov-report gov-format-2021"')
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "report.txt.j2").write_text("{{ view.title }}|{{ view.sections|length }}\n",
                                             encoding="utf-8")
    code, out, _ = run("render", str(path), "--to", "txt", "--templates", str(templates))
    assert (code, out) == (0, "示范县青山镇人民政府2023年政府信息公开工作年度报告|6\n")
    code, out, err = run("render", str(path), "--to", "html", "--prefix", "1x")
    assert (code, out) == (2, "")
    assert "CSS 类名前缀" in err


def test_bad_input_exits_2_without_traceback(tmp_path: Path) -> None:
    """An invalid report or unknown format is reported on one line per problem, exit 2."""
    path = tmp_path / "bad.json"
    path.write_text('{"format": "2021"}', encoding="utf-8")
    code, out, err = run("render", str(path), "--to", "md")
    assert (code, out) == (2, "")
    assert "Traceback" not in err
    assert "$.metadata" in err
    code, _, err = run("render", str(path), "--to", "pdf")
    assert code == 2
    assert "invalid choice" in err


def test_check_marks_the_findings(tmp_path: Path) -> None:
    """--check overlays the consistency findings: the same output as rendering with them,
    and exit 1 for the failing error, as validate would."""
    import json

    from govinfo_report import loads
    from govinfo_report.rules import iter_findings

    document = json.loads(example_text("2021"))
    document["applications"]["new_received"]["natural_person"] = 13
    source = tmp_path / "wrong.json"
    source.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    report = loads(source.read_text(encoding="utf-8"))
    findings = list(iter_findings(report))
    assert findings
    code, out, _ = run("render", str(source), "--to", "txt", "--check")
    assert code == 1
    assert out == text.render(report, findings=findings)
    assert run("render", str(source), "--to", "txt") == (0, text.render(report), "")
    assert run("render", "-", "--to", "txt", "--check", stdin=example_text("2021"))[0] == 0
    assert out != text.render(report)
