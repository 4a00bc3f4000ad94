"""Broken template overrides and spoofing characters in rendered texts."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from govinfo_report import convert
from govinfo_report.examples import example_text
from govinfo_report.exceptions import RenderError, TemplateFailedError
from govinfo_report.model import Report
from govinfo_report.render import html, markdown, page, text
from govinfo_report.rules import iter_findings

BIDI_CONTROLS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"


def report_with_findings() -> tuple[Report, list[Any]]:
    document: dict[str, Any] = json.loads(example_text("2021"))
    document["applications"]["new_received"]["total"] += 1
    report = convert.from_dict(document)
    findings = list(iter_findings(report))
    assert findings
    return report, findings


@pytest.mark.parametrize(("name", "body", "line", "kind"), [
    ("report.html.j2", "<p>\n{{ 1 // 0 }}\n", 2, "ZeroDivisionError"),
    ("findings.html.j2", "<p>\n\n{{ missing.value }}\n", 3, "UndefinedError"),
    ("findings.html.j2", "<p>\n{% if %}\n", 2, "TemplateSyntaxError"),
    ("table.html.j2", "<table>\n\n\n{{ {}.fromkeys(1) }}", 4, "TypeError"),
])
def test_template_failures_name_the_template_and_line(tmp_path: Path, name: str, body: str,
                                                       line: int, kind: str) -> None:
    (tmp_path / name).write_text(body, encoding="utf-8")
    report, findings = report_with_findings()
    with pytest.raises(TemplateFailedError) as caught:
        html.render(report, findings=findings, templates=tmp_path)
    error = caught.value
    assert (error.template, error.line) == (name, line)
    assert f"模板 {name} 第 {line} 行" in str(error)
    assert kind in str(error)
    assert isinstance(error, RenderError)


@pytest.mark.parametrize("name", ["report.html.j2", "findings.html.j2"])
def test_undecodable_template_file(tmp_path: Path, name: str) -> None:
    (tmp_path / name).write_bytes(b"\xff\xfe{{ x }}")
    report, findings = report_with_findings()
    with pytest.raises(TemplateFailedError, match="UTF-8") as caught:
        html.render(report, findings=findings, templates=tmp_path)
    assert caught.value.template == name


def test_templates_including_each_other_without_end(tmp_path: Path) -> None:
    (tmp_path / "report.md.j2").write_text('{% include "report.md.j2" %}', encoding="utf-8")
    report, _ = report_with_findings()
    with pytest.raises(TemplateFailedError, match=r"report\.md\.j2"):
        markdown.render(report, templates=tmp_path)


@pytest.mark.parametrize("render", [html.render, page.render, markdown.render, text.render])
def test_bidi_controls_never_reach_the_output(render: Any) -> None:
    """Bidirectional controls are shown as U+FFFD: no text can display other than it reads."""
    document: dict[str, Any] = json.loads(example_text("2021"))
    document["metadata"]["organ"] = "甲镇\u202egpj.exe"
    document["overview"]["summary"] = "".join(f"{c}段" for c in BIDI_CONTROLS)
    output = render(convert.from_dict(document))
    assert not re.search(f"[{BIDI_CONTROLS}]", output)
    assert "甲镇\ufffdgpj.exe" in output
