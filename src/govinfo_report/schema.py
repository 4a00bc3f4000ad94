"""JSON Schema (Draft 2020-12) generated from the model classes.

The committed files under ``schema/`` are the output of :func:`write_schemas`;
a test fails when they drift from the classes. Titles are the official
labels; descriptions give the numbering path, the unit and what ``null`` means.

>>> from govinfo_report.schema import generate
>>> schema = generate("2021")
>>> schema["$id"]
'https://govinfo-report.org/schema/1/report-2021.schema.json'
>>> schema["$defs"]["ApplicantCounts"]["properties"]["total"]["title"]
'总计'
"""

from __future__ import annotations

import enum
import json
from pathlib import Path
from typing import Any

from . import _hooks, limits
from ._document_schema import BASE_URI, schema_id
from .convert import dumps, to_dict, write_atomic
from .examples import EXAMPLE_FILES, load_example
from .model import (
    APPLICANTS,
    CORNER_NOTE,
    INFO_CONTENT,
    REPORT_CLASSES,
    ApplicantCounts,
    FormatVersion,
    OrganLevel,
)
from .model._fields import Kind
from .model._introspect import ModelField, model_fields, reachable_classes

__all__ = [
    "BASE_URI",
    "DISPATCH_ID",
    "generate",
    "generate_dispatch",
    "schema_id",
    "schema_text",
    "write_schemas",
]

#: Stable base of every ``$id``; the major version changes only with an
#: incompatible change of the JSON format.
DISPATCH_ID = BASE_URI + "report.schema.json"
_DRAFT = "https://json-schema.org/draft/2020-12/schema"
_COMMENT = ("Generated from the govinfo_report model classes "
            "(`govinfo-report schema`); do not edit by hand.")
_BLANK = "null 表示原文留空（不等于 0）"

_CLASS_TITLES: dict[type, str] = {ApplicantCounts: APPLICANTS}


def _describe(field: ModelField) -> str:
    spec = field.spec
    parts = []
    if spec.groups:
        parts.append(" › ".join((*spec.groups, spec.label)))
    if spec.number:
        parts.append(f"编号 {spec.number}")
    if spec.unit:
        parts.append(f"单位：{spec.unit}")
    if spec.kind is Kind.COUNT:
        parts.append("非负整数；" + _BLANK)
    elif spec.kind is Kind.SIGNED:
        parts.append("整数，减少写负数；" + _BLANK)
    elif spec.kind is Kind.MONEY:
        parts.append("写成字符串的精确十进制数；" + _BLANK)
    return "；".join(parts) if parts else spec.label


def _nullable(schema: dict[str, Any], nullable: bool) -> dict[str, Any]:
    return {"anyOf": [schema, {"type": "null"}]} if nullable else schema


def _enum_schema(cls: type[enum.Enum]) -> list[dict[str, Any]]:
    def title(member: enum.Enum) -> str:
        return member.label if isinstance(member, OrganLevel) else str(member.value)

    return [{"const": member.value, "title": title(member)} for member in cls]


_SCALARS: dict[str, dict[str, Any]] = {
    "year": {"type": ["integer", "null"], "minimum": _hooks.YEAR_RANGE[0],
             "maximum": _hooks.YEAR_RANGE[1]},
    "division_code": {"type": "string", "pattern": _hooks.DIVISION_CODE_PATTERN},
    "published": {"type": "string", "pattern": _hooks.DATE_PATTERN, "format": "date"},
    "source_url": {"type": "string", "pattern": _hooks.URL_PATTERN},
    "organ": {"type": ["string", "null"], "minLength": 1},
    "rule": {"type": "string", "minLength": 1},
    "path": {"type": "string", "minLength": 1},
}


def _value_schema(field: ModelField) -> dict[str, Any]:
    if field.name in _SCALARS:
        return _nullable(dict(_SCALARS[field.name]), field.nullable)
    kind = field.spec.kind
    if kind is Kind.COUNT:
        return _nullable({"type": "integer", "minimum": 0, "maximum": limits.MAX_COUNT}, True)
    if kind is Kind.SIGNED:
        return _nullable({"type": "integer", "minimum": -limits.MAX_COUNT,
                          "maximum": limits.MAX_COUNT}, True)
    if kind is Kind.MONEY:
        return _nullable({"type": "string", "pattern": _hooks.DECIMAL_PATTERN}, True)
    if field.name == "extensions":
        return {"type": "object"}
    if isinstance(field.type, type) and issubclass(field.type, enum.Enum):
        options = _enum_schema(field.type)
        return {"anyOf": [*options, {"type": "null"}]} if field.nullable else {"anyOf": options}
    if field.repeated:
        assert field.child is not None
        return {"type": "array", "items": {"$ref": f"#/$defs/{field.child.__name__}"},
                "maxItems": limits.MAX_ITEMS}
    if field.child is not None:
        return {"$ref": f"#/$defs/{field.child.__name__}"}
    return _nullable({"type": "string"}, field.nullable)


def _property(field: ModelField) -> dict[str, Any]:
    schema: dict[str, Any] = {"title": field.spec.label, "description": _describe(field)}
    schema.update(_value_schema(field))
    if not field.required:
        default = field.attribute.default
        factory = getattr(default, "factory", None)
        schema["default"] = factory() if factory is not None else (
            list(default) if isinstance(default, tuple) else default)
    if field.spec.is_cell:
        schema["examples"] = [0, 12] if field.spec.kind is not Kind.MONEY else ["0", "12.50"]
    return schema


def _class_schema(cls: type) -> dict[str, Any]:
    fields = model_fields(cls)
    schema: dict[str, Any] = {"type": "object"}
    if cls in _CLASS_TITLES:
        schema["title"] = _CLASS_TITLES[cls]
    doc = (cls.__doc__ or "").strip().splitlines()
    if doc:
        schema["description"] = doc[0]
    if cls.__name__.startswith("ProactiveDisclosure"):
        schema["description"] += f"；首列表头 › {INFO_CONTENT}"
    if cls.__name__.startswith("Applications"):
        schema["description"] += f"；{CORNER_NOTE}"
    schema["properties"] = {field.name: _property(field) for field in fields}
    schema["required"] = [field.name for field in fields if field.required]
    schema["additionalProperties"] = False
    return schema


def _defs(classes: list[type]) -> dict[str, Any]:
    reachable = sorted(reachable_classes(classes), key=lambda c: c.__name__)
    return {cls.__name__: _class_schema(cls) for cls in reachable}


def _example(format: FormatVersion) -> dict[str, Any]:
    return to_dict(load_example(format))


def _root_properties(format: FormatVersion) -> dict[str, Any]:
    return {
        # null, as an absent key, stands for the schema of the format (what loads reads).
        "$schema": {"title": "JSON Schema",
                    "description": ("本文档所依据的 JSON Schema 的 $id；"
                                   "null 或缺少时为该格式版本的 schema"),
                    "type": ["string", "null"]},
        "format": {"title": "报告格式",
                   "description": f"{format.format_name}（{format.document_number}）",
                   "const": format.value},
    }


def generate(format: FormatVersion | str) -> dict[str, Any]:
    """The JSON Schema of a report in one format version."""
    version = FormatVersion(format)
    cls = REPORT_CLASSES[version]
    body = _class_schema(cls)
    return {
        "$schema": _DRAFT,
        "$id": schema_id(version),
        "$comment": _COMMENT,
        "title": f"政府信息公开工作年度报告（{version.format_name}）",
        "description": (f"依据《{version.format_name}》（{version.document_number}）编制的"
                        "政府信息公开工作年度报告；计数为非负整数，null 表示原文留空。"),
        "type": "object",
        "properties": {**_root_properties(version), **body["properties"]},
        "required": ["format", *body["required"]],
        "additionalProperties": False,
        "examples": [_example(version)],
        "$defs": _defs([cls]),
    }


def generate_dispatch() -> dict[str, Any]:
    """A schema that accepts a report of either version, dispatching on ``"format"``."""
    defs = _defs(list(REPORT_CLASSES.values()))
    branches = {}
    for version, cls in REPORT_CLASSES.items():
        body = _class_schema(cls)
        body["properties"] = {**_root_properties(version), **body["properties"]}
        body["required"] = ["format", *body["required"]]
        name = f"{cls.__name__}Document"
        defs[name] = body
        branches[version] = name
    return {
        "$schema": _DRAFT,
        "$id": DISPATCH_ID,
        "$comment": _COMMENT,
        "title": "政府信息公开工作年度报告",
        "description": "按 \"format\" 选择：" + "；".join(
            f"\"{v.value}\" 为《{v.format_name}》（{v.document_number}）" for v in FormatVersion),
        "type": "object",
        "required": ["format"],
        "properties": {"format": {"title": "报告格式", "enum": [v.value for v in FormatVersion]}},
        "if": {"type": "object", "properties": {"format": {"const": FormatVersion.V2021.value}}},
        "then": {"$ref": f"#/$defs/{branches[FormatVersion.V2021]}"},
        "else": {"$ref": f"#/$defs/{branches[FormatVersion.V2019]}"},
        "examples": [_example(v) for v in FormatVersion],
        "$defs": defs,
    }


def schema_text(schema: dict[str, Any]) -> str:
    """The committed text form of a schema."""
    return json.dumps(schema, ensure_ascii=False, indent=2) + "\n"


#: File name of each committed schema under ``schema/``.
SCHEMA_FILES: dict[str, FormatVersion | None] = {
    "report-2021.schema.json": FormatVersion.V2021,
    "report-2019.schema.json": FormatVersion.V2019,
    "report.schema.json": None,
}


def write_schemas(directory: Path) -> list[Path]:
    """Write every schema (and the examples) into ``directory``; return the paths written."""
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for name, version in SCHEMA_FILES.items():
        schema = generate_dispatch() if version is None else generate(version)
        path = directory / name
        write_atomic(path, schema_text(schema).encode("utf-8"))
        written.append(path)
    (directory / "examples").mkdir(exist_ok=True)
    for version, name in EXAMPLE_FILES.items():
        path = directory / "examples" / name
        write_atomic(path, dumps(load_example(version)).encode("utf-8"))
        written.append(path)
    return written
