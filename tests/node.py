"""Node.js for the tests of the browser code and of the schema's third-party use.

The test-only npm packages (ajv, ajv-cli, ajv-formats, TypeScript, terser,
axe-core) are declared once in ``js/package.json`` and installed by ``npm ci``
the first time a test asks for them. Tests skip, saying why, where Node.js or
npm is missing.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

JS_DIR = Path(__file__).parent / "js"
NODE_MODULES = JS_DIR / "node_modules"


def node() -> str:
    """The ``node`` executable, or skip the test."""
    found = shutil.which("node")
    if found is None:
        pytest.skip("Node.js is not installed: this JavaScript check cannot run here")
    return found


def node_modules() -> Path:
    """``js/node_modules``, installed with ``npm ci`` the first time, or skip the test."""
    node()
    npm = shutil.which("npm")
    if npm is None:
        pytest.skip("npm is not installed: the test-only JavaScript tools cannot be installed")
    if not (NODE_MODULES / ".package-lock.json").is_file():
        subprocess.run([npm, "ci", "--no-audit", "--no-fund", "--prefix", str(JS_DIR)],
                       check=True, capture_output=True, timeout=600)
    return NODE_MODULES
