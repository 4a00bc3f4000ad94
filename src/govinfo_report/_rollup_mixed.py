"""Inputs a roll-up cannot sum together: formats, years, unknown or repeated organs."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Hashable, Sequence
from typing import Protocol

from .exceptions import IncompatibleReportsError
from .labels import not_known
from .model import FormatVersion

__all__ = ["RollupEntry", "refuse_mixed"]


class RollupEntry(Protocol):
    """What the refusals read of each input (a :class:`~govinfo_report.rollup.RollupInput`)."""

    @property
    def index(self) -> int: ...
    @property
    def organ(self) -> str | None: ...
    @property
    def year(self) -> int | None: ...
    @property
    def format(self) -> FormatVersion: ...
    @property
    def division_code(self) -> str | None: ...
    @property
    def name(self) -> str: ...


def _describe_format(version: FormatVersion) -> str:
    return f"{version.value}（{version.document_number}）"


def _odd_ones(inputs: Sequence[RollupEntry], key: Callable[[RollupEntry], Hashable]
              ) -> tuple[Hashable, list[RollupEntry]]:
    # The most common value is the norm; ties go to the one seen first.
    norm = Counter(key(item) for item in inputs).most_common(1)[0][0]
    return norm, [item for item in inputs if key(item) != norm]


def refuse_mixed(inputs: Sequence[RollupEntry]) -> None:
    unknown = [item for item in inputs if item.organ is None or item.year is None]
    if unknown:
        raise IncompatibleReportsError(
            f"以下报告{not_known('$.metadata.organ')}或{not_known('$.metadata.year')}，不能汇总"
            "（reports without organ or year cannot be "
            f"rolled up）：{'；'.join(item.name for item in unknown)}",
            odd_ones=tuple(item.index for item in unknown))
    norm, odd = _odd_ones(inputs, lambda item: item.format)
    if odd:
        assert isinstance(norm, FormatVersion)
        listed = "；".join(f"{item.name}：{_describe_format(item.format)}" for item in odd)
        raise IncompatibleReportsError(
            f"不能汇总不同格式版本的报告（cannot roll up reports of different format versions）："
            f"多数为 {_describe_format(norm)}，以下报告不同：{listed}",
            odd_ones=tuple(item.index for item in odd))
    norm, odd = _odd_ones(inputs, lambda item: item.year)
    if odd:
        listed = "；".join(f"{item.name}：{item.year} 年度" for item in odd)
        raise IncompatibleReportsError(
            f"不能汇总不同年度的报告（cannot roll up reports of different years）："
            f"多数为 {norm} 年度，以下报告不同：{listed}",
            odd_ones=tuple(item.index for item in odd))
    seen: dict[tuple[str | None, str | None], RollupEntry] = {}
    repeated = []
    for item in inputs:
        first = seen.setdefault((item.organ, item.division_code), item)
        if first is not item:
            repeated.append((first, item))
    if repeated:
        listed = "；".join(f"{item.name} 与 {first.name}" for first, item in repeated)
        raise IncompatibleReportsError(
            f"同一机关的报告出现了不止一次，会被重复计算（the same organ appears more than once）："
            f"{listed}", odd_ones=tuple(item.index for _, item in repeated))
