"""The :class:`Rule` record: identity, severity, source, message and relations."""

from __future__ import annotations

from typing import Any

import attrs

from ..findings import Severity
from ..model import FormatVersion
from ._relations import Relation

__all__ = ["Example", "Rule"]

Edit = tuple[str, Any]


@attrs.frozen(kw_only=True)
class Example:
    """A case built from a bundled example report by a few edits.

    ``edits`` set cells by JSON path. With ``recompute`` the totals are
    computed again afterwards (the builder), so only the relation the edit
    targets can break. ``previous_edits`` (``None``: no previous report)
    make the previous year's report from the same example.
    """

    format: FormatVersion
    edits: tuple[Edit, ...] = ()
    recompute: bool = False
    previous_edits: tuple[Edit, ...] | None = None


@attrs.frozen(kw_only=True, repr=False)
class Rule:
    """One consistency rule: a stable id and the relations it checks per format version.

    ``message`` and ``message_en`` are templates filled per finding; the
    placeholders are ``{where}`` (the labels of the first location),
    ``{column}``, ``{parts}``, ``{expected}``, ``{actual}``, ``{difference}``,
    ``{stated}`` and ``{quote}``.
    """

    id: str
    severity: Severity
    #: The public document the rule rests on, e.g. ``国办公开办函〔2021〕30号 表三注释``.
    clause: str
    title: str
    title_en: str
    message: str
    message_en: str
    checks: tuple[tuple[FormatVersion, tuple[Relation, ...]], ...] = ()
    #: True for cross-year rules, which run only when the previous report is given.
    needs_previous: bool = False
    #: True when ``strict`` raises the severity to error (blank cells).
    error_when_strict: bool = False
    passing: Example | None = None
    failing: Example | None = None

    def relations(self, format: FormatVersion) -> tuple[Relation, ...]:
        """The relations this rule checks in reports of ``format``."""
        for version, relations in self.checks:
            if version is format:
                return relations
        return ()

    @property
    def formats(self) -> tuple[FormatVersion, ...]:
        """The format versions the rule has relations for."""
        return tuple(version for version, relations in self.checks if relations)

    def severity_for(self, *, strict: bool) -> Severity:
        """The severity of this rule's findings under ``strict`` or not."""
        return Severity.ERROR if strict and self.error_when_strict else self.severity

    def __repr__(self) -> str:
        counts = ", ".join(f"{version.value}: {len(relations)}"
                           for version, relations in self.checks)
        return (f"<Rule {self.id} {self.severity.value} {self.title} "
                f"({self.clause}){' [' + counts + ']' if counts else ''}>")
