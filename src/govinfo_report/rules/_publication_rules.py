"""The relations of the rules about the report as a publication: Y1, P1 and N2.

The years each format version is for, the deadlines of Article 49 of the
regulation, and the narrative parts with the table cells they go with.
"""

from __future__ import annotations

from ..labels import iter_fields
from ..model import FormatVersion, OrganLevel
from ..model._fields import Kind
from ._publication import Deadline, published_in_time, texts_blank_while_filled, year_between
from ._relations import Relation

__all__ = ["n2", "p1", "y1"]

V2021, V2019 = FormatVersion.V2021, FormatVersion.V2019

# The years each format is for (国办公开办函〔2019〕60号: 2019 and 2020; 〔2021〕30号: 2021 on),
# and what a report of other years in it usually is.
_YEARS = {
    V2019: (2019, 2020, "2021—2023 年度仍有报告沿用试行格式的表格发布，原文确实如此时可用 "
                        "acknowledgements 说明"),
    V2021: (2021, None, "请核对报告年度和所用的表格"),
}


def y1(format: FormatVersion) -> tuple[Relation, ...]:
    first, last, note = _YEARS[format]
    return (year_between("$.metadata.year", first, last,
                         f"《{format.format_name}》（{format.document_number}）", note),)


_GOVERNMENTS = tuple(level.value for level in (OrganLevel.COUNTY, OrganLevel.CITY,
                                               OrganLevel.PROVINCE))
# Article 49 binds departments and governments differently, but the level alone does
# not tell a county government from its departments: a name ending with 人民政府 is
# the government's own report (a department is 人民政府办公室, …局, …委员会).
_DEADLINES = (
    Deadline(3, 31, "县级以上地方人民政府的年度报告由其政府信息公开工作主管部门于 3 月 31 日前公布",
             levels=_GOVERNMENTS, organ_suffixes=("人民政府",)),
    Deadline(1, 31, "乡镇人民政府、街道办事处的报告，条例未规定日期，实践中同县级以上人民政府部门，"
                    "于 1 月 31 日前公布", levels=(OrganLevel.TOWNSHIP.value,)),
    Deadline(1, 31, "县级以上人民政府部门于 1 月 31 日前公布"),
)


def p1() -> tuple[Relation, ...]:
    return (published_in_time("$.metadata.published", "$.metadata.year", "$.metadata.organ",
                              "$.metadata.level", _DEADLINES),)


_TABLES = ("proactive_disclosure", "applications", "reviews")
_NARRATIVES = ("overview", "problems", "other_matters")


def n2(format: FormatVersion) -> tuple[Relation, ...]:
    cells = tuple(info.json_path for info in iter_fields(format, cells_only=True)
                  if info.path[0] in _TABLES)
    return tuple(texts_blank_while_filled(
        f"$.{part}", tuple(info.json_path for info in iter_fields(format)
                           if info.path[0] == part and info.kind is Kind.TEXT), cells)
        for part in _NARRATIVES)
