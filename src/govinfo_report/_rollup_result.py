"""What a roll-up gives: the summed report, its inputs, the cells some input left blank.

Documented with :mod:`govinfo_report.rollup`.
"""

from __future__ import annotations

import attrs

from ._rollup_inputs import RollupInput
from ._rollup_sum import BlankPolicy
from .model import Report

__all__ = ["BlankCell", "Rollup"]


@attrs.frozen(kw_only=True)
class BlankCell:
    """A cell that some inputs left blank."""

    json_path: str
    labels: tuple[str, ...]
    #: The inputs whose cell was blank.
    inputs: tuple[RollupInput, ...]

    def __str__(self) -> str:
        names = "、".join(item.name for item in self.inputs)
        return f"{self.json_path}（{' › '.join(self.labels)}）: {names}"


@attrs.frozen(kw_only=True)
class Rollup:
    """The result of :func:`~govinfo_report.rollup.aggregate`."""

    #: The summed report.
    report: Report
    inputs: tuple[RollupInput, ...]
    #: Every cell some input left blank, in official order.
    blank_cells: tuple[BlankCell, ...]
    #: The blank policy used, ``"blank"`` (those cells are blank in :attr:`report`)
    #: or ``"zero"`` (blank was counted as 0).
    blank: BlankPolicy
