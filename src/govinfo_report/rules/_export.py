"""The rule set as JSON, for systems in other languages (``govinfo-report rules --json``).

The document carries everything an engine needs to reproduce
:func:`~govinfo_report.rules.iter_findings` exactly: the relations with their
operands, the message templates and how their placeholders are filled, the
official labels of every operand, the numeral reader's tables and the words
the engine writes itself. ``form/static/rules.js`` is such an engine; the
rules reference page describes the format.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..crosswalk import counterpart
from ..exceptions import UnknownPathError
from ..findings import FINDINGS_FORMAT
from ..labels import field_info
from ..model import FormatVersion, OrganLevel
from ._catalog import RULES
from ._crossyear import previous_paths
from ._engine import BLANKS_LISTED, WORDS
from ._numerals import numeral_tables
from ._publication import WORDS as PUBLICATION_WORDS
from ._rule import Rule

__all__ = ["RULES_FORMAT", "rule_to_json", "rules_as_json"]

#: Version of the exported rule-set document (fields are only ever added within a version).
#: 2: relation kinds ``year_between``, ``published_in_time``, ``texts_blank_while_filled``;
#: the ``crosswalk`` of previous-report cells; unchecked findings name only blanks that no
#: ``not_blank`` relation reports.
RULES_FORMAT = 2

#: How the placeholders of the message templates are filled, per relation kind
#: (``common`` applies to every kind first). Each recipe names its source and view;
#: the rules reference page defines them.
_PLACEHOLDERS: dict[str, dict[str, dict[str, Any]]] = {
    "common": {
        "where": {"labels": "primary", "view": "short"},
        "column": {"labels": "primary", "view": "item", "index": -1},
        "expected": {"value": "expected", "view": "shown"},
        "actual": {"value": "actual", "view": "shown"},
        "difference": {"value": "difference", "view": "signed"},
    },
    "sum_equals": {"parts": {"labels": "parts", "view": "relative", "join": "signs"}},
    "sums_equal": {"left": {"labels": "left", "view": "inner", "join": "plus"},
                   "right": {"labels": "right", "view": "inner", "join": "plus"}},
    "at_least": {"parts": {"labels": "smaller", "view": "relative"}},
    "zero_unless": {"level": {"cell": "unless", "view": "value_label"},
                    "row": {"labels": "primary", "view": "item", "index": -2}},
    "positive_implies": {"trigger": {"labels": "trigger", "view": "short"},
                         "trigger_value": {"cell": "trigger", "view": "shown"}},
    "stated_in_text": {"parts": {"labels": "cells", "view": "short", "join": "plus"},
                       "stated": {"value": "stated", "view": "shown"},
                       "quote": {"value": "quote", "view": "text"},
                       "where": {"labels": "statement", "view": "full"}},
    "not_blank": {},
    # Texts the relation computes as it judges (the violation's details).
    "year_between": {name: {"value": name, "view": "text"} for name in ("format", "years", "note")},
    "published_in_time": {name: {"value": name, "view": "text"}
                          for name in ("published", "earliest", "deadline", "who")},
    "texts_blank_while_filled": {},
}

#: Per relation kind, the fields holding its operands (the cells a finding lists, in
#: order) and its locations (the cells a finding points at, most suspect first).
_KINDS = {
    "sum_equals": {"operands": ["total", "parts"], "locations": ["total"]},
    "sums_equal": {"operands": ["left", "right"], "locations": ["right", "left"]},
    "at_least": {"operands": ["larger", "smaller"], "locations": ["larger", "smaller"]},
    "zero_unless": {"operands": ["cell"], "locations": ["cell"]},
    "positive_implies": {"operands": ["trigger", "required"],
                         "locations": ["required", "trigger"]},
    "stated_in_text": {"operands": ["cells"], "locations": ["cells"]},
    "not_blank": {"operands": ["cell"], "locations": ["cell"]},
    "year_between": {"operands": ["year"], "locations": ["year"]},
    "published_in_time": {"operands": ["published", "year"], "locations": ["published"]},
    "texts_blank_while_filled": {"operands": ["part"], "locations": ["part"]},
}

#: The findings the engine emits itself, and the fields of their templates.
_ENGINE_RULES: dict[str, dict[str, Any]] = {
    "unchecked": {"rule": "B2", "placeholders": ["subject", "subject_title", "blanks", "count"],
                  "blanks_listed": BLANKS_LISTED},
    "unmatched_acknowledgement": {"rule": "A1", "placeholders": ["subject", "path", "reason"],
                                  "labels": "$.acknowledgements"},
}


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


def _paths(node: Any) -> Iterator[str]:
    if isinstance(node, dict):
        if "path" in node and "report" in node:
            yield node["path"]
        for value in node.values():
            yield from _paths(value)
    elif isinstance(node, list):
        for value in node:
            yield from _paths(value)


def _labels(rules: list[dict[str, Any]],
            crosswalk: dict[str, dict[str, dict[str, str | None]]]
            ) -> dict[str, dict[str, list[str]]]:
    """The official labels of every path the rules name (or their counterparts in the
    other format), per format where it exists."""
    paths = dict.fromkeys(path for rule in rules for path in _paths(rule["checks"]))
    paths.update(dict.fromkeys(path for by_format in crosswalk.values()
                               for mapping in by_format.values()
                               for path in mapping.values() if path is not None))
    paths[_ENGINE_RULES["unmatched_acknowledgement"]["labels"]] = None
    labels: dict[str, dict[str, list[str]]] = {}
    for version in FormatVersion:
        known = labels[version.value] = {}
        for path in paths:
            try:
                known[path] = list(field_info(path, version).labels)
            except UnknownPathError:
                continue
    return labels


def _crosswalk() -> dict[str, dict[str, dict[str, str | None]]]:
    """Per format and previous format, the counterpart of each previous-report path the
    cross-year rules name (``None``: none, the relation is left out)."""
    return {version.value: {other.value: {
        path: counterpart(path, version, other)
        for rule in RULES if rule.needs_previous for relation in rule.relations(version)
        for path in previous_paths(relation)}
        for other in FormatVersion if other is not version} for version in FormatVersion}


def rules_as_json() -> dict[str, Any]:
    """The whole rule set as one JSON document (see the rules reference page)."""
    rules = [rule_to_json(rule) for rule in RULES]
    crosswalk = _crosswalk()
    return {
        "rules_format": RULES_FORMAT,
        "formats": [version.value for version in FormatVersion],
        "findings_format": FINDINGS_FORMAT,
        "rules": rules,
        "relations": _KINDS,
        "labels": _labels(rules, crosswalk),
        "crosswalk": crosswalk,
        "value_labels": {"$.metadata.level": {level.value: level.label for level in OrganLevel}},
        "placeholders": _PLACEHOLDERS,
        "engine_rules": _ENGINE_RULES,
        "words": {**WORDS, **PUBLICATION_WORDS},
        "numerals": numeral_tables(),
    }
