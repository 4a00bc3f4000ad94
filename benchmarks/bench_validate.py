"""How fast is checking a report? Baselines and our full check, measured in the same run.

Generates a synthetic corpus of realistic valid reports of both format
versions (the builder, from random leaves that balance), then measures on one
core, per report:

- ``json.loads`` alone (the floor of any JSON-based check);
- ``jsonschema`` validation of the parsed document against the committed
  ``schema/report.schema.json`` alone (a prepared ``Draft202012Validator``);
- our full check: parse + structure + every rule (``loads`` then ``iter_findings``).

Then it runs ``govinfo-report validate --jobs 2`` in-process on a directory of
``--batch`` report files and reports the wall time. Usage::

    PYTHONPATH=src python benchmarks/bench_validate.py [--reports 2000] [--batch 100000]

Targets: full check ≥ 15× faster than the jsonschema baseline and ≤ 100 µs per
report on one core; 100 000 reports in ≤ 10 s with ``--jobs 2``.
"""

from __future__ import annotations

import argparse
import io
import json
import random
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jsonschema

from govinfo_report import convert
from govinfo_report.builder import build
from govinfo_report.cli import main
from govinfo_report.examples import load_example
from govinfo_report.labels import iter_fields, parse_path
from govinfo_report.model import FormatVersion, OrganLevel
from govinfo_report.rules import iter_findings

ROOT = Path(__file__).resolve().parent.parent
COLUMNS = ("natural_person", "commercial_enterprise", "research_institution",
           "public_welfare_org", "legal_service_org", "other_org")


def _set(document: dict[str, Any], path: str, value: Any) -> None:
    node = document
    *parents, last = parse_path(path)
    for segment in parents:
        node = node.setdefault(segment, {})
    node[last] = value


def synthetic_report(format: FormatVersion, rng: random.Random, index: int) -> str:
    """One realistic report: small counts, mostly zeros, balanced, with the example's texts."""
    cells: dict[str, Any] = {}
    leaves = [info.json_path for info in iter_fields(format, cells_only=True)
              if not info.spec.derived and ".results.total." not in info.json_path
              and info.kind.value == "count"]
    values = {path: (rng.choice((0, 0, 0, 1, 2, 3, 5, 8, 13, 40)) if rng.random() < 0.3 else 0)
              for path in leaves}
    for column in COLUMNS:
        handled = sum(value for path, value in values.items()
                      if ".results." in path and path.endswith("." + column))
        received = (handled + values[f"$.applications.carried_forward.{column}"]
                    - values[f"$.applications.carried_over.{column}"])
        values[f"$.applications.carried_over.{column}"] -= max(0, -received)
        values[f"$.applications.new_received.{column}"] = max(0, received)
    for row in ("regulations", "normative_documents"):
        published = f"$.proactive_disclosure.art20_1.{row}.total_published"
        if published in values:  # trial format: all published ≥ newly published
            values[published] += values[f"$.proactive_disclosure.art20_1.{row}.new_published"]
    for path, value in values.items():
        _set(cells, path, value)
    example = load_example(format)
    level = rng.choice([OrganLevel.TOWNSHIP, OrganLevel.COUNTY, OrganLevel.CITY])
    if not level.may_issue_rules:
        for path in values:
            if ".art20_1.regulations." in path:
                _set(cells, path, 0)
    cells["metadata"] = {"organ": f"示范县第{index}号机关", "level": level.value,
                         "year": 2023 if format is FormatVersion.V2021 else 2020}
    def total(prefix: str) -> int:
        return sum(value for path, value in values.items() if path.startswith(prefix))

    overview = example.overview
    cells["overview"] = {
        "summary": overview.summary, "proactive": overview.proactive,
        "on_request": (f"全年共收到政府信息公开申请{total('$.applications.new_received.')}件，"
                       f"其中予以公开{total('$.applications.results.granted.')}件、"
                       f"部分公开{total('$.applications.results.partially_granted.')}件。"),
        "management": overview.management, "platform": overview.platform,
        "supervision": (f"本年度被申请行政复议{total('$.reviews.reconsideration.')}件，"
                        f"被提起行政诉讼{total('$.reviews.litigation_')}件。")}
    cells["preamble"] = example.preamble
    cells["problems"] = {"problems": example.problems.problems,
                         "improvements": example.problems.improvements}
    if format is FormatVersion.V2021:
        cells["other_matters"] = {"text": "本年度未收取信息处理费。", "fees": {
            "notices_issued": 2 * total("$.applications.results.other.fee_unpaid.")}}
    else:
        cells["other_matters"] = {"text": "无其他需要报告的事项。"}
    return convert.dumps(build(format, cells))


def per_report(label: str, function: Callable[[Any], Any], items: list[Any],
               repeat: int = 3) -> float:
    """Best of ``repeat`` runs over ``items``, in µs per item."""
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        for item in items:
            function(item)
        best = min(best, time.perf_counter() - start)
    micros = best / len(items) * 1e6
    print(f"  {label:<46} {micros:8.1f} µs/report")
    return micros


def full_check(data: bytes) -> list[Any]:
    return list(iter_findings(convert.loads(data)))


def main_benchmark(reports: int, batch: int, seed: int) -> None:
    rng = random.Random(seed)
    texts = [synthetic_report(FormatVersion.V2021 if index % 2 else FormatVersion.V2019,
                              rng, index) for index in range(reports)]
    blobs = [text.encode("utf-8") for text in texts]
    documents = [json.loads(text) for text in texts]
    assert all(not full_check(blob) for blob in blobs), "the corpus must be consistent"
    schema = json.loads((ROOT / "schema" / "report.schema.json").read_text(encoding="utf-8"))
    registry = {}
    for name in ("report-2021.schema.json", "report-2019.schema.json"):
        part = json.loads((ROOT / "schema" / name).read_text(encoding="utf-8"))
        registry[part["$id"]] = part
    from referencing import Registry, Resource

    validator = jsonschema.Draft202012Validator(schema, registry=Registry().with_resources(
        (uri, Resource.from_contents(part)) for uri, part in registry.items()))
    assert all(validator.is_valid(document) for document in documents)
    from govinfo_report import _decode_fast

    fast = ("msgspec typed decode" if _decode_fast.available() else
            "orjson" if convert._orjson is not None else "stdlib json (install the fast extra)")
    print(f"{reports} synthetic reports (both versions), {sum(map(len, blobs)) // reports} "
          f"bytes each on average; parser: {fast}")
    bare = per_report("json.loads", json.loads, texts)
    schema_only = per_report("jsonschema is_valid (parsed document)", validator.is_valid,
                             documents, repeat=1)
    loads = per_report("govinfo_report.loads (parse + structure)", convert.loads, blobs)
    full = per_report("full check (loads + every rule)", full_check, blobs)
    print(f"  full check vs jsonschema alone: {schema_only / full:6.1f}× faster (target ≥ 15×)")
    print(f"  full check vs json.loads:       {full / bare:6.1f}× the time of parsing alone")
    print(f"  rules alone ≈ {full - loads:.1f} µs/report; target full check ≤ 100 µs: "
          f"{'met' if full <= 100 else 'NOT met'}")
    if batch:
        batch_run(blobs, batch)


def batch_run(blobs: list[bytes], count: int) -> None:
    directory = Path(tempfile.mkdtemp(prefix="govinfo-bench-"))
    try:
        for index in range(count):
            (directory / f"{index // 1000:03d}").mkdir(exist_ok=True)
            (directory / f"{index // 1000:03d}" / f"r{index}.json").write_bytes(
                blobs[index % len(blobs)].replace(
                    "号机关".encode(), f"号机关{index}".encode(), 1))
        out, err = io.StringIO(), io.StringIO()
        start = time.perf_counter()
        code = main(["validate", "--jobs", "2", str(directory)], stdin=io.StringIO(),
                    stdout=out, stderr=err)
        wall = time.perf_counter() - start
        print(f"validate --jobs 2 on {count} files: {wall:.2f} s wall "
              f"({wall / count * 1e6:.0f} µs/report), exit {code}; target ≤ 10 s for 100 000: "
              f"{'met' if wall / count * 100_000 <= 10 else 'NOT met'}")
        print(f"  {err.getvalue().strip()}")
    finally:
        shutil.rmtree(directory)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--reports", type=int, default=2000, help="corpus size for one core")
    parser.add_argument("--batch", type=int, default=100_000,
                        help="files for the --jobs 2 run (0 to skip)")
    parser.add_argument("--seed", type=int, default=2021)
    parser.add_argument("--stdlib", action="store_true",
                        help="measure without the fast extra (stdlib json only)")
    arguments = parser.parse_args()
    if arguments.stdlib:
        from govinfo_report import _decode_fast

        convert._orjson = None  # type: ignore[assignment]
        _decode_fast.msgspec = None  # type: ignore[assignment]
    main_benchmark(arguments.reports, arguments.batch, arguments.seed)
    sys.exit(0)
