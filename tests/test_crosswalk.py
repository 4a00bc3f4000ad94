"""The crosswalk pairs cells of the two format versions by meaning, both ways."""

from __future__ import annotations

import pytest

from govinfo_report.crosswalk import (
    CROSSWALK,
    UNPAIRED,
    Pairing,
    counterpart,
    pairing,
    pairings,
)
from govinfo_report.labels import field_info, iter_fields
from govinfo_report.model import FormatVersion

V2021, V2019 = FormatVersion.V2021, FormatVersion.V2019


def cells(format: FormatVersion) -> list[str]:
    """The JSON paths of the table cells of ``format``."""
    return [info.json_path for info in iter_fields(format, cells_only=True)]


@pytest.mark.parametrize("entry", CROSSWALK, ids=lambda entry: entry.current)
def test_pairings_name_cells_of_the_same_kind_and_unit(entry: Pairing) -> None:
    """Each pairing names a trial cell and a 2021 cell that count the same kind of thing."""
    trial = field_info(entry.trial, V2019)
    current = field_info(entry.current, V2021)
    assert (trial.kind, trial.unit) == (current.kind, current.unit)
    assert trial.labels[:-1][:2] == current.labels[:-1][:2]  # same part, same item of 第二十条
    assert entry.exact or entry.note


def test_counterparts_go_both_ways() -> None:
    """A cell's counterpart's counterpart is the cell itself."""
    for of, in_ in ((V2021, V2019), (V2019, V2021)):
        for path in cells(of):
            other = counterpart(path, of, in_)
            if other is not None:
                assert counterpart(other, in_, of) == path
                assert other in cells(in_)


def test_part_three_and_four_pair_by_path_except_other_handling() -> None:
    """三 and 四 are identical in both versions, except （六）其他处理 (one row / three rows)."""
    shared = set(cells(V2021)) & set(cells(V2019))
    for path in shared:
        expected = None if path.startswith("$.applications.results.other.") else path
        assert counterpart(path, V2021, V2019) == expected
    carried = "$.applications.carried_forward.natural_person"
    assert counterpart(carried, V2021, V2019) == carried  # 上年结转 ← 结转下年度继续办理


def test_unpaired_cells_say_why() -> None:
    """Cells left out have a reason, and no counterpart."""
    assert counterpart("$.proactive_disclosure.art20_8.admin_fees.amount", V2021, V2019) is None
    assert counterpart("$.applications.results.other.total", V2019, V2021) is None
    assert all(reason for reason in UNPAIRED.values())
    assert counterpart("$.proactive_disclosure.art20_9.procurement.projects", V2019, V2021) is None


def test_pairings_list_every_compared_cell_in_official_order() -> None:
    """``pairings`` follows the later format's order; same format pairs every cell."""
    assert pairings(V2021, V2021) == tuple((path, path) for path in cells(V2021))
    across = pairings(V2019, V2021)
    assert [later for _, later in across] == [
        path for path in cells(V2021) if counterpart(path, V2021, V2019) is not None]
    explicit = [(earlier, later) for earlier, later in across if earlier != later]
    assert explicit == [(entry.trial, entry.current) for entry in sorted(
        CROSSWALK, key=lambda entry: cells(V2021).index(entry.current))]
    assert pairing(*explicit[0]) is not None
    assert pairing("$.a", "$.b") is None
