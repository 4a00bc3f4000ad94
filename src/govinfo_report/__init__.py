"""Typed, checkable, renderable 政府信息公开工作年度报告.

The names a user types every day are re-exported here::

    import govinfo_report as gr

    report = gr.load("report.json")
    print(gr.dumps(report))
"""

from __future__ import annotations

from .builder import build
from .convert import dump, dumps, load, loads, make_converter
from .exceptions import GovInfoReportError, InvalidReportError, LoadError, Problem
from .model import FormatVersion, OrganLevel, Report, Report2019, Report2021

__version__ = "0.1.0"

__all__ = [
    "FormatVersion",
    "GovInfoReportError",
    "InvalidReportError",
    "LoadError",
    "OrganLevel",
    "Problem",
    "Report",
    "Report2019",
    "Report2021",
    "__version__",
    "build",
    "dump",
    "dumps",
    "load",
    "loads",
    "make_converter",
]
