"""`govinfo-report validate` and `rules`, in-process: exit codes, formats, pairing, batches."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest

from govinfo_report.cli import EXIT_FINDINGS, EXIT_INVALID, EXIT_OK, _common, main
from govinfo_report.convert import dumps
from govinfo_report.examples import example_text, load_example
from govinfo_report.rules import RULES, rule_by_id, rules_as_json
from govinfo_report.rules._examples import edited, example_case

EXAMPLES = Path(__file__).parent.parent / "src" / "govinfo_report" / "examples"
NALEISI_FINDINGS = 18


class Terminal(io.StringIO):
    """A stream that says it is a terminal."""

    def isatty(self) -> bool:
        return True


def run(*argv: str, stdin: str = "", stdout: io.StringIO | None = None,
        stderr: io.StringIO | None = None) -> tuple[int, str, str]:
    """Run the CLI in-process; return (exit code, stdout, stderr)."""
    out, err = stdout or io.StringIO(), stderr or io.StringIO()
    code = main(list(argv), stdin=io.StringIO(stdin), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def write(path: Path, text: str) -> str:
    """Write a file; return its name."""
    path.write_text(text, encoding="utf-8")
    return str(path)


def mutated_example(tmp_path: Path) -> str:
    """The 2021 example with one cell off by one (I1 and I2 break)."""
    report, _ = example_case(rule_by_id("I1").failing)
    return write(tmp_path / "mutated.json", dumps(report))


def test_bundled_examples_exit_0() -> None:
    """The bundled examples have no failing finding; naleisi's warnings are listed."""
    code, out, err = run("validate", str(EXAMPLES))
    assert code == EXIT_OK
    assert len(out.splitlines()) == NALEISI_FINDINGS
    assert all(" 警告 B" in line for line in out.splitlines())
    assert err == f"已检查 2 份报告：0 处错误，{NALEISI_FINDINGS} 处警告。\n"


def test_mutated_copy_exits_1_naming_the_cell(tmp_path: Path) -> None:
    """One changed cell: exit 1, a located line naming the cell, its labels and the values."""
    name = mutated_example(tmp_path)
    code, out, err = run("validate", name)
    assert code == EXIT_FINDINGS
    line = out.splitlines()[0]
    assert line == (f"{name}:128: 错误 I1 $.applications.results.denied.third_party.total: "
                    "三、本年度办理结果 › （三）不予公开 › 4.保护第三方合法权益 › 总计 为 2，"
                    "而本行各申请人类别之和为 1（相差 +1）")
    assert Path(name).read_text(encoding="utf-8").splitlines()[127].strip() == '"total": 2'
    assert err == "已检查 1 份报告：2 处错误，0 处警告。\n"


@pytest.mark.parametrize(("content", "message"), [
    ("not json at all", "不是有效的 JSON：第 1 行第 1 列"),
    ('{"format": "2021"}', "缺少必需的键"),
    ("[]", "应为 JSON 对象"),
])
def test_garbage_exits_2_with_one_line(tmp_path: Path, content: str, message: str) -> None:
    """Unreadable or invalid input: exit 2, one clear line per problem, no traceback."""
    name = write(tmp_path / "garbage.json", content)
    code, out, err = run("validate", name)
    assert code == EXIT_INVALID
    assert out.startswith(f"{name}:")
    assert message in out
    assert "Traceback" not in out + err
    if content != '{"format": "2021"}':
        assert len(out.splitlines()) == 1


@pytest.mark.parametrize(("argv", "message"), [
    (["validate"], "the following arguments are required: PATH"),
    (["validate", "/nonexistent/*.json"], "没有文件匹配 /nonexistent/*.json"),
    (["validate", "--jobs", "-1", "x.json"], "--jobs 不能为负数"),
    (["validate", "--previous", "/nonexistent.json", "x.json"], "找不到 --previous 文件"),
    (["validate", "--format", "xml", "x.json"], "invalid choice: 'xml'"),
])
def test_bad_usage_exits_2(argv: list[str], message: str) -> None:
    """Bad usage: exit 2 and one line on stderr."""
    code, out, err = run(*argv)
    assert code == EXIT_INVALID
    assert out == ""
    assert message in err
    assert err.count("\n") == 1


def test_missing_file_exits_2() -> None:
    """A file that does not exist is an unreadable input."""
    code, out, _ = run("validate", "/nonexistent/report.json")
    assert code == EXIT_INVALID
    assert out.startswith("/nonexistent/report.json: 无法读取 $: 无法读取文件")


def test_strict_fails_on_warnings() -> None:
    """--strict turns the naleisi blanks into errors: exit 1."""
    code, out, _ = run("validate", "--strict", str(EXAMPLES / "naleisi-town-2020.json"))
    assert code == EXIT_FINDINGS
    assert out.count(" 错误 B1 ") == 18


def test_stdin_and_globs(tmp_path: Path) -> None:
    """`-` reads standard input; globs expand, recursively with **."""
    code, out, err = run("validate", "-", stdin=example_text("2021"))
    assert (code, out) == (EXIT_OK, "")
    (tmp_path / "a" / "b").mkdir(parents=True)
    write(tmp_path / "a" / "b" / "r.json", example_text("2021"))
    code, _, err = run("validate", str(tmp_path / "**" / "*.json"))
    assert code == EXIT_OK
    assert err.startswith("已检查 1 份报告")


def test_json_format_is_one_document(tmp_path: Path) -> None:
    """--format json writes one document with a summary and every finding, located."""
    name = mutated_example(tmp_path)
    code, out, _ = run("validate", "--format", "json", name, str(EXAMPLES))
    assert code == EXIT_FINDINGS
    document = json.loads(out)
    assert document["findings_format"] == 1
    assert document["summary"] == {"files": 3, "unreadable": 0, "errors": 2,
                                   "warnings": NALEISI_FINDINGS, "acknowledged": 0, "failures": 2}
    first = document["files"][0]
    assert first["file"] == name
    assert [(f["rule"], f["json_paths"][0], f["line"]) for f in first["findings"]] == [
        ("I1", "$.applications.results.denied.third_party.total", 128),
        ("I2", "$.applications.results.total.total", 279)]


def test_github_format_annotates_the_key_line(tmp_path: Path) -> None:
    """--format github writes workflow commands at the line of the offending key."""
    name = mutated_example(tmp_path)
    code, out, _ = run("validate", "--format", "github", name)
    assert code == EXIT_FINDINGS
    assert out.splitlines()[0] == (
        f"::error file={name},line=128,title=I1::$.applications.results.denied.third_party.total: "
        "三、本年度办理结果 › （三）不予公开 › 4.保护第三方合法权益 › 总计 为 2，而本行各申请人类别之和为 1（相差 +1）")
    garbage = write(tmp_path / "bad.json", '{"format": "2021",\n "x": 1,')
    code, out, _ = run("validate", "--format", "github", garbage)
    assert code == EXIT_INVALID
    assert out.startswith(f"::error file={garbage},line=2,title=无法读取::$: 不是有效的 JSON")
    code, out, _ = run("validate", "--format", "github", str(EXAMPLES / "naleisi-town-2020.json"))
    assert code == EXIT_OK
    assert out.startswith("::warning file=")


def test_previous_and_automatic_pairing(tmp_path: Path) -> None:
    """--previous enables W1/W2; a directory pairs each organ's reports by year."""
    current, before = example_case(rule_by_id("W1").failing)
    assert before is not None
    write(tmp_path / "2023.json", dumps(current))
    previous = write(tmp_path / "2022.json", dumps(before))
    code, out, _ = run("validate", "--previous", previous, str(tmp_path / "2023.json"))
    assert code == EXIT_OK
    assert [line.split()[2] for line in out.splitlines()] == ["W1", "W1"]
    code, out, _ = run("validate", "--format", "json", str(tmp_path))
    files = {Path(f["file"]).name: f for f in json.loads(out)["files"]}
    assert files["2023.json"]["previous"] == previous
    assert [f["rule"] for f in files["2023.json"]["findings"]] == ["W1", "W1"]
    assert files["2022.json"]["previous"] is None


def test_acknowledged_findings_pass_ci(tmp_path: Path) -> None:
    """A report acknowledging its finding exits 0 and shows it as 已说明."""
    report, _ = example_case(rule_by_id("L1").failing)
    text = dumps(report).replace('"acknowledgements": []', (
        '"acknowledgements": [{"rule": "L1", "path": "$.proactive_disclosure.art20_1.regulations",'
        ' "reason": "经授权代拟规章"}]'))
    code, out, _ = run("validate", "--strict", write(tmp_path / "r.json", text))
    assert code == EXIT_OK
    assert out.count(" 已说明 L1 ") == 2
    assert "（说明：经授权代拟规章）" in out


def test_jobs_give_the_same_results(tmp_path: Path) -> None:
    """--jobs 2 checks in worker processes with the same output as one process."""
    for index in range(3):
        write(tmp_path / f"r{index}.json", example_text("2019"))
    mutated_example(tmp_path)
    single = run("validate", "--format", "json", str(tmp_path))
    double = run("validate", "--jobs", "2", "--format", "json", str(tmp_path))
    assert single == double
    assert single[0] == EXIT_FINDINGS


def test_progress_and_colour_only_on_a_terminal(tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    """A terminal gets a progress bar (stderr) and colours (stdout); pipes get neither."""
    monkeypatch.setattr(_common, "PROGRESS_MIN", 1)
    name = mutated_example(tmp_path)
    code, out, err = run("validate", name, stdout=Terminal(), stderr=Terminal())
    assert code == EXIT_FINDINGS
    assert "\r校验 [" in err
    assert "\033[31m错误\033[0m I1" in out
    _, out, err = run("validate", name)
    assert "\033" not in out + err


def test_rules_command_lists_and_exports(tmp_path: Path) -> None:
    """`rules` lists every rule; `rules --json` writes the exported rule set."""
    code, out, _ = run("rules")
    assert code == EXIT_OK
    assert [line.split()[0] for line in out.splitlines()] == [rule.id for rule in RULES]
    target = tmp_path / "rules.json"
    assert run("rules", "--json", "-o", str(target))[0] == EXIT_OK
    exported: Any = json.loads(target.read_text(encoding="utf-8"))
    assert exported == json.loads(json.dumps(rules_as_json(), ensure_ascii=False))


def test_example_cases_are_valid_documents() -> None:
    """Editing helpers keep the bundled example loadable (used by the docs catalog too)."""
    assert edited(load_example("2021"), ()) == load_example("2021")
