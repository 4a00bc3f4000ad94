"""The command-line targets: every subcommand with hostile arguments, files and streams.

``cli`` runs ``cli.main(argv)`` in-process (a process per input would cost
a hundred times more); ``cli-process`` runs a few hundred real processes for
what only a process has: an ASCII-only ``PYTHONIOENCODING``, a closed
standard output, non-UTF-8 bytes on standard input.

The promise: the exit code is 0, 1 or 2 (141 when the reader of standard
output went away); no exception escapes ``main``; no traceback is printed;
an exit code 2 comes with a message; no temporary file is left behind.
The arguments are drawn from the parser itself, so a new option is fuzzed
without a change here.
"""

from __future__ import annotations

import argparse
import io
import os
import random
import shutil
import subprocess
import sys
import tempfile
import weakref
from pathlib import Path
from typing import Any

from govinfo_report.cli import build_parser, main
from govinfo_report.examples import example_text

from . import _targets
from ._random_inputs import DocumentMutator, hostile_text, mutate_bytes
from ._targets import Broken, _run

#: Option values that are not files: numbers at the edges, specials, odd strings (no NUL:
#: an operating system cannot pass one in an argument).
HOSTILE_VALUES = ("", "-", "--", "x", "-1", "0", "1", "2", "99999", "1e400", "inf", "nan",
                  "-inf", "0.5", "二〇二一", "2021", "2019", "township", "gov-", "bad prefix!",
                  "\udcff\udcfe", "a" * 5000, "--help", "-o", "\u202e", "'", "{{",
                  "9" * 400)
_TEMPLATES = {"report.html.j2": "{{ 1 // 0 }}", "report.md.j2": "{% include 'report.md.j2' %}",
              "report.txt.j2": b"\xff\xfe{{", "report.page.html.j2": "{{ report.nope.nope }}"}


def _subparsers() -> dict[str, argparse.ArgumentParser]:
    parser = build_parser()
    action = next(action for action in parser._actions
                  if isinstance(action, argparse._SubParsersAction))
    return dict(action.choices)


class CliTarget:
    """``main(argv)`` in-process, in a private directory of hostile files."""

    def __init__(self) -> None:
        self.root = Path(tempfile.mkdtemp(prefix="govinfo-fuzz-cli-"))
        weakref.finalize(self, shutil.rmtree, self.root, ignore_errors=True)
        (self.root / "r2021.json").write_text(example_text("2021"), encoding="utf-8")
        (self.root / "r2019.json").write_text(example_text("2019"), encoding="utf-8")
        (self.root / "dir").mkdir()
        (self.root / "dir" / "r.json").write_text(example_text("2021"), encoding="utf-8")
        os.mkfifo(self.root / "fifo")
        templates = self.root / "templates"
        templates.mkdir()
        for name, content in _TEMPLATES.items():
            path = templates / name
            if isinstance(content, bytes):
                path.write_bytes(content)
            else:
                path.write_text(content, encoding="utf-8")
        self.files = ["r2021.json", "r2019.json", "hostile.json", "hostile-2.json",
                      "hostile.txt", "hostile.html", "hostile.docx", "hostile.xlsx",
                      "hostile.pdf", "dir", "fifo", "missing.json", "/dev/null", "-",
                      "templates", "r2021.json/x", "dir/*.json", "nothing-*.json"]
        self.outputs = ["-", "out.json", "out.docx", "out.csv", "dir", "out dir/x",
                        "r2021.json/x", "fifo", "/dev/null", "\udcffout", "a" * 300]
        self.parsers = _subparsers()
        self.documents = DocumentMutator()
        self.seeds = {kind: _targets.seeds(kind) for kind in _targets.IMPORT_KINDS}

    def _write_inputs(self, rng: random.Random, argv: list[str]) -> bytes:
        """Write the hostile files ``argv`` names (new ones each time); the stdin bytes."""
        for name in ("hostile.json", "hostile-2.json"):
            if name in argv:
                document = self.documents(rng)
                data = document if isinstance(document, bytes) else document.encode(
                    "utf-8", "surrogatepass")
                (self.root / name).write_bytes(data)
        for kind in _targets.IMPORT_KINDS:
            name = f"hostile.{ {'text': 'txt'}.get(kind, kind)}"
            if name in argv:
                (self.root / name).write_bytes(mutate_bytes(rng, rng.choice(self.seeds[kind])))
        return rng.choice((b"", example_text("2021").encode(), hostile_text(rng).encode(
            "utf-8", "surrogatepass"), example_text("2021").encode("gb18030"),
            mutate_bytes(rng, example_text("2019").encode())))

    def _value(self, rng: random.Random, action: argparse.Action) -> str:
        if action.choices and rng.random() < 0.7:
            return str(rng.choice(list(action.choices)))
        if action.dest in ("output", "write"):
            return rng.choice(self.outputs)
        if action.dest in ("paths", "file", "previous", "current", "templates", "provenance"):
            return rng.choice(self.files) if rng.random() < 0.85 else rng.choice(HOSTILE_VALUES)
        return rng.choice(HOSTILE_VALUES) if rng.random() < 0.6 else hostile_text(rng)

    def argv(self, rng: random.Random) -> list[str]:
        """A command line: a subcommand, some of its options, its positionals, odd extras."""
        command = rng.choice(list(self.parsers))
        argv = [command] if rng.random() < 0.97 else [rng.choice(HOSTILE_VALUES)]
        for action in self.parsers[command]._actions:
            if isinstance(action, argparse._HelpAction):
                continue
            if action.option_strings:
                if rng.random() < 0.35:
                    argv.append(rng.choice(action.option_strings))
                    if action.nargs != 0:
                        argv.append(self._value(rng, action))
            elif rng.random() < 0.95:
                repeat = rng.choice((1, 1, 2, 3)) if action.nargs == "+" else 1
                argv.extend(self._value(rng, action) for _ in range(repeat))
        if rng.random() < 0.1:
            argv.insert(rng.randrange(len(argv) + 1), rng.choice(HOSTILE_VALUES))
        return [_as_the_system_gives(argument) for argument in argv]

    def __call__(self, rng: random.Random) -> Any:
        argv = self.argv(rng)
        stdin_data = self._write_inputs(rng, argv)

        def attempt() -> None:
            stdin = io.TextIOWrapper(io.BytesIO(stdin_data), encoding="utf-8")
            # As main sets up a real standard output: file names from argv written back.
            stdout = io.TextIOWrapper(io.BytesIO(), encoding="utf-8", errors="surrogateescape")
            stderr = io.StringIO()
            here = os.getcwd()
            os.chdir(self.root)  # relative outputs land in the target's own directory
            try:
                code = main(argv, stdin=stdin, stdout=stdout, stderr=stderr)
            except SystemExit as exit:
                code = exit.code  # type: ignore[assignment]
            finally:
                os.chdir(here)
            stdout.flush()
            out = stdout.buffer.getvalue()  # type: ignore[attr-defined]
            err = stderr.getvalue()
            if code not in (0, 1, 2):
                raise Broken(f"exit code {code!r}: {err[-300:]}")
            if "Traceback" in err or b"Traceback (most recent" in out:
                raise Broken(f"a traceback was printed: {err[-300:]}")
            if code == 2 and not (err.strip() or out.strip()):
                raise Broken("exit 2 without a message")
            left = [path.name for path in self.root.rglob(".*govinfo-tmp")]
            if left:
                raise Broken(f"temporary files left: {left}")

        _run("cli", repr(argv), attempt)
        return (argv, stdin_data)


def _as_the_system_gives(argument: str) -> str:
    """``argument`` as Python gets it from the system: other surrogates than the escapes
    of bytes that are not UTF-8, and NUL (the end of a C string), cannot come from argv."""
    return os.fsdecode(_argument_bytes(argument.replace("\x00", "")))


def _argument_bytes(argument: str) -> bytes:
    """An argument as a process gets it: a lone surrogate becomes bytes that are not UTF-8."""
    try:
        return os.fsencode(argument)
    except UnicodeEncodeError:
        return argument.encode("utf-8", "surrogatepass")


class ProcessTarget:
    """Real processes: ASCII-only output encoding, closed stdout, non-UTF-8 stdin."""

    def __init__(self) -> None:
        self.cli = CliTarget()

    def __call__(self, rng: random.Random) -> Any:
        argv = self.cli.argv(rng)
        stdin_data = self.cli._write_inputs(rng, argv)
        scenario = rng.choice(("ascii", "closed-stdout", "gb18030-stdin", "latin-1"))
        environment = {**os.environ, "PYTHONIOENCODING": {"ascii": "ascii",
                                                          "latin-1": "latin-1"}.get(scenario,
                                                                                     "utf-8")}
        if scenario == "gb18030-stdin":
            stdin_data = example_text("2021").encode("gb18030")
        command = [sys.executable, "-m", "govinfo_report", *map(_argument_bytes, argv)]

        def attempt() -> None:
            closed = scenario == "closed-stdout"
            process = subprocess.run(
                command, input=stdin_data, env=environment, check=False, timeout=60,
                cwd=self.cli.root, stderr=subprocess.PIPE,
                stdout=subprocess.DEVNULL if closed else subprocess.PIPE,
                preexec_fn=(lambda: os.close(1)) if closed else None)
            if process.returncode not in (0, 1, 2, 141):
                raise Broken(f"{scenario}: exit code {process.returncode}: "
                             f"{process.stderr[-300:]!r}")
            if b"Traceback" in process.stderr:
                raise Broken(f"{scenario}: a traceback: {process.stderr[-500:]!r}")

        _run("cli-process", f"{scenario} {argv!r}", attempt)
        return (scenario, argv, stdin_data)
