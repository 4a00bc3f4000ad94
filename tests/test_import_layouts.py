"""Reports laid out in every published layout import back cell for cell, in both versions."""

from __future__ import annotations

from typing import Any

import pytest

from govinfo_report import importers
from govinfo_report.labels import iter_fields

from .layouts import Fixture, fixtures, traditional

FIXTURES = fixtures()
META = ("organ", "level", "year", "published", "document_number", "signer")


def value_at(node: Any, path: tuple[Any, ...]) -> Any:
    for segment in path:
        node = getattr(node, str(segment))
    return node


def wrong_cells(fixture: Fixture, result: importers.ImportResult) -> list[tuple[str, Any, Any]]:
    """The cells whose imported value differs from the report laid out."""
    return [(info.json_path, value_at(fixture.expected, info.path),
             value_at(result.report, info.path))
            for info in iter_fields(fixture.expected.format, cells_only=True)
            if value_at(fixture.expected, info.path) != value_at(result.report, info.path)]


@pytest.fixture(scope="module")
def results() -> dict[str, importers.ImportResult]:
    """Every fixture imported once."""
    return {fixture.name: importers.parse(fixture.data, kind=fixture.kind, name=fixture.name)
            for fixture in FIXTURES}


def test_every_layout_is_covered() -> None:
    """Both versions come in each layout and source kind."""
    names = {fixture.name.split("-", 2)[2] for fixture in FIXTURES}
    assert names == {"tabbed", "copied", "piped", "cell-per-line", "one-line", "ascii", "traditional",
                     "traditional-cells", "reworded", "ocr-damage", "ocr-damage-lines", "html",
                     "html-traditional", "docx", "pdf"}
    assert {fixture.expected.format.value for fixture in FIXTURES} == {"2019", "2021"}
    assert {fixture.kind for fixture in FIXTURES} == {"text", "html", "docx", "pdf"}


@pytest.mark.parametrize("fixture", FIXTURES, ids=[fixture.name for fixture in FIXTURES])
def test_every_cell_and_the_metadata(fixture: Fixture,
                                     results: dict[str, importers.ImportResult]) -> None:
    """Every cell (values, signed changes, amounts and blanks) and the metadata come back."""
    result = results[fixture.name]
    assert result.format is fixture.expected.format
    assert wrong_cells(fixture, result) == []
    expected = fixture.expected.metadata
    if "traditional" in fixture.name:
        expected = type(expected)(**{**vars_of(expected), "organ": traditional(expected.organ)})
    assert [getattr(result.report.metadata, name) for name in META] == \
        [getattr(expected, name) for name in META]


def vars_of(record: Any) -> dict[str, Any]:
    import attrs

    return attrs.asdict(record, recurse=False)


@pytest.mark.parametrize("name", ["2021-example-tabbed", "2021-varied-html", "2021-example-docx",
                                  "2019-varied-piped", "2019-varied-reworded"])
def test_narrative_parts(name: str, results: dict[str, importers.ImportResult]) -> None:
    """Preamble, the five aspects of 一, 五 and 六 come back paragraph for paragraph."""
    fixture = next(fixture for fixture in FIXTURES if fixture.name == name)
    got, want = results[name].report, fixture.expected
    assert (got.preamble, got.overview, got.problems) == \
        (want.preamble, want.overview, want.problems)
    assert got.other_matters.text == want.other_matters.text


def test_blank_cells_are_reported_and_nothing_else(
        results: dict[str, importers.ImportResult]) -> None:
    """In the clean layouts the findings are exactly the cells left blank."""
    for fixture in FIXTURES:
        if "damage" in fixture.name or "traditional" in fixture.name:
            continue
        result = results[fixture.name]
        blank = sorted(path for finding in result.findings for path in finding.json_paths)
        none_cells = sorted(info.json_path
                            for info in iter_fields(fixture.expected.format, cells_only=True)
                            if value_at(fixture.expected, info.path) is None)
        assert (fixture.name, blank) == (fixture.name, none_cells)
        assert {finding.rule for finding in result.findings} <= {"IMP-BLANK"}


def test_accuracy_over_all_fixtures(results: dict[str, importers.ImportResult]) -> None:
    """All cells of all fixtures are right and no number is invented."""
    total = right = invented = 0
    for fixture in FIXTURES:
        result = results[fixture.name]
        for info in iter_fields(fixture.expected.format, cells_only=True):
            want, got = value_at(fixture.expected, info.path), value_at(result.report, info.path)
            total += 1
            right += want == got
            invented += got is not None and got != want
    assert total > 8000
    assert (right, invented) == (total, 0)
