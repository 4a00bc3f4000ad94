"""Goals measured against a peer in the same run, printed the same way by every benchmark.

A goal is a figure with a bound: either an absolute one (``≤ 0.25 s``) or a
ratio to a peer measured in the same run (``≤ 1.0× pydantic strict decode``).
Ratios are what the goals are about, since absolute times move with the
machine and its load; the absolute figures are printed beside them.

Usage::

    goals = Goals("check")
    goals.ratio("full check, 2021", ours_us, "pydantic validate_json", peer_us,
                at_most=1.0, unit="µs")
    goals.absolute("validate one.json start-up", seconds, at_most=0.25, unit="s")
    goals.print()          # the table, each line ending in met / not met
"""

from __future__ import annotations

import timeit
from collections.abc import Callable
from typing import Any

import attrs

__all__ = ["Goal", "Goals", "best_of"]


def best_of(function: Callable[[], Any], *, number: int, repeat: int = 7) -> float:
    """Seconds per call: the minimum over ``repeat`` passes of ``number`` calls."""
    return min(timeit.repeat(function, number=number, repeat=repeat)) / number


@attrs.frozen
class Goal:
    """One figure, its bound, and whether it was met."""

    name: str
    value: float
    unit: str
    at_most: float
    #: For a ratio goal: the peer's name and its figure in the same run.
    peer: str | None = None
    peer_value: float | None = None

    @property
    def measured(self) -> float:
        """What is held to ``at_most``: the ratio to the peer, or the value itself."""
        if self.peer_value is None:
            return self.value
        return self.value / self.peer_value

    @property
    def met(self) -> bool:
        return self.measured <= self.at_most

    def line(self) -> str:
        verdict = "met" if self.met else "NOT MET"
        if self.peer_value is None:
            return (f"{self.name}: {self.value:.4g} {self.unit} "
                    f"(goal ≤ {self.at_most:g} {self.unit}) — {verdict}")
        return (f"{self.name}: {self.value:.4g} {self.unit} against {self.peer} "
                f"{self.peer_value:.4g} {self.unit} = ×{self.measured:.2f} "
                f"(goal ≤ ×{self.at_most:g}) — {verdict}")


@attrs.define
class Goals:
    """The goals of one benchmark run, in the order they were measured."""

    title: str
    goals: list[Goal] = attrs.Factory(list)

    def ratio(self, name: str, value: float, peer: str, peer_value: float, *,
              at_most: float, unit: str) -> Goal:
        goal = Goal(name, value, unit, at_most, peer, peer_value)
        self.goals.append(goal)
        return goal

    def absolute(self, name: str, value: float, *, at_most: float, unit: str) -> Goal:
        goal = Goal(name, value, unit, at_most)
        self.goals.append(goal)
        return goal

    def print(self) -> None:
        print(f"\n== goals: {self.title} ==")
        for goal in self.goals:
            print(goal.line())
        met = sum(goal.met for goal in self.goals)
        print(f"{met} of {len(self.goals)} goals met")
