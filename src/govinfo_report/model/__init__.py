"""Typed classes for both versions of the national report format.

:class:`~.v2021.Report2021` follows 国办公开办函〔2021〕30号 (reports for 2021 onward);
:class:`~.v2019.Report2019` follows the trial format of 国办公开办函〔2019〕60号
(reports for 2019 and 2020). Both are frozen, slotted, keyword-only attrs
classes; each field carries its official label (see :mod:`govinfo_report.labels`).
"""

from __future__ import annotations

from .common import (
    APPLICANTS,
    CORNER_NOTE,
    INFO_CONTENT,
    SECTION_TITLES,
    Acknowledgement,
    ApplicantCounts,
    Denied,
    FeeCollection,
    FormatVersion,
    Metadata,
    NotProcessed,
    OrganLevel,
    Outcomes,
    Overview,
    Problems,
    Reviews,
    Unable,
)
from .v2019 import (
    AmountUnit,
    Applications2019,
    Art20Item1Trial,
    Art20Item5Trial,
    Art20Item6Trial,
    Art20Item8Trial,
    Art20Item9Trial,
    ItemChange,
    ItemChangeDecisions,
    OtherMatters2019,
    ProactiveDisclosure2019,
    Procurement,
    PublishedCounts,
    Report2019,
    Results2019,
)
from .v2021 import (
    Applications2021,
    Art20Item1,
    Art20Item5,
    Art20Item6,
    Art20Item8,
    Decisions,
    DocumentCounts,
    FeeAmount,
    OtherHandling,
    OtherMatters2021,
    ProactiveDisclosure2021,
    Report2021,
    Results2021,
)

#: Either version of a report.
Report = Report2021 | Report2019

#: The report class of each format version.
REPORT_CLASSES: dict[FormatVersion, type[Report2021] | type[Report2019]] = {
    FormatVersion.V2021: Report2021,
    FormatVersion.V2019: Report2019,
}

__all__ = [
    "APPLICANTS",
    "CORNER_NOTE",
    "INFO_CONTENT",
    "REPORT_CLASSES",
    "SECTION_TITLES",
    "Acknowledgement",
    "AmountUnit",
    "ApplicantCounts",
    "Applications2019",
    "Applications2021",
    "Art20Item1",
    "Art20Item1Trial",
    "Art20Item5",
    "Art20Item5Trial",
    "Art20Item6",
    "Art20Item6Trial",
    "Art20Item8",
    "Art20Item8Trial",
    "Art20Item9Trial",
    "Decisions",
    "Denied",
    "DocumentCounts",
    "FeeAmount",
    "FeeCollection",
    "FormatVersion",
    "ItemChange",
    "ItemChangeDecisions",
    "Metadata",
    "NotProcessed",
    "OrganLevel",
    "OtherHandling",
    "OtherMatters2019",
    "OtherMatters2021",
    "Outcomes",
    "Overview",
    "ProactiveDisclosure2019",
    "ProactiveDisclosure2021",
    "Problems",
    "Procurement",
    "PublishedCounts",
    "Report",
    "Report2019",
    "Report2021",
    "Results2019",
    "Results2021",
    "Reviews",
    "Unable",
]
