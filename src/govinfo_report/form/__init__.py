"""The data-entry form: the rule set and the browser engine that checks it live.

``static/rules.js`` interprets :func:`rule_set`, the same document
``govinfo-report rules --json`` writes, so the browser finds what
:func:`~govinfo_report.rules.iter_findings` finds.
"""

from __future__ import annotations

import importlib.resources
from typing import Any

from ..rules import rules_as_json

__all__ = ["STATIC", "rule_set"]

#: The form's static files (``rules.js``), inside the installed package.
STATIC = importlib.resources.files(__package__) / "static"


def rule_set() -> dict[str, Any]:
    """The exported rule set the browser engine interprets."""
    return rules_as_json()
