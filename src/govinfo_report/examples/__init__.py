"""Bundled example reports, one per format version.

- ``2021``: a filled 2021-format township report whose numbers satisfy every
  identity of the format (:file:`township-2021.json`).
- ``2019``: the 2020 report of 东乡族自治县那勒寺镇人民政府 in the trial format,
  transcribed from a published OCR copy; its blank cells stay blank
  (:file:`naleisi-town-2020.json`).

>>> from govinfo_report.examples import load_example
>>> load_example("2019").metadata.year
2020
"""

from __future__ import annotations

import functools
from importlib import resources
from importlib.abc import Traversable

from ..convert import loads
from ..model import FormatVersion, Report

__all__ = ["EXAMPLE_FILES", "example_file", "example_text", "load_example"]

#: The bundled example of each format version.
EXAMPLE_FILES: dict[FormatVersion, str] = {
    FormatVersion.V2021: "township-2021.json",
    FormatVersion.V2019: "naleisi-town-2020.json",
}


def example_file(format: FormatVersion | str) -> Traversable:
    """The packaged example file of ``format``."""
    return resources.files(__name__) / EXAMPLE_FILES[FormatVersion(format)]


def example_text(format: FormatVersion | str) -> str:
    """The JSON text of the example of ``format``."""
    return example_file(format).read_text(encoding="utf-8")


@functools.cache
def load_example(format: FormatVersion | str) -> Report:
    """The example report of ``format``, loaded."""
    version = FormatVersion(format)
    return loads(example_text(version), source=EXAMPLE_FILES[version])
