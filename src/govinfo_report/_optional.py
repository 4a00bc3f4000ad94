"""Optional packages (the extras), imported when a feature first needs them."""

from __future__ import annotations

import importlib
from typing import Any

from .exceptions import MissingDependencyError

__all__ = ["optional_module"]


def optional_module(name: str, feature: str, feature_en: str, *, package: str,
                    extra: str) -> Any:
    """The module ``name``, or :class:`MissingDependencyError` naming the extra to install.

    >>> optional_module("json", "读 JSON", "reading JSON", package="json", extra="core").__name__
    'json'
    """
    try:
        return importlib.import_module(name)
    except ImportError:
        raise MissingDependencyError(feature, feature_en, package=package, extra=extra) from None
