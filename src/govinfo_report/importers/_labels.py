"""Tolerant label matching: the text a source shows against the official labels.

Published copies differ from the official labels in ways that do not change
their meaning, and matching removes them before comparing:

- whitespace and line breaks inside a cell (``本年新`` / ``制作数量``);
- punctuation width and kind (``(一)`` for ``（一）``, ``:`` for ``：``, quotes);
  comparison keys drop punctuation altogether;
- traditional characters (``總計``, ``不予處理``): :data:`TRADITIONAL` maps the
  traditional form of every character that occurs in the labels, headings and
  metadata words to its simplified form. A table built from the label set is
  enough because only labels are compared; narrative text is kept as written.
  (A general converter such as OpenCC would add a dependency and several
  megabytes of dictionaries to change nothing that matching needs.)
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
    "「」萬業爲為舉於會體關內決況減劃則辦務動區單發臺號後國處復實審對層屬廢開強當總執擴護報據數無"
    "機權條來構檢沒現監碼確祕稱穩籤類糾級納組織經結繼續維編繳網罰範獲補規計認議許訟設訪訴詢說説請"
    "購費轉過這進採問際項題額",
    "“”万业为为举于会体关内决况减划则办务动区单发台号后国处复实审对层属废开强当总执扩护报据数无"
    "机权条来构检没现监码确秘称稳签类纠级纳组织经结继续维编缴网罚范获补规计认议许讼设访诉询说说请"
    "购费转过这进采问际项题额",
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


def fold(text: str) -> str:
    """Unicode compatibility forms (full-width ASCII, compatibility ideographs) and
    traditional characters folded away; nothing else changes."""
    if text.isascii():
        return text
    return unicodedata.normalize("NFKC", text).translate(TRADITIONAL)


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


def label_key(text: str) -> str:
    """The comparison key of a label: numbering, whitespace and punctuation removed."""
    return _NOT_KEY.sub("", split_number(text)[1])


def text_key(text: str) -> str:
    """The comparison key of any text: whitespace and punctuation removed, numbering kept."""
    return _NOT_KEY.sub("", fold(text))


def similarity(found: str, official: str) -> float:
    """How alike two labels are, from 0 to 1, on their comparison keys."""
    a, b = label_key(found), label_key(official)
    if a == b:
        return 1.0
    return key_similarity(a, b)


def key_similarity(a: str, b: str) -> float:
    """difflib's ratio of two comparison keys."""
    if not a or not b:
        return 0.0
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    return matcher.ratio()
