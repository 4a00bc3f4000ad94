"""A typed decode of report JSON through msgspec (the ``fast`` extra).

A tree of ``msgspec.Struct`` classes is generated from the model with the
value domains of :mod:`._hooks` as constraints (counts ``0…MAX_COUNT``,
money a string matching :data:`~._hooks.DECIMAL_PATTERN`, dates, codes and
URLs their patterns, unknown keys refused), so msgspec checks a document
in C while it parses it; ``msgspec.convert`` then builds the model's attrs
classes from the structs, also in C (money to :class:`~decimal.Decimal`,
dates to :class:`datetime.date`).

What msgspec does not refuse is refused here before a report is returned:
a duplicated key (msgspec keeps the last; the text then holds more strings
than the document written back, see :func:`._json_text.string_count`), and
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
from typing import Annotated, Any, Union

import attrs

from . import limits
from ._document_schema import remember_schema, schema_id
from ._hooks import DATE_PATTERN, DECIMAL_PATTERN, DIVISION_CODE_PATTERN, URL_PATTERN, YEAR_RANGE
from ._json_text import string_count
from .model import REPORT_CLASSES, FormatVersion
from .model._fields import Kind
from .model._introspect import ModelField, model_fields

try:
    import msgspec
except ImportError:  # pragma: no cover - exercised where msgspec is absent
    msgspec = None  # type: ignore[assignment]

__all__ = ["available", "decode", "encode", "load"]

#: The ``$schema`` a document of each version gives unless it names another one.
_SCHEMA_IDS = {version: schema_id(version) for version in FormatVersion}


def available() -> bool:
    """Whether msgspec is installed (the ``fast`` extra)."""
    return msgspec is not None


def _whole(pattern: str) -> str:
    """``pattern`` anchored at the very end: msgspec searches, and ``$`` allows a final newline."""
    assert pattern.endswith("$")
    return pattern[:-1] + r"\Z"


def _constrained(base: Any, **constraints: Any) -> Any:
    return Annotated[base, msgspec.Meta(**constraints)]


def _value_type(field: ModelField) -> Any:
    """The msgspec type of a value field: the domain its hook in :mod:`._hooks` checks."""
    kind = field.spec.kind
    low, high = YEAR_RANGE
    named: dict[str, Any] = {
        "year": _constrained(int, ge=low, le=high) | None,
        "division_code": _constrained(str, pattern=_whole(DIVISION_CODE_PATTERN)) | None,
        "published": _constrained(str, pattern=_whole(DATE_PATTERN)) | None,
        "source_url": _constrained(str, pattern=_whole(URL_PATTERN)) | None,
        "organ": _constrained(str, min_length=1) | None,
        "rule": _constrained(str, min_length=1),
        "path": _constrained(str, min_length=1),
    }
    if field.name in named:
        return named[field.name]
    if kind is Kind.COUNT:
        return _constrained(int, ge=0, le=limits.MAX_COUNT) | None
    if kind is Kind.SIGNED:
        return _constrained(int, ge=-limits.MAX_COUNT, le=limits.MAX_COUNT) | None
    if kind is Kind.MONEY:
        return _constrained(str, pattern=_whole(DECIMAL_PATTERN)) | None
    if field.name == "extensions":
        return dict[str, Any]
    if isinstance(field.type, type) and issubclass(field.type, enum.Enum):
        return field.type | None if field.nullable else field.type
    if field.type is str:
        return str | None if field.nullable else str
    raise TypeError(f"no fast type for {field.name}: {field.type!r}")  # pragma: no cover


class _Generator:
    """One Struct class per model class, with the same fields in the same order."""

    def __init__(self, *, writing: bool = False) -> None:
        self.structs: dict[type, type] = {}
        #: Structs to write from: money and dates as the model holds them (checked by
        #: :func:`_write_checker`), every other value constrained as when reading.
        self.writing = writing

    def struct(self, cls: type, *, tag: str | None = None) -> type:
        if cls in self.structs:
            return self.structs[cls]
        if tag is None and not self.writing and _decodes_itself(cls):
            self.structs[cls] = cls
            return cls
        struct_fields: list[tuple[Any, ...]] = []
        if tag is not None:
            struct_fields.append(("schema", str | None | msgspec.UnsetType, msgspec.UNSET))
        for field in model_fields(cls):
            if field.repeated:
                assert field.child is not None
                kind: Any = _constrained(list[self.struct(field.child)],  # type: ignore[misc]
                                         max_length=limits.MAX_ITEMS)
            elif field.child is not None:
                kind = self.struct(field.child)
            elif self.writing and field.spec.kind is Kind.MONEY:
                kind = Decimal | None
            elif self.writing and field.name == "published":
                kind = datetime.date | None
            else:
                kind = _value_type(field)
            if self.writing or field.required:
                struct_fields.append((field.name, kind))
            else:
                # An absent key stays UNSET: the document written back then shows
                # exactly the keys the text has.
                struct_fields.append((field.name, kind | msgspec.UnsetType, msgspec.UNSET))
        options: dict[str, Any] = {"forbid_unknown_fields": True, "kw_only": True, "gc": False}
        if tag is not None:
            options.update(tag_field="format", tag=tag, rename={"schema": "$schema"})
        prefix = "Written" if self.writing else "Fast"
        struct: type = msgspec.defstruct(f"{prefix}{cls.__name__}", struct_fields, **options)
        self.structs[cls] = struct
        return struct


@functools.cache
def _decodes_itself(cls: type) -> bool:
    """Whether msgspec may build ``cls`` (a model class) straight from the text.

    True for the classes that hold only required counts, or such classes, and whose
    annotations carry to msgspec exactly the bounds of :func:`_value_type`: msgspec
    then checks every value as it would in a Struct, and builds the class without
    calling ``__init__`` (the model has no validators, converters or post-init hooks).
    msgspec ignores unknown keys of such a class; the string count of :func:`decode`
    refuses them with the duplicate keys.
    """
    hints = typing.get_type_hints(cls, include_extras=True)
    for field in model_fields(cls):
        if field.child is not None:
            if field.repeated or not _decodes_itself(field.child):
                return False
        elif (not field.required or field.spec.kind not in (Kind.COUNT, Kind.SIGNED)
              or hints[field.name] != _value_type(field)):
            return False
    attributes = attrs.fields(cls)
    return not hasattr(cls, "__attrs_post_init__") and not hasattr(cls, "__attrs_pre_init__") \
        and all(a.validator is None and a.converter is None and a.init for a in attributes)


def _string_counter(cls: type, *, document: bool = False) -> Callable[[Any], int]:
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
                namespace[name] = _string_counter(field.child)
                terms.append(f"sum([{name}(item) for item in {attribute}])")
            elif field.child is not None:
                walk(field.child, attribute)
            elif field.name != "extensions" and _is_string(field):
                if type(None) in typing.get_args(_value_type(field)):
                    terms.append(f"({attribute} is not None)")
                else:
                    constant += 1

    walk(cls, "s")
    if document:  # "format" and its value, "$schema" if present and its value if a string
        constant += 2
        terms.append("(s.schema is not UNSET) + (type(s.schema) is str)")
    source = f"def count(s):\n    return {' + '.join([str(constant), *terms])}"
    exec(compile(source, f"<string count {cls.__name__}>", "exec"), namespace)
    counter: Callable[[Any], int] = namespace["count"]
    return counter


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
    generator = _Generator()
    classes = {generator.struct(cls, tag=version.value):
               (cls, _string_counter(cls, document=True))
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
    source = data.encode("utf-8") if isinstance(data, str) else bytes(data)
    # A duplicated key is a string of the text that the document does not hold.
    if string_count(source) != count_strings(struct):
        return None
    schema = struct.schema
    return report, (None if schema is msgspec.UNSET else schema)


def load(data: bytes | bytearray | str) -> Any:
    """The report of :func:`decode`, its ``$schema`` remembered (for ``dumps``), or ``None``."""
    decoded = decode(data)
    if decoded is None:
        return None
    report, schema = decoded
    if schema is not None and schema != _SCHEMA_IDS[report.format]:
        remember_schema(report, {"$schema": schema})
    return report


def _write_checker(cls: type) -> Callable[[Any], bool]:
    """A function telling whether the money, dates and enums of a report of ``cls`` are
    of their types, and each amount's ``str`` matches :data:`~._hooks.DECIMAL_PATTERN`
    (so msgspec writes it as ``format(amount, "f")`` does: no exponent)."""
    terms: list[str] = []
    namespace: dict[str, Any] = {"Decimal": Decimal, "date": datetime.date, "str": str,
                                 "match": re.compile(_whole(DECIMAL_PATTERN)).match}

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

    walk(cls, "r")
    source = f"def check(r):\n    return {' and '.join(terms) or 'True'}"
    exec(compile(source, f"<write check {cls.__name__}>", "exec"), namespace)
    check: Callable[[Any], bool] = namespace["check"]
    return check


@functools.cache
def _writing() -> dict[type, tuple[type, Callable[[Any], bool]]]:
    generator = _Generator(writing=True)
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
