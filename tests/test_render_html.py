"""The HTML fragment: official layout, strict HTML5, escaped, scoped, overridable, with findings."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from decimal import Decimal
from pathlib import Path

import attrs
import html5lib
import jinja2
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from govinfo_report.examples import load_example
from govinfo_report.exceptions import GovInfoReportError, RenderError
from govinfo_report.findings import Finding, Severity
from govinfo_report.model import AmountUnit, Report, Report2019, Report2021
from govinfo_report.render import default_loader, html, page, render_html
from govinfo_report.render._view import paragraphs

from .golden import check_golden
from .strategies import reports

XHTML = "{http://www.w3.org/1999/xhtml}"
EXAMPLES = {"2021": "township-2021", "2019": "naleisi-town-2020"}
PAYLOADS = ["<script>alert(1)</script>", '"><img src=x onerror=alert(1)>',
            "</table><iframe src=//evil>", "' onmouseover='alert(1)", "&lt;b&gt;&amp;",
            "<style>*{display:none}</style>", "<!-- x -->", "]]><svg onload=alert(1)>"]


def parse_fragment(fragment: str) -> ET.Element:
    """Parse with html5lib in strict mode: any HTML5 parse error raises."""
    parser = html5lib.HTMLParser(strict=True, tree=html5lib.getTreeBuilder("etree"))
    root: ET.Element = parser.parseFragment(fragment, container="body")
    return root


def parse_page(document: str) -> ET.Element:
    """Parse a whole document strictly."""
    parser = html5lib.HTMLParser(strict=True, tree=html5lib.getTreeBuilder("etree"))
    root: ET.Element = parser.parse(document)
    return root


def vocabulary(root: ET.Element) -> tuple[set[str], set[tuple[str, str]], set[str]]:
    """Element names, (element, attribute) pairs and class names used in a tree."""
    tags, attributes, classes = set(), set(), set()
    for element in root.iter():
        if not isinstance(element.tag, str) or not element.tag.startswith(XHTML):
            continue
        tag = element.tag.removeprefix(XHTML)
        tags.add(tag)
        attributes.update((tag, name) for name in element.attrib)
        classes.update(element.attrib.get("class", "").split())
    return tags, attributes, classes


def text_of(root: ET.Element) -> str:
    """All text content of a tree."""
    return "".join(root.itertext())


def sample_findings() -> list[Finding]:
    """Hand-made findings: a cell error, a row warning, a narrative note, an acknowledged one,
    one about the metadata."""
    return [
        Finding(rule="I1", severity=Severity.ERROR, message="总计应为 15，实为 16",
                json_paths=("$.applications.new_received.total",
                            "$.applications.new_received.natural_person"),
                labels=("三、收到和处理政府信息公开申请情况", "一、本年新收政府信息公开申请数量", "总计")),
        Finding(rule="W9", severity=Severity.WARNING, message="不予公开的件数需要核对",
                json_paths=("$.applications.results.denied",),
                labels=("三、收到和处理政府信息公开申请情况", "三、本年度办理结果", "（三）不予公开")),
        Finding(rule="W4", severity=Severity.WARNING, message="总体情况中的申请数与表格不一致",
                json_paths=("$.overview.on_request",)),
        Finding(rule="I3", severity=Severity.ERROR, message="行政复议总计不等于各项之和",
                json_paths=("$.reviews.reconsideration.total",), acknowledged=True,
                acknowledgement="机构改革后数据口径调整"),
        Finding(rule="M1", severity=Severity.WARNING, message="未填写行政区划代码",
                json_paths=("$.metadata.division_code",)),
    ]


@pytest.mark.parametrize("version", ["2021", "2019"])
def test_fragment_matches_golden(version: str) -> None:
    """The fragment of each bundled example is pinned by a golden file."""
    check_golden(f"render/{EXAMPLES[version]}.html", html.render(load_example(version)))


@pytest.mark.parametrize("version", ["2021", "2019"])
def test_page_matches_golden(version: str) -> None:
    """The standalone page of each bundled example is pinned by a golden file."""
    check_golden(f"render/{EXAMPLES[version]}.page.html", page.render(load_example(version)))


def test_fragment_with_findings_matches_golden() -> None:
    """The findings overlay is pinned too."""
    check_golden("render/township-2021.findings.html",
                 html.render(load_example("2021"), findings=sample_findings()))


@pytest.mark.parametrize("version", ["2021", "2019"])
def test_output_parses_as_strict_html5(version: str) -> None:
    """Fragment and page parse without a single HTML5 parse error."""
    report = load_example(version)
    parse_fragment(html.render(report, findings=sample_findings()))
    parse_page(page.render(report, findings=sample_findings()))


def test_six_parts_in_order_with_official_headings() -> None:
    """The part headings are the six official ones, in order, one level below the title."""
    root = parse_fragment(html.render(load_example("2021")))
    headings = [element.text for element in root.iter(f"{XHTML}h2")]
    assert headings == ["一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
                        "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况",
                        "六、其他需要报告的事项"]
    assert [element.text for element in root.iter(f"{XHTML}h1")] == \
        ["示范县青山镇人民政府2023年政府信息公开工作年度报告"]


def test_heading_level_is_configurable() -> None:
    """heading_level=3 makes the title h3 and the parts h4."""
    root = parse_fragment(html.render(load_example("2021"), heading_level=3))
    assert len(list(root.iter(f"{XHTML}h3"))) == 1
    assert len(list(root.iter(f"{XHTML}h4"))) == 6
    with pytest.raises(RenderError):
        html.render(load_example("2021"), heading_level=6)


def test_tables_use_real_spans_thead_and_scoped_headers() -> None:
    """三 has a thead of three rows, the corner note 3×3, 三、 spanning 22 rows; headers are scoped."""
    root = parse_fragment(html.render(load_example("2021")))
    tables = {element.get("class", "").split()[1]: element for element in root.iter(f"{XHTML}table")}
    applications = tables["govinfo-table-applications"]
    thead = applications.find(f"{XHTML}thead")
    assert thead is not None
    assert len(thead.findall(f"{XHTML}tr")) == 3
    corner = thead.find(f".//{XHTML}td")
    assert corner is not None
    assert (corner.get("colspan"), corner.get("rowspan")) == ("3", "3")
    groups = [(cell.text, cell.get("rowspan")) for cell in applications.iter(f"{XHTML}th")
              if "govinfo-group" in cell.get("class", "")]
    assert groups == [("三、本年度办理结果", "22"), ("（三）不予公开", "8"), ("（四）无法提供", "3"),
                      ("（五）不予处理", "5"), ("（六）其他处理", "3")]
    for header in root.iter(f"{XHTML}th"):
        assert header.get("scope") in {"col", "colgroup", "row", "rowgroup"}
    assert len(list(applications.iter(f"{XHTML}td"))) == 1 + 175
    reviews = tables["govinfo-table-reviews"]
    assert [cell.get("colspan") for cell in reviews.find(f"{XHTML}thead")[0]] == ["5", "10"]


def test_trial_format_other_handling_is_one_row() -> None:
    """In the trial format 三、 spans 20 rows and （六）其他处理 is a data row spanning 2 columns."""
    fragment = html.render(load_example("2019"))
    assert 'rowspan="20">三、本年度办理结果</th>' in fragment
    assert '<th class="govinfo-row govinfo-level-1" scope="row" colspan="2">（六）其他处理</th>' \
        in fragment


def test_blank_cells_render_blank_with_a_class_not_zero() -> None:
    """A None cell is an empty td marked blank; a 0 cell shows 0."""
    fragment = html.render(load_example("2019"))
    path = "$.reviews.reconsideration.upheld"
    assert f'<td class="govinfo-value govinfo-blank" data-path="{path}"></td>' in fragment
    assert ('<td class="govinfo-value" data-path="$.reviews.litigation_direct.upheld">0</td>'
            in fragment)
    blanks = re.findall(r'<td class="govinfo-value govinfo-blank"[^>]*>([^<]*)</td>', fragment)
    assert blanks
    assert set(blanks) == {""}


def test_money_is_exact_and_the_trial_amount_carries_its_unit() -> None:
    """Decimals keep their written precision; 采购总金额 shows its recorded unit; 本年增/减 is signed."""
    report = load_example("2021")
    assert isinstance(report, Report2021)
    fees = attrs.evolve(report.proactive_disclosure.art20_8.admin_fees, amount=Decimal("12.3400"))
    report = attrs.evolve(report, proactive_disclosure=attrs.evolve(
        report.proactive_disclosure, art20_8=attrs.evolve(report.proactive_disclosure.art20_8,
                                                          admin_fees=fees)))
    assert 'data-path="$.proactive_disclosure.art20_8.admin_fees.amount">12.3400</td>' in \
        html.render(report)
    trial = load_example("2019")
    assert isinstance(trial, Report2019)
    disclosure = trial.proactive_disclosure
    procurement = attrs.evolve(disclosure.art20_9.procurement, total_amount=Decimal("2.51E+5"),
                               amount_unit=AmountUnit.YUAN)
    licensing = attrs.evolve(disclosure.art20_5.licensing, change=-417)
    trial = attrs.evolve(trial, proactive_disclosure=attrs.evolve(
        disclosure, art20_9=attrs.evolve(disclosure.art20_9, procurement=procurement),
        art20_5=attrs.evolve(disclosure.art20_5, licensing=licensing)))
    fragment = html.render(trial)
    assert 'data-path="$.proactive_disclosure.art20_9.procurement.total_amount">251000元</td>' \
        in fragment
    assert 'data-path="$.proactive_disclosure.art20_5.licensing.change">-417</td>' in fragment


def test_fragment_has_no_script_style_or_external_asset() -> None:
    """No script, no style element or attribute, no src/href: safe to drop into any page."""
    tags, attributes, classes = vocabulary(parse_fragment(
        html.render(load_example("2021"), findings=sample_findings())))
    assert not tags & {"script", "style", "link", "img", "iframe", "object"}
    assert not {name for _, name in attributes} & {"style", "src", "href", "onclick"}
    assert all(name.startswith("govinfo-") for name in classes)


def test_class_prefix_is_configurable_and_checked() -> None:
    """Every class carries the given prefix; a prefix that is not a CSS identifier is refused."""
    _, _, classes = vocabulary(parse_fragment(html.render(load_example("2021"), prefix="x-gov_")))
    assert classes
    assert all(name.startswith("x-gov_") for name in classes)
    for bad in ['a"><script>', "1abc", "a b", "a{}"]:
        with pytest.raises(RenderError):
            html.render(load_example("2021"), prefix=bad)


def test_findings_mark_cells_and_are_listed_under_their_table() -> None:
    """Named cells get flagged classes and [n]; the list follows the table; others go last."""
    findings = sample_findings()
    fragment = html.render(load_example("2021"), findings=findings)
    root = parse_fragment(fragment)
    flagged = {cell.get("data-path"): cell.get("class", "").split()
               for cell in root.iter(f"{XHTML}td") if "govinfo-flagged" in cell.get("class", "")}
    assert flagged["$.applications.new_received.total"] == \
        ["govinfo-value", "govinfo-flagged", "govinfo-error"]
    denied = [path for path in flagged if path.startswith("$.applications.results.denied.")]
    assert len(denied) == 8 * 7
    assert "govinfo-warning" in flagged["$.applications.results.denied.state_secret.total"]
    assert "govinfo-acknowledged" in flagged["$.reviews.reconsideration.total"]
    assert ('data-path="$.applications.new_received.total">15'
            '<sup class="govinfo-finding-ref">[1]</sup></td>') in fragment
    section = next(element for element in root.iter(f"{XHTML}section")
                   if "govinfo-section-applications" in element.get("class", ""))
    children = [child.get("class", "").split()[0] for child in section]
    assert children == ["govinfo-heading", "govinfo-table", "govinfo-findings"]
    items = section.findall(f".//{XHTML}li")
    assert [item.get("value") for item in items] == ["1", "2"]
    assert text_of(items[0]) == ("错误 I1 三、收到和处理政府信息公开申请情况 › "
                                 "一、本年新收政府信息公开申请数量 › 总计：总计应为 15，实为 16")
    overview = next(element for element in root.iter(f"{XHTML}section")
                    if "govinfo-section-overview" in element.get("class", ""))
    assert [item.get("value") for item in overview.iter(f"{XHTML}li")] == ["3"]
    last = [child for child in root[0] if "govinfo-findings" in child.get("class", "")][-1]
    assert [text_of(item) for item in last.iter(f"{XHTML}li")] == \
        ["警告 M1 基本信息 › 行政区划代码：未填写行政区划代码"]
    assert ("错误 I3 四、政府信息公开行政复议、行政诉讼情况 › 行政复议 › 总计："
            "行政复议总计不等于各项之和（已说明：机构改革后数据口径调整）") in text_of(root)


def test_templates_can_be_overridden_by_directory_loader_or_environment(tmp_path: Path) -> None:
    """A directory or loader overrides one template; an environment replaces them all."""
    (tmp_path / "findings.html.j2").write_text(
        '<p class="{{ p }}custom">{{ findings|length }} 条</p>\n', encoding="utf-8")
    report = load_example("2021")
    by_directory = html.render(report, findings=sample_findings(), templates=tmp_path)
    assert '<p class="govinfo-custom">2 条</p>' in by_directory
    assert '<p class="govinfo-custom">1 条</p>' in by_directory
    assert "govinfo-table-applications" in by_directory
    loader = jinja2.DictLoader({"findings.html.j2": "<p>{{ findings|length }}</p>"})
    assert "<p>2</p>" in html.render(report, findings=sample_findings(), templates=loader)
    environment = jinja2.Environment(loader=jinja2.ChoiceLoader([
        jinja2.DictLoader({"report.html.j2": "<div>{{ view.title }}</div>"}), default_loader()]),
        autoescape=True)
    assert render_html(report, templates=environment) == \
        "<div>示范县青山镇人民政府2023年政府信息公开工作年度报告</div>"


def test_template_problems_raise_library_errors(tmp_path: Path) -> None:
    """A missing template directory or a broken override raises RenderError."""
    with pytest.raises(RenderError, match="模板目录不存在"):
        html.render(load_example("2021"), templates=tmp_path / "missing")
    (tmp_path / "report.html.j2").write_text("{% for %}", encoding="utf-8")
    with pytest.raises(RenderError, match=r"report\.html\.j2") as caught:
        html.render(load_example("2021"), templates=tmp_path)
    assert isinstance(caught.value, GovInfoReportError)
    assert isinstance(caught.value, ValueError)


def with_texts(report: Report, text: str, organ: str) -> Report:
    """``report`` with every narrative paragraph set to ``text`` and the organ name ``organ``."""
    overview = attrs.evolve(report.overview, summary=text, supervision=text)
    problems = attrs.evolve(report.problems, problems=text)
    other = attrs.evolve(report.other_matters, text=text)
    metadata = attrs.evolve(report.metadata, organ=organ, document_number=text, signer=organ)
    return attrs.evolve(report, preamble=text, overview=overview, problems=problems,
                        other_matters=other, metadata=metadata)


def test_payloads_come_out_inert() -> None:
    """<script> and "><img onerror> in the narrative and organ name are text, not markup."""
    for payload in PAYLOADS:
        report = with_texts(load_example("2021"), f"前言{payload}结尾", payload)
        fragment = html.render(report)
        root = parse_fragment(fragment)
        tags, attributes, _ = vocabulary(root)
        assert not tags & {"script", "img", "iframe", "style", "svg"}
        assert not {name for _, name in attributes} & {"onerror", "onload", "onmouseover", "src"}
        assert f"前言{payload}结尾" in text_of(root)


def reference_vocabulary() -> tuple[set[str], set[tuple[str, str]], set[str]]:
    """What the templates themselves emit, over both examples with every kind of finding."""
    tags: set[str] = set()
    attributes: set[tuple[str, str]] = set()
    classes: set[str] = set()
    for version in ("2021", "2019"):
        found = vocabulary(parse_fragment(html.render(load_example(version),
                                                      findings=sample_findings())))
        tags |= found[0]
        attributes |= found[1]
        classes |= found[2]
    return tags, attributes, classes


REFERENCE = reference_vocabulary()
hostile_texts = st.one_of(
    st.text(st.sampled_from(list("<>&\"'=/ ;:!-[]a1中\n\t")), max_size=60),
    st.sampled_from(PAYLOADS),
    st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=40),
)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(report=reports(), text=hostile_texts, organ=hostile_texts.filter(bool))
def test_no_tag_or_attribute_comes_from_the_text(report: Report, text: str, organ: str) -> None:
    """For any text, the HTML has only the templates' own elements, attributes and classes."""
    report = with_texts(report, text, organ)
    root = parse_fragment(html.render(report))
    tags, attributes, classes = vocabulary(root)
    assert tags <= REFERENCE[0]
    assert attributes <= REFERENCE[1]
    assert classes <= REFERENCE[2]
    content = text_of(root)
    for paragraph in paragraphs(text):
        assert paragraph in content


def template_path_twin() -> jinja2.DictLoader:
    """The package's own table template served from elsewhere, so the fragment is drawn by
    Jinja cell by cell instead of filling the table drawn once."""
    source = (Path(html.__file__).parent / "templates" / "table.html.j2").read_text("utf-8")
    return jinja2.DictLoader({"table.html.j2": source})


finding_sets = st.lists(st.sampled_from(sample_findings()), max_size=5, unique=True)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(report=reports(), findings=finding_sets, prefix=st.sampled_from(["govinfo-", "", "g_"]),
       level=st.integers(1, 5))
def test_filled_tables_equal_tables_drawn_cell_by_cell(
        report: Report, findings: list[Finding], prefix: str, level: int) -> None:
    """Filling the table drawn once per prefix gives byte for byte what Jinja draws for each
    cell, blank, filled and flagged cells alike, for any report, findings and options."""
    fast = html.render(report, findings=findings, prefix=prefix, heading_level=level)
    drawn = html.render(report, findings=findings, prefix=prefix, heading_level=level,
                        templates=template_path_twin())
    assert fast == drawn


def test_a_table_template_showing_a_cell_twice_is_drawn_by_jinja() -> None:
    """A table template that does not show each value cell's classes and contents once, in
    order, cannot be filled: it is rendered as written."""
    twice = jinja2.Environment(loader=jinja2.DictLoader({"table.html.j2": (
        "{% for cell in tv.table.value_cells %}{{ contents[cell.index] }}"
        "{{ contents[cell.index] }}{% endfor %}")}))
    table = twice.get_template("table.html.j2")
    view = html.view_of(load_example("2021"))
    tv = view.sections[3].tables[0]
    assert html._skeleton(table, tv.table, "govinfo-") is None
    own = html._skeleton(html._own_table_template(), tv.table, "govinfo-")
    assert own is not None
    assert len(own) == 4 * len(tv.table.value_cells) + 1


def test_a_whole_environment_draws_tables_its_own_way() -> None:
    """Given a whole environment, even the package's own table template is rendered by it,
    so its settings (here ``finalize``, showing blank cells as ·) apply to every cell."""
    environment = jinja2.Environment(
        loader=default_loader(), autoescape=True, trim_blocks=True, lstrip_blocks=True,
        keep_trailing_newline=True, finalize=lambda value: "·" if value == "" else value)
    report = load_example("2019")
    fragment = html.render(report, templates=environment)
    blank = 'class="govinfo-value govinfo-blank" data-path="$.reviews.reconsideration.corrected">'
    assert blank + "</td>" in html.render(report)
    assert blank + "·</td>" in fragment
