"""The rule set as JSON, for systems in other languages (``govinfo-report rules --json``)."""

from __future__ import annotations

from typing import Any

from ..model import FormatVersion
from ._catalog import RULES
from ._rule import Rule

__all__ = ["RULES_FORMAT", "rule_to_json", "rules_as_json"]

#: Version of the exported rule-set document.
RULES_FORMAT = 1


def rule_to_json(rule: Rule) -> dict[str, Any]:
    """One rule: identity, severity, source, message templates and relations per format."""
    return {
        "id": rule.id,
        "severity": rule.severity.value,
        "error_when_strict": rule.error_when_strict,
        "clause": rule.clause,
        "title": rule.title,
        "title_en": rule.title_en,
        "message": rule.message,
        "message_en": rule.message_en,
        "needs_previous": rule.needs_previous,
        "checks": {version.value: [relation.to_json() for relation in rule.relations(version)]
                   for version in FormatVersion},
    }


def rules_as_json() -> dict[str, Any]:
    """The whole rule set as one JSON document (see the rules reference page)."""
    return {
        "rules_format": RULES_FORMAT,
        "formats": [version.value for version in FormatVersion],
        "rules": [rule_to_json(rule) for rule in RULES],
    }
