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
>>> from govinfo_report.model import FormatVersion
>>> counterpart("$.proactive_disclosure.art20_1.normative_documents.in_force",
...             FormatVersion.V2021, FormatVersion.V2019)
'$.proactive_disclosure.art20_1.normative_documents.total_published'
>>> counterpart("$.applications.carried_forward.natural_person",
...             FormatVersion.V2021, FormatVersion.V2019)
'$.applications.carried_forward.natural_person'
>>> counterpart("$.proactive_disclosure.art20_8.admin_fees.amount",
...             FormatVersion.V2021, FormatVersion.V2019) is None
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
        note="对外公开总数量 counts the documents published to date; 现行有效件数, which "
             "replaced it, leaves out those repealed or expired. Most trial reports filled in "
             "the documents in force, so the carry-over (W2) is checked, as a warning.")
      for row in _ROWS),
    *(Pairing(
        trial=f"{_ART20_1}.{row}.new_made", current=f"{_ART20_1}.{row}.issued",
        exact=False,
        note="本年新制作数量 counts documents made in the year, 本年制发件数 those made and "
             "issued: the same documents unless one was made but not yet issued.")
      for row in _ROWS),
)

#: Cells of one version with no counterpart in the other, and why.
UNPAIRED: dict[str, str] = {
    **{f"{_ART20_1}.{row}.repealed": "本年废止件数 is new in the 2021 format." for row in _ROWS},
    **{f"{_ART20_1}.{row}.new_published": "本年新公开数量 is not reported in the 2021 format."
       for row in _ROWS},
    "$.proactive_disclosure.art20_8.admin_fees.amount":
        "2021: the fees collected in 万元; trial: the number of fee items (上一年项目数量, "
        "本年增/减). Different quantities.",
    "$.applications.results.other":
        "Trial: one row （六）其他处理; 2021: three rows under it. The trial row is their "
        "sum, not one cell's counterpart.",
}


def _is_cell(path: str, format: FormatVersion) -> bool:
    try:
        info = field_info(path, format)
    except UnknownPathError:
        return False
    return info.kind in (Kind.COUNT, Kind.SIGNED, Kind.MONEY)


def _unpaired(path: str) -> bool:
    return any(path == key or path.startswith(key + ".") for key in UNPAIRED)


@functools.cache
def counterpart(path: str, of: FormatVersion, in_: FormatVersion) -> str | None:
    """The cell of format ``in_`` that means what the cell ``path`` of format ``of`` means.

    ``None`` when ``in_`` has no such cell. Within one format a cell is its own
    counterpart (any path of the report, cell or not).
    """
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


@functools.cache
def pairings(earlier: FormatVersion, later: FormatVersion) -> tuple[tuple[str, str], ...]:
    """Every cell of ``later`` that has a counterpart in ``earlier``, as
    ``(path in earlier, path in later)``, in the official order of ``later``."""
    pairs = ((counterpart(info.json_path, later, earlier), info.json_path)
             for info in iter_fields(later, cells_only=True))
    return tuple((mine, theirs) for mine, theirs in pairs if mine is not None)


def pairing(trial: str, current: str) -> Pairing | None:
    """The :data:`CROSSWALK` entry pairing these two paths (``None``: same path or no pair)."""
    return next((entry for entry in CROSSWALK
                 if (entry.trial, entry.current) == (trial, current)), None)
