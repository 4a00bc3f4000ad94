"""The inputs of a roll-up: columns of values while summing, :class:`RollupInput` when read.

A national roll-up has 100 000 inputs. They are kept in :class:`InputRecords`,
one list per field: no object per input (an :class:`InputRecord` is made
when one is read), a worker's records are six lists to send, appended by six
list extensions, and the checks of them all are passes over lists in C. An
input's index is its position, so appending the records of a worker
renumbers nothing. :class:`~govinfo_report.rollup.RollupInput` objects are
made only when one is asked for, by an :class:`InputView`.
:class:`RollupInput` is documented with :mod:`govinfo_report.rollup`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any, NamedTuple, TypeVar, overload

import attrs

from . import limits
from ._json_text import is_utf8
from .model import FormatVersion, OrganLevel, Report

__all__ = ["InputRecord", "InputRecords", "InputView", "RollupInput", "make_input", "name_of",
           "record_of", "writable"]

Entry = TypeVar("Entry")


class InputRecord(NamedTuple):
    """What a roll-up records of one input (see :class:`~govinfo_report.rollup.RollupInput`)."""

    organ: str | None
    level: OrganLevel
    year: int | None
    format: FormatVersion
    division_code: str | None
    source: str


@attrs.frozen(kw_only=True)
class RollupInput:
    """One report that went into a roll-up."""

    #: Position among the inputs, from 0.
    index: int
    organ: str | None
    level: OrganLevel
    year: int | None
    format: FormatVersion
    division_code: str | None = None
    #: Where the report came from (a file name), if the caller said.
    source: str = ""

    @property
    def name(self) -> str:
        """The name messages use for this input (its source, or else its organ)."""
        return self.source or self.organ or f"#{self.index + 1}"

    def to_json(self) -> dict[str, Any]:
        """The JSON form recorded in the roll-up's extensions."""
        return {"organ": self.organ, "level": self.level.value, "year": self.year,
                "format": self.format.value, "division_code": self.division_code,
                "source": self.source}


def make_input(index: int, record: InputRecord) -> RollupInput:
    return RollupInput(index=index, organ=record.organ, level=record.level, year=record.year,
                       format=record.format, division_code=record.division_code,
                       source=record.source)


def record_of(report: Report, source: str) -> InputRecord:
    metadata = report.metadata
    return InputRecord(metadata.organ, metadata.level, metadata.year, report.format,
                       metadata.division_code, source)


def name_of(index: int, record: InputRecord) -> str:
    """The name messages use for an input (its source, or else its organ)."""
    return record.source or record.organ or f"#{index + 1}"


class InputRecords(Sequence[InputRecord]):
    """The records of a roll-up's inputs, one list per field of :class:`InputRecord`."""

    __slots__ = ("division_codes", "formats", "levels", "organs", "sources", "years")

    def __init__(self, records: Iterable[InputRecord] = ()) -> None:
        self.organs: list[str | None] = []
        self.levels: list[OrganLevel] = []
        self.years: list[int | None] = []
        self.formats: list[FormatVersion] = []
        self.division_codes: list[str | None] = []
        self.sources: list[str] = []
        for record in records:
            self.add(*record)

    def add(self, organ: str | None, level: OrganLevel, year: int | None, format: FormatVersion,
            division_code: str | None, source: str) -> None:
        """Append the record of one input."""
        self.organs.append(organ)
        self.levels.append(level)
        self.years.append(year)
        self.formats.append(format)
        self.division_codes.append(division_code)
        self.sources.append(source)

    def extend(self, other: InputRecords) -> None:
        """Append the records of ``other``."""
        for mine, theirs in zip(self.columns(), other.columns(), strict=True):
            mine += theirs

    def copy(self) -> InputRecords:
        copied = InputRecords()
        copied.extend(self)
        return copied

    def columns(self) -> tuple[list[Any], ...]:
        """The lists, in the order of the fields of :class:`InputRecord`."""
        return (self.organs, self.levels, self.years, self.formats, self.division_codes,
                self.sources)

    def __len__(self) -> int:
        return len(self.sources)

    @overload
    def __getitem__(self, index: int) -> InputRecord: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[InputRecord]: ...

    def __getitem__(self, index: int | slice) -> InputRecord | Sequence[InputRecord]:
        if isinstance(index, slice):
            return [self[position] for position in range(len(self))[index]]
        return InputRecord(*(column[index] for column in self.columns()))


def writable(records: InputRecords) -> bool:
    """Whether every text of ``records`` is one that :func:`~govinfo_report.convert.loads`
    reads back (UTF-8, no longer than :data:`~govinfo_report.limits.MAX_TEXT_LENGTH`).

    Organ names and division codes of loaded reports always are; a source
    (a file name that is not UTF-8, say) or a report built in code may not be.
    """
    for column in (records.organs, records.division_codes, records.sources):
        texts = list(filter(None, column))
        if max(map(len, texts), default=0) > limits.MAX_TEXT_LENGTH:
            return False
        joined = "".join(texts)
        if not joined.isascii() and not is_utf8(joined):  # isascii() is known, not computed
            return False
    return True


class InputView(Sequence[Entry]):
    """The records as a sequence of entries made on first access (and then kept)."""

    def __init__(self, records: InputRecords,
                 make: Callable[[int, InputRecord], Entry]) -> None:
        self.records = records
        self._make = make
        self._made: dict[int, Entry] = {}

    def __len__(self) -> int:
        return len(self.records)

    @overload
    def __getitem__(self, index: int) -> Entry: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[Entry]: ...

    def __getitem__(self, index: int | slice) -> Entry | Sequence[Entry]:
        if isinstance(index, slice):
            return tuple(self[position] for position in range(len(self))[index])
        if index < 0:
            index += len(self.records)
        if not 0 <= index < len(self.records):
            raise IndexError("input index out of range")
        entry = self._made.get(index)
        if entry is None:
            entry = self._made[index] = self._make(index, self.records[index])
        return entry

    def __iter__(self) -> Iterator[Entry]:
        return (self[index] for index in range(len(self.records)))
