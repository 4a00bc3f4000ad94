"""How fast is the browser's rule engine? rules.js next to Python's ``iter_findings``.

The form rechecks the report after every edit, so the whole rule set over one
report must take at most 5 ms in node. On the same synthetic reports (both
versions; consistent ones, and the same with a few cells broken or blanked),
measured in the same run on one core:

- Python ``iter_findings`` on the parsed report (its compiled screen clears
  consistent reports; broken ones take the slow path);
- ``evaluate`` of ``form/static/rules.js`` in node on the parsed JSON (no
  screen: every relation is interpreted every time).

Usage::

    PYTHONPATH=src python benchmarks/bench_form_engine.py [--reports 1000]
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from govinfo_report import convert
from govinfo_report.form import STATIC, rule_set
from govinfo_report.labels import iter_fields
from govinfo_report.model import FormatVersion
from govinfo_report.rules import iter_findings

HERE = Path(__file__).resolve().parent
BUDGET_MS = 5.0


def broken(text: str, rng: random.Random) -> str:
    """``text`` with two cells changed by one and one cell blanked."""
    document: dict[str, Any] = json.loads(text)
    cells = [info.path for info in iter_fields(document["format"], cells_only=True)
             if info.kind.value == "count"]
    for index, path in enumerate(rng.sample(cells, 3)):
        node = document
        for segment in path[:-1]:
            node = node[str(segment)]
        node[str(path[-1])] = None if index == 2 else node[str(path[-1])] + 1
    return json.dumps(document, ensure_ascii=False)


def node_timing(rules: Path, texts: list[str], directory: Path) -> dict[str, float]:
    corpus = directory / "reports.jsonl"
    corpus.write_text("".join(text.replace("\n", "") + "\n" for text in texts), encoding="utf-8")
    result = subprocess.run(["node", str(HERE / "bench_form_engine.mjs"), str(rules), str(corpus)],
                            capture_output=True, text=True, check=True)
    timing: dict[str, float] = json.loads(result.stdout)
    return timing


def main(reports: int, seed: int) -> None:
    if shutil.which("node") is None:
        sys.exit("node is not installed: the browser engine cannot be measured")
    sys.path.insert(0, str(HERE.parent))
    from benchmarks.bench_validate import per_report, synthetic_report

    rng = random.Random(seed)
    consistent = [synthetic_report(FormatVersion.V2021 if index % 2 else FormatVersion.V2019,
                                   rng, index) for index in range(reports)]
    corpora = {"consistent": consistent, "broken": [broken(text, rng) for text in consistent]}
    print(f"{reports} synthetic reports per corpus (both versions); rules.js: "
          f"{(STATIC / 'rules.js').stat().st_size // 1024} KiB; node "
          f"{subprocess.run(['node', '--version'], capture_output=True, text=True).stdout.strip()}")
    with tempfile.TemporaryDirectory(prefix="govinfo-bench-") as name:
        directory = Path(name)
        rules = directory / "rules.json"
        rules.write_text(json.dumps(rule_set(), ensure_ascii=False), encoding="utf-8")
        for corpus, texts in corpora.items():
            parsed = [convert.loads(text) for text in texts]
            print(f"{corpus}:")
            python = per_report("Python iter_findings (parsed report)",
                                lambda report: list(iter_findings(report)), parsed)
            timing = node_timing(rules, texts, directory)
            print(f"  {'rules.js evaluate in node (parsed JSON)':<46} "
                  f"{timing['per_report_us']:8.1f} µs/report")
            met = timing["p99_ms"] <= BUDGET_MS
            print(f"  rules.js / Python: {timing['per_report_us'] / python:5.1f}×; one report: "
                  f"99th percentile {timing['p99_ms']:.2f} ms, slowest {timing['slowest_ms']:.2f} "
                  f"ms; first call (prepares the rule set) {timing['first_call_ms']:.1f} ms")
            print(f"  budget {BUDGET_MS:.0f} ms per report (99th percentile): "
                  f"{'met' if met else 'NOT met'}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--reports", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=2021)
    arguments = parser.parse_args()
    main(arguments.reports, arguments.seed)
