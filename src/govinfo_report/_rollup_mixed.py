"""Inputs a roll-up cannot sum together: formats, years, unknown or repeated organs."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Hashable, Sequence
from typing import Protocol

from ._rollup_inputs import InputRecords
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


def _odd_ones(values: Sequence[Hashable]) -> tuple[Hashable, list[int]]:
    first = values[0]
    if values.count(first) == len(values):  # the common case, without hashing every value
        return first, []
    # The most common value is the norm; ties go to the one seen first.
    norm = Counter(values).most_common(1)[0][0]
    return norm, [index for index, value in enumerate(values) if value != norm]


def refuse_mixed(records: InputRecords, entry: Callable[[int], RollupEntry]) -> None:
    """Raise naming the inputs that cannot be summed with the others.

    Read from the columns of ``records``; ``entry`` makes the entry of an input
    (its position) named in a message.
    """
    organs, years = records.organs, records.years
    unknown = [] if None not in organs and None not in years else [
        entry(index) for index, (organ, year) in enumerate(zip(organs, years, strict=True))
        if organ is None or year is None]
    if unknown:
        raise IncompatibleReportsError(
            f"以下报告{not_known('$.metadata.organ')}或{not_known('$.metadata.year')}，不能汇总"
            "（reports without organ or year cannot be "
            f"rolled up）：{'；'.join(item.name for item in unknown)}",
            odd_ones=tuple(item.index for item in unknown))
    norm, positions = _odd_ones(records.formats)
    if positions:
        assert isinstance(norm, FormatVersion)
        odd = [entry(index) for index in positions]
        listed = "；".join(f"{item.name}：{_describe_format(item.format)}" for item in odd)
        raise IncompatibleReportsError(
            f"不能汇总不同格式版本的报告（cannot roll up reports of different format versions）："
            f"多数为 {_describe_format(norm)}，以下报告不同：{listed}",
            odd_ones=tuple(positions))
    norm, positions = _odd_ones(years)
    if positions:
        listed = "；".join(f"{item.name}：{item.year} 年度"
                          for item in map(entry, positions))
        raise IncompatibleReportsError(
            f"不能汇总不同年度的报告（cannot roll up reports of different years）："
            f"多数为 {norm} 年度，以下报告不同：{listed}",
            odd_ones=tuple(positions))
    if len(set(organs)) == len(organs):
        return  # every organ once: no organ and division code twice
    seen: dict[tuple[str | None, str | None], int] = {}
    repeated = []
    for index, organ_and_code in enumerate(zip(organs, records.division_codes, strict=True)):
        first = seen.setdefault(organ_and_code, index)
        if first != index:
            repeated.append((entry(first), entry(index)))
    if repeated:
        listed = "；".join(f"{item.name} 与 {first.name}" for first, item in repeated)
        raise IncompatibleReportsError(
            f"同一机关的报告出现了不止一次，会被重复计算（the same organ appears more than once）："
            f"{listed}", odd_ones=tuple(item.index for _, item in repeated))
