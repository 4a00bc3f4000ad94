"""Roll-ups stream: the sums of reports read one at a time, and memory that does not hold them."""

from __future__ import annotations

import json
import tracemalloc
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from govinfo_report import _rollup_sum, _rollup_text, build, loads
from govinfo_report.examples import example_text, load_example
from govinfo_report.exceptions import IncompatibleReportsError
from govinfo_report.labels import iter_fields
from govinfo_report.model import FormatVersion, Report
from govinfo_report.rollup import Aggregator, aggregate

from .sample_reports import consistent_cells, leaf_paths, renamed, value_at, with_cells

VERSIONS = st.sampled_from([FormatVersion.V2021, FormatVersion.V2019])


def _put(tree: dict[str, Any], path: tuple[str, ...], value: Any) -> None:
    for segment in path[:-1]:
        tree = tree.setdefault(segment, {})
    tree[path[-1]] = value


def _add_leaves(total: dict[str, Any], cells: dict[str, Any], version: FormatVersion) -> None:
    for path in leaf_paths(version):
        node_total: Any = total
        node: Any = cells
        for segment in path[:-1]:
            node_total, node = node_total.setdefault(segment, {}), node[segment]
        node_total[path[-1]] = node_total.get(path[-1], 0) + node[path[-1]]


@st.composite
def leaves_of_towns(draw: st.DrawFn) -> tuple[FormatVersion, list[dict[str, Any]]]:
    version = draw(VERSIONS)
    count = draw(st.integers(1, 5))
    return version, [draw(consistent_cells(version, organ=f"第{index}镇"))
                     for index in range(count)]


@settings(max_examples=20, deadline=None)
@given(leaves_of_towns())
def test_streamed_sum_is_the_builder_report_of_the_summed_leaves(
        towns: tuple[FormatVersion, list[dict[str, Any]]]) -> None:
    """Summing reports one at a time from a generator gives, cell for cell, the report the
    builder makes of the summed leaf cells (totals included)."""
    version, leaves = towns
    summed: dict[str, Any] = {"metadata": {"organ": "示范县人民政府", "level": "county",
                                           "year": 2023}}
    for cells in leaves:
        _add_leaves(summed, cells, version)
    if version is FormatVersion.V2019:
        _put(summed, ("proactive_disclosure", "art20_9", "procurement", "amount_unit"), "元")
    expected = build(version, summed)
    rollup = aggregate((build(version, cells) for cells in leaves), organ="示范县人民政府",
                       level="county")
    for info in iter_fields(version, cells_only=True):
        assert value_at(rollup.report, info.json_path) == value_at(expected, info.json_path), \
            info.json_path
    assert len(rollup.inputs) == len(leaves)


@st.composite
def towns_with_blanks(draw: st.DrawFn) -> list[Report]:
    version = draw(VERSIONS)
    reports = []
    for index in range(draw(st.integers(1, 4))):
        cells = draw(consistent_cells(version, organ=f"第{index}镇"))
        for path in draw(st.lists(st.sampled_from(leaf_paths(version)), max_size=3)):
            _put(cells, path, None)
        reports.append(build(version, cells))
    return reports


@settings(max_examples=20, deadline=None)
@given(towns_with_blanks(), st.sampled_from(["blank", "zero"]))
def test_streamed_sum_with_blanks_equals_the_sum_over_the_list(reports: list[Report],
                                                               blank: str) -> None:
    """Cell by cell, with blank cells: the sum of what is not blank ("zero"), or blank
    ("blank") where any input is; the blank cells listed with their inputs, in order."""
    version = reports[0].format
    rollup = aggregate(iter(reports), organ="示范县人民政府", level="county",
                       blank=blank,  # type: ignore[arg-type]
                       check_inputs=False)
    blank_cells = []
    for info in iter_fields(version, cells_only=True):
        values = [value_at(report, info.json_path) for report in reports]
        missing = tuple(index for index, value in enumerate(values) if value is None)
        total = sum((value for value in values if value is not None),
                    Decimal(0) if isinstance(values[0], Decimal) else 0)
        if missing:
            blank_cells.append((info.json_path, missing))
        expected = None if missing and blank == "blank" else total
        assert value_at(rollup.report, info.json_path) == expected, info.json_path
    assert [(cell.json_path, tuple(item.index for item in cell.inputs))
            for cell in rollup.blank_cells] == blank_cells


def _towns(count: int) -> Iterator[Report]:
    """``count`` reports, each loaded from its own text (no object shared between them)."""
    text = example_text("2021")
    organ = json.dumps(json.loads(text)["metadata"]["organ"], ensure_ascii=False)
    for index in range(count):
        yield loads(text.replace(organ, f'"第{index}镇"', 1))


def _peak_bytes(count: int) -> int:
    tracemalloc.start()
    try:
        aggregate(_towns(count), organ="示范县人民政府", level="county")
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def _report_bytes() -> int:
    tracemalloc.start()
    try:
        kept = list(_towns(20))
        size = tracemalloc.get_traced_memory()[0] // len(kept)
    finally:
        tracemalloc.stop()
    return size


def test_memory_does_not_hold_the_reports() -> None:
    """Peak memory for 2 000 reports exceeds that for 200 by far less than holding them
    would take: each report adds only its record among the inputs (under 1 KiB), not
    itself (over 10 KiB)."""
    report = _report_bytes()
    small, large = _peak_bytes(200), _peak_bytes(2000)
    per_extra_report = (large - small) / 1800
    assert per_extra_report < min(1024, report / 4), (small, large, report)


def _streamed_peak_bytes(count: int) -> int:
    tracemalloc.start()
    try:
        aggregator = Aggregator(organ="示范县人民政府", level="county")
        for index, report in enumerate(_towns(count)):
            aggregator.add(report, source=f"/data/reports/{index:06d}.json")
        for _ in aggregator.finish().pieces():
            pass
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def _full_peak_bytes(count: int) -> int:
    tracemalloc.start()
    try:
        aggregate(_towns(count), organ="示范县人民政府", level="county",
                  sources=[f"/data/reports/{index:06d}.json" for index in range(count)])
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_written_in_pieces_each_report_adds_only_its_record(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Summed and written in pieces (as the command does), each report adds its small
    record (organ, source, …) and nothing else: no dict of the record of inputs, no
    whole text. Pieces of 50 inputs, so that their size does not grow in between."""
    monkeypatch.setattr(_rollup_text, "BATCH", 50)
    _streamed_peak_bytes(50)  # caches and generated code made before measuring
    _full_peak_bytes(50)
    streamed = (_streamed_peak_bytes(2000) - _streamed_peak_bytes(200)) / 1800
    whole = (_full_peak_bytes(2000) - _full_peak_bytes(200)) / 1800
    assert streamed < min(512, whole * 0.8), (streamed, whole)


def test_sums_in_batches_equal_sums_one_by_one(monkeypatch: pytest.MonkeyPatch) -> None:
    """Reports without a blank are summed a batch at a time; with batches of 2, reports
    with and without blanks in any order give the sums of a batch of one."""
    filled = load_example("2021")
    blanks = with_cells(filled, proactive_disclosure__art20_1__regulations__issued=None,
                        applications__new_received__total=None)
    towns = [renamed(report, f"第{index}镇") for index, report in
             enumerate([filled, blanks, filled, filled, blanks, filled, filled])]
    expected = aggregate(towns, organ="示范县人民政府", level="county", blank="zero",
                         check_inputs=False)
    monkeypatch.setattr(_rollup_sum, "_BATCH", 2)
    for blank in ("zero", "blank"):
        batched = aggregate(towns, organ="示范县人民政府", level="county",
                            blank=blank,  # type: ignore[arg-type]
                            check_inputs=False)
        if blank == "zero":
            assert batched == expected
        assert [cell.json_path for cell in batched.blank_cells] == [
            cell.json_path for cell in expected.blank_cells]


def test_aggregator_adds_one_report_at_a_time_and_refuses_at_the_end() -> None:
    """add never raises for what a report holds; rollup refuses mixed inputs, naming them."""
    aggregator = Aggregator(organ="示范县人民政府", level="county")
    towns = list(_towns(2))
    aggregator.add(towns[0], source="a.json")
    aggregator.add(towns[0], source="b.json")
    aggregator.add(towns[1], source="c.json")
    with pytest.raises(IncompatibleReportsError, match=r"b\.json 与 a\.json") as raised:
        aggregator.rollup()
    assert raised.value.odd_ones == (1,)
