"""The data-entry form in a real browser (Playwright driving the system Chromium).

The pages are served from 127.0.0.1 by ``http.server`` in a thread: the
standalone page of ``govinfo-report form``, and the embeddable pieces
(fragment, ``form.js``, ``rules.js``, ``form.css``) under
``Content-Security-Policy: script-src 'self'``. Every test skips, with the
reason, when Playwright or Chromium is missing.
"""

from __future__ import annotations

import functools
import http.server
import json
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any, ClassVar

import pytest

from govinfo_report import dumps, iter_findings, loads
from govinfo_report.examples import load_example
from govinfo_report.form import assets, page

from .node import NODE_MODULES, node_modules

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
CSP = "script-src 'self'"
SCREENSHOT = Path(__file__).parents[1] / "docs" / "_static" / "form.png"
AXE = NODE_MODULES / "axe-core" / "axe.min.js"

sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright for Python is not "
                               "installed (pip install -e '.[test]')")
if not CHROMIUM.exists():
    pytest.skip(f"Chromium is not installed at {CHROMIUM}: the browser tests cannot run",
                allow_module_level=True)

APP_JS = """\
import { mount, CHANGE_EVENT } from "./form.js";
const host = document.getElementById("app");
const response = await fetch("fragment-2021.html");
host.innerHTML = await response.text();
window.changes = [];
mount(host, { onChange: (detail) => window.changes.push(detail.findings.length) });
host.addEventListener(CHANGE_EVENT, (event) => { window.lastReport = event.detail.report; });
"""


def _embedding_page(body: str, title: str) -> str:
    return (f'<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n'
            f"<title>{title}</title>\n"
            f'<link rel="stylesheet" href="form.css">\n</head>\n<body>\n<main>\n{body}\n</main>\n'
            f'<script type="module" src="form.js"></script>\n</body>\n</html>\n')


def _next_year() -> str:
    """The 2021 example as the next year's report: carry-over broken, one cell left blank."""
    document = json.loads(dumps(load_example("2021")))
    document["metadata"]["year"] = 2024
    document["applications"]["carried_over"]["natural_person"] = 3
    document["proactive_disclosure"]["art20_6"]["coercion"]["decisions"] = None
    return json.dumps(document, ensure_ascii=False)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    root = tmp_path_factory.mktemp("site")
    for format in ("2021", "2019"):
        (root / f"page-{format}.html").write_text(page(format), encoding="utf-8")
        pieces = assets(format)
        (root / f"fragment-{format}.html").write_text(pieces.fragment, encoding="utf-8")
        (root / f"embed-{format}.html").write_text(
            _embedding_page(pieces.fragment, "嵌入的填报表单"), encoding="utf-8")
    for format in ("2021", "2019"):
        example = load_example(format)
        (root / f"example-{format}.html").write_text(page(report=example), encoding="utf-8")
    (root / "page-previous-2021.html").write_text(
        page(report=loads(_next_year()), previous=load_example("2021")), encoding="utf-8")
    pieces = assets("2021")
    for path in (pieces.module_path, pieces.rules_path, pieces.css_path):
        shutil.copy(path, root / path.name)
    (root / "app.js").write_text(APP_JS, encoding="utf-8")
    (root / "favicon.ico").write_bytes(b"")  # browsers ask for it; a 404 would be logged
    (root / "app.html").write_text(
        _embedding_page('<div id="app"></div>', "框架中的表单").replace(
            'src="form.js"', 'src="app.js"'), encoding="utf-8")

    class Handler(http.server.SimpleHTTPRequestHandler):
        extensions_map: ClassVar[dict[str, str]] = {
            **http.server.SimpleHTTPRequestHandler.extensions_map,
            ".js": "text/javascript", ".html": "text/html; charset=utf-8"}

        def end_headers(self) -> None:
            if not self.path.startswith("/page-") and not self.path.startswith("/example-"):
                self.send_header("Content-Security-Policy", CSP)
            super().end_headers()

        def log_message(self, format: str, *args: Any) -> None:
            pass

    handler = functools.partial(Handler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    thread.join()
    server.server_close()


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


class Form:
    """A page holding one form, with the console and page errors it produced."""

    def __init__(self, browser: Any, url: str) -> None:
        self.context = browser.new_context(viewport={"width": 1200, "height": 900},
                                           accept_downloads=True)
        self.page = self.context.new_page()
        self.errors: list[str] = []
        self.page.on("console", lambda message: message.type in ("error", "warning")
                     and self.errors.append(message.text))
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.goto(url)

    def goto(self, url: str) -> None:
        self.page.goto(url)
        # The form writes its findings summary once mounted. (Not wait_for_function: its
        # polling evaluates strings, which the pages under script-src 'self' refuse.)
        self.page.wait_for_selector(".govinfo-form-findings-summary:not(:empty)")

    def status(self, text: str) -> None:
        """Wait until the status line says ``text`` (files are read asynchronously)."""
        self.page.locator(".govinfo-form-status", has_text=text).wait_for()

    def cell(self, path: str) -> Any:
        return self.page.locator(f'[data-path="{path}"]')

    def value(self, path: str) -> Any:
        return self.page.evaluate(
            "(path) => { const c = document.querySelector('govinfo-report-form').controller;"
            " return path.split('.').slice(1).reduce((node, key) => node[key], c.doc); }", path)

    def findings(self) -> list[dict[str, Any]]:
        return self.page.evaluate(
            "document.querySelector('govinfo-report-form').controller.findings.map(f => ({"
            "rule: f.rule, severity: f.severity, json_paths: f.json_paths, message: f.message}))")

    def focused(self) -> str:
        return str(self.page.evaluate("document.activeElement.dataset.path"))

    def paste(self, path: str, text: str) -> None:
        self.cell(path).focus()
        self.page.evaluate(
            "(text) => { const data = new DataTransfer(); data.setData('text/plain', text);"
            " document.activeElement.dispatchEvent(new ClipboardEvent('paste',"
            " {clipboardData: data, bubbles: true, cancelable: true})); }", text)

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def open_form(browser: Any, site: str) -> Iterator[Any]:
    forms: list[Form] = []

    def opener(name: str) -> Form:
        form = Form(browser, f"{site}/{name}")
        forms.append(form)
        return form

    yield opener
    for form in forms:
        form.close()


def _python_findings(report_text: str) -> list[dict[str, Any]]:
    return [{"rule": f.rule, "severity": f.severity.value, "json_paths": list(f.json_paths),
             "message": f.message} for f in iter_findings(loads(report_text))]


NEW = "$.applications.new_received"
GRANTED = "$.applications.results.granted"


def _fill_by_keyboard_paste_check_and_save(form: Form) -> None:
    keyboard = form.page.keyboard
    form.cell("$.metadata.organ").focus()
    keyboard.type("测试镇人民政府")
    keyboard.press("Tab")
    form.page.select_option('[data-path="$.metadata.level"]', "township")
    form.cell("$.metadata.year").focus()
    keyboard.type("2023")
    form.cell("$.metadata.published").fill("2024-01-22")
    assert form.value("$.metadata.level") == "township"
    assert form.value("$.metadata.published") == "2024-01-22"
    assert form.page.locator(".govinfo-title").inner_text() == "测试镇人民政府2023年政府信息公开工作年度报告"
    # The narrative parts (an empty one is N2's once the tables hold numbers).
    for path in ("$.overview.summary", "$.problems.problems", "$.other_matters.text"):
        form.cell(path).fill("本年度无特别事项。")

    # Tab and Enter move through the row; the row's 总计 follows its cells.
    form.cell(f"{NEW}.natural_person").focus()
    keyboard.type("3")
    keyboard.press("Tab")
    keyboard.type("1")
    assert form.focused() == f"{NEW}.commercial_enterprise"
    assert form.cell(f"{NEW}.total").input_value() == ""  # blank cells left: no total yet
    for _ in range(4):
        keyboard.press("Tab")
        keyboard.type("0")
    assert form.focused() == f"{NEW}.other_org"
    assert form.cell(f"{NEW}.total").input_value() == "4"
    form.cell(f"{NEW}.natural_person").focus()
    keyboard.press("Enter")
    assert form.focused() == f"{NEW}.commercial_enterprise"
    keyboard.press("ArrowDown")
    assert form.focused() == "$.applications.carried_over.commercial_enterprise"
    keyboard.press("ArrowUp")
    keyboard.press("End")
    keyboard.press("ArrowRight")
    assert form.focused() == f"{NEW}.research_institution"
    keyboard.press("Home")
    keyboard.press("ArrowLeft")
    keyboard.press("ArrowLeft")
    assert form.focused() == f"{NEW}.natural_person"

    # A block copied from a spreadsheet fills the grid from the focused cell.
    form.paste(f"{GRANTED}.natural_person", "2\t1\t0\t0\t0\t0\r\n1\t0\t0\t0\t0\t0\r\n")
    assert form.value(f"{GRANTED}.commercial_enterprise") == 1
    assert form.value("$.applications.results.partially_granted.natural_person") == 1
    assert form.cell("$.applications.results.partially_granted.total").input_value() == "1"
    assert form.cell("$.applications.results.total.natural_person").input_value() == ""

    # Blank is not 0 until asked.
    blank = "$.applications.carried_over.natural_person"
    blank_cell = form.page.locator(f'td:has(> [data-path="{blank}"])')
    assert "govinfo-blank" in (blank_cell.get_attribute("class") or "")
    assert form.value(blank) is None
    form.page.get_by_role("button", name="空白填 0").click()
    assert form.value(blank) == 0
    assert "govinfo-blank" not in (blank_cell.get_attribute("class") or "")
    assert form.cell("$.applications.results.total.total").input_value() == "4"
    assert form.findings() == []

    # A finding appears on its cell, and goes with Ctrl+Z.
    carried = "$.applications.carried_forward.natural_person"
    form.cell(carried).fill("")
    form.cell(carried).focus()
    keyboard.type("5")
    flagged = [f for f in form.findings() if carried in f["json_paths"]]
    assert flagged
    assert flagged[0]["severity"] == "error"
    holder = form.page.locator(f'td:has(> [data-path="{carried}"])')
    assert "govinfo-flagged" in (holder.get_attribute("class") or "")
    assert form.page.locator(".govinfo-form-finding-list li").count() == len(form.findings())
    form.page.locator(".govinfo-form-finding-list button").first.click()
    assert form.focused() in flagged[0]["json_paths"]
    form.cell(carried).focus()
    keyboard.press("Control+z")
    assert form.value(carried) == 0
    assert form.findings() == []
    assert "govinfo-flagged" not in (holder.get_attribute("class") or "")

    # Text that is not a count is refused at the cell and kept there.
    form.cell(carried).fill("五")
    assert form.cell(carried).get_attribute("aria-invalid") == "true"
    assert form.cell(carried).input_value() == "五"
    assert form.value(carried) == 0
    assert "不小于 0 的整数" in form.page.locator(".govinfo-form-cell-message").inner_text()
    form.cell(carried).fill("0")
    assert form.cell(carried).get_attribute("aria-invalid") is None

    # Break an identity again and save: Python reads the file and finds the same.
    form.cell(f"{GRANTED}.natural_person").fill("7")
    with form.page.expect_download() as download:
        form.page.get_by_role("button", name="保存").click()
    text = Path(download.value.path()).read_text(encoding="utf-8")
    assert download.value.suggested_filename == "测试镇人民政府-2023.json"
    assert dumps(loads(text)) == text
    assert form.findings() == _python_findings(text) != []


def test_fill_paste_check_and_save_in_the_standalone_page(open_form: Any) -> None:
    """Keyboard, paste, blank vs 0, live findings, undo, refused input and save in the standalone page."""
    form = open_form("page-2021.html")
    _fill_by_keyboard_paste_check_and_save(form)
    assert form.errors == []


def test_the_same_embedded_under_a_strict_content_security_policy(open_form: Any) -> None:
    """The same flow with the embeddable pieces under script-src 'self', without any violation."""
    form = open_form("embed-2021.html")
    _fill_by_keyboard_paste_check_and_save(form)
    assert form.errors == []


def test_mount_inside_another_app_reports_changes(open_form: Any) -> None:
    """mount() in a container another script filled calls onChange and emits change events."""
    form = open_form("app.html")
    form.cell(f"{NEW}.natural_person").fill("2")
    assert form.page.evaluate("window.lastReport.applications.new_received.natural_person") == 2
    assert form.page.evaluate("window.changes.length") >= 1
    assert form.errors == []


@pytest.mark.parametrize("format", ["2021", "2019"])
def test_a_loaded_report_shows_the_findings_python_finds(open_form: Any, format: str) -> None:
    """An opened report shows Python's findings and saves as dumps() writes it."""
    example = load_example(format)
    form = open_form(f"example-{format}.html")
    assert form.findings() == _python_findings(dumps(example))
    assert form.page.evaluate(
        "document.querySelector('govinfo-report-form').controller.toJSON()") == dumps(example)


def test_printed_totals_that_disagree_are_shown_not_overwritten(open_form: Any) -> None:
    """Printed totals that disagree stay and are reported until recomputed on request (undoable)."""
    text = dumps(load_example("2021")).replace('"total": 15', '"total": 16', 1)
    form = open_form("page-2021.html")
    form.page.evaluate("(text) => document.querySelector('govinfo-report-form')"
                       ".controller.openText(text, 'r.json')", text)
    assert form.cell(f"{NEW}.total").input_value() == "16"
    assert form.findings() == _python_findings(text) != []
    form.page.get_by_role("button", name="重新计算总计").click()
    assert form.cell(f"{NEW}.total").input_value() == "15"
    form.page.keyboard.press("Control+z")
    assert form.cell(f"{NEW}.total").input_value() == "16"


def test_open_a_file_and_refuse_another_format(open_form: Any, tmp_path: Path) -> None:
    """The file picker opens a report; a report of the other format is refused with a message."""
    form = open_form("page-2021.html")
    report = tmp_path / "r.json"
    report.write_text(dumps(load_example("2021")), encoding="utf-8")
    form.page.locator(".govinfo-form-file").set_input_files(str(report))
    form.status("已打开 r.json")
    assert form.value(f"{NEW}.natural_person") == 12
    other = tmp_path / "old.json"
    other.write_text(dumps(load_example("2019")), encoding="utf-8")
    form.page.locator(".govinfo-form-file").set_input_files(str(other))
    form.status("2019 格式的报告")
    assert form.value(f"{NEW}.natural_person") == 12


def test_a_draft_is_kept_and_offered_back(open_form: Any, site: str) -> None:
    """An edit is kept as a draft that the next visit offers to restore."""
    form = open_form("page-2019.html")
    form.cell(f"{NEW}.natural_person").fill("9")
    form.cell(f"{NEW}.commercial_enterprise").focus()
    form.goto(f"{site}/page-2019.html")
    assert form.value(f"{NEW}.natural_person") is None
    form.page.get_by_role("button", name="恢复草稿").click()
    assert form.value(f"{NEW}.natural_person") == 9
    assert form.page.locator(".govinfo-form-draft").is_hidden()


@pytest.mark.parametrize("format", ["2021", "2019"])
def test_axe_finds_no_accessibility_violations(open_form: Any, format: str) -> None:
    """axe-core finds no violation in a filled form with findings shown."""
    node_modules()
    form = open_form(f"example-{format}.html")
    form.page.add_script_tag(path=str(AXE))
    violations = form.page.evaluate(
        "axe.run(document.querySelector('govinfo-report-form')).then(result =>"
        " result.violations.map(v => `${v.id}: ${v.nodes.length} ${v.nodes[0].target}`))")
    assert violations == []


def test_screenshot_for_the_docs(open_form: Any) -> None:
    """Writes the docs screenshot and checks that it shows something."""
    from PIL import Image

    form = open_form("example-2021.html")
    form.cell(f"{NEW}.natural_person").fill("13")
    form.page.locator(".govinfo-table-applications").scroll_into_view_if_needed()
    form.page.evaluate("window.scrollBy(0, -260)")
    SCREENSHOT.parent.mkdir(exist_ok=True)
    form.page.screenshot(path=str(SCREENSHOT))
    with Image.open(SCREENSHOT) as image:
        colours = image.convert("RGB").getcolors(maxcolors=1 << 20)
    assert colours is not None
    assert len(colours) > 50


def test_drop_a_file_and_print_only_the_report(open_form: Any) -> None:
    """A dropped file opens; printing shows the report without the tools."""
    form = open_form("page-2021.html")
    form.page.evaluate(
        "(text) => { const data = new DataTransfer();"
        " data.items.add(new File([text], 'dropped.json', {type: 'application/json'}));"
        " const form = document.querySelector('govinfo-report-form');"
        " for (const type of ['dragover', 'drop']) form.dispatchEvent(new DragEvent(type,"
        " {dataTransfer: data, bubbles: true, cancelable: true})); }",
        dumps(load_example("2021")))
    form.status("dropped.json")
    assert form.value(f"{NEW}.natural_person") == 12
    form.page.emulate_media(media="print")
    assert form.page.locator(".govinfo-form-toolbar").is_hidden()
    assert form.page.locator(".govinfo-form-findings").is_hidden()
    assert form.page.locator(".govinfo-table-applications").is_visible()


def test_mount_options_strict_previous_year_and_messages(open_form: Any) -> None:
    """mount's strict, previous and messages options check and read as Python and the texts say."""
    previous = load_example("2021")
    current = loads(dumps(previous).replace('"year": 2023', '"year": 2024')
                    .replace('"carried_over": {\n      "natural_person": 1',
                             '"carried_over": {\n      "natural_person": 3'))
    expected = [{"rule": f.rule, "severity": f.severity.value, "json_paths": list(f.json_paths),
                 "message": f.message}
                for f in iter_findings(current, previous=previous, strict=True)]
    assert {finding["rule"] for finding in expected} & {"W1", "W2"}
    form = open_form("app.html")
    form.page.evaluate(
        "async ([report, previous]) => { const { mount } = await import('./form.js');"
        " mount(document.getElementById('app'), { report, previous, strict: true,"
        " messages: { save: '下载报告' } }); }",
        [json.loads(dumps(current)), json.loads(dumps(previous))])
    assert form.findings() == expected
    assert form.page.get_by_role("button", name="下载报告").is_visible()
    assert form.errors == []


def test_saving_an_unfinished_report_names_the_missing_fields(open_form: Any) -> None:
    """Saving without the required metadata still saves, and says which fields are missing."""
    form = open_form("page-2019.html")
    with form.page.expect_download():
        form.page.get_by_role("button", name="保存").click()
    status = form.page.locator(".govinfo-form-status").inner_text()
    assert "尚未填写：机关名称、机关层级、报告年度" in status


def test_a_text_edit_alone_is_kept_as_a_draft(open_form: Any, site: str) -> None:
    """Editing only a text keeps a draft; discarding it removes it."""
    form = open_form("page-2021.html")
    form.cell("$.problems.problems").fill("人员不足。")
    form.cell("$.problems.improvements").focus()
    form.goto(f"{site}/page-2021.html")
    assert form.page.locator(".govinfo-form-draft").is_visible()
    form.page.get_by_role("button", name="丢弃草稿").click()
    form.goto(f"{site}/page-2021.html")
    assert form.page.locator(".govinfo-form-draft").is_hidden()


def test_the_year_before_and_strict_checks_from_the_toolbar(open_form: Any, tmp_path: Path) -> None:
    """The toolbar opens the year before's report and turns strict checks on, as Python checks."""
    previous = load_example("2021")
    current = _next_year()
    form = open_form("page-2021.html")
    form.page.evaluate("(text) => document.querySelector('govinfo-report-form')"
                       ".controller.openText(text, 'current.json')", current)
    before = tmp_path / "previous.json"
    before.write_text(dumps(previous), encoding="utf-8")
    with form.page.expect_file_chooser() as chooser:
        form.page.get_by_role("button", name="上年报告…").click()
    chooser.value.set_files(str(before))
    form.status("previous.json")
    assert form.findings() == [
        {"rule": f.rule, "severity": f.severity.value, "json_paths": list(f.json_paths),
         "message": f.message} for f in iter_findings(loads(current), previous=previous)]
    assert {"W1", "B1"} <= {finding["rule"] for finding in form.findings()}
    form.page.get_by_label("空白按错误检查").check()
    strict = [{"rule": f.rule, "severity": f.severity.value, "json_paths": list(f.json_paths),
               "message": f.message}
              for f in iter_findings(loads(current), previous=previous, strict=True)]
    assert form.findings() == strict
    assert "error" in {finding["severity"] for finding in strict if finding["rule"] == "B1"}


def test_the_year_before_given_by_python(open_form: Any) -> None:
    """A page written with previous= checks across years from the start."""
    form = open_form("page-previous-2021.html")
    assert form.findings() == [
        {"rule": f.rule, "severity": f.severity.value, "json_paths": list(f.json_paths),
         "message": f.message}
        for f in iter_findings(loads(_next_year()), previous=load_example("2021"))]
    assert "W1" in {finding["rule"] for finding in form.findings()}


def test_extension_keys_keep_their_order_through_edits_undo_and_save(open_form: Any) -> None:
    """Free-form extension keys that look like array indices stay where the file had them."""
    document = json.loads(dumps(load_example("2021")))
    document["extensions"] = {"province": {"b": 1, "12": [{"z": 0, "3": None}], "0": "x"}}
    text = dumps(loads(json.dumps(document, ensure_ascii=False)))
    form = open_form("page-2021.html")
    form.page.evaluate("(text) => document.querySelector('govinfo-report-form')"
                       ".controller.openText(text, 'r.json')", text)
    form.cell(f"{NEW}.natural_person").fill("13")
    form.page.keyboard.press("Control+z")
    saved = form.page.evaluate("document.querySelector('govinfo-report-form').controller.toJSON()")
    assert saved == text
