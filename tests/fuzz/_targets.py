"""The entry points under fuzzing and what each promises.

Every target takes one input and returns what happened, or raises
:class:`Broken` when a promise is broken:

- only :class:`~govinfo_report.exceptions.GovInfoReportError` subclasses
  escape (any other exception is a crash);
- ``loads``: an accepted text writes back (``dumps``) as valid UTF-8 JSON
  that reloads to the same canonical text, and every value of the input is
  kept as written (a changed value is a *wrong cell*);
- importers: an imported report writes back the same way;
- renderers: no markup, no bidirectional control from the report's texts.

:data:`STATS` counts inputs, refusals, crashes, wrong cells and the slowest
input per target, for the long run's figures.
"""

from __future__ import annotations

import json
import re
import time
import traceback
import unicodedata
from collections import defaultdict
from pathlib import Path
from typing import Any

import attrs

from govinfo_report import convert
from govinfo_report._cells import cells
from govinfo_report.examples import example_text
from govinfo_report.exceptions import GovInfoReportError
from govinfo_report.importers import ImportResult, parse
from govinfo_report.model import FormatVersion, Report
from govinfo_report.render import html, markdown, text

CORPUS = Path(__file__).parent / "corpus"
IMPORT_KINDS = ("text", "html", "docx", "pdf", "xlsx")
#: A marker the render-escaping property puts into texts: it must never reach the output raw.
MARKUP = '<x-evil a="1">&amp;</x-evil>'
_BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")


class Broken(AssertionError):
    """A promise of the library is broken by an input."""


@attrs.define
class TargetStats:
    inputs: int = 0
    refused: int = 0
    crashes: int = 0
    wrong_cells: int = 0
    slowest: float = 0.0
    slowest_size: int = 0
    largest: int = 0
    failures: list[str] = attrs.Factory(list)


STATS: defaultdict[str, TargetStats] = defaultdict(TargetStats)
#: False in the long run: a broken promise is counted and the run goes on.
RAISE = True


def seeds(target: str) -> list[bytes]:
    """The checked-in seed inputs of ``target``, in name order."""
    return [path.read_bytes() for path in sorted((CORPUS / target).iterdir())]


def _run(target: str, data: bytes | str, function: Any) -> Any:
    stats = STATS[target]
    stats.inputs += 1
    stats.largest = max(stats.largest, len(data))
    started = time.perf_counter()
    try:
        return function()
    except GovInfoReportError:
        stats.refused += 1
        return None
    except Exception as error:
        stats.crashes += 1
        summary = "".join(traceback.format_exception_only(error)).strip()[:300]
        stats.failures.append(f"{summary} (input {data[:80]!r}, {len(data)} long)")
        if not RAISE:
            return None
        if isinstance(error, Broken):
            raise
        raise Broken(f"{target}: {type(error).__name__}: {error}") from error
    finally:
        elapsed = time.perf_counter() - started
        if elapsed > stats.slowest:
            stats.slowest, stats.slowest_size = elapsed, len(data)


def _check_writable(report: Report) -> str:
    written = convert.dumps(report)
    try:
        written.encode("utf-8")
        json.loads(written)
    except (UnicodeError, ValueError) as error:
        raise Broken(f"dumps wrote no valid UTF-8 JSON: {error}") from error
    again = convert.dumps(convert.loads(written))
    if again != written:
        raise Broken("dumps(loads(dumps(r))) differs from dumps(r)")
    return written


def _differences(given: Any, written: Any) -> int:
    """Values of ``given`` (the input document) not kept as written; iterative."""
    wrong = 0
    pending = [(given, written)]
    while pending:
        left, right = pending.pop()
        if isinstance(left, dict) and isinstance(right, dict):
            for key, value in left.items():
                if key == "$schema":
                    continue
                if key not in right:
                    wrong += 1
                else:
                    pending.append((value, right[key]))
        elif isinstance(left, list) and isinstance(right, list) and len(left) == len(right):
            pending.extend(zip(left, right, strict=True))
        elif type(left) is not type(right) or left != right:
            wrong += 1
    return wrong


def check_loads(data: bytes | str, target: str = "loads") -> Report | None:
    """``convert.loads``: a library error, or a report written back losslessly."""

    def attempt() -> Report:
        report = convert.loads(data)
        written = _check_writable(report)
        raw = data.decode("utf-8-sig") if isinstance(data, bytes) else data.removeprefix(
            "\ufeff")
        wrong = _differences(json.loads(raw), json.loads(written))
        if wrong:
            STATS[target].wrong_cells += wrong
            raise Broken(f"loads changed {wrong} value(s) it accepted")
        return report

    result: Report | None = _run(target, data, attempt)
    return result


_SEGMENT = re.compile(r"\.([^.\[]+)|\[(\d+)\]")


def _at(document: Any, path: str) -> Any:
    for name, index in _SEGMENT.findall(path):
        document = document[int(index)] if index else document[name]
    return document


def example_cells() -> dict[str, Any]:
    """Every cell of the 2021 example, by JSON path: the truth of the importers' seeds,
    which are that report published in each layout (a seed may leave a cell unread)."""
    document = json.loads(example_text("2021"))
    return {cell.json_path: _at(document, cell.json_path)
            for cell in cells(FormatVersion.V2021)}


def cell_values(result: ImportResult, written: str | None = None) -> dict[str, Any]:
    """The value of every cell an import read, by JSON path, as the report's JSON has it."""
    document = json.loads(written if written is not None else convert.dumps(result.report))
    return {path: _at(document, path) for path in result.cells}


_TAG = re.compile(r"<[^>]*>")


def _written(value: Any, data: bytes) -> bool:
    """Whether ``value`` is written in ``data`` (a text format): a mutation may have put it.

    Tags are taken out: a cell's text may be split between elements (``1</p>０１２``).
    """
    text = unicodedata.normalize("NFKC", _TAG.sub("", data.decode("utf-8", "replace")))
    return str(value) in text.replace(",", "")


def _wrong_cells(kind: str, result: ImportResult, data: bytes, written: str,
                 truth: dict[str, Any], injected: int | None) -> list[str]:
    """Cells read with a value that is neither the seed's nor written in the input.

    A mutated text may change a number, so there a value written in the
    input is not wrong; in an archive or a PDF a damaged part is refused, so
    every value read must be the seed's. ``injected`` is a value put into
    the narrative only: reading it as a cell is always wrong.
    """
    wrong = []
    for path, value in cell_values(result, written).items():
        if value is None or (value == truth.get(path) and value != injected):
            continue
        if value != injected and kind in ("text", "html") and _written(value, data):
            continue
        wrong.append(f"{path}={value!r} (seed {truth.get(path)!r})")
    return wrong


def check_import(kind: str, data: bytes, truth: dict[str, Any] | None = None,
                 injected: int | None = None) -> Report | None:
    """An importer: a library error, or a report written back losslessly.

    With the ``truth`` of the seed (its cell values), a cell read with a
    value it cannot have is a wrong cell (see :func:`_wrong_cells`).
    """

    def attempt() -> Report:
        result = parse(data, kind=kind)
        written = _check_writable(result.report)
        if truth is not None:
            wrong = _wrong_cells(kind, result, data, written, truth, injected)
            if wrong:
                STATS[f"import-{kind}"].wrong_cells += len(wrong)
                raise Broken(f"import read {len(wrong)} wrong cell(s): {', '.join(wrong[:3])}")
        return result.report

    report: Report | None = _run(f"import-{kind}", data, attempt)
    return report


def check_render(report: Report) -> None:
    """Renderers: the report's texts reach the output escaped and without bidi controls."""

    def attempt() -> None:
        fragment = html.render(report)
        if "<x-evil" in fragment:
            raise Broken("a text reached the HTML unescaped")
        for output in (fragment, markdown.render(report), text.render(report)):
            if _BIDI.search(output):
                raise Broken("a bidirectional control reached the output")
            output.encode("utf-8")

    _run("render", "", attempt)
