"""The form's script under node: unit tests, JSDoc types, and agreement with Python.

The script's canonical JSON is byte for byte what :func:`govinfo_report.dumps`
writes, and its totals are what :func:`govinfo_report.build` computes, on
generated reports. Test-only npm packages (TypeScript, terser, axe-core) live
in ``js/package.json`` and are installed by ``npm ci`` on first use.
"""

from __future__ import annotations

import difflib
import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from govinfo_report import build, dumps
from govinfo_report.convert import to_dict
from govinfo_report.form import form_model
from govinfo_report.model import FormatVersion, Report

from .node import node_modules
from .strategies import reports

JS_DIR = Path(__file__).parent / "js"
FORM_JS = Path(__file__).parents[1] / "src" / "govinfo_report" / "form" / "static" / "form.js"
NODE = shutil.which("node")

pytestmark = pytest.mark.skipif(NODE is None, reason="Node.js is not installed: the form's "
                                "script cannot run here")


def _node(script: str, payload: Any) -> Any:
    assert NODE is not None
    result = subprocess.run([NODE, str(JS_DIR / script)], input=json.dumps(payload),
                            capture_output=True, text=True, encoding="utf-8", timeout=60,
                            check=True)
    return json.loads(result.stdout)


def test_unit_tests_pass() -> None:
    """The node unit tests of the script's pure functions pass."""
    assert NODE is not None
    result = subprocess.run([NODE, "--test", str(JS_DIR / "form.test.mjs")],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stdout + result.stderr


def test_jsdoc_types_check() -> None:
    """tsc --checkJs --strict accepts the script's JSDoc types."""
    tsc = node_modules() / ".bin" / "tsc"
    result = subprocess.run(
        [str(tsc), "--checkJs", "--allowJs", "--noEmit", "--strict", "--skipLibCheck",
         "--target", "es2022", "--module", "nodenext", "--lib", "es2022,dom,dom.iterable",
         str(FORM_JS)], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_minified_script_stays_within_its_budget() -> None:
    """form.js and rules.js minified by terser total at most 40 KB."""
    terser = node_modules() / ".bin" / "terser"
    sizes = {}
    for path in (FORM_JS, FORM_JS.with_name("rules.js")):
        result = subprocess.run([str(terser), str(path), "--module", "--compress", "--mangle"],
                                capture_output=True, timeout=120, check=True)
        sizes[path.name] = len(result.stdout)
    assert sum(sizes.values()) <= 40 * 1024, sizes


def _shuffled(value: Any, order: Any) -> Any:
    """``value`` with the keys the model orders written backwards, as another tool might."""
    if isinstance(order, dict) and isinstance(value, dict):
        return {key: _shuffled(value[key], order.get(key)) for key in reversed(value)}
    if isinstance(order, list) and isinstance(value, list):
        return [_shuffled(item, order[0]) for item in value]
    return value


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                HealthCheck.data_too_large])
@given(st.sampled_from(list(FormatVersion)).flatmap(
    lambda format: st.tuples(st.just(format), st.lists(reports(format), min_size=4,
                                                       max_size=4))))
def test_saved_text_is_byte_equal_to_python_dumps(drawn: tuple[FormatVersion,
                                                               list[Report]]) -> None:
    """The script's save of a generated report, keys in any order, is byte for byte dumps()."""
    format, drawn_reports = drawn
    documents = [to_dict(report) for report in drawn_reports]
    model = form_model(format)
    texts = [json.dumps(_shuffled(document, model["order"]), ensure_ascii=False)
             for document in documents]
    saved = _node("form_dumps.mjs", {"model": model, "documents": texts})
    _assert_same_texts(saved, [dumps(report) for report in drawn_reports])


def _assert_same_texts(got: list[str], expected: list[str]) -> None:
    """Equal lists of texts; on a difference, show the first one as a diff."""
    assert len(got) == len(expected)
    for text, wanted in zip(got, expected, strict=True):
        diff = "\n".join(difflib.unified_diff(wanted.splitlines(), text.splitlines(),
                                              "python", "javascript", lineterm="", n=2))
        assert text == wanted, diff


def _without_totals(document: Any, derived: set[str]) -> dict[str, Any]:
    leaves = json.loads(json.dumps(document))
    for path in derived:
        node = leaves
        *parents, name = path.split(".")[1:]
        for parent in parents:
            node = node[parent]
        node[name] = None
    return leaves


def _leaves_only(document: Any, order: Any, derived: set[str], path: str = "$") -> Any:
    if not isinstance(order, dict):
        return document
    return {key: _leaves_only(value, order.get(key), derived, f"{path}.{key}")
            for key, value in document.items()
            if f"{path}.{key}" not in derived and key not in ("$schema", "format")
            and not (key == "total" and isinstance(value, dict))}


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                HealthCheck.data_too_large])
@given(st.sampled_from(list(FormatVersion)).flatmap(
    lambda format: st.tuples(st.just(format), st.lists(reports(format), min_size=4,
                                                       max_size=4))))
def test_totals_are_what_the_builder_computes(drawn: tuple[FormatVersion, list[Report]]) -> None:
    """Totals the script computes from the leaves equal the builder's, blanks included."""
    format, drawn_reports = drawn
    model = form_model(format)
    derived = {total for total, _ in model["totals"]}
    built = []
    for report in drawn_reports:
        document = to_dict(report)
        document.pop("acknowledgements")
        built.append(build(format, _leaves_only(document, model["order"], derived)))
    texts = [json.dumps(_without_totals(to_dict(report), derived), ensure_ascii=False)
             for report in built]
    computed = _node("form_dumps.mjs", {"model": model, "documents": texts, "totals": True})
    _assert_same_texts(computed, [dumps(report) for report in built])
