"""The long fuzzing run: every target to a number of inputs, then the figures.

Usage (from the repository root)::

    python -m tests.fuzz [--inputs 100000] [--workers 2] [--minutes 60 | --until 09:45]
                         [--target loads ...] [--out figures.md] [--crashes DIR]

Unlike the short run inside pytest, a broken promise does not stop the run:
it is counted, summarised (exception and the start of the input), the input
saved under ``--crashes``, and the run goes on. The figures file is
rewritten after every chunk of inputs. Exit status 1 if any input broke a
promise.
"""

from __future__ import annotations

import argparse
import datetime
import platform
import sys
import time
from pathlib import Path

from ._campaign import Progress, campaign, default_workers, target_names

#: Real processes are slow and test only the streams: a few hundred are enough.
PROCESS_INPUTS = 200


def _deadline(arguments: argparse.Namespace) -> float:
    if arguments.until:
        hour, minute = (int(part) for part in arguments.until.split(":"))
        now = datetime.datetime.now(datetime.timezone.utc)
        until = now.replace(hour=hour, minute=minute, second=0, microsecond=0)
        if until <= now:
            until += datetime.timedelta(days=1)
        return until.timestamp()
    return time.time() + arguments.minutes * 60


def figures(progress: dict[str, Progress], *, started: datetime.datetime, command: str,
            workers: int, final: bool) -> str:
    """The run's table (Markdown) and its first failures."""
    state = "finished" if final else "running"
    lines = [f"# fuzz run {started:%Y-%m-%d %H:%M} UTC ({state} at "
             f"{datetime.datetime.now(datetime.timezone.utc):%H:%M} UTC), "
             f"{workers} worker processes, Python {platform.python_version()}",
             f"`{command}`", "",
             "| target | inputs | refused (library error) | uncaught | wrong cells "
             "| inputs/s per process | slowest input | largest input |",
             "|---|---|---|---|---|---|---|---|"]
    for name, done in progress.items():
        stats = done.stats
        lines.append(f"| {name} | {stats.inputs} | {stats.refused} | {stats.crashes} | "
                     f"{stats.wrong_cells} | {done.rate:.0f} | {stats.slowest * 1000:.0f} ms "
                     f"({stats.slowest_size} B) | {stats.largest} B |")
    for name, done in progress.items():
        for failure in sorted(set(done.stats.failures))[:10]:
            lines.append(f"- {name}: {failure}")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.fuzz", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--inputs", type=int, default=100_000, help="inputs per target")
    parser.add_argument("--workers", type=int, default=default_workers(),
                        help="worker processes (default: one per core)")
    parser.add_argument("--minutes", type=float, default=60.0, help="time budget of the run")
    parser.add_argument("--until", help="stop at this UTC time instead (HH:MM)")
    parser.add_argument("--target", action="append", choices=target_names(),
                        help="run only these targets")
    parser.add_argument("--seed", type=int, default=0, help="first random seed")
    parser.add_argument("--out", type=Path, help="write the figures here as the run goes")
    parser.add_argument("--crashes", type=Path, default=Path("fuzz-crashes"),
                        help="where inputs that broke a promise are saved")
    arguments = parser.parse_args(argv)
    names = arguments.target or target_names()
    inputs = {name: min(arguments.inputs, PROCESS_INPUTS) if name == "cli-process"
              else arguments.inputs for name in names}
    started = datetime.datetime.now(datetime.timezone.utc)
    command = "python -m tests.fuzz " + " ".join(argv if argv is not None else sys.argv[1:])

    def report(progress: dict[str, Progress], final: bool = False) -> None:
        if arguments.out is not None:
            text = figures(progress, started=started, command=command,
                           workers=arguments.workers, final=final)
            partial = arguments.out.with_name(arguments.out.name + ".part")
            partial.write_text(text, encoding="utf-8")
            partial.replace(arguments.out)

    progress = campaign(names, inputs=inputs, workers=arguments.workers,
                        until=_deadline(arguments), seed=arguments.seed, report=report,
                        crashes=arguments.crashes)
    report(progress, final=True)
    print(figures(progress, started=started, command=command, workers=arguments.workers,
                  final=True))
    broken = sum(done.stats.crashes + done.stats.wrong_cells for done in progress.values())
    return 1 if broken else 0


if __name__ == "__main__":
    sys.exit(main())
