"""Han script folded two ways, both with data that ships inside the installed packages (no network):
traditional to simplified with OpenCC's dictionaries ("張國華" -> "张国华"), and to toneless pinyin with
pypinyin's ("张国华" -> zhang guo hua), plus splitting pinyin written in Latin letters into syllables
("Guohua" -> guo hua) so a name written in characters meets the same name romanised.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

import opencc
from pypinyin import Style, lazy_pinyin
from pypinyin.pinyin_dict import pinyin_dict

HAN = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")
_HAN_RUN = re.compile(HAN.pattern + "+")
# Hong Kong and Taiwan variant characters first, then the standard traditional-to-simplified tables.
_CONVERSIONS = ("hk2s.json", "tw2s.json")
# Surnames read otherwise than the same character in a word (曾 is zeng as a name, ceng in 曾经).
_SURNAMES = {
    "曾": "zeng", "单": "shan", "仇": "qiu", "区": "ou", "解": "xie", "朴": "piao", "查": "zha", "覃": "qin",
    "翟": "zhai", "缪": "miao", "乐": "yue", "盖": "ge", "繁": "po", "种": "chong", "秘": "bi", "折": "she",
    "召": "shao", "员": "yun", "长": "chang", "重": "chong", "尉": "wei", "朝": "chao",
}  # fmt: skip
# Two-character surnames, whose reading pypinyin's phrase dictionary already has right (长孙 zhang sun).
_COMPOUND_SURNAMES = {
    "欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "长孙", "慕容", "令狐", "宇文", "司徒",
    "夏侯", "万俟", "单于", "独孤", "南宫", "西门", "澹台", "公冶", "轩辕", "端木", "呼延", "百里", "东郭",
}  # fmt: skip
# How "ü" is written where the keyboard or the passport has none.
_U_SPELLINGS = {"lv": "lu", "nv": "nu", "lve": "lue", "nve": "nue", "lyu": "lu", "nyu": "nu"}
_LONGEST_SYLLABLE = 6  # zhuang, shuang, chuang


@cache
def _converters() -> tuple[opencc.OpenCC, ...]:
    return tuple(opencc.OpenCC(config) for config in _CONVERSIONS)


def simplified(text: str) -> str:
    """`text` with traditional and variant Han characters in their simplified form."""
    if not HAN.search(text):
        return text
    for converter in _converters():
        text = str(converter.convert(text))
    return text


def _toneless(reading: str) -> str:
    return "".join(char for char in unicodedata.normalize("NFD", reading) if not unicodedata.combining(char))


@cache
def syllables() -> dict[str, str]:
    """Every toneless pinyin syllable pypinyin knows, "ü" written "u", mapped to itself, plus the ways
    "ü" is spelt without it. Syllables without a vowel (m, n, ng, hm, hng: interjections) are left
    out: they would let almost any Latin word split into "pinyin"."""
    found = {_toneless(reading) for readings in pinyin_dict.values() for reading in readings.split(",")}
    table = {syllable: syllable for syllable in found if re.search("[aeiou]", syllable)}
    return table | _U_SPELLINGS


def to_pinyin(text: str) -> str:
    """Han runs of simplified `text` replaced by their toneless syllables, separated by spaces; the
    first character of a name that opens with Han is read as a surname."""

    def run(match: re.Match[str]) -> str:
        chars = match.group()
        readings = lazy_pinyin(chars, style=Style.NORMAL, v_to_u=True)
        if match.start() == 0 and chars[:2] not in _COMPOUND_SURNAMES and chars[0] in _SURNAMES:
            readings[0] = _SURNAMES[chars[0]]
        return " " + " ".join(_toneless(reading) for reading in readings) + " "

    return _HAN_RUN.sub(run, text)


def split_syllables(word: str) -> list[str] | None:
    """`word` (lower-case Latin letters) as pinyin syllables, or None if it is not pinyin. Where the
    split is ambiguous, pinyin's own spelling rule decides: a syllable that starts with a, o or e
    after another would have been written with an apostrophe ("Xi'an"), so "xian" is one syllable.
    Among the splits left, the one with the longest syllables from the left is taken."""
    table = syllables()
    rest: list[list[str] | None] = [None] * len(word) + [[]]
    for start in range(len(word) - 1, -1, -1):
        for end in range(min(len(word), start + _LONGEST_SYLLABLE), start, -1):
            piece, after = word[start:end], rest[end]
            if after is not None and piece in table and (start == 0 or piece[0] not in "aoe"):
                rest[start] = [table[piece], *after]
                break
    return rest[0]
