"""Findings: what the consistency checks report, located and labelled.

A finding is a frozen record. Its JSON form (:meth:`Finding.to_json`) carries
:data:`FINDINGS_FORMAT` and is stable API: fields may be added, never renamed
or removed within a format version.

>>> finding = Finding(rule="I1", severity=Severity.ERROR, message="总计不等于各列之和",
...                   json_paths=("$.applications.new_received.total",))
>>> finding.json_path
'$.applications.new_received.total'
>>> finding.is_failure(strict=False)
True
"""

from __future__ import annotations

import enum
from decimal import Decimal
from typing import Any

import attrs

__all__ = ["FINDINGS_FORMAT", "Finding", "Operand", "Severity"]

#: Version of the JSON form of findings.
FINDINGS_FORMAT = 1

Value = int | Decimal | None


class Severity(enum.Enum):
    """How serious a finding is."""

    #: Breaks an identity the format states or implies; fails CI.
    ERROR = "error"
    #: Suspicious but possibly legitimate; fails CI only under ``--strict``.
    WARNING = "warning"


def _json_value(value: Value) -> int | str | None:
    return format(value, "f") if isinstance(value, Decimal) else value


@attrs.frozen(kw_only=True)
class Operand:
    """One cell a rule read, with its location, labels and value."""

    json_path: str
    labels: tuple[str, ...] = ()
    value: Value = None
    #: True when the cell is in the previous year's report (cross-year rules).
    previous: bool = False

    def to_json(self) -> dict[str, Any]:
        """The stable JSON form; ``report`` is ``"current"`` or ``"previous"``."""
        return {"json_path": self.json_path, "labels": list(self.labels),
                "value": _json_value(self.value),
                "report": "previous" if self.previous else "current"}


@attrs.frozen(kw_only=True)
class Finding:
    """One result of a consistency rule.

    ``json_paths`` are ``$``-rooted; the first is the primary location (the
    cell a reader should look at). ``labels`` are the official labels of
    that location, from the part down to the column.
    """

    rule: str
    severity: Severity
    message: str
    message_en: str = ""
    json_paths: tuple[str, ...] = ()
    labels: tuple[str, ...] = ()
    operands: tuple[Operand, ...] = ()
    expected: Value = None
    actual: Value = None
    difference: Value = None
    #: True when the report acknowledges this finding (see ``acknowledgements``).
    acknowledged: bool = False
    acknowledgement: str | None = None
    #: The rule this finding is about, if not its own ``rule``; for ``B2`` the rule
    #: that could not be checked, for ``A1`` the rule an unmatched acknowledgement names.
    subject_rule: str | None = None

    @property
    def json_path(self) -> str:
        """The primary location, or ``$`` for a finding about the whole report."""
        return self.json_paths[0] if self.json_paths else "$"

    def is_failure(self, *, strict: bool = False) -> bool:
        """Whether this finding fails a check (errors; warnings too when ``strict``)."""
        if self.acknowledged:
            return False
        return self.severity is Severity.ERROR or strict

    def to_json(self) -> dict[str, Any]:
        """The stable JSON form of the finding."""
        return {
            "findings_format": FINDINGS_FORMAT,
            "rule": self.rule,
            "severity": self.severity.value,
            "message": self.message,
            "message_en": self.message_en,
            "json_paths": list(self.json_paths),
            "labels": list(self.labels),
            "operands": [operand.to_json() for operand in self.operands],
            "expected": _json_value(self.expected),
            "actual": _json_value(self.actual),
            "difference": _json_value(self.difference),
            "acknowledged": self.acknowledged,
            "acknowledgement": self.acknowledgement,
            "subject_rule": self.subject_rule,
        }
