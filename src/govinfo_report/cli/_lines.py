"""Find the line of a JSON path in a JSON text, for annotations that point at the key.

>>> text = '{\\n  "a": {"total": 1},\\n  "b": {\\n    "total": 2\\n  }\\n}'
>>> line_of(text, "$.b.total")
4

A key that is missing is placed at its parent: the line where the parent
object is keyed (line 1 for a key missing at the root).

>>> line_of(text, "$.b.count")
3
>>> line_of(text, "$.c")
1
>>> line_of("", "$.a") is None
True
"""

from __future__ import annotations

import json
import re

from ..exceptions import UnknownPathError
from ..labels import parse_path

__all__ = ["line_of"]

_TOKEN = re.compile(r'"((?:[^"\\]|\\.)*)"(\s*:)?|[{}\[\],]')


def line_of(text: str, json_path: str) -> int | None:
    """The 1-based line where the value at ``json_path`` is keyed.

    The text is scanned token by token, following the path one level at a
    time, so keys of the same name elsewhere are not mistaken for it. For
    the root ``$`` the answer is line 1. When the path stops existing below
    some object, the answer is the line of that object (where a missing key
    would go); ``None`` when the text holds no JSON container at all.
    """
    try:
        segments = parse_path(json_path)
    except UnknownPathError:
        return None
    if not segments:
        return 1
    matched = 0
    # The line of the deepest value matched so far: where a missing key belongs.
    found_line: int | None = None
    # Each open container: is it an array, and how many elements precede the cursor.
    stack: list[list[int]] = []
    for token in _TOKEN.finditer(text):
        symbol = token.group(0)
        if symbol in "{[":
            if not stack and found_line is None:
                found_line = _line(text, token.start())
            stack.append([symbol == "[", 0])
            if symbol == "[" and len(stack) == matched + 1 and segments[matched] == 0:
                matched += 1
                found_line = _line(text, token.end())
                if matched == len(segments):
                    return found_line
        elif symbol in "}]":
            if not stack:
                return None
            stack.pop()
            # The container holding the last matched value (or that value itself)
            # is closed: the rest of the path is not in the document.
            if len(stack) <= matched:
                return found_line
        elif symbol == ",":
            container = stack[-1] if stack else None
            if container and container[0]:
                container[1] += 1
                if len(stack) == matched + 1 and segments[matched] == container[1]:
                    matched += 1
                    found_line = _line(text, token.end())
                    if matched == len(segments):
                        return found_line
        elif (token.group(2) and len(stack) == matched + 1 and not stack[-1][0]
              and _key(token.group(1)) == segments[matched]):
            matched += 1
            found_line = _line(text, token.start())
            if matched == len(segments):
                return found_line
    return None


def _key(raw: str) -> str:
    if "\\" not in raw:
        return raw
    try:
        key: str = json.loads(f'"{raw}"')
    except ValueError:
        return raw
    return key


_VALUE_START = re.compile(r"\S")


def _line(text: str, position: int) -> int:
    """The line of the first non-blank character at or after ``position``."""
    start = _VALUE_START.search(text, position)
    return text.count("\n", 0, start.start() if start else position) + 1
