"""The screen's narrative check finds what each N1 statement's own search finds."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from govinfo_report.model import FormatVersion
from govinfo_report.rules._conditions import StatedInText
from govinfo_report.rules._engine import _plan
from govinfo_report.rules._narrative_screen import TextScreen, leading_words
from govinfo_report.rules._numerals import parse_count

STATEMENTS = [relation for _, relation in _plan(FormatVersion.V2021).checks
              if isinstance(relation, StatedInText)]

# Pieces of the texts reports write, and of the statements' words, glued at random.
PIECES = ["收到", "新收", "受理", "未", "没有", "因", "被申请", "被提起", "发生", "政府信息公开",
          "申请", "公开", "予以公开", "不予以公开", "部分", "部分予以公开", "行政复议", "行政诉讼",
          "纠错", "件", "共", "其中", "3", "12", "０", "十二", "一百零五", "三五", "两", "，", "。",
          "、", "\n", "情况", "本年度"]


def expected_disagreement(relation: StatedInText, text: str, value: int) -> bool:
    """Whether ``text`` states a number other than ``value``, by the relation's own search."""
    for match in relation.compiled.finditer(text):
        stated = parse_count(match.group(1)) if relation.compiled.groups else 0
        if stated is not None and stated != value:
            return True
    return False


@pytest.mark.parametrize(("pattern", "words"), [
    ("(?:收到|新收|受理)[^，]{0,12}?申请", ("收到", "新收", "受理")),
    ("予以公开(?<!不予以公开)", ("予以公开",)),
    ("部分(?:予以)?公开", ("部分",)),
    ("行政复议?", ("行政复",)),
    ("a|b", ()),
    ("(?:a|b)?c", ()),
    ("[ab]c", ()),
    ("(a)|b", ()),
    ("[|]ab", ()),
])
def test_leading_words(pattern: str, words: tuple[str, ...]) -> None:
    """The words every match starts with, or none when a match may start otherwise."""
    assert leading_words(pattern) == words


def test_every_statement_has_leading_words() -> None:
    """Each N1 statement starts with a word, so the screen never scans a text whole for it."""
    assert all(leading_words(relation.pattern) for relation in STATEMENTS)


@settings(max_examples=400, deadline=None)
@given(pieces=st.lists(st.sampled_from(PIECES), max_size=40),
       values=st.lists(st.sampled_from([0, 2, 3, 12, 105]), min_size=len(STATEMENTS),
                       max_size=len(STATEMENTS)))
def test_screen_agrees_with_each_statement(pieces: list[str], values: list[int]) -> None:
    """For any text, the screen's verdicts equal each statement's own search."""
    text = "".join(pieces)
    screened = TextScreen(STATEMENTS).disagreements(text, values)
    assert screened == [expected_disagreement(relation, text, value)
                        for relation, value in zip(STATEMENTS, values, strict=True)]


def test_a_huge_expected_number_is_compared_without_writing_it() -> None:
    """A report built in code may hold a count of thousands of digits: still a verdict."""
    values = [10**5000] * len(STATEMENTS)
    text = "本年共收到政府信息公开申请3件，其中予以公开3件。"
    assert TextScreen(STATEMENTS).disagreements(text, values)[:3] == [True, False, True]
