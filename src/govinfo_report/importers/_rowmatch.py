"""Matching a row label of the source to an official row: exactly, or by similarity."""

from __future__ import annotations

import re

import attrs

from ._labels import bare_key, key_similarity, label_key, split_number
from ._layout import RowLayout

__all__ = ["SURE_SIMILARITY", "Match", "exact_match", "fuzzy_match"]

#: A label matched below this similarity is reported as doubtful.
SURE_SIMILARITY = 0.8
_MIN_SIMILARITY = 0.45
_MIN_SCORE = 0.75
_NUMBER_BONUS = 0.15
_ORDER_BONUS = 0.1

_ADDED = re.compile(r"[（(][^（()）]+[)）]")


@attrs.frozen
class Match:
    """An official row matched by the end of a segment's label text."""

    row: RowLayout
    found: str
    similarity: float
    number: str
    #: How many label units (from the end) the match used.
    size: int = 1


def exact_match(units: list[str], by_key: dict[str, RowLayout],
                by_bare: dict[str, RowLayout]) -> Match | None:
    """The row whose label equals the end of ``units`` after normalisation (or, for a
    label with a parenthetical addition, without it)."""
    for size in range(min(len(units), 6), 0, -1):
        number, text = split_number("".join(units[-size:]))
        row = by_key.get(label_key(text))
        if row is not None and (not number or not row.number or number == row.number):
            return Match(row, " ".join(units[-size:]), 1.0, number, size)
    # An official label with a parenthetical addition of the report's own.
    for size in range(min(len(units), 6), 0, -1):
        joined = "".join(units[-size:])
        if not _ADDED.search(joined):
            continue
        number, text = split_number(joined)
        row = by_bare.get(bare_key(text))
        if row is not None and (not number or not row.number or number == row.number):
            return Match(row, " ".join(units[-size:]), 1.0, number, size)
    return None


def fuzzy_match(units: list[str], candidates: list[RowLayout], next_index: int) -> Match | None:
    """The row among ``candidates`` whose label is most like the end of ``units``, helped
    by its numbering and by being the row after the last one read (``next_index``)."""
    best: tuple[float, Match] | None = None
    following = [row for row in candidates if row.index == next_index]
    tries = []
    for size in range(1, min(len(units), 4) + 1):
        number, text = split_number("".join(units[-size:]))
        key = label_key(text)
        if len(key) >= 2:
            tries.append((size, number, key))
    # The row after the last one read, when it is clearly the one, spares the search.
    for size, number, key in tries:
        for row in following:
            ratio = key_similarity(key, row.key)
            if ratio >= SURE_SIMILARITY:
                return Match(row, " ".join(units[-size:]), ratio, number, size)
    for size, number, key in tries:
        for row in candidates:
            # difflib's ratio is at most 2·min/(sum) of the two lengths.
            bound = 2 * min(len(key), len(row.key)) / (len(key) + len(row.key))
            if bound < _MIN_SIMILARITY or (best is not None and
                                           bound + _NUMBER_BONUS + _ORDER_BONUS <= best[0]):
                continue
            ratio = key_similarity(key, row.key)
            if ratio < _MIN_SIMILARITY:
                continue
            score = ratio
            if number and number == row.number:
                score += _NUMBER_BONUS
            if row.index == next_index:
                score += _ORDER_BONUS
            if score >= _MIN_SCORE and (best is None or score > best[0]):
                best = (score, Match(row, " ".join(units[-size:]), ratio, number, size))
    return best[1] if best is not None else None
