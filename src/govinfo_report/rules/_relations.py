"""Relations: the small frozen callables the rules are made of.

A relation names its operands by ``$`` JSON path (:class:`Ref`) and states
one arithmetic or textual fact about them. Called with a value getter it
returns ``None`` when the fact holds, a :class:`Violation` when it does not,
or :class:`Unchecked` when a blank operand makes it impossible to tell. The
engine (:mod:`._engine`) turns those into located findings.

>>> relation = sum_equals("$.reviews.reconsideration.total",
...                       "$.reviews.reconsideration.upheld", "$.reviews.reconsideration.pending")
>>> relation
sum_equals('$.reviews.reconsideration.total', '$.reviews.reconsideration.upheld', \
'$.reviews.reconsideration.pending')
>>> values = {"$.reviews.reconsideration.total": 3, "$.reviews.reconsideration.upheld": 1,
...           "$.reviews.reconsideration.pending": 1}
>>> relation(lambda ref: values[ref.path])
Violation(expected=2, actual=3, difference=1, stated=None, quote=None)
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from decimal import Decimal
from typing import Any, ClassVar

import attrs

__all__ = [
    "AtLeast",
    "NotBlank",
    "PositiveImplies",
    "Ref",
    "Relation",
    "StatedInText",
    "SumEquals",
    "SumsEqual",
    "Term",
    "Unchecked",
    "Violation",
    "ZeroUnless",
    "at_least",
    "minus",
    "not_blank",
    "positive_implies",
    "previous",
    "stated_in_text",
    "sum_equals",
    "sums_equal",
    "zero_unless",
]

Number = int | Decimal


@attrs.frozen
class Ref:
    """A cell (or text) of the report, or of the previous year's report when ``previous``."""

    path: str
    previous: bool = False

    def __repr__(self) -> str:
        return f"previous({self.path!r})" if self.previous else repr(self.path)

    def to_json(self) -> dict[str, str]:
        """``{"report": "current" | "previous", "path": "$..."}``."""
        return {"report": "previous" if self.previous else "current", "path": self.path}


def previous(path: str) -> Ref:
    """The cell at ``path`` in the previous year's report."""
    return Ref(path, previous=True)


def _ref(operand: str | Ref) -> Ref:
    return operand if isinstance(operand, Ref) else Ref(operand)


@attrs.frozen
class Term:
    """An operand of a sum, added (``sign`` 1) or subtracted (``sign`` -1)."""

    ref: Ref
    sign: int = 1

    def __repr__(self) -> str:
        return f"minus({self.ref!r})" if self.sign < 0 else repr(self.ref)

    def to_json(self) -> dict[str, Any]:
        """The operand with its ``sign``."""
        return {**self.ref.to_json(), "sign": self.sign}


def minus(operand: str | Ref) -> Term:
    """A subtracted term of :func:`sum_equals`."""
    return Term(_ref(operand), -1)


def _term(operand: str | Ref | Term) -> Term:
    return operand if isinstance(operand, Term) else Term(_ref(operand))


@attrs.frozen
class Violation:
    """The relation does not hold: what was expected, what was found."""

    expected: Number | None = None
    actual: Number | None = None
    difference: Number | None = None
    #: For text relations: the number the text states and the words stating it.
    stated: int | None = None
    quote: str | None = None


@attrs.frozen
class Unchecked:
    """A blank operand leaves the relation undecided."""

    blanks: tuple[Ref, ...]


Getter = Callable[[Ref], Any]
Judgement = Violation | Unchecked | None


def _blanks(refs: tuple[Ref, ...], get: Getter) -> Unchecked | None:
    blank = tuple(ref for ref in refs if get(ref) is None)
    return Unchecked(blank) if blank else None


class Relation:
    """What every relation offers the engine, the exporter and the docs."""

    #: The name of the relation in the exported rule set.
    kind: ClassVar[str]

    def operands(self) -> tuple[Ref, ...]:
        """Every cell the relation reads, in display order."""
        raise NotImplementedError

    def locations(self) -> tuple[Ref, ...]:
        """The cells a finding points at, most suspect first."""
        raise NotImplementedError

    def __call__(self, get: Getter) -> Judgement:
        raise NotImplementedError

    def to_json(self) -> dict[str, Any]:
        """The exported form: ``relation`` and its operands as JSON paths."""
        raise NotImplementedError

    def fast_source(self, name: Callable[[Ref], str]) -> str | None:
        """A Python expression, true when the relation holds on non-blank operands.

        ``name`` gives the local variable holding an operand. ``None`` means the
        engine calls :meth:`holds` instead.
        """
        return None

    def holds(self, get: Getter) -> bool:
        """Whether the relation holds (blank operands count as not holding)."""
        return self(get) is None


@attrs.frozen(repr=False)
class SumEquals(Relation):
    """``total = Σ sign·part``."""

    kind: ClassVar[str] = "sum_equals"
    total: Ref
    parts: tuple[Term, ...]

    def __repr__(self) -> str:
        return f"sum_equals({', '.join(map(repr, (self.total, *self.parts)))})"

    def operands(self) -> tuple[Ref, ...]:
        return (self.total, *(part.ref for part in self.parts))

    def locations(self) -> tuple[Ref, ...]:
        return (self.total,)

    def __call__(self, get: Getter) -> Judgement:
        unchecked = _blanks(self.operands(), get)
        if unchecked:
            return unchecked
        expected = sum(part.sign * get(part.ref) for part in self.parts)
        actual = get(self.total)
        return None if actual == expected else Violation(expected, actual, actual - expected)

    def to_json(self) -> dict[str, Any]:
        return {"relation": self.kind, "total": self.total.to_json(),
                "parts": [part.to_json() for part in self.parts]}

    def fast_source(self, name: Callable[[Ref], str]) -> str:
        terms = "".join(f" {'-' if part.sign < 0 else '+'} {name(part.ref)}"
                        for part in self.parts)
        return f"{name(self.total)} == 0{terms}"


def sum_equals(total: str | Ref, *parts: str | Ref | Term) -> SumEquals:
    """The cell ``total`` equals the sum of ``parts`` (:func:`minus` subtracts one)."""
    return SumEquals(_ref(total), tuple(_term(part) for part in parts))


@attrs.frozen(repr=False)
class SumsEqual(Relation):
    """``Σ left = Σ right``; expected is the left sum, actual the right."""

    kind: ClassVar[str] = "sums_equal"
    left: tuple[Ref, ...]
    right: tuple[Ref, ...]

    def __repr__(self) -> str:
        return f"sums_equal({self.left!r}, {self.right!r})"

    def operands(self) -> tuple[Ref, ...]:
        return (*self.left, *self.right)

    def locations(self) -> tuple[Ref, ...]:
        return (*self.right, *self.left)

    def __call__(self, get: Getter) -> Judgement:
        unchecked = _blanks(self.operands(), get)
        if unchecked:
            return unchecked
        expected = sum(get(ref) for ref in self.left)
        actual = sum(get(ref) for ref in self.right)
        return None if actual == expected else Violation(expected, actual, actual - expected)

    def to_json(self) -> dict[str, Any]:
        return {"relation": self.kind, "left": [ref.to_json() for ref in self.left],
                "right": [ref.to_json() for ref in self.right]}

    def fast_source(self, name: Callable[[Ref], str]) -> str:
        return f"{' + '.join(map(name, self.left))} == {' + '.join(map(name, self.right))}"


def sums_equal(left: tuple[str | Ref, ...], right: tuple[str | Ref, ...]) -> SumsEqual:
    """The cells ``left`` add up to the same as the cells ``right``."""
    return SumsEqual(tuple(map(_ref, left)), tuple(map(_ref, right)))


@attrs.frozen(repr=False)
class AtLeast(Relation):
    """``larger ≥ smaller``."""

    kind: ClassVar[str] = "at_least"
    larger: Ref
    smaller: Ref

    def __repr__(self) -> str:
        return f"at_least({self.larger!r}, {self.smaller!r})"

    def operands(self) -> tuple[Ref, ...]:
        return (self.larger, self.smaller)

    def locations(self) -> tuple[Ref, ...]:
        return (self.larger, self.smaller)

    def __call__(self, get: Getter) -> Judgement:
        unchecked = _blanks(self.operands(), get)
        if unchecked:
            return unchecked
        larger, smaller = get(self.larger), get(self.smaller)
        return None if larger >= smaller else Violation(smaller, larger, larger - smaller)

    def to_json(self) -> dict[str, Any]:
        return {"relation": self.kind, "larger": self.larger.to_json(),
                "smaller": self.smaller.to_json()}

    def fast_source(self, name: Callable[[Ref], str]) -> str:
        return f"{name(self.larger)} >= {name(self.smaller)}"


def at_least(larger: str | Ref, smaller: str | Ref) -> AtLeast:
    """The cell ``larger`` is at least the cell ``smaller``."""
    return AtLeast(_ref(larger), _ref(smaller))


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
    ECMAScript; a match without group 1 states zero (``未收到…申请``). Every
    match contains one of ``keywords``: texts without any are skipped unread.
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

    def agrees(self, joined: str, expected: int) -> bool:
        """Whether every number stated in ``joined`` (the texts, one per line) is ``expected``."""
        for keyword in self.keywords:
            if keyword in joined:
                break
        else:
            return True
        numbered = self.compiled.groups > 0
        for match in self.compiled.finditer(joined):
            number = match.group(1) if numbered else None
            if (int(number) if number is not None else 0) != expected:
                return False
        return True

    def statements(self, get: Getter) -> Iterator[tuple[Ref, int, str]]:
        """Each (text, stated number, quoted words) the texts contain."""
        for text in self.texts:
            value = get(text)
            if not value or not any(keyword in value for keyword in self.keywords):
                continue
            for match in self.compiled.finditer(value):
                number = match.group(1) if self.compiled.groups else None
                yield text, int(number) if number is not None else 0, match.group(0)

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
    """Numbers stated in ``texts`` by ``pattern`` (group 1) equal the sum of ``cells``.

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
