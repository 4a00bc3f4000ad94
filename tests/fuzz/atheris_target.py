"""Coverage-guided fuzzing of one target with atheris (libFuzzer), where it installs.

atheris is optional (``pip install atheris``; wheels exist for CPython on
Linux and macOS). One target per process, as libFuzzer ends the process::

    python -m tests.fuzz.atheris_target import-html -max_total_time=300 \\
        tests/fuzz/corpus/html

Targets: ``loads``, ``import-text``, ``import-html``, ``import-docx``, ``import-xlsx``,
``import-pdf``. A broken promise (see :mod:`tests.fuzz._targets`) is a crash:
libFuzzer saves the input as ``crash-…`` in the working directory.
"""

from __future__ import annotations

import importlib
import logging
import sys
from collections.abc import Callable
from typing import Any


def _check(name: str, targets: Any) -> Callable[[bytes], None]:
    kind = name.removeprefix("import-")
    if name != "loads" and kind not in targets.IMPORT_KINDS:
        raise SystemExit(f"unknown target {name!r}")

    def check(data: bytes) -> None:
        if name == "loads":
            targets.check_loads(data)
        else:
            targets.check_import(kind, data)

    return check


def main() -> None:
    if len(sys.argv) < 2:
        raise SystemExit(__doc__)
    try:
        atheris = importlib.import_module("atheris")
    except ImportError:
        raise SystemExit("atheris is not installed: pip install atheris") from None
    with atheris.instrument_imports():
        targets = importlib.import_module("tests.fuzz._targets")
    logging.disable(logging.WARNING)
    check = _check(sys.argv[1], targets)
    atheris.Setup([sys.argv[0], *sys.argv[2:]], check)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
