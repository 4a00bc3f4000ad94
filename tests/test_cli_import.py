"""``govinfo-report import``: located lines for what could not be read, exit codes, atomic output."""

from __future__ import annotations

import io
import json
import os
from pathlib import Path

import attrs

from govinfo_report import load
from govinfo_report.cli import EXIT_FINDINGS, EXIT_INVALID, EXIT_OK, main
from govinfo_report.examples import load_example
from govinfo_report.model import Report

from .layouts import html, official_document, tabbed

NALEISI = Path(__file__).parent / "data" / "naleisi-town-2020.txt"


def run(*argv: str) -> tuple[int, str, str]:
    """Run the CLI in-process; return (exit code, stdout, stderr)."""
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), stdin=io.StringIO(), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def test_naleisi_is_imported_with_its_blank_cells_listed(tmp_path: Path) -> None:
    """The real fixture: report written, one located line per finding, exit 1 for blanks."""
    target = tmp_path / "report.json"
    code, out, err = run("import", str(NALEISI), "-o", str(target))
    assert (code, out) == (EXIT_FINDINGS, "")
    assert load(target) == _with_ocr_duplicate()
    lines = err.splitlines()
    assert lines[0] == ("naleisi-town-2020.txt: 第 33 行第 1 格：表题「第二十一条第（一）项」按"
                        "「第二十条第（一）项」读取（条文序号有误） [IMP-CAPTION $.proactive_disclosure]")
    assert ("naleisi-town-2020.txt: 第 62 行第 10 格：「（一）予以公开」总计栏留空（原文未填） "
            "[IMP-BLANK $.applications.results.granted.total]") in lines
    assert lines[-1] == ("naleisi-town-2020.txt: 中华人民共和国政府信息公开工作年度报告格式（试行）："
                         "198 格中 147 格已读出，51 格留空或待核对（147 of 198 cells read）")
    assert not list(tmp_path.glob(".report.json.*"))


def _with_ocr_duplicate() -> Report:
    """The transcription with the character the OCR doubled at a page break, kept by the import."""
    expected = load_example("2019")
    supervision = expected.overview.supervision.replace("感受政府", "感受受政府")
    return attrs.evolve(expected, overview=attrs.evolve(expected.overview,
                                                        supervision=supervision))


def test_a_complete_import_exits_0_and_prints_the_json(tmp_path: Path) -> None:
    """A page whose every cell is read exits 0 and writes the report to stdout."""
    source = tmp_path / "report.html"
    source.write_text(html(official_document(load_example("2021"))), encoding="utf-8")
    code, out, err = run("import", str(source))
    assert code == EXIT_OK
    assert json.loads(out)["applications"]["new_received"]["total"] == 15
    assert err == ("report.html: 中华人民共和国政府信息公开工作年度报告格式：203 格中 203 格已读出，"
                   "0 格留空或待核对（203 of 203 cells read）\n")


def test_from_and_provenance(tmp_path: Path) -> None:
    """--from overrides detection; --provenance writes where each cell came from."""
    source = tmp_path / "copied.dat"
    source.write_text(tabbed(official_document(load_example("2021"))), encoding="utf-8")
    provenance = tmp_path / "provenance.json"
    code, out, _ = run("import", str(source), "--from", "text", "--provenance", str(provenance))
    assert code == EXIT_OK
    cells = json.loads(provenance.read_text(encoding="utf-8"))["cells"]
    assert cells["$.reviews.reconsideration.total"]["raw"] == "2"
    assert cells["$.reviews.reconsideration.total"]["location"]["column"] == 5
    assert json.loads(out)["format"] == "2021"


def test_a_fifo_is_refused_not_waited_on(tmp_path: Path) -> None:
    """A named pipe would block the import forever: it is refused at once (exit 2)."""
    fifo = tmp_path / "report.txt"
    os.mkfifo(fifo)
    code, out, err = run("import", str(fifo))
    assert (code, out) == (EXIT_INVALID, "")
    assert err == (f"{fifo}: 无法读取文件（cannot read the file）：不是普通文件（not a regular "
                   "file）；从管道或设备读取请用 - 表示标准输入\n")


def test_unreadable_files_exit_2() -> None:
    """A missing file or a document of the wrong kind exits 2 with one line, no traceback."""
    code, out, err = run("import", "/nonexistent/report.txt")
    assert (code, out) == (EXIT_INVALID, "")
    assert err == ("/nonexistent/report.txt: 无法读取文件（cannot read the file）："
                   "没有这个文件或目录（No such file or directory）\n")
    code, _, err = run("import", str(NALEISI), "--from", "pdf")
    assert code == EXIT_INVALID
    assert err.startswith(f"{NALEISI}: 无法读取 PDF（cannot read the PDF）：")
    assert "Traceback" not in err
