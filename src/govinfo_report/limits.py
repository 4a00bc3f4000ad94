"""How much the library will read from one document before refusing it.

Published reports are small (a few hundred kilobytes at most); these limits
are far above any real report and only stop documents made to exhaust
memory or time. Each refusal is a library error that names the limit.
"""

from __future__ import annotations

# Importers

#: Total size the parts of a .docx or .xlsx archive may inflate to, in bytes.
IMPORT_MAX_INFLATED_BYTES = 200 * 1024 * 1024
#: How many times its own size an archive may inflate to, once it inflates past
#: :data:`IMPORT_RATIO_FLOOR_BYTES` (deflate rarely exceeds 30× even on repetitive XML).
IMPORT_MAX_INFLATION_RATIO = 100
#: Below this inflated size the ratio is not checked (tiny archives compress very well).
IMPORT_RATIO_FLOOR_BYTES = 16 * 1024 * 1024
#: Entries a .docx or .xlsx archive may hold.
IMPORT_MAX_ARCHIVE_ENTRIES = 5000
#: Grid positions one HTML table may cover once its ``rowspan`` and ``colspan`` are
#: expanded (an official table covers a few hundred).
IMPORT_MAX_TABLE_GRID = 200_000
#: Pages of a PDF that are read.
IMPORT_MAX_PDF_PAGES = 500
#: Sheets of a workbook that are read.
IMPORT_MAX_SHEETS = 1000
#: Cells a sheet's merged ranges may cover together (an official table covers a few hundred).
IMPORT_MAX_MERGED_CELLS = 1_000_000
