"""Import speed and accuracy.

Speed goal: a typical text report imported in at most 10 ms. Two documents
are timed: the real OCR'd naleisi report (tests/data) and the bundled 2021
report copied as tab-separated text. Each figure is printed with its ratio
to two baselines measured in the same run on the same machine: reading the
text (decode and split into lines), and ``convert.loads`` of the report's
JSON, so the numbers compare across machines.

Web pages: a page of about 30 000 characters (the bundled 2021 report as
``render --to page`` writes it) imported in at most 20 ms, with its ratio to
parsing the same page with html5lib alone (the browser-grade parser the
importer used before) and with lxml alone (the parser it uses), measured in
the same run; and a Word "save as web page" export of ~100 000 characters.

PDF: the bundled 2021 report drawn as a 3-page PDF with ruled tables (as
``tests/ruled_pdf.py`` draws them), imported, with its ratio to
pypdf's own plain ``extract_text`` of every page measured in the same run
(the extraction the importer did before reading tables by position).

Accuracy: every layout fixture of ``tests/layouts.py`` (needs the ``test``
extra) is imported and compared cell by cell with the report it was made
from: cells right / total, and invented numbers (a value where the report
has none or another one), which must be 0.

Run from the repository root::

    PYTHONPATH=src python -m benchmarks.bench_import [--accuracy]
"""

from __future__ import annotations

import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from govinfo_report import convert
from govinfo_report.examples import example_text, load_example
from govinfo_report.importers import text

ROOT = Path(__file__).resolve().parent.parent
GOAL_MS = 10.0
HTML_GOAL_MS = 20.0


def best_of(action: Callable[[], Any], *, rounds: int = 7, number: int = 20) -> float:
    """Median over ``rounds`` of the mean time of ``number`` runs, in milliseconds."""
    action()
    samples = []
    for _ in range(rounds):
        start = time.perf_counter()
        for _ in range(number):
            action()
        samples.append((time.perf_counter() - start) / number * 1000)
    return statistics.median(samples)


def speed() -> bool:
    sys.path.insert(0, str(ROOT))
    from tests.layouts import official_document, tabbed

    documents = {
        "naleisi-town-2020.txt (OCR)": ((ROOT / "tests/data/naleisi-town-2020.txt").read_bytes(),
                                        example_text("2019")),
        "township-2021 (tab-separated)": (
            tabbed(official_document(load_example("2021"))).encode("utf-8"),
            example_text("2021")),
    }
    ok = True
    for name, (data, json_text) in documents.items():
        imported = best_of(lambda data=data: text.parse(data))
        split = best_of(lambda data=data: data.decode("utf-8").splitlines(), number=200)
        loads = best_of(lambda json_text=json_text: convert.loads(json_text))
        ok = ok and imported <= GOAL_MS
        print(f"{name}: import {imported:.2f} ms (goal ≤ {GOAL_MS:.0f} ms) | "
              f"× {imported / split:.0f} reading and splitting the text ({split * 1000:.1f} µs) | "
              f"× {imported / loads:.1f} convert.loads of its JSON ({loads:.2f} ms)")
    return ok


def html_speed() -> bool:
    sys.path.insert(0, str(ROOT))
    import html5lib
    import lxml.html
    from tests.test_import_road_pages import REPORTS, _long, word_html

    from govinfo_report.importers import html
    from govinfo_report.render import render_page

    pages = {"rendered page": render_page(load_example("2021")),
             "Word web page": word_html(_long(REPORTS["2021"]))}
    ok = True
    for name, page in pages.items():
        data = page.encode("utf-8")
        imported = best_of(lambda data=data: html.parse(data), number=10)
        peer = best_of(lambda page=page: html5lib.parse(
            page, treebuilder="etree", namespaceHTMLElements=False), number=3)
        parser = best_of(lambda page=page: lxml.html.document_fromstring(page), number=10)
        if name == "rendered page":
            ok = imported <= HTML_GOAL_MS
        print(f"{name} ({len(page)} characters): import {imported:.2f} ms "
              f"(goal ≤ {HTML_GOAL_MS:.0f} ms for ~30 000) | "
              f"× {imported / peer:.2f} html5lib parsing it alone ({peer:.2f} ms) | "
              f"× {imported / parser:.1f} lxml parsing it alone ({parser:.2f} ms)")
    return ok


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
    imported = best_of(lambda: pdf.parse(data), rounds=5, number=3)
    peer = best_of(plain, rounds=5, number=3)
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
    ok = speed()
    ok = html_speed() and ok
    ok = pdf_speed() and ok
    if "--accuracy" in sys.argv[1:]:
        ok = accuracy() and ok
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
