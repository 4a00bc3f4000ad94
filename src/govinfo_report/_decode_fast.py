"""A typed decode of report JSON through msgspec (the ``fast`` extra).

A tree of ``msgspec.Struct`` classes is generated from the model with the
value domains of :mod:`._hooks` as constraints (counts ``0…MAX_COUNT``,
money a string matching :data:`~._hooks.DECIMAL_PATTERN`, dates, codes and
URLs their patterns, unknown keys refused), so msgspec checks a document
in C while it parses it. The classes that hold only counts (the rows and tables
of 三 and 四, most of 二) are no structs: their annotations carry the same bounds
(:data:`~.model._fields.Count`), so msgspec checks and builds them as model
classes straight from the text (see :func:`._fast_types.decodes_itself`); ``msgspec.convert``
then builds the few other classes from their structs, also in C (money to
:class:`~decimal.Decimal`, dates to :class:`datetime.date`).

What msgspec does not refuse is refused here before a report is returned:
a duplicated key (msgspec keeps the last) or an unknown key of a class it
builds itself (msgspec skips it): the text then holds more strings than the
document written back, see :func:`._json_text.string_count`; and
anything the general checks of :mod:`._json_checks` would look at
(non-empty ``extensions``, a text longer than
:data:`~govinfo_report.limits.MAX_TEXT_LENGTH`). msgspec itself refuses
lone surrogates, non-finite and non-integer numbers where a count is due. Whatever is not accepted
returns ``None``: the caller takes the detailed path, which explains it, so
errors are the same with and without this module
(``tests/test_decode_fast.py`` holds both to the same verdicts and problems).

Writing goes the other way: ``msgspec.convert`` checks a report's values
against the same constraints while it copies them into structs, which
msgspec writes in declaration order and indents as ``json.dumps(indent=2)``
does; a report it does not accept whole is written by the detailed path.
"""

from __future__ import annotations

import datetime
import enum
import functools
import re
import typing
from collections.abc import Callable
from decimal import Decimal
from typing import Any, Union

import attrs

from . import limits
from ._document_schema import remember_schema, schema_id
from ._fast_types import StructGenerator, generated, value_type, whole
from ._hooks import DECIMAL_PATTERN
from ._json_text import string_count
from .model import REPORT_CLASSES
from .model._fields import Kind
from .model._introspect import ModelField, model_fields

try:
    import msgspec
except ImportError:  # pragma: no cover - exercised where msgspec is absent
    msgspec = None  # type: ignore[assignment]

__all__ = ["available", "decode", "encode", "holds_every_string", "load", "string_counter"]

#: The ``$schema`` a document of each version gives unless it names another one.
#: (Keyed by report class, which hashes faster than the format, an enum.)
_SCHEMA_IDS = {cls: schema_id(version) for version, cls in REPORT_CLASSES.items()}


def available() -> bool:
    """Whether msgspec is installed (the ``fast`` extra)."""
    return msgspec is not None


def string_counter(cls: type, *, document: bool = False) -> Callable[[Any], int]:
    """A function counting the JSON strings (keys and values) of a decoded struct of ``cls``
    that has every key (the counts of a text without duplicate keys)."""
    constant = 0
    terms: list[str] = []
    namespace: dict[str, Any] = {"UNSET": msgspec.UNSET, "str": str}

    def walk(current: type, chain: str) -> None:
        nonlocal constant
        for field in model_fields(current):
            constant += 1  # the key
            attribute = f"{chain}.{field.name}"
            if field.repeated:
                assert field.child is not None
                name = f"count_{field.child.__name__}"
                namespace[name] = string_counter(field.child)
                terms.append(f"sum([{name}(item) for item in {attribute}])")
            elif field.child is not None:
                walk(field.child, attribute)
            elif field.name != "extensions" and _is_string(field):
                if type(None) in typing.get_args(value_type(field)):
                    terms.append(f"({attribute} is not None)")
                else:
                    constant += 1

    walk(cls, "s")
    if document:  # "format" and its value, "$schema" if present and its value if a string
        constant += 2
        terms.append("(s.schema is not UNSET) + (type(s.schema) is str)")
    return generated(f"count_strings_{cls.__name__}", " + ".join([str(constant), *terms]),
                     namespace)


def _is_string(field: ModelField) -> bool:
    """Whether the JSON value of a value field is a string (or null)."""
    return field.spec.kind not in (Kind.COUNT, Kind.SIGNED) and field.name != "year"


@attrs.frozen
class _Decoding:
    decoder: Any
    #: The model class of each struct class of a whole report, and its string counter.
    classes: dict[type, tuple[type, Callable[[Any], int]]]


@functools.cache
def _decoding() -> _Decoding:
    generator = StructGenerator()
    classes = {generator.struct(cls, tag=version.value):
               (cls, string_counter(cls, document=True))
               for version, cls in REPORT_CLASSES.items()}
    return _Decoding(msgspec.json.Decoder(Union[tuple(classes)]), classes)  # noqa: UP007


def decode(data: bytes | bytearray | str) -> tuple[Any, str | None] | None:
    """The report ``data`` describes and its ``$schema``, or ``None`` when anything needs
    the detailed path (any problem, an absent optional key, ``extensions`` that are not
    empty, a very long text)."""
    if len(data) > limits.MAX_TEXT_LENGTH:
        return None
    decoding = _decoding()
    try:
        struct = decoding.decoder.decode(data)
        if struct.extensions:
            return None
        cls, count_strings = decoding.classes[type(struct)]
        # In C: money to Decimal, dates to datetime.date; an absent (UNSET) key is refused.
        report: Any = msgspec.convert(struct, cls, from_attributes=True)
    except Exception:  # noqa: BLE001 - any problem: the detailed path explains it
        return None
    if not holds_every_string(data, struct, count_strings):
        return None
    schema = struct.schema
    return report, (None if schema is msgspec.UNSET else schema)


def holds_every_string(data: bytes | bytearray | str, struct: Any,
                       count_strings: Callable[[Any], int]) -> bool:
    """Whether ``struct`` decoded from ``data`` holds every string of the text: a duplicated
    key (msgspec keeps the last) or a key msgspec skipped is a string it does not hold."""
    source = data.encode("utf-8") if isinstance(data, str) else bytes(data)
    return string_count(source) == count_strings(struct)


def load(data: bytes | bytearray | str) -> Any:
    """The report of :func:`decode`, its ``$schema`` remembered (for ``dumps``), or ``None``."""
    decoded = decode(data)
    if decoded is None:
        return None
    report, schema = decoded
    if schema is not None and schema != _SCHEMA_IDS[type(report)]:
        remember_schema(report, {"$schema": schema})
    return report


def _write_checker(cls: type) -> Callable[[Any], bool]:
    """A function telling whether the money, dates and enums of a report of ``cls`` are
    of their types, and each amount's ``str`` matches :data:`~._hooks.DECIMAL_PATTERN`
    (so msgspec writes it as ``format(amount, "f")`` does: no exponent)."""
    terms: list[str] = []
    namespace: dict[str, Any] = {"Decimal": Decimal, "date": datetime.date, "str": str,
                                 "match": re.compile(whole(DECIMAL_PATTERN)).match}

    def walk(current: type, chain: str) -> None:
        for field in model_fields(current):
            value = f"{chain}.{field.name}"
            if field.child is not None and not field.repeated:
                walk(field.child, value)
            elif field.spec.kind is Kind.MONEY:
                terms.append(f"({value} is None or (type({value}) is Decimal "
                             f"and match(str({value})) is not None))")
            elif field.name == "published":
                terms.append(f"({value} is None or type({value}) is date)")
            elif isinstance(field.type, type) and issubclass(field.type, enum.Enum):
                namespace[field.type.__name__] = field.type
                null = f"{value} is None or " if field.nullable else ""
                terms.append(f"({null}type({value}) is {field.type.__name__})")

    walk(cls, "s")
    return generated(f"writable_{cls.__name__}", " and ".join(terms) or "True", namespace)


@functools.cache
def _writing() -> dict[type, tuple[type, Callable[[Any], bool]]]:
    generator = StructGenerator(writing=True)
    return {cls: (generator.struct(cls), _write_checker(cls)) for cls in REPORT_CLASSES.values()}


def encode(report: Any, schema: str) -> bytes | None:
    """The canonical text of ``report`` (``dumps``' bytes) if :func:`decode` would accept
    it whole, else ``None``: the values are checked while msgspec converts the report to
    constrained structs, as when reading (money, dates and enums by the write check)."""
    struct, check = _writing()[type(report)]
    if not check(report):
        return None
    try:  # a lone surrogate fails to encode; a str is not taken for a Decimal or a date
        body = msgspec.json.encode(msgspec.convert(
            report, struct, from_attributes=True, builtin_types=(Decimal, datetime.date)))
    except Exception:  # noqa: BLE001 - any problem: the detailed check explains it
        return None
    head = b'{"$schema":%b,"format":"%b",' % (msgspec.json.encode(schema),
                                              report.format.value.encode())
    written: bytes = msgspec.json.format(head + body[1:], indent=2) + b"\n"
    return written if len(written) <= limits.MAX_TEXT_LENGTH else None
