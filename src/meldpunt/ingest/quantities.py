"""Counted things: a number (digits or a Dutch/English word numeral) followed closely by a counted noun."""

from __future__ import annotations

import re
from functools import lru_cache

from text_to_num import text2num  # type: ignore[import-untyped]  # the package ships no type information

from meldpunt.ingest.lexicon import LANGUAGES, merged, merged_map
from meldpunt.ingest.model import Quantity
from meldpunt.ingest.spans import masked

MAX_WORDS_BETWEEN = 2  # "38 of surveillance stations", "two illegal police stations"
DIGITS = re.compile(r"(?<![\w.,])\d{1,3}(?:([.,])\d{3})*(?:\1\d{3})*(?![\w]|[.,]\d)|(?<![\w.,])\d+(?![\w]|[.,]\d)")
WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")


@lru_cache(maxsize=4096)
def word_value(word: str) -> int | None:
    lowered = word.lower()
    if lowered in merged("ambiguous_numerals") or lowered in merged("stopwords") - {"one", "two"}:
        return None
    for language in LANGUAGES:
        try:
            value = text2num(lowered, language)
        except ValueError:
            continue
        if isinstance(value, int):
            return value
    return None


def _numbers(text: str) -> list[tuple[int, int, int]]:
    """(value, start, end) of each number written in digits or words."""
    out = [(int(re.sub(r"[.,]", "", m.group())), m.start(), m.end()) for m in DIGITS.finditer(text)]
    for m in WORD.finditer(text):
        value = word_value(m.group())
        if value is not None:
            out.append((value, m.start(), m.end()))
    return sorted(out, key=lambda item: item[1])


def find(text: str) -> list[Quantity]:
    searchable = masked(text)
    units = merged_map("units")
    found: list[Quantity] = []
    for value, start, end in _numbers(searchable):
        for index, word in enumerate(WORD.finditer(searchable, end)):
            gap = searchable[end : word.start()] if index == 0 else ""
            if index > MAX_WORDS_BETWEEN or (index == 0 and not re.fullmatch(r"\s+", gap)):
                break
            between = searchable[end : word.start()]
            nearer = re.search(r"\d", between) or (index and word_value(word.group()) is not None)
            if ("\n" in between and word.group()[:1].isupper()) or nearer:
                break  # a new line starting a sentence, or a nearer number, ends the count
            unit = units.get(word.group().lower())
            if unit:
                found.append(Quantity(value, unit, text[start : word.end()], start, word.end()))
                break
            if re.search(r"[.;:!?]", between):
                break
    return found
