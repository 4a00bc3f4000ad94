"""Folding of look-alike CJK code points before a document is read.

Text copied from PDFs printed by browsers, and some web pages, carry Kangxi
radicals (U+2F00–U+2FD5), CJK Radicals Supplement characters
(U+2E80–U+2EF3) and CJK compatibility ideographs where the ordinary
characters belong: ``⼈⺠政府`` looks like ``人民政府`` but matches nothing.
Every importer folds its blocks here, one code point for one, so the
positions of the text do not move; the provenance keeps the text as written.

NFKC folds the Kangxi radicals and the compatibility ideographs; it leaves
the supplement alone, whose equivalents are Unicode's
``EquivalentUnifiedIdeograph.txt`` (15.0) restricted to that block, copied
below once and checked by the tests.

>>> fold("⼈⺠政府")
'人民政府'
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

import attrs

from ._assemble import assemble
from ._grid import Block
from ._result import ImportResult, SourceInfo

__all__ = ["FOLDED_RANGES", "fold", "fold_and_assemble"]

#: The code point ranges folded (first, last), inclusive.
FOLDED_RANGES = ((0x2E80, 0x2EF3), (0x2F00, 0x2FD5), (0xF900, 0xFAFF), (0x2F800, 0x2FA1F))

#: CJK Radicals Supplement: each radical followed by its equivalent unified ideograph.
_SUPPLEMENT = (
    "⺁厂⺂乛⺃乚⺄乙⺅亻⺆冂⺇𠘨⺈刀⺉刂⺊卜⺋㔾⺌小⺍小⺎兀⺏尣⺐尢"
    "⺑𡯂⺒巳⺓幺⺔彑⺕𫜹⺖忄⺗心⺘扌⺙攵⺛旡⺜日⺝月⺞歺⺟母⺠民⺡氵"
    "⺢氺⺣灬⺤爫⺥爫⺦丬⺧牛⺨犭⺩王⺪𤴔⺫目⺬示⺭礻⺮𥫗⺯糹⺰纟⺱罓"
    "⺲罒⺳㓁⺴冗⺵𦉫⺶羊⺷𦍌⺸𦍋⺹耂⺺肀⺻聿⺼肉⺽𦥑⺾艹⺿艹⻀艹⻁虎"
    "⻂衤⻃覀⻄西⻅见⻆角⻇𧢲⻈讠⻉贝⻊𧾷⻋车⻌辶⻍辶⻎辶⻏邑⻐钅⻑長"
    "⻒镸⻓长⻔门⻕𨸏⻖阝⻗雨⻘青⻙韦⻚页⻛风⻜飞⻝食⻞𩙿⻟飠⻠饣⻡𩠐"
    "⻢马⻣骨⻤鬼⻥鱼⻦鸟⻧卤⻨麦⻩黄⻪黾⻫斉⻬齐⻭歯⻮齿⻯竜⻰龙⻱龜"
    "⻲亀⻳龟"
)


def _table() -> dict[int, str]:
    table: dict[int, str] = {}
    for first, last in FOLDED_RANGES[1:]:
        for code in range(first, last + 1):
            folded = unicodedata.normalize("NFKC", chr(code))
            if len(folded) == 1 and folded != chr(code):
                table[code] = folded
    table.update({ord(radical): unified
                  for radical, unified in zip(_SUPPLEMENT[::2], _SUPPLEMENT[1::2], strict=True)})
    return table


_TABLE = _table()
_FOLDABLE = frozenset(chr(code) for code in _TABLE)


def fold(text: str) -> str:
    """``text`` with every radical and compatibility ideograph replaced by its unified form."""
    return text.translate(_TABLE) if not _FOLDABLE.isdisjoint(text) else text


def _fold_block(block: Block, changed: list[tuple[str, str]]) -> Block:
    if _FOLDABLE.isdisjoint(block.text):
        return block
    cells = []
    for cell in block.cells:
        folded = fold(cell.text)
        if folded != cell.text:
            changed.append((folded, cell.text))
            cell = attrs.evolve(cell, text=folded)
        cells.append(cell)
    return attrs.evolve(block, cells=tuple(cells))


def _original(text: str, changed: list[tuple[str, str]]) -> str:
    for folded, original in changed:
        start = folded.find(text)
        if start >= 0:
            return original[start:start + len(text)]
    return text


def fold_and_assemble(blocks: Sequence[Block], source: SourceInfo) -> ImportResult:
    """Fold the blocks, read the report from them, and put the text as written back
    into the provenance of every cell, label and field read from folded text."""
    changed: list[tuple[str, str]] = []
    result = assemble([_fold_block(block, changed) for block in blocks], source)
    if not changed:
        return result
    return attrs.evolve(
        result,
        cells={path: attrs.evolve(cell, raw=_original(cell.raw, changed))
               for path, cell in result.cells.items()},
        fields={path: attrs.evolve(field, raw=_original(field.raw, changed))
                for path, field in result.fields.items()},
        labels=tuple(attrs.evolve(match, found=_original(match.found, changed))
                     for match in result.labels))
