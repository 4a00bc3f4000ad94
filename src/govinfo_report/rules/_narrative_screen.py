"""The screen's check of textual statements: the texts searched once for all of them.

Every statement of N1 (a :class:`~._conditions.StatedInText`) starts with a
literal word, or with one of a group of literal words (``(?:收到|新收|受理)``).
The texts, joined by newlines, are searched once for each such word; a
statement is then matched only where one of its words starts, which is where
``finditer`` would find its matches (leftmost first, none overlapping), and a
statement none of whose words occurs agrees without any regular expression
being run. A statement without a leading word is scanned whole, as before.

>>> from ._conditions import stated_in_text
>>> received = stated_in_text(("$.overview.on_request",), "(?:收到|受理)申请([0-9]+)件",
...                           ("$.applications.new_received.total",), keywords=("收到", "受理"))
>>> screen = TextScreen([received])
>>> screen.disagreements("本年收到申请3件。", (3,)), screen.disagreements("收到申请4件", (3,))
([False], [True])
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterator, Sequence

from ..limits import MAX_NUMERAL_DIGITS
from ._conditions import StatedInText
from ._numerals import parse_count

__all__ = ["TextScreen", "leading_words"]

_LITERAL = r"[^\\()|\[\]{}.*+?^$]"
_LEADING_GROUP = re.compile(rf"\(\?:((?:{_LITERAL}+\|)*{_LITERAL}+)\)(?![?*{{])")
_LEADING_RUN = re.compile(rf"{_LITERAL}+")
_QUANTIFIERS = ("?", "*", "{")
#: The largest number a numeral can state (a longer one states nothing).
_LONGEST = 10**MAX_NUMERAL_DIGITS - 1


def leading_words(pattern: str) -> tuple[str, ...]:
    """The literal words one of which every match of ``pattern`` starts with; ``()`` when
    the pattern does not start with a literal word or a group of them (or has a top-level
    alternative, which need not start with them)."""
    if _has_top_level_alternative(pattern):
        return ()
    group = _LEADING_GROUP.match(pattern)
    if group is not None:
        return tuple(dict.fromkeys(group.group(1).split("|")))
    run = _LEADING_RUN.match(pattern)
    if run is None:
        return ()
    word = run.group()
    if pattern[run.end():].startswith(_QUANTIFIERS):
        word = word[:-1]  # the last character is optional
    return (word,) if word else ()


def _has_top_level_alternative(pattern: str) -> bool:
    depth, index, in_class = 0, 0, False
    while index < len(pattern):
        char = pattern[index]
        if char == "\\":
            index += 1
        elif in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "|" and depth == 0:
            return True
        index += 1
    return False


class TextScreen:
    """The statements of one set of texts, checked together on the texts joined by newlines.

    No statement (nor any lookaround of its pattern) crosses a line, so the
    joined text states what the texts state one by one.
    """

    def __init__(self, relations: Sequence[StatedInText]) -> None:
        self.relations = tuple(relations)
        self._statements = tuple(_Statement(relation) for relation in relations)

    def disagreements(self, text: str, expected: Sequence[int]) -> list[bool]:
        """For each statement, whether ``text`` states a number other than its ``expected``."""
        result = []
        for statement, value in zip(self._statements, expected, strict=True):
            if statement.zero_form and value == 0:
                result.append(False)  # a statement of zero agrees with zero
                continue
            if statement.firsts:
                for first in statement.firsts:
                    if first in text:
                        break
                else:  # no match can start anywhere
                    result.append(False)
                    continue
                numerals = statement.numerals_at_starts(text)
            else:
                numerals = statement.numerals(text)
            differs = False
            if numerals:
                # Most statements write the number as the cell holds it. (No numeral states
                # a number of more digits; ``str`` refuses integers of over 4300 digits, which
                # reports built in code may hold.)
                written = str(value) if -_LONGEST <= value <= _LONGEST else None
                for numeral in numerals:
                    if numeral == written and numeral is not None:
                        continue
                    stated = 0 if numeral is None else parse_count(numeral)
                    if stated is not None and stated != value:
                        differs = True
                        break
            result.append(differs)
        return result


class _Statement:
    """One statement, ready to be found: by its pattern's literal search, or, when it starts
    with a group of words, by matching only where one of their first characters is."""

    def __init__(self, relation: StatedInText) -> None:
        compiled = relation.compiled
        self.zero_form = not compiled.groups
        words = leading_words(relation.pattern)
        # Python's ``re`` searches a literal prefix quickly, a group of words character by
        # character: those are looked for one first character at a time.
        self.firsts = "".join(dict.fromkeys(word[0] for word in words)) if (
            len(words) > 1 or self.zero_form) else ""
        self._match = compiled.match
        #: Group 1 of each match in a text (``None`` for a match stating zero).
        self.numerals: Callable[[str], list[str | None]] = (
            compiled.findall if compiled.groups == 1  # found in C
            else functools.partial(_numerals, compiled.finditer, self.zero_form))

    def numerals_at_starts(self, text: str) -> list[str | None]:
        """:meth:`numerals`, trying matches only where :attr:`firsts` are, leftmost first."""
        starts = []
        for first in self.firsts:
            found = text.find(first)
            while found >= 0:
                starts.append(found)
                found = text.find(first, found + 1)
        starts.sort()
        found_numerals: list[str | None] = []
        end = 0
        for place in starts:
            if place >= end:
                match = self._match(text, place)
                if match is not None:
                    found_numerals.append(None if self.zero_form else match.group(1))
                    end = match.end()
        return found_numerals


def _numerals(finditer: Callable[[str], Iterator[re.Match[str]]], zero_form: bool,
              text: str) -> list[str | None]:
    return [None if zero_form else match.group(1) for match in finditer(text)]
