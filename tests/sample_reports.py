"""Reports for the roll-up, comparison and export tests.

Edited copies of the bundled examples, and consistent reports from random
leaves with the identities of the format checked directly. The leaves are
found through the label registry (cells that are not totals); the builder
computes every total, and 四、结转下年度继续办理 is chosen so that the corner
note's 勾稽关系 (S1) holds in every column.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import attrs
from hypothesis import strategies as st

from govinfo_report import build, loads
from govinfo_report.convert import to_dict
from govinfo_report.labels import field_info, iter_fields
from govinfo_report.model import ApplicantCounts, FormatVersion, Report
from govinfo_report.model._fields import Kind
from govinfo_report.model._introspect import model_fields

COLUMNS = tuple(field.name for field in model_fields(ApplicantCounts))
_S1_IN = ("new_received", "carried_over")
_S1_OUT = "carried_forward"


def renamed(report: Report, organ: str, **metadata: Any) -> Report:
    """``report`` as if published by ``organ``."""
    return attrs.evolve(report, metadata=attrs.evolve(report.metadata, organ=organ, **metadata))


def value_at(report: Report, json_path: str) -> Any:
    """The value of the field at ``json_path``."""
    node: Any = report
    for segment in field_info(json_path, report.format).path:
        node = getattr(node, str(segment))
    return node


def with_cells(report: Report, **cells: Any) -> Report:
    """``report`` with the cells named by JSON path (``$`` replaced by ``_``, dots by ``__``)."""
    document = to_dict(report)
    for key, value in cells.items():
        path = field_info("$." + key.replace("__", "."), report.format).path
        node: Any = document
        for segment in path[:-1]:
            node = node[segment]
        node[path[-1]] = value
    return loads(json.dumps(document, ensure_ascii=False))


def procurement(report: Report, organ: str, amount: str | None, unit: str | None) -> Report:
    """A trial-format report with the given 采购总金额 and unit."""
    return renamed(with_cells(report, proactive_disclosure__art20_9__procurement__total_amount=amount,
                              proactive_disclosure__art20_9__procurement__amount_unit=unit), organ)


def leaf_paths(format: FormatVersion | str) -> list[tuple[str, ...]]:
    """Paths of the cells a system enters (no total, no cell under a computed part)."""
    leaves = []
    for info in iter_fields(format, cells_only=True):
        prefixes = (info.path[:end] for end in range(1, len(info.path) + 1))
        if not any(field_info(prefix, format).spec.derived for prefix in prefixes):
            leaves.append(tuple(str(segment) for segment in info.path))
    return leaves


def _put(tree: dict[str, Any], path: tuple[str, ...], value: Any) -> None:
    for segment in path[:-1]:
        tree = tree.setdefault(segment, {})
    tree[path[-1]] = value


def _rows(node: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """Every applicant row below ``node`` (dicts keyed by the applicant columns)."""
    for value in node.values():
        if isinstance(value, dict):
            if set(value) >= set(COLUMNS[:-1]):
                yield value
            else:
                yield from _rows(value)


def balance(cells: dict[str, Any]) -> None:
    """Choose 四、结转下年度继续办理 so that 一 + 二 = （七）总计 + 四 in every column."""
    applications = cells["applications"]
    for column in COLUMNS[:-1]:
        results = sum(row[column] for row in _rows(applications["results"]))
        incoming = sum(applications[row][column] for row in _S1_IN)
        forward = incoming - results
        if forward < 0:
            applications["new_received"][column] -= forward
            forward = 0
        applications[_S1_OUT][column] = forward


@st.composite
def consistent_cells(draw: st.DrawFn, format: FormatVersion | str, year: int = 2023,
                     organ: str = "示范县青山镇人民政府") -> dict[str, Any]:
    """The leaf cells of a consistent report of ``format`` (counts 0–60)."""
    version = FormatVersion(format)
    cells: dict[str, Any] = {"metadata": {"organ": organ, "level": "township", "year": year}}
    for path in leaf_paths(version):
        kind = field_info(path, version).kind
        if kind is Kind.MONEY:
            value: Any = draw(st.decimals(min_value=0, max_value=10**6, places=2))
        elif kind is Kind.SIGNED:
            value = draw(st.integers(-60, 60))
        else:
            value = draw(st.integers(0, 60))
        _put(cells, path, value)
    if version is FormatVersion.V2019:
        _put(cells, ("proactive_disclosure", "art20_9", "procurement", "amount_unit"), "元")
    balance(cells)
    return cells


def consistent_reports(format: FormatVersion | str, year: int = 2023,
                       organ: str = "示范县青山镇人民政府") -> st.SearchStrategy[Report]:
    """Consistent reports of ``format`` built from random leaves."""
    return consistent_cells(format, year, organ).map(lambda cells: build(format, cells))


def broken_identities(report: Report) -> list[str]:
    """The identities S1, I1, I2, I3 of the format that ``report`` breaks, checked directly."""
    document = to_dict(report)
    applications = document["applications"]
    broken = []
    for row in _rows(applications):
        if row["total"] != sum(row[column] for column in COLUMNS[:-1]):
            broken.append(f"I1 {row}")
    results = applications["results"]
    leaves = [row for name, row in results.items() if name != "total" for row in
              ([row] if set(row) >= set(COLUMNS) else _rows(row))]
    for column in COLUMNS:
        if results["total"][column] != sum(row[column] for row in leaves):
            broken.append(f"I2 {column}")
        incoming = sum(applications[row][column] for row in _S1_IN)
        if incoming != results["total"][column] + applications[_S1_OUT][column]:
            broken.append(f"S1 {column}")
    for name, group in document["reviews"].items():
        if group["total"] != sum(value for key, value in group.items() if key != "total"):
            broken.append(f"I3 {name}")
    return broken
