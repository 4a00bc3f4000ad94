"""Typed, checkable, renderable 政府信息公开工作年度报告.

The names a user types every day are re-exported here::

    import govinfo_report as gr

    report = gr.load("report.json")
    gr.check(report)            # raises InconsistentReportError listing every finding
    print(gr.dumps(report))
"""

from __future__ import annotations

from .builder import build
from .convert import dump, dumps, load, loads, make_converter
from .exceptions import (
    GovInfoReportError,
    InconsistentReportError,
    InvalidReportError,
    LoadError,
    Problem,
)
from .model import FormatVersion, OrganLevel, Report, Report2019, Report2021
from .rules import check, is_consistent, iter_findings

__version__ = "0.1.0"

__all__ = [
    "FormatVersion",
    "GovInfoReportError",
    "InconsistentReportError",
    "InvalidReportError",
    "LoadError",
    "OrganLevel",
    "Problem",
    "Report",
    "Report2019",
    "Report2021",
    "__version__",
    "build",
    "check",
    "dump",
    "dumps",
    "is_consistent",
    "iter_findings",
    "load",
    "loads",
    "make_converter",
]
