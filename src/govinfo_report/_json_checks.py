"""Checks of a JSON document that the JSON parsers do not make, without recursion.

The model's hooks check the values of the report's fields; what remains is
what any part of a document can hold, ``extensions`` included: nesting
deeper than :data:`~govinfo_report.limits.MAX_JSON_DEPTH`, lone surrogates
(which no UTF-8 file can hold), non-finite or absurdly long numbers, and
strings longer than :data:`~govinfo_report.limits.MAX_TEXT_LENGTH`. Each is
a located problem, so that whatever loads can be written back as valid
UTF-8 JSON.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterator
from itertools import accumulate
from typing import Any

import attrs

from . import limits
from .exceptions import Problem
from .labels import PathSegment, format_path
from .model import FormatVersion

__all__ = ["BadNumber", "Inspection", "depth_problem", "duplicate_key_problem", "inspect",
           "located", "parse_float", "parse_int"]

_LONE_SURROGATE = re.compile("[\ud800-\udfff]")
# The integers written in at most MAX_NUMBER_LENGTH characters.
_LARGEST_INT = 10**limits.MAX_NUMBER_LENGTH - 1
_SMALLEST_INT = -(10 ** (limits.MAX_NUMBER_LENGTH - 1) - 1)


@attrs.frozen
class BadNumber:
    """A JSON number the stdlib parser met that no report may hold; :func:`inspect` locates it."""

    text: str


def parse_int(text: str) -> int | BadNumber:
    """``parse_int`` of :func:`json.loads`: long digit runs stay unconverted."""
    return BadNumber(text) if len(text) > limits.MAX_NUMBER_LENGTH else int(text)


def parse_float(text: str) -> float | BadNumber:
    """``parse_float`` of :func:`json.loads`: ``1e400`` is no infinity."""
    if len(text) > limits.MAX_NUMBER_LENGTH:
        return BadNumber(text)
    value = float(text)
    return value if math.isfinite(value) else BadNumber(text)


@attrs.frozen
class Inspection:
    """What :func:`inspect` found: the first problems, how many more, and any float."""

    problems: tuple[Problem, ...]
    omitted: int
    has_float: bool


def _show(text: str) -> str:
    return text if len(text) <= 24 else text[:21] + "..."


def _shown_segment(segment: PathSegment) -> PathSegment:
    """A path segment fit for a message: no lone surrogate, not too long."""
    if isinstance(segment, int):
        return segment
    if not segment.isascii():
        segment = _LONE_SURROGATE.sub(lambda match: f"\\u{ord(match.group()):04x}", segment)
    return segment if len(segment) <= 64 else segment[:61] + "..."


def located(path: tuple[PathSegment, ...] | list[PathSegment], message: str) -> Problem:
    """A problem at ``path`` (of a JSON document, outside the model's labels)."""
    return Problem(json_path=format_path([_shown_segment(s) for s in path]), labels=(),
                   message=message)


def _value_problems(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        if len(value) > limits.MAX_TEXT_LENGTH:
            yield (f"文本有 {len(value)} 个字符，超过上限 {limits.MAX_TEXT_LENGTH}"
                   "（text longer than limits.MAX_TEXT_LENGTH）")
        if not value.isascii() and _LONE_SURROGATE.search(value):
            yield "含有孤立的代理码位，UTF-8 无法表示（lone surrogate; not valid Unicode text）"
    elif isinstance(value, BadNumber):
        if len(value.text) > limits.MAX_NUMBER_LENGTH:
            yield (f"数字有 {len(value.text)} 个字符，超过上限 {limits.MAX_NUMBER_LENGTH}"
                   "（number longer than limits.MAX_NUMBER_LENGTH）")
        else:
            yield f"数字 {_show(value.text)} 超出可表示范围（not a finite number）"
    elif isinstance(value, float) and not math.isfinite(value):
        yield f"不是有限的数（{value}）（not a finite number）"
    elif type(value) is int and not _SMALLEST_INT <= value <= _LARGEST_INT:
        yield (f"整数超过 {limits.MAX_NUMBER_LENGTH} 个字符"
               "（number longer than limits.MAX_NUMBER_LENGTH）")


def inspect(document: Any) -> Inspection:
    """Every problem of ``document`` (as parsed JSON) outside the model's value checks.

    The problems are labelled when the document names a known format. Linear
    in the size of the document, without recursion; a path is only spelled
    out for a problem.
    """
    format = _format_of(document)
    problems: list[Problem] = []
    found = 0
    has_float = False
    # Containers seen, as (parent index, segment), so that a path is built only
    # for a problem; and the containers still to visit, with their index and depth.
    parents: list[tuple[int, PathSegment]] = [(-1, "")]
    pending: list[tuple[Any, int, int]] = [(document, 0, 0)]

    def report(node: int, segment: PathSegment | None, message: str) -> None:
        nonlocal found
        found += 1
        if len(problems) < limits.MAX_PROBLEMS:
            problems.append(_labelled(_path_of(parents, node, segment), message, format))

    if not isinstance(document, (dict, list)):
        for message in _value_problems(document):
            report(0, None, message)
    while pending:
        container, node, depth = pending.pop()
        if depth >= limits.MAX_JSON_DEPTH:
            report(node, None, _depth_message())
            continue
        items = container.items() if isinstance(container, dict) else enumerate(container)
        for key, value in items:
            if type(key) is str and (len(key) > limits.MAX_TEXT_LENGTH or not key.isascii()):
                for message in _value_problems(key):
                    report(node, key, "键" + message)
            kind = type(value)
            if kind is dict or kind is list:
                # An empty container holds no problem, unless it is itself too deep.
                if value or depth + 1 >= limits.MAX_JSON_DEPTH:
                    parents.append((node, key))
                    pending.append((value, len(parents) - 1, depth + 1))
            elif kind is str:
                if len(value) > limits.MAX_TEXT_LENGTH or not value.isascii():
                    for message in _value_problems(value):
                        report(node, key, message)
            elif kind is int:
                if not _SMALLEST_INT <= value <= _LARGEST_INT:
                    for message in _value_problems(value):
                        report(node, key, message)
            elif kind is float or kind is BadNumber:
                has_float = has_float or kind is float
                for message in _value_problems(value):
                    report(node, key, message)
    return Inspection(problems=tuple(problems), omitted=found - len(problems),
                      has_float=has_float)


def _path_of(parents: list[tuple[int, PathSegment]], node: int,
             segment: PathSegment | None) -> tuple[PathSegment, ...]:
    path: list[PathSegment] = [] if segment is None else [segment]
    while node > 0:
        node, key = parents[node]
        path.append(key)
    return tuple(reversed(path))


def _format_of(document: Any) -> FormatVersion | None:
    raw = document.get("format") if isinstance(document, dict) else None
    try:
        return FormatVersion(raw) if isinstance(raw, str) else None
    except ValueError:
        return None


def _labelled(path: tuple[PathSegment, ...], message: str,
              format: FormatVersion | None) -> Problem:
    problem = located(path, message)
    if format is None or not path or isinstance(path[0], int) or path[0] == "extensions":
        return problem
    from ._errors import problem_at

    return attrs.evolve(problem, labels=problem_at(path, message, format).labels)


def _depth_message() -> str:
    return (f"嵌套超过 {limits.MAX_JSON_DEPTH} 层（nesting deeper than "
            f"limits.MAX_JSON_DEPTH = {limits.MAX_JSON_DEPTH}）")


_STRING = re.compile(r'"(?:[^"\\]|\\.)*"', re.DOTALL)
_NOT_BRACKET = re.compile(r"[^\[\]{}]+")
_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|[\[\]{}:,]', re.DOTALL)
_DEPTH_STEP = {"[": 1, "{": 1, "]": -1, "}": -1}


def depth_problem(text: str) -> Problem | None:
    """The place where ``text`` nests deeper than the limit, if it does; linear, no recursion."""
    if text.count("[") + text.count("{") <= limits.MAX_JSON_DEPTH:
        return None  # a report opens about 55: no need to set strings apart
    brackets = _NOT_BRACKET.sub("", _STRING.sub("", text))
    opening = brackets.count("[") + brackets.count("{")
    if opening <= limits.MAX_JSON_DEPTH or max(
            accumulate(map(_DEPTH_STEP.__getitem__, brackets))) <= limits.MAX_JSON_DEPTH:
        return None
    return _scan(text, find_duplicates=False)


def duplicate_key_problem(text: str) -> Problem | None:
    """The place of the first duplicated key of ``text`` (valid JSON), if any."""
    return _scan(text, find_duplicates=True)


class _Frame:
    __slots__ = ("expecting_key", "keys", "segment")

    def __init__(self, is_object: bool) -> None:
        self.keys: set[str] | None = set() if is_object else None
        self.segment: PathSegment = "" if is_object else 0
        self.expecting_key = is_object


def _scan(text: str, *, find_duplicates: bool) -> Problem | None:
    """Walk the tokens of ``text`` keeping the path, up to the first excess depth or duplicate."""
    stack: list[_Frame] = []
    for match in _TOKEN.finditer(text):
        token = match.group()
        if token in ("[", "{"):
            if len(stack) >= limits.MAX_JSON_DEPTH:
                return located([frame.segment for frame in stack], _depth_message())
            stack.append(_Frame(token == "{"))
        elif token in ("]", "}"):
            if stack:
                stack.pop()
        elif not stack:
            continue
        elif token == ",":
            frame = stack[-1]
            if frame.keys is None:
                frame.segment = int(frame.segment) + 1
            else:
                frame.expecting_key = True
        elif token == ":":
            stack[-1].expecting_key = False
        elif stack[-1].expecting_key:
            frame = stack[-1]
            try:
                key = json.loads(token)
            except ValueError:
                continue
            assert frame.keys is not None
            frame.segment = key
            if find_duplicates and key in frame.keys:
                shown = json.dumps(_shown_segment(key), ensure_ascii=False)
                return located([frame.segment for frame in stack],
                               f"重复的键 {shown}（duplicate key）")
            frame.keys.add(key)
    return None
