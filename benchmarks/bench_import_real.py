"""Accuracy on real published reports: the dev set of ``tests/data/real``.

Each ``NNN.txt`` there is the beginning of a real report page (a header of
five ``key: value`` lines, a line ``---``, then the excerpt); ``NNN.truth.json``
holds the cells a perfect importer reads from it, keyed
``section / group / row / column`` by their official labels (see the README of
that directory). Keys are mapped to JSON paths through the label registry.

Every cell of the imported report is put in exactly one class:

- **right**: a truth cell imported with the truth's value (a truth ``null``
  imported blank is right);
- **blank**: a truth cell with a value, imported blank;
- **wrong**: a truth cell with a value, imported with another value;
- **invented**: a non-null imported value where the truth says ``null``, or
  for a cell the truth does not list (the excerpt does not show it: cut
  off, or a part the excerpt never reaches).

Accuracy is right / truth cells. Run from the repository root::

    PYTHONPATH=src python -m benchmarks.bench_import_real [-v] [--speed]

``--speed`` also times text import in CPU time (steadier than wall time on a
shared machine): the OCR'd naleisi report, the bundled 2021 report as written
by ``render_text``, and the dev excerpts, each with its peer ``convert.loads``
of the bundled report's JSON measured in the same run.
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs

from govinfo_report.importers import ImportResult, text
from govinfo_report.labels import FieldInfo, iter_fields
from govinfo_report.model import FormatVersion

ROOT = Path(__file__).resolve().parent.parent
DEV = ROOT / "tests" / "data" / "real"
#: Share of truth cells that must be read right.
TARGET = 0.99


@attrs.frozen
class FileScore:
    """The cells of one file, by class (lists of ``(json_path, imported, truth)``)."""

    name: str
    truth_cells: int
    right: int
    blank: list[tuple[str, Any, Any]]
    wrong: list[tuple[str, Any, Any]]
    invented: list[tuple[str, Any, Any]]


def truth_key_index(format: FormatVersion) -> dict[str, FieldInfo]:
    """Truth keys of ``format`` with the field each names.

    A key is the part's numeral followed by the labels below the part, in
    full or with only the group, row and column (the form the truth uses for
    rows under a sub-header such as 法人或其他组织).
    """
    index: dict[str, FieldInfo] = {}
    ambiguous: set[str] = set()
    for info in iter_fields(format, cells_only=True):
        part = info.labels[0][0]
        below = info.labels[1:]
        forms = {(part, *below), (part, below[0], *below[-2:]), (part, below[0], below[-1])}
        for form in forms:
            key = " / ".join(form)
            if key in index and index[key] is not info:
                ambiguous.add(key)
            index[key] = info
    for key in ambiguous:
        del index[key]
    return index


def value_at(node: Any, path: tuple[Any, ...]) -> Any:
    """The value of the report at ``path``."""
    for segment in path:
        node = getattr(node, str(segment))
    return node


def _same(imported: Any, truth: Any) -> bool:
    if imported is None or truth is None:
        return imported is truth
    if isinstance(truth, str) or isinstance(imported, Decimal):
        return Decimal(str(imported)) == Decimal(str(truth))
    return bool(imported == truth)


def excerpt_of(source: Path) -> str:
    """The excerpt of a dev set file, without its header."""
    return source.read_text(encoding="utf-8").partition("\n---\n")[2]


def score_file(source: Path, *, excerpt: str | None = None) -> tuple[FileScore, ImportResult]:
    """Import ``source`` (without its header; or ``excerpt`` in its place) and score it
    against its truth."""
    excerpt = excerpt_of(source) if excerpt is None else excerpt
    result = text.parse(excerpt, name=source.name)
    truth_file = source.with_suffix(".truth.json")
    truth: dict[str, Any] = {}
    if truth_file.exists():
        truth = json.loads(truth_file.read_text(encoding="utf-8"))["cells"]
    index = truth_key_index(result.format)
    expected: dict[str, Any] = {}
    for key, value in truth.items():
        if key not in index:
            raise KeyError(f"{source.name}: truth key {key!r} names no cell of the "
                           f"{result.format.value} format read")
        expected[index[key].json_path] = value
    right, blank, wrong, invented = 0, [], [], []
    for info in iter_fields(result.format, cells_only=True):
        imported = value_at(result.report, info.path)
        entry = (info.json_path, imported, expected.get(info.json_path))
        if info.json_path not in expected:
            if imported is not None:
                invented.append(entry)
            continue
        truth_value = expected[info.json_path]
        if _same(imported, truth_value):
            right += 1
        elif truth_value is None:
            invented.append(entry)
        elif imported is None:
            blank.append(entry)
        else:
            wrong.append(entry)
    return FileScore(source.name, len(expected), right, blank, wrong, invented), result


def score_directory(directory: Path = DEV) -> list[FileScore]:
    """The score of every excerpt of ``directory``, in name order."""
    return [score_file(path)[0] for path in sorted(directory.glob("[0-9]*.txt"))]


def cpu_ms(action: Callable[[], object], *, number: int = 20, rounds: int = 5) -> float:
    """Best over ``rounds`` of the mean CPU time of ``number`` runs, in milliseconds."""
    action()
    best = float("inf")
    for _ in range(rounds):
        start = time.process_time()
        for _ in range(number):
            action()
        best = min(best, (time.process_time() - start) / number * 1000)
    return best


def speed() -> None:
    """Print text import CPU times with their peer."""
    from govinfo_report import convert
    from govinfo_report.examples import example_text, load_example
    from govinfo_report.render import render_text

    peer = cpu_ms(lambda: convert.loads(example_text("2021")), number=200)
    excerpts = [path.read_text(encoding="utf-8").partition("\n---\n")[2]
                for path in sorted(DEV.glob("[0-9]*.txt"))]
    written = render_text(load_example("2021"))
    documents: dict[str, Callable[[], object]] = {
        "naleisi-town-2020.txt (OCR)": lambda: text.parse(
            (ROOT / "tests/data/naleisi-town-2020.txt").read_bytes()),
        "township-2021 (render_text)": lambda: text.parse(written),
        f"dev excerpts (mean of {len(excerpts)})": lambda: [text.parse(e) for e in excerpts],
    }
    print(f"peer: convert.loads of the 2021 example {peer:.3f} ms CPU")
    for name, action in documents.items():
        ms = cpu_ms(action, number=2 if name.startswith("dev") else 20)
        if name.startswith("dev"):
            ms /= len(excerpts)
        print(f"{name}: text import {ms:.2f} ms CPU (goal ≤ 10 ms), × {ms / peer:.0f} the peer")


def main(argv: list[str]) -> int:
    verbose = "-v" in argv
    if "--speed" in argv:
        speed()
    scores = score_directory()
    print(f"{'file':<8} {'truth':>5} {'right':>5} {'blank':>5} {'wrong':>5} {'invented':>8}")
    for s in scores:
        print(f"{s.name:<8} {s.truth_cells:>5} {s.right:>5} {len(s.blank):>5} "
              f"{len(s.wrong):>5} {len(s.invented):>8}")
        if verbose:
            for label, entries in (("blank", s.blank), ("wrong", s.wrong),
                                   ("invented", s.invented)):
                for path, imported, truth in entries:
                    print(f"    {label}: {path} imported={imported!r} truth={truth!r}")
    total = sum(s.truth_cells for s in scores)
    right = sum(s.right for s in scores)
    blank = sum(len(s.blank) for s in scores)
    wrong = sum(len(s.wrong) for s in scores)
    invented = sum(len(s.invented) for s in scores)
    print(f"{'total':<8} {total:>5} {right:>5} {blank:>5} {wrong:>5} {invented:>8}")
    print(f"accuracy {right / total:.1%} (target ≥ {TARGET:.0%}, 0 wrong, 0 invented)")
    return 0 if right >= TARGET * total and not wrong and not invented else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
