"""Reading the cells of a report to sum, and screening it for the roll-up's check on the way.

A roll-up reads every cell of every input: 203 cells of 100 000 reports. A
dotted ``attrgetter`` walks from the report for each cell; the function
generated here reads each part object once into a local variable, returns
``None`` as soon as a cell is blank, and, for a checked roll-up, tests the
relations of the error-level rules on the values it has just read (the
expressions the rules engine screens reports with). A report it returns
the cells of cannot fail the check; any other goes through
:func:`~govinfo_report.rules._failures.failures` and the sums that know blanks.
"""

from __future__ import annotations

import functools
import operator
from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import Any, NamedTuple

from ._cells import Cell, cells, dotted
from .labels import parse_path
from .model import FormatVersion, Report
from .model._fields import Kind
from .rules._failures import error_relations
from .rules._relations import Ref, Relation

__all__ = ["CellLayout", "cell_layout"]


class CellLayout(NamedTuple):
    """The cells of one format version to sum, and how a report's are read."""

    #: The cells summed alone, and those whose unit is recorded beside them.
    plain: tuple[Cell, ...]
    with_unit: tuple[Cell, ...]
    #: Every plain cell of a report, as a tuple (one C call), blanks included.
    read: Callable[[Report], tuple[Any, ...]]
    #: The same tuple, or ``None`` when a cell is blank or a relation checked does not hold.
    read_filled: Callable[[Report], tuple[Any, ...] | None]
    #: :attr:`read_filled` of the structs of :func:`._rollup_decode.decode_input`.
    read_decoded: Callable[[Any], tuple[Any, ...] | None]


@functools.cache
def cell_layout(format: FormatVersion, *, checked: bool) -> CellLayout:
    """The layout of ``format``; ``checked`` screens for the error-level rules too."""
    every = cells(format)
    plain = tuple(cell for cell in every if cell.get_unit is None)
    relations = error_relations(format) if checked else ()
    paths = [cell.info.path for cell in plain]
    return CellLayout(plain, tuple(cell for cell in every if cell.get_unit is not None),
                      operator.attrgetter(*(dotted(path) for path in paths)),
                      _reader(format, paths, relations, decoded=False),
                      _reader(format, paths, relations, decoded=True))


def _reader(format: FormatVersion, paths: list[tuple[str | int, ...]],
            relations: Sequence[Relation], *, decoded: bool
            ) -> Callable[[Any], tuple[Any, ...] | None]:
    """The reader of the cells at ``paths`` of a report, or of its ``decoded`` structs."""
    money = [tuple(map(str, cell.info.path)) for cell in cells(format)
             if cell.kind is Kind.MONEY]
    names: dict[tuple[str, ...], str] = {(): "report"}
    lines = []

    def name(segments: tuple[str, ...]) -> str:
        if segments not in names:
            parent = name(segments[:-1])
            names[segments] = f"v{len(names)}"
            lines.append(f"    {names[segments]} = {parent}.{segments[-1]}")
        return names[segments]

    def operand(ref: Ref) -> str:
        return name(tuple(map(str, parse_path(ref.path))))

    leaves = [name(tuple(map(str, path))) for path in paths]
    tests = [relation.fast_source(operand) for relation in relations]
    if None in tests:  # a relation only the engine evaluates: every report goes to it
        tests = ["False"]
    # Operands that are not summed cells must be filled too for the expressions to hold.
    filled = list(dict.fromkeys([*leaves, *(operand(ref) for relation in relations
                                            for ref in relation.operands())]))
    amounts = [names[path] for path in money if path in names]
    decimals = [f"    {amount} = Decimal({amount})" for amount in amounts] if decoded else []
    if decoded:  # the structs hold no blank count
        filled = [leaf for leaf in filled if leaf in amounts]
    source = "\n".join(["def read(report):", *lines,
                        *([f"    if {' or '.join(f'{leaf} is None' for leaf in filled)}:",
                           "        return None"] if filled else []), *decimals,
                        *([f"    if not ({' and '.join(f'({test})' for test in tests)}):",
                           "        return None"] if tests else []),
                        f"    return ({', '.join(leaves)},)"])
    namespace: dict[str, Any] = {"Decimal": Decimal}
    kind = " of structs" if decoded else ""
    exec(compile(source, f"<roll-up cells{kind} {format.value}>", "exec"), namespace)
    read: Callable[[Any], tuple[Any, ...] | None] = namespace["read"]
    return read
