"""Every limit the library enforces on its inputs, in one place.

A limit keeps a hostile or broken input from making the library hang,
exhaust memory or report a wrong number. Published reports are small (a few
hundred kilobytes at most; a report's JSON about 20 KB): each limit is far
above what a real report needs and only stops documents made to exhaust
memory or time. Exceeding one raises a library error that names the limit
(:class:`~govinfo_report.exceptions.LimitExceededError`, or a located
problem of a :class:`~govinfo_report.exceptions.LoadError`). The reference
page ``docs/reference/limits.md`` lists the limits of loading, writing and
rendering with their reasons.

>>> from govinfo_report import limits
>>> limits.MAX_COUNT == 2**53 - 1
True
"""

from __future__ import annotations

__all__ = [
    "IMPORT_MAX_ARCHIVE_ENTRIES",
    "IMPORT_MAX_CELL_DIGITS",
    "IMPORT_MAX_INFLATED_BYTES",
    "IMPORT_MAX_INFLATION_RATIO",
    "IMPORT_MAX_MERGED_CELLS",
    "IMPORT_MAX_PDF_PAGES",
    "IMPORT_MAX_SHEETS",
    "IMPORT_MAX_TABLE_GRID",
    "IMPORT_RATIO_FLOOR_BYTES",
    "MAX_COUNT",
    "MAX_FILE_BYTES",
    "MAX_ITEMS",
    "MAX_JSON_BYTES",
    "MAX_JSON_DEPTH",
    "MAX_MONEY_FRACTION_DIGITS",
    "MAX_MONEY_INTEGER_DIGITS",
    "MAX_NUMBER_LENGTH",
    "MAX_NUMERAL_DIGITS",
    "MAX_PROBLEMS",
    "MAX_TEXT_LENGTH",
    "STALE_TEMPORARY_SECONDS",
]

# Files and streams (the command line, importers.read)

#: Bytes read from one file or from standard input, whatever its kind (a
#: published Word or PDF file is at most a few megabytes). FIFOs and devices are
#: refused outright: they may never end.
MAX_FILE_BYTES = 64 * 1024 * 1024

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
#: Digits of one number in a table cell; a longer run is read as no number (unreadable
#: cell), like :data:`MAX_NUMERAL_DIGITS` for the narrative reader, but with room for exact
#: amounts of money.
IMPORT_MAX_CELL_DIGITS = 30
#: Rows of one table that match no official row and are kept, with a finding each, in
#: ``extensions["import"]["unmatched_rows"]`` (a provincial table adds a few); past this
#: one finding counts the rest.
IMPORT_MAX_UNMATCHED_ROWS = 1000

# Loading and writing JSON (convert, schema)

#: Bytes of JSON text :func:`~govinfo_report.convert.loads` reads by default
#: (``max_size=`` changes it per call). A report is about 20 KB.
MAX_JSON_BYTES = 50 * 1024 * 1024
#: Levels of nesting of a JSON document, the root object the first. A report needs 6;
#: ``extensions`` is free-form and gets the rest.
MAX_JSON_DEPTH = 64
#: Characters of one JSON string (a narrative part, a name, a key).
MAX_TEXT_LENGTH = 200_000
#: Characters of one JSON number token (in ``extensions``; cells have tighter domains).
MAX_NUMBER_LENGTH = 100
#: The largest count, and the largest magnitude of a signed cell. It is
#: 2^53 − 1, the largest integer a JavaScript consumer reads without losing precision.
MAX_COUNT = 2**53 - 1
#: Digits before the decimal point of an amount of money (exact sums of
#: roll-ups may exceed the 28 digits of the default decimal context).
MAX_MONEY_INTEGER_DIGITS = 30
#: Digits after the decimal point of an amount of money.
MAX_MONEY_FRACTION_DIGITS = 10
#: Items of one array of the report model (acknowledgements).
MAX_ITEMS = 10_000
#: Problems listed for one document; the rest are counted ("… and N more").
MAX_PROBLEMS = 100

# Reading narrative texts (rules)

#: Digits of one numeral the narrative reader reads as a count; a longer run
#: of digits is no count (a phone number, an identifier, noise).
MAX_NUMERAL_DIGITS = 16

# Writing files (convert.write_atomic)

#: Age after which a temporary file left by a killed write
#: (``.NAME.*.govinfo-tmp``) is removed by the next write of the same file.
STALE_TEMPORARY_SECONDS = 10 * 60
