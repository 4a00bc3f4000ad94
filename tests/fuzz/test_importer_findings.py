"""Inputs the fuzzing found that crashed an importer: fixed ones stay as regression
tests; those not fixed yet are ``xfail(strict=True)``, so that the fix removes the mark.

The damaged archives under ``findings/`` are seed files with one bit flipped.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from . import _targets

FINDINGS = Path(__file__).parent / "findings"


def test_html_tables_nested_500_deep() -> None:
    """Once a RecursionError in the HTML importer's walk of nested tables."""
    _targets.check_import("html", ("<table><tr><td>" * 500 + "1").encode())


def test_html_misnested_formatting_tags() -> None:
    """Once a RecursionError: html5lib builds a deep tree from mis-nested formatting tags."""
    _targets.check_import("html", ("<b><i><td></b>&#xD800;" * 1000).encode())


@pytest.mark.xfail(strict=True, raises=_targets.Broken,
                   reason="importers/xlsx.py _xml reads a damaged deflate stream: "
                          "zlib.error 'invalid distance too far back' escapes")
def test_xlsx_damaged_deflate_stream() -> None:
    _targets.check_import("xlsx", (FINDINGS / "xlsx-deflate-error.xlsx").read_bytes())


@pytest.mark.xfail(strict=True, raises=_targets.Broken,
                   reason="importers/xlsx.py _xml: an entry with an unknown compression "
                          "method raises NotImplementedError from zipfile")
def test_xlsx_unknown_compression_method() -> None:
    _targets.check_import("xlsx", (FINDINGS / "xlsx-compression-method.xlsx").read_bytes())


@pytest.mark.xfail(strict=True, raises=_targets.Broken,
                   reason="importers/docx.py blocks_of reads a damaged deflate stream: "
                          "zlib.error 'invalid distance too far back' escapes")
def test_docx_damaged_deflate_stream() -> None:
    _targets.check_import("docx", (FINDINGS / "docx-deflate-error.docx").read_bytes())
