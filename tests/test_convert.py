"""JSON import and export: lossless, canonical, strict, located errors."""

from __future__ import annotations

import io
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given

from govinfo_report import LoadError, dump, dumps, load, loads
from govinfo_report.convert import from_dict, to_dict
from govinfo_report.examples import example_text, load_example
from govinfo_report.exceptions import GovInfoReportError
from govinfo_report.model import Report

from .strategies import reports


def example_document(version: str = "2021") -> dict[str, Any]:
    """A mutable copy of a bundled example as JSON objects."""
    document: dict[str, Any] = json.loads(example_text(version))
    return document


def problems_of(document: Any) -> list[str]:
    """The located problem lines of a document that must fail to load."""
    with pytest.raises(LoadError) as caught:
        loads(json.dumps(document, ensure_ascii=False))
    return [str(problem) for problem in caught.value.problems]


@given(reports())
def test_round_trip_is_lossless(report: Report) -> None:
    """loads(dumps(r)) == r for any report of either version."""
    assert loads(dumps(report)) == report


@given(reports())
def test_dumps_is_canonical(report: Report) -> None:
    """dumps(loads(dumps(r))) is the same text."""
    text = dumps(report)
    assert dumps(loads(text)) == text


@pytest.mark.parametrize("version", ["2021", "2019"])
def test_examples_are_canonical(version: str) -> None:
    """The bundled examples are stored in canonical form."""
    assert dumps(load_example(version)) == example_text(version)


def test_money_keeps_its_written_precision() -> None:
    """Money is Decimal, written back exactly as it was written (no float)."""
    document = example_document()
    document["proactive_disclosure"]["art20_8"]["admin_fees"]["amount"] = "1234567.8900"
    report = from_dict(document)
    assert report.proactive_disclosure.art20_8.admin_fees.amount == Decimal("1234567.8900")
    assert '"amount": "1234567.8900"' in dumps(report)


def test_blank_cells_stay_blank() -> None:
    """A null cell loads as None and is written back as null, never 0."""
    report = load_example("2019")
    assert report.applications.results.granted.total is None
    assert report.reviews.reconsideration.upheld is None
    assert json.loads(dumps(report))["reviews"]["reconsideration"]["upheld"] is None


def test_optional_keys_may_be_omitted() -> None:
    """$schema, narrative parts, metadata extras, acknowledgements and extensions are optional."""
    document = example_document()
    del document["$schema"], document["preamble"], document["extensions"]
    del document["metadata"]["signer"], document["overview"]["platform"]
    report = from_dict(document)
    assert report.metadata.signer is None
    assert report.overview.platform == ""


def test_extensions_are_kept_losslessly() -> None:
    """Province additions survive a round trip untouched."""
    document = example_document("2019")
    document["extensions"] = {"hubei_2020": {"art20_1_other_documents": {
        "new_made": 4, "new_published": 4, "total_published": 31}, "note": [1, "二", None]}}
    report = from_dict(document)
    assert json.loads(dumps(report))["extensions"] == document["extensions"]


def test_whole_message_for_a_negative_count() -> None:
    """The message names the path, the official labels, what was expected and found."""
    document = example_document()
    document["applications"]["results"]["denied"]["third_party"]["commercial_enterprise"] = -1
    assert problems_of(document) == [
        "$.applications.results.denied.third_party.commercial_enterprise"
        "（三、收到和处理政府信息公开申请情况 › 三、本年度办理结果 › （三）不予公开 › "
        "4.保护第三方合法权益 › 法人或其他组织 › 商业企业）: "
        "应为非负整数，或 null 表示原文留空；实际是 -1（expected a non-negative integer or null）"]


def test_whole_message_for_a_string_number_and_an_unknown_key() -> None:
    """Every problem is listed, not just the first."""
    document = example_document("2019")
    document["proactive_disclosure"]["art20_5"]["licensing"]["decisions"] = "12"
    document["reviews"]["reconsideration"]["totl"] = 0
    assert problems_of(document) == [
        "$.proactive_disclosure.art20_5.licensing.decisions"
        "（二、主动公开政府信息情况 › 第二十条第（五）项 › 行政许可 › 处理决定数量）: "
        "应为非负整数，或 null 表示原文留空；实际是 \"12\"（expected a non-negative integer or null）",
        "$.reviews.reconsideration.totl（四、政府信息公开行政复议、行政诉讼情况 › 行政复议）: "
        "未知的键 \"totl\"，该位置不允许出现（unknown key）",
    ]


def test_whole_message_for_a_missing_key_and_a_bad_date() -> None:
    """Missing keys and malformed dates are located like everything else."""
    document = example_document()
    del document["applications"]["carried_over"]["total"]
    document["metadata"]["published"] = "2024-02-30"
    assert problems_of(document) == [
        "$.metadata.published（基本信息 › 发布日期）: "
        "应为 YYYY-MM-DD 格式的日期或 null；实际是 \"2024-02-30\"（expected an ISO 8601 date or null）",
        "$.applications.carried_over.total"
        "（三、收到和处理政府信息公开申请情况 › 二、上年结转政府信息公开申请数量 › 总计）: "
        "缺少必需的键（required key is missing）",
    ]


@pytest.mark.parametrize(("value", "found"), [
    (True, "true"), (1.0, "1.0"), (2.5, "2.5"), ("3", '"3"'), ([1], "[1]"), ({}, "{}"),
])
def test_counts_refuse_everything_but_integers(value: Any, found: str) -> None:
    """bool, float (even 1.0), numeric strings, arrays and objects are not counts."""
    document = example_document()
    document["reviews"]["litigation_direct"]["upheld"] = value
    [problem] = problems_of(document)
    assert problem.endswith(f"实际是 {found}（expected a non-negative integer or null）")


def test_signed_cells_accept_negative_numbers() -> None:
    """本年增/减 is signed in the trial format."""
    document = example_document("2019")
    document["proactive_disclosure"]["art20_5"]["licensing"]["change"] = -417
    assert from_dict(document).proactive_disclosure.art20_5.licensing.change == -417


@pytest.mark.parametrize("code", ["62292", "6229261", "992926", "62292610100", "abcdef", 622926])
def test_bad_division_codes(code: Any) -> None:
    """Division codes are 6 or 12 digits with a GB/T 2260 province prefix."""
    document = example_document()
    document["metadata"]["division_code"] = code
    [problem] = problems_of(document)
    assert problem.startswith("$.metadata.division_code（基本信息 › 行政区划代码）: 应为 6 位或 12 位")


@pytest.mark.parametrize("code", ["622926", "110101001000", "820000"])
def test_good_division_codes(code: str) -> None:
    """6-digit and 12-digit codes load."""
    document = example_document()
    document["metadata"]["division_code"] = code
    assert from_dict(document).metadata.division_code == code


@pytest.mark.parametrize(("document", "message"), [
    ([], "$: 应为 JSON 对象，实际是 数组（expected a JSON object）"),
    ({"format": "2020"}, '$.format（报告格式）: 应为 "2021"、"2019" 之一，实际是 "2020"（unknown or missing format）'),
    ({}, '$.format（报告格式）: 应为 "2021"、"2019" 之一，缺少该键（unknown or missing format）'),
])
def test_top_level_problems(document: Any, message: str) -> None:
    """The document and its format are checked before anything else."""
    assert problems_of(document) == [message]


def test_bom_is_accepted_in_bytes_and_text() -> None:
    """A UTF-8 byte order mark is ignored."""
    text = example_text("2021")
    assert loads(b"\xef\xbb\xbf" + text.encode()) == loads("\ufeff" + text) == load_example("2021")


@pytest.mark.parametrize(("data", "message"), [
    ("{}".encode("utf-16"), "文件是 UTF-16 编码，请另存为 UTF-8"),
    ('{"organ": "那勒寺镇"}'.encode("gb18030"), "不是 UTF-8 编码：第 11 字节无法解码"),
    (b'{"format": "2021",', "不是有效的 JSON：第 1 行第 19 列"),
    (b'{"format": "2021", "format": "2019"}', '重复的键 "format"'),
    (b'{"format": NaN}', "JSON 不允许 NaN"),
])
def test_undecodable_input(data: bytes, message: str) -> None:
    """Other encodings, broken JSON, duplicate keys and NaN are clear errors."""
    with pytest.raises(LoadError) as caught:
        loads(data, source="report.json")
    assert str(caught.value).startswith("report.json: 报告数据有 1 处问题")
    assert message in str(caught.value)


def test_load_error_is_a_value_error_under_the_root() -> None:
    """Callers may catch LoadError, GovInfoReportError or ValueError."""
    assert issubclass(LoadError, GovInfoReportError)
    assert issubclass(LoadError, ValueError)


def test_load_and_dump_paths_and_files(tmp_path: Path) -> None:
    """load/dump accept paths and text or binary file objects."""
    report = load_example("2019")
    target = tmp_path / "report.json"
    dump(report, target)
    assert load(target) == report
    assert load(str(target)) == report
    with target.open("rb") as binary:
        assert load(binary) == report
    buffer = io.StringIO()
    dump(report, buffer)
    assert load(io.StringIO(buffer.getvalue())) == report
    assert [p.name for p in tmp_path.iterdir()] == ["report.json"]  # no temporary left


def test_missing_file_is_a_load_error(tmp_path: Path) -> None:
    """A file that cannot be read is reported with its name."""
    with pytest.raises(LoadError, match="无法读取文件"):
        load(tmp_path / "absent.json")


def test_dump_is_atomic(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A failed write leaves the old file whole and no temporary behind."""
    target = tmp_path / "report.json"
    target.write_text("old", encoding="utf-8")

    def fail(*args: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr("os.replace", fail)
    with pytest.raises(OSError, match="disk full"):
        dump(load_example("2021"), target)
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["report.json"]


def test_to_dict_starts_with_schema_and_format() -> None:
    """Documents carry $schema and format first."""
    document = to_dict(load_example("2019"))
    assert list(document)[:2] == ["$schema", "format"]
    assert document["$schema"].endswith("report-2019.schema.json")
