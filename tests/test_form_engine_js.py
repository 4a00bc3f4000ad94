"""The browser engine's own checks: its node unit tests, its JSDoc types, and the exported data.

The exported patterns must read the same in Python ``re`` and in JavaScript
``RegExp`` (``u`` flag), and the export must say how to fill every
placeholder the message templates use.
"""

from __future__ import annotations

import json
import random
import re
import shutil
import string
import subprocess
from pathlib import Path
from typing import Any

import pytest

from govinfo_report.convert import to_dict
from govinfo_report.examples import load_example
from govinfo_report.form import STATIC, rule_set
from govinfo_report.model import FormatVersion
from govinfo_report.rules import RULES, RULES_FORMAT, rules_as_json

from .test_form_engine import JS_DIR, consistent

TSC = JS_DIR / "node_modules" / "typescript" / "bin" / "tsc"


def node() -> str:
    found = shutil.which("node")
    if found is None:
        pytest.skip("Node.js is not installed: the browser engine cannot be checked here")
    return found


@pytest.fixture(scope="session")
def typescript() -> Path:
    """The TypeScript compiler of ``tests/js``, installed by ``npm ci`` if needed."""
    npm = shutil.which("npm")
    if shutil.which("node") is None or npm is None:
        pytest.skip("Node.js/npm are not installed: the type check cannot run here")
    if not TSC.is_file():
        subprocess.run([npm, "ci", "--no-audit", "--no-fund", "--prefix", str(JS_DIR)],
                       check=True, capture_output=True, timeout=300)
    return TSC


def test_jsdoc_types_check_strictly(typescript: Path) -> None:
    """``tsc --checkJs --strict`` finds no type error in rules.js."""
    result = subprocess.run(
        [node(), str(typescript), "--allowJs", "--checkJs", "--noEmit", "--strict",
         "--target", "es2022", "--module", "es2022", "--lib", "es2022",
         str(STATIC / "rules.js")], capture_output=True, text=True, check=False, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr


def test_node_unit_tests_pass() -> None:
    """``node --test tests/js/``: relation kinds, numerals, decimals, message filling."""
    result = subprocess.run([node(), "--test", str(JS_DIR)], capture_output=True, text=True,
                            check=False, timeout=120)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr
    assert re.search(r"^# pass [1-9]\d*$", result.stdout, re.MULTILINE), result.stdout[-2000:]


def test_engine_is_plain_csp_safe_module() -> None:
    """No eval, no Function constructor, no imports, no DOM: it runs anywhere as is."""
    source = (STATIC / "rules.js").read_text(encoding="utf-8")
    for forbidden in ("eval(", "new Function", "import ", "require(", "document.", "window."):
        assert forbidden not in source


# -- the exported data ---------------------------------------------------------------------------

def _patterns() -> list[str]:
    return sorted({relation["pattern"] for rule in rules_as_json()["rules"]
                   for relations in rule["checks"].values() for relation in relations
                   if relation["relation"] == "stated_in_text"})


def _narratives() -> list[str]:
    rng = random.Random(7)
    texts = [text for version in FormatVersion for text in _overview(version).values()]
    for version in FormatVersion:
        for _ in range(40):
            texts += consistent(version, rng, 2023)["overview"].values()
    from . import test_narrative

    for mark in (*test_narrative.test_phrasings_and_numerals.pytestmark,  # type: ignore[attr-defined]
                 *test_narrative.test_sentences_about_something_else_state_nothing.pytestmark):  # type: ignore[attr-defined]
        texts += [case[0] if isinstance(case, tuple) else case for case in mark.args[1]]
    noise = "收到申请公开予以部分行政复议诉讼未没有件，、\n𠀀两十五２3"
    texts += ["".join(rng.choice(noise) for _ in range(30)) for _ in range(300)]
    texts += ["".join(rng.choice(string.printable) for _ in range(20)) for _ in range(20)]
    return texts


def _overview(version: FormatVersion) -> dict[str, str]:
    overview: dict[str, str] = to_dict(load_example(version))["overview"]
    return overview


def test_exported_patterns_read_the_same_in_python_and_javascript() -> None:
    """Every N1 pattern compiles in both and finds the same matches on the same texts."""
    patterns, texts = _patterns(), _narratives()
    assert patterns
    assert len(texts) > 400
    result = subprocess.run([node(), str(JS_DIR / "patterns.mjs")],
                            input=json.dumps({"patterns": patterns, "texts": texts}),
                            capture_output=True, text=True, encoding="utf-8", check=False)
    assert result.returncode == 0, result.stderr
    theirs = json.loads(result.stdout)
    matched = 0
    for pattern, per_text in zip(patterns, theirs, strict=True):
        compiled = re.compile(pattern)
        for text, found in zip(texts, per_text, strict=True):
            ours = [[match.start(), match.group(0), match.group(1) if compiled.groups else None]
                    for match in compiled.finditer(text)]
            assert ours == found, f"{pattern!r} on {text!r}"
            matched += len(ours)
    assert matched > 100


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def test_export_says_how_to_fill_every_placeholder() -> None:
    """Each template's placeholders have a recipe for every relation kind the rule uses."""
    document = rule_set()
    assert document["rules_format"] == RULES_FORMAT
    recipes = document["placeholders"]
    engine = {entry["rule"]: set(entry["placeholders"])
              for entry in document["engine_rules"].values()}
    for rule in document["rules"]:
        templates = _fields(rule["message"]) | _fields(rule["message_en"])
        if rule["id"] in engine:
            assert templates <= engine[rule["id"]], rule["id"]
            continue
        kinds = {relation["relation"] for relations in rule["checks"].values()
                 for relation in relations}
        assert kinds <= set(document["relations"])
        assert kinds <= set(recipes)
        for kind in kinds:
            assert templates <= set(recipes["common"]) | set(recipes[kind]), (rule["id"], kind)


def test_export_labels_every_operand_in_its_format() -> None:
    """The labels table covers every path the rules read, in each format that has it."""
    document: dict[str, Any] = rule_set()
    for rule in document["rules"]:
        for version, relations in rule["checks"].items():
            for relation in relations:
                for operand in _operands(relation):
                    if operand["report"] == "current":
                        assert operand["path"] in document["labels"][version]
    levels = document["value_labels"]["$.metadata.level"]
    assert levels["township"] == "乡镇/街道"


def _operands(node: Any) -> list[dict[str, Any]]:
    if isinstance(node, dict):
        own = [node] if {"report", "path"} <= set(node) else []
        return own + [found for value in node.values() for found in _operands(value)]
    if isinstance(node, list):
        return [found for value in node for found in _operands(value)]
    return []


def test_exported_operand_order_is_the_relations_own() -> None:
    """``relations`` lists each kind's operands and locations in the order the relations give."""
    kinds = rule_set()["relations"]

    def refs(exported: dict[str, Any], fields: list[str]) -> list[tuple[str, str]]:
        found = []
        for field in fields:
            value = exported[field]
            found += [(ref["report"], ref["path"])
                      for ref in (value if isinstance(value, list) else [value])]
        return found

    def own(relation_refs: tuple[Any, ...]) -> list[tuple[str, str]]:
        return [("previous" if ref.previous else "current", ref.path) for ref in relation_refs]

    checked = 0
    for rule in RULES:
        for version in FormatVersion:
            for relation in rule.relations(version):
                exported = relation.to_json()
                kind = kinds[exported["relation"]]
                assert refs(exported, kind["operands"]) == own(relation.operands())
                assert refs(exported, kind["locations"]) == own(relation.locations())
                checked += 1
    assert checked > 400
