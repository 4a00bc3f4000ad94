"""Hypothesis strategies that mutate the seed inputs: structured for JSON, bytes for importers."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import strategies as st

from govinfo_report.examples import example_text

from ._targets import MARKUP

#: Strings that test the edges of every text and value domain.
HOSTILE_STRINGS = (
    "", " ", "X\ud800", "\udc00", "\ud83d\ude00", "\u202egpj.exe", "\u2066a\u2069", "\x00",
    "\x1b[31m", "\ufeff", "\ufffe", "NaN", "Infinity", "-Infinity", "sNaN", "1e3", "-0", "0",
    "12.50", "0." + "0" * 11 + "1", "9" * 31, "1" * 5000, "2024-02-30", "110000",
    "http://", MARKUP, "三五", "一亿", "$.metadata", "\\", '"', "\n" * 3, "字" * 300,
)
HOSTILE_NUMBERS = (
    0, -1, 1, 2**53 - 1, 2**53, -(2**53), 2**63, 2**64, 10**30, 10**99, 10**100, 10**400,
    0.5, 1.0, -0.0, 1e308, 5e-324, float("inf"), float("-inf"), float("nan"), True, False,
)


def _nested(depth: int) -> Any:
    value: Any = []
    for _ in range(depth):
        value = [value]
    return value


json_leaves = (st.none() | st.booleans() | st.integers() | st.sampled_from(HOSTILE_NUMBERS)
               | st.floats() | st.sampled_from(HOSTILE_STRINGS) | st.text(max_size=20))
hostile_values = st.one_of(
    json_leaves,
    st.recursive(json_leaves, lambda inner: st.lists(inner, max_size=3)
                 | st.dictionaries(st.sampled_from(HOSTILE_STRINGS) | st.text(max_size=5),
                                   inner, max_size=3), max_leaves=6),
    st.integers(1, 300).map(_nested),
)


def _locations(document: Any) -> list[tuple[Any, Any]]:
    """Every (container, key or index) of ``document``, iteratively."""
    found: list[tuple[Any, Any]] = []
    pending = [document]
    while pending:
        node = pending.pop()
        keys = list(node) if isinstance(node, dict) else range(len(node))
        for key in keys:
            found.append((node, key))
            if isinstance(node[key], (dict, list)):
                pending.append(node[key])
    return found


_ACTIONS = ("replace", "replace", "replace", "delete", "add", "rename", "wrap")


@st.composite
def mutated_documents(draw: st.DrawFn) -> str | bytes:
    """A bundled example with a few values, keys or shapes changed, as JSON text or bytes."""
    version = draw(st.sampled_from(["2021", "2019"]))
    document: Any = json.loads(example_text(version))
    for _ in range(draw(st.integers(1, 4))):
        container, key = draw(st.sampled_from(_locations(document)))
        action = draw(st.sampled_from(_ACTIONS))
        if action == "replace":
            container[key] = draw(hostile_values)
        elif action == "delete" and isinstance(container, dict):
            del container[key]
        elif action == "add" and isinstance(container, dict):
            container[draw(st.sampled_from(HOSTILE_STRINGS))] = draw(hostile_values)
        elif action == "rename" and isinstance(container, dict):
            container[draw(st.sampled_from(HOSTILE_STRINGS))] = container.pop(key)
        elif action == "wrap":
            container[key] = [container[key]]
    text = json.dumps(document, ensure_ascii=draw(st.booleans()),
                      indent=draw(st.sampled_from([None, 2])))
    text = draw(_text_mutation(text))
    encoding = draw(st.sampled_from(["str", "utf-8", "utf-8-sig"]))
    if encoding == "str":
        return text
    return text.encode(encoding, errors="surrogatepass")


@st.composite
def _text_mutation(draw: st.DrawFn, text: str) -> str:
    action = draw(st.sampled_from(["none", "none", "duplicate", "truncate", "insert", "digits"]))
    if action == "duplicate":
        keys = [index for index in range(len(text)) if text.startswith('"', index)
                and text.find('":', index + 1) != -1]
        if keys:
            start = draw(st.sampled_from(keys[:200]))
            end = text.find('":', start + 1)
            return text[:start] + text[start:end + 2] + " null, " + text[start:]
    if action == "truncate":
        return text[:draw(st.integers(0, len(text)))]
    if action == "insert":
        position = draw(st.integers(0, len(text)))
        piece = draw(st.sampled_from(["{", "[", "]", "}", ",", ":", '"', "\\", "\x00",
                                      "NaN", "1e400", "\ud800", " "]))
        return text[:position] + piece + text[position:]
    if action == "digits":
        digits = [index for index, char in enumerate(text) if char.isdigit()]
        if digits:
            position = draw(st.sampled_from(digits))
            return text[:position] + "9" * draw(st.sampled_from([17, 400, 5000])) + text[position:]
    return text


_INSERTS = (b"\x00", b"\xff", b"\t", b"\n", b"|", b"<td>", b"</table>", b"<table>", "万".encode(),
            "一、".encode(), "０１２".encode(), b"9" * 5000, "\u202e".encode(), b"%PDF",
            b"PK\x03\x04", b"<!--", b"&#xD800;", "（".encode())


@st.composite
def mutated_bytes(draw: st.DrawFn, corpus: list[bytes]) -> bytes:
    """A seed with a few bytes flipped, inserted, deleted, repeated or cut."""
    data = bytearray(draw(st.sampled_from(corpus)))
    for _ in range(draw(st.integers(1, 6))):
        position = draw(st.integers(0, len(data)))
        action = draw(st.sampled_from(["flip", "insert", "delete", "truncate", "repeat"]))
        if action == "flip" and position < len(data):
            data[position] ^= 1 << draw(st.integers(0, 7))
        elif action == "insert":
            data[position:position] = draw(st.sampled_from(_INSERTS) | st.binary(max_size=8))
        elif action == "delete":
            del data[position:position + draw(st.integers(1, 64))]
        elif action == "truncate":
            del data[position:]
        elif action == "repeat":
            data[position:position] = data[position:position + 64] * draw(st.integers(2, 50))
    return bytes(data)
