"""Import speed and accuracy.

Speed goals (issue "faster than a generic typed decode"): the bundled 2019
example rendered as text (``render --to txt``) imported in at most 5 ms, and
a web page of about 30 000 characters (the bundled 2021 report as
``render --to page`` writes it) in at most 10 ms. Two more text documents
keep their goal of 10 ms: the real OCR'd naleisi report (tests/data) and the
bundled 2021 report copied as tab-separated text. Each figure is printed
with peers measured in the same run on the same machine: for text, reading
it (decode and split into lines) and ``convert.loads`` of the report's JSON;
for pages, parsing the same page with html5lib alone (the browser-grade
parser the importer used before) and with lxml alone (the parser it uses).
A Word "save as web page" export of ~100 000 characters is shown too.

PDF: the bundled 2021 report drawn as a 3-page PDF with ruled tables (as
``tests/ruled_pdf.py`` draws them), imported, with its ratio to
pypdf's own plain ``extract_text`` of every page measured in the same run
(the extraction the importer did before reading tables by position).

Accuracy: every layout fixture of ``tests/layouts.py`` (needs the ``test``
extra) is imported and compared cell by cell with the report it was made
from: cells right / total, and invented numbers (a value where the report
has none or another one), which must be 0.

Each time is the best of several passes (the least disturbed by other work).
Run from the repository root::

    PYTHONPATH=src python -m benchmarks.bench_import [--accuracy]
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

if not __package__:
    # Run as a script: the repository root makes ``benchmarks`` importable.
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks._goals import Goals
from benchmarks._goals import best_of as _best_seconds
from govinfo_report import convert
from govinfo_report.examples import example_text, load_example
from govinfo_report.importers import text
from govinfo_report.render import render_text

ROOT = Path(__file__).resolve().parent.parent
TEXT_GOAL_MS = 5.0
GOAL_MS = 10.0
HTML_GOAL_MS = 10.0


def best_of(action: Callable[[], Any], *, number: int = 20) -> float:
    """Milliseconds per call, the best of 7 passes of ``number`` calls."""
    action()
    return _best_seconds(action, number=number) * 1000


def speed(goals: Goals) -> None:
    sys.path.insert(0, str(ROOT))
    from tests.layouts import official_document, tabbed

    documents = {
        "2019 example rendered as text": (render_text(load_example("2019")).encode("utf-8"),
                                          example_text("2019"), TEXT_GOAL_MS),
        "naleisi-town-2020.txt (OCR)": ((ROOT / "tests/data/naleisi-town-2020.txt").read_bytes(),
                                        example_text("2019"), GOAL_MS),
        "township-2021 (tab-separated)": (
            tabbed(official_document(load_example("2021"))).encode("utf-8"),
            example_text("2021"), GOAL_MS),
    }
    for name, (data, json_text, goal) in documents.items():
        imported = best_of(lambda data=data: text.parse(data))
        split = best_of(lambda data=data: data.decode("utf-8").splitlines(), number=200)
        loads = best_of(lambda json_text=json_text: convert.loads(json_text))
        goals.absolute(f"text import: {name}", imported, at_most=goal, unit="ms")
        print(f"{name}: import {imported:.2f} ms | "
              f"× {imported / split:.0f} reading and splitting the text ({split * 1000:.1f} µs) | "
              f"× {imported / loads:.1f} convert.loads of its JSON ({loads:.3f} ms)")


def html_speed(goals: Goals) -> None:
    sys.path.insert(0, str(ROOT))
    import html5lib
    import lxml.html
    from tests.test_import_road_pages import REPORTS, _long, word_html

    from govinfo_report.importers import html
    from govinfo_report.render import render_page

    pages = {"rendered page": render_page(load_example("2021")),
             "Word web page": word_html(_long(REPORTS["2021"]))}
    for name, page in pages.items():
        data = page.encode("utf-8")
        imported = best_of(lambda data=data: html.parse(data), number=10)
        peer = best_of(lambda page=page: html5lib.parse(
            page, treebuilder="etree", namespaceHTMLElements=False), number=3)
        parser = best_of(lambda page=page: lxml.html.document_fromstring(page), number=10)
        if name == "rendered page":
            goals.absolute(f"HTML import: {name} ({len(page)} characters)", imported,
                           at_most=HTML_GOAL_MS, unit="ms")
        print(f"{name} ({len(page)} characters): import {imported:.2f} ms | "
              f"× {imported / peer:.2f} html5lib parsing it alone ({peer:.2f} ms) | "
              f"× {imported / parser:.1f} lxml parsing it alone ({parser:.2f} ms)")


def pdf_speed() -> bool:
    sys.path.insert(0, str(ROOT))
    from io import BytesIO

    import pypdf
    from tests.ruled_pdf import blanks, ruled_pdf

    from govinfo_report.importers import pdf

    data = ruled_pdf(official_document_of("2021", blanks()))

    def plain() -> list[str]:
        return [page.extract_text() for page in pypdf.PdfReader(BytesIO(data)).pages]

    pages = len(plain())
    imported = best_of(lambda: pdf.parse(data), number=3)
    peer = best_of(plain, number=3)
    print(f"ruled PDF ({pages} pages, {len(data)} bytes): import {imported:.1f} ms | "
          f"× {imported / peer:.2f} pypdf's plain extract_text of it ({peer:.1f} ms)")
    return True


def official_document_of(version: str, blanks: Any) -> Any:
    from tests.layouts import official_document

    return official_document(load_example(version), blanks=blanks)


def accuracy() -> bool:
    sys.path.insert(0, str(ROOT))
    from tests.layouts import fixtures

    from govinfo_report import importers
    from govinfo_report.labels import iter_fields

    def value_at(node: Any, path: tuple[Any, ...]) -> Any:
        for segment in path:
            node = getattr(node, str(segment))
        return node

    total = right = invented = 0
    made = fixtures()
    for fixture in made:
        result = importers.parse(fixture.data, kind=fixture.kind, name=fixture.name)
        for info in iter_fields(fixture.expected.format, cells_only=True):
            want = value_at(fixture.expected, info.path)
            got = value_at(result.report, info.path)
            total += 1
            right += want == got
            invented += got is not None and got != want
    print(f"accuracy over {len(made)} layout fixtures: {right}/{total} cells right "
          f"({right / total:.2%}), {invented} invented numbers")
    return invented == 0 and right / total >= 0.99


def main() -> int:
    goals = Goals("import")
    speed(goals)
    html_speed(goals)
    ok = pdf_speed()
    if "--accuracy" in sys.argv[1:]:
        ok = accuracy() and ok
    goals.print()
    return 0 if ok and all(goal.met for goal in goals.goals) else 1


if __name__ == "__main__":
    raise SystemExit(main())
