"""Parts shared by both format versions.

The six part headings, the applicant columns of 三、收到和处理政府信息公开申请情况,
the whole of 四、政府信息公开行政复议、行政诉讼情况 and the metadata of the
report are identical in 国办公开办函〔2019〕60号 and 国办公开办函〔2021〕30号.

Cells are ``int`` counts; ``None`` is a cell the source left blank, which the
format asks to be written as 0 and which the checks report.

>>> row = ApplicantCounts(natural_person=3, commercial_enterprise=1, research_institution=0,
...                       public_welfare_org=0, legal_service_org=0, other_org=0, total=4)
>>> row.total
4
"""

from __future__ import annotations

import datetime
import enum
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

import attrs

from ._fields import Count, count, money, other, part, text

__all__ = [
    "APPLICANTS",
    "CORNER_NOTE",
    "INFO_CONTENT",
    "SECTION_TITLES",
    "Acknowledgement",
    "ApplicantCounts",
    "Denied",
    "FeeCollection",
    "FormatVersion",
    "Metadata",
    "NotProcessed",
    "OrganLevel",
    "Outcomes",
    "Overview",
    "Problems",
    "Reviews",
    "Unable",
]

#: The six part headings, identical in both versions.
SECTION_TITLES = (
    "一、总体情况",
    "二、主动公开政府信息情况",
    "三、收到和处理政府信息公开申请情况",
    "四、政府信息公开行政复议、行政诉讼情况",
    "五、存在的主要问题及改进情况",
    "六、其他需要报告的事项",
)


class FormatVersion(enum.Enum):
    """The version of the national format a report follows.

    The value is what the JSON key ``"format"`` holds.
    """

    #: 《中华人民共和国政府信息公开工作年度报告格式》, 国办公开办函〔2021〕30号.
    V2021 = "2021"
    #: 《中华人民共和国政府信息公开工作年度报告格式（试行）》, 国办公开办函〔2019〕60号.
    V2019 = "2019"

    @property
    def document_number(self) -> str:
        """The number of the notice that issued this format."""
        return _DOCUMENT_NUMBERS[self]

    @property
    def format_name(self) -> str:
        """The official name of the format."""
        return _FORMAT_NAMES[self]


_DOCUMENT_NUMBERS = {
    FormatVersion.V2021: "国办公开办函〔2021〕30号",
    FormatVersion.V2019: "国办公开办函〔2019〕60号",
}
_FORMAT_NAMES = {
    FormatVersion.V2021: "中华人民共和国政府信息公开工作年度报告格式",
    FormatVersion.V2019: "中华人民共和国政府信息公开工作年度报告格式（试行）",
}


class OrganLevel(enum.Enum):
    """The level of the organ that publishes the report.

    The value is the JSON form; :attr:`label` is the Chinese name.
    """

    TOWNSHIP = "township"
    COUNTY = "county"
    CITY = "city"
    PROVINCE = "province"
    STATE_COUNCIL_DEPARTMENT = "state_council_department"
    OTHER = "other"

    @property
    def label(self) -> str:
        """The Chinese name of the level."""
        return _LEVEL_LABELS[self]

    @property
    def may_issue_rules(self) -> bool:
        """Whether organs of this level can make 规章 at all.

        Townships and counties cannot (《立法法》 gives the power to provinces,
        cities with districts and State Council departments).
        """
        return self not in (OrganLevel.TOWNSHIP, OrganLevel.COUNTY)


_LEVEL_LABELS = {
    OrganLevel.TOWNSHIP: "乡镇/街道",
    OrganLevel.COUNTY: "县级",
    OrganLevel.CITY: "市级",
    OrganLevel.PROVINCE: "省级",
    OrganLevel.STATE_COUNCIL_DEPARTMENT: "国务院部门",
    OrganLevel.OTHER: "其他",
}


@attrs.frozen(kw_only=True)
class Metadata:
    """Who published the report, for which year, and where it came from."""

    #: ``None`` when the name is not known: a source it could not be read from, or a
    #: draft not yet named (rule M1 reports it).
    organ: str | None = text("机关名称")
    level: OrganLevel = other("机关层级")
    #: ``None`` when the year is not known (rule M1 reports it).
    year: int | None = other("报告年度")
    #: GB/T 2260 administrative division code, 6 digits, or the 12-digit
    #: statistical code that extends it to townships.
    division_code: str | None = other("行政区划代码", default=None)
    published: datetime.date | None = other("发布日期", default=None)
    document_number: str | None = other("文号", default=None)
    signer: str | None = other("签发人", default=None)
    source_url: str | None = other("来源网址", default=None)


@attrs.frozen(kw_only=True)
class Overview:
    """一、总体情况: a summary and its five aspects, as paragraphs."""

    summary: str = text("概述", default="")
    proactive: str = text("主动公开", default="")
    on_request: str = text("依申请公开", default="")
    management: str = text("政府信息管理", default="")
    platform: str = text("政府信息公开平台建设", default="")
    supervision: str = text("监督保障", default="")


@attrs.frozen(kw_only=True)
class Problems:
    """五、存在的主要问题及改进情况."""

    problems: str = text("存在的主要问题", default="")
    improvements: str = text("改进情况", default="")


@attrs.frozen(kw_only=True)
class FeeCollection:
    """信息处理费 under 《政府信息公开信息处理费管理办法》 (2021 format, part 六)."""

    notices_issued: Count = count("发出收费通知的件数")
    amount_billed: Decimal | None = money("收费通知总金额", unit="元")
    amount_collected: Decimal | None = money("实际收取的总金额", unit="元")


_COMPANY = ("法人或其他组织",)


@attrs.frozen(kw_only=True)
class ApplicantCounts:
    """One data row of 三: the seven applicant columns (申请人情况)."""

    natural_person: Count = count("自然人")
    commercial_enterprise: Count = count("商业企业", groups=_COMPANY)
    research_institution: Count = count("科研机构", groups=_COMPANY)
    public_welfare_org: Count = count("社会公益组织", groups=_COMPANY)
    legal_service_org: Count = count("法律服务机构", groups=_COMPANY)
    other_org: Count = count("其他", groups=_COMPANY)
    total: Count = count("总计", derived=True)


@attrs.frozen(kw_only=True)
class Outcomes:
    """One group of 四: 结果维持, 结果纠正, 其他结果, 尚未审结 and their 总计."""

    upheld: Count = count("结果维持")
    corrected: Count = count("结果纠正")
    other: Count = count("其他结果")
    pending: Count = count("尚未审结")
    total: Count = count("总计", derived=True)


@attrs.frozen(kw_only=True)
class Reviews:
    """四、政府信息公开行政复议、行政诉讼情况 (identical in both versions)."""

    reconsideration: Outcomes = part("行政复议")
    litigation_direct: Outcomes = part("未经复议直接起诉", groups=("行政诉讼",))
    litigation_after_reconsideration: Outcomes = part("复议后起诉", groups=("行政诉讼",))


@attrs.frozen(kw_only=True)
class Acknowledgement:
    """A finding the publisher knows of and explains (e.g. 机构改革 breaks carry-over)."""

    rule: str = text("规则编号")
    path: str = text("位置")
    reason: str = text("说明")


JSONValue = Any
Extensions = Mapping[str, JSONValue]


#: Header of the row-label column of every sub-table of 二.
INFO_CONTENT = "信息内容"
#: Header spanning the seven applicant columns of 三.
APPLICANTS = "申请人情况"
#: Corner note of 三, stating the 勾稽关系 一 + 二 = 三 + 四 in every column.
CORNER_NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"


@attrs.frozen(kw_only=True)
class Denied:
    """（三）不予公开: eight leaf rows (identical in both versions)."""

    state_secret: ApplicantCounts = part("属于国家秘密", number="1.")
    law_forbidden: ApplicantCounts = part("其他法律行政法规禁止公开", number="2.")
    three_safety_one_stability: ApplicantCounts = part("危及“三安全一稳定”", number="3.")
    third_party: ApplicantCounts = part("保护第三方合法权益", number="4.")
    internal_affairs: ApplicantCounts = part("属于三类内部事务信息", number="5.")
    process_info: ApplicantCounts = part("属于四类过程性信息", number="6.")
    enforcement_file: ApplicantCounts = part("属于行政执法案卷", number="7.")
    admin_query: ApplicantCounts = part("属于行政查询事项", number="8.")


@attrs.frozen(kw_only=True)
class Unable:
    """（四）无法提供: three leaf rows (identical in both versions)."""

    not_held: ApplicantCounts = part("本机关不掌握相关政府信息", number="1.")
    needs_creation: ApplicantCounts = part("没有现成信息需要另行制作", number="2.")
    unclear_after_correction: ApplicantCounts = part("补正后申请内容仍不明确", number="3.")


@attrs.frozen(kw_only=True)
class NotProcessed:
    """（五）不予处理: five leaf rows (identical in both versions)."""

    petition_complaint: ApplicantCounts = part("信访举报投诉类申请", number="1.")
    repeat: ApplicantCounts = part("重复申请", number="2.")
    publication: ApplicantCounts = part("要求提供公开出版物", number="3.")
    massive_repeated: ApplicantCounts = part("无正当理由大量反复申请", number="4.")
    confirm_or_reissue: ApplicantCounts = part("要求行政机关确认或重新出具已获取信息", number="5.")
