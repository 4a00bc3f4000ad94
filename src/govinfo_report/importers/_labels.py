"""Tolerant label matching: the text a source shows against the official labels.

Published copies differ from the official labels in ways that do not change
their meaning, and matching removes them before comparing:

- whitespace and line breaks inside a cell (``本年新`` / ``制作数量``);
- punctuation width and kind (``(一)`` for ``（一）``, ``:`` for ``：``, quotes);
  comparison keys drop punctuation altogether;
- traditional characters (``總計``, ``不予處理``, ``重複申請``): :data:`TRADITIONAL`
  maps every traditional or variant character that simplifies to a character
  of the labels, part headings, metadata words and cell words (``無``, ``減``)
  to it. The table was built once from the label set and zhconv's
  simplification table, and a test holds it complete. A table built from the
  label set is enough because only labels are compared; narrative and names
  are kept as written. (A general converter such as OpenCC would add a
  dependency and megabytes of dictionaries to change nothing matching needs.)
- small OCR damage (``保护第三合法权益``): :func:`similarity` is difflib's ratio
  on the comparison keys; the importer accepts a match above a threshold and
  records the similarity in the provenance.

>>> label_key("（三） 不予處理")
'不予处理'
>>> split_number("(五) 不予处理")
('（五）', '不予处理')
>>> round(similarity("保护第三合法权益", "保护第三方合法权益"), 2)
0.94
"""

from __future__ import annotations

import difflib
import functools
import re
import unicodedata

__all__ = [
    "HEADING_ALIASES",
    "TRADITIONAL",
    "fold",
    "label_key",
    "similarity",
    "split_number",
]

#: Traditional → simplified for every character of the labels that differs.
TRADITIONAL = str.maketrans(
    "「」萬業個箇為爲擧舉鄉於㕥㠯會體關內𠕂𠕅決況減齣劃則製辦務働動區單捲廳縣發髮秖隻枱檯臺颱號閤後員"
    "咊囙國處復複實審傢對尙侷層屬佈秊廢癈開𫔭強噹當𪠽總執擴護報㨿據傚効數旂無朞機權條來搆構査檢沒㳒灋"
    "現監碼確祕稱穩簽籤類係繫糾級納組織經結繼續維編繳網罰罸範獲穫補規計認議許訟設訪訴詢說説請購費轉過"
    "這進踰埰寀採鎭鎮問際項題頟額",
    "“”万业个个为为举举乡于以以会体关内再再决况减出划则制办务动动区单卷厅县发发只只台台台台号合后员"
    "和因国处复复实审家对尚局层属布年废废开开强当当当总执扩护报据据效效数旗无期机权条来构构查检没法法"
    "现监码确秘称稳签签类系系纠级纳组织经结继续维编缴网罚罚范获获补规计认议许讼设访诉询说说请购费转过"
    "这进逾采采采镇镇问际项题额额",
)

#: Re-worded part headings seen in local reports, by part number (1–6).
HEADING_ALIASES: dict[int, tuple[str, ...]] = {
    4: ("因政府信息公开工作被申请行政复议和提起行政诉讼情况",
        "政府信息公开行政复议和行政诉讼情况"),
    5: ("政府信息公开工作存在的主要问题及改进情况",
        "政府信息公开工作中存在的主要问题及改进情况"),
    6: ("其他需要报告的事项", "其他需报告的事项"),
}

_NUMERALS = "一二三四五六七八九十"
_NUMBER = re.compile(
    rf"\s*(?:(?P<chapter>[{_NUMERALS}]{{1,3}})\s*[、,.]"
    rf"|\(\s*(?P<item>[{_NUMERALS}]{{1,3}})\s*\)"
    r"|(?P<sub>\d{1,2})\s*[.、,](?!\d))\s*")
_NOT_KEY = re.compile(r"[\W_]+")


@functools.lru_cache(maxsize=8192)
def fold(text: str) -> str:
    """Unicode compatibility forms (full-width ASCII, compatibility ideographs) and
    traditional characters folded away; nothing else changes."""
    if text.isascii():
        return text
    return unicodedata.normalize("NFKC", text).translate(TRADITIONAL)


@functools.lru_cache(maxsize=8192)
def split_number(text: str) -> tuple[str, str]:
    """Split an official numbering off the start of ``text``.

    The numbering comes back in its official typography (``一、``, ``（一）``,
    ``1.``), or ``""`` when there is none.
    """
    folded = fold(text)
    match = _NUMBER.match(folded)
    if match is None:
        return "", folded.strip()
    if match["chapter"]:
        number = match["chapter"] + "、"
    elif match["item"]:
        number = "（" + match["item"] + "）"
    else:
        number = match["sub"] + "."
    return number, folded[match.end():].strip()


@functools.lru_cache(maxsize=8192)
def label_key(text: str) -> str:
    """The comparison key of a label: numbering, whitespace and punctuation removed."""
    return _NOT_KEY.sub("", split_number(text)[1])


_ADDITION = re.compile(r"[（(][^（()）]*[)）]")


@functools.lru_cache(maxsize=8192)
def bare_key(text: str) -> str:
    """The comparison key of a label without its parenthetical additions (``规章（含政府
    规章）`` → ``规章``), as local reports widen official row labels."""
    return _NOT_KEY.sub("", _ADDITION.sub("", split_number(text)[1]))


@functools.lru_cache(maxsize=8192)
def text_key(text: str) -> str:
    """The comparison key of any text: whitespace and punctuation removed, numbering kept."""
    return _NOT_KEY.sub("", fold(text))


def similarity(found: str, official: str) -> float:
    """How alike two labels are, from 0 to 1, on their comparison keys."""
    a, b = label_key(found), label_key(official)
    if a == b:
        return 1.0
    return key_similarity(a, b)


@functools.lru_cache(maxsize=8192)
def key_similarity(a: str, b: str) -> float:
    """difflib's ratio of two comparison keys."""
    if not a or not b:
        return 0.0
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    return matcher.ratio()
