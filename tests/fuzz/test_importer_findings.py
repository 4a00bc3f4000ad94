"""Inputs the fuzzing found that an importer does not handle yet (kept until fixed).

Each is marked ``xfail(strict=True)``: when the importer is fixed, the test
passes, strict xfail fails the run, and the mark comes off.
"""

from __future__ import annotations

import pytest

from . import _targets


@pytest.mark.xfail(strict=True, raises=_targets.Broken,
                   reason="importers/html.py walks nested tables recursively: 500 tables "
                          "nested in cells raise RecursionError (walk → read_table → walk)")
def test_html_tables_nested_500_deep() -> None:
    _targets.check_import("html", ("<table><tr><td>" * 500 + "1").encode())


@pytest.mark.xfail(strict=True, raises=_targets.Broken,
                   reason="mis-nested formatting tags (22 KB of '<b><i><td></b>') make html5lib "
                          "build a tree deeper than importers/html.py can walk: RecursionError")
def test_html_misnested_formatting_tags() -> None:
    _targets.check_import("html", ("<b><i><td></b>&#xD800;" * 1000).encode())


def test_html_tables_nested_100_deep_are_handled() -> None:
    _targets.check_import("html", ("<table><tr><td>" * 100 + "1").encode())
