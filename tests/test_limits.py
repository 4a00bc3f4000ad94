"""Hostile JSON on loading and writing: every bad input is a located library error."""

from __future__ import annotations

import json
import os
import time
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs
import pytest

from govinfo_report import convert, limits
from govinfo_report.convert import dumps, from_dict, loads, write_atomic
from govinfo_report.examples import example_text, load_example
from govinfo_report.exceptions import (
    InvalidReportError,
    LimitExceededError,
    LoadError,
    LoadLimitError,
)
from govinfo_report.schema import generate

COUNT_PATH = "$.applications.new_received.total"


def with_extension(raw: str) -> str:
    """The 2021 example with ``extensions.x`` written as the raw JSON ``raw``."""
    text = example_text("2021")
    assert '"extensions": {}' in text
    return text.replace('"extensions": {}', '"extensions": {"x": ' + raw + "}")


def with_count(raw: str) -> str:
    """The 2021 example with 新收政府信息公开申请数量 written as ``raw``."""
    document = json.loads(example_text("2021"))
    document["applications"]["new_received"]["total"] = "__VALUE__"
    return json.dumps(document, ensure_ascii=False).replace('"__VALUE__"', raw)


def problems(data: str | bytes, **options: Any) -> list[str]:
    with pytest.raises(LoadError) as caught:
        loads(data, **options)
    return [str(problem) for problem in caught.value.problems]


@pytest.fixture(params=["fast", "stdlib"])
def parser(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Run a test on the fast (orjson) path and on the stdlib path."""
    if request.param == "stdlib":
        monkeypatch.setattr(convert, "_orjson", None)
    return str(request.param)


@pytest.mark.parametrize("depth", [65, 255, 1000, 100_000])
def test_deep_nesting_is_a_located_limit_error(depth: int, parser: str) -> None:
    """Nesting beyond MAX_JSON_DEPTH names the limit and where it was exceeded."""
    text = with_extension("[" * depth + "]" * depth)
    with pytest.raises(LoadLimitError) as caught:
        loads(text)
    assert caught.value.limit == "MAX_JSON_DEPTH"
    assert isinstance(caught.value, LimitExceededError)
    (problem,) = caught.value.problems
    assert problem.json_path == "$.extensions.x" + "[0]" * (limits.MAX_JSON_DEPTH - 2)
    assert "MAX_JSON_DEPTH" in problem.message


def test_nesting_up_to_the_limit_loads(parser: str) -> None:
    depth = limits.MAX_JSON_DEPTH - 2  # $ and extensions are two levels
    report = loads(with_extension("[" * depth + "]" * depth))
    assert dumps(loads(dumps(report))) == dumps(report)


def test_deep_nesting_given_as_objects_is_refused() -> None:
    document: Any = json.loads(example_text("2021"))
    deep: list[Any] = []
    document["extensions"]["x"] = deep
    for _ in range(5000):
        deep.append([])
        deep = deep[0]
    with pytest.raises(LoadError, match="MAX_JSON_DEPTH"):
        from_dict(document)


@pytest.mark.parametrize(("raw", "fragment"), [
    ("1e400", "not a finite number"),
    ("-1e400", "not a finite number"),
    ('"X\\ud800"', "lone surrogate"),
    ('"\\udc00 trailing"', "lone surrogate"),
    ("1" * 5000, "MAX_NUMBER_LENGTH"),
    ("0." + "1" * 200, "MAX_NUMBER_LENGTH"),
])
def test_unwritable_values_are_refused_with_their_path(raw: str, fragment: str,
                                                       parser: str) -> None:
    (problem,) = problems(with_extension(raw))
    assert problem.startswith("$.extensions.x: ")
    assert fragment in problem


def test_lone_surrogate_in_a_key_and_in_text_fields() -> None:
    text = with_extension('{"\\ud800": 1}')
    assert problems(text) == ["$.extensions.x['\\\\ud800']: 键含有孤立的代理码位，UTF-8 无法表示"
                              "（lone surrogate; not valid Unicode text）"]
    document = json.loads(example_text("2021"))
    document["metadata"]["organ"] = "X\ud800"
    with pytest.raises(LoadError,
                       match=r"\$\.metadata\.organ（基本信息 › 机关名称）: .*lone surrogate"):
        from_dict(document)


def test_text_length_is_bounded() -> None:
    document = json.loads(example_text("2021"))
    document["overview"]["summary"] = "字" * (limits.MAX_TEXT_LENGTH + 1)
    with pytest.raises(LoadError,
                       match=r"\$\.overview\.summary（一、总体情况 › 概述）: .*MAX_TEXT_LENGTH"):
        loads(json.dumps(document, ensure_ascii=False))


@pytest.mark.parametrize("value", ["NaN", "Infinity", "sNaN", "-0", "1e3"])
def test_decimal_specials_are_refused(value: str) -> None:
    document = json.loads(example_text("2021"))
    document["proactive_disclosure"]["art20_8"]["admin_fees"]["amount"] = value
    with pytest.raises(LoadError, match=r"admin_fees\.amount"):
        from_dict(document)


def test_money_digits_are_bounded() -> None:
    document = json.loads(example_text("2021"))
    fees = document["proactive_disclosure"]["art20_8"]["admin_fees"]
    fees["amount"] = "9" * limits.MAX_MONEY_INTEGER_DIGITS + "." + "9" * (
        limits.MAX_MONEY_FRACTION_DIGITS)
    from_dict(document)
    for amount in ("9" * (limits.MAX_MONEY_INTEGER_DIGITS + 1),
                   "1." + "0" * (limits.MAX_MONEY_FRACTION_DIGITS + 1)):
        fees["amount"] = amount
        with pytest.raises(LoadError):
            from_dict(document)


@pytest.mark.parametrize("count", [limits.MAX_COUNT + 1, 2**64, 10**30, 10**400])
def test_counts_beyond_two_to_the_53_are_refused(count: int, parser: str) -> None:
    (problem,) = problems(with_count(str(count)))
    assert problem.startswith(COUNT_PATH + "（三、收到和处理政府信息公开申请情况 › "
                              "一、本年新收政府信息公开申请数量 › 总计）: ")
    limit = str(limits.MAX_COUNT) if count < 10**99 else "MAX_NUMBER_LENGTH"
    assert limit in problem


def test_largest_count_loads(parser: str) -> None:
    report = loads(with_count(str(limits.MAX_COUNT)))
    assert report.applications.new_received.total == limits.MAX_COUNT


def test_schema_states_the_count_limit() -> None:
    schema = generate("2021")
    counts = schema["$defs"]["ApplicantCounts"]["properties"]["total"]["anyOf"][0]
    assert counts == {"type": "integer", "minimum": 0, "maximum": 9007199254740991}


@pytest.mark.parametrize("value", [memoryview(b"{}"), None, 3, 1.5, ["{}"]])
def test_loads_names_the_accepted_types(value: Any) -> None:
    with pytest.raises(TypeError, match="str, bytes or bytearray"):
        loads(value)


def test_loads_of_a_dict_points_to_from_dict() -> None:
    with pytest.raises(TypeError, match="from_dict"):
        loads(json.loads(example_text("2021")))  # type: ignore[arg-type]


def test_duplicate_key_is_located(parser: str) -> None:
    text = example_text("2021").replace('"signer":', '"signer": null, "signer":', 1)
    (problem,) = problems(text)
    assert problem == '$.metadata.signer: 重复的键 "signer"（duplicate key）'


@pytest.mark.parametrize(("data", "message"), [
    ("", "$: 文件为空（the file is empty）"),
    (b"", "$: 文件为空（the file is empty）"),
    (b"\xef\xbb\xbf", "$: 文件为空（the file is empty）"),
    ("  \n", "$: 文件只有空白（the file holds only whitespace）"),
])
def test_empty_input(data: str | bytes, message: str, parser: str) -> None:
    assert problems(data) == [message]


@pytest.mark.parametrize(("text", "chinese", "english"), [
    ("{", "此处应为双引号括起的键", "Expecting property name"),
    ("[1,", "此处应为一个值", "Expecting value"),
    ("{} x", "JSON 值之后还有多余内容", "Extra data"),
    ('{"a" 1}', "此处应为冒号", "Expecting ':' delimiter"),
])
def test_parser_messages_are_chinese(text: str, chinese: str, english: str) -> None:
    (problem,) = problems(text)
    head, _, tail = problem.partition("（invalid JSON")
    assert chinese in head
    assert english not in head
    assert english in tail


def test_input_size_is_bounded_and_configurable() -> None:
    text = example_text("2021")
    with pytest.raises(LoadLimitError, match="MAX_JSON_BYTES") as caught:
        loads(text.encode(), max_size=1000)
    assert caught.value.limit == "MAX_JSON_BYTES"
    assert loads(text, max_size=len(text)) == load_example("2021")


def test_problem_lists_are_capped() -> None:
    document = json.loads(example_text("2021"))
    document["metadata"].update({f"unknown{index}": 1 for index in range(5000)})
    with pytest.raises(LoadError) as caught:
        from_dict(document)
    error = caught.value
    assert len(error.problems) == limits.MAX_PROBLEMS
    assert error.omitted == 5000 - limits.MAX_PROBLEMS
    assert f"另有 {error.omitted} 处问题未列出" in str(error)
    assert len(str(error)) < 20_000


def test_too_many_items_are_refused_without_listing_each() -> None:
    document = json.loads(example_text("2021"))
    document["acknowledgements"] = [{"bad": 1}] * (limits.MAX_ITEMS + 1)
    with pytest.raises(LoadError, match="MAX_ITEMS") as caught:
        from_dict(document)
    assert len(caught.value.problems) == 1


def evolve_fees(amount: Decimal) -> Any:
    report = load_example("2021")
    art20_8 = report.proactive_disclosure.art20_8
    fees = attrs.evolve(art20_8.admin_fees, amount=amount)
    return attrs.evolve(report, proactive_disclosure=attrs.evolve(
        report.proactive_disclosure, art20_8=attrs.evolve(art20_8, admin_fees=fees)))


@pytest.mark.parametrize(("report", "fragment"), [
    (attrs.evolve(load_example("2021"), extensions={"x": float("inf")}), "$.extensions.x"),
    (attrs.evolve(load_example("2021"), extensions={"x": 10**400}), "$.extensions.x"),
    (attrs.evolve(load_example("2021"), metadata=attrs.evolve(
        load_example("2021").metadata, organ="X\ud800")), "$.metadata.organ"),
    (evolve_fees(Decimal("NaN")), "admin_fees.amount"),
    (evolve_fees(Decimal("Infinity")), "admin_fees.amount"),
    (evolve_fees(Decimal("sNaN")), "admin_fees.amount"),
])
def test_dumps_refuses_what_loads_would_refuse(report: Any, fragment: str) -> None:
    with pytest.raises(InvalidReportError, match=fragment.replace("$", r"\$")):
        dumps(report)


def test_temporary_files_are_removed_on_interrupt(tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "report.json"

    def interrupted(*_: Any) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "fsync", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_atomic(target, b"{}")
    assert list(tmp_path.iterdir()) == []


def test_stale_temporary_files_are_removed_by_the_next_write(tmp_path: Path) -> None:
    target = tmp_path / "report.json"
    stale = tmp_path / ".report.json.abcd1234.govinfo-tmp"
    fresh = tmp_path / ".report.json.efgh5678.govinfo-tmp"
    other = tmp_path / ".other.json.abcd1234.govinfo-tmp"
    for path in (stale, fresh, other):
        path.write_bytes(b"partial")
    old = time.time() - limits.STALE_TEMPORARY_SECONDS - 60
    os.utime(stale, (old, old))
    os.utime(other, (old, old))
    write_atomic(target, b"{}")
    assert sorted(path.name for path in tmp_path.iterdir()) == sorted(
        [target.name, fresh.name, other.name])


@pytest.mark.parametrize("schema", ["https://example.org/my-schema.json",
                                    "https://govinfo-report.org/schema/1/report-2019.schema.json"])
def test_a_custom_schema_is_written_back(schema: str, parser: str) -> None:
    document = json.loads(example_text("2021"))
    document["$schema"] = schema
    text = json.dumps(document, ensure_ascii=False, indent=2) + "\n"
    assert dumps(loads(text)) == text
    assert dumps(from_dict(document)) == text


def test_a_report_made_otherwise_gets_the_canonical_schema() -> None:
    document = json.loads(example_text("2021"))
    document["$schema"] = "https://example.org/my-schema.json"
    report = from_dict(document)
    evolved = attrs.evolve(report, preamble=report.preamble + "。")
    assert json.loads(dumps(evolved))["$schema"] == json.loads(example_text("2021"))["$schema"]


def test_load_reads_no_more_than_its_limit(tmp_path: Path) -> None:
    path = tmp_path / "big.json"
    path.write_bytes(example_text("2021").encode() + b" " * 5000)
    with pytest.raises(LoadLimitError, match="MAX_JSON_BYTES"):
        convert.load(path, max_size=1000)
    with path.open("rb") as stream, pytest.raises(LoadLimitError):
        convert.load(stream, max_size=1000)
    assert convert.load(path) == load_example("2021")
