"""Every report written as plain text or Markdown imports back cell for cell (property).

Reports are the bundled examples with every cell drawn anew: blank, zero, or a
non-zero count, signed change or amount (amounts with up to four decimals, and
in the trial format a recorded unit or none), in varying shares of blanks and zeros. The whole report must come back:
cells (blanks included), amount units, narrative parts and metadata.
"""

from __future__ import annotations

import random
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from govinfo_report import convert
from govinfo_report.examples import load_example
from govinfo_report.importers import _assemble, text
from govinfo_report.labels import FieldInfo, iter_fields
from govinfo_report.model import AmountUnit, FormatVersion, Report
from govinfo_report.model._fields import Kind
from govinfo_report.render import render_markdown, render_text


def _cells(format: FormatVersion) -> list[FieldInfo]:
    return list(iter_fields(format, cells_only=True))


def _unit_paths(format: FormatVersion) -> list[tuple[Any, ...]]:
    return [info.path for info in iter_fields(format) if info.type is AmountUnit]


def _set(document: dict[str, Any], path: tuple[Any, ...], value: Any) -> None:
    for segment in path[:-1]:
        document = document[segment]
    document[path[-1]] = value


def _value(rng: random.Random, kind: Kind, blank: float, zero: float) -> Any:
    """A cell value of ``kind``: blank, zero, or non-zero of any size (amounts with up to
    four decimals, changes of either sign)."""
    if rng.random() < blank:
        return None
    if rng.random() < zero:
        return "0" if kind is Kind.MONEY else 0
    size = 10 ** rng.randint(1, 7)
    if kind is Kind.MONEY:
        return str(Decimal(rng.randint(1, size * 10**4)).scaleb(-rng.randint(0, 4)))
    number = rng.randint(1, size)
    return -number if kind is Kind.SIGNED and rng.random() < 0.5 else number


@st.composite
def reports(draw: st.DrawFn, format: FormatVersion) -> Report:
    """The bundled example of ``format`` with every cell (and amount unit) drawn anew.

    Hypothesis draws a seed and the shares of blank and zero cells; the cells come from
    the seed (a few hundred cells drawn one by one would make the test slow).
    """
    rng = random.Random(draw(st.integers(min_value=0, max_value=2**32 - 1)))
    blank = draw(st.sampled_from([0.0, 0.05, 0.3, 1.0]))
    zero = draw(st.sampled_from([0.0, 0.2, 0.6]))
    document = convert.to_dict(load_example(format))
    for info in _cells(format):
        _set(document, info.path, _value(rng, info.kind, blank, zero))
    for path in _unit_paths(format):
        unit = rng.choice([None, *AmountUnit])
        _set(document, path, None if unit is None else unit.value)
    return convert.from_dict(document)


def _leaves(node: Any, prefix: str = "$") -> dict[str, Any]:
    if isinstance(node, dict):
        return {path: value for key, inner in node.items()
                for path, value in _leaves(inner, f"{prefix}.{key}").items()}
    if isinstance(node, list):
        return {path: value for index, inner in enumerate(node)
                for path, value in _leaves(inner, f"{prefix}[{index}]").items()}
    return {prefix: node}


def _differences(imported: Report, expected: Report) -> dict[str, tuple[Any, Any]]:
    """The leaves (JSON paths) whose imported value differs: (imported, expected)."""
    got, want = _leaves(convert.to_dict(imported)), _leaves(convert.to_dict(expected))
    return {path: (got.get(path), want.get(path)) for path in sorted(got.keys() | want.keys())
            if got.get(path) != want.get(path)}


_SETTINGS = settings(max_examples=500, deadline=None, derandomize=True,
                     suppress_health_check=[HealthCheck.too_slow])


@pytest.mark.parametrize("format", list(FormatVersion))
def test_text_and_markdown_import_back_the_report(format: FormatVersion,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """500 reports of each version (1000 in all), each written as text and as Markdown.

    The consistency checks an import runs on its result are skipped: they judge the
    report, not the reading, and would double the time.
    """
    monkeypatch.setattr(_assemble, "consistency_findings", lambda report: ())

    @_SETTINGS
    @given(report=reports(format))
    def check(report: Report) -> None:
        for render in (render_text, render_markdown):
            result = text.parse(render(report))
            assert _differences(result.report, report) == {}, render.__name__

    check()
