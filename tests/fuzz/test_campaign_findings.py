"""What the long run found, kept as regression tests: each failed before its fix.

The command-line findings are in ``tests/test_cli_hostile.py`` (``form`` on a
FIFO or non-UTF-8 standard input, a file name that is not UTF-8, a closed
standard output).
"""

from __future__ import annotations

import io
import json
import re
import zipfile

import attrs

from govinfo_report import convert, form
from govinfo_report.examples import load_example
from govinfo_report.importers import parse
from govinfo_report.importers.text import EXAMPLE
from govinfo_report.render import docx

from . import _targets
from ._random_inputs import _INJECTED_HTML, _INJECTED_TEXT, INJECTED_VALUE
from .test_importer_findings import FINDINGS

_REGULATIONS = "$.proactive_disclosure.art20_1.regulations"


def _seed_text() -> str:
    return _targets.seeds("text")[1].decode()  # the tab-separated seed


def test_a_cell_of_5000_digits_is_unreadable_not_a_crash() -> None:
    """Once ValueError from int() (the 4 300-digit limit) in the cell reader."""
    source = _seed_text().replace("规章\t0\t", "规章\t" + "9" * 5000 + "\t", 1)
    assert source != _seed_text()
    result = parse(source, kind="text")
    assert result.report.proactive_disclosure.art20_1.regulations.issued is None
    unreadable = [f for f in result.findings if f.rule == "IMP-UNREADABLE"]
    assert any(f"{_REGULATIONS}.issued" in f.json_paths for f in unreadable)
    assert any("位数过多" in f.message for f in unreadable)


def test_the_heading_of_part_two_again_after_its_table_is_no_silent_reading() -> None:
    """Once the rows under a repeated heading of 二 replaced the table's, with no finding."""
    table_end = _seed_text().index("第二十条第（五）项")
    passage = f"二、主动公开政府信息情况\n规章\t{INJECTED_VALUE}\t{INJECTED_VALUE}\t{INJECTED_VALUE}\n"
    source = _seed_text()[:table_end] + passage + _seed_text()[table_end:]
    result = parse(source, kind="text")
    regulations = attrs.astuple(result.report.proactive_disclosure.art20_1.regulations)
    assert INJECTED_VALUE not in regulations
    assert regulations == (None, None, None)  # two readings as well placed: left blank
    conflict = next(f for f in result.findings if f.rule == "IMP-CONFLICT")
    assert f"{_REGULATIONS}.issued" in conflict.json_paths
    assert not result.is_complete


def test_the_injected_passage_of_the_long_run_never_gives_its_value() -> None:
    """The long run's narrative injection at every line of both text seeds and the page."""
    for kind in ("text", "html"):
        for seed in _targets.seeds(kind):
            truth = _targets.cell_values(parse(seed, kind=kind))
            breaks = [m.start() for m in re.finditer(b"\n" if kind == "text" else b"<p", seed)]
            passage = (_INJECTED_HTML if kind == "html" else _INJECTED_TEXT).encode()
            for position in breaks[::7]:
                data = seed[:position] + passage + seed[position:]
                _targets.check_import(kind, data, truth, INJECTED_VALUE)


def test_the_form_page_is_utf8_with_lone_surrogates_in_a_report_built_in_code() -> None:
    """Once the report's JSON in the page kept a lone surrogate: the page could not be written."""
    report = load_example("2021")
    organ = "甲\ud800乙\x85丙"
    report = attrs.evolve(report, metadata=attrs.evolve(report.metadata, organ=organ))
    page = form.page(report=report)
    page.encode("utf-8")
    data = re.search(r'<script type="application/json" class="govinfo-form-report">(.*?)'
                     r"</script>", page, re.DOTALL)
    assert data is not None
    assert json.loads(data.group(1))["metadata"]["organ"] == organ


def test_a_long_organ_renders_as_docx() -> None:
    """Once ValueError from python-docx: a document property holds at most 255 characters."""
    report = load_example("2021")
    organ = "字" * 300
    report = attrs.evolve(report, metadata=attrs.evolve(report.metadata, organ=organ))
    data = docx.render(report)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert organ in archive.read("word/document.xml").decode()
        properties = archive.read("docProps/core.xml").decode()
    assert "字" * 255 in properties
    assert "字" * 256 not in properties


def test_text_example_still_imports() -> None:
    """The fixes leave an ordinary import alone."""
    result = parse(EXAMPLE, kind="text")
    convert.dumps(result.report)
    assert result.report.proactive_disclosure.art20_1.normative_documents.in_force == 12


def test_a_digit_of_another_script_is_no_digit() -> None:
    """Once "15" and a stray U+06F7 (Extended Arabic-Indic 7) were read as 157."""
    data = (FINDINGS / "html-arabic-indic-digit.html").read_bytes()
    assert "15\u06f7".encode() in data
    path = "$.applications.results.total.total"
    result = parse(data, kind="html")
    assert result.report.applications.results.total.total is None
    assert any(path in f.json_paths for f in result.findings if f.rule == "IMP-UNREADABLE")
    _targets.check_import("html", data, _targets.example_cells())
