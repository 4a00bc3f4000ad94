"""Failures alone: the error-level rules evaluated without the others give the failing findings."""

from __future__ import annotations

from typing import Any

import attrs
from hypothesis import given, settings
from hypothesis import strategies as st

from govinfo_report import build
from govinfo_report._rollup_sum import Sums
from govinfo_report.convert import from_dict, to_dict
from govinfo_report.examples import load_example
from govinfo_report.labels import iter_fields
from govinfo_report.model import Acknowledgement, FormatVersion, Report
from govinfo_report.rollup import Aggregator
from govinfo_report.rules import iter_findings
from govinfo_report.rules._failures import failures

from .sample_reports import consistent_cells, with_cells
from .strategies import reports


def _failing(report: Report) -> tuple[Any, ...]:
    return tuple(finding for finding in iter_findings(report) if finding.is_failure())


@st.composite
def edited_reports(draw: st.DrawFn) -> Report:
    """Consistent reports with a few cells (totals too) changed or emptied, and some of
    the failing findings acknowledged."""
    version = draw(st.sampled_from([FormatVersion.V2021, FormatVersion.V2019]))
    document = to_dict(build(version, draw(consistent_cells(version))))
    paths = [info.path for info in iter_fields(version, cells_only=True)
             if info.kind.value != "money"]
    for path in draw(st.lists(st.sampled_from(paths), max_size=4)):
        node: Any = document
        for segment in path[:-1]:
            node = node[segment]
        node[path[-1]] = draw(st.none() | st.integers(0, 200))
    report = from_dict(document)
    failing = _failing(report)
    acknowledged = draw(st.lists(st.sampled_from(failing), max_size=3)) if failing else []
    return attrs.evolve(report, acknowledgements=tuple(
        Acknowledgement(rule=finding.rule, path=finding.json_path, reason="已核实")
        for finding in acknowledged))


@settings(max_examples=100, deadline=None)
@given(edited_reports())
def test_failures_of_edited_reports(report: Report) -> None:
    """Changed cells, blanks and acknowledgements: the same failing findings, in order;
    a checked roll-up lists them (its sums screen what they read), and clears a report
    only when none fails."""
    found = failures(report)
    assert found == _failing(report)
    aggregator = Aggregator(organ="示范县人民政府", level="county")
    aggregator.add(report, source="a.json")
    assert [item.findings for item in aggregator.inconsistent] == ([found] if found else [])
    if Sums(report.format, checked=True).add(report, 0):
        assert found == ()


@settings(max_examples=60, deadline=None)
@given(reports())
def test_failures_of_any_report(report: Report) -> None:
    """Reports drawn from every field's domain (blanks, random acknowledgements)."""
    assert failures(report) == _failing(report)


def test_failures_of_the_examples() -> None:
    """A consistent report has none; a total off by one fails I1 as the full check says.
    The checked sums clear the consistent report and not the other."""
    for version in FormatVersion:
        assert failures(load_example(version)) == ()
    assert Sums(FormatVersion.V2021, checked=True).add(load_example("2021"), 0)
    broken = with_cells(load_example("2021"), applications__new_received__natural_person=99)
    found = failures(broken)
    assert found
    assert found == _failing(broken)
    assert {finding.rule for finding in found} <= {"S1", "I1", "I2", "I3"}
    assert not Sums(FormatVersion.V2021, checked=True).add(broken, 0)
