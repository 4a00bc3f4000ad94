"""N1 (narrative against the tables): the numbers the texts of 一、总体情况 state, in any numerals."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from govinfo_report.examples import load_example
from govinfo_report.findings import Finding
from govinfo_report.model import Report
from govinfo_report.rules import iter_findings, rule_by_id
from govinfo_report.rules._conditions import StatedInText
from govinfo_report.rules._engine import _plan, _reader
from govinfo_report.rules._examples import edited
from govinfo_report.rules._numerals import parse_count

RECEIVED = "$.applications.new_received.total"
GRANTED = "$.applications.results.granted.total"
PARTIALLY = "$.applications.results.partially_granted.total"
RECONSIDERED = "$.reviews.reconsideration.total"
LITIGATED = "$.reviews.litigation_direct.total"


def with_text(text: str, version: str = "2021") -> Report:
    """The bundled example whose 依申请公开 text is ``text`` (and 监督保障 empty).

    The 2021 example's tables: 15 new applications, 7 granted, 1 partly,
    2 reconsiderations, 1 lawsuit; the naleisi (2019) tables: 0 applications.
    """
    return edited(load_example(version), (("$.overview.on_request", text),
                                          ("$.overview.supervision", "")))


def statements(report: Report) -> list[tuple[str, int]]:
    """(first table cell, stated number) of every statement N1 reads in the report."""
    get = _reader(report, None)
    found = []
    for relation in rule_by_id("N1").relations(report.format):
        assert isinstance(relation, StatedInText)
        found += [(relation.cells[0].path, stated) for _, stated, _ in relation.statements(get)]
    return sorted(found)


def n1(report: Report) -> list[Finding]:
    """The N1 findings on a report, after checking the compiled screen flags the same checks."""
    plan, get = _plan(report.format), _reader(report, None)
    flagged = [index for index, (_, relation) in enumerate(plan.checks)
               if relation(get) is not None]
    assert plan.fast(report) in (None, flagged)
    return [finding for finding in iter_findings(report) if finding.rule == "N1"]


def pairs(findings: list[Finding]) -> list[tuple[str, str]]:
    """(rule id, primary JSON path) of each finding."""
    return [(finding.rule, finding.json_path) for finding in findings]


# -- phrasings and numeral forms -----------------------------------------------------------

@pytest.mark.parametrize(("text", "read", "found"), [
    ("全年共收到政府信息公开申请12件。", [(RECEIVED, 12)], [("N1", RECEIVED)]),
    ("全年受理依申请公开12件。", [(RECEIVED, 12)], [("N1", RECEIVED)]),
    ("收到依申请公开申请十二件。", [(RECEIVED, 12)], [("N1", RECEIVED)]),
    ("本年度新收政府信息公开申请15件，上年结转1件。", [(RECEIVED, 15)], []),
    ("本年度新收政府信息公开申请十五件。", [(RECEIVED, 15)], []),
    ("全年收到政府信息公开申请二十件。", [(RECEIVED, 20)], [("N1", RECEIVED)]),
    ("全年收到政府信息公开申请一百零五件。", [(RECEIVED, 105)], [("N1", RECEIVED)]),
    ("全年收到政府信息公开申请１５件。", [(RECEIVED, 15)], []),
    ("全年收到政府信息公开申请１２件。", [(RECEIVED, 12)], [("N1", RECEIVED)]),
    ("全年未收到政府信息公开申请。", [(RECEIVED, 0)], [("N1", RECEIVED)]),
    ("没有收到依申请公开的申请。", [(RECEIVED, 0)], [("N1", RECEIVED)]),
    ("其中予以公开7件。", [(GRANTED, 7)], []),
    ("其中予以公开七件、部分予以公开一件。", [(GRANTED, 7), (PARTIALLY, 1)], []),
    ("其中予以公开两件。", [(GRANTED, 2)], [("N1", GRANTED)]),
    ("其中部分予以公开3件。", [(PARTIALLY, 3)], [("N1", PARTIALLY)]),
    ("被申请行政复议2件，被提起行政诉讼1件。", [(LITIGATED, 1), (RECONSIDERED, 2)], []),
    ("被申请行政复议两件，被提起行政诉讼一件。", [(LITIGATED, 1), (RECONSIDERED, 2)], []),
    ("被申请行政复议十件。", [(RECONSIDERED, 10)], [("N1", RECONSIDERED)]),
    ("没有发生因政府信息公开引起的行政复议、行政诉讼。", [(LITIGATED, 0), (RECONSIDERED, 0)],
     [("N1", RECONSIDERED), ("N1", LITIGATED)]),
    ("未因政府信息公开工作被申请行政复议、被提起行政诉讼。", [(LITIGATED, 0), (RECONSIDERED, 0)],
     [("N1", RECONSIDERED), ("N1", LITIGATED)]),
])
def test_phrasings_and_numerals(text: str, read: list[tuple[str, int]],
                                found: list[tuple[str, str]]) -> None:
    """Each phrasing and numeral form states the number meant, and N1 compares it with the tables."""
    report = with_text(text)
    assert statements(report) == read
    assert pairs(n1(report)) == found


@pytest.mark.parametrize("text", [
    "2020年我镇办理信访案件295多起，对所反映问题及时进行协调处理。",
    "全年主动公开政府信息312条，发布信息312条。",
    "全年受理行政审批申请356件，办结率100%。",
    "全年收到政府信息公开申请三五件。",
    "不予以公开3件。",
    "未发生行政复议被纠错、行政诉讼败诉的情况。",
    "因未及时公开被申请行政复议的案件已全部办结。",
    "将行政复议、行政诉讼一起纳入年度考核。",
    "2023年收到的政府信息公开申请均按期答复。",
])
def test_sentences_about_something_else_state_nothing(text: str) -> None:
    """Counts of other things, vague numerals and outcomes of reviews are no statement."""
    report = with_text(text)
    assert statements(report) == []
    assert n1(report) == []


def test_whole_message_of_a_chinese_numeral_statement() -> None:
    """The message quotes the words, the number they state and the table cell it differs from."""
    [finding] = n1(with_text("全年收到依申请公开申请十二件，其中予以公开七件。"))
    assert finding.message == ("一、总体情况 › 依申请公开 写“收到依申请公开申请十二件”，即 12，"
                               "但表格中 一、本年新收政府信息公开申请数量 › 总计 为 15")
    assert finding.message_en == "the text states 12 but the table gives 15"
    assert (finding.expected, finding.actual, finding.difference) == (15, 12, -3)


def test_trial_format_reads_chinese_numerals_too() -> None:
    """N1 runs on trial-format reports: naleisi's tables have no application, the text two."""
    assert pairs(n1(with_text("全年收到政府信息公开申请两件。", "2019"))) == [("N1", RECEIVED)]


# -- the bundled examples --------------------------------------------------------------------

def test_bundled_2021_example_text_agrees_with_its_tables() -> None:
    """The 2021 example states 15 received, 7 granted, 1 partly, 2 reconsiderations, 1 suit."""
    report = load_example("2021")
    assert statements(report) == [(RECEIVED, 15), (GRANTED, 7), (PARTIALLY, 1), (LITIGATED, 1),
                                  (RECONSIDERED, 2)]
    assert n1(report) == []


def test_naleisi_no_application_agrees_with_its_zero_row() -> None:
    """未收到要求政府信息公开的申请 states 0, which its row 一 (总计 0) agrees with."""
    report = load_example("2019")
    assert statements(report) == [(RECEIVED, 0)]
    assert report.applications.new_received.total == 0
    assert n1(report) == []


# -- the numeral parser ------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "value"), [
    ("0", 0), ("12", 12), ("１２", 12), ("０", 0), ("零", 0), ("〇", 0), ("两", 2), ("十", 10),
    ("十二", 12), ("一十二", 12), ("二十", 20), ("一百零五", 105), ("一百一十", 110),
    ("一百十", 110), ("一百五", 150), ("两千五", 2500), ("一千零十", 1010), ("十万", 100000),
    ("一万二", 12000), ("一万零二", 10002), ("三千万", 30000000),
])
def test_parse_count(text: str, value: int) -> None:
    """Arabic digits of either width and Chinese numerals, including the spoken short forms."""
    assert parse_count(text) == value


@pytest.mark.parametrize("text", [
    "", "三五", "二〇二三", "百", "十十", "一百零", "零五", "万", "一万万", "一百千", "千百", "五零",
])
def test_parse_count_refuses_what_is_no_numeral(text: str) -> None:
    """Runs of numeral characters that are no count (ranges, years, stray units) read as None."""
    assert parse_count(text) is None


_DIGITS = "零一二三四五六七八九"


def write_chinese(number: int, *, liang: bool, zero: str, short_ten: bool) -> str:
    """``number`` (0–99999) in Chinese numerals, with 两 or 二, 零 or 〇, 十 or 一十 at the start."""
    if number == 0:
        return zero

    def section(value: int, *, leading: bool) -> str:
        written, pending_zero = "", False
        for unit_value, unit in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
            digit = value // unit_value % 10
            if digit == 0:
                pending_zero = pending_zero or bool(written)
                continue
            if pending_zero:
                written, pending_zero = written + zero, False
            name = "两" if liang and digit == 2 and unit in ("千", "百") else _DIGITS[digit]
            if short_ten and leading and not written and digit == 1 and unit == "十":
                name = ""
            written += name + unit
        return written

    high, low = divmod(number, 10000)
    if not high:
        return section(low, leading=True)
    written = ("两" if liang and high == 2 else section(high, leading=True)) + "万"
    if low:
        written += (zero if low < 1000 else "") + section(low, leading=False)
    return written


def test_writer_writes_the_usual_forms() -> None:
    """The test's writer itself: a few numbers as reports write them."""
    plain: dict[str, Any] = {"liang": False, "zero": "零", "short_ten": True}
    assert [write_chinese(n, **plain) for n in (0, 12, 20, 105, 110, 1010, 20300, 10005)] == [
        "零", "十二", "二十", "一百零五", "一百一十", "一千零一十", "二万零三百", "一万零五"]
    assert write_chinese(2200, liang=True, zero="〇", short_ten=False) == "两千两百"


@settings(max_examples=300)
@given(st.integers(0, 99999), st.booleans(), st.sampled_from(["零", "〇"]), st.booleans())
def test_parser_inverts_the_writer(number: int, liang: bool, zero: str, short_ten: bool) -> None:
    """parse_count reads back every number 0–99999 written in Chinese numerals or digits."""
    assert parse_count(write_chinese(number, liang=liang, zero=zero, short_ten=short_ten)) == number
    assert parse_count(str(number)) == number
    assert parse_count(str(number).translate(str.maketrans("0123456789", "０１２３４５６７８９"))) == number


@settings(max_examples=25, deadline=None)
@given(st.integers(0, 99999), st.booleans())
def test_any_written_count_is_compared_with_the_table(number: int, liang: bool) -> None:
    """A count in Chinese numerals gives an N1 finding exactly when it differs from the table (15)."""
    text = f"全年共收到政府信息公开申请{write_chinese(number, liang=liang, zero='零', short_ten=True)}件。"
    assert pairs(n1(with_text(text))) == ([] if number == 15 else [("N1", RECEIVED)])
