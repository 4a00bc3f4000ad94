"""The official labels: exact, complete, and answerable by JSON path."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from govinfo_report.exceptions import UnknownPathError
from govinfo_report.labels import field_info, format_path, iter_fields, label_path, parse_path
from govinfo_report.model import (
    APPLICANTS,
    CORNER_NOTE,
    INFO_CONTENT,
    SECTION_TITLES,
    FormatVersion,
)
from govinfo_report.schema import generate

SPEC = json.loads((Path(__file__).parent / "data" / "labels.json").read_text(encoding="utf-8"))


def official_labels(version: str) -> set[str]:
    """Every label the spec file lists for one version."""
    spec = SPEC[version]
    labels = set(spec["section_titles"])
    for table in spec["section2"]:
        labels.add(table["caption"])
        labels.update(table["header"])
        labels.update(table["rows"])
    section3 = spec["section3"]
    labels.add(section3["corner_note"])
    labels.update(section3["leaf_columns"])

    def walk_columns(columns: list[dict[str, Any]]) -> None:
        for column in columns:
            labels.add(column["label"])
            walk_columns(column.get("children", []))

    def walk_rows(rows: list[dict[str, Any]]) -> None:
        for row in rows:
            assert row["number"] + row["text"] == row["label"]
            labels.add(row["label"])
            walk_rows(row.get("children", []))

    walk_columns(section3["columns"])
    walk_rows(section3["rows"])
    for path in spec["section4"]["leaf_columns"]:
        labels.update(path)
    return labels


def model_labels(version: str) -> set[str]:
    """Every label the model declares for one version, group headers and notes included."""
    labels = {APPLICANTS, CORNER_NOTE, INFO_CONTENT, *SECTION_TITLES}
    for info in iter_fields(version):
        labels.update(info.labels)
    return labels


def schema_texts(version: str) -> set[str]:
    """Every title in the generated schema, plus the group paths of descriptions."""
    found: set[str] = set()

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                if key == "title" and isinstance(value, str):
                    found.add(value)
                elif key == "description" and isinstance(value, str):
                    found.update(part.strip() for chunk in value.split("；")
                                 for part in chunk.split(" › "))
                else:
                    walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(generate(version))
    return found


@pytest.mark.parametrize("version", ["2021", "2019"])
def test_every_official_label_is_in_the_model(version: str) -> None:
    """Each label of labels.json is declared, character for character, in the model."""
    assert official_labels(version) - model_labels(version) == set()


@pytest.mark.parametrize("version", ["2021", "2019"])
def test_every_official_label_is_in_the_schema(version: str) -> None:
    """Each label of labels.json is a schema title, or a group header in a description."""
    titles = schema_texts(version)
    assert official_labels(version) - titles == set()
    # Row and column labels are titles proper, not only mentioned.
    leaf_rows = {info.label for info in iter_fields(version) if info.number}
    assert leaf_rows <= titles


@pytest.mark.parametrize(("version", "cells"), [("2021", 10 + 175 + 15 + 3), ("2019", 22 + 161 + 15)])
def test_cell_counts_match_the_format(version: str, cells: int) -> None:
    """2021: 10 + 175 + 15 cells and 3 fee figures; trial: 22 + 161 + 15 cells."""
    assert sum(1 for _ in iter_fields(version, cells_only=True)) == cells


def test_group_rows_have_no_cells() -> None:
    """三、 and （三）–（六） are structure: no cell sits directly under them."""
    for version in ("2021", "2019"):
        for info in iter_fields(version, cells_only=True):
            if info.path[0] == "applications":
                assert info.path[-2] not in {"results", "denied", "unable", "not_processed"}


def test_label_path_of_a_trial_format_cell() -> None:
    """A path resolves to the labels from the part down to the cell."""
    assert label_path("$.proactive_disclosure.art20_5.other_services.change", "2019") == (
        "二、主动公开政府信息情况", "第二十条第（五）项", "其他对外管理服务事项", "本年增/减")


def test_label_path_of_part_four() -> None:
    """Part 四 labels carry their two-level header."""
    assert label_path("$.reviews.litigation_after_reconsideration.pending") == (
        "四、政府信息公开行政复议、行政诉讼情况", "行政诉讼", "复议后起诉", "尚未审结")


def test_other_handling_differs_between_versions() -> None:
    """（六）其他处理 has leaves in 2021 and is a row in the trial format."""
    info = field_info("$.applications.results.other.fee_unpaid.total", "2021")
    assert info.labels[-2] == "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"
    assert field_info("$.applications.results.other.total", "2019").labels[-2] == "（六）其他处理"
    with pytest.raises(UnknownPathError):
        field_info("$.applications.results.other.fee_unpaid.total", "2019")


def test_paths_below_extensions_and_acknowledgements() -> None:
    """Free-form extension paths and list items are labelled by their container."""
    assert field_info("$.extensions.hubei.rows[0]").labels == ("扩展",)
    assert field_info("$.acknowledgements[3].reason").labels == ("已说明的检查结果", "说明")


@pytest.mark.parametrize("path", ["$.nope", "applications", "$.applications.results.total.x",
                                  "$.metadata[0]", "$.applications..total"])
def test_unknown_paths_raise(path: str) -> None:
    """A path the model does not have raises UnknownPathError (a KeyError)."""
    with pytest.raises(UnknownPathError) as caught:
        field_info(path)
    assert isinstance(caught.value, KeyError)


def test_paths_round_trip() -> None:
    """format_path and parse_path are inverses, quoting odd keys."""
    for segments in [("a", 0, "b"), ("extensions", "湖北 2020", "it's")]:
        assert parse_path(format_path(segments)) == segments
    assert format_path(("extensions", "湖北")) == "$.extensions['湖北']"


def test_format_metadata() -> None:
    """Each version knows its notice and format name."""
    assert FormatVersion.V2021.document_number == "国办公开办函〔2021〕30号"
    assert FormatVersion.V2019.format_name == SPEC["2019"]["document"]["format_name"]
