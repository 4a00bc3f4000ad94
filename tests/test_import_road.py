"""The road a document takes before its tables are read: encodings, look-alike
characters, PDF running heads, and hostile input refused with the library's errors."""

from __future__ import annotations

import codecs
import html
import io
import itertools
import re
import unicodedata
import zipfile
from typing import Any
from xml.sax.saxutils import escape

import pytest

from govinfo_report import importers, limits
from govinfo_report.exceptions import UnreadableSourceError
from govinfo_report.importers import _unicode, pdf, text
from govinfo_report.importers._decode import decode_html, decode_text
from govinfo_report.labels import iter_fields
from govinfo_report.model import Report

from .layouts import Document, official_document, varied_2019, varied_2021, wrap


def value_at(node: Any, path: tuple[Any, ...]) -> Any:
    for segment in path:
        node = getattr(node, str(segment))
    return node


def wrong_cells(expected: Report, result: importers.ImportResult) -> list[tuple[str, Any, Any]]:
    return [(info.json_path, value_at(expected, info.path), value_at(result.report, info.path))
            for info in iter_fields(expected.format, cells_only=True)
            if value_at(expected, info.path) != value_at(result.report, info.path)]


# -- encodings ------------------------------------------------------------------------------

def test_text_encodings_are_named() -> None:
    """BOM first, then strict UTF-8, then GB18030; the provenance says which."""
    body = "二、主动公开政府信息情况"
    assert decode_text(codecs.BOM_UTF16_LE + body.encode("utf-16-le")).encoding == "utf-16"
    assert decode_text(codecs.BOM_UTF8 + body.encode()).encoding == "utf-8"
    assert decode_text(body.encode()).encoding == "utf-8"
    assert decode_text(body.encode("gbk")).encoding == "gb18030"
    result = importers.parse(text.EXAMPLE.encode("gb18030"), name="a.txt")
    assert result.source.encoding == "gb18030"
    assert result.source.size == len(text.EXAMPLE.encode("gb18030"))
    assert result.provenance_json()["source"]["encoding"] == "gb18030"
    assert text.decode(body.encode("gbk")) == body


@pytest.mark.parametrize(("declaration", "encoding"), [
    ('<meta charset="GB2312">', "gb18030"),
    ('<meta http-equiv="Content-Type" content="text/html; charset=gbk">', "gb18030"),
    ("<META HTTP-EQUIV=Content-Type CONTENT='text/html;charset=utf-8'>", "utf-8"),
])
def test_declared_charsets(declaration: str, encoding: str) -> None:
    """The page's own declaration is used when its bytes decode in it."""
    page = f"<html><head>{declaration}</head><body><p>人民政府</p></body></html>"
    decoded = decode_html(page.encode("gbk" if encoding != "utf-8" else "utf-8"))
    assert (decoded.encoding, "人民政府" in decoded.text) == (encoding, True)


def test_wrong_or_weak_declarations_do_not_garble() -> None:
    """windows-1252 declared on a UTF-8 page, or UTF-8 declared on a GBK page, is overruled."""
    page = "<meta charset='windows-1252'><p>人民政府</p>"
    assert decode_html(page.encode()).encoding == "utf-8"
    page = "<meta charset='utf-8'><p>人民政府</p>"
    assert decode_html(page.encode("gbk")).text.endswith("人民政府</p>")


def test_fragment_detection() -> None:
    """A fragment with tags, or a .html name, is a web page; prose with a "<" is not."""
    assert importers.detect_kind(b"<p>\xe4\xb8\x80</p><table><tr><td>1</td></tr></table>") == "html"
    assert importers.detect_kind("<div>报告</div>".encode("gbk")) == "html"
    assert importers.detect_kind(b"plain", "x.htm") == "html"
    assert importers.detect_kind("收费 <100 元，>5 件".encode()) == "text"


def test_old_binary_formats_are_named() -> None:
    with pytest.raises(UnreadableSourceError, match=r"\.xlsx"):
        importers.parse(b"\xd0\xcf\x11\xe0" + bytes(100), name="county.xls")
    with pytest.raises(UnreadableSourceError, match=r"\.docx"):
        importers.parse(b"\xd0\xcf\x11\xe0" + bytes(100), name="report.doc")


def test_render_output_imports_back_from_bytes() -> None:
    """Our own `render --to html` fragment, given as bytes, imports every cell."""
    from govinfo_report.examples import load_example
    from govinfo_report.render import render_html

    report = load_example("2021")
    result = importers.parse(render_html(report).encode("utf-8"))
    assert (result.source.kind, result.source.encoding) == ("html", "utf-8")
    assert wrong_cells(report, result) == []


# -- look-alike characters ------------------------------------------------------------------

def test_fold_table_covers_the_blocks() -> None:
    """Every Kangxi radical, every supplement radical Unicode gives an equivalent for, and
    every compatibility ideograph folds to one unified ideograph."""
    kangxi = [chr(code) for code in range(0x2F00, 0x2FD6)]
    assert all(_unicode.fold(radical) == unicodedata.normalize("NFKC", radical)
               for radical in kangxi)
    supplement = _unicode._SUPPLEMENT[::2]
    assert len(supplement) == 114
    # NFKC leaves all but two of them alone (⺟ and ⻳ have decompositions).
    assert sum(unicodedata.normalize("NFKC", radical) != radical for radical in supplement) == 2
    for radical, unified in zip(supplement, _unicode._SUPPLEMENT[1::2], strict=True):
        assert 0x2E80 <= ord(radical) <= 0x2EF3
        code = ord(unified)
        assert 0x3400 <= code <= 0x4DBF or 0x4E00 <= code <= 0x9FFF or 0x20000 <= code <= 0x323AF
        assert _unicode.fold(radical) == unified
    assert _unicode.fold("⼈⺠政府\uf900") == "人民政府豈"
    assert _unicode.fold("1２３（一）") == "1２３（一）"  # only the look-alikes move


RADICAL_OF = {unified: radical for radical, unified in
              ((chr(code), _unicode.fold(chr(code))) for code in range(0x2F00, 0x2FD6))}
RADICAL_OF["民"] = "⺠"


def radicalized(value: str) -> str:
    """Text as a browser's "print to PDF" of a Chinese page can carry it."""
    return "".join(RADICAL_OF.get(char, char) for char in value)


def printed_pdf(doc: Document, title: str, *, per_page: int = 45) -> bytes:
    """``doc`` printed by a browser: a date stamp and title atop each page, the address
    and a page counter at its foot, radicals for some characters."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    lines: list[list[tuple[float, str]]] = []
    for item in doc.items:
        if isinstance(item, str):
            lines.extend([(40.0, radicalized(piece))] for piece in wrap(item, 38))
            continue
        for row in item.rows:
            x, drawn = 40.0, []
            for cell in row:
                drawn.append((x, radicalized(cell.text)))
                x += 45 * cell.colspan
            lines.append(drawn)
    pages = [lines[start:start + per_page] for start in range(0, len(lines), per_page)]
    buffer = io.BytesIO()
    sheet = canvas.Canvas(buffer, invariant=True)
    for number, page in enumerate(pages, start=1):
        sheet.setFont("STSong-Light", 8)
        sheet.drawString(20, 820, f"11/29/26, 3:4{number % 10} AM")
        sheet.drawString(200, 820, radicalized(title))
        sheet.drawString(20, 15, "file:///C:/Users/admin/Downloads/report.html")
        sheet.drawString(540, 15, f"{number}/{len(pages)}")
        sheet.setFont("STSong-Light", 9)
        y = 790.0
        for drawn in page:
            for x, value in drawn:
                sheet.drawString(x, y, value)
            y -= 16
        sheet.showPage()
    sheet.save()
    return buffer.getvalue()


@pytest.mark.parametrize("report", [varied_2021(), varied_2019()], ids=["2021", "2019"])
def test_printed_pdf_with_running_heads_and_radicals(report: Report) -> None:
    """Browser-printed PDF: stamps, addresses and counters dropped, radicals folded,
    every cell right; the provenance keeps the radicals as printed."""
    # Blank cells of a PDF leave no trace: print them as placeholders, as reports do.
    doc = official_document(report, blanks=itertools.cycle(["/", "无", "—"]),
                            words_for_sign=True, fees_as_table=False)
    title = f"{report.metadata.organ}{report.metadata.year}年政府信息公开工作年度报告"
    data = printed_pdf(doc, title)
    assert "⼈" in "".join(pdf.pages_of(data))
    assert "11/29/26" in pdf.pages_of(data)[1]
    result = importers.parse(data, name="report.pdf")
    assert wrong_cells(report, result) == []
    assert (result.report.metadata.organ, result.report.metadata.year) == \
        (report.metadata.organ, report.metadata.year)
    raws = "".join(cell.raw for cell in result.cells.values()) + \
        "".join(match.found for match in result.labels)
    assert any(char in raws for char in RADICAL_OF.values())


def test_running_lines() -> None:
    """Only edge lines are running heads, and a page number must count the pages."""
    lines = ["2026/11/29 03:41 示范县", "一、总体情况", "规章", "3", "第 3 页 共 9 页"]
    assert pdf.running_lines(lines, page=3, pages=9) == [0, 4]
    # An address in a sentence is text; alone, or beside the counter, it is a footer.
    lines = ["详见 https://www.example.gov.cn 。", "规章", "https://www.example.gov.cn/a 3/9"]
    assert pdf.running_lines(lines, page=3, pages=9) == [2]
    # A bare number is a page number only when every page ends with its own.
    assert pdf.running_lines(["一、总体情况", "规章", "3"], page=3, pages=9) == []
    assert pdf.running_lines(["一、总体情况", "规章", "3"], page=3, pages=9,
                             counted=True) == [2]
    assert pdf.without_running_lines(["规章\n1", "规章\n2", "规章\n3"]) == ["规章\n"] * 3
    assert pdf.without_running_lines(["规章\n1", "规章\n5"]) == ["规章\n1", "规章\n5"]
    # A line that starts most pages is a running head only when it has words enough.
    assert pdf.without_running_lines(["示范县人民政府网站 2\n规章", "示范县人民政府网站 3\n规章"]) \
        == ["\n规章", "\n规章"]
    assert pdf.running_lines(["示范县政府网", "规章 1", "0"], page=1, pages=4,
                             repeated=frozenset({"示范县政府网"})) == [0]


# -- hostile input --------------------------------------------------------------------------

def _docx_with(xml_change: tuple[str, str]) -> bytes:
    from docx import Document as WordDocument

    document = WordDocument()
    table = document.add_table(rows=2, cols=3)
    table.cell(0, 0).merge(table.cell(0, 1)).text = "1"
    table.cell(1, 2).text = "2"
    buffer = io.BytesIO()
    document.save(buffer)
    source = zipfile.ZipFile(io.BytesIO(buffer.getvalue()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "word/document.xml":
                data = data.replace(*(part.encode() for part in xml_change))
            target.writestr(info, data)
    return out.getvalue()


def test_docx_with_a_bad_grid_span() -> None:
    """A span that is no integer is the library's error, naming the file and the attribute."""
    data = _docx_with(('w:gridSpan w:val="2"', 'w:gridSpan w:val="two"'))
    with pytest.raises(UnreadableSourceError, match=r"^bad\.docx: w:gridSpan .*'two'.*integer"):
        importers.parse(data, name="bad.docx")


def test_docx_with_a_missing_or_broken_part() -> None:
    """No document part, or XML that does not parse: the library's error, not lxml's."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("word/document.xml", "<w:document")
    with pytest.raises(UnreadableSourceError, match=r"^broken\.docx: .*\.docx"):
        importers.parse(out.getvalue(), name="broken.docx", kind="docx")
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("word/other.xml", "<x/>")
    with pytest.raises(UnreadableSourceError, match=r"^none\.docx: "):
        importers.parse(out.getvalue(), name="none.docx", kind="docx")


def test_zip_bomb_is_refused_before_inflating() -> None:
    """A part declaring more than the limit is refused, naming the limit."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", "<w:document/>")
        archive.writestr("word/bomb.xml", b"\0" * (limits.IMPORT_RATIO_FLOOR_BYTES + 1))
    with pytest.raises(UnreadableSourceError, match="IMPORT_MAX_INFLATION_RATIO"):
        importers.parse(out.getvalue(), name="bomb.docx")


def test_too_many_entries(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("govinfo_report.importers._archive.IMPORT_MAX_ARCHIVE_ENTRIES", 3)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
        for index in range(3):
            archive.writestr(f"word/media/{index}.png", b"")
    with pytest.raises(UnreadableSourceError, match="IMPORT_MAX_ARCHIVE_ENTRIES"):
        importers.parse(out.getvalue(), name="many.docx")


def test_deeply_nested_html() -> None:
    """Nesting deeper than Python's recursion limit is walked, not overflowed."""
    data = ("<div>" * 1500 + "<table><tr><td>" * 600 + "二、主动公开政府信息情况").encode()
    assert importers.parse(data, kind="html").source.kind == "html"


@pytest.mark.parametrize("page", ["", "<!-- only a comment -->", "<p>a\x00b</p>\x0b"])
def test_pages_without_content(page: str) -> None:
    """Empty pages, comments only, control characters: an import with nothing read, no crash."""
    result = importers.parse(page, kind="html", name="x.html")
    assert result.report.applications.new_received.total is None


def test_a_table_of_huge_spans_is_refused() -> None:
    """Spans that would expand to millions of grid positions name the limit."""
    row = "<tr>" + '<td rowspan="200" colspan="50">1</td>' * 40 + "</tr>"
    with pytest.raises(UnreadableSourceError, match="IMPORT_MAX_TABLE_GRID"):
        importers.parse(("<table>" + row * 200 + "</table>").encode(), name="spans.html")


def test_lone_surrogate() -> None:
    """A str that is no text is refused with the library's error, for any kind."""
    for kind in ("auto", "text", "html"):
        with pytest.raises(UnreadableSourceError, match=r"U\+D800"):
            importers.parse("一、总体情况\ud800", kind=kind, name="x")
    with pytest.raises(UnreadableSourceError, match=r"U\+D800"):
        text.parse("一、总体情况\ud800")  # the text importer's own entry point too


def test_pdf_page_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("govinfo_report.importers.pdf.IMPORT_MAX_PDF_PAGES", 1)
    data = printed_pdf(official_document(varied_2021()), "报告")
    with pytest.raises(UnreadableSourceError, match="IMPORT_MAX_PDF_PAGES = 1"):
        importers.parse(data, name="long.pdf")


# -- workbooks ------------------------------------------------------------------------------

def collection_workbook(reports: dict[str, Report]) -> bytes:
    """A county's workbook: one sheet per organ, each the official layout of its report
    (title, part headings, the tables with their merged cells), amounts as numbers whose
    unit is in their number format."""
    import openpyxl

    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for sheet_name, report in reports.items():
        sheet = workbook.create_sheet(sheet_name)
        doc = official_document(report)
        row = 1
        for item in doc.items:
            if isinstance(item, str):
                if item.endswith("年度报告") or item[:2] in ("二、", "三、", "四、"):
                    sheet.cell(row=row, column=1, value=item)
                    row += 1
                continue
            taken: set[tuple[int, int]] = set()
            for offset, cells in enumerate(item.rows):
                column = 1
                for cell in cells:
                    while (row + offset, column) in taken:
                        column += 1
                    value: Any = cell.text
                    if value.isdigit():
                        value = int(value)
                    target = sheet.cell(row=row + offset, column=column,
                                        value=None if value == "" else value)
                    money = re.fullmatch(r"(\d+(?:\.\d+)?)(万元|元)", cell.text)
                    if money is not None:
                        target.value = float(money[1])
                        target.number_format = f'General"{money[2]}"'
                    if cell.colspan > 1 or cell.rowspan > 1:
                        sheet.merge_cells(start_row=row + offset, start_column=column,
                                          end_row=row + offset + cell.rowspan - 1,
                                          end_column=column + cell.colspan - 1)
                    taken.update((row + offset + down, column + across)
                                 for down in range(cell.rowspan)
                                 for across in range(cell.colspan))
                    column += cell.colspan
            row += len(item.rows) + 1
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def as_excel_saves(data: bytes) -> bytes:
    """The workbook as Excel saves it: text in the shared strings table (rich-text runs with
    a phonetic guide that is not text), sheets named by relative targets, a formula whose
    value Excel saved."""
    source = zipfile.ZipFile(io.BytesIO(data))
    strings: list[str] = []

    def share(match: re.Match[str]) -> str:
        strings.append(html.unescape(match[2]))
        return f'<c r="{match[1]}" t="s"><v>{len(strings) - 1}</v></c>'

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            body = source.read(info).decode("utf-8") if info.filename.endswith(".xml") or \
                info.filename.endswith(".rels") else None
            if body is None:
                target.writestr(info, source.read(info))
                continue
            if info.filename.startswith("xl/worksheets/"):
                body = re.sub(r'<c r="([A-Z]+\d+)"[^>]*t="inlineStr"[^>]*><is><t>([^<]*)</t>'
                              r"</is></c>", share, body)
                body = re.sub(r'<c r="([A-Z]+\d+)" t="n"><v>(\d+)</v></c>',
                              r'<c r="\1"><f>SUM(Z1:Z2)</f><v>\2</v></c>', body, count=3)
            if info.filename == "xl/_rels/workbook.xml.rels":
                body = body.replace('Target="/xl/worksheets/', 'Target="worksheets/')
            target.writestr(info, body)
        items = "".join(f"<si><r><t>{escape(text[:1])}</t></r><r><t>{escape(text[1:])}</t></r>"
                        "<rPh sb=\"0\" eb=\"1\"><t>ピン</t></rPh></si>" for text in strings)
        target.writestr("xl/sharedStrings.xml",
                        '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
                        f"{items}</sst>")
    return out.getvalue()


@pytest.mark.parametrize("saved_by", ["openpyxl", "excel"])
def test_collection_workbook_one_sheet_per_organ(saved_by: str) -> None:
    """Each sheet is one report: every cell of 二、三、四, the organ and the year."""
    reports = {"青山镇": varied_2021(), "那勒寺镇": varied_2019()}
    data = collection_workbook(reports)
    if saved_by == "excel":
        data = as_excel_saves(data)
        assert b"sharedStrings" in data
    results = importers.parse_all(data, name="county.xlsx")
    assert [result.source.sheet for result in results] == list(reports)
    for report, result in zip(reports.values(), results, strict=True):
        wrong = [item for item in wrong_cells(report, result)
                 if not item[0].startswith("$.other_matters")]
        assert wrong == []
        assert (result.report.metadata.organ, result.report.metadata.year) == \
            (report.metadata.organ, report.metadata.year)
        assert result.source.kind == "xlsx"


def test_a_merge_over_the_whole_sheet_is_refused() -> None:
    """A merged range of 17 billion cells names the limit instead of filling memory."""
    data = collection_workbook({"青山镇": varied_2021()})
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            body = source.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                body = re.sub(rb'<mergeCell ref="[^"]+"/>', b'<mergeCell ref="A1:XFD1048576"/>',
                              body, count=1)
            target.writestr(info, body)
    with pytest.raises(UnreadableSourceError, match="IMPORT_MAX_MERGED_CELLS"):
        importers.parse(out.getvalue(), name="merged.xlsx")


def test_xlsx_bomb_and_no_tables() -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/bomb.xml", b"\0" * (limits.IMPORT_RATIO_FLOOR_BYTES + 1))
    with pytest.raises(UnreadableSourceError, match="IMPORT_MAX_INFLATION_RATIO"):
        importers.parse(out.getvalue(), name="bomb.xlsx")
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
    with pytest.raises(UnreadableSourceError, match="没有报告表格"):
        importers.parse(out.getvalue(), name="empty.xlsx")
