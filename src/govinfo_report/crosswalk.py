"""The crosswalk: the cells of the two format versions paired by meaning.

A 2021-format report (国办公开办函〔2021〕30号) whose previous year was
reported in the trial format (国办公开办函〔2019〕60号) can be checked and
compared against it only cell by cell where the two cells mean the same.
Part 三 and part 四 are identical in both versions (same JSON paths); part 二
changed its columns. This table pairs the cells whose paths differ; a cell
with the same path in both versions is its own counterpart, unless
:data:`UNPAIRED` says why not. The cross-year rules (W1, W2) and
:func:`govinfo_report.compare.compare` read it.

>>> from govinfo_report.crosswalk import counterpart
>>> counterpart("$.proactive_disclosure.art20_1.normative_documents.in_force", "2021", "2019")
'$.proactive_disclosure.art20_1.normative_documents.total_published'
>>> counterpart("$.applications.carried_forward.natural_person", "2021", "2019")
'$.applications.carried_forward.natural_person'
>>> counterpart("$.proactive_disclosure.art20_8.admin_fees.amount", "2021", "2019") is None
True
"""

from __future__ import annotations

import functools

import attrs

from .exceptions import UnknownPathError
from .labels import field_info, iter_fields
from .model import FormatVersion
from .model._fields import Kind

__all__ = ["CROSSWALK", "UNPAIRED", "Pairing", "counterpart", "pairing", "pairings"]

_ART20_1 = "$.proactive_disclosure.art20_1"
_ROWS = ("regulations", "normative_documents")  # 规章; 规范性文件 / 行政规范性文件


@attrs.frozen(kw_only=True)
class Pairing:
    """A trial-format cell and the 2021-format cell that means the same, or nearly."""

    #: The JSON path in the trial format (2019 and 2020 reports).
    trial: str
    #: The JSON path in the 2021 format.
    current: str
    #: False when the meanings only nearly match (:attr:`note` says how).
    exact: bool = True
    note: str = ""

    def to_json(self) -> dict[str, object]:
        """The pairing as JSON."""
        return {"trial": self.trial, "current": self.current, "exact": self.exact,
                "note": self.note}


#: The pairs of cells whose JSON paths differ between the versions.
CROSSWALK: tuple[Pairing, ...] = (
    *(Pairing(
        trial=f"{_ART20_1}.{row}.total_published", current=f"{_ART20_1}.{row}.in_force",
        exact=False,
        # Doubtful: the trial column's wording does not say "in force", but that is how
        # most trial reports filled it in; W2 is a warning, so the pair is used.
        note="对外公开总数量是至今公开的文件数，取代它的现行有效件数不含已废止、失效的文件；"
             "多数试行格式报告在这一栏填的就是现行有效的文件数，所以用来检查衔接（W2，警告）")
      for row in _ROWS),
    *(Pairing(
        trial=f"{_ART20_1}.{row}.new_made", current=f"{_ART20_1}.{row}.issued",
        exact=False,
        # Doubtful: a document made in December and issued in January falls in different years.
        note="本年新制作数量是本年制作的文件数，本年制发件数是本年制作并印发的文件数，"
             "只差制作而尚未印发的文件")
      for row in _ROWS),
)

#: Cells of one version with no counterpart in the other, and why.
UNPAIRED: dict[str, str] = {
    **{f"{_ART20_1}.{row}.repealed": "本年废止件数是 2021 年格式新增的" for row in _ROWS},
    **{f"{_ART20_1}.{row}.new_published": "2021 年格式不再统计本年新公开数量" for row in _ROWS},
    "$.proactive_disclosure.art20_8.admin_fees.amount":
        "2021 年格式是本年收费金额（万元），试行格式是收费项目数量（上一年项目数量、本年增/减），"
        "不是同一种量",
    "$.applications.results.other":
        "试行格式的（六）其他处理是一行，2021 年格式分为三行；试行格式的一行是三行之和，"
        "不与其中任何一行对应",
}


def _is_cell(path: str, format: FormatVersion) -> bool:
    try:
        info = field_info(path, format)
    except UnknownPathError:
        return False
    return info.kind in (Kind.COUNT, Kind.SIGNED, Kind.MONEY)


def _unpaired(path: str) -> bool:
    return any(path == key or path.startswith(key + ".") for key in UNPAIRED)


def counterpart(path: str, of: FormatVersion | str, in_: FormatVersion | str) -> str | None:
    """The cell of format ``in_`` that means what the cell ``path`` of format ``of`` means.

    ``None`` when ``in_`` has no such cell. Within one format a cell is its own
    counterpart (any path of the report, cell or not).
    """
    return _counterpart(path, FormatVersion(of), FormatVersion(in_))


@functools.cache
def _counterpart(path: str, of: FormatVersion, in_: FormatVersion) -> str | None:
    if of is in_:
        return path
    for pairing in CROSSWALK:
        mine, theirs = ((pairing.current, pairing.trial) if of is FormatVersion.V2021
                        else (pairing.trial, pairing.current))
        if path == mine:
            return theirs
    if _unpaired(path) or not (_is_cell(path, of) and _is_cell(path, in_)):
        return None
    return path


def pairings(earlier: FormatVersion | str,
             later: FormatVersion | str) -> tuple[tuple[str, str], ...]:
    """Every cell of ``later`` that has a counterpart in ``earlier``, as
    ``(path in earlier, path in later)``, in the official order of ``later``."""
    return _pairings(FormatVersion(earlier), FormatVersion(later))


@functools.cache
def _pairings(earlier: FormatVersion, later: FormatVersion) -> tuple[tuple[str, str], ...]:
    pairs = ((counterpart(info.json_path, later, earlier), info.json_path)
             for info in iter_fields(later, cells_only=True))
    return tuple((mine, theirs) for mine, theirs in pairs if mine is not None)


def pairing(trial: str, current: str) -> Pairing | None:
    """The :data:`CROSSWALK` entry pairing these two paths (``None``: same path or no pair)."""
    return next((entry for entry in CROSSWALK
                 if (entry.trial, entry.current) == (trial, current)), None)
