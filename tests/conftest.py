"""Test-wide settings.

Hypothesis's per-example deadline is a timing check, and speed is measured in
``benchmarks/``, not in tests: on a shared two-core machine the deadline fails
tests that are right. The suite runs without it.
"""

from hypothesis import settings

settings.register_profile("suite", deadline=None)
settings.load_profile("suite")
