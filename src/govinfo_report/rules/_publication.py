"""Relations about the report as a publication: its format, its date, its narrative.

These relations read metadata and texts rather than table cells. None of them
reports a blank: a year or date not filled in is M1's business or no business
of the rules at all, so they hold when what they need is missing.

>>> relation = year_between("$.metadata.year", 2019, 2020, "试行格式")
>>> relation(lambda ref: 2022)
Violation(expected=None, actual=2022, difference=None, stated=None, quote=None)
>>> relation(lambda ref: 2022).details
(('format', '试行格式'), ('years', '2019—2020 年度'), ('note', ''))
>>> relation(lambda ref: None) is None
True
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any, ClassVar

import attrs

from ._relations import Getter, Judgement, Ref, Relation, Violation, _ref

__all__ = [
    "WORDS",
    "Deadline",
    "PublishedInTime",
    "TextsBlankWhileFilled",
    "YearBetween",
    "published_in_time",
    "texts_blank_while_filled",
    "year_between",
]

#: The words these relations write into messages (exported with the rule set).
WORDS = {
    "years_between": "{first}—{last} 年度",
    "years_from": "{first} 年度起",
    "date": "{year}-{month}-{day}",
    # What counts as an empty text: nothing but these characters.
    "blank_text": " \t\n\r\u3000",
}


def _date(year: int, month: int, day: int) -> str:
    return WORDS["date"].format(year=f"{year:04d}", month=f"{month:02d}", day=f"{day:02d}")


@attrs.frozen(repr=False)
class YearBetween(Relation):
    """The report year is within ``first``–``last`` (``last`` ``None``: no end).

    ``format`` names the format version the years belong to and ``note`` says
    what a mismatch usually means, both for the message.
    """

    kind: ClassVar[str] = "year_between"
    year: Ref
    first: int
    last: int | None
    format: str
    note: str = ""

    def __repr__(self) -> str:
        return (f"year_between({self.year!r}, {self.first!r}, {self.last!r}, "
                f"{self.format!r}, {self.note!r})")

    def operands(self) -> tuple[Ref, ...]:
        return (self.year,)

    def locations(self) -> tuple[Ref, ...]:
        return (self.year,)

    def __call__(self, get: Getter) -> Judgement:
        year = get(self.year)
        if year is None or (self.first <= year and (self.last is None or year <= self.last)):
            return None
        words = WORDS["years_from"] if self.last is None else WORDS["years_between"]
        return Violation(None, year, None, details=(
            ("format", self.format), ("years", words.format(first=self.first, last=self.last)),
            ("note", self.note)))

    def fast_source(self, name: Callable[[Ref], str]) -> str:
        year = name(self.year)
        last = "" if self.last is None else f" <= {self.last!r}"
        return f"{year} is None or {self.first!r} <= {year}{last}"

    def to_json(self) -> dict[str, Any]:
        return {"relation": self.kind, "year": self.year.to_json(), "first": self.first,
                "last": self.last, "format": self.format, "note": self.note}


def year_between(year: str | Ref, first: int, last: int | None, format: str,
                 note: str = "") -> YearBetween:
    """The year at ``year`` is from ``first`` to ``last`` (``None``: any later year)."""
    return YearBetween(_ref(year), first, last, format, note)


@attrs.frozen
class Deadline:
    """A publication deadline in the year after the report year, and whom it binds.

    It applies when the organ's level is one of ``levels`` (empty: any level)
    and its name ends with one of ``organ_suffixes`` (empty: any name). A
    name not filled in matches every suffix: the later deadline is assumed.
    """

    month: int
    day: int
    #: Whom the deadline binds and on what ground, for the message.
    who: str
    levels: tuple[str, ...] = ()
    organ_suffixes: tuple[str, ...] = ()

    def applies(self, level: str, organ: str | None) -> bool:
        """Whether the deadline binds an organ of ``level`` named ``organ``."""
        return ((not self.levels or level in self.levels)
                and (not self.organ_suffixes or organ is None
                     or any(organ.endswith(suffix) for suffix in self.organ_suffixes)))

    def to_json(self) -> dict[str, Any]:
        """The deadline with its conditions."""
        return {"month": self.month, "day": self.day, "who": self.who,
                "levels": list(self.levels), "organ_suffixes": list(self.organ_suffixes)}


@attrs.frozen(repr=False)
class PublishedInTime(Relation):
    """``published`` falls after the report year and by the first applicable deadline."""

    kind: ClassVar[str] = "published_in_time"
    published: Ref
    year: Ref
    organ: Ref
    level: Ref
    deadlines: tuple[Deadline, ...]

    def __repr__(self) -> str:
        return (f"published_in_time({self.published!r}, {self.year!r}, {self.organ!r}, "
                f"{self.level!r}, {self.deadlines!r})")

    def operands(self) -> tuple[Ref, ...]:
        return (self.published, self.year)

    def locations(self) -> tuple[Ref, ...]:
        return (self.published,)

    def __call__(self, get: Getter) -> Judgement:
        published: datetime.date | None = get(self.published)
        year = get(self.year)
        if published is None or year is None:
            return None
        level = str(getattr(get(self.level), "value", get(self.level)))
        deadline = next(entry for entry in self.deadlines if entry.applies(level, get(self.organ)))
        day = (published.year, published.month, published.day)
        if (year + 1, 1, 1) <= day <= (year + 1, deadline.month, deadline.day):
            return None
        return Violation(details=(
            ("published", _date(*day)), ("earliest", _date(year + 1, 1, 1)),
            ("deadline", _date(year + 1, deadline.month, deadline.day)), ("who", deadline.who)))

    def fast_source(self, name: Callable[[Ref], str]) -> str:
        published, year = name(self.published), name(self.year)
        level, organ = name(self.level), name(self.organ)
        *conditional, last = self.deadlines
        deadline = f"({last.month}, {last.day})"
        for entry in reversed(conditional):
            tests = []
            if entry.levels:
                tests.append(f"{level}.value in {entry.levels!r}")
            if entry.organ_suffixes:
                tests.append(f"({organ} is None or {organ}.endswith({entry.organ_suffixes!r}))")
            deadline = (f"({entry.month}, {entry.day}) if {' and '.join(tests)} "
                        f"else {deadline}")
        return (f"{published} is None or {year} is None or ({year} + 1, 1, 1) <= "
                f"({published}.year, {published}.month, {published}.day) <= "
                f"({year} + 1, *({deadline}))")

    def to_json(self) -> dict[str, Any]:
        return {"relation": self.kind, "published": self.published.to_json(),
                "year": self.year.to_json(), "organ": self.organ.to_json(),
                "level": self.level.to_json(),
                "deadlines": [deadline.to_json() for deadline in self.deadlines]}


def published_in_time(published: str | Ref, year: str | Ref, organ: str | Ref, level: str | Ref,
                      deadlines: tuple[Deadline, ...]) -> PublishedInTime:
    """The date at ``published`` is in the year after ``year``, by the applicable deadline.

    The first of ``deadlines`` that applies to the organ (:meth:`Deadline.applies`)
    is used; the last should apply to every organ.
    """
    if not deadlines or deadlines[-1].levels or deadlines[-1].organ_suffixes:
        raise ValueError("the last deadline must apply to every organ")
    return PublishedInTime(_ref(published), _ref(year), _ref(organ), _ref(level),
                           tuple(deadlines))


def _blank(text: Any) -> bool:
    return text is None or all(char in WORDS["blank_text"] for char in text)


@attrs.frozen(repr=False)
class TextsBlankWhileFilled(Relation):
    """Some text of ``part`` is written, or no cell of ``cells`` is filled in either.

    A report whose tables hold numbers but whose narrative part is empty
    left the part out; a report with nothing filled in is a draft.
    """

    kind: ClassVar[str] = "texts_blank_while_filled"
    part: Ref
    texts: tuple[Ref, ...]
    cells: tuple[Ref, ...]

    def __repr__(self) -> str:
        return (f"texts_blank_while_filled({self.part!r}, {self.texts!r}, "
                f"<{len(self.cells)} cells>)")

    def operands(self) -> tuple[Ref, ...]:
        return (self.part,)

    def locations(self) -> tuple[Ref, ...]:
        return (self.part,)

    def __call__(self, get: Getter) -> Judgement:
        if not all(_blank(get(text)) for text in self.texts):
            return None
        if all(get(cell) is None for cell in self.cells):
            return None
        return Violation()

    def fast_source(self, name: Callable[[Ref], str]) -> str:
        # The screen only runs on reports without a blank cell: some cell is filled.
        blank = WORDS["blank_text"]
        return " or ".join(f"{name(text)}.strip({blank!r}) != ''" for text in self.texts)

    def to_json(self) -> dict[str, Any]:
        return {"relation": self.kind, "part": self.part.to_json(),
                "texts": [text.to_json() for text in self.texts],
                "cells": [cell.to_json() for cell in self.cells]}


def texts_blank_while_filled(part: str | Ref, texts: tuple[str | Ref, ...],
                             cells: tuple[str | Ref, ...]) -> TextsBlankWhileFilled:
    """Not every text of ``part`` is empty while a cell of ``cells`` is filled in."""
    return TextsBlankWhileFilled(_ref(part), tuple(map(_ref, texts)), tuple(map(_ref, cells)))
