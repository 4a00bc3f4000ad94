"""Benchmark of the data-entry form in Chromium: size, first render, recheck after an edit.

Run from the repository root (needs Playwright for Python, Chromium at
/usr/bin/chromium, and node with ``tests/js``'s packages for terser)::

    python benchmarks/bench_form.py

Budgets: the script (``form.js`` + ``rules.js``) at most 40 KB minified by
terser; the form mounted (inputs filled, first check shown) within 100 ms;
one edit rechecked (totals, rules, marks, change event) within 5 ms.

Peers measured in the same run: for the first render, the time the
renderer's static page of the same report takes to reach its load event in
the same browser (``render --to page``, no script); for the recheck, one
deep copy of the report (``JSON.parse(JSON.stringify(report))``) in the
same page. First-render figures are medians of fresh loads; the recheck is the
mean over many edits of one cell, each a whole ``input`` event.
"""

from __future__ import annotations

import http.server
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
from functools import partial
from pathlib import Path
from typing import Any

from govinfo_report.examples import load_example
from govinfo_report.form import STATIC, page
from govinfo_report.model import FormatVersion
from govinfo_report.render import page as static_page

BUDGET_KB = 40
BUDGET_RENDER_MS = 100
BUDGET_CHECK_MS = 5
LOADS = 9
EDITS = 200
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
TERSER = Path(__file__).parents[1] / "tests" / "js" / "node_modules" / ".bin" / "terser"

EDIT_LOOP = """([path, edits]) => {
  const form = document.querySelector('govinfo-report-form');
  const controller = form.controller;
  const input = form.querySelector(`[data-path="${path}"]`);
  const started = performance.now();
  for (let i = 0; i < edits; i += 1) {
    input.value = String(i % 50);
    input.dispatchEvent(new Event('input', {bubbles: true}));
  }
  const check = (performance.now() - started) / edits;
  const copyStarted = performance.now();
  for (let i = 0; i < edits; i += 1) JSON.parse(JSON.stringify(controller.doc));
  return [check, (performance.now() - copyStarted) / edits, controller.findings.length];
}"""


def minified_kb() -> dict[str, float]:
    """Size of each script minified by terser, in KB."""
    if not TERSER.exists():
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund", "--prefix",
                        str(TERSER.parents[2])], check=True, capture_output=True)
    return {name: len(subprocess.run([str(TERSER), str(Path(str(STATIC)) / name), "--module",
                                      "--compress", "--mangle"], capture_output=True,
                                     check=True).stdout) / 1024
            for name in ("form.js", "rules.js")}


def serve(root: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), partial(Quiet, directory=root))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


def main() -> int:
    from playwright.sync_api import sync_playwright

    failed = False
    sizes = minified_kb()
    total_kb = sum(sizes.values())
    print(f"脚本压缩后（terser）: form.js {sizes['form.js']:.1f} KB + rules.js "
          f"{sizes['rules.js']:.1f} KB = {total_kb:.1f} KB（预算 ≤ {BUDGET_KB} KB）")
    failed |= total_kb > BUDGET_KB
    root = Path(tempfile.mkdtemp())
    for version in FormatVersion:
        report = load_example(version)
        (root / f"form-{version.value}.html").write_text(page(report=report), encoding="utf-8")
        (root / f"page-{version.value}.html").write_text(static_page.render(report),
                                                         encoding="utf-8")
    server, base = serve(root)
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            for version in FormatVersion:
                mounts, ready, peer = [], [], []
                for _ in range(LOADS):
                    tab = browser.new_page()
                    tab.goto(f"{base}/page-{version.value}.html")
                    peer.append(tab.evaluate(
                        "performance.getEntriesByType('navigation')[0].loadEventStart"))
                    tab.goto(f"{base}/form-{version.value}.html")
                    tab.wait_for_function(
                        "document.querySelector('govinfo-report-form')?.controller")
                    mounts.append(tab.evaluate("document.querySelector('govinfo-report-form')"
                                               ".controller.timings.render"))
                    ready.append(tab.evaluate(
                        "performance.getEntriesByType('navigation')[0].loadEventStart"))
                    tab.close()
                tab = browser.new_page()
                tab.goto(f"{base}/form-{version.value}.html")
                tab.wait_for_function("document.querySelector('govinfo-report-form')?.controller")
                check, copy, findings = tab.evaluate(
                    EDIT_LOOP, ["$.applications.new_received.natural_person", EDITS])
                tab.close()
                mount = statistics.median(mounts)
                print(f"{version.value} 格式  首次渲染（挂载、填值、首次检查）: {mount:.1f} ms"
                      f"（预算 ≤ {BUDGET_RENDER_MS} ms）；页面到 load 事件 "
                      f"{statistics.median(ready):.0f} ms，对照：同一报告的静态页面 "
                      f"{statistics.median(peer):.0f} ms")
                print(f"{version.value} 格式  改一格后重新检查: {check:.2f} ms（预算 ≤ "
                      f"{BUDGET_CHECK_MS} ms，{findings} 条检查结果）；对照：深拷贝报告一次 "
                      f"{copy:.3f} ms，为其 {check / copy:.1f} 倍")
                failed |= mount > BUDGET_RENDER_MS or check > BUDGET_CHECK_MS
            browser.close()
    finally:
        server.shutdown()
        server.server_close()
        shutil.rmtree(root)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
