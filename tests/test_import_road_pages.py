"""Web pages as they are really published: Word's "save as web page", CMS fragments and
whole pages with navigation, in GB2312 or undeclared UTF-8; every cell comes back."""

from __future__ import annotations

import codecs
import itertools
import re
from html import escape

import pytest

from govinfo_report import importers
from govinfo_report.model import SECTION_TITLES, Report

from .layouts import BREAKS, Document, Table, official_document, varied_2019, varied_2021
from .test_import_road import wrong_cells

WORD_HEAD = """<html xmlns:v="urn:schemas-microsoft-com:vml"
xmlns:o="urn:schemas-microsoft-com:office:office"
xmlns:w="urn:schemas-microsoft-com:office:word"
xmlns:m="http://schemas.microsoft.com/office/2004/12/omml"
xmlns="http://www.w3.org/TR/REC-html40">

<head>
<meta http-equiv=Content-Type content="text/html; charset={charset}">
<meta name=ProgId content=Word.Document>
<meta name=Generator content="Microsoft Word 15">
<meta name=Originator content="Microsoft Word 15">
<title>{title}</title>
<!--[if gte mso 9]><xml>
 <o:DocumentProperties>
  <o:Author>Administrator</o:Author>
  <o:Pages>5</o:Pages>
 </o:DocumentProperties>
</xml><![endif]-->
<style>
<!--
 /* Font Definitions */
 @font-face
	{{font-family:仿宋_GB2312;
	panose-1:2 1 6 9 3 1 1 1 1 1;}}
p.MsoNormal, li.MsoNormal, div.MsoNormal
	{{margin:0cm;
	text-align:justify;
	text-justify:inter-ideograph;
	font-size:10.5pt;
	font-family:等线;}}
-->
</style>
</head>

<body lang=ZH-CN style='tab-interval:21.0pt;text-justify-trim:punctuation'>

<div class=WordSection1 style='layout-grid:15.6pt'>
"""
WORD_TAIL = "\n</div>\n\n</body>\n\n</html>\n"


def _runs(text: str) -> str:
    """Text as Word writes it: Latin digits in their own ``lang=EN-US`` spans."""
    return re.sub(r"[0-9A-Za-z.%]+", lambda m: f"<span lang=EN-US>{m[0]}</span>", escape(text))


def _word_paragraph(text: str) -> str:
    if text in SECTION_TITLES:
        return (f"<p class=MsoNormal style='text-indent:32.0pt;line-height:28.0pt'><b><span "
                f"style='font-size:16.0pt;font-family:黑体'>{_runs(text)}<span lang=EN-US>"
                "<o:p></o:p></span></span></b></p>")
    return (f"<p class=MsoNormal style='text-indent:32.0pt;line-height:28.0pt'><span "
            f"style='font-size:16.0pt;font-family:仿宋_GB2312'>{_runs(text)}<span lang=EN-US>"
            "<o:p></o:p></span></span></p>")


def _word_cell(text: str, colspan: int, rowspan: int) -> str:
    spans = "".join(f" {name}={value}" for name, value in
                    (("colspan", colspan), ("rowspan", rowspan)) if value > 1)
    if text:
        content = "<br>\n  ".join(_runs(part) for part in text.split("\n"))
    else:
        content = "<span lang=EN-US>&nbsp;</span>"
    return (f"  <td width={40 * colspan} valign=top{spans} style='width:{30 * colspan}.0pt;"
            "border:solid windowtext 1.0pt;padding:0cm 5.4pt 0cm 5.4pt'>\n"
            "  <p class=MsoNormal align=center style='text-align:center'><span "
            f"style='font-size:10.5pt;font-family:仿宋_GB2312'>{content}<span lang=EN-US>"
            "<o:p></o:p></span></span></p>\n  </td>\n")


def _word_table(table: Table, *, misaligned: bool) -> str:
    """A table as Word exports it: no ``<th>``, every cell in ``<p class=MsoNormal>``.

    With ``misaligned``, the columns of the value rows were dragged off those
    of the header: the grid has twice the columns, a header cell spans two
    grid columns and a value cell two others, shifted by one.
    """
    scale = 2 if misaligned else 1
    rows = []
    for row in table.rows:
        header = any(cell.header for cell in row) or not misaligned
        cells = []
        for index, cell in enumerate(row):
            colspan = cell.colspan * scale
            if not header:
                if index == 0:
                    colspan += 1
                elif index == len(row) - 1:
                    colspan -= 1
            text = BREAKS.get(cell.text, cell.text) if cell.header else cell.text
            cells.append(_word_cell(text, colspan, cell.rowspan))
        rows.append(" <tr style='height:20.0pt'>\n" + "".join(cells) + " </tr>\n")
    spacer = "".join("  <td width=20 style='border:none'></td>\n"
                     for _ in range(table.width * scale))
    return ("<table class=MsoNormalTable border=0 cellspacing=0 cellpadding=0 width=604\n"
            " style='border-collapse:collapse;mso-yfti-tbllook:1184'>\n" + "".join(rows)
            + f" <![if !supportMisalignedColumns]>\n <tr height=0>\n{spacer} </tr>\n"
            " <![endif]>\n</table>\n")


def word_html(doc: Document, *, charset: str = "gb2312", misaligned: bool = True) -> str:
    """``doc`` saved by Word as a web page."""
    body = []
    tables = itertools.count()
    for item in doc.items:
        if isinstance(item, str):
            body.append(_word_paragraph(item))
        else:
            body.append(_word_table(item, misaligned=misaligned and next(tables) % 2 == 0))
    title = next(item for item in doc.items if isinstance(item, str) and "年度报告" in item)
    return WORD_HEAD.format(charset=charset, title=escape(title)) + "\n\n".join(body) + WORD_TAIL


def cms_page(content: str, title: str) -> str:
    """A government site's article page around ``content``: navigation, breadcrumbs,
    publishing details, a QR code, related links and a footer full of numbers."""
    return f"""<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>{escape(title)}_示范县人民政府门户网站</title>
<script>var _hmt = _hmt || []; document.write('<table><tr><td>1</td></tr></table>');</script>
</head><body>
<div class="header"><ul class="nav"><li><a href="/">首页</a></li><li><a href="/zwgk/">政务公开</a></li>
<li><a href="/hdjl/">互动交流</a></li><li><a href="/zwfw/">政务服务</a></li></ul></div>
<div class="crumbs">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt;
<a href="/zwgk/ndbg/">政府信息公开年报</a></div>
<div class="article">
<h1 class="title">{escape(title)}</h1>
<div class="info"><span>发布时间：2024-01-18 09:30</span><span>来源：示范县人民政府办公室</span>
<span>浏览次数：1352</span><span>【字体：大 中 小】</span><a href="javascript:window.print()">打印</a></div>
<div class="qrcode"><img src="/qr.png" alt="二维码"><p>扫一扫在手机打开当前页</p></div>
<div class="TRS_Editor">{content}</div>
<div class="related"><h4>相关链接</h4><ul>
<li><a href="/a/1.html">示范县2022年政府信息公开工作年度报告</a><span>2023-01-20</span></li>
<li><a href="/a/2.html">示范县2021年政府信息公开工作年度报告</a><span>2022-01-25</span></li>
</ul></div></div>
<div class="footer"><table><tr><td>主办单位：示范县人民政府办公室</td><td>承办单位：示范县大数据中心</td></tr>
<tr><td>网站标识码：3607000001</td><td>赣ICP备05004150号-1</td></tr>
<tr><td>赣公网安备 36072102000123号</td><td>联系电话：0797-1234567</td></tr></table></div>
</body></html>
"""


def fragment(html: str) -> str:
    """What a CMS stores of a Word page: the body's content, without ``<html>``/``<body>``."""
    return html[html.index("<div class=WordSection1"):html.rindex("</div>") + 6]


REPORTS = {"2021": varied_2021(), "2019": varied_2019()}


def _long(report: Report) -> Document:
    """The official layout with a long narrative, as a real report of ~30 000 characters."""
    doc = official_document(report, blanks=itertools.cycle(["", "/", "—"]))
    filler = ("本年度，我镇坚持以习近平新时代中国特色社会主义思想为指导，全面贯彻落实《中华人民共和国"
              "政府信息公开条例》，围绕群众关切，持续深化政务公开，不断提升政务服务水平。")
    position = doc.items.index(SECTION_TITLES[1])
    doc.items[position:position] = [filler * 3] * 8
    return doc


def _check(report: Report, data: bytes | str, *, name: str) -> importers.ImportResult:
    result = importers.parse(data, name=name)
    assert result.source.kind == "html"
    assert wrong_cells(report, result) == []
    assert (result.report.metadata.organ, result.report.metadata.year) == \
        (report.metadata.organ, report.metadata.year)
    return result


@pytest.mark.parametrize("version", sorted(REPORTS))
def test_word_page_in_gb2312(version: str) -> None:
    """Word's web page, declared GB2312, with misaligned columns and <br> in headers."""
    report = REPORTS[version]
    page = word_html(_long(report))
    assert re.search(r"<th[ >]", page) is None
    assert "MsoNormal" in page
    assert re.search(r"本年(新|制)<br>\s*(制作数量|发件数)", page)
    result = _check(report, page.encode("gb18030"), name="report.htm")
    assert result.source.encoding == "gb18030"


@pytest.mark.parametrize("version", sorted(REPORTS))
def test_word_fragment_without_declaration(version: str) -> None:
    """The content a CMS keeps (no <html>, no charset) is HTML, read as UTF-8."""
    report = REPORTS[version]
    data = fragment(word_html(_long(report), charset="utf-8")).encode("utf-8")
    assert importers.detect_kind(data) == "html"
    result = _check(report, data, name="content")
    assert result.source.encoding == "utf-8"


@pytest.mark.parametrize("version", sorted(REPORTS))
def test_whole_page_with_navigation(version: str) -> None:
    """Navigation, breadcrumbs, QR code, related links and footer are not the report."""
    report = REPORTS[version]
    doc = _long(report)
    title = next(item for item in doc.items if isinstance(item, str) and "年度报告" in item)
    page = cms_page(fragment(word_html(doc, charset="utf-8")), title)
    _check(report, page.encode("utf-8"), name="t20240118_123.html")


def test_undeclared_gbk_page() -> None:
    """A page that declares nothing and is not UTF-8 is read as GB18030, not windows-1252."""
    report = REPORTS["2021"]
    page = fragment(word_html(_long(report)))
    result = _check(report, page.encode("gbk"), name="")
    assert result.source.encoding == "gb18030"


def test_bom_wins_over_declaration() -> None:
    """A byte-order mark decides the encoding whatever the page declares."""
    report = REPORTS["2019"]
    page = word_html(_long(report), charset="gb2312")
    result = _check(report, codecs.BOM_UTF8 + page.encode("utf-8"), name="x.html")
    assert result.source.encoding == "utf-8"
