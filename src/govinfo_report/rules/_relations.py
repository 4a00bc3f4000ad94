"""Relations: the small frozen callables the rules are made of (arithmetic ones here).

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

import functools
from collections.abc import Callable
from decimal import Decimal
from operator import attrgetter
from typing import Any, ClassVar

import attrs

from ..labels import parse_path

__all__ = [
    "AtLeast",
    "Ref",
    "Relation",
    "SumEquals",
    "SumsEqual",
    "Term",
    "Unchecked",
    "Violation",
    "at_least",
    "minus",
    "previous",
    "sum_equals",
    "sums_equal",
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


@functools.cache
def value_getter(path: str) -> Callable[[Any], Any]:
    """A function reading the value at the ``$`` path ``path`` of a report."""
    return attrgetter(".".join(str(segment) for segment in parse_path(path)))


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
    #: Further message placeholders, by name (dates, years, whom a deadline binds).
    details: tuple[tuple[str, str], ...] = attrs.field(default=(), repr=False)


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
