"""N1's statements: what the texts of 一、总体情况 say in numbers, and the cells they state."""

from __future__ import annotations

from ..labels import iter_fields
from ..model import FormatVersion
from ._conditions import stated_in_text
from ._numerals import NUMBER
from ._relations import Relation

__all__ = ["n1"]

_APPLICATIONS = "$.applications"
_RESULTS = "$.applications.results"

# The texts of 一、总体情况. Patterns stay in the common subset of Python and
# ECMAScript regular expressions; group 1 is the number, Arabic or Chinese
# numerals (``._numerals``), and a pattern without it states zero.
_OVERVIEW = tuple(field.json_path for field in iter_fields(FormatVersion.V2021)
                  if field.path[0] == "overview" and len(field.path) == 2)
# Statements never run across a line, a clause or an Arabic number: the screen
# scans the texts joined by newlines.
_GAP = "[^，。；！？\\n0-9０-９]"
_ITEM_GAP = "[^，。；！？\\n0-9０-９、]"  # nor across the items of a list
_COUNT = f"({NUMBER})件"
# A zero form (``未收到…申请``) followed by a count is a negated clause, not zero.
_NO_COUNT_AFTER = f"(?!{_GAP}{{0,4}}(?:{NUMBER})件)"
# Applications for disclosure, not for licences or petitions (``受理行政审批申请``).
_DISCLOSURE = f"(?:公开{_GAP}{{0,4}}?申请|申请{_GAP}{{0,2}}?公开)"
# ``未发生行政复议被纠错的情况`` is about outcomes: it does not say there were none.
_NOT_OUTCOME = f"(?!{_ITEM_GAP}{{0,3}}(?:纠错|纠正|败诉))"
_NONE = (f"(?:未|没有)(?:因{_GAP}{{0,12}}?)?(?:被申请|被提起|提起|发生|收到|出现|引发|引起)"
         f"{_GAP}{{0,16}}?")
_RECEIVED = (f"{_APPLICATIONS}.new_received.total",)
_RECONSIDERED = ("$.reviews.reconsideration.total",)
_LITIGATED = ("$.reviews.litigation_direct.total",
              "$.reviews.litigation_after_reconsideration.total")
# Each pattern starts with a literal or a small set of characters, which keeps
# the scan fast; the zero forms are patterns of their own.
_STATEMENTS = (
    (f"(?:收到|新收|受理){_GAP}{{0,12}}?{_DISCLOSURE}{_GAP}{{0,6}}?{_COUNT}", _RECEIVED,
     ("收到", "新收", "受理")),
    (f"(?:未|没有)(?:收到|受理){_GAP}{{0,12}}?{_DISCLOSURE}{_NO_COUNT_AFTER}", _RECEIVED,
     ("收到", "受理")),
    (f"予以公开(?<!不予以公开)(?<!部分予以公开){_ITEM_GAP}{{0,2}}?{_COUNT}",
     (f"{_RESULTS}.granted.total",), ("予以公开",)),
    (f"部分(?:予以)?公开{_ITEM_GAP}{{0,2}}?{_COUNT}", (f"{_RESULTS}.partially_granted.total",),
     ("部分公开", "部分予以公开")),
    (f"行政复议{_ITEM_GAP}{{0,2}}?{_COUNT}", _RECONSIDERED, ("行政复议",)),
    (f"{_NONE}行政复议{_NOT_OUTCOME}{_NO_COUNT_AFTER}", _RECONSIDERED, ("行政复议",)),
    (f"行政诉讼{_ITEM_GAP}{{0,2}}?{_COUNT}", _LITIGATED, ("行政诉讼",)),
    (f"{_NONE}行政诉讼{_NOT_OUTCOME}{_NO_COUNT_AFTER}", _LITIGATED, ("行政诉讼",)),
)


def n1() -> tuple[Relation, ...]:
    return tuple(stated_in_text(_OVERVIEW, pattern, cells, keywords=keywords)
                 for pattern, cells, keywords in _STATEMENTS)
