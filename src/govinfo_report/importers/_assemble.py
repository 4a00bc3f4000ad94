"""From the blocks of a document to an :class:`ImportResult` (shared by every source kind)."""

from __future__ import annotations

import datetime
import hashlib
import importlib
import re
from collections.abc import Sequence
from typing import Any

from ..findings import Finding
from ..labels import PathSegment, format_path
from ..model import REPORT_CLASSES, SECTION_TITLES, FormatVersion, OrganLevel, Report
from ..model._introspect import model_fields
from ._fees import read_fees, without_fees_table
from ._findings import FindingCollector
from ._front import front_matter
from ._grid import Block, Location
from ._labels import fold
from ._layout import section_layouts
from ._narrative import (
    Paragraph,
    overview,
    paragraphs,
    problems,
    strip_end_matter,
)
from ._result import (
    RULE_FORMAT,
    RULE_METADATA,
    CellSource,
    FieldSource,
    ImportResult,
    LabelMatch,
    SourceInfo,
)
from ._sections import detect_format, split_long_lines, split_parts
from ._tables import TableReader
from ._trailer import metadata_tail, read_metadata

__all__ = ["IMPORT_EXTENSION", "assemble", "consistency_findings", "source_info"]

#: The key of ``extensions`` under which an import keeps what it read but could not place.
IMPORT_EXTENSION = "import"

_TABLE_PARTS = (("proactive_disclosure", 2), ("applications", 3), ("reviews", 4))


def source_info(kind: str, data: bytes | str, name: str = "") -> SourceInfo:
    """Checksum and size of the parsed data."""
    # surrogatepass: a str with a lone surrogate still has a checksum (its text is
    # refused where it is read, not here).
    raw = data.encode("utf-8", "surrogatepass") if isinstance(data, str) else data
    return SourceInfo(kind=kind, name=name, sha256=hashlib.sha256(raw).hexdigest(),
                      size=len(raw))


def consistency_findings(report: Report) -> tuple[Finding, ...]:
    """The findings of :func:`govinfo_report.rules.iter_findings`, or ``()`` when the
    consistency checks are not available in this installation."""
    try:
        rules = importlib.import_module("govinfo_report.rules")
    except ImportError:
        return ()
    return tuple(rules.iter_findings(report))


class _Assembly:
    def __init__(self, blocks: Sequence[Block], source: SourceInfo) -> None:
        self.source = source
        self.blocks = split_long_lines(blocks)
        self.parts = split_parts(self.blocks)
        last = max(self.parts.parts, default=None)
        self.trailer: dict[str, tuple[str, Location]] = {}
        if last is not None:
            kept, self.trailer = metadata_tail(self.parts.parts[last])
            self.parts.parts[last] = kept
        self.front = front_matter(self.parts.front)
        tables = [block for part in (2, 3) for block in self.parts.parts.get(part, ())]
        found, self.evidence = detect_format(tables or self.blocks)
        self.format = found or self._format_from_year()
        self.findings = FindingCollector(self.format)
        if found is None:
            self.findings.add(
                RULE_FORMAT, f"表格中没有只属于某一格式版本的栏目或行，按年度推定为"
                f"{self.format.format_name}（{self.format.document_number}）",
                f"the tables do not tell the format version; assumed {self.format.value} "
                "from the year")
        self.values: dict[tuple[PathSegment, ...], Any] = {}
        self.cells: dict[str, CellSource] = {}
        self.labels: list[LabelMatch] = []
        self.fields: dict[str, FieldSource] = {}
        self.extra_rows: list[dict[str, Any]] = []

    def _format_from_year(self) -> FormatVersion:
        year = self.front.year
        return FormatVersion.V2019 if year is not None and year <= 2020 else FormatVersion.V2021

    def run(self) -> ImportResult:
        layouts = section_layouts(self.format)
        for name, part in _TABLE_PARTS:
            reader = TableReader(layouts[name], self.findings)
            missing = None if part in self.parts.parts else SECTION_TITLES[part - 1]
            reader.read(self.parts.parts.get(part, ()), part=missing)
            self._take(reader)
        self._narrative()
        if "fees" in layouts:
            self._fees()
        self._metadata()
        if self.extra_rows:
            self.values[("extensions",)] = {IMPORT_EXTENSION: {"unmatched_rows": self.extra_rows}}
        report = _instantiate(REPORT_CLASSES[self.format], self.values, ())
        return ImportResult(
            report=report, findings=tuple(self.findings.findings),
            check_findings=consistency_findings(report), cells=self.cells,
            labels=tuple(self.labels), fields=self.fields, source=self.source,
            format=self.format, format_evidence=self.evidence)

    def _take(self, reader: TableReader) -> None:
        self.values.update(reader.values)
        self.cells.update(reader.sources)
        self.labels.extend(reader.matches)
        self.extra_rows.extend(reader.extra_rows)

    # -- narrative --------------------------------------------------------------------------

    def _set_text(self, path: tuple[str, ...], text: str, location: Location | None) -> None:
        self.values[path] = text
        if text and location is not None:
            self.fields[format_path(path)] = FieldSource(json_path=format_path(path),
                                                          raw=text, location=location)

    def _narrative(self) -> None:
        parts = self.parts.parts
        if self.front.preamble:
            self._set_text(("preamble",), "\n".join(p.text for p in self.front.preamble),
                           self.front.preamble[0].location)
        texts, locations = overview(parts.get(1, ()))
        for name, text in texts.items():
            self._set_text(("overview", name), text, locations[name])
        last = max((part for part in (5, 6) if part in parts), default=None)
        self.end_published: datetime.date | None = None
        self.end_signature: str | None = None
        five = parts.get(5, ())
        six: list[Paragraph] = paragraphs(without_fees_table(parts.get(6, ()), self.format))
        if last == 5:
            kept, self.end_published, self.end_signature = strip_end_matter(paragraphs(five))
            five = tuple(Block.line(p.text, p.location) for p in kept)
        elif last == 6:
            six, self.end_published, self.end_signature = strip_end_matter(six)
        texts, locations = problems(five)
        for name, text in texts.items():
            self._set_text(("problems", name), text, locations[name])
        self.other_text = "\n".join(p.text for p in six)
        self._set_text(("other_matters", "text"), self.other_text,
                       six[0].location if six else None)

    # -- 信息处理费 (2021 format, part 六) ----------------------------------------------------

    def _fees(self) -> None:
        self._take(read_fees(self.parts.parts.get(6, ()), self.format, self.findings))

    # -- metadata ---------------------------------------------------------------------------

    def _metadata(self) -> None:
        front = self.front
        closing = read_metadata(self.trailer)
        meta: dict[str, Any] = {}
        organ = closing.get("organ") or front.organ or self.end_signature
        if organ is None and front.title_name:
            organ = front.title_name
            self.findings.add(RULE_METADATA, f"机关名称按标题读作「{organ}」，请核对全称",
                              "organ read from the title; check its full name",
                              paths=[("metadata", "organ")])
        meta["organ"] = organ or None
        if organ is None:
            self.findings.add(RULE_METADATA, "未找到机关名称，请补填", "organ not found",
                              paths=[("metadata", "organ")])
        elif front.organ is None and "organ" not in closing:
            self._field("organ", organ, Location())
        meta["level"] = closing.get("level") or organ_level(organ or "")
        meta["published"] = closing.get("published") or front.published or self.end_published
        meta["year"] = closing.get("year") or self._year(meta["published"])
        meta["document_number"] = closing.get("document_number") or front.document_number
        meta["signer"] = closing.get("signer") or front.signer
        for name in ("division_code", "source_url"):
            meta[name] = closing.get(name)
        for name, (raw, location) in front.sources.items():
            self._field(name, raw, location)
        for name, (raw, location) in self.trailer.items():
            if name in closing:
                self._field(name, raw, location)
        for name, value in meta.items():
            self.values[("metadata", name)] = value

    def _field(self, name: str, raw: str, location: Location) -> None:
        path = format_path(("metadata", name))
        self.fields[path] = FieldSource(json_path=path, raw=raw, location=location)

    def _year(self, published: datetime.date | None) -> int | None:
        if self.front.year is not None:
            return self.front.year
        opening = " ".join(p.text for p in self.front.preamble[:1])
        opening += " " + str(self.values.get(("overview", "summary"), ""))
        match = re.search(r"((?:19|20)\d{2})\s*年", opening)
        path = [("metadata", "year")]
        if match is not None:
            self.findings.add(RULE_METADATA, f"标题中没有年度，按正文开头读作 {match[1]} 年",
                              "no year in the title; read from the opening text", paths=path)
            return int(match[1])
        if published is not None:
            self.findings.add(RULE_METADATA, f"未找到报告年度，按发布日期推定为 "
                              f"{published.year - 1} 年", "report year inferred from the "
                              "publication date", paths=path)
            return published.year - 1
        self.findings.add(RULE_METADATA, "未找到报告年度，请补填", "report year not found",
                          paths=path)
        return None


_LEVELS = (
    (re.compile(r"(乡|镇|街道)(人民政府|政府|办事处)?$|街道办事处"), OrganLevel.TOWNSHIP),
    (re.compile(r"(县|区|旗)(人民政府|政府)$"), OrganLevel.COUNTY),
    (re.compile(r"(省|自治区)(人民政府|政府)$"), OrganLevel.PROVINCE),
    (re.compile(r"市(人民政府|政府)$"), OrganLevel.CITY),
)


def organ_level(organ: str) -> OrganLevel:
    """The level of an organ read from its name (``OTHER`` when the name does not say)."""
    folded = fold(organ)
    for pattern, level in _LEVELS:
        if pattern.search(folded):
            return level
    return OrganLevel.OTHER


def _instantiate(cls: type, values: dict[tuple[PathSegment, ...], Any],
                 prefix: tuple[PathSegment, ...]) -> Any:
    kwargs: dict[str, Any] = {}
    for field in model_fields(cls):
        path = (*prefix, field.name)
        if field.child is not None and not field.repeated:
            kwargs[field.name] = _instantiate(field.child, values, path)
        elif path in values:
            kwargs[field.name] = values[path]
        elif field.spec.is_cell or (field.nullable and field.required):
            kwargs[field.name] = None
    return cls(**kwargs)


def assemble(blocks: Sequence[Block], source: SourceInfo) -> ImportResult:
    """Read a report out of the blocks of a document."""
    return _Assembly(blocks, source).run()
