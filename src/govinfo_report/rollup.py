"""Roll-ups: one report whose every cell is the sum of many reports.

A county 政务公开办 sums its townships and departments; a city sums its
counties. :func:`aggregate` takes reports of one format version and one year
and returns a :class:`Rollup`: the summed report, the inputs, and the cells
some input left blank.

>>> from govinfo_report import build
>>> from govinfo_report.rollup import aggregate
>>> def town(name, received):
...     return build("2021", {
...         "metadata": {"organ": name, "level": "township", "year": 2023},
...         "applications": {"new_received": {"natural_person": received},
...                          "results": {"granted": {"natural_person": received}}}})
>>> rollup = aggregate([town("示范县青山镇人民政府", 3), town("示范县绿水镇人民政府", 4)],
...                    organ="示范县人民政府", level="county")
>>> rollup.report.applications.new_received.total
7
>>> [item["organ"] for item in rollup.report.extensions["rollup"]["inputs"]]
['示范县青山镇人民政府', '示范县绿水镇人民政府']
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence

import attrs

from ._rollup_checks import InconsistentInput, inconsistent_inputs, refuse_inconsistent
from ._rollup_decode import decode_input
from ._rollup_inputs import (
    InputRecord,
    InputRecords,
    InputView,
    RollupInput,
    make_input,
    name_of,
    record_of,
    writable,
)
from ._rollup_mixed import refuse_mixed
from ._rollup_result import BlankCell, Rollup
from ._rollup_sum import Acknowledgements, BlankPolicy, Sums
from ._rollup_text import encoded_pieces, text_pieces
from .builder import build
from .convert import dumps, from_dict, loads
from .exceptions import IncompatibleReportsError, InvalidOptionError
from .model import FormatVersion, OrganLevel, Report
from .rules._failures import failures

__all__ = [
    "BLANK_POLICIES",
    "EXTENSION_KEY",
    "ROLLUP_FORMAT",
    "Aggregator",
    "BlankCell",
    "InconsistentInput",
    "Rollup",
    "RollupInput",
    "StreamedRollup",
    "aggregate",
    "inconsistent_inputs",
]

#: What a roll-up does with a cell some input left blank (see :func:`aggregate`).
BLANK_POLICIES = ("blank", "zero")
#: The key of a report's ``extensions`` under which a roll-up records its inputs.
EXTENSION_KEY = "rollup"
#: Version of the JSON form recorded under :data:`EXTENSION_KEY`.
ROLLUP_FORMAT = 1

def aggregate(reports: Iterable[Report], *, organ: str, level: OrganLevel | str,
              blank: BlankPolicy = "blank", division_code: str | None = None,
              sources: Sequence[str] | None = None, check_inputs: bool = True) -> Rollup:
    """Sum ``reports`` into one report of ``organ`` at ``level``.

    - Every table cell (counts, signed counts, money) is the sum of the inputs'
      cells, exactly: integers stay integers, money stays an exact
      :class:`~decimal.Decimal`. Totals are summed like any cell, so the roll-up
      of consistent reports is consistent.
    - ``blank="blank"`` (the default): a cell that any input left blank is blank
      in the roll-up. ``blank="zero"``: blank counts as 0. Either way
      :attr:`Rollup.blank_cells` lists those cells and the inputs that left
      them blank.
    - 试行格式 采购总金额: summed in the inputs' unit when they agree; when some
      are in 元 and some in 万元 the 万元 amounts are converted exactly
      (× 10000) and the sum is in 元. An amount other than 0 without a recorded
      unit cannot be added to amounts with one: refused.
    - Metadata: ``organ``, ``level`` and ``division_code`` as given, the
      inputs' year; dates, 文号 and the rest are left empty.
    - Narrative parts are empty: a roll-up is statistics, its organ writes
      the text. The inputs' acknowledgements are kept, each reason prefixed
      with its organ (one per rule and path); their ``extensions`` are not
      carried.
    - ``extensions["rollup"]`` records the roll-up as JSON: ``rollup_format``,
      ``blank``, ``inputs`` (organ, level, year, format, division code and
      source of each), ``blank_cells`` (JSON path and input positions) and
      ``converted`` (amounts converted from 万元 to 元).

    ``reports`` may be any iterable, a generator reading files say: each report
    is checked and added to running sums as it comes and is not kept, so
    memory does not grow with their number (see :class:`Aggregator`).
    ``sources`` names each report (file names, say) in messages and in the
    record. Reports of different format versions or years, or the same organ
    (and division code) twice, raise
    :class:`~govinfo_report.exceptions.IncompatibleReportsError` naming the odd
    ones out; so do inputs that fail an error-level rule (see
    :func:`inconsistent_inputs`), since their sum would fail it too, unless
    ``check_inputs=False``. A bad ``organ``, ``level`` or ``division_code`` raises
    :class:`~govinfo_report.exceptions.InvalidReportError`.
    """
    aggregator = Aggregator(organ=organ, level=level, blank=blank,
                            division_code=division_code, check_inputs=check_inputs)
    count = 0
    for count, report in enumerate(reports, 1):
        aggregator.add(report, source=sources[count - 1]
                       if sources is not None and count <= len(sources) else "")
    if sources is not None and len(sources) != count:
        raise InvalidOptionError(f"sources 有 {len(sources)} 项，报告有 {count} 份"
                                 "（one source per report）")
    return aggregator.rollup()


class Aggregator:
    """:func:`aggregate` one report at a time, for inputs too many to hold in memory.

    Each :meth:`add` checks the report (when ``check_inputs``) and adds its
    cells to running sums; the report itself is not kept, only a small record
    of it. :meth:`rollup` then refuses what :func:`aggregate` refuses, in the
    same order, or returns the :class:`Rollup`; :meth:`finish` does the same
    for a roll-up written out without holding its record of every input
    (:class:`StreamedRollup`). The arguments are those of :func:`aggregate`.

    >>> from govinfo_report.examples import load_example
    >>> aggregator = Aggregator(organ="示范县人民政府", level="county")
    >>> aggregator.add(load_example("2021"), source="青山镇.json")
    >>> aggregator.rollup().inputs[0].name
    '青山镇.json'
    """

    def __init__(self, *, organ: str, level: OrganLevel | str, blank: BlankPolicy = "blank",
                 division_code: str | None = None, check_inputs: bool = True) -> None:
        if blank not in BLANK_POLICIES:
            raise InvalidOptionError(f"blank 应为 {' 或 '.join(BLANK_POLICIES)}，"
                                     f"实际是 {blank!r}（unknown blank policy）")
        self.organ = organ
        self.level = level.value if isinstance(level, OrganLevel) else level
        self.blank = blank
        self.division_code = division_code
        self.check_inputs = check_inputs
        self._records = InputRecords()
        #: The inputs found so far that fail an error-level rule (with ``check_inputs``).
        self.inconsistent: list[InconsistentInput] = []
        self._sums: dict[FormatVersion, Sums] = {}
        self._acknowledgements = Acknowledgements()

    @property
    def inputs(self) -> Sequence[RollupInput]:
        """The inputs added so far, in order (made from their records when read)."""
        return InputView(self._records, make_input)

    def add(self, report: Report, *, source: str = "") -> None:
        """Check ``report`` and add its cells; never raises for what it holds."""
        index = len(self._records)
        record = record_of(report, source)
        self._records.add(*record)
        sums = self._sums_of(record.format)
        # Summing screens the cells it reads: a report it clears cannot fail the check.
        if not sums.add(report, index) and self.check_inputs:
            found = failures(report)
            if found:
                self.inconsistent.append(InconsistentInput(input=make_input(index, record),
                                                           findings=found))
        self._acknowledgements.add(report)

    def add_json(self, text: str | bytes | bytearray, *, source: str = "") -> None:
        """:meth:`add` the report of a JSON text: ``add(loads(text, source=source),
        source=source)``, in about two thirds of the time.

        With the ``fast`` extra, a text that holds a report without blank cells or
        failed relations is summed from its decoded values, and no report is built;
        any other is loaded. Raises what :func:`~govinfo_report.convert.loads` raises.
        """
        decoded = decode_input(text)
        if decoded is not None:
            struct, format = decoded
            sums = self._sums_of(format)
            index = len(self._records)
            if sums.add_decoded(struct, index):
                metadata = struct.metadata
                self._records.add(metadata.organ, metadata.level, metadata.year, format,
                                  metadata.division_code, source)
                if struct.acknowledgements:
                    self._acknowledgements.add(struct)
                return
        self.add(loads(text, source=source), source=source)

    def _sums_of(self, format: FormatVersion) -> Sums:
        sums = self._sums.get(format)
        if sums is None:
            sums = self._sums[format] = Sums(format, checked=self.check_inputs)
        return sums

    def merge(self, other: Aggregator) -> None:
        """Add what ``other`` summed, as if its reports were added here after these."""
        offset = len(self._records)
        self._records.extend(other._records)
        self.inconsistent += [attrs.evolve(found, input=attrs.evolve(
            found.input, index=found.input.index + offset)) for found in other.inconsistent]
        for version, sums in other._sums.items():
            self._sums.setdefault(version, Sums(version, checked=sums.checked)).merge(sums, offset)
        self._acknowledgements.merge(other._acknowledgements)

    def rollup(self, *, allow_inconsistent: bool = False) -> Rollup:
        """The roll-up of the reports added; raises as :func:`aggregate` does.

        ``allow_inconsistent`` sums inputs that fail an error-level rule all the
        same (they stay listed in :attr:`inconsistent`).
        """
        return self.finish(allow_inconsistent=allow_inconsistent).rollup()

    def finish(self, *, allow_inconsistent: bool = False) -> StreamedRollup:
        """:meth:`rollup`, but the record of the inputs is written when the text is."""
        records = self._records.copy()  # later additions are not this roll-up's
        if not records:
            raise IncompatibleReportsError("没有可汇总的报告（no report to roll up）")
        inputs = InputView(records, make_input)
        refuse_mixed(records, inputs.__getitem__)
        if not allow_inconsistent:
            refuse_inconsistent(tuple(self.inconsistent))
        format, year = records[0].format, records[0].year
        # to_dict's document, read back from the canonical text: to_dict would first make
        # its converter (a tenth of a second, once per process, after the inputs are summed).
        document = json.loads(dumps(build(format, {"metadata": {
            "organ": self.organ, "level": self.level, "year": year,
            "division_code": self.division_code}})))
        summed, converted = self._sums[format].fill(
            document, self.blank, lambda index: name_of(index, records[index]))
        blank_cells = tuple(BlankCell(json_path=cell.json_path, labels=cell.info.labels,
                                      inputs=tuple(inputs[index] for index in indices))
                            for cell, indices in summed)
        document["acknowledgements"] = self._acknowledgements.to_json()
        record = {
            "rollup_format": ROLLUP_FORMAT, "blank": self.blank, "inputs": [],
            "blank_cells": [{"json_path": cell.json_path,
                             "inputs": [item.index for item in cell.inputs]}
                            for cell in blank_cells],
            "converted": converted,
        }
        document["extensions"] = {EXTENSION_KEY: record}
        if not writable(records):  # refused, located, as the whole record would be
            from_dict({**document, "extensions": {EXTENSION_KEY: {
                **record, "inputs": [item.to_json() for item in inputs]}}})
        return StreamedRollup(report=from_dict(document), inputs=inputs,
                              blank_cells=blank_cells, blank=self.blank)


@attrs.frozen(kw_only=True)
class StreamedRollup:
    """A roll-up whose record of its inputs is made only as it is written.

    :meth:`pieces` writes the text of :func:`~govinfo_report.convert.dumps` of
    the roll-up a piece at a time without making the record of the inputs in
    memory (for 100 000 inputs, 100 000 dicts); :meth:`rollup` makes the
    whole :class:`Rollup`.
    """

    #: The summed report, its ``extensions["rollup"]["inputs"]`` left empty.
    report: Report
    inputs: Sequence[RollupInput]
    blank_cells: tuple[BlankCell, ...]
    blank: BlankPolicy

    def pieces(self) -> Iterator[str]:
        """The canonical text of the roll-up, ``dumps(self.rollup().report)``, in pieces."""
        return text_pieces(dumps(self.report), self._records())

    def encoded_pieces(self) -> Iterator[bytes]:
        """The UTF-8 bytes of :meth:`pieces`, for a file (made as bytes where they can be)."""
        return encoded_pieces(dumps(self.report), self._records())

    def _records(self) -> InputRecords:
        if isinstance(self.inputs, InputView):
            return self.inputs.records
        return InputRecords(InputRecord(item.organ, item.level, item.year, item.format,
                                        item.division_code, item.source) for item in self.inputs)

    def rollup(self) -> Rollup:
        """The whole :class:`Rollup`, its report recording every input."""
        record = dict(self.report.extensions[EXTENSION_KEY])
        record["inputs"] = [item.to_json() for item in self.inputs]
        report = attrs.evolve(self.report, extensions={EXTENSION_KEY: record})
        return Rollup(report=report, inputs=tuple(self.inputs),
                      blank_cells=self.blank_cells, blank=self.blank)
