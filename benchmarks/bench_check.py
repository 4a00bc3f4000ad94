"""The full check and ``dumps`` against generic typed decoders, measured in one run.

On the same realistic valid reports (``bench_validate.synthetic_report``; half
of each format version), per document and per version, the minimum of 7
passes (CPU time of the measuring thread):

- ``orjson.loads`` (parsing alone);
- msgspec's typed decode into a ``Struct`` tree, and pydantic v2's strict
  ``validate_json``: peers generated at start-up from the committed
  ``schema/report-2021.schema.json`` and ``report-2019.schema.json`` (unknown
  keys forbidden, the schema's bounds and patterns as constraints; one model
  per version, so the peers need not dispatch on ``format``; they check no sum);
- our full check, ``loads`` and every rule (what ``validate`` does per document),
  with the ``fast`` extra and without it (the stdlib path, forced);
- ``dumps``, with and without the ``fast`` extra, against pydantic's
  ``model_dump_json(indent=2)`` of the same document.

Usage (the peers are in the ``bench`` extra)::

    pip install -e '.[bench]'
    python benchmarks/bench_check.py [--reports 2000]
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import json
import os
import random
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Annotated, Any, Literal, Union

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import msgspec  # noqa: E402
import orjson  # noqa: E402
import pydantic  # noqa: E402

from benchmarks._goals import Goals  # noqa: E402
from benchmarks.bench_validate import synthetic_report  # noqa: E402
from govinfo_report import _decode_fast, convert  # noqa: E402
from govinfo_report.model import FormatVersion  # noqa: E402
from govinfo_report.rules import iter_findings  # noqa: E402


class _PeerTypes:
    """Types for one peer library from the JSON Schema of one format version."""

    def __init__(self, schema: dict[str, Any], library: str) -> None:
        self.definitions = schema["$defs"]
        self.library = library
        self.made: dict[str, Any] = {}
        self.root = self.object("Report", schema)

    def constrained(self, base: type, **bounds: Any) -> Any:
        bounds = {key: value for key, value in bounds.items() if value is not None}
        if not bounds:
            return base
        if self.library == "msgspec":
            return Annotated[base, msgspec.Meta(**bounds)]
        return Annotated[base, pydantic.Field(**bounds)]

    def type_of(self, node: dict[str, Any]) -> Any:
        if "$ref" in node:
            name = node["$ref"].rsplit("/", 1)[-1]
            if name not in self.made:
                self.made[name] = self.object(name, self.definitions[name])
            return self.made[name]
        if "const" in node:
            return Literal[node["const"]]
        if "anyOf" in node:
            members = node["anyOf"]
            if all("const" in member for member in members):
                return Literal[tuple(member["const"] for member in members)]
            return Union[tuple(self.type_of(member) for member in members)]  # noqa: UP007
        kinds = node.get("type")
        if isinstance(kinds, list):
            types = [self.type_of({**node, "type": kind}) for kind in kinds]
            return Union[tuple(types)]  # noqa: UP007
        if kinds == "null":
            return type(None)
        if kinds == "integer":
            return self.constrained(int, ge=node.get("minimum"), le=node.get("maximum"))
        if kinds == "string":
            pattern = node.get("pattern")
            return self.constrained(str, pattern=pattern, min_length=node.get("minLength"))
        if kinds == "array":
            return self.constrained(list[self.type_of(node["items"])],  # type: ignore[misc]
                                    max_length=node.get("maxItems"))
        if kinds == "object" and "properties" not in node:
            return dict[str, Any]
        raise ValueError(f"no peer type for {node}")

    def object(self, name: str, node: dict[str, Any]) -> Any:
        required = set(node.get("required", ()))
        fields: dict[str, tuple[str, Any, Any]] = {}
        for key, child in node["properties"].items():
            python_name = "schema_" if key == "$schema" else key
            kind = self.type_of(child)
            default = ... if key in required else child.get("default")
            if key not in required:
                kind = Union[kind, None]  # noqa: UP007
            fields[python_name] = (key, kind, default)
        if self.library == "msgspec":
            specs = [(python, kind) if default is ... else (python, kind, default)
                     for python, (_, kind, default) in fields.items()]
            rename = {python: key for python, (key, _, _) in fields.items() if python != key}
            return msgspec.defstruct(name, specs, forbid_unknown_fields=True, kw_only=True,
                                     rename=rename or None)
        config = pydantic.ConfigDict(extra="forbid", strict=True, populate_by_name=True)
        return pydantic.create_model(name, __config__=config, **{
            python: (kind, pydantic.Field(default, alias=key))
            for python, (key, kind, default) in fields.items()})


@contextlib.contextmanager
def without_fast_extra() -> Iterator[None]:
    """The library as it runs without the ``fast`` extra: stdlib JSON, generated structuring."""
    saved = convert._orjson, _decode_fast.msgspec
    convert._orjson, _decode_fast.msgspec = None, None  # type: ignore[assignment]
    try:
        yield
    finally:
        convert._orjson, _decode_fast.msgspec = saved


def per_document(function: Callable[[Any], Any], items: list[Any]) -> float:
    """µs of this thread's CPU per document: the best of 7 passes over ``items``.

    CPU time rather than wall time, so that other processes on a shared machine
    weigh less on the figures; the garbage collector is off while timing, as
    :mod:`timeit` does. Every figure of the run is measured alike.
    """
    best = float("inf")
    gc.collect()
    gc.disable()
    try:
        for _ in range(7):
            start = time.thread_time()
            for item in items:
                function(item)
            best = min(best, time.thread_time() - start)
    finally:
        gc.enable()
    return best / len(items) * 1e6


def full_check(data: bytes) -> list[Any]:
    return list(iter_findings(convert.loads(data)))


def measure(format: FormatVersion, blobs: list[bytes], goals: Goals) -> None:
    schema = json.loads((ROOT / "schema" / f"report-{format.value}.schema.json")
                        .read_text(encoding="utf-8"))
    struct = _PeerTypes(schema, "msgspec").root
    model = _PeerTypes(schema, "pydantic").root
    typed = msgspec.json.Decoder(struct)
    reports = [convert.loads(blob) for blob in blobs]
    models = [model.model_validate_json(blob) for blob in blobs]
    assert all(not full_check(blob) for blob in blobs), "the corpus must be consistent"
    for blob in blobs:
        typed.decode(blob)
    figures = {
        "orjson.loads": per_document(orjson.loads, blobs),
        "msgspec typed decode": per_document(typed.decode, blobs),
        "pydantic validate_json": per_document(model.model_validate_json, blobs),
        "our loads": per_document(convert.loads, blobs),
        "our full check": per_document(full_check, blobs),
        "our dumps": per_document(convert.dumps, reports),
        "pydantic model_dump_json(indent=2)": per_document(
            lambda item: item.model_dump_json(indent=2, by_alias=True), models),
    }
    assert [convert.dumps(report) for report in reports] == [blob.decode() for blob in blobs]
    with without_fast_extra():
        assert [convert.loads(blob) for blob in blobs] == reports
        figures["our loads, no fast extra"] = per_document(convert.loads, blobs)
        figures["our full check, no fast extra"] = per_document(full_check, blobs)
        figures["our dumps, no fast extra"] = per_document(convert.dumps, reports)
    print(f"\n{format.value}: {len(blobs)} reports, µs per report")
    for name, value in figures.items():
        print(f"  {name:<40} {value:8.1f}")
    name = format.value
    goals.ratio(f"full check {name}", figures["our full check"], "pydantic validate_json",
                figures["pydantic validate_json"], at_most=1.0, unit="µs")
    goals.ratio(f"full check {name}", figures["our full check"], "msgspec typed decode",
                figures["msgspec typed decode"], at_most=3.0, unit="µs")
    goals.ratio(f"dumps {name}", figures["our dumps"], "pydantic model_dump_json(indent=2)",
                figures["pydantic model_dump_json(indent=2)"], at_most=1.0, unit="µs")


def main(reports: int, seed: int) -> None:
    rng = random.Random(seed)
    goals = Goals("full check and dumps against typed decoders (same run)")
    corpus: dict[FormatVersion, list[bytes]] = {version: [] for version in FormatVersion}
    for index in range(reports):
        version = FormatVersion.V2021 if index % 2 else FormatVersion.V2019
        corpus[version].append(synthetic_report(version, rng, index).encode("utf-8"))
    # The figures are CPU times, but a busy machine still slows both sides: say how busy.
    print("load average before: {:.2f} {:.2f} {:.2f}".format(*os.getloadavg()))
    for version, blobs in corpus.items():
        measure(version, blobs, goals)
    print("load average after: {:.2f} {:.2f} {:.2f}".format(*os.getloadavg()))
    goals.print()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--reports", type=int, default=2000, help="corpus size, both versions")
    parser.add_argument("--seed", type=int, default=2021)
    arguments = parser.parse_args()
    main(arguments.reports, arguments.seed)
