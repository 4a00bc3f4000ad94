"""Typed, checkable, renderable 政府信息公开工作年度报告.

The names a user types every day are re-exported here::

    import govinfo_report as gr

    report = gr.load("report.json")
    gr.check(report)            # raises InconsistentReportError listing every finding
    print(gr.dumps(report))

    result = gr.validate("report.json")   # never raises: load problems and findings
    print(result.ok, [f.rule for f in result.findings])

    draft = gr.blank_report("2021", organ="示范县青山镇人民政府")
    draft = gr.set_path(draft, "$.applications.new_received.natural_person", 12)
    print(gr.get_path(draft, "$.applications.new_received.natural_person"))

Each name is imported from its module the first time it is used (PEP 562),
so a program, or a command such as ``govinfo-report validate``, pays only for
the modules it needs.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .blank import blank_report
    from .builder import build
    from .convert import dump, dumps, from_dict, load, loads, make_converter, to_dict
    from .exceptions import (
        GovInfoReportError,
        InconsistentReportError,
        InvalidReportError,
        LoadError,
        Problem,
    )
    from .findings import Finding, Severity
    from .model import FormatVersion, OrganLevel, Report, Report2019, Report2021
    from .paths import get_path, set_path
    from .rules import check, is_consistent, iter_findings
    from .validation import Validation, validate

__version__ = "0.1.0"

#: The module each re-exported name comes from.
_SOURCES = {
    ".blank": ("blank_report",),
    ".builder": ("build",),
    ".convert": ("dump", "dumps", "from_dict", "load", "loads", "make_converter", "to_dict"),
    ".exceptions": ("GovInfoReportError", "InconsistentReportError", "InvalidReportError",
                    "LoadError", "Problem"),
    ".findings": ("Finding", "Severity"),
    ".model": ("FormatVersion", "OrganLevel", "Report", "Report2019", "Report2021"),
    ".paths": ("get_path", "set_path"),
    ".rules": ("check", "is_consistent", "iter_findings"),
    ".validation": ("Validation", "validate"),
}
_MODULE_OF = {name: module for module, names in _SOURCES.items() for name in names}

__all__ = [
    "Finding",
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
    "Severity",
    "Validation",
    "__version__",
    "blank_report",
    "build",
    "check",
    "dump",
    "dumps",
    "from_dict",
    "get_path",
    "is_consistent",
    "iter_findings",
    "load",
    "loads",
    "make_converter",
    "set_path",
    "to_dict",
    "validate",
]


def __getattr__(name: str) -> Any:
    module = _MODULE_OF.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(module, __name__), name)
    globals()[name] = value  # later look-ups skip this function
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
