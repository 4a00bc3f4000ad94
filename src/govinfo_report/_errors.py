"""Turn cattrs' nested validation errors into located, labelled problems."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import attrs
from cattrs.errors import (
    AttributeValidationNote,
    ClassValidationError,
    ForbiddenExtraKeysError,
    IterableValidationError,
    IterableValidationNote,
)

from ._hooks import ValueProblem
from .exceptions import Problem, UnknownPathError
from .labels import PathSegment, field_info, format_path
from .model import FormatVersion

__all__ = ["Found", "problem_at", "problems_from_exception"]


def problem_at(path: tuple[PathSegment, ...], message: str, format: FormatVersion) -> Problem:
    """A problem at ``path`` labelled from the registry (unlabelled if the path is unknown)."""
    labels: tuple[str, ...] = ()
    probe = path
    while probe:
        try:
            labels = field_info(probe, format).labels
            break
        except UnknownPathError:
            probe = probe[:-1]
    return Problem(json_path=format_path(path), labels=labels, message=message)


@attrs.frozen
class Found:
    """The first problems of an error, and how many more it holds."""

    problems: tuple[Problem, ...]
    omitted: int


def problems_from_exception(error: BaseException, format: FormatVersion, *,
                            limit: int) -> Found:
    """The first ``limit`` problems in a structuring error, in document order; the rest counted."""
    problems: list[Problem] = []
    omitted = 0
    for path, message in _walk(error, ()):
        if len(problems) < limit:
            problems.append(problem_at(path, message, format))
        else:
            omitted += 1
    return Found(problems=tuple(problems), omitted=omitted)


def _notes(error: BaseException) -> list[Any]:
    return list(getattr(error, "__notes__", []))


def _walk(error: BaseException, path: tuple[PathSegment, ...]
          ) -> Iterator[tuple[tuple[PathSegment, ...], str]]:
    if isinstance(error, ForbiddenExtraKeysError):
        for key in sorted(error.extra_fields):
            yield (*path, key), (f"未知的键 {json.dumps(key, ensure_ascii=False)}，"
                                 "该位置不允许出现（unknown key）")
        return
    if isinstance(error, (ClassValidationError, IterableValidationError)):
        for child in error.exceptions:
            child_path = path
            for note in _notes(child):
                if isinstance(note, AttributeValidationNote):
                    child_path = (*path, note.name)
                elif isinstance(note, IterableValidationNote):
                    child_path = (*path, int(note.index))
            yield from _walk(child, child_path)
        return
    if isinstance(error, KeyError):
        yield path, "缺少必需的键（required key is missing）"
        return
    if isinstance(error, ValueProblem):
        yield path, str(error)
        return
    yield path, f"无法读取：{error}（cannot be read）"
