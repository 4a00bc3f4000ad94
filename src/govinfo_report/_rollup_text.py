"""The canonical text of a roll-up written in pieces, its list of inputs streamed.

The record of 100 000 inputs is most of a national roll-up's text (about
25 MB). Written whole, it is built as 100 000 dicts, walked by the checks of
:func:`~govinfo_report.convert.dumps` and joined by the pure-Python encoder
that ``indent`` requires. Here the rest of the report (small) is written by
``dumps`` with an empty list of inputs, and each input is formatted from its
record straight into that place, a batch at a time, in the layout
``json.dumps(indent=2, ensure_ascii=False)`` gives it: the pieces joined are
``dumps`` of the whole roll-up, byte for byte (``tests/test_rollup_text.py``).
Strings are escaped by the json module's own C function, so the text is the
same with or without the ``fast`` extra.
"""

from __future__ import annotations

from collections.abc import Iterator
from json.encoder import encode_basestring

from ._rollup_inputs import InputRecords
from .model import FormatVersion, OrganLevel

__all__ = ["INPUTS_PLACE", "text_pieces"]

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


def text_pieces(text: str, records: InputRecords) -> Iterator[str]:
    """The pieces of ``text`` (a roll-up's canonical text with an empty list of
    inputs) with the inputs of ``records`` written into that list."""
    place = text.index(INPUTS_PLACE) + INPUTS_PLACE.index("[]") + 1  # just inside the list
    yield text[:place]
    columns = records.columns()
    for start in range(0, len(records), BATCH):
        yield ("\n" if start == 0 else ",\n") + ",\n".join(
            map(_item, *(column[start:start + BATCH] for column in columns)))
    yield ("\n      ]" if records else "]") + text[place + 1:]
