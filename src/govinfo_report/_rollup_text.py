"""The canonical text of a roll-up written in pieces, its list of inputs streamed.

The record of 100 000 inputs is most of a national roll-up's text (about
25 MB). Written whole, it is built as 100 000 dicts, walked by the checks of
:func:`~govinfo_report.convert.dumps` and joined by the pure-Python encoder
that ``indent`` requires. Here the rest of the report (small) is written by
``dumps`` with an empty list of inputs, and each input is formatted from its
record straight into that place, a batch at a time, in the layout
``json.dumps(indent=2, ensure_ascii=False)`` gives it: the pieces joined are
``dumps`` of the whole roll-up, byte for byte (``tests/test_rollup_text.py``).
With the ``fast`` extra msgspec writes and indents each batch in C (it escapes
strings as the json module does); otherwise, or for a text msgspec cannot
write (a lone surrogate), Python formats each input with the json module's
own escaping. The text is the same either way.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from json.encoder import encode_basestring
from typing import Any

from ._decode_fast import available
from ._rollup_inputs import InputRecord, InputRecords
from .model import FormatVersion, OrganLevel

try:
    import msgspec
except ImportError:  # pragma: no cover - exercised where msgspec is absent
    msgspec = None  # type: ignore[assignment]

__all__ = ["INPUTS_PLACE", "around_inputs", "encoded_pieces", "text_pieces", "written_inputs"]

#: Where the empty list of inputs stands in the text of the roll-up without them:
#: ``extensions`` › ``rollup`` › ``inputs``, three levels deep, before ``blank_cells``.
INPUTS_PLACE = '\n      "inputs": [],\n      "blank_cells": '

#: Inputs formatted per piece: pieces of about 250 KB.
BATCH = 1000

# Enum values written once, keyed by value: hashing a member runs Python code.
_WRITTEN: dict[str, str] = {member.value: encode_basestring(member.value)
                            for members in (OrganLevel, FormatVersion) for member in members}


def _item(organ: str | None, level: OrganLevel, year: int | None, format: FormatVersion,
          division_code: str | None, source: str) -> str:
    return ('        {\n'
            f'          "organ": {"null" if organ is None else encode_basestring(organ)},\n'
            f'          "level": {_WRITTEN[level._value_]},\n'
            f'          "year": {"null" if year is None else int.__repr__(year)},\n'
            f'          "format": {_WRITTEN[format._value_]},\n'
            '          "division_code": '
            f'{"null" if division_code is None else encode_basestring(division_code)},\n'
            f'          "source": {encode_basestring(source)}\n'
            '        }')


# What the list of inputs adds to the indent of a list formatted at the top level.
_DEEPER = b" " * 6


@functools.cache
def _written_struct() -> Any:
    """An input as msgspec writes it: an object with the fields of an input record."""
    return msgspec.defstruct("WrittenInput", list(InputRecord._fields))


def _encoded_batch(columns: list[list[Any]]) -> bytes | None:
    """The UTF-8 text of :func:`_batch` written by msgspec, or ``None`` (no ``fast`` extra,
    or a lone surrogate, a file name's, that UTF-8 cannot hold)."""
    if not available():
        return None
    try:
        listed = msgspec.json.encode(list(map(_written_struct(), *columns)))
    except UnicodeEncodeError:
        return None
    # Indented as the list of inputs stands, three levels deep: "[" and "]" dropped.
    indented = msgspec.json.format(listed, indent=2).replace(b"\n", b"\n" + _DEEPER)
    return indented[1:-len(b"\n" + _DEEPER + b"]")]


def _batch(columns: list[list[Any]]) -> str:
    """The inputs of ``columns`` formatted, each line indented, a newline before each."""
    return "\n" + ",\n".join(map(_item, *columns))


def written_inputs(records: InputRecords) -> bytes | None:
    """The UTF-8 text of the inputs of ``records`` as they stand in the list of inputs
    (each after a newline; such texts follow one another after a comma), written by
    msgspec; or ``None`` (see :func:`_encoded_batch`)."""
    return _encoded_batch(list(records.columns()))


def around_inputs(text: str, any_inputs: bool) -> tuple[str, str]:
    """``text`` (a roll-up's canonical text with an empty list of inputs) split where
    the inputs go: what stands before them and after them."""
    place = text.index(INPUTS_PLACE) + INPUTS_PLACE.index("[]") + 1  # just inside the list
    return text[:place], ("\n      ]" if any_inputs else "]") + text[place + 1:]


def text_pieces(text: str, records: InputRecords) -> Iterator[str]:
    """The pieces of ``text`` (a roll-up's canonical text with an empty list of
    inputs) with the inputs of ``records`` written into that list."""
    for piece in _pieces(text, records):
        yield piece if isinstance(piece, str) else piece.decode()


def encoded_pieces(text: str, records: InputRecords) -> Iterator[bytes]:
    """The UTF-8 bytes of :func:`text_pieces` (for a file: msgspec's are not decoded)."""
    for piece in _pieces(text, records):
        yield piece.encode() if isinstance(piece, str) else piece


def _pieces(text: str, records: InputRecords) -> Iterator[str | bytes]:
    before, after = around_inputs(text, bool(records))
    yield before
    columns = records.columns()
    for start in range(0, len(records), BATCH):
        batch = [column[start:start + BATCH] for column in columns]
        if start:
            yield ","
        yield _encoded_batch(batch) or _batch(batch)
    yield after
