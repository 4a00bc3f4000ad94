"""The ``$schema`` a loaded document gave, kept for writing it back.

The model holds the report, not the document around it; ``$schema`` is
written as the canonical schema ``$id`` of the report's format unless the
document the report was loaded from gave another value. That value is kept
per report object (weakly: it goes with the report), so ``dumps(loads(text))``
keeps it; a report made otherwise (built, rolled up, ``attrs.evolve``-d) gets
the canonical ``$id``.
"""

from __future__ import annotations

import weakref
from typing import Any

from .model import FormatVersion, Report

__all__ = ["BASE_URI", "document_schema", "remember_schema", "schema_id"]

#: Where the schema ``$id`` values live (an identifier: nothing is served there).
BASE_URI = "https://govinfo-report.org/schema/1/"


def schema_id(format: FormatVersion | str) -> str:
    """The ``$id`` of the schema of one format version."""
    return f"{BASE_URI}report-{FormatVersion(format).value}.schema.json"

_GIVEN: dict[int, str] = {}


def remember_schema(report: Report, document: Any) -> None:
    """Keep the ``$schema`` of ``document`` for ``report`` if it is not the canonical one."""
    given = document.get("$schema") if isinstance(document, dict) else None
    if isinstance(given, str) and given != schema_id(report.format):
        key = id(report)
        if key not in _GIVEN:
            weakref.finalize(report, _GIVEN.pop, key, None)
        _GIVEN[key] = given


def document_schema(report: Report) -> str:
    """The ``$schema`` to write for ``report``."""
    return _GIVEN.get(id(report)) or schema_id(report.format)
