"""``validate`` imports only what it needs; the package still exports every public name."""

from __future__ import annotations

import contextlib
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

import govinfo_report as gr
from govinfo_report.cli import COMMAND_MODULES, build_parser, main
from govinfo_report.examples import example_text

#: Packages a validate run has no use for (renderers, importers, schema tools, extras).
NOT_FOR_VALIDATE = ("jinja2", "jsonschema", "referencing", "lxml", "docx", "openpyxl",
                    "pypdf", "wcwidth", "multiprocessing", "govinfo_report.render",
                    "govinfo_report.importers", "govinfo_report.schema",
                    "govinfo_report.form", "govinfo_report.export")

_PROBE = """
import json, sys
from govinfo_report.cli import main
code = main(sys.argv[2:])
wanted = json.loads(sys.argv[1])
print(json.dumps([code, sorted(name for name in sys.modules
                               if any(name == w or name.startswith(w + ".") for w in wanted))]))
"""


def _imported_by(*argv: str) -> tuple[int, list[str]]:
    completed = subprocess.run(
        [sys.executable, "-c", _PROBE, json.dumps(NOT_FOR_VALIDATE), *argv],
        capture_output=True, text=True, check=True, timeout=120)
    code, modules = json.loads(completed.stdout.splitlines()[-1])
    return code, modules


def test_validate_of_one_file_imports_no_renderer_importer_or_schema_tool(
        tmp_path: Path) -> None:
    """validate one.json runs without importing jinja2, jsonschema, lxml, docx, openpyxl, pypdf."""
    report = tmp_path / "report.json"
    report.write_text(example_text("2021"), encoding="utf-8")
    assert _imported_by("validate", str(report)) == (0, [])


def test_validate_of_a_bad_file_imports_no_renderer_either(tmp_path: Path) -> None:
    """The detailed path that locates problems needs none of them either."""
    report = tmp_path / "report.json"
    document = json.loads(example_text("2019"))
    document["applications"]["new_received"]["natural_person"] = "3"
    report.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    assert _imported_by("validate", "--format", "json", str(report)) == (2, [])


def test_other_commands_still_import_what_they_need(tmp_path: Path) -> None:
    """The probe sees imports: render does import jinja2."""
    report = tmp_path / "report.json"
    report.write_text(example_text("2021"), encoding="utf-8")
    code, modules = _imported_by("render", str(report), "--to", "html",
                                 "-o", str(tmp_path / "out.html"))
    assert code == 0
    assert "jinja2" in modules


def test_every_public_name_is_importable_from_the_package() -> None:
    """`from govinfo_report import X` works for each name of __all__, and dir() lists them."""
    for name in gr.__all__:
        assert getattr(gr, name) is not None, name
    assert set(gr.__all__) <= set(dir(gr))
    namespace: dict[str, object] = {}
    exec("from govinfo_report import *", namespace)
    assert set(gr.__all__) <= namespace.keys()
    assert gr.validate is gr.validation.validate


def test_unknown_names_raise_attribute_error() -> None:
    """A name the package does not export is an AttributeError, as for any module."""
    with pytest.raises(AttributeError, match="no_such_name"):
        gr.no_such_name  # noqa: B018 - the attribute access is the test


@pytest.mark.parametrize("module", COMMAND_MODULES)
def test_each_command_alone_parses_as_with_every_command(module: str) -> None:
    """A run registers only its own subcommand; its help is the same as from the full parser."""
    name = module.removeprefix("_cmd_")
    alone, full = io.StringIO(), io.StringIO()
    assert main([name, "--help"], stdout=alone, stderr=io.StringIO()) == 0
    with contextlib.redirect_stdout(full), pytest.raises(SystemExit):
        build_parser().parse_args([name, "--help"])
    assert alone.getvalue() == full.getvalue()
    assert alone.getvalue().startswith(f"用法：govinfo-report {name}")
