"""Directories of many report files for the batch benchmarks, written once and reused.

Each file is a consistent report without any finding under its own organ
name (the bundled 2021 example; the bundled 2019 example with its blank
cells filled with 0 and its totals computed, see :func:`clean_example`), so
no two files pair up as the same organ's years and a roll-up accepts them
together. Files go 1000 to a subdirectory, as an archive
of a province's reports would. A directory already holding the requested
corpus (its ``CORPUS`` marker says so) is reused: writing 100 000 files takes
longer than checking them.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

from govinfo_report.builder import build
from govinfo_report.convert import dumps, to_dict
from govinfo_report.examples import load_example
from govinfo_report.labels import iter_fields
from govinfo_report.model import FormatVersion, Report

__all__ = ["clean_example", "corpus", "default_directory"]

_MARKER = "CORPUS"


def default_directory(name: str) -> Path:
    """Where the corpus ``name`` is kept between runs (``$GOVINFO_BENCH_DIR`` or the temp dir)."""
    root = os.environ.get("GOVINFO_BENCH_DIR") or tempfile.gettempdir()
    return Path(root) / f"govinfo-bench-{name}"


def clean_example(version: FormatVersion) -> Report:
    """The bundled example of ``version``, blank cells as 0 and totals computed: no finding."""
    document: dict[str, Any] = to_dict(load_example(version))
    del document["$schema"], document["format"]
    for info in iter_fields(version, cells_only=True):
        node: Any = document
        for segment in info.path[:-1]:
            node = node.get(segment, {})
        if info.spec.derived:
            node.pop(info.path[-1], None)
        elif info.path[-1] in node and node[info.path[-1]] is None:
            node[info.path[-1]] = 0
    document["applications"]["results"].pop("total", None)
    return build(version, document)


def corpus(directory: Path, count: int, formats: tuple[FormatVersion, ...]) -> Path:
    """``directory`` holding ``count`` report files cycling through ``formats``."""
    wanted = {"count": count, "formats": [version.value for version in formats], "version": 2}
    marker = directory / _MARKER
    if marker.exists() and json.loads(marker.read_text(encoding="utf-8")) == wanted:
        return directory
    shutil.rmtree(directory, ignore_errors=True)
    directory.mkdir(parents=True)
    examples = [clean_example(version) for version in formats]
    templates = [(dumps(example).encode("utf-8"),
                  json.dumps(example.metadata.organ, ensure_ascii=False).encode("utf-8"))
                 for example in examples]
    for index in range(count):
        text, organ = templates[index % len(templates)]
        folder = directory / f"{index // 1000:03d}"
        if index % 1000 == 0:
            folder.mkdir()
        renamed = json.dumps(f"示范县第{index}号机关", ensure_ascii=False).encode("utf-8")
        (folder / f"r{index:06d}.json").write_bytes(text.replace(organ, renamed, 1))
    marker.write_text(json.dumps(wanted), encoding="utf-8")
    return directory
