"""``validate`` text and github output list findings in report order; JSON keeps rule order."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from govinfo_report.cli import main
from govinfo_report.examples import example_text
from govinfo_report.labels import iter_fields, parse_path

# Rule order is I1 … I3 … N1 … M1; in the report metadata (M1) comes first,
# then part 三 (I1), then part 四 (N1's cell, then I3's row).
_EDITS = {
    ("reviews", "litigation_after_reconsideration", "upheld"): 1,
    ("applications", "results", "denied", "third_party", "total"): 2,
    ("overview", "supervision"): "本年度因政府信息公开工作被申请行政复议3件。",
    ("metadata", "year"): None,
}


@pytest.fixture
def report_file(tmp_path: Path) -> Path:
    document = json.loads(example_text("2021"))
    for path, value in _EDITS.items():
        node = document
        for segment in path[:-1]:
            node = node[segment]
        node[path[-1]] = value
    file = tmp_path / "report.json"
    file.write_text(json.dumps(document, ensure_ascii=False, indent=2), encoding="utf-8")
    return file


def _run(file: Path, *options: str) -> str:
    out = io.StringIO()
    main(["validate", str(file), *options], stdin=io.StringIO(), stdout=out,
         stderr=io.StringIO())
    return out.getvalue()


def _positions() -> dict[tuple[str | int, ...], int]:
    return {info.path: index for index, info in enumerate(iter_fields("2021"))}


def _rank(json_path: str) -> int:
    positions = _positions()
    path = parse_path(json_path)
    while path not in positions:
        path = path[:-1]
    return positions[path]


def _json_findings(file: Path) -> list[tuple[str, str]]:
    document = json.loads(_run(file, "--format", "json"))
    return [(finding["rule"], finding["json_paths"][0])
            for finding in document["files"][0]["findings"]]


def test_text_output_follows_the_report(report_file: Path) -> None:
    findings = _json_findings(report_file)
    rules = [rule for rule, _ in findings]
    assert {"M1", "N1", "I1", "I3"} <= set(rules)
    expected = sorted(findings, key=lambda finding: _rank(finding[1]))
    assert expected != findings, "the edits must put rule order and report order apart"
    lines = _run(report_file).splitlines()
    listed = [(line.split(" ")[2], line.split(" ")[3].rstrip(":")) for line in lines]
    assert listed == expected
    listed_rules = [rule for rule, _ in listed]
    assert listed_rules[0] == "M1"
    # N1 is located at the table cell the text contradicts (part 四, before I3's row).
    assert listed_rules.index("I1") < listed_rules.index("N1") < listed_rules.index("I3")


def test_github_output_follows_the_report(report_file: Path) -> None:
    expected = [rule for rule, _ in sorted(_json_findings(report_file),
                                           key=lambda finding: _rank(finding[1]))]
    titles = [line.split("title=")[1].split("::")[0]
              for line in _run(report_file, "--format", "github").splitlines()]
    assert titles == expected


def test_json_output_keeps_rule_order(report_file: Path) -> None:
    rules = [rule for rule, _ in _json_findings(report_file)]
    assert rules.index("I1") < rules.index("I3") < rules.index("N1") < rules.index("M1")
