"""Published-report look-alikes made from a known report, in every layout the importers read.

A report is first laid out as the official document: paragraphs and tables
with their merged cells, taken from the spec's label file
(``tests/data/labels.json``) so that the layout does not come from the code
under test. That document is then written as the sources seen in practice:
tab-separated text (full grid, or a row's own cells as a browser copies them), ``|`` rows, one cell per line with stray ``|`` and blank
lines and header cells broken across lines, the whole report on one line,
ASCII-folded punctuation, traditional characters, re-worded part headings,
OCR damage in row labels, HTML with ``rowspan``/``colspan``, a nested layout
table and ``&nbsp;`` cells, a Word document with merged cells, and a PDF.
"""

from __future__ import annotations

import datetime
import io
import itertools
import json
import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs

from govinfo_report.builder import row_total
from govinfo_report.labels import iter_fields, label_path
from govinfo_report.model import (
    SECTION_TITLES,
    AmountUnit,
    Report,
    Report2019,
    Report2021,
)

SPEC = json.loads((Path(__file__).parent / "data" / "labels.json").read_text(encoding="utf-8"))

#: Placeholders that published reports use for a blank cell.
PLACEHOLDERS = ("/", "-", "—", "无", "_")
#: OCR damage seen in real copies, applied to some row labels.
OCR_DAMAGE = {
    "本年新收政府信息公开申请数量": "本年新收政府信息公开数量",
    "其他法律行政法规禁止公开": "其他法律法规禁止公开",
    "危及“三安全一稳定”": "危及“三安”全一稳定",
    "保护第三方合法权益": "保护第三合法权益",
    "属于行政执法案卷": "属于行政执法案件",
    "本机关不掌握相关政府信息": "本机关不掌握相关信息",
    "无正当理由大量反复申请": "无正当理由 大量反复申请",
    "行政事业性收费": "行政事业性收 费",
}
#: Re-worded part headings of local reports.
REWORDED = {
    SECTION_TITLES[3]: "四、因政府信息公开工作被申请行政复议和提起行政诉讼情况",
    SECTION_TITLES[4]: "五、政府信息公开工作存在的主要问题及改进情况",
}
#: Long header cells that copies break across lines.
BREAKS = {"本年新制作数量": "本年新\n制作数量", "本年制发件数": "本年制\n发件数",
          "商业企业": "商业\n企业", "科研机构": "科研\n机构", "社会公益组织": "社会公益\n组织",
          "法律服务机构": "法律服务\n机构", "对外公开总数量": "对外公开\n总数量"}


@dataclass
class TCell:
    """A cell of the official layout, with its merges."""

    text: str
    colspan: int = 1
    rowspan: int = 1
    header: bool = False
    blank: bool = False


@dataclass
class Table:
    rows: list[list[TCell]]
    width: int


@dataclass
class Document:
    """The official layout of a report: paragraphs and tables in order."""

    items: list[str | Table] = field(default_factory=list)


# -- values ---------------------------------------------------------------------------------


def cell_values(report: Report, prefix: str) -> list[Any]:
    """The cell values of one part, in official order."""
    values = []
    for info in iter_fields(report.format, cells_only=True):
        if info.json_path.startswith(prefix):
            node: Any = report
            for segment in info.path:
                node = getattr(node, str(segment))
            values.append(node)
    return values


class Writer:
    """How a value is written: numbers, signed changes, money with units, blanks."""

    def __init__(self, blanks: Iterator[str], *, words_for_sign: bool = False) -> None:
        self.blanks = blanks
        self.words_for_sign = words_for_sign
        self.flip = itertools.cycle([False, True])

    def __call__(self, value: Any, *, signed: bool = False, unit: str = "") -> TCell:
        if value is None:
            return TCell(next(self.blanks), blank=True)
        if signed and value < 0:
            text = f"减{-value}" if self.words_for_sign and next(self.flip) else str(value)
        elif signed and value > 0 and self.words_for_sign and next(self.flip):
            text = f"增{value}"
        else:
            text = format(value, "f") if isinstance(value, Decimal) else str(value)
        return TCell(text + unit)


# -- the official layout --------------------------------------------------------------------


def _section2(report: Report, write: Writer) -> list[Table]:
    spec = SPEC[report.format.value]["section2"]
    values = iter(cell_values(report, "$.proactive_disclosure."))
    tables = []
    unit = ""
    if isinstance(report, Report2019):
        amount_unit = report.proactive_disclosure.art20_9.procurement.amount_unit
        unit = amount_unit.value if amount_unit is not None else ""
    for table in spec:
        header = table["header"]
        rest = 4 - len(header) + 1
        rows = [[TCell(table["caption"], colspan=4, header=True)],
                [TCell(label, header=True, colspan=rest if index == len(header) - 1 else 1)
                 for index, label in enumerate(header)]]
        for label in table["rows"]:
            row = [TCell(label)]
            for index, name in enumerate(header[1:]):
                cell = write(next(values), signed=name == "本年增/减",
                             unit=unit if name == "采购总金额" else "")
                cell.colspan = rest if index == len(header) - 2 else 1
                row.append(cell)
            rows.append(row)
        tables.append(Table(rows, 4))
    return tables


def _leaves(rows: list[dict[str, Any]]) -> int:
    return sum(_leaves(row["children"]) if row.get("children") else 1 for row in rows)


def _section3(report: Report, write: Writer) -> Table:
    spec = SPEC[report.format.value]["section3"]
    values = iter(cell_values(report, "$.applications."))
    leaf_columns = spec["leaf_columns"]
    company = spec["columns"][0]["children"][1]
    rows = [
        [TCell(spec["corner_note"], colspan=3, rowspan=3, header=True),
         TCell(spec["columns"][0]["label"], colspan=7, header=True)],
        [TCell(leaf_columns[0], rowspan=2, header=True),
         TCell(company["label"], colspan=5, header=True),
         TCell(leaf_columns[-1], rowspan=2, header=True)],
        [TCell(child["label"], header=True) for child in company["children"]],
    ]

    def walk(items: list[dict[str, Any]], depth: int, opened: list[TCell]) -> None:
        for item in items:
            if item.get("children"):
                group = TCell(item["label"], rowspan=_leaves(item["children"]))
                walk(item["children"], depth + 1, [*opened, group])
                opened = []
                continue
            row = [*opened, TCell(item["label"], colspan=3 - depth)]
            opened = []
            row.extend(write(next(values)) for _ in leaf_columns)
            rows.append(row)

    walk(spec["rows"], 0, [])
    return Table(rows, 10)


def _section4(report: Report, write: Writer) -> Table:
    spec = SPEC[report.format.value]["section4"]
    values = cell_values(report, "$.reviews.")
    first, litigation = spec["groups"]
    columns = first["columns"]
    return Table([
        [TCell(first["label"], colspan=5, header=True),
         TCell(litigation["label"], colspan=10, header=True)],
        [*(TCell(label, rowspan=2, header=True) for label in columns),
         *(TCell(group["label"], colspan=5, header=True) for group in litigation["subgroups"])],
        [TCell(label, header=True) for _ in litigation["subgroups"] for label in columns],
        [write(value) for value in values],
    ], 15)


def _fees(report: Report2021, write: Writer) -> tuple[Table, str]:
    fees = report.other_matters.fees
    rows = []
    sentence = []
    for info in iter_fields("2021", cells_only=True):
        if info.json_path.startswith("$.other_matters.fees."):
            value = getattr(fees, str(info.path[-1]))
            unit = "件" if info.kind.value == "count" else "元"
            rows.append([TCell(info.label), write(value)])
            if value is not None:
                sentence.append(f"{info.label}为{format(value, 'f') if isinstance(value, Decimal) else value}{unit}")
    return Table(rows, 2), "本年度" + "，".join(sentence) + "。"


def official_document(report: Report, *, blanks: Iterator[str] | None = None,
                      words_for_sign: bool = False, fees_as_table: bool = True) -> Document:
    """The report laid out as the format prints it."""
    write = Writer(blanks or itertools.cycle([""]), words_for_sign=words_for_sign)
    meta = report.metadata
    doc = Document()
    items = doc.items
    items.append(f"{meta.organ}文件")
    if meta.document_number:
        items.append(meta.document_number)
    if meta.signer:
        items.append(f"签发人：{meta.signer}")
    items.append(f"{meta.organ}{meta.year}年政府信息公开工作年度报告")
    items.extend(paragraphs_of(report.preamble))
    items.append(SECTION_TITLES[0])
    overview = report.overview
    items.extend(paragraphs_of(overview.summary))
    numerals = "一二三四五"
    for index, info in enumerate(_overview_fields()):
        text = getattr(overview, info.path[-1])
        if text:
            items.append(f"（{numerals[index]}）{info.label}")
            items.extend(paragraphs_of(text))
    items.append(SECTION_TITLES[1])
    items.extend(_section2(report, write))
    items.append(SECTION_TITLES[2])
    items.append(_section3(report, write))
    items.append(SECTION_TITLES[3])
    items.append(_section4(report, write))
    items.append(SECTION_TITLES[4])
    labels = [label_path(("problems", name))[-1] for name in ("problems", "improvements")]
    items.append(f"（一）{labels[0]}")
    items.extend(paragraphs_of(report.problems.problems))
    items.append(f"（二）{labels[1]}")
    items.extend(paragraphs_of(report.problems.improvements))
    items.append(SECTION_TITLES[5])
    items.extend(paragraphs_of(report.other_matters.text))
    if isinstance(report, Report2021):
        table, sentence = _fees(report, write)
        items.append(table if fees_as_table else sentence)
    items.append(meta.organ)
    if meta.published is not None:
        published = meta.published
        items.append(f"{published.year}年{published.month}月{published.day}日")
    return doc


def _overview_fields() -> list[Any]:
    return [info for info in iter_fields("2021")
            if info.path[0] == "overview" and len(info.path) == 2 and info.path[1] != "summary"]


def paragraphs_of(text: str) -> list[str]:
    return [line for line in text.split("\n") if line]


# -- text layouts ---------------------------------------------------------------------------


def expand(table: Table) -> list[list[str]]:
    """The table as a full grid: a merged cell's text in its first position, "" elsewhere."""
    grid: list[list[str | None]] = [[None] * table.width for _ in table.rows]
    for r, row in enumerate(table.rows):
        c = 0
        for cell in row:
            while grid[r][c] is not None:
                c += 1
            for down in range(cell.rowspan):
                for across in range(cell.colspan):
                    grid[r + down][c + across] = ""
            grid[r][c] = cell.text
            c += cell.colspan
    return [[text or "" for text in row] for row in grid]


def tabbed(doc: Document) -> str:
    """Tab-separated, as a table copied from a Word or web page."""
    lines = []
    for item in doc.items:
        if isinstance(item, str):
            lines.append(item)
        else:
            lines.extend("\t".join(row) for row in expand(item))
    return "\n\n".join(lines) + "\n"


def copied(doc: Document) -> str:
    """Tab-separated as a browser copies a web table: only a row's own cells, merged ones once."""
    lines = []
    for item in doc.items:
        if isinstance(item, str):
            lines.append(item)
        else:
            lines.extend("\t".join(cell.text for cell in row) for row in item.rows)
    return "\n".join(lines) + "\n"


def piped(doc: Document) -> str:
    """Rows written ``| a | b |`` (Markdown and text-mode exports)."""
    lines = []
    for item in doc.items:
        if isinstance(item, str):
            lines.append(item)
        else:
            grid = expand(item)
            lines.append("| " + " | ".join(grid[0]) + " |")
            lines.append("|" + "---|" * item.width)
            lines.extend("| " + " | ".join(row) + " |" for row in grid[1:])
    return "\n".join(lines) + "\n"


def cell_per_line(doc: Document, *, seed: int = 0, break_headers: bool = True) -> str:
    """One cell per line, with stray ``|`` and blank lines, long headers broken."""
    rng = random.Random(seed)
    lines: list[str] = []
    for item in doc.items:
        if isinstance(item, str):
            lines.append(item)
            continue
        for row in item.rows:
            for cell in row:
                text = cell.text
                if break_headers and cell.header:
                    text = BREAKS.get(text, text)
                lines.extend(text.split("\n"))
                if rng.random() < 0.2:
                    lines.append("|")
                if rng.random() < 0.2:
                    lines.append("")
    return "\n".join(lines) + "\n"


def one_line(doc: Document) -> str:
    """The whole report on one line, cells and paragraphs separated by spaces."""
    parts: list[str] = []
    for item in doc.items:
        if isinstance(item, str):
            parts.append(item)
        else:
            parts.extend(cell.text for row in item.rows for cell in row)
    return " ".join(parts)


_ASCII = str.maketrans({"（": "(", "）": ")", "：": ":", "，": ",", "；": ";", "“": '"',
                        "”": '"', "、": ","})


def ascii_folded(text: str) -> str:
    """Full-width punctuation folded to ASCII, as many web copies store it."""
    return text.translate(_ASCII)


def traditional(text: str) -> str:
    """A traditional-character mirror copy."""
    import zhconv.zhconv as converter

    # Load the dictionary by path: zhconv's default loader leaves the file open.
    converter.loaddict(str(Path(converter.__file__).with_name("zhcdict.json")))
    converted: str = converter.convert(text, "zh-hant")
    return converted


def reworded(text: str) -> str:
    """Part headings 四 and 五 re-worded as some local reports do."""
    for official, other in REWORDED.items():
        text = text.replace(official, other)
    return text


def damaged(doc: Document) -> Document:
    """Some row labels damaged as OCR damages them."""
    items: list[str | Table] = []
    for item in doc.items:
        if isinstance(item, Table):
            rows = [[attrs_replace(cell) for cell in row] for row in item.rows]
            items.append(Table(rows, item.width))
        else:
            items.append(item)
    return Document(items)


def attrs_replace(cell: TCell) -> TCell:
    for official, broken in OCR_DAMAGE.items():
        if official in cell.text:
            return TCell(cell.text.replace(official, broken), cell.colspan, cell.rowspan,
                         cell.header, cell.blank)
    return cell


# -- HTML, Word, PDF ------------------------------------------------------------------------


def html(doc: Document, *, nested: bool = True) -> str:
    """A web page: tables with rowspan/colspan, ``&nbsp;`` blanks, wrapped in a layout table."""
    from html import escape

    body: list[str] = ["<div class='nav'>首页 &gt; 政府信息公开 &gt; 年度报告</div>"]
    for item in doc.items:
        if isinstance(item, str):
            tag = "h3" if item in SECTION_TITLES else "p"
            body.append(f"<{tag}>{escape(item)}</{tag}>")
            continue
        rows = []
        for row in item.rows:
            cells = []
            for cell in row:
                spans = "".join(f' {name}="{value}"' for name, value in
                                (("colspan", cell.colspan), ("rowspan", cell.rowspan))
                                if value > 1)
                text = BREAKS.get(cell.text, cell.text) if cell.header else cell.text
                content = "<br>".join(escape(part) for part in text.split("\n")) or "&nbsp;"
                tag = "th" if cell.header else "td"
                cells.append(f"<{tag}{spans}><p>{content}</p></{tag}>")
            rows.append("<tr>" + "".join(cells) + "</tr>")
        body.append("<table border='1'><tbody>" + "".join(rows) + "</tbody></table>")
    content = "\n".join(body)
    if nested:
        content = f"<table width='100%'><tr><td>{content}</td></tr></table>"
    return ("<!DOCTYPE html><html><head><meta charset='utf-8'><title>年度报告</title>"
            f"<style>td{{border:1px}}</style></head><body>{content}"
            "<script>var x = '<table>';</script></body></html>")


def docx(doc: Document) -> bytes:
    """A Word document whose tables have the official merged cells."""
    import docx as python_docx

    document = python_docx.Document()
    for item in doc.items:
        if isinstance(item, str):
            document.add_paragraph(item)
            continue
        table = document.add_table(rows=len(item.rows), cols=item.width)
        taken: set[tuple[int, int]] = set()
        for r, row in enumerate(item.rows):
            c = 0
            for cell in row:
                while (r, c) in taken:
                    c += 1
                target = table.cell(r, c)
                if cell.colspan > 1 or cell.rowspan > 1:
                    target = target.merge(table.cell(r + cell.rowspan - 1, c + cell.colspan - 1))
                target.text = BREAKS.get(cell.text, cell.text) if cell.header else cell.text
                taken.update((r + down, c + across) for down in range(cell.rowspan)
                             for across in range(cell.colspan))
                c += cell.colspan
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def wrap(text: str, width: int) -> list[str]:
    """``text`` in lines of about ``width`` characters, never breaking a number."""
    lines, start = [], 0
    while start < len(text):
        end = min(start + width, len(text))
        while end < len(text) and (text[end - 1].isdigit() or text[end - 1] == ".") and \
                (text[end].isdigit() or text[end] in ".元件"):
            end += 1
        lines.append(text[start:end])
        start = end
    return lines


def pdf(doc: Document, *, width: int = 38) -> bytes:
    """A PDF with a text layer: paragraphs wrapped, table cells drawn one by one."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, invariant=True)
    y = 800.0

    def line(text: str, x: float = 40) -> None:
        nonlocal y
        if y < 40:
            page.showPage()
            y = 800
        page.setFont("STSong-Light", 9)
        page.drawString(x, y, text)

    for item in doc.items:
        if isinstance(item, str):
            for piece in wrap(item, width):
                line(piece)
                y -= 13
            continue
        for row in item.rows:
            x = 40.0
            for cell in row:
                line(cell.text, x)
                x += 45 * cell.colspan
            y -= 13
    page.showPage()
    page.save()
    return buffer.getvalue()


# -- reports to lay out ---------------------------------------------------------------------


def varied_2019(seed: int = 7) -> Report2019:
    """A trial-format report with non-zero numbers, some blanks, signed changes, money in 元."""
    from govinfo_report.examples import load_example

    base = load_example("2019")
    assert isinstance(base, Report2019)
    rng = random.Random(seed)
    blank_every = 11

    def fill(node: Any, counter: Iterator[int]) -> Any:
        changes: dict[str, Any] = {}
        for attribute in attrs.fields(type(node)):
            value = getattr(node, attribute.name)
            if attrs.has(type(value)):
                changes[attribute.name] = fill(value, counter)
            elif attribute.name in ("total", "amount_unit"):
                continue
            elif attribute.name == "change":
                changes[attribute.name] = rng.choice([-8, -417, 3, 0, 12])
            elif attribute.name == "total_amount":
                changes[attribute.name] = Decimal("251000")
            elif isinstance(value, int) or value is None:
                changes[attribute.name] = None if next(counter) % blank_every == 5 \
                    else rng.randint(0, 40)
        if "total" in {a.name for a in attrs.fields(type(node))} and \
                not attrs.has(type(node.total)):
            parts = [changes.get(a.name, getattr(node, a.name)) for a in attrs.fields(type(node))
                     if a.name != "total"]
            changes["total"] = row_total(parts) if rng.random() < 0.8 else None
        return attrs.evolve(node, **changes)

    counter = itertools.count()
    proactive = fill(base.proactive_disclosure, counter)
    procurement = attrs.evolve(proactive.art20_9.procurement, amount_unit=AmountUnit.YUAN)
    proactive = attrs.evolve(proactive, art20_9=attrs.evolve(proactive.art20_9,
                                                                procurement=procurement))
    return attrs.evolve(
        base, proactive_disclosure=proactive,
        applications=fill(base.applications, counter), reviews=fill(base.reviews, counter),
        metadata=attrs.evolve(base.metadata, organ="示范县白云镇人民政府", year=2019,
                              published=datetime.date(2020, 1, 20),
                              document_number="白政发〔2020〕2号", signer="王芳"))


def varied_2021() -> Report2021:
    """The bundled 2021 report with blanks, a fee amount and fees collected."""
    from govinfo_report.examples import load_example

    base = load_example("2021")
    assert isinstance(base, Report2021)
    applications = base.applications
    granted = attrs.evolve(applications.results.granted, research_institution=None, total=None)
    results = attrs.evolve(applications.results, granted=granted)
    fees = attrs.evolve(base.other_matters.fees, notices_issued=3, amount_billed=Decimal("300"),
                        amount_collected=Decimal("200.50"))
    proactive = base.proactive_disclosure
    art20_6 = attrs.evolve(proactive.art20_6, coercion=attrs.evolve(
        proactive.art20_6.coercion, decisions=None))
    reviews = attrs.evolve(base.reviews, litigation_after_reconsideration=attrs.evolve(
        base.reviews.litigation_after_reconsideration, other=None, total=None))
    return attrs.evolve(
        base, applications=attrs.evolve(applications, results=results),
        proactive_disclosure=attrs.evolve(proactive, art20_6=art20_6,
                                          art20_8=attrs.evolve(proactive.art20_8)),
        reviews=reviews, other_matters=attrs.evolve(base.other_matters, fees=fees))


@dataclass
class Fixture:
    """A source document and the report it must import as."""

    name: str
    kind: str
    data: str | bytes
    expected: Report


def fixtures() -> list[Fixture]:
    """Every layout, for both format versions."""
    from govinfo_report.examples import load_example

    reports: dict[str, Report] = {"2021-example": load_example("2021"),
                                  "2021-varied": varied_2021(), "2019-varied": varied_2019()}
    made: list[Fixture] = []
    for tag, report in reports.items():
        blanks = itertools.cycle(["", *PLACEHOLDERS])
        official = official_document(report, blanks=blanks)
        marked = official_document(report, blanks=itertools.cycle(PLACEHOLDERS),
                                   words_for_sign=True, fees_as_table=False)
        layouts: dict[str, str] = {
            "tabbed": tabbed(official),
            "copied": copied(official),
            "piped": piped(official),
            "cell-per-line": cell_per_line(marked),
            "one-line": one_line(marked),
            "ascii": ascii_folded(tabbed(official)),
            "traditional": traditional(tabbed(official)),
            "traditional-cells": traditional(cell_per_line(marked, seed=3)),
            "reworded": reworded(piped(official)),
            "ocr-damage": tabbed(damaged(official)),
            "ocr-damage-lines": cell_per_line(damaged(marked), seed=5),
        }
        for layout, data in layouts.items():
            made.append(Fixture(f"{tag}-{layout}", "text", data, report))
        made.append(Fixture(f"{tag}-html", "html", html(official), report))
        made.append(Fixture(f"{tag}-html-traditional", "html",
                            traditional(html(damaged(official), nested=False)), report))
        made.append(Fixture(f"{tag}-docx", "docx", docx(official), report))
        made.append(Fixture(f"{tag}-pdf", "pdf", pdf(marked), report))
    return made
