"""Commands an embedding developer and a statistician reach for: new, wide export, `-`, --jobs."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

import govinfo_report as gr
from govinfo_report.cli import EXIT_FINDINGS, EXIT_INVALID, EXIT_OK, _batch, main
from govinfo_report.examples import example_text, load_example
from govinfo_report.export import wide_header

from .workers import force_workers


def run(*argv: str, stdin: str = "") -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), stdin=io.StringIO(stdin), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def test_new_writes_a_blank_report_that_validates_with_warnings_only(tmp_path: Path) -> None:
    """`new`: every cell null; validate exits 0 with blank-cell warnings, 1 under --strict."""
    target = tmp_path / "draft.json"
    code, out, _ = run("new", "--format", "2021", "--organ", "示范县青山镇人民政府",
                       "--year", "2024", "-o", str(target))
    assert (code, out) == (EXIT_OK, "")
    draft = gr.load(target)
    assert draft == gr.blank_report("2021", organ="示范县青山镇人民政府", year=2024)
    code, out, err = run("validate", str(target))
    assert code == EXIT_OK
    assert {line.split()[2] for line in out.splitlines()} == {"B1"}
    assert "0 处错误" in err
    assert run("validate", "--strict", str(target))[0] == EXIT_FINDINGS


def test_new_to_stdout_for_the_trial_format() -> None:
    """Without -o the JSON goes to stdout; the trial format defaults to 2020."""
    code, out, _ = run("new", "--format", "2019", "--level", "county")
    assert code == EXIT_OK
    draft = gr.loads(out)
    assert (draft.format.value, draft.metadata.year, draft.metadata.level.value) == \
        ("2019", 2020, "county")


def test_export_wide_csv_and_stdout_infers_csv(tmp_path: Path) -> None:
    """--shape wide: one row per report under the official labels; -o - means CSV."""
    files = []
    for organ in ("甲镇", "乙镇"):
        report = gr.set_path(load_example("2021"), "$.metadata.organ", organ)
        file = tmp_path / f"{organ}.json"
        gr.dump(report, file)
        files.append(str(file))
    code, out, _ = run("export", *files, "--shape", "wide", "-o", "-")
    assert code == EXIT_OK
    rows = list(csv.reader(io.StringIO(out)))
    assert tuple(rows[0]) == wide_header("2021")
    assert [row[0] for row in rows[1:]] == ["甲镇", "乙镇"]
    code, out, _ = run("export", files[0], "-o", "-")
    assert code == EXIT_OK
    assert out.startswith("organ,level,division_code,year,format,part,")


def test_export_wide_refuses_xlsx_and_mixed_versions(tmp_path: Path) -> None:
    """The wide shape is CSV only; two format versions in one wide table: exit 2, no file."""
    code, _, err = run("export", "-", "--shape", "wide", "-o", str(tmp_path / "x.xlsx"))
    assert (code, err) == (EXIT_INVALID, "govinfo-report export: --shape wide 只用于 CSV"
                                         "（the wide shape is written as CSV only）\n")
    old, new = tmp_path / "2021.json", tmp_path / "2019.json"
    old.write_text(example_text("2021"), encoding="utf-8")
    new.write_text(example_text("2019"), encoding="utf-8")
    target = tmp_path / "wide.csv"
    code, _, err = run("export", str(old), str(new), "--shape", "wide", "-o", str(target))
    assert code == EXIT_INVALID
    assert "宽表只能放一种格式版本" in err
    assert not target.exists()


def test_stdin_works_for_render_and_compare(tmp_path: Path) -> None:
    """`-` reads standard input in render and compare as in validate."""
    code, out, _ = run("render", "-", "--to", "txt", stdin=example_text("2021"))
    assert code == EXIT_OK
    assert out == gr.render.render_text(load_example("2021"))
    earlier = gr.set_path(load_example("2021"), "$.metadata.year", 2022)
    file = tmp_path / "earlier.json"
    gr.dump(earlier, file)
    code, out, _ = run("compare", str(file), "-", stdin=example_text("2021"))
    assert code in (EXIT_OK, EXIT_FINDINGS)
    assert out.startswith("比较：")


def test_validate_previous_from_stdin(tmp_path: Path) -> None:
    """--previous - reads last year's report from standard input; W1 then runs."""
    current = load_example("2021")
    earlier = gr.set_path(gr.set_path(current, "$.metadata.year", current.metadata.year - 1),
                          "$.applications.carried_forward.total", 99)
    file = tmp_path / "current.json"
    gr.dump(current, file)
    code, out, _ = run("validate", "--format", "json", "--previous", "-", str(file),
                       stdin=gr.dumps(earlier))
    shown = json.loads(out)["files"][0]
    assert code == EXIT_OK
    assert shown["previous"] == "<stdin>"
    assert "W1" in {finding["rule"] for finding in shown["findings"]}


@pytest.mark.parametrize(("argv", "message"), [
    (["--to", "md", "--strict"], "--strict 只与 --check 一起使用（--strict needs --check）"),
    (["--to", "docx", "--templates", ".", "-o", "x.docx"],
     "--templates 不用于 docx（Word output has no templates）"),
    (["--to", "txt", "--prefix", "gov-"], "--prefix 只用于 html 和 page（--prefix has no effect on txt）"),
])
def test_options_without_effect_are_refused(argv: list[str], message: str) -> None:
    """An option that would be ignored is a usage error naming why."""
    code, out, err = run("render", "-", *argv, stdin=example_text("2021"))
    assert (code, out, err) == (EXIT_INVALID, "", f"govinfo-report render: {message}\n")


def test_compare_all_with_json_is_refused() -> None:
    """--all only changes the text output."""
    code, _, err = run("compare", "a.json", "b.json", "--format", "json", "--all")
    assert code == EXIT_INVALID
    assert "--all has no effect with --format json" in err


def test_docx_goes_to_a_pipe() -> None:
    """render --to docx without -o writes the document to a piped stdout."""
    result = subprocess.run([sys.executable, "-m", "govinfo_report", "render", "-", "--to",
                             "docx"], input=example_text("2021").encode(), capture_output=True,
                            check=False, timeout=120)
    assert result.returncode == EXIT_OK, result.stderr.decode()
    assert result.stdout == gr.render.render_docx(load_example("2021"))


@pytest.mark.parametrize(("requested", "files", "workers"), [
    (0, 1, 1), (0, 2, 1), (2, 2, 1), (2, 100, 1), (8, 5 * _batch.FILES_PER_WORKER, 5),
    (2, 10 * _batch.FILES_PER_WORKER, 2), (1, 10 * _batch.FILES_PER_WORKER, 1),
])
def test_small_inputs_never_start_workers(requested: int, files: int, workers: int) -> None:
    """Workers start only when each gets FILES_PER_WORKER files; --jobs is an upper bound."""
    assert _batch.worker_count(requested, files) == workers


@pytest.mark.parametrize("method", ["fork", "spawn"])
def test_forced_workers_give_the_same_results(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                              method: str) -> None:
    """With the threshold lowered, two worker processes (forked or spawned) report exactly
    what one process does, pairing and stdin included."""
    for index in range(3):
        (tmp_path / f"r{index}.json").write_text(example_text("2019"), encoding="utf-8")
    for organ in ("甲镇人民政府", "乙镇人民政府"):  # two organs, each with two years
        for name, year_back in (("now", 0), ("before", 1)):
            document = json.loads(example_text("2021"))
            document["metadata"]["organ"] = organ
            document["metadata"]["year"] -= year_back
            document["applications"]["new_received"]["natural_person"] += year_back
            (tmp_path / f"{organ}-{name}.json").write_text(
                json.dumps(document, ensure_ascii=False), encoding="utf-8")
    (tmp_path / "broken.json").write_text("{", encoding="utf-8")
    arguments = ("validate", "--format", "json", str(tmp_path), "-")
    single = run(*arguments[:1], "--jobs", "1", *arguments[1:], stdin=example_text("2019"))
    started = force_workers(monkeypatch, method)
    double = run(*arguments[:1], "--jobs", "2", *arguments[1:], stdin=example_text("2019"))
    assert started == [method, method]  # the files, then the pairs by year
    assert single == double
    assert single[0] == EXIT_INVALID
    files = json.loads(single[1])["files"]
    assert [file["previous"] for file in files if file["file"].endswith("now.json")] == [
        str(tmp_path / "乙镇人民政府-before.json"), str(tmp_path / "甲镇人民政府-before.json")]
