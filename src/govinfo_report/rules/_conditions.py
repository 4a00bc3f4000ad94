"""Conditional and textual relations: applicability, implication, narrative, blanks.

>>> relation = positive_implies("$.a.dropped", "$.a.notices")
>>> relation(lambda ref: {"$.a.dropped": 2, "$.a.notices": 0}[ref.path])
Violation(expected=None, actual=0, difference=None, stated=None, quote=None)
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any, ClassVar

import attrs

from ._numerals import parse_count
from ._relations import Getter, Judgement, Ref, Relation, Unchecked, Violation, _blanks, _ref

__all__ = [
    "NotBlank",
    "PositiveImplies",
    "StatedInText",
    "ZeroUnless",
    "not_blank",
    "positive_implies",
    "stated_in_text",
    "zero_unless",
]


@attrs.frozen(repr=False)
class ZeroUnless(Relation):
    """``cell = 0`` unless the value at ``condition`` is one of ``allowed``."""

    kind: ClassVar[str] = "zero_unless"
    cell: Ref
    condition: Ref
    allowed: tuple[str, ...]

    def __repr__(self) -> str:
        return f"zero_unless({self.cell!r}, {self.condition!r}, {self.allowed!r})"

    def operands(self) -> tuple[Ref, ...]:
        return (self.cell,)

    def locations(self) -> tuple[Ref, ...]:
        return (self.cell,)

    def _applies(self, get: Getter) -> bool:
        value = get(self.condition)
        return getattr(value, "value", value) not in self.allowed

    def __call__(self, get: Getter) -> Judgement:
        if not self._applies(get):
            return None
        unchecked = _blanks(self.operands(), get)
        if unchecked:
            return unchecked
        actual = get(self.cell)
        return None if actual == 0 else Violation(0, actual, actual)

    def to_json(self) -> dict[str, Any]:
        return {"relation": self.kind, "cell": self.cell.to_json(),
                "unless": {**self.condition.to_json(), "in": list(self.allowed)}}

    def fast_source(self, name: Callable[[Ref], str]) -> str:
        condition = name(self.condition)
        return (f"{name(self.cell)} == 0 or "
                f"getattr({condition}, 'value', {condition}) in {self.allowed!r}")


def zero_unless(cell: str | Ref, condition: str | Ref, allowed: tuple[str, ...]) -> ZeroUnless:
    """The cell is 0 unless the JSON value at ``condition`` is one of ``allowed``."""
    return ZeroUnless(_ref(cell), _ref(condition), tuple(allowed))


@attrs.frozen(repr=False)
class PositiveImplies(Relation):
    """``trigger > 0`` implies ``required > 0``."""

    kind: ClassVar[str] = "positive_implies"
    trigger: Ref
    required: Ref

    def __repr__(self) -> str:
        return f"positive_implies({self.trigger!r}, {self.required!r})"

    def operands(self) -> tuple[Ref, ...]:
        return (self.trigger, self.required)

    def locations(self) -> tuple[Ref, ...]:
        return (self.required, self.trigger)

    def __call__(self, get: Getter) -> Judgement:
        trigger = get(self.trigger)
        if trigger is None:
            return Unchecked((self.trigger,))
        if trigger == 0:
            return None
        required = get(self.required)
        if required is None:
            return Unchecked((self.required,))
        return None if required > 0 else Violation(None, required, None)

    def to_json(self) -> dict[str, Any]:
        return {"relation": self.kind, "trigger": self.trigger.to_json(),
                "required": self.required.to_json()}

    def fast_source(self, name: Callable[[Ref], str]) -> str:
        return f"{name(self.trigger)} == 0 or {name(self.required)} > 0"


def positive_implies(trigger: str | Ref, required: str | Ref) -> PositiveImplies:
    """When the cell ``trigger`` is positive, the cell ``required`` is positive too."""
    return PositiveImplies(_ref(trigger), _ref(required))


@attrs.frozen(repr=False)
class StatedInText(Relation):
    """A number the texts state (``pattern``'s group 1) equals the sum of ``cells``.

    ``pattern`` is a regular expression in the common subset of Python and
    ECMAScript; a match without group 1 states zero (``未收到…申请``). Group 1
    is read by :func:`._numerals.parse_count` (``12``, ``１２``, ``十二``); a
    match whose group 1 is no well-formed numeral (``三五件``) states nothing.
    Every match contains one of ``keywords``: texts without any are skipped unread.
    """

    kind: ClassVar[str] = "stated_in_text"
    texts: tuple[Ref, ...]
    pattern: str
    cells: tuple[Ref, ...]
    keywords: tuple[str, ...]
    compiled: re.Pattern[str] = attrs.field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "compiled", re.compile(self.pattern))

    def __repr__(self) -> str:
        return (f"stated_in_text({self.texts!r}, {self.pattern!r}, {self.cells!r}, "
                f"keywords={self.keywords!r})")

    def operands(self) -> tuple[Ref, ...]:
        return self.cells

    def locations(self) -> tuple[Ref, ...]:
        return self.cells

    def _stated(self, match: re.Match[str]) -> int | None:
        """The number a match states: its group 1 read as a numeral, or 0 without a group."""
        return parse_count(match.group(1)) if self.compiled.groups else 0

    def statements(self, get: Getter) -> Iterator[tuple[Ref, int, str]]:
        """Each (text, stated number, quoted words) the texts contain."""
        for text in self.texts:
            value = get(text)
            if not value or not any(keyword in value for keyword in self.keywords):
                continue
            for match in self.compiled.finditer(value):
                stated = self._stated(match)
                if stated is not None:
                    yield text, stated, match.group(0)

    def __call__(self, get: Getter) -> Judgement:
        for _, stated, quote in self.statements(get):
            unchecked = _blanks(self.cells, get)
            if unchecked:
                return unchecked
            expected = sum(get(cell) for cell in self.cells)
            if stated != expected:
                return Violation(expected, stated, stated - expected, stated, quote)
        return None

    def to_json(self) -> dict[str, Any]:
        return {"relation": self.kind, "texts": [text.to_json() for text in self.texts],
                "pattern": self.pattern,
                "group": 1 if self.compiled.groups else None, "keywords": list(self.keywords),
                "cells": [cell.to_json() for cell in self.cells]}


def stated_in_text(texts: tuple[str | Ref, ...], pattern: str, cells: tuple[str | Ref, ...],
                   *, keywords: tuple[str, ...]) -> StatedInText:
    """Numbers stated in ``texts`` by ``pattern`` (group 1, a numeral) equal the sum of ``cells``.

    Every match of ``pattern`` must contain one of ``keywords``.
    """
    return StatedInText(tuple(map(_ref, texts)), pattern, tuple(map(_ref, cells)),
                        tuple(keywords))


@attrs.frozen(repr=False)
class NotBlank(Relation):
    """The cell is filled in (the format asks for 0, not a blank)."""

    kind: ClassVar[str] = "not_blank"
    cell: Ref

    def __repr__(self) -> str:
        return f"not_blank({self.cell!r})"

    def operands(self) -> tuple[Ref, ...]:
        return (self.cell,)

    def locations(self) -> tuple[Ref, ...]:
        return (self.cell,)

    def __call__(self, get: Getter) -> Judgement:
        return Violation(0, None, None) if get(self.cell) is None else None

    def to_json(self) -> dict[str, Any]:
        return {"relation": self.kind, "cell": self.cell.to_json()}

    def fast_source(self, name: Callable[[Ref], str]) -> str:
        return "True"  # the engine takes the slow path for any blank cell


def not_blank(cell: str | Ref) -> NotBlank:
    """The cell is not blank."""
    return NotBlank(_ref(cell))
