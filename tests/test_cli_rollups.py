"""The aggregate, compare and export commands, in-process with injected streams."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import attrs
import openpyxl
import pytest

from govinfo_report import dump, dumps, load
from govinfo_report.cli import EXIT_FINDINGS, EXIT_INVALID, EXIT_OK, _cmd_aggregate, _common, main
from govinfo_report.cli._reading import ReportReader
from govinfo_report.examples import load_example
from govinfo_report.export import RECORD_FIELDS, RECORDS_SHEET
from govinfo_report.model import Report
from govinfo_report.rollup import aggregate

from .sample_reports import procurement, renamed, with_cells
from .workers import force_workers

PROCUREMENT = "$.proactive_disclosure.art20_9.procurement"

TOWNS = ("青山镇", "绿水镇", "白云镇")


class Terminal(io.StringIO):
    """A text stream that says it is a terminal."""

    def isatty(self) -> bool:
        return True


def run(*argv: str, terminal: bool = False) -> tuple[int, str, str]:
    """Run the CLI in-process; return (exit code, stdout, stderr)."""
    out, err = io.StringIO(), Terminal() if terminal else io.StringIO()
    code = main(list(argv), stdin=io.StringIO(), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def towns(tmp_path: Path) -> Path:
    """A directory of three 2021 township reports, one in a subdirectory."""
    directory = tmp_path / "towns"
    (directory / "north").mkdir(parents=True)
    for index, name in enumerate(TOWNS):
        where = directory / "north" if index == 2 else directory
        dump(renamed(load_example("2021"), f"示范县{name}人民政府"), where / f"{name}.json")
    return directory


def town_files(towns: Path) -> list[Path]:
    """The township files in the order a directory is read (sorted paths)."""
    return sorted(towns.rglob("*.json"), key=str)


def test_aggregate_a_directory_recursively(towns: Path, tmp_path: Path) -> None:
    """Every *.json below the directory is summed; the output is the library's roll-up."""
    target = tmp_path / "county.json"
    code, out, err = run("aggregate", str(towns), "-o", str(target), "--organ", "示范县人民政府",
                         "--level", "county", "--division-code", "620102")
    assert (code, out, err) == (EXIT_OK, "", "")
    files = town_files(towns)
    expected = aggregate([load(path) for path in files], organ="示范县人民政府", level="county",
                         division_code="620102", sources=[str(path) for path in files])
    assert load(target) == expected.report
    assert load(target).applications.new_received.total == 45


def test_aggregate_to_stdout_with_defaults(towns: Path) -> None:
    """Without -o the roll-up goes to stdout; organ and level default to 汇总 and county."""
    code, out, _ = run("aggregate", str(towns))
    report = json.loads(out)
    assert code == EXIT_OK
    assert (report["metadata"]["organ"], report["metadata"]["level"]) == ("汇总", "county")


def test_aggregate_reports_blank_cells(tmp_path: Path) -> None:
    """Blank input cells are listed on stderr; exit 1, or 0 when counted as zero."""
    naleisi = load_example("2019")
    files = [tmp_path / "a.json", tmp_path / "b.json"]
    dump(naleisi, files[0])
    dump(renamed(naleisi, "乙镇"), files[1])
    code, _, err = run("aggregate", *map(str, files), "-o", str(tmp_path / "c.json"))
    lines = err.splitlines()
    assert code == EXIT_FINDINGS
    assert lines[0] == "18 个单元格有输入留空，汇总结果中留空（18 cell(s) blank in some input）："
    assert lines[1] == (
        "  $.proactive_disclosure.art20_6.punishment.decisions（二、主动公开政府信息情况 › "
        f"第二十条第（六）项 › 行政处罚 › 处理决定数量）: {files[0]}、{files[1]}")
    assert len(lines) == 19
    code, _, err = run("aggregate", *map(str, files), "-o", str(tmp_path / "c.json"),
                       "--blank", "zero")
    assert code == EXIT_OK
    assert err.startswith("18 个单元格有输入留空，已按 0 计")


def test_aggregate_bad_files_one_line_each(towns: Path, tmp_path: Path) -> None:
    """Each unreadable or invalid file gets one line; exit 2 and no output."""
    broken = tmp_path / "broken.json"
    broken.write_text('{"format": "2021"}', encoding="utf-8")
    target = tmp_path / "county.json"
    code, _, err = run("aggregate", str(towns), str(broken), str(tmp_path / "missing.json"),
                       "-o", str(target))
    assert code == EXIT_INVALID
    assert err.splitlines() == [
        f"{broken}: $.metadata（基本信息）: 缺少必需的键（required key is missing）"
        "（另有 6 处问题，可用 govinfo-report validate 查看）",
        f"{tmp_path / 'missing.json'}: $: 无法读取文件（cannot read the file）：没有这个文件或目录（No such file or directory）"]
    assert not target.exists()


def test_aggregate_mixed_versions_is_refused(towns: Path, tmp_path: Path) -> None:
    """A trial-format report among 2021 ones: one line naming it, exit 2."""
    odd = tmp_path / "naleisi.json"
    dump(load_example("2019"), odd)
    code, _, err = run("aggregate", str(towns), str(odd), "-o", str(tmp_path / "c.json"))
    assert code == EXIT_INVALID
    assert err == ("不能汇总不同格式版本的报告（cannot roll up reports of different format versions）："
                   f"多数为 2021（国办公开办函〔2021〕30号），以下报告不同：{odd}：2019（国办公开办函〔2019〕60号）\n")


def years(tmp_path: Path, previous: Report, current: Report) -> tuple[str, str]:
    """Write two years of one organ; return their file names."""
    names = (tmp_path / "previous.json", tmp_path / "current.json")
    dump(previous, names[0])
    dump(current, names[1])
    return str(names[0]), str(names[1])


def test_compare_text(tmp_path: Path) -> None:
    """Text output lists changed cells, jumps and cross-year findings; warnings exit 1."""
    current = load_example("2021")
    previous = attrs.evolve(current, metadata=attrs.evolve(current.metadata, year=2022))
    code, out, _ = run("compare", *years(tmp_path, previous, current))
    assert code == EXIT_FINDINGS  # the example's 现行有效件数 does not carry on (W2)
    lines = out.splitlines()
    assert lines[:4] == [
        "比较：示范县青山镇人民政府 2022 年度（2021 格式） → 示范县青山镇人民政府 2023 年度（2021 格式）",
        "变化的单元格：0 个（共比较 203 个）",
        "大幅变化：0 个（比值 > 5 或 < 1/5，且较大值 ≥ 20）",
        "跨年检查（W1、W2）：1 条发现"]
    assert lines[4].startswith("  W2 $.proactive_disclosure.art20_1.normative_documents.in_force: ")


def test_compare_json_and_thresholds(tmp_path: Path) -> None:
    """JSON output is the comparison's JSON form; thresholds come from the options."""
    naleisi = load_example("2019")
    current = renamed(load_example("2021"), naleisi.metadata.organ, year=2021)
    code, out, _ = run("compare", *years(tmp_path, naleisi, current), "--format", "json",
                       "--jump-ratio", "3", "--min-count", "5")
    document = json.loads(out)
    assert code == EXIT_FINDINGS
    assert document["thresholds"] == {"jump_ratio": 3.0, "min_count": 5}
    assert {cell["json_path"] for cell in document["cells"] if cell["jump"]} >= {
        "$.applications.new_received.natural_person"}
    assert [finding["rule"] for finding in document["findings"]][:2] == ["W1", "W1"]


def test_compare_errors(tmp_path: Path) -> None:
    """Years in the wrong order, or a bad file: one line, exit 2."""
    report = load_example("2021")
    code, _, err = run("compare", *years(tmp_path, report, report))
    assert (code, err) == (EXIT_INVALID, "上一年度报告是 2023 年度，应早于本年度报告的 2023 年度"
                                         "（the previous report must be of an earlier year）\n")
    code, _, err = run("compare", str(tmp_path / "previous.json"), str(tmp_path / "none.json"))
    assert code == EXIT_INVALID
    assert err.count("\n") == 1
    code, _, err = run("compare", str(tmp_path), str(tmp_path / "current.json"))
    assert code == EXIT_INVALID
    assert "需要两个报告文件" in err


def test_export_csv_with_bom(towns: Path, tmp_path: Path) -> None:
    """CSV export of a directory: BOM, header, one row per cell of each report."""
    target = tmp_path / "cells.csv"
    assert run("export", str(towns), "--to", "csv", "-o", str(target), "--bom")[0] == EXIT_OK
    data = target.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert rows[0] == list(RECORD_FIELDS)
    assert len(rows) == 1 + 3 * 203
    assert [row[0] for row in rows[1::203]] == [load(path).metadata.organ
                                                for path in town_files(towns)]


def test_export_xlsx_from_the_output_name(towns: Path, tmp_path: Path) -> None:
    """Without --to the kind comes from the output's suffix; the workbook has its sheets."""
    target = tmp_path / "cells.xlsx"
    assert run("export", str(towns), "-o", str(target))[0] == EXIT_OK
    workbook = openpyxl.load_workbook(target)
    assert workbook.sheetnames[-1] == RECORDS_SHEET
    assert workbook[RECORDS_SHEET].max_row == 1 + 3 * 203


def test_export_to_stdout(towns: Path) -> None:
    """`-o -` writes the CSV to stdout."""
    code, out, _ = run("export", str(towns), "--to", "csv", "-o", "-")
    assert code == EXIT_OK
    assert out.startswith("organ,level,division_code,")
    assert out.count("\r\n") == 1 + 3 * 203


def test_export_usage_errors(towns: Path, tmp_path: Path) -> None:
    """An unknown kind, --bom for XLSX, or XLSX to stdout: one line, exit 2."""
    for argv, message in [
        (("-o", str(tmp_path / "cells.txt")), "请用 --to csv 或 --to xlsx 指定格式"),
        (("-o", str(tmp_path / "cells.xlsx"), "--bom"), "--bom 只用于 CSV"),
        (("--to", "xlsx", "-o", "-"), "XLSX 不能写到标准输出"),
    ]:
        code, _, err = run("export", str(towns), *argv)
        assert code == EXIT_INVALID
        assert message in err
        assert err.count("\n") == 1


def test_export_bad_file_writes_nothing(towns: Path, tmp_path: Path) -> None:
    """A bad input: its line, exit 2, and no (partial) output file."""
    broken = tmp_path / "broken.json"
    broken.write_text("{", encoding="utf-8")
    target = tmp_path / "cells.csv"
    code, _, err = run("export", str(towns), str(broken), "-o", str(target))
    assert code == EXIT_INVALID
    assert err.startswith(f"{broken}: $: 不是有效的 JSON")
    assert err.count("\n") == 1
    assert not target.exists()
    assert sorted(path.name for path in tmp_path.iterdir()) == ["broken.json", "towns"]


def test_progress_only_on_a_terminal_for_large_inputs(
        towns: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The progress bar goes to stderr when it is a terminal and the input is large."""
    target = str(tmp_path / "cells.csv")
    _, _, err = run("export", str(towns), "-o", target, terminal=True)
    assert err == ""
    monkeypatch.setattr(_common, "PROGRESS_MIN", 3)
    _, _, err = run("export", str(towns), "-o", target)
    assert err == ""
    _, _, err = run("export", str(towns), "-o", target, terminal=True)
    assert "\r导出 [" in err
    assert "3/3" in err
    assert err.endswith("\r\033[K")


def _unbalance(file: Path) -> None:
    """Put one row total of the report at ``file`` off by 2 (it then fails I1 and I2)."""
    document = json.loads(file.read_text(encoding="utf-8"))
    document["applications"]["results"]["denied"]["third_party"]["total"] += 2
    file.write_text(json.dumps(document, ensure_ascii=False, indent=2), encoding="utf-8")


def test_aggregate_refuses_inputs_that_fail_an_error_rule(towns: Path, tmp_path: Path) -> None:
    """Exit 1, nothing written, each failing input named with its rules and first paths."""
    files = town_files(towns)
    _unbalance(files[0])
    _unbalance(files[2])
    target = tmp_path / "county.json"
    code, out, err = run("aggregate", str(towns), "-o", str(target))
    assert (code, out) == (EXIT_FINDINGS, "")
    assert not target.exists()
    lines = err.splitlines()
    assert lines[0].startswith("2 份报告有不通过的检查")
    assert "--allow-inconsistent" in lines[0]
    assert lines[1:] == [f"  {files[index]}：I1 $.applications.results.denied.third_party.total；"
                         "I2 $.applications.results.total.total" for index in (0, 2)]


def test_aggregate_allow_inconsistent_sums_and_still_lists(towns: Path, tmp_path: Path) -> None:
    """--allow-inconsistent writes the roll-up (which fails too) and lists the inputs."""
    files = town_files(towns)
    _unbalance(files[1])
    target = tmp_path / "county.json"
    code, out, err = run("aggregate", str(towns), "-o", str(target), "--allow-inconsistent")
    assert (code, out) == (EXIT_OK, "")
    assert err.splitlines()[1].startswith(f"  {files[1]}：I1 ")
    expected = aggregate([load(path) for path in files], organ="汇总", level="county",
                         sources=[str(path) for path in files], check_inputs=False)
    assert load(target) == expected.report


def test_aggregate_mixed_inputs_exit_2_before_consistency(towns: Path) -> None:
    """Inputs that cannot be summed at all are refused as before (exit 2), checked first."""
    files = town_files(towns)
    _unbalance(files[0])
    report = load(files[1])
    dump(attrs.evolve(report, metadata=attrs.evolve(report.metadata, year=2022)), files[1])
    code, _, err = run("aggregate", str(towns))
    assert code == EXIT_INVALID
    assert "不同年度" in err


def _same_with_workers(monkeypatch: pytest.MonkeyPatch, method: str,
                       *argv: str) -> tuple[int, str, str]:
    """Run aggregate in one process, then with workers forced; assert the same outcome."""
    single = run(*argv)
    started = force_workers(monkeypatch, method)
    assert run(*argv) == single
    assert started == [method]
    return single


@pytest.mark.parametrize("method", ["fork", "spawn"])
def test_workers_sum_what_one_process_sums(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                           method: str) -> None:
    """Summed in worker processes, the roll-up, blank cells, units converted, bad files and
    their order are exactly those of one process."""
    directory = tmp_path / "towns"
    directory.mkdir()
    trial = load_example("2019")
    for index, (amount, unit) in enumerate([("1.5", "万元"), ("300", "元"), (None, "元"),
                                            ("2", "万元"), ("0", None)]):
        dump(procurement(trial, f"第{index}镇", amount, unit), directory / f"r{index}.json")
    (directory / "r2b.json").write_text("{", encoding="utf-8")
    code, out, err = _same_with_workers(monkeypatch, method, "aggregate", str(directory))
    assert code == EXIT_INVALID
    assert err.startswith(f"{directory / 'r2b.json'}: ")
    (directory / "r2b.json").unlink()
    code, out, err = _same_with_workers(monkeypatch, method, "aggregate", str(directory),
                                        "--blank", "zero")
    assert code == EXIT_OK
    record = json.loads(out)["extensions"]["rollup"]
    assert record["converted"][0]["inputs"] == [0, 3]
    assert [item["source"] for item in record["inputs"]] == [
        str(directory / f"r{index}.json") for index in range(5)]
    assert {"json_path": f"{PROCUREMENT}.total_amount", "inputs": [2]} in record["blank_cells"]


def test_workers_list_inconsistent_inputs_in_order(towns: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """An input failing an error-level rule is named as one process names it."""
    wrong = load(town_files(towns)[1])
    dump(with_cells(wrong, applications__new_received__natural_person=99),
         town_files(towns)[1])
    code, out, err = _same_with_workers(monkeypatch, "fork", "aggregate", str(towns))
    assert code == EXIT_FINDINGS
    assert out == ""
    assert str(town_files(towns)[1]) in err


def _many_towns(directory: Path, count: int) -> None:
    """``count`` towns in directories nested so that files and subdirectories interleave."""
    example = load_example("2021")
    for index in range(count):
        where = directory / f"{index % 3}" / ("a-b" if index % 2 else "a") if index % 5 else \
            directory
        where.mkdir(parents=True, exist_ok=True)
        dump(renamed(example, f"第{index}镇"), where / f"a{index}.json")


def _without_progress(err: str) -> str:
    return re.sub(r"\r读取 \[[#.]*\] \d+/\d+|\r\033\[K", "", err)


def test_workers_take_inputs_while_they_are_listed(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """More inputs than are listed before the workers start: the roll-up, the order of the
    bad files' lines and the progress bar's total are those of one process."""
    directory = tmp_path / "towns"
    _many_towns(directory, 60)
    (directory / "1" / "a-b" / "a31.json").write_text("{", encoding="utf-8")
    (directory / "1" / "a" / "a52.json").write_text("[]", encoding="utf-8")
    monkeypatch.setattr(_common, "PROGRESS_MIN", 3)
    single = run("aggregate", str(directory), "--organ", "示范县人民政府", terminal=True)
    assert single[0] == EXIT_INVALID
    monkeypatch.setattr("os.cpu_count", lambda: 2)
    monkeypatch.setattr(_cmd_aggregate, "MAX_CHUNK", 2)  # 2 × 8 × 2 = 32 listed first
    listed_first = []
    look_ahead = ReportReader.look_ahead

    def spy(reader: ReportReader, count: int | None) -> bool:
        listed_first.append(look_ahead(reader, count))
        return listed_first[-1]

    monkeypatch.setattr(ReportReader, "look_ahead", spy)
    force_workers(monkeypatch, "fork")
    summed = run("aggregate", str(directory), "--organ", "示范县人民政府", terminal=True)
    assert listed_first == [False]  # not every input was listed when the workers started
    assert summed[:2] == single[:2]
    assert _without_progress(summed[2]) == _without_progress(single[2])
    assert [line.split(": ")[0] for line in _without_progress(single[2]).splitlines()] == [
        str(directory / "1" / "a-b" / "a31.json"), str(directory / "1" / "a" / "a52.json")]
    assert summed[2].endswith("60/60\r\033[K")
    for bad in (directory / "1" / "a-b" / "a31.json", directory / "1" / "a" / "a52.json"):
        bad.unlink()
    target = tmp_path / "county.json"
    code, _, _ = run("aggregate", str(directory), "--organ", "示范县人民政府", "-o", str(target))
    assert code == EXIT_OK
    reports = [load(path) for path in sorted(directory.rglob("*.json"), key=str)]
    assert target.read_text(encoding="utf-8") == dumps(aggregate(
        reports, organ="示范县人民政府", level="county",
        sources=[str(path) for path in sorted(directory.rglob("*.json"), key=str)]).report)


def test_an_empty_directory_after_many_inputs_is_refused(tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    """A directory without a report found after the workers started: the usage error, no
    output, as when it is found first."""
    directory = tmp_path / "towns"
    _many_towns(directory, 40)
    (tmp_path / "empty").mkdir()
    monkeypatch.setattr("os.cpu_count", lambda: 2)
    monkeypatch.setattr(_cmd_aggregate, "MAX_CHUNK", 2)
    force_workers(monkeypatch, "fork")
    target = tmp_path / "county.json"
    code, out, err = run("aggregate", str(directory), str(tmp_path / "empty"), "-o", str(target))
    assert (code, out) == (EXIT_INVALID, "")
    assert err == f"目录 {tmp_path / 'empty'} 中没有 .json 文件（no .json file in the directory）\n"
    assert not target.exists()
    assert sorted(path.name for path in tmp_path.iterdir()) == ["empty", "towns"]
