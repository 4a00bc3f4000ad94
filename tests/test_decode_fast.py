"""The fast paths (msgspec's typed decode, orjson) and the strict stdlib path agree exactly.

Each text is loaded three ways: with the ``fast`` extra (msgspec, then orjson),
with orjson alone, and with neither (the stdlib path); and once through the
detailed path alone (``from_dict`` of the stdlib parse: every check, no
shortcut). All four give the same report, or the same error with the same
problems (paths, labels, messages).
``dumps`` writes the same bytes and refuses the same reports either way, and N1's
scan of the joined texts finds what the texts state one by one.
"""

from __future__ import annotations

import contextlib
import copy
import json
from decimal import Decimal
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from govinfo_report import LoadError, _decode_fast, convert, loads
from govinfo_report._json_text import parse_text
from govinfo_report.convert import to_dict
from govinfo_report.examples import example_text, load_example
from govinfo_report.model import Report
from govinfo_report.rules._narrative_rules import n1

from .fast_paths import fast_path as _path
from .strategies import reports
from .test_schema import locations

pytest.importorskip("msgspec")
pytest.importorskip("orjson")


def _outcome(text: str | bytes) -> Any:
    try:
        return loads(text, source="r.json")
    except LoadError as error:
        return type(error).__name__, str(error), error.problems


def _reference(text: str | bytes) -> Any:
    """What the detailed path makes of ``text``: every check, no shortcut."""
    try:
        return convert.from_dict(parse_text(text, "r.json"), source="r.json")
    except LoadError as error:
        return type(error).__name__, str(error), error.problems


def _assert_same(text: str | bytes) -> Any:
    outcomes = {}
    for name in ("fast", "orjson", "strict"):
        with _path(name):
            outcomes[name] = _outcome(text)
    reference = _reference(text)
    assert outcomes["fast"] == reference
    assert outcomes["orjson"] == reference
    assert outcomes["strict"] == reference
    return outcomes["fast"]


# Values a mutation writes; a string "@NAME@" is replaced in the text by a token
# json.dumps cannot write.
_TOKENS = {"@NAN@": "NaN", "@INFINITY@": "-Infinity", "@HUGE_FLOAT@": "1e400",
           "@ONE_POINT_ZERO@": "1.0", "@LONE_SURROGATE@": '"a\\ud800b"',
           "@DEEP@": "[" * 70 + "]" * 70, "@LONG_DIGITS@": "9" * 120}
_VALUES: list[Any] = [
    True, 1.5, "x", [], {}, None, -1, 0, 7, 2**53 - 1, 2**53, 2**64 + 1, 10**30, -(2**53),
    "12.50", "0.1234567890", "0.12345678901", 12.5, "-1", "1e3", "12.50\n", " 12", "NaN",
    "2023-02-28", "2023-02-30", "0000-01-01", "2023-1-1", "2023-02-28\n", "110000", "11000",
    "http://x", "https://a b", "", "township", "Township", "元", *_TOKENS,
]


def _mutated_text(document: dict[str, Any], path: tuple[Any, ...], kind: str,
                  value: Any) -> str:
    """``document`` with one mutation at ``path``, as an indented JSON text."""
    result = copy.deepcopy(document)
    parent: Any = result
    for segment in path[:-1]:
        parent = parent[segment]
    last = path[-1] if path else None
    target = parent[last] if path else result
    if kind == "replace" and path:
        parent[last] = value
    elif kind == "delete" and path:
        del parent[last]
    elif kind == "extra" and isinstance(target, dict):
        target["unexpected_key"] = value
    elif kind == "duplicate" and isinstance(target, dict) and target:
        # The text gets a key of this object a second time (with another value).
        target["@DUPLICATE@"] = value
        key = json.dumps(next(iter(target)), ensure_ascii=False)
        text = json.dumps(result, ensure_ascii=False, indent=2)
        return _with_tokens(text.replace('"@DUPLICATE@"', key, 1))
    return _with_tokens(json.dumps(result, ensure_ascii=False, indent=2))


def _with_tokens(text: str) -> str:
    for marker, token in _TOKENS.items():
        text = text.replace(json.dumps(marker), token)
    return text


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(reports())
def test_generated_reports_load_alike(report: Report) -> None:
    """Every generated report reads back the same through every path, and the typed
    decode takes it unless its extensions hold something."""
    text = convert.dumps(report)
    assert _assert_same(text) == report
    assert _assert_same(text.encode()) == report
    decoded = _decode_fast.decode(text.encode())
    assert (decoded is None) == bool(report.extensions)


@settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(reports(), st.data())
def test_single_mutations_fail_alike(report: Report, data: st.DataObject) -> None:
    """One wrong type, extra, missing or duplicate key, out-of-domain number or string,
    non-finite number, lone surrogate or excess nesting anywhere: the same verdict and
    the same problems through every path."""
    document = to_dict(report)
    path = data.draw(st.sampled_from(locations(document)), label="path")
    kind = data.draw(st.sampled_from(["replace", "delete", "extra", "duplicate"]),
                     label="kind")
    value = data.draw(st.sampled_from(_VALUES), label="value")
    _assert_same(_mutated_text(document, path, kind, value))


def _minified(version: str) -> str:
    return json.dumps(json.loads(example_text(version)), ensure_ascii=False,
                      separators=(",", ":"))


#: Canonical, minified, escaped and spaced texts, texts with a duplicate key, and
#: texts one value away from valid.
EDGE_TEXTS = [
    example_text("2021"), example_text("2019"), _minified("2021"), _minified("2019"),
    "\ufeff" + example_text("2019"),
    # Keys spaced from their colons, non-ASCII escaped, and a duplicate hidden among them.
    example_text("2021").replace('": ', '" : '),
    json.dumps(json.loads(example_text("2021")), ensure_ascii=True),
    _minified("2021").replace('"upheld":1', '"upheld" :1,"upheld":1', 1),
    _minified("2021").replace('"upheld":1', '"upheld":1,"upheld":1', 1),
    _minified("2021").replace('"preamble":', '"preamble":"","preamble":', 1),
    # A missing optional key and a duplicate of another: the string counts alone would agree.
    _minified("2021").replace('"signer":null,', "", 1).replace('"upheld":1', '"upheld":1,"upheld":1', 1),
    # Quotes and backslashes escaped in texts.
    _minified("2021").replace('"preamble":"', '"preamble":"a\\"b\\\\\\"c\\\\', 1),
    _minified("2021").replace('"$schema":', '"$schema":null,"$schema":', 1),
    _minified("2021").replace('"$schema":"https://govinfo-report.org/schema/1/report-2021.schema.json"',
                              '"$schema":"local.json"', 1),
    _minified("2021").replace('"extensions":{}', '"extensions":{"a":1.5,"b":[{"c":null}]}'),
    _minified("2021").replace('"extensions":{}', '"extensions":{"a":1,"a":2}'),
    _minified("2021").replace('"format":"2021"', '"format":"2019"', 1),
    _minified("2021").replace('"format":"2021",', "", 1),
    _minified("2021") + " x", "", "[]", "null", '{"format":"2021"}',
    # Lone surrogates escaped, a pair escaped, and a text too long for a string.
    _minified("2021").replace('"preamble":"', '"preamble":"a\\ud800', 1),
    _minified("2021").replace('"preamble":"', '"preamble":"\\ud83d\\ude00\\u4e2d', 1),
    _minified("2021").replace('"preamble":"', '"preamble":"' + "长" * 200_001, 1),
    # Rows msgspec builds as model classes: unknown, duplicate and missing keys; out of range,
    # wrong type; a signed cell (trial format) below zero.
    *(_minified("2021").replace('"upheld":1', new, 1) for new in [
        '"upheld":1,"bogus":2', '"bogus":{"a":"b"},"upheld":1', '"upheld":1,"upheld":1',
        '"upheld":2,"upheld":1', '"upheld":-1', '"upheld":-0', '"upheld":9007199254740991',
        '"upheld":9007199254740992', '"upheld":1.0', '"upheld":true', '"upheld":"1"',
        '"upheld":null', '"upheld":{}', '"upheld":[1]']),
    _minified("2021").replace('"upheld":1,', "", 1),
    _minified("2019").replace('"change":0', '"change":-3', 1),
    _minified("2019").replace('"change":0', '"change":-9007199254740992', 1),
    # Each pattern holds to the end of the value: a final newline is no match.
    *(_minified("2021").replace(old, new, 1) for old, new in [
        ('"0.35"', '"0.35\\n"'), ('"2024-01-22"', '"2024-01-22\\n"'),
        ('"division_code":null', '"division_code":"110000\\n"'),
        ('"https://www.example.gov.cn/', '"https://www.example.gov.cn/\\n'),
        ('"0.35"', "0.35"), ('"2024-01-22"', '"2024-02-30"'), ('"township"', '"Township"')]),
]


@pytest.mark.parametrize("text", EDGE_TEXTS)
def test_examples_and_edge_texts_load_alike(text: str) -> None:
    """Canonical, minified, escaped and spaced texts, and texts with a duplicate key."""
    _assert_same(text)
    _assert_same(text.encode())


def test_a_raw_lone_surrogate_in_a_str_is_refused_alike() -> None:
    """A ``str`` may hold a lone surrogate itself, not escaped: refused the same way."""
    outcome = _assert_same(_minified("2021").replace('"preamble":"', '"preamble":"\ud800', 1))
    assert outcome[0] == "LoadError"


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(reports())
def test_dumps_is_the_same_with_and_without_the_fast_extra(report: Report) -> None:
    """dumps writes the stdlib's indent=2 form byte for byte, with or without the extra."""
    with _path("strict"):
        strict = convert.dumps(report)
    assert strict == json.dumps(to_dict(report), ensure_ascii=False, indent=2) + "\n"
    assert convert.dumps(report) == strict
    with _path("orjson"):
        assert convert.dumps(report) == strict


_BAD_REPORTS = [
    ("$.metadata.organ", "a\ud800"), ("$.overview.summary", "\udfff"),
    ("$.reviews.reconsideration.upheld", 2**53), ("$.reviews.reconsideration.upheld", 2**70),
    ("$.reviews.reconsideration.upheld", -1), ("$.other_matters.fees.amount_billed", Decimal("NaN")),
    ("$.other_matters.fees.amount_billed", Decimal("-1")),
    ("$.other_matters.fees.amount_billed", Decimal("1E+40")), ("$.metadata.year", 1999),
    ("$.extensions", {"a": float("nan")}), ("$.extensions", {"a\ud800": 1}),
    # Values of the wrong type, as only code can build them.
    ("$.other_matters.fees.amount_billed", 5), ("$.other_matters.fees.amount_billed", "5"),
    ("$.other_matters.fees.amount_billed", Decimal("0.0000001")),
    ("$.metadata.published", "2023-01-01"), ("$.metadata.level", "township"),
    ("$.metadata.year", True), ("$.reviews.reconsideration.upheld", 1.0),
    ("$.acknowledgements", [object()]),
]


@pytest.mark.parametrize(("path", "value"), _BAD_REPORTS)
def test_dumps_refuses_alike(path: str, value: Any) -> None:
    """A report built in code with a value loads would refuse, or of a wrong type, gives
    the same result (the same error) with and without the fast extra."""
    from govinfo_report import set_path

    report = load_example("2021")
    with contextlib.suppress(Exception):
        report = set_path(report, path, value)
    if path == "$.extensions":
        report = attrs.evolve(report, extensions=value)
    else:
        report = _forced(report, path, value)
    outcomes = []
    for name in ("fast", "orjson", "strict"):
        with _path(name):
            try:
                outcomes.append(convert.dumps(report))
            except Exception as error:  # noqa: BLE001 - the same error, whatever it is
                outcomes.append(f"{type(error).__name__}: {error}")
    assert outcomes[0] == outcomes[1] == outcomes[2]


def _forced(report: Any, path: str, value: Any) -> Any:
    """``report`` with ``value`` at ``path``, unchecked."""
    segments = path.removeprefix("$.").split(".")
    if len(segments) == 1:
        return attrs.evolve(report, **{segments[0]: value})
    child = getattr(report, segments[0])
    return attrs.evolve(report, **{segments[0]: _forced(child, "$." + ".".join(segments[1:]),
                                                        value)})


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(st.sampled_from('"\\a\n中u/'), max_size=40), max_size=50),
       st.booleans())
def test_string_count_counts_strings(strings: list[str], ascii_only: bool) -> None:
    """Escaped quotes and backslashes, few or many, do not count as strings."""
    from govinfo_report._json_text import string_count

    text = json.dumps({"key": strings}, ensure_ascii=ascii_only).encode()
    assert string_count(text) == 1 + len(strings)


# Narrative texts made of the words N1's statements are built from.
_WORDS = ["收到政府信息公开申请", "新收公开申请", "受理申请公开", "未收到公开申请", "没有受理政府信息公开申请",
          "未发生行政复议", "没有被提起行政诉讼", "未因公开被申请行政复议", "收到", "新收", "受理", "未", "没有", "公开", "申请", "政府信息", "予以公开", "不予以公开",
          "部分公开", "部分予以公开", "行政复议", "行政诉讼", "被申请", "被提起", "发生", "因", "纠错",
          "件", "12", "０", "十二", "两", "三五", "，", "。", "、", "\n", "本年度", "共", "其中"]
_narratives = st.lists(st.sampled_from(_WORDS), max_size=12).map("".join)


@settings(max_examples=300, deadline=None)
@given(st.lists(_narratives, min_size=1, max_size=4), st.integers(0, 20))
def test_n1_scans_joined_texts_as_each_text(texts: list[str], expected: int) -> None:
    """The screen's scan of the texts joined by newlines disagrees exactly when a statement
    in one of the texts on its own states a number other than the expected one."""
    from govinfo_report.rules._narrative_screen import TextScreen

    joined = "\n".join(text for text in texts if text)
    relations = n1()
    disagreements = TextScreen(relations).disagreements(joined, [expected] * len(relations))
    for relation, differs in zip(relations, disagreements, strict=True):
        stated = [relation._stated(match) for text in texts
                  for match in relation.compiled.finditer(text)]
        assert differs == any(value is not None and value != expected for value in stated)


def test_rows_are_built_by_the_typed_decode() -> None:
    """The typed decode takes a valid text whose rows msgspec builds as model classes
    (a negative signed cell included), and gives the detailed path's report."""
    for text in (_minified("2021"), example_text("2019"),
                 _minified("2019").replace('"change":0', '"change":-3', 1)):
        decoded = _decode_fast.decode(text.encode())
        assert decoded is not None
        assert decoded[0] == _reference(text)


@pytest.mark.parametrize(("path", "value"), _BAD_REPORTS)
def test_dumps_refuses_with_the_library_error_and_the_path(path: str, value: Any) -> None:
    """Whatever code put in the report, ``dumps`` either writes a text that loads back to
    the same text, or raises the library's own error located at the field (never an
    ``AttributeError`` from deep in cattrs)."""
    from govinfo_report.exceptions import InvalidReportError

    report = load_example("2021")
    report = (attrs.evolve(report, extensions=value) if path == "$.extensions"
              else _forced(report, path, value))
    for name in ("fast", "orjson", "strict"):
        with _path(name):
            problems: tuple[Any, ...] = ()
            try:
                text = convert.dumps(report)
            except InvalidReportError as error:
                problems = error.problems
            if problems:
                assert any(problem.json_path.startswith(path) for problem in problems), name
            else:
                assert convert.dumps(convert.loads(text)) == text
