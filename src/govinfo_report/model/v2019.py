"""The trial format: 《中华人民共和国政府信息公开工作年度报告格式（试行）》.

Issued by 国办公开办函〔2019〕60号 for the reports of 2019 and 2020 (some
later reports still use its tables).

- 二、主动公开政府信息情况: five sub-tables, 22 cells. ``本年增/减`` is signed
  (decreases are negative); ``采购总金额`` is an exact decimal whose unit the
  format does not print, so the unit is recorded beside it (元 or 万元).
- 三、收到和处理政府信息公开申请情况: 23 data rows × 7 applicant columns;
  （六）其他处理 is a single data row.
- 四、政府信息公开行政复议、行政诉讼情况: as in the 2021 format.

>>> Procurement(projects=2, total_amount=None, amount_unit=None).projects
2
"""

from __future__ import annotations

import enum
from decimal import Decimal
from typing import ClassVar, Literal

import attrs

from ._fields import Count, Signed, count, money, other, part, signed, text
from .common import (
    SECTION_TITLES,
    Acknowledgement,
    ApplicantCounts,
    Denied,
    Extensions,
    FormatVersion,
    Metadata,
    NotProcessed,
    Overview,
    Problems,
    Reviews,
    Unable,
)

__all__ = [
    "AmountUnit",
    "Applications2019",
    "Art20Item1Trial",
    "Art20Item5Trial",
    "Art20Item6Trial",
    "Art20Item8Trial",
    "Art20Item9Trial",
    "ItemChange",
    "ItemChangeDecisions",
    "OtherMatters2019",
    "ProactiveDisclosure2019",
    "Procurement",
    "PublishedCounts",
    "Report2019",
    "Results2019",
]


class AmountUnit(enum.Enum):
    """The unit a report used for 采购总金额."""

    YUAN = "元"
    TEN_THOUSAND_YUAN = "万元"


@attrs.frozen(kw_only=True)
class PublishedCounts:
    """A row of 第二十条第（一）项 (trial format)."""

    new_made: Count = count("本年新制作数量")
    new_published: Count = count("本年新公开数量")
    total_published: Count = count("对外公开总数量")


@attrs.frozen(kw_only=True)
class ItemChangeDecisions:
    """A row of 第二十条第（五）项 or （六）项 (trial format)."""

    previous_items: Count = count("上一年项目数量", unit="项")
    change: Signed = signed("本年增/减")
    decisions: Count = count("处理决定数量")


@attrs.frozen(kw_only=True)
class ItemChange:
    """The row of 第二十条第（八）项 (trial format)."""

    previous_items: Count = count("上一年项目数量", unit="项")
    change: Signed = signed("本年增/减")


@attrs.frozen(kw_only=True)
class Procurement:
    """The row of 第二十条第（九）项 (trial format): 政府集中采购."""

    projects: Count = count("采购项目数量", unit="项")
    total_amount: Decimal | None = money("采购总金额", unit="元或万元，见采购总金额单位")
    amount_unit: AmountUnit | None = other("采购总金额单位", default=None)


@attrs.frozen(kw_only=True)
class Art20Item1Trial:
    """第二十条第（一）项: 规章 and 规范性文件."""

    regulations: PublishedCounts = part("规章")
    normative_documents: PublishedCounts = part("规范性文件")


@attrs.frozen(kw_only=True)
class Art20Item5Trial:
    """第二十条第（五）项: 行政许可 and 其他对外管理服务事项."""

    licensing: ItemChangeDecisions = part("行政许可")
    other_services: ItemChangeDecisions = part("其他对外管理服务事项")


@attrs.frozen(kw_only=True)
class Art20Item6Trial:
    """第二十条第（六）项: 行政处罚 and 行政强制."""

    punishment: ItemChangeDecisions = part("行政处罚")
    coercion: ItemChangeDecisions = part("行政强制")


@attrs.frozen(kw_only=True)
class Art20Item8Trial:
    """第二十条第（八）项: 行政事业性收费."""

    admin_fees: ItemChange = part("行政事业性收费")


@attrs.frozen(kw_only=True)
class Art20Item9Trial:
    """第二十条第（九）项: 政府集中采购."""

    procurement: Procurement = part("政府集中采购")


@attrs.frozen(kw_only=True)
class ProactiveDisclosure2019:
    """二、主动公开政府信息情况 (trial format)."""

    art20_1: Art20Item1Trial = part("第二十条第（一）项")
    art20_5: Art20Item5Trial = part("第二十条第（五）项")
    art20_6: Art20Item6Trial = part("第二十条第（六）项")
    art20_8: Art20Item8Trial = part("第二十条第（八）项")
    art20_9: Art20Item9Trial = part("第二十条第（九）项")


@attrs.frozen(kw_only=True)
class Results2019:
    """三、本年度办理结果 (trial format): 20 data rows; （六）其他处理 is one row."""

    granted: ApplicantCounts = part("予以公开", number="（一）")
    partially_granted: ApplicantCounts = part(
        "部分公开（区分处理的，只计这一情形，不计其他情形）", number="（二）")
    denied: Denied = part("不予公开", number="（三）")
    unable: Unable = part("无法提供", number="（四）")
    not_processed: NotProcessed = part("不予处理", number="（五）")
    other: ApplicantCounts = part("其他处理", number="（六）")
    total: ApplicantCounts = part("总计", number="（七）", derived=True)


@attrs.frozen(kw_only=True)
class Applications2019:
    """三、收到和处理政府信息公开申请情况 (trial format)."""

    new_received: ApplicantCounts = part("本年新收政府信息公开申请数量", number="一、")
    carried_over: ApplicantCounts = part("上年结转政府信息公开申请数量", number="二、")
    results: Results2019 = part("本年度办理结果", number="三、")
    carried_forward: ApplicantCounts = part("结转下年度继续办理", number="四、")


@attrs.frozen(kw_only=True)
class OtherMatters2019:
    """六、其他需要报告的事项 (trial format): narrative only."""

    text: str = text("其他需要报告的事项", default="")


@attrs.frozen(kw_only=True)
class Report2019:
    """A whole annual report in the trial format."""

    format: ClassVar[Literal[FormatVersion.V2019]] = FormatVersion.V2019

    metadata: Metadata = part("基本信息")
    preamble: str = text("前言", default="")
    overview: Overview = part(SECTION_TITLES[0][2:], number=SECTION_TITLES[0][:2])
    proactive_disclosure: ProactiveDisclosure2019 = part(
        SECTION_TITLES[1][2:], number=SECTION_TITLES[1][:2])
    applications: Applications2019 = part(SECTION_TITLES[2][2:], number=SECTION_TITLES[2][:2])
    reviews: Reviews = part(SECTION_TITLES[3][2:], number=SECTION_TITLES[3][:2])
    problems: Problems = part(SECTION_TITLES[4][2:], number=SECTION_TITLES[4][:2])
    other_matters: OtherMatters2019 = part(SECTION_TITLES[5][2:], number=SECTION_TITLES[5][:2])
    acknowledgements: tuple[Acknowledgement, ...] = part("已说明的检查结果", default=())
    extensions: Extensions = part("扩展", factory=dict, hash=False)
