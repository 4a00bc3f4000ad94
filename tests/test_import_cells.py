"""Reading single cells and matching labels, the importers' shared machinery."""

from __future__ import annotations

import unicodedata
from decimal import Decimal

import pytest

from govinfo_report.importers._cells import (
    DIGIT_LOOKALIKES,
    CellStatus,
    TokenKind,
    classify,
    read_cell,
)
from govinfo_report.importers._labels import (
    HEADING_ALIASES,
    TRADITIONAL,
    fold,
    label_key,
    similarity,
    split_number,
)
from govinfo_report.labels import iter_fields
from govinfo_report.model import APPLICANTS, CORNER_NOTE, INFO_CONTENT, SECTION_TITLES
from govinfo_report.model._fields import Kind


@pytest.mark.parametrize(("text", "kind", "value", "unit"), [
    ("12", Kind.COUNT, 12, None),
    (" 7件 ", Kind.COUNT, 7, "件"),
    ("１２", Kind.COUNT, 12, None),
    ("1,234", Kind.COUNT, 1234, None),
    ("3.0", Kind.COUNT, 3, None),
    ("-8", Kind.SIGNED, -8, None),
    ("－417", Kind.SIGNED, -417, None),
    ("减4", Kind.SIGNED, -4, None),
    ("減4", Kind.SIGNED, -4, None),
    ("增3", Kind.SIGNED, 3, None),
    ("+5", Kind.SIGNED, 5, None),
    ("251000元", Kind.MONEY, Decimal("251000"), "元"),
    ("0.35", Kind.MONEY, Decimal("0.35"), None),
    ("1.2万元", Kind.MONEY, Decimal("1.2"), "万元"),
])
def test_numbers_are_read_with_sign_and_unit(text: str, kind: Kind, value: object,
                                             unit: str | None) -> None:
    """Counts, signed changes (``-8``, ``减4``) and amounts with units are read exactly."""
    cell = read_cell(text, kind)
    assert (cell.status, cell.value, cell.unit) == (CellStatus.VALUE, value, unit)


@pytest.mark.parametrize("text", ["", " ", "/", "-", "—", "——", "_", "无", "無", "--", "／"])
def test_placeholders_are_blank_never_zero(text: str) -> None:
    """Every placeholder reads as a blank cell (None), not 0."""
    cell = read_cell(text, Kind.COUNT)
    assert (cell.status, cell.value) == (CellStatus.BLANK, None)


@pytest.mark.parametrize(("text", "kind", "reason"), [
    ("约5", Kind.COUNT, "不是数字（not a number）"),
    ("1O", Kind.COUNT, "不是数字（not a number）"),
    ("-3", Kind.COUNT, "此栏不填增减，应为非负整数（expected a non-negative count）"),
    ("2.5", Kind.COUNT, "件数应为整数（a count is a whole number）"),
    ("5元", Kind.COUNT, "单位“元”不适用于此栏（unit does not fit the column）"),
    ("-5", Kind.MONEY, "金额不能为负（an amount cannot be negative）"),
    ("㉔", Kind.COUNT, "不是数字（not a number）"),
    ("①", Kind.COUNT, "不是数字（not a number）"),
    ("1²", Kind.COUNT, "不是数字（not a number）"),
    ("½", Kind.MONEY, "不是数字（not a number）"),
])
def test_unreadable_cells_stay_blank_with_a_reason(text: str, kind: Kind, reason: str) -> None:
    """A cell that is not a value of its column is unreadable, blank, and says why."""
    cell = read_cell(text, kind)
    assert (cell.status, cell.value, cell.reason) == (CellStatus.UNREADABLE, None, reason)


@pytest.mark.parametrize(("text", "kind"), [
    ("", TokenKind.EMPTY), ("—", TokenKind.PLACEHOLDER), ("-8", TokenKind.NUMBER),
    ("251000元", TokenKind.NUMBER), ("1.", TokenKind.TEXT), ("1.属于国家秘密", TokenKind.TEXT),
    ("规章", TokenKind.TEXT), ("減4", TokenKind.NUMBER), ("㉔", TokenKind.TEXT),
    ("１２", TokenKind.NUMBER),
])
def test_classify_tells_values_from_labels(text: str, kind: TokenKind) -> None:
    """Sub-item numbering (``1.``) is label text; numbers and placeholders are values."""
    assert classify(text) is kind


def test_every_digit_lookalike_is_refused() -> None:
    """Every character NFKC folds into ASCII digits without being a decimal digit (circled,
    parenthesised, super- and subscript numbers, fractions) is in the table that keeps
    them from being read as digits; full-width digits are not."""
    lookalikes = {code for code in range(0x80, 0x30000)
                  if unicodedata.decimal(chr(code), None) is None
                  and not set(unicodedata.normalize("NFKC", chr(code))).isdisjoint("0123456789")}
    assert set(DIGIT_LOOKALIKES) == lookalikes
    assert ord("１") not in DIGIT_LOOKALIKES


@pytest.mark.parametrize(("text", "number", "rest"), [
    ("（三）不予公开", "（三）", "不予公开"),
    ("(五) 不予处理", "（五）", "不予处理"),
    ("1. 属于国家秘密", "1.", "属于国家秘密"),
    ("3、其他", "3.", "其他"),
    ("四、结转下年度继续办理", "四、", "结转下年度继续办理"),
    ("三年办结", "", "三年办结"),
    ("一是推进", "", "一是推进"),
])
def test_numbering_is_split_off_in_official_typography(text: str, number: str,
                                                       rest: str) -> None:
    """Numbering in any punctuation width comes back as the official ``（一）``/``一、``/``1.``."""
    assert split_number(text) == (number, rest)


def test_keys_ignore_whitespace_punctuation_width_and_script() -> None:
    """Whitespace, punctuation (of either width) and traditional characters do not matter."""
    assert label_key("3. 危及“三安”全一稳定") == label_key("3.危及“三安全一稳定”")
    assert label_key("本年新\n制作数量") == label_key("本年新制作数量")
    assert label_key("（二）部分公開(區分處理的,只計這一情形,不計其他情形)") == \
        label_key("（二）部分公开（区分处理的，只计这一情形，不计其他情形）")
    assert label_key("2.重複申請") == label_key("2.重复申请")
    assert similarity("保护第三合法权益", "4.保护第三方合法权益") == pytest.approx(16 / 17)


def _label_characters() -> set[str]:
    texts = [*SECTION_TITLES, CORNER_NOTE, APPLICANTS, INFO_CONTENT,
             *(alias for aliases in HEADING_ALIASES.values() for alias in aliases)]
    for version in ("2021", "2019"):
        for info in iter_fields(version):
            texts.extend(info.labels)
    return {char for text in texts for char in text if "\u4e00" <= char <= "\u9fff"}


def test_traditional_table_covers_every_label_character() -> None:
    """Every traditional or variant form that zhconv simplifies to a label character is folded."""
    import json
    from pathlib import Path

    import zhconv.zhconv as converter

    table = json.loads(Path(converter.__file__).with_name("zhcdict.json").read_text("utf-8"))
    characters = _label_characters()
    needed = {source: target for source, target in table["zh2Hans"].items()
              if len(source) == len(target) == 1 and target in characters
              and source not in characters and source != target}
    assert needed
    assert {source: fold(source) for source in needed} == needed
    assert all(chr(target) not in map(chr, TRADITIONAL) for target in TRADITIONAL.values())
