"""Ruled PDF tables drawn with reportlab as the official layout prints them: one
rectangle per cell (merged headers as one), values centred, labels wrapped inside
their cells, rows broken across pages, a print stamp atop each page."""

from __future__ import annotations

import io
import itertools
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path

from govinfo_report.model import Report
from govinfo_report.render import render_page

from .layouts import Document, Table, wrap

FONT = "STSong-Light"
#: Page width left for a table, in points.
TABLE_WIDTH = 515.0


def _font() -> None:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont

    pdfmetrics.registerFont(UnicodeCIDFont(FONT))


def cell_lines(text: str, width: float, size: float) -> list[str]:
    """``text`` wrapped to fit ``width`` points (explicit breaks kept)."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    lines: list[str] = []
    for part in text.split("\n"):
        line = ""
        for char in part:
            if line and stringWidth(line + char, FONT, size) > width:
                lines.append(line)
                line = ""
            line += char
        lines.append(line)
    return [line for line in lines if line]


class Sheet:
    """A reportlab canvas that breaks pages and prints a running head on each."""

    def __init__(self, height: float, title: str) -> None:
        from reportlab.pdfgen import canvas

        _font()
        self.buffer = io.BytesIO()
        self.height = height
        self.title = title
        self.canvas = canvas.Canvas(self.buffer, pagesize=(595, height), invariant=True)
        self.number = 0
        self.new_page()

    def new_page(self) -> None:
        if self.number:
            self.canvas.showPage()
        self.number += 1
        self.canvas.setFont(FONT, 8)
        self.canvas.drawString(20, self.height - 20,
                               f"11/29/26, 3:4{self.number % 10} AM    {self.title}")
        self.y = self.height - 50

    def room(self, needed: float) -> None:
        if self.y - needed < 40:
            self.new_page()

    def paragraph(self, text: str) -> None:
        for piece in wrap(text, 38):
            self.room(14)
            self.canvas.setFont(FONT, 10)
            self.canvas.drawString(40, self.y - 10, piece)
            self.y -= 14

    def finish(self) -> bytes:
        self.canvas.showPage()
        self.canvas.save()
        return self.buffer.getvalue()


def _placed(table: Table) -> list[list[tuple[int, int, int, int, str]]]:
    """Each row's cells as (row, column, rowspan, colspan, text) on the expanded grid."""
    taken: set[tuple[int, int]] = set()
    rows = []
    for r, row in enumerate(table.rows):
        c, placed = 0, []
        for cell in row:
            while (r, c) in taken:
                c += 1
            rowspan = min(cell.rowspan, len(table.rows) - r)
            placed.append((r, c, rowspan, cell.colspan, cell.text))
            taken.update((r + down, c + across)
                         for down in range(rowspan) for across in range(cell.colspan))
            c += cell.colspan
        rows.append(placed)
    return rows


#: Moves the text of a cell across, in points, by its row's label and its grid column.
Shift = Callable[[str, int], float]


def _label(placed: list[tuple[int, int, int, int, str]]) -> str:
    """The row's label: its last text that is not a number."""
    return next((text for *_place, text in reversed(placed)
                 if text and not text.replace(".", "").isdigit()), "")


def draw_table(sheet: Sheet, table: Table, *, size: float = 7.5, centred: bool = True,
               ruled: bool = True, right: bool = False, shift: Shift | None = None) -> None:
    """``table`` ruled, one rectangle per cell (without ``ruled``: no rules, the cells
    where they would be), values centred in their cells (or at the left, or with
    ``right`` at the right, of their cells, each moved across by ``shift``); rows kept
    together while a merged cell holds them, else broken across pages."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    widths = [TABLE_WIDTH / table.width] * table.width
    left = [40 + sum(widths[:index]) for index in range(table.width + 1)]
    rows = _placed(table)
    lead = size + 2
    heights = [lead + 4.0] * len(rows)
    texts = {}
    for placed in rows:
        for r, c, rowspan, colspan, text in placed:
            lines = cell_lines(text, left[c + colspan] - left[c] - 4, size)
            texts[r, c] = lines
            needed = len(lines) * lead + 4
            short = needed - sum(heights[r:r + rowspan])
            if short > 0:
                heights[r + rowspan - 1] += short
    # Rows joined by a merged cell stay on one page.
    start = 0
    while start < len(rows):
        end = start + 1
        reach = max(r + rowspan for r, _c, rowspan, _s, _t in rows[start])
        while end < reach:
            reach = max([reach] + [r + rowspan for r, _c, rowspan, _s, _t in rows[end]])
            end += 1
        sheet.room(sum(heights[start:end]))
        tops = {}
        for index in range(start, end):
            tops[index] = sheet.y
            sheet.y -= heights[index]
        canvas = sheet.canvas
        canvas.setFont(FONT, size)
        for index in range(start, end):
            label = _label(rows[index])
            for r, c, rowspan, colspan, _text in rows[index]:
                top, height = tops[r], sum(heights[r:r + rowspan])
                if ruled:
                    canvas.rect(left[c], top - height, left[c + colspan] - left[c], height)
                lines = texts[r, c]
                first = top - (height - len(lines) * lead) / 2 - size if centred \
                    else top - 2 - size
                for number, line in enumerate(lines):
                    x = left[c] + 2
                    if centred and len(lines) == 1:
                        x = (left[c] + left[c + colspan] - stringWidth(line, FONT, size)) / 2
                    elif right and len(lines) == 1:
                        x = left[c + colspan] - 2 - stringWidth(line, FONT, size)
                    if shift is not None:
                        x += shift(label, c)
                    canvas.drawString(x, first - number * lead, line)
        start = end
    sheet.y -= 10


def ruled_pdf(doc: Document, *, height: float = 842, centred: bool = True,
              ruled: bool = True, right: bool = False, shift: Shift | None = None) -> bytes:
    sheet = Sheet(height, "政府信息公开工作年度报告")
    for item in doc.items:
        if isinstance(item, str):
            sheet.paragraph(item)
        else:
            draw_table(sheet, item, centred=centred, ruled=ruled, right=right, shift=shift)
    return sheet.finish()


def blanks() -> Iterator[str]:
    return itertools.cycle([""])


#: Where the system Chromium prints pages to PDF (the tests that need it skip without it).
CHROMIUM = Path("/usr/bin/chromium")


def borderless_chromium_pdf(report: Report, directory: Path) -> bytes:
    """``render --to page`` of ``report`` without borders, printed by Chromium: a PDF
    without rules, one run per glyph, the values placed by the browser."""
    page = directory / "report.html"
    page.write_text(render_page(report).replace(
        "</head>", "<style>* { border: none !important }</style></head>"), encoding="utf-8")
    printed = directory / "report.pdf"
    subprocess.run([str(CHROMIUM), "--headless", "--no-sandbox", "--disable-gpu",
                    "--no-pdf-header-footer", f"--print-to-pdf={printed}", page.as_uri()],
                   check=True, capture_output=True, timeout=120)
    return printed.read_bytes()
