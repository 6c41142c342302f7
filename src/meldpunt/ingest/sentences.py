"""Sentences with their offsets: the passage an event or a statement is cited by.

A full stop ends a sentence only before a capital, a digit or a quote mark, and not after an
abbreviation or an initial ("W.B. Hoekstra", "nr. 12"); a blank line always ends one. Quoted speech
(„…", "…", “…”) is never split, so a quote of several sentences stays one passage.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from meldpunt.ingest.lexicon import merged

OPENING = "„“«"
CLOSING = "”»"
STRAIGHT = '"'
MAX_QUOTE = 800  # characters: an unbalanced quote mark must not swallow the rest of the document
# A footnote marker may follow the full stop ("stations.3 In"). A line ending in a digit before a
# capitalised line ends a sentence too: a dateline or a byline.
END = re.compile(
    r"[.!?…]+[”\"’»)]*\d{0,2}(?=\s+[\"“„«‘'(]?[A-Z0-9À-Ý])|\n[ \t]*\n|(?<=\d)[ \t]*(?=\r?\n[ \t]*[\"“„«‘'(]?[A-ZÀ-Ý])"
)


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    text: str

    @property
    def is_question(self) -> bool:
        return self.text.rstrip(' \t\r\n”"’»)').endswith("?")


@lru_cache(maxsize=1)
def _abbreviation() -> re.Pattern[str]:
    words = "|".join(re.escape(w) for w in sorted(merged("abbreviations"), key=len, reverse=True))
    return re.compile(rf"(?:(?i:\b(?:{words}))|(?<![\w.])[A-Z]|(?<=\.)[A-Z])\.$")


def _inside_quote(text: str, start: int, position: int) -> bool:
    depth = 0
    straight = False
    for char in text[max(start, position - MAX_QUOTE) : position]:
        if char in OPENING:
            depth += 1
        elif char in CLOSING:
            depth = max(0, depth - 1)
        elif char == STRAIGHT:
            straight = not straight
    return depth > 0 or straight


def split(text: str) -> list[Sentence]:
    out: list[Sentence] = []
    start = 0
    for match in END.finditer(text):
        end = match.end()
        if match.group().strip() and (
            _abbreviation().search(text, max(start, match.start() - 12), match.start() + 1)
            or _inside_quote(text, start, match.end())
        ):
            continue
        out.append(_sentence(text, start, end))
        start = end
    out.append(_sentence(text, start, len(text)))
    return [s for s in out if s.text]


def _sentence(text: str, start: int, end: int) -> Sentence:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Sentence(start, end, text[start:end])


class Index:
    """Finds the sentence holding a span, so a pattern can run once over the document instead of per sentence."""

    def __init__(self, sentences: Sequence[Sentence]) -> None:
        self.sentences = sorted(sentences, key=lambda s: s.start)
        self.starts = [s.start for s in self.sentences]

    def at(self, start: int, end: int) -> Sentence | None:
        position = bisect_right(self.starts, start) - 1
        if position < 0:
            return None
        sentence = self.sentences[position]
        return sentence if end <= sentence.end else None
