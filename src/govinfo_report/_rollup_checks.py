"""Inputs whose own cells do not add up: a roll-up would pass their discrepancy on."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import attrs

from ._rollup_inputs import RollupInput, make_input, record_of
from .exceptions import IncompatibleReportsError
from .findings import Finding
from .model import Report
from .rules._failures import failures

__all__ = ["InconsistentInput", "inconsistent_inputs", "refuse_inconsistent"]

# Paths named per rule in messages; the rest are counted, a long list helps nobody.
_PATHS_NAMED = 3


@attrs.frozen(kw_only=True)
class InconsistentInput:
    """An input that fails an error-level rule (S1, I1, …): its sum would fail too."""

    input: RollupInput
    #: The failing findings, in rule order.
    findings: tuple[Finding, ...]

    def __str__(self) -> str:
        paths: dict[str, list[str]] = {}
        for finding in self.findings:
            paths.setdefault(finding.rule, []).append(finding.json_path)
        rules = []
        for rule, listed in paths.items():
            more = len(listed) - _PATHS_NAMED
            rules.append(f"{rule} {'、'.join(listed[:_PATHS_NAMED])}"
                         + (f" 等另 {more} 处" if more > 0 else ""))
        return f"{self.input.name}：{'；'.join(rules)}"


def inconsistent_inputs(reports: Iterable[Report], *, sources: Sequence[str] | None = None
                        ) -> tuple[InconsistentInput, ...]:
    """The reports that fail an error-level rule, each with its failing findings.

    A roll-up sums every cell, totals included, so an input whose own cells do
    not add up passes the discrepancy on to the sum. Acknowledged findings do
    not count. ``sources`` names the reports as in :func:`aggregate`.
    """
    found = []
    for index, report in enumerate(reports):
        found_here = failures(report)
        if found_here:
            source = sources[index] if sources is not None and index < len(sources) else ""
            found.append(InconsistentInput(input=make_input(index, record_of(report, source)),
                                           findings=found_here))
    return tuple(found)


def refuse_inconsistent(found: tuple[InconsistentInput, ...]) -> None:
    if found:
        raise IncompatibleReportsError(
            "以下报告有不通过的检查，汇总结果也会不通过（inputs that fail an error-level rule "
            f"would make the roll-up fail it too）：{'；'.join(f'[{item}]' for item in found)}",
            odd_ones=tuple(item.input.index for item in found))
