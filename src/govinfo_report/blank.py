"""A blank report to fill in: every cell ``null``, every text empty.

>>> import govinfo_report as gr
>>> draft = gr.blank_report("2021", organ="示范县青山镇人民政府", year=2024)
>>> draft.applications.new_received.total is None
True
>>> sorted({f.rule for f in gr.iter_findings(draft)})
['B1']
"""

from __future__ import annotations

import datetime
from typing import Any

from .exceptions import InvalidOptionError
from .model import REPORT_CLASSES, FormatVersion, Metadata, OrganLevel, Report
from .model._fields import CELL_KINDS
from .model._introspect import model_fields

__all__ = ["blank_report", "default_year"]


def default_year(format: FormatVersion | str) -> int:
    """The year a new report of ``format`` is most likely for.

    The 2021 format: last year (reports are written early in the next year).
    The trial format: 2020, its last year.
    """
    if FormatVersion(format) is FormatVersion.V2019:
        return 2020
    return datetime.date.today().year - 1


def _blank(cls: type) -> Any:
    values: dict[str, Any] = {}
    for field in model_fields(cls):
        if not field.required:
            continue
        if field.child is not None and not field.repeated:
            values[field.name] = _blank(field.child)
        elif field.spec.kind in CELL_KINDS or field.nullable:
            values[field.name] = None
        else:
            raise AssertionError(f"no blank value for {cls.__name__}.{field.name}")
    return cls(**values)


def blank_report(format: FormatVersion | str, *, organ: str | None = None,
                 level: OrganLevel | str = OrganLevel.TOWNSHIP,
                 year: int | None = None) -> Report:
    """A report of ``format`` with every cell blank (``None``) and every text empty.

    Only the metadata is filled: ``organ`` (by default ``None``, not known yet),
    ``level`` and ``year`` (by default :func:`default_year`). Checked, it has the
    warnings of blank cells (B1, B2) and, without an organ, of blank metadata (M1), and
    nothing else.
    """
    try:
        version = FormatVersion(format)
        organ_level = OrganLevel(level)
    except ValueError as error:
        raise InvalidOptionError(f"{error}（unknown format version or organ level）") from None
    if organ is not None and (not isinstance(organ, str) or not organ.strip()):
        raise InvalidOptionError(f"organ 应为非空字符串，实际是 {organ!r}"
                                 "（organ must be a non-empty string）")
    if year is not None and (isinstance(year, bool) or not isinstance(year, int)):
        raise InvalidOptionError(f"year 应为整数，实际是 {year!r}（year must be an integer）")
    metadata = Metadata(organ=organ, level=organ_level,
                        year=default_year(version) if year is None else year)
    cls: type = REPORT_CLASSES[version]
    values = {field.name: _blank(field.child) for field in model_fields(cls)
              if field.required and field.child is not None and field.name != "metadata"}
    report: Report = cls(metadata=metadata, **values)
    return report
