"""Year-over-year comparison of one organ's reports.

:func:`compare` lines up every cell the two reports share — by JSON path, and
between the trial and the 2021 format by meaning through the crosswalk
(:mod:`govinfo_report.crosswalk`) — says how it changed, flags large jumps,
and runs the cross-year checks of the rules engine: W1 (二、上年结转 of this
year = 四、结转下年度继续办理 of last year) and W2 (2021 format: 现行有效件数
carried on, from the trial format's 对外公开总数量 too).

>>> import attrs
>>> from govinfo_report.compare import compare
>>> from govinfo_report.examples import load_example
>>> current = load_example("2021")
>>> previous = attrs.evolve(current, metadata=attrs.evolve(current.metadata, year=2022))
>>> comparison = compare(previous, current)
>>> len(comparison.changed), comparison.jumps
(0, ())
>>> [(finding.rule, finding.json_path) for finding in comparison.findings]
[('W2', '$.proactive_disclosure.art20_1.normative_documents.in_force')]
"""

from __future__ import annotations

import math
from fractions import Fraction
from typing import Any

from . import _comparison
from ._cells import Cell, cells, unit_of
from ._comparison import CellDifference, Comparison, Value
from .crosswalk import Pairing, counterpart, pairing
from .exceptions import IncompatibleReportsError, InvalidOptionError
from .findings import Finding
from .labels import not_known
from .model import AmountUnit, Report
from .model._fields import Kind

__all__ = [
    "COMPARISON_FORMAT",
    "CROSS_YEAR_RULES",
    "DEFAULT_JUMP_RATIO",
    "DEFAULT_MIN_COUNT",
    "CellDifference",
    "Comparison",
    "compare",
]

#: Version of the JSON form of a comparison (:meth:`Comparison.to_json`).
COMPARISON_FORMAT = _comparison.COMPARISON_FORMAT
#: The rules of the rules engine that compare two years.
CROSS_YEAR_RULES = ("W1", "W2")
#: A count that grows more than this many times, or shrinks below its inverse, jumps.
DEFAULT_JUMP_RATIO = 5.0
#: ... provided the larger of the two years is at least this (smaller counts are trivial).
DEFAULT_MIN_COUNT = 20

_YUAN_PER_TEN_THOUSAND = 10000


def compare(previous: Report, current: Report, *, jump_ratio: float = DEFAULT_JUMP_RATIO,
            min_count: int = DEFAULT_MIN_COUNT) -> Comparison:
    """Compare ``previous`` (an earlier year) with ``current``, cell by cell.

    - Cells are matched by JSON path. Between the trial format and the 2021
      format they are matched by meaning (:func:`govinfo_report.crosswalk.counterpart`):
      the same path, or the pairing of the crosswalk (listed in
      :attr:`Comparison.pairings` and the notes); cells without a counterpart
      are listed in :attr:`Comparison.skipped`.
    - A count (``件``/``项`` cells, not signed changes or money) *jumps* when
      the larger of its two values is at least ``min_count`` and it grows more
      than ``jump_ratio`` times, shrinks below ``1 / jump_ratio`` of itself, or
      rises from 0.
    - 试行格式 采购总金额 in 元 one year and 万元 the other is compared in 元
      (converted exactly); with a unit missing it is shown but not subtracted.
    - For consecutive years the cross-year rules W1 and W2 run
      (:func:`govinfo_report.rules.iter_findings` with ``previous``).

    ``previous`` must be of an earlier year than ``current``, else
    :class:`~govinfo_report.exceptions.IncompatibleReportsError`.
    """
    if not jump_ratio > 1:
        raise InvalidOptionError(f"jump_ratio 应大于 1，实际是 {jump_ratio!r}"
                                 "（jump_ratio must be greater than 1）")
    if min_count < 0:
        raise InvalidOptionError(f"min_count 不能为负数，实际是 {min_count!r}"
                                 "（min_count must be >= 0）")
    before, after = previous.metadata, current.metadata
    if before.year is None or after.year is None:
        raise IncompatibleReportsError(
            f"{not_known('$.metadata.year')}，无法判断两份报告的先后"
            "（a report's year is not known）",
            odd_ones=tuple(index for index, metadata in enumerate((before, after))
                           if metadata.year is None))
    if before.year >= after.year:
        raise IncompatibleReportsError(
            f"上一年度报告是 {before.year} 年度，应早于本年度报告的 {after.year} 年度"
            "（the previous report must be of an earlier year）", odd_ones=(0,))
    notes = []
    if before.organ != after.organ:
        notes.append(f"机关名称不同：{before.organ} → {after.organ}（organ names differ）")
    earlier = {cell.json_path: cell for cell in cells(previous.format)}
    later = {cell.json_path: cell for cell in cells(current.format)}
    matched = {path: counterpart(path, current.format, previous.format) for path in later}
    used = set(matched.values())
    skipped = tuple([path for path in earlier if path not in used]
                    + [path for path, other in matched.items() if other is None])
    pairings = tuple(found for path, other in matched.items() if other not in (None, path)
                     for found in [_pairing(previous, current, other, path)] if found)
    if previous.format is not current.format:
        notes.append(_formats_note(previous, current, len(used - {None}), len(skipped), pairings))
    differences = []
    for path, cell in later.items():
        other = matched[path]
        if other is not None and other in earlier:
            difference, note = _difference(earlier[other], cell, previous, current,
                                           jump_ratio, min_count)
            differences.append(difference)
            if note:
                notes.append(note)
    findings: tuple[Finding, ...] = ()
    if after.year - before.year == 1:
        findings = _cross_year_findings(previous, current)
    else:
        notes.append(f"年度不相邻：{before.year} → {after.year}，不做跨年检查 "
                     f"{'、'.join(CROSS_YEAR_RULES)}（years are not consecutive）")
    return Comparison(previous=previous, current=current, cells=tuple(differences),
                      skipped=skipped, pairings=pairings, findings=findings, notes=tuple(notes),
                      jump_ratio=jump_ratio, min_count=min_count)


def _difference(earlier: Cell, later: Cell, previous: Report, current: Report,
                jump_ratio: float, min_count: int) -> tuple[CellDifference, str]:
    old: Value = earlier.get(previous)
    new: Value = later.get(current)
    unit, note = unit_of(later, current), ""
    comparable = old is not None and new is not None
    if later.get_unit is not None and earlier.get_unit is not None:
        old_unit, new_unit = earlier.get_unit(previous), later.get_unit(current)
        if old_unit is not new_unit and comparable and (old or new):
            if old_unit is None or new_unit is None:
                comparable = False
                note = (f"{later.json_path}：单位未记录，只列出不相减"
                        "（a unit is missing; values not subtracted）")
            else:
                old, new = _in_yuan(old, old_unit), _in_yuan(new, new_unit)
                unit = AmountUnit.YUAN.value
                note = f"{later.json_path}：两年单位不同，均换算为元比较（compared in 元）"
    difference: Value = None
    ratio: float | None = None
    if comparable:
        assert old is not None
        assert new is not None
        difference = new - old
        ratio = _ratio(new, old)
    jump = comparable and later.kind is Kind.COUNT and _jumps(old, new, jump_ratio, min_count)
    return CellDifference(json_path=later.json_path, previous_json_path=earlier.json_path,
                          labels=later.info.labels, unit=unit,
                          previous=old, current=new, difference=difference, ratio=ratio,
                          jump=jump), note


def _pairing(previous: Report, current: Report, earlier: str, later: str) -> Pairing | None:
    if current.format.value == "2021":
        return pairing(earlier, later)
    return pairing(later, earlier)


def _formats_note(previous: Report, current: Report, compared: int, skipped: int,
                  pairings: tuple[Pairing, ...]) -> str:
    """Which cells were compared across the two format versions, and how."""
    paired = "；".join(
        f"{entry.current} ↔ {entry.trial}{'' if entry.exact else '（含义相近，不完全相同）'}"
        for entry in pairings)
    return (f"格式版本不同：{previous.format.value} → {current.format.value}；"
            f"按含义比较 {compared} 个单元格"
            + (f"（其中按对照表配对的 {len(pairings)} 个：{paired}）" if pairings else "")
            + f"，跳过没有对应单元格的 {skipped} 个"
            "（formats differ; cells are paired by meaning through the crosswalk）")


def _in_yuan(amount: Value, unit: AmountUnit) -> Value:
    if amount is None or unit is AmountUnit.YUAN:
        return amount
    return amount * _YUAN_PER_TEN_THOUSAND


def _ratio(new: Any, old: Any) -> float | None:
    """``new / old`` as a float; ``None`` when ``old`` is 0 or the ratio overflows a float."""
    if not old:
        return None
    try:
        ratio = float(new / old)
    except OverflowError:  # counts beyond any report's, built in code
        return None
    return ratio if math.isfinite(ratio) else None


def _jumps(old: Any, new: Any, jump_ratio: float, min_count: int) -> bool:
    if max(old, new) < min_count:
        return False
    if old == 0:
        return True
    try:
        return bool(new > old * jump_ratio or new * jump_ratio < old)
    except OverflowError:  # compared exactly instead
        exact = Fraction(jump_ratio)
        return bool(new > old * exact or new * exact < old)


def _cross_year_findings(previous: Report, current: Report) -> tuple[Finding, ...]:
    from .rules import RULES, iter_findings

    # A blank cell of this year that a cross-year check reads is reported once, as B1:
    # that finding says why the check did not run.
    read = {ref.path for rule in RULES if rule.id in CROSS_YEAR_RULES
            for relation in rule.relations(current.format)
            for ref in relation.operands() if not ref.previous}
    return tuple(finding for finding in iter_findings(current, previous=previous)
                 if finding.rule in CROSS_YEAR_RULES
                 or finding.subject_rule in CROSS_YEAR_RULES
                 or (finding.rule == "B1" and finding.json_path in read))
