"""A roll-up's input read straight from its text, no report built (the ``fast`` extra).

A roll-up takes of each input its cells, its metadata and its acknowledgements,
then drops it. :func:`~govinfo_report.convert.loads` builds the whole report;
for 100 000 inputs that is a third of a roll-up's time. Here the text is
decoded into msgspec structs alone (every class a ``Struct``: no model object
is made) and the roll-up reads those, when they hold exactly what ``loads``
would return, that is when its typed decode (:func:`._decode_fast.decode`)
would take the text:

- msgspec checked every value domain and refused unknown keys while decoding;
- no duplicate key (the string count), nothing in ``extensions``, not too long;
- what building the model would refuse: an absent optional key (left
  ``UNSET``), a 发布日期 that matches the pattern but is no calendar date;
- no count blank (the structs type counts not null): a report with blanks is
  summed by the sums that know blanks, from its loaded report.

Otherwise :func:`decode_input` returns ``None`` and the caller loads the text:
the report, or the error, is then the one ``loads`` gives.
``tests/test_rollup_decode.py`` holds the structs to the reports ``loads`` makes.
"""

from __future__ import annotations

import datetime
import functools
from collections.abc import Callable
from typing import Any, Union

from . import limits
from ._decode_fast import available, holds_every_string, string_counter
from ._fast_types import StructGenerator, generated
from .model import REPORT_CLASSES, FormatVersion
from .model._introspect import model_fields

try:
    import msgspec
except ImportError:  # pragma: no cover - exercised where msgspec is absent
    msgspec = None  # type: ignore[assignment]

__all__ = ["decode_input"]


def _in_calendar(text: str) -> bool:
    try:
        datetime.date.fromisoformat(text)
    except ValueError:
        return False
    return True


def _complete_checker(cls: type) -> Callable[[Any], bool]:
    """A function telling whether a decoded struct of ``cls`` has every optional key
    and a 发布日期 in the calendar: whether ``msgspec.convert`` would build the model."""
    terms: list[str] = []
    namespace: dict[str, Any] = {"UNSET": msgspec.UNSET, "in_calendar": _in_calendar}

    def walk(current: type, chain: str) -> None:
        for field in model_fields(current):
            value = f"{chain}.{field.name}"
            if not field.required:  # an absent key: the terms after it are not evaluated
                terms.append(f"{value} is not UNSET")
            if field.repeated:
                assert field.child is not None
                name = f"complete_{field.child.__name__}"
                namespace[name] = _complete_checker(field.child)
                terms.append(f"all(map({name}, {value}))")
            elif field.child is not None:
                walk(field.child, value)
            elif field.name == "published":
                terms.append(f"({value} is None or in_calendar({value}))")

    walk(cls, "s")
    return generated(f"complete_{cls.__name__}", " and ".join(terms) or "True", namespace)


@functools.cache
def _decoding() -> tuple[Any, dict[type, tuple[FormatVersion, Callable[[Any], int],
                                                Callable[[Any], bool]]]]:
    generator = StructGenerator(summing=True)
    classes = {generator.struct(cls, tag=version.value):
               (version, string_counter(cls, document=True), _complete_checker(cls))
               for version, cls in REPORT_CLASSES.items()}
    return msgspec.json.Decoder(Union[tuple(classes)]), classes  # noqa: UP007


def decode_input(data: bytes | bytearray | str) -> tuple[Any, FormatVersion] | None:
    """The structs of the report ``data`` describes and its format, or ``None`` when
    :func:`~govinfo_report.convert.loads` is to read it (anything its typed decode
    would not take whole; or no ``fast`` extra)."""
    if not available() or len(data) > limits.MAX_TEXT_LENGTH:
        return None
    decoder, classes = _decoding()
    try:
        struct = decoder.decode(data)
    except Exception:  # noqa: BLE001 - any problem: loads explains it
        return None
    format, count_strings, complete = classes[type(struct)]
    if struct.extensions or not complete(struct):
        return None
    if not holds_every_string(data, struct, count_strings):
        return None
    return struct, format
