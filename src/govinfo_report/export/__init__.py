"""Exports for statisticians: long-format records, CSV and XLSX.

A *record* is one table cell of one report (:class:`Record`): who published
it (organ, level, division code, year, format), where the cell is (part, row,
column, every official label, JSON path), its unit and its value. The records
of many reports make one long table that any statistics tool reads.

>>> from govinfo_report.examples import load_example
>>> from govinfo_report.export import RECORD_FIELDS, iter_records
>>> print(", ".join(RECORD_FIELDS))
organ, level, division_code, year, format, part, row, column, labels, json_path, unit, value
>>> record = next(r for r in iter_records([load_example("2021")])
...               if r.json_path == "$.applications.new_received.natural_person")
>>> record.part, record.row, record.column, record.unit, record.value
('三、收到和处理政府信息公开申请情况', '一、本年新收政府信息公开申请数量', '自然人', '件', 12)

- :func:`iter_records` yields them lazily;
- :func:`write_csv` writes them as UTF-8 CSV (optionally with a BOM for Excel);
- :func:`write_wide_csv` writes one row per report and one column per cell,
  headed by the official labels (:func:`wide_header`), for tools that want a
  report per row;
- :func:`write_xlsx` writes a workbook with the tables in the official layout
  and a long-format sheet (the ``xlsx`` extra: ``pip install 'govinfo-report[xlsx]'``).
"""

from __future__ import annotations

from ._csv import write_csv
from ._output import Output
from ._records import LABEL_SEPARATOR, RECORD_FIELDS, Record, iter_records
from ._wide import UNIT_SUFFIX, WIDE_ID_FIELDS, wide_header, write_wide_csv
from ._xlsx import RECORDS_SHEET, write_xlsx

__all__ = [
    "LABEL_SEPARATOR",
    "RECORDS_SHEET",
    "RECORD_FIELDS",
    "UNIT_SUFFIX",
    "WIDE_ID_FIELDS",
    "Output",
    "Record",
    "iter_records",
    "wide_header",
    "write_csv",
    "write_wide_csv",
    "write_xlsx",
]
