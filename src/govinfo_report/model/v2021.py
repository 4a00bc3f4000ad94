"""The 2021 format: 《中华人民共和国政府信息公开工作年度报告格式》.

Issued by 国办公开办函〔2021〕30号 (signed 2021-09-26) for reports of 2021
onward.

- 二、主动公开政府信息情况: four sub-tables, 10 cells; counts in 件, except
  第二十条第（八）项 本年收费金额 in 万元 (an exact decimal).
- 三、收到和处理政府信息公开申请情况: 25 data rows × 7 applicant columns; the
  group rows 三、 and （三）–（六） have no cells of their own.
- 四、政府信息公开行政复议、行政诉讼情况: 3 groups × 5 outcomes.
- 六、其他需要报告的事项 reports the 信息处理费
  (:class:`~govinfo_report.model.common.FeeCollection`).

>>> from decimal import Decimal
>>> FeeAmount(amount=Decimal("1.25")).amount
Decimal('1.25')
"""

from __future__ import annotations

from decimal import Decimal
from typing import ClassVar, Literal

import attrs

from ._fields import Count, count, money, part, text
from .common import (
    SECTION_TITLES,
    Acknowledgement,
    ApplicantCounts,
    Denied,
    Extensions,
    FeeCollection,
    FormatVersion,
    Metadata,
    NotProcessed,
    Overview,
    Problems,
    Reviews,
    Unable,
)

__all__ = [
    "Applications2021",
    "Art20Item1",
    "Art20Item5",
    "Art20Item6",
    "Art20Item8",
    "Decisions",
    "DocumentCounts",
    "FeeAmount",
    "OtherHandling",
    "OtherMatters2021",
    "ProactiveDisclosure2021",
    "Report2021",
    "Results2021",
]


@attrs.frozen(kw_only=True)
class DocumentCounts:
    """A row of 第二十条第（一）项 (2021): documents made, repealed, in force."""

    issued: Count = count("本年制发件数")
    repealed: Count = count("本年废止件数")
    in_force: Count = count("现行有效件数")


@attrs.frozen(kw_only=True)
class Decisions:
    """A row of 第二十条第（五）项 or （六）项 (2021)."""

    decisions: Count = count("本年处理决定数量")


@attrs.frozen(kw_only=True)
class FeeAmount:
    """The row of 第二十条第（八）项 (2021): fee income in 万元."""

    amount: Decimal | None = money("本年收费金额（单位：万元）", unit="万元")


@attrs.frozen(kw_only=True)
class Art20Item1:
    """第二十条第（一）项: 规章 and 行政规范性文件."""

    regulations: DocumentCounts = part("规章")
    normative_documents: DocumentCounts = part("行政规范性文件")


@attrs.frozen(kw_only=True)
class Art20Item5:
    """第二十条第（五）项: 行政许可."""

    licensing: Decisions = part("行政许可")


@attrs.frozen(kw_only=True)
class Art20Item6:
    """第二十条第（六）项: 行政处罚 and 行政强制."""

    punishment: Decisions = part("行政处罚")
    coercion: Decisions = part("行政强制")


@attrs.frozen(kw_only=True)
class Art20Item8:
    """第二十条第（八）项: 行政事业性收费."""

    admin_fees: FeeAmount = part("行政事业性收费")


@attrs.frozen(kw_only=True)
class ProactiveDisclosure2021:
    """二、主动公开政府信息情况 (2021 format)."""

    art20_1: Art20Item1 = part("第二十条第（一）项")
    art20_5: Art20Item5 = part("第二十条第（五）项")
    art20_6: Art20Item6 = part("第二十条第（六）项")
    art20_8: Art20Item8 = part("第二十条第（八）项")


@attrs.frozen(kw_only=True)
class OtherHandling:
    """（六）其他处理 (2021 format): three leaf rows."""

    no_correction: ApplicantCounts = part(
        "申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", number="1.")
    fee_unpaid: ApplicantCounts = part(
        "申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", number="2.")
    other: ApplicantCounts = part("其他", number="3.")


@attrs.frozen(kw_only=True)
class Results2021:
    """三、本年度办理结果 (2021 format): 22 data rows under 7 numbered items."""

    granted: ApplicantCounts = part("予以公开", number="（一）")
    partially_granted: ApplicantCounts = part(
        "部分公开（区分处理的，只计这一情形，不计其他情形）", number="（二）")
    denied: Denied = part("不予公开", number="（三）")
    unable: Unable = part("无法提供", number="（四）")
    not_processed: NotProcessed = part("不予处理", number="（五）")
    other: OtherHandling = part("其他处理", number="（六）")
    total: ApplicantCounts = part("总计", number="（七）", derived=True)


@attrs.frozen(kw_only=True)
class Applications2021:
    """三、收到和处理政府信息公开申请情况 (2021 format)."""

    new_received: ApplicantCounts = part("本年新收政府信息公开申请数量", number="一、")
    carried_over: ApplicantCounts = part("上年结转政府信息公开申请数量", number="二、")
    results: Results2021 = part("本年度办理结果", number="三、")
    carried_forward: ApplicantCounts = part("结转下年度继续办理", number="四、")


@attrs.frozen(kw_only=True)
class OtherMatters2021:
    """六、其他需要报告的事项 (2021 format), with the 信息处理费 figures."""

    text: str = text("其他需要报告的事项", default="")
    fees: FeeCollection = part("信息处理费")


@attrs.frozen(kw_only=True)
class Report2021:
    """A whole annual report in the 2021 format."""

    format: ClassVar[Literal[FormatVersion.V2021]] = FormatVersion.V2021

    metadata: Metadata = part("基本信息")
    preamble: str = text("前言", default="")
    overview: Overview = part(SECTION_TITLES[0][2:], number=SECTION_TITLES[0][:2])
    proactive_disclosure: ProactiveDisclosure2021 = part(
        SECTION_TITLES[1][2:], number=SECTION_TITLES[1][:2])
    applications: Applications2021 = part(SECTION_TITLES[2][2:], number=SECTION_TITLES[2][:2])
    reviews: Reviews = part(SECTION_TITLES[3][2:], number=SECTION_TITLES[3][:2])
    problems: Problems = part(SECTION_TITLES[4][2:], number=SECTION_TITLES[4][:2])
    other_matters: OtherMatters2021 = part(SECTION_TITLES[5][2:], number=SECTION_TITLES[5][:2])
    acknowledgements: tuple[Acknowledgement, ...] = part("已说明的检查结果", default=())
    extensions: Extensions = part("扩展", factory=dict, hash=False)
