"""A compiled screen for the relations of one format version.

Most reports are consistent, so checking them is mostly reading cells. The
function generated here reads every cell into a local variable once and
tests every relation as one Python expression. It returns ``None`` when a
cell is blank (the engine then evaluates everything, since blank cells are
findings themselves) and otherwise the indices of the relations that do not
hold, which the engine evaluates again to build located findings.
``tests/test_rules.py`` holds this screen to the relations' own verdicts.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from ..labels import iter_fields, parse_path
from ..model import FormatVersion
from ._conditions import NotBlank, StatedInText
from ._narrative_screen import TextScreen
from ._relations import Ref, Relation, value_getter

__all__ = ["compile_fast"]


class _Names:
    """Local variable names for attribute chains, each chain read once."""

    def __init__(self) -> None:
        self.names: dict[tuple[str, ...], str] = {(): "report"}
        self.lines: list[str] = []

    def of(self, path: str) -> str:
        segments = tuple(str(segment) for segment in parse_path(path))
        return self._chain(segments)

    def _chain(self, segments: tuple[str, ...]) -> str:
        if segments not in self.names:
            parent = self._chain(segments[:-1])
            name = f"v{len(self.names)}"
            self.lines.append(f"    {name} = {parent}.{segments[-1]}")
            self.names[segments] = name
        return self.names[segments]


def compile_fast(format: FormatVersion,
                 relations: Sequence[Relation]) -> Callable[[Any], list[int] | None]:
    """The screen for ``relations`` on reports of ``format``."""
    names = _Names()
    # Every blank cell, and every other value a relation asks to be filled, sends the
    # report down the slow path (a not_blank relation has no screen of its own).
    filled = dict.fromkeys([info.json_path for info in iter_fields(format, cells_only=True)]
                           + [relation.cell.path for relation in relations
                              if isinstance(relation, NotBlank)])
    cells = [names.of(path) for path in filled]
    # ``is None`` tests compile to a jump each; ``None in (...)`` compares every cell.
    body = [f"    if {' or '.join(f'{cell} is None' for cell in cells)}:", "        return None",
            "    failed = []"]
    namespace: dict[str, Any] = {}
    needs_getter = False
    # The statements about the same texts are screened together, their texts joined once.
    screens: dict[tuple[Ref, ...], list[tuple[int, StatedInText]]] = {}
    for index, relation in enumerate(relations):
        if isinstance(relation, StatedInText):
            screens.setdefault(relation.texts, []).append((index, relation))
    verdicts: dict[int, str] = {}
    for number, (texts, group) in enumerate(screens.items()):
        texts_names = ", ".join(names.of(ref.path) for ref in texts)
        stated = ", ".join(" + ".join(names.of(cell.path) for cell in relation.cells)
                           for _, relation in group)
        namespace[f"screen{number}"] = TextScreen([relation for _, relation in group]).disagreements
        namespace["join"] = "\n".join
        # An empty text adds an empty line, where no statement can be.
        body.append(f"    differs{number} = screen{number}(join(({texts_names},)), ({stated},))")
        for position, (index, _) in enumerate(group):
            verdicts[index] = f"differs{number}[{position}]"
    for index, relation in enumerate(relations):
        if any(ref.previous for ref in relation.operands()):
            raise ValueError(f"cross-year relation in a single-report screen: {relation!r}")
        source = (f"not {verdicts[index]}" if index in verdicts
                  else relation.fast_source(lambda ref: names.of(ref.path)))
        if source is None:
            namespace[f"relation{index}"] = relation
            source = f"relation{index}.holds(get)"
            needs_getter = True
        elif source == "True":
            continue
        body.append(f"    if not ({source}):")
        body.append(f"        failed.append({index})")
    if needs_getter:
        body.insert(0, "    get = reader(report)")
        namespace["reader"] = _reader
    body.append("    return failed")
    source = "\n".join(["def screen(report):", *names.lines, *body])
    exec(compile(source, f"<rules screen {format.value}>", "exec"), namespace)
    screen: Callable[[Any], list[int] | None] = namespace["screen"]
    return screen


def _reader(report: Any) -> Callable[[Ref], Any]:
    def get(ref: Ref) -> Any:
        return value_getter(ref.path)(report)

    return get
