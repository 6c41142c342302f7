"""Text as the police must see it: every character shown, none able to hide or reorder others.

Protects the reader of a referral from text that looks different from what it is: a bidirectional
override in a file name ("a\u202egpj.exe" shown as "aexe.jpg"), zero-width or control characters
hiding inside an identifier, a private-use or unassigned code point that renders as nothing. Such
characters are replaced by a visible "[U+XXXX]", so the package still carries the fact that they
were there, which may matter as evidence. Markup such as "<script>" is plain text in a PDF and is
left as written.
"""

from __future__ import annotations

import unicodedata
from typing import Final, Literal

from meldpunt.intake.text_rules import BIDI_CONTROLS

# Bidi marks beside the embeddings, overrides and isolates, plus invisible characters that can split
# or disguise an identifier. Zero-width (non-)joiners stay: correct spelling in Arabic-script text.
_SHOWN_AS_CODE: Final = BIDI_CONTROLS | frozenset("\u200e\u200f\u061c\u200b\u2060\ufeff\u00ad")
_SHOWN_AS_CODE_CATEGORIES: Final = frozenset({"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"})
_KEPT_FORMAT_CHARACTERS: Final = frozenset("\u200c\u200d")
_RIGHT_TO_LEFT: Final = frozenset({"R", "AL"})
TAB_WIDTH: Final = 4


def _shown(char: str) -> str:
    if char == "\n":
        return char
    if char == "\t":
        return " " * TAB_WIDTH
    if char in _KEPT_FORMAT_CHARACTERS:
        return char
    if char in _SHOWN_AS_CODE or unicodedata.category(char) in _SHOWN_AS_CODE_CATEGORIES:
        return f"[U+{ord(char):04X}]"
    return char


def visible(text: str) -> str:
    """`text` with line ends folded to "\\n" and every hiding character written as its code point."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return "".join(_shown(char) for char in text)


def shortened(text: str, limit: int) -> str:
    """`text`, or its first `limit` characters and an ellipsis that shows something was left out."""
    return text if len(text) <= limit else f"{text[:limit]}…"


def direction(text: str) -> Literal["ltr", "rtl"]:
    """The paragraph direction the Unicode bidi algorithm gives: that of the first strong character."""
    for char in text:
        kind = unicodedata.bidirectional(char)
        if kind == "L":
            return "ltr"
        if kind in _RIGHT_TO_LEFT:
            return "rtl"
    return "ltr"


def has_right_to_left(text: str) -> bool:
    return any(unicodedata.bidirectional(char) in _RIGHT_TO_LEFT for char in text)
