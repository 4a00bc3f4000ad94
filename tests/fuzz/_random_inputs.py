"""Inputs for the long run from a seeded ``random.Random``: cheaper per input than hypothesis.

The hypothesis strategies of :mod:`tests.fuzz._mutations` shrink failures
and suit the short run inside pytest; over 100 000 inputs per target their
bookkeeping costs more than the fastest targets themselves. These generators
make the same kinds of mutation from a plain random generator, so a run is
reproducible from its seed.
"""

from __future__ import annotations

import json
import random
from typing import Any

import attrs

from govinfo_report.examples import example_text, load_example
from govinfo_report.model import Report

from ._mutations import _ACTIONS, _INSERTS, HOSTILE_NUMBERS, HOSTILE_STRINGS, _locations
from ._targets import MARKUP

#: Cell values a narrative passage injects; no seed has them, so reading one is a wrong cell.
INJECTED_VALUE = 7777
_INJECTED_TEXT = (f"\n二、主动公开政府信息情况\n规章\t{INJECTED_VALUE}\t{INJECTED_VALUE}\t{INJECTED_VALUE}\n行政规范性文件\t{INJECTED_VALUE}\t{INJECTED_VALUE}\t{INJECTED_VALUE}\n"
                  )
_INJECTED_HTML = (f"<p>二、主动公开政府信息情况 规章 {INJECTED_VALUE} {INJECTED_VALUE} {INJECTED_VALUE}</p>"
                  f"<p>行政规范性文件\t{INJECTED_VALUE}\t{INJECTED_VALUE}\t{INJECTED_VALUE}</p>")
_JSON_PIECES = ("{", "[", "]", "}", ",", ":", '"', "\\", "\x00", "NaN", "1e400", "\ud800", " ")


def hostile_text(rng: random.Random) -> str:
    """A text made of hostile pieces, random characters and often the markup marker."""
    pieces = []
    for _ in range(rng.randint(0, 4)):
        choice = rng.random()
        if choice < 0.5:
            pieces.append(rng.choice(HOSTILE_STRINGS))
        elif choice < 0.8:
            pieces.append("".join(chr(rng.choice((rng.randint(0, 0x7F), rng.randint(0, 0xFFFF),
                                                 rng.randint(0, 0x10FFFF))))
                                  for _ in range(rng.randint(1, 8))))
        else:
            pieces.append(MARKUP)
    return "".join(pieces)


def hostile_value(rng: random.Random, depth: int = 0) -> Any:
    """A JSON value: a hostile leaf, a small container of them, or a deep nesting."""
    choice = rng.random()
    if choice < 0.3:
        return rng.choice(HOSTILE_NUMBERS)
    if choice < 0.55:
        return rng.choice(HOSTILE_STRINGS)
    if choice < 0.65:
        return hostile_text(rng)
    if choice < 0.72:
        return rng.choice((None, True, False, rng.randint(-10**6, 10**6), rng.random()))
    if choice < 0.8:
        value: Any = []
        for _ in range(rng.choice((2, 10, 63, 64, 65, 200, 300))):
            value = [value]
        return value
    if depth > 2:
        return None
    if choice < 0.9:
        return [hostile_value(rng, depth + 1) for _ in range(rng.randint(0, 3))]
    return {rng.choice(HOSTILE_STRINGS): hostile_value(rng, depth + 1)
            for _ in range(rng.randint(0, 3))}


def _text_mutation(rng: random.Random, text: str) -> str:
    action = rng.choice(("none", "none", "duplicate", "truncate", "insert", "digits"))
    if action == "duplicate":
        start = text.find('"', rng.randrange(len(text)))
        end = text.find('":', start + 1)
        if start != -1 and end != -1:
            return text[:start] + text[start:end + 2] + " null, " + text[start:]
    elif action == "truncate":
        return text[:rng.randint(0, len(text))]
    elif action == "insert":
        position = rng.randint(0, len(text))
        return text[:position] + rng.choice(_JSON_PIECES) + text[position:]
    elif action == "digits":
        position = rng.randrange(len(text))
        if text[position].isdigit():
            return text[:position] + "9" * rng.choice((17, 400, 5000)) + text[position:]
    return text


class DocumentMutator:
    """The bundled examples with values, keys or shapes changed (the ``loads`` target)."""

    def __init__(self) -> None:
        self._texts = {version: example_text(version) for version in ("2021", "2019")}

    def __call__(self, rng: random.Random) -> str | bytes:
        document: Any = json.loads(self._texts[rng.choice(("2021", "2019"))])
        for _ in range(rng.randint(1, 4)):
            container, key = rng.choice(_locations(document))
            action = rng.choice(_ACTIONS)
            if action == "replace":
                container[key] = hostile_value(rng)
            elif action == "delete" and isinstance(container, dict):
                del container[key]
            elif action == "add" and isinstance(container, dict):
                container[rng.choice(HOSTILE_STRINGS)] = hostile_value(rng)
            elif action == "rename" and isinstance(container, dict):
                container[rng.choice(HOSTILE_STRINGS)] = container.pop(key)
            elif action == "wrap":
                container[key] = [container[key]]
        text = _text_mutation(rng, json.dumps(document, ensure_ascii=rng.random() < 0.5,
                                              indent=rng.choice((None, 2))))
        encoding = rng.choice(("str", "utf-8", "utf-8-sig"))
        return text if encoding == "str" else text.encode(encoding, errors="surrogatepass")


def mutate_bytes(rng: random.Random, seed: bytes) -> bytes:
    """``seed`` with a few bytes flipped, inserted, deleted, repeated or cut."""
    data = bytearray(seed)
    for _ in range(rng.randint(1, 6)):
        position = rng.randint(0, len(data))
        action = rng.choice(("flip", "insert", "delete", "truncate", "repeat"))
        if action == "flip" and position < len(data):
            data[position] ^= 1 << rng.randrange(8)
        elif action == "insert":
            data[position:position] = (rng.choice(_INSERTS) if rng.random() < 0.6
                                       else rng.randbytes(rng.randint(0, 8)))
        elif action == "delete":
            del data[position:position + rng.randint(1, 64)]
        elif action == "truncate" and rng.random() < 0.3:
            del data[position:]
        elif action == "repeat":
            data[position:position] = data[position:position + 64] * rng.randint(2, 50)
    return bytes(data)


def inject_narrative(rng: random.Random, kind: str, seed: bytes) -> bytes:
    """``seed`` with a table-like passage of :data:`INJECTED_VALUE` at a line boundary."""
    passage = (_INJECTED_HTML if kind == "html" else _INJECTED_TEXT).encode()
    breaks = [index + 1 for index, byte in enumerate(seed) if byte == 0x0A] or [len(seed)]
    if kind == "html":
        breaks = [index for index in range(len(seed)) if seed.startswith(b"<p", index)] or breaks
    position = rng.choice(breaks)
    return seed[:position] + passage + seed[position:]


#: Text fields of the report the render targets fill with hostile texts, by part.
_TEXT_FIELDS = {
    "metadata": ("organ", "document_number", "signer"),
    "overview": ("summary", "proactive", "on_request", "management", "platform", "supervision"),
    "problems": ("problems", "improvements"),
    "other_matters": ("text",),
}


class HostileReports:
    """Valid reports (the bundled examples) whose texts are hostile; the organ carries markup.

    Built with ``attrs.evolve``, as code that builds reports would: the
    loader's refusals do not protect the renderers here.
    """

    def __init__(self) -> None:
        self._reports = [load_example("2021"), load_example("2019")]

    def __call__(self, rng: random.Random) -> Report:
        report = rng.choice(self._reports)
        changes: dict[str, Any] = {}
        for part, names in _TEXT_FIELDS.items():
            chosen = [name for name in names if rng.random() < 0.4]
            values = {name: hostile_text(rng) for name in chosen}
            if part == "metadata":
                values["organ"] = hostile_text(rng) + MARKUP
            if values:
                changes[part] = attrs.evolve(getattr(report, part), **values)
        if rng.random() < 0.3:
            changes["preamble"] = hostile_text(rng)
        return attrs.evolve(report, **changes)
