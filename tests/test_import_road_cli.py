"""``govinfo-report import`` on the road: standard input, workbooks of many reports,
and the organ and year given on the command line."""

from __future__ import annotations

import io
import json
from pathlib import Path

from govinfo_report import load
from govinfo_report.cli import EXIT_FINDINGS, EXIT_INVALID, EXIT_OK, main
from govinfo_report.examples import load_example
from govinfo_report.export import write_xlsx
from govinfo_report.importers import text
from govinfo_report.render import render_html

from .test_import_road_roundtrip import published_like


def run(*argv: str, stdin: bytes = b"") -> tuple[int, str, str]:
    """Run the CLI in-process with ``stdin`` as bytes; return (exit code, stdout, stderr)."""
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), stdin=io.TextIOWrapper(io.BytesIO(stdin)), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def test_standard_input_in_any_encoding() -> None:
    """`import -` reads bytes and detects the kind: a GB18030 HTML fragment here."""
    report = load_example("2021")
    page = render_html(report).encode("gb18030")
    code, out, err = run("import", "-", stdin=page)
    assert code == EXIT_OK, err
    assert json.loads(out)["applications"]["new_received"]["total"] == 15
    assert err.startswith("<stdin>: ")


def test_missing_organ_and_year_are_named_and_can_be_given(tmp_path: Path) -> None:
    """Without organ and year the report is still written, with both null, and loads;
    validate names them (M1). Given on the command line, they are used."""
    source = tmp_path / "table.txt"
    source.write_text("二、主动公开政府信息情况\n第二十条第（五）项\n行政许可 6\n", encoding="utf-8")
    target = tmp_path / "report.json"
    code, out, err = run("import", str(source), "-o", str(target))
    assert (code, out) == (EXIT_FINDINGS, "")
    assert ("table.txt: 未读出机关名称、报告年度，报告 JSON 中记为 null；请补填，或用 --organ 和 --year "
            "给出（not found in the source: written as null; fill them in or give them on the "
            "command line）") in err.splitlines()
    unknown = load(target)
    assert (unknown.metadata.organ, unknown.metadata.year) == (None, None)
    assert unknown.proactive_disclosure.art20_5.licensing.decisions == 6
    code, out, _ = run("validate", str(target), "--format", "json")
    assert code == EXIT_OK  # M1 is a warning, as a blank cell is; an error under --strict
    assert [finding["json_paths"] for finding in json.loads(out)["files"][0]["findings"]
            if finding["rule"] == "M1"] == [["$.metadata.organ"], ["$.metadata.year"]]
    code, _, err = run("import", str(source), "-o", str(target), "--organ", "示范县青山镇人民政府",
                       "--year", "2023", "--provenance", str(tmp_path / "p.json"))
    assert code == EXIT_FINDINGS  # the cells the table leaves out are still blank
    assert "未读出" not in err
    report = load(target)
    assert (report.metadata.organ, report.metadata.year, report.metadata.level.value) == \
        ("示范县青山镇人民政府", 2023, "township")
    fields = json.loads((tmp_path / "p.json").read_text(encoding="utf-8"))["fields"]
    assert fields["$.metadata.year"]["raw"] == "given"


def test_a_year_out_of_range_is_a_usage_error(tmp_path: Path) -> None:
    source = tmp_path / "r.txt"
    source.write_text(text.EXAMPLE, encoding="utf-8")
    code, _, err = run("import", str(source), "--year", "1999")
    assert code == EXIT_INVALID
    assert "--year" in err


def test_a_workbook_of_many_reports_writes_one_json_each(tmp_path: Path) -> None:
    """One JSON per report, named by number and organ; without a directory, exit 2."""
    reports = [published_like(load_example("2021"), organ, 2023)
               for organ in ("青山镇人民政府", "绿水镇人民政府")]
    workbook = tmp_path / "county.xlsx"
    write_xlsx(reports, workbook)
    code, out, err = run("import", str(workbook))
    assert (code, out) == (EXIT_INVALID, "")
    assert "工作簿中有 2 份报告，请用 -o 给一个目录" in err
    code, _, err = run("import", str(workbook), "-o", str(tmp_path / "out"),
                       "--provenance", str(tmp_path / "sources"))
    assert code == EXIT_FINDINGS  # 信息处理费 is not in the workbook
    written = sorted(path.name for path in (tmp_path / "out").iterdir())
    assert written == ["01-青山镇人民政府.json", "02-绿水镇人民政府.json"]
    assert load(tmp_path / "out" / written[1]).metadata.organ == "绿水镇人民政府"
    assert sorted(path.name for path in (tmp_path / "sources").iterdir()) == written
    assert "county.xlsx[绿水镇人民政府]: " in err
