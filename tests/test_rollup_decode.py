"""A roll-up summing inputs from their decoded text sums what it would from loaded reports.

:meth:`Aggregator.add_json` reads most texts without building the report
(:mod:`govinfo_report._rollup_decode`). Whatever the text, the roll-up, its
record of the inputs and its refusals are those of ``add(loads(text))``, and a
text ``loads`` refuses raises the same error. Where the decoded structs are
taken, every value the roll-up reads from them equals the loaded report's, of
the same type and written the same (an amount keeps its exponent).
"""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from govinfo_report import LoadError, _decode_fast, _rollup_decode, loads
from govinfo_report._cells import cells
from govinfo_report.convert import dumps, to_dict
from govinfo_report.examples import example_text, load_example
from govinfo_report.model import FormatVersion, Report
from govinfo_report.model._fields import Kind
from govinfo_report.rollup import Aggregator

from .fast_paths import fast_path
from .sample_reports import consistent_reports, procurement, renamed, with_cells
from .strategies import reports
from .test_decode_fast import _VALUES, EDGE_TEXTS, _mutated_text
from .test_schema import locations

pytest.importorskip("msgspec")



def _written(value: Any) -> Any:
    """A value as the roll-up takes it: its type and how it is written (``1.50`` is not ``1.5``)."""
    return None if value is None else (type(value), str(value))


def _read(decoded: Any, format: FormatVersion, *, texts: bool) -> dict[str, Any]:
    """Everything a roll-up reads of an input: cells, units, metadata, acknowledgements."""
    seen: dict[str, Any] = {"format": format}
    for cell in cells(format):
        value = cell.get(decoded)
        if texts and isinstance(value, str):
            value = Decimal(value)
        seen[cell.json_path] = _written(value)
        if cell.get_unit is not None:
            seen[cell.json_path + " unit"] = cell.get_unit(decoded)
    metadata = decoded.metadata
    seen["metadata"] = (metadata.organ, metadata.level, metadata.year, metadata.division_code)
    seen["acknowledgements"] = [(item.rule, item.path, item.reason)
                                for item in decoded.acknowledgements]
    return seen


def _assert_read_alike(text: str | bytes) -> None:
    """If the structs are taken, ``loads`` takes the text and reads the same values."""
    decoded = _rollup_decode.decode_input(text)
    if decoded is None:
        return
    struct, format = decoded
    report = loads(text)
    assert report.format is format
    assert _read(struct, format, texts=True) == _read(report, format, texts=False)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(reports())
def test_generated_reports_are_read_as_loaded(report: Report) -> None:
    """A report's text is taken whenever the typed decode of ``loads`` takes it and no count
    is blank, and read alike."""
    text = dumps(report).encode()
    blank_count = any(cell.get(report) is None for cell in cells(report.format)
                      if cell.kind is not Kind.MONEY)
    assert (_rollup_decode.decode_input(text) is None) == (
        _decode_fast.decode(text) is None or blank_count)
    _assert_read_alike(text)


@settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(reports(), st.data())
def test_single_mutations_are_read_as_loaded(report: Report, data: st.DataObject) -> None:
    """One wrong type, extra, missing or duplicate key, out-of-domain value, lone surrogate
    or excess nesting anywhere: never taken unless ``loads`` takes the text with those values."""
    document = to_dict(report)
    path = data.draw(st.sampled_from(locations(document)), label="path")
    kind = data.draw(st.sampled_from(["replace", "delete", "extra", "duplicate"]), label="kind")
    value = data.draw(st.sampled_from(_VALUES), label="value")
    _assert_read_alike(_mutated_text(document, path, kind, value))


@pytest.mark.parametrize("text", EDGE_TEXTS)
def test_edge_texts_are_read_as_loaded(text: str) -> None:
    _assert_read_alike(text)
    _assert_read_alike(text.encode())


@pytest.mark.parametrize(("old", "new"), [
    ('"2024-01-22"', '"2024-02-30"'), ('"2024-01-22"', '"0000-01-01"'),
    ('"division_code":null,', ""), ('"acknowledgements":[],', ""), ('"extensions":{}', '"extensions":{"a":1}'),
    ('"upheld":1', '"upheld":1,"upheld":1'), ('"upheld":1', '"upheld":1,"bogus":1'),
    ('"upheld":1', '"upheld":null'),
])
def test_what_building_the_report_would_refuse_is_left_to_loads(old: str, new: str) -> None:
    """A date not in the calendar, an absent optional key, extensions, a duplicate or unknown
    key, a blank count: not taken from the structs."""
    text = json.dumps(json.loads(example_text("2021")), ensure_ascii=False, separators=(",", ":"))
    assert old in text
    assert _rollup_decode.decode_input(text.replace(old, new, 1)) is None


def _rollup_text(texts: list[bytes], *, from_json: bool, **settings: Any) -> Any:
    aggregator = Aggregator(organ="示范县人民政府", level="county", **settings)
    for index, text in enumerate(texts):
        if from_json:
            aggregator.add_json(text, source=f"{index}.json")
        else:
            aggregator.add(loads(text), source=f"{index}.json")
    inconsistent = [(item.input.index, [finding.rule for finding in item.findings])
                    for item in aggregator.inconsistent]
    try:
        return inconsistent, dumps(aggregator.rollup(allow_inconsistent=True).report)
    except Exception as error:  # noqa: BLE001 - the same refusal either way
        return inconsistent, f"{type(error).__name__}: {error}"


@st.composite
def _towns(draw: st.DrawFn) -> list[Report]:
    """Consistent towns (read from their structs), with now and then a blank cell, a broken
    total, a 采购总金额 in 元 or 万元, acknowledgements, or a report of the other format."""
    version = draw(st.sampled_from(["2021", "2019"]))
    towns = []
    for index in range(draw(st.integers(1, 6))):
        report = renamed(draw(consistent_reports(version)), f"第{index}镇")
        change = draw(st.sampled_from(["none", "none", "blank", "broken", "amount", "other"]))
        if change == "blank":
            report = with_cells(report, reviews__reconsideration__upheld=None)
        elif change == "broken":
            report = with_cells(report, reviews__reconsideration__total=10**6)
        elif change == "amount" and version == "2019":
            amount = draw(st.sampled_from(["0", "12.50", "0.035", "1.5"]))
            report = procurement(report, f"第{index}镇", amount, draw(st.sampled_from(
                [None, "元", "万元"])))
        elif change == "other":
            report = renamed(load_example("2019" if version == "2021" else "2021"), f"第{index}镇")
        towns.append(report)
    return towns


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_towns(), st.sampled_from(["blank", "zero"]), st.booleans())
def test_a_rollup_of_texts_is_the_rollup_of_their_reports(towns: list[Report], blank: str,
                                                          check_inputs: bool) -> None:
    """The same roll-up (bytes of its text), the same inconsistent inputs, the same refusal."""
    texts = [dumps(town).encode() for town in towns]
    settings = {"blank": blank, "check_inputs": check_inputs}
    assert _rollup_text(texts, from_json=True, **settings) == \
        _rollup_text(texts, from_json=False, **settings)


def test_a_text_loads_refuses_raises_the_same_error() -> None:
    text = example_text("2021").replace('"upheld": 1', '"upheld": -1', 1)
    with pytest.raises(LoadError) as expected:
        loads(text, source="a.json")
    aggregator = Aggregator(organ="示范县人民政府", level="county")
    with pytest.raises(LoadError) as raised:
        aggregator.add_json(text, source="a.json")
    assert str(raised.value) == str(expected.value)
    assert raised.value.problems == expected.value.problems
    assert not aggregator.inputs


@pytest.mark.parametrize("path", ["fast", "strict"])
def test_texts_are_summed_with_and_without_the_fast_extra(path: str) -> None:
    texts = [dumps(renamed(load_example(version), f"第{index}镇")).encode()
             for index, version in enumerate(["2021", "2021"])]
    with fast_path(path):
        assert _rollup_decode.decode_input(texts[0]) is None if path == "strict" else True
        assert _rollup_text(texts, from_json=True) == _rollup_text(texts, from_json=False)
