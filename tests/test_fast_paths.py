"""The fast load path gives the same reports and the same errors as the detailed one."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from govinfo_report import LoadError, _decode_fast, convert, loads
from govinfo_report._fast_structure import fast_structure
from govinfo_report.convert import _from_dict_detailed, to_dict
from govinfo_report.examples import example_text, load_example
from govinfo_report.model import Report

from .strategies import reports
from .test_schema import WRONG_VALUES, locations, mutate


@settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow])
@given(reports())
def test_fast_structure_equals_the_detailed_converter(report: Report) -> None:
    """On every valid document the generated structuring gives the same report."""
    document = to_dict(report)
    assert fast_structure(document) == _from_dict_detailed(document) == report


def _detailed(document: Any) -> Report | None:
    try:
        return _from_dict_detailed(document)
    except LoadError:
        return None


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow])
@given(reports(), st.data())
def test_fast_structure_never_accepts_more(report: Report, data: st.DataObject) -> None:
    """On single mutations the fast path refuses whatever the detailed converter refuses."""
    document = to_dict(report)
    path = data.draw(st.sampled_from(locations(document)), label="path")
    kind = data.draw(st.sampled_from(["replace", "delete", "extra"]), label="kind")
    value = data.draw(st.sampled_from(WRONG_VALUES), label="value")
    mutated = mutate(document, path, kind, value)
    fast = fast_structure(mutated)
    assert fast is None or fast == _detailed(mutated)
    if _detailed(mutated) is None:
        assert fast is None


def _stdlib_loads(text: str | bytes, monkeypatch: pytest.MonkeyPatch) -> Any:
    with monkeypatch.context() as patch:
        patch.setattr(convert, "_orjson", None)
        patch.setattr(_decode_fast, "msgspec", None)
        try:
            return loads(text, source="r.json")
        except LoadError as error:
            return str(error)


def _both(text: str | bytes, monkeypatch: pytest.MonkeyPatch) -> tuple[Any, Any]:
    try:
        fast: Any = loads(text, source="r.json")
    except LoadError as error:
        fast = str(error)
    return fast, _stdlib_loads(text, monkeypatch)


def _minified(version: str) -> str:
    return json.dumps(json.loads(example_text(version)), ensure_ascii=True,
                      separators=(",", ":"))


@pytest.mark.parametrize("text", [
    example_text("2021"), example_text("2019").encode(), _minified("2019"),
    b"\xef\xbb\xbf" + example_text("2021").encode(),
    # Duplicate keys deep down, in the canonical layout and minified.
    example_text("2021").replace('"upheld": 1,', '"upheld": 1, "upheld": 2,', 1),
    _minified("2021").replace('"other_org":0', '"other_org":0,"other_org":0', 1),
    # A duplicate key inside a string-heavy part, and quotes escaped in strings.
    _minified("2021").replace('"extensions":{}', '"extensions":{"a\\"":"\\\\","a\\"":1}'),
    _minified("2021").replace('"extensions":{}', '"extensions":{"a\\"":"\\\\\\"x"}'),
    # Integers beyond 64 bits stay integers.
    _minified("2021").replace('"extensions":{}', '"extensions":{"n":123456789012345678901234}'),
    _minified("2021").replace('"upheld":1', '"upheld":123456789012345678901234', 1),
    '{"format": "2021", "metadata": {}}', '{"format": NaN}', "[1, 2]",
])
def test_fast_and_stdlib_paths_agree(text: str | bytes, monkeypatch: pytest.MonkeyPatch) -> None:
    """Same report or same error message with and without the fast parser."""
    fast, slow = _both(text, monkeypatch)
    assert fast == slow


def test_duplicate_keys_are_still_refused() -> None:
    """With the fast parser a duplicated key is named, as before."""
    text = example_text("2021").replace('"upheld": 1,', '"upheld": 1, "upheld": 1,', 1)
    with pytest.raises(LoadError, match='重复的键 "upheld"'):
        loads(text)


def test_big_integers_in_extensions_are_exact() -> None:
    """An integer of any size in extensions loads as that integer."""
    text = _minified("2021").replace('"extensions":{}', '"extensions":{"n":2e0,"m":' + str(10**30) + "}")
    report = loads(text)
    assert report.extensions == {"n": 2.0, "m": 10**30}
    assert report.reviews == load_example("2021").reviews
