"""Passing and failing cases of each rule, built from the bundled examples.

The docs' rule catalog shows them and the tests check them, so each rule's
documentation is also its test.
"""

from __future__ import annotations

from typing import Any

from ..builder import build
from ..convert import from_dict, to_dict
from ..examples import load_example
from ..labels import parse_path
from ..model import REPORT_CLASSES, FormatVersion, Report
from ..model._introspect import model_fields
from ._rule import Edit, Example

__all__ = ["edited", "example_case"]


def _set(document: dict[str, Any], path: str, value: Any) -> None:
    *parents, last = parse_path(path)
    node: Any = document
    for segment in parents:
        node = node[segment]
    node[last] = value


def _without_totals(cls: type, node: dict[str, Any]) -> dict[str, Any]:
    result = {}
    for field in model_fields(cls):
        if field.spec.derived or field.name not in node:
            continue
        value = node[field.name]
        if field.child is not None and not field.repeated and isinstance(value, dict):
            value = _without_totals(field.child, value)
        result[field.name] = value
    return result


def edited(report: Report, edits: tuple[Edit, ...], *, recompute: bool = False) -> Report:
    """``report`` with cells set by JSON path; with ``recompute`` the totals follow."""
    document = to_dict(report)
    for path, value in edits:
        _set(document, path, value)
    if not recompute:
        return from_dict(document)
    version = FormatVersion(document.pop("format"))
    document.pop("$schema")
    return build(version, _without_totals(REPORT_CLASSES[version], document))


def example_case(example: Example) -> tuple[Report, Report | None]:
    """The report and the previous year's report (or ``None``) an example describes."""
    base = load_example(example.format)
    report = edited(base, example.edits, recompute=example.recompute) if example.edits else base
    if example.previous_edits is None:
        return report, None
    return report, edited(base, example.previous_edits, recompute=example.recompute)
