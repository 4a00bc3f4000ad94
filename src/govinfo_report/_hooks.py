"""Structure and unstructure hooks for the model (see :func:`convert.configure_converter`).

The value checks here and the JSON Schema of :mod:`govinfo_report.schema`
state the same domains; ``tests/test_schema.py`` holds them to the same verdicts.
"""

from __future__ import annotations

import datetime
import enum
import re
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import cattrs
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn, override

from . import limits
from .model import REPORT_CLASSES
from .model._fields import Kind
from .model._introspect import ModelField, model_fields, reachable_classes

__all__ = [
    "DATE_PATTERN",
    "DECIMAL_PATTERN",
    "DIVISION_CODE_PATTERN",
    "URL_PATTERN",
    "YEAR_RANGE",
    "ValueProblem",
    "configure_structure",
    "configure_unstructure",
    "model_classes",
    "scalar_hook",
]

DECIMAL_PATTERN = (rf"^(0|[1-9][0-9]{{0,{limits.MAX_MONEY_INTEGER_DIGITS - 1}}})"
                   rf"(\.[0-9]{{1,{limits.MAX_MONEY_FRACTION_DIGITS}}})?$")
DATE_PATTERN = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
#: GB/T 2260: two-digit province prefix, then 4 digits; the statistical
#: division code extends it by 6 digits down to townships.
DIVISION_CODE_PATTERN = (
    r"^(1[1-5]|2[1-3]|3[1-7]|4[1-6]|5[0-4]|6[1-5]|71|81|82)[0-9]{4}([0-9]{6})?$")
URL_PATTERN = r"^https?://[^\s]+$"
#: The first reports under the 2008 regulation were for 2008.
YEAR_RANGE = (2008, 2100)

_DECIMAL = re.compile(DECIMAL_PATTERN)
_DATE = re.compile(DATE_PATTERN)
_DIVISION_CODE = re.compile(DIVISION_CODE_PATTERN)
_URL = re.compile(URL_PATTERN)


class ValueProblem(ValueError):
    """A value of the wrong type or outside its domain; the message is for users."""


def _show(value: Any) -> str:
    import json

    if type(value) is int and abs(value) > limits.MAX_COUNT:
        return "（极大的整数）"
    if type(value) is str and len(value) > 40:
        value = value[:37]
    try:
        shown = json.dumps(value, ensure_ascii=False)
    except (TypeError, ValueError):
        shown = repr(value)
    return shown if len(shown) <= 40 else shown[:37] + "..."


def _beyond_limit() -> ValueProblem:
    return ValueProblem(f"绝对值超过上限 {limits.MAX_COUNT}（2^53 − 1，JavaScript 能精确表示的"
                        "最大整数）（beyond limits.MAX_COUNT = 2^53 − 1）")


def _count(value: Any, _: Any) -> int | None:
    if value is None or (type(value) is int and 0 <= value <= limits.MAX_COUNT):
        return value
    if type(value) is int and value > 0:
        raise _beyond_limit()
    raise ValueProblem(f"应为非负整数，或 null 表示原文留空；实际是 {_show(value)}"
                       "（expected a non-negative integer or null）")


def _signed(value: Any, _: Any) -> int | None:
    if value is None or (type(value) is int and -limits.MAX_COUNT <= value <= limits.MAX_COUNT):
        return value
    if type(value) is int:
        raise _beyond_limit()
    raise ValueProblem(f"应为整数（减少写负数），或 null 表示原文留空；实际是 {_show(value)}"
                       "（expected an integer or null）")


def _money(value: Any, _: Any) -> Decimal | None:
    if value is None:
        return None
    if type(value) is str and _DECIMAL.fullmatch(value):
        return Decimal(value)
    raise ValueProblem(f"应为写成字符串的非负十进制数（如 \"12.50\"，整数部分至多 "
                       f"{limits.MAX_MONEY_INTEGER_DIGITS} 位、小数至多 "
                       f"{limits.MAX_MONEY_FRACTION_DIGITS} 位），或 null；实际是 {_show(value)}"
                       "（expected a decimal string such as \"12.50\", or null）")


def _string(value: Any, _: Any) -> str:
    if type(value) is str:
        return value
    raise ValueProblem(f"应为字符串；实际是 {_show(value)}（expected a string）")


def _nonempty_string(value: Any, _: Any) -> str:
    if type(value) is str and value:
        return value
    raise ValueProblem(f"应为非空字符串；实际是 {_show(value)}（expected a non-empty string）")


def _optional_string(value: Any, _: Any) -> str | None:
    if value is None or type(value) is str:
        return value
    raise ValueProblem(f"应为字符串或 null；实际是 {_show(value)}（expected a string or null）")


def _year(value: Any, _: Any) -> int | None:
    low, high = YEAR_RANGE
    if value is None or (type(value) is int and low <= value <= high):
        return value
    raise ValueProblem(f"应为 {low}–{high} 之间的年份（整数）或 null；实际是 {_show(value)}"
                       "（expected a year as an integer, or null）")


def _organ(value: Any, _: Any) -> str | None:
    if value is None or (type(value) is str and value):
        return value
    raise ValueProblem(f"应为非空字符串或 null；实际是 {_show(value)}"
                       "（expected a non-empty string, or null）")


def _date(value: Any, _: Any) -> datetime.date | None:
    if value is None:
        return None
    if type(value) is str and _DATE.fullmatch(value):
        try:
            return datetime.date.fromisoformat(value)
        except ValueError:
            pass
    raise ValueProblem(f"应为 YYYY-MM-DD 格式的日期或 null；实际是 {_show(value)}"
                       "（expected an ISO 8601 date or null）")


def _division_code(value: Any, _: Any) -> str | None:
    if value is None or (type(value) is str and _DIVISION_CODE.fullmatch(value)):
        return value
    raise ValueProblem(f"应为 6 位或 12 位 GB/T 2260 行政区划代码或 null；实际是 {_show(value)}"
                       "（expected a 6- or 12-digit administrative division code）")


def _url(value: Any, _: Any) -> str | None:
    if value is None or (type(value) is str and _URL.fullmatch(value)):
        return value
    raise ValueProblem(f"应为 http(s) 网址或 null；实际是 {_show(value)}"
                       "（expected an http(s) URL）")


def _enum_hook(cls: type[enum.Enum], nullable: bool) -> Callable[[Any, Any], Any]:
    values = {member.value: member for member in cls}
    allowed = "、".join(_show(v) for v in values)

    def hook(value: Any, _: Any) -> Any:
        if value is None and nullable:
            return None
        if type(value) is str and value in values:
            return values[value]
        null = "或 null" if nullable else ""
        raise ValueProblem(f"应为 {allowed} 之一{null}；实际是 {_show(value)}"
                           "（expected one of the listed values）")

    return hook


def _json_object(value: Any, _: Any) -> dict[str, Any]:
    if isinstance(value, dict) and all(type(key) is str for key in value):
        return value
    raise ValueProblem(f"应为 JSON 对象；实际是 {_show(value)}（expected a JSON object）")


_SCALAR_HOOKS: dict[str, Callable[[Any, Any], Any]] = {
    "year": _year,
    "division_code": _division_code,
    "published": _date,
    "source_url": _url,
    "organ": _organ,
    "rule": _nonempty_string,
    "path": _nonempty_string,
}
_KIND_HOOKS: dict[Kind, Callable[[Any, Any], Any]] = {
    Kind.COUNT: _count,
    Kind.SIGNED: _signed,
    Kind.MONEY: _money,
}


def scalar_hook(field: ModelField) -> Callable[[Any, Any], Any] | None:
    """The checking hook of a field that holds a value (not a nested part), else None."""
    if field.name in _SCALAR_HOOKS:
        return _SCALAR_HOOKS[field.name]
    if field.spec.kind in _KIND_HOOKS:
        return _KIND_HOOKS[field.spec.kind]
    if field.name == "extensions":
        return _json_object
    if isinstance(field.type, type) and issubclass(field.type, enum.Enum):
        return _enum_hook(field.type, field.nullable)
    if field.type is str:
        return _optional_string if field.nullable else _string
    return None


def _hook_for(field: ModelField, converter: cattrs.Converter) -> Callable[[Any, Any], Any]:
    scalar = scalar_hook(field)
    if scalar is not None:
        return scalar
    if field.repeated:
        assert field.child is not None
        child = field.child

        def repeated(value: Any, _: Any) -> tuple[Any, ...]:
            if type(value) is not list:
                raise ValueProblem(f"应为数组；实际是 {_show(value)}（expected an array）")
            if len(value) > limits.MAX_ITEMS:
                raise ValueProblem(f"数组有 {len(value)} 项，超过上限 {limits.MAX_ITEMS}"
                                   "（more items than limits.MAX_ITEMS）")
            return converter.structure(value, tuple[child, ...])  # type: ignore[valid-type]

        return repeated
    if field.child is not None:
        child_class = field.child
        # Resolved on first use: the child's function is registered after this one.
        resolved: list[Callable[[Any, Any], Any]] = []

        def nested(value: Any, _: Any) -> Any:
            if type(value) is not dict:
                raise ValueProblem(f"应为 JSON 对象；实际是 {_show(value)}"
                                   "（expected a JSON object）")
            if not resolved:
                resolved.append(converter.get_structure_hook(child_class))
            return resolved[0](value, child_class)

        return nested
    raise TypeError(f"no structure hook for {field.name}: {field.type!r}")  # pragma: no cover


def model_classes() -> tuple[type, ...]:
    """Every attrs class reachable from the report classes, parents first."""
    return reachable_classes(REPORT_CLASSES.values())


def configure_structure(converter: cattrs.Converter) -> None:
    """Register a strict, located structure function for every model class."""
    for cls in model_classes():
        # cattrs takes per-field overrides as keyword arguments; typed loosely on purpose.
        overrides: dict[str, Any] = {
            field.name: override(struct_hook=_hook_for(field, converter))
            for field in model_fields(cls)}
        structure: Callable[[Any, Any], Any] = make_dict_structure_fn(
            cls, converter, _cattrs_forbid_extra_keys=True, _cattrs_detailed_validation=True,
            **overrides)
        converter.register_structure_hook(cls, structure)


def _decimal_text(value: Decimal | None) -> str | None:
    return None if value is None else format(value, "f")


def configure_unstructure(converter: cattrs.Converter) -> None:
    """Register the canonical JSON form: every key written, in declaration order."""
    converter.register_unstructure_hook(Decimal, _decimal_text)
    converter.register_unstructure_hook(datetime.date, lambda value: value.isoformat())
    converter.register_unstructure_hook(enum.Enum, lambda value: value.value)
    for cls in model_classes():
        overrides: dict[str, Any] = {}
        for field in model_fields(cls):
            if field.spec.kind is Kind.MONEY:
                overrides[field.name] = override(unstruct_hook=_decimal_text)
            elif field.repeated:
                overrides[field.name] = override(
                    unstruct_hook=lambda items: [converter.unstructure(item) for item in items])
            elif field.name == "extensions":
                overrides[field.name] = override(unstruct_hook=dict)
        converter.register_unstructure_hook(cls, make_dict_unstructure_fn(cls, converter,
                                                                          **overrides))
