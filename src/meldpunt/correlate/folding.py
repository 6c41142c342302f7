"""Text folding shared by the normalisers: what two ways of writing the same thing have in common."""

from __future__ import annotations

import re
import unicodedata

# Format characters (zero-width space, bidi marks, soft hyphen), surrogates and private-use characters
# ride along when an identifier is copied from a chat app; they never distinguish two identifiers.
_INVISIBLE = {"Cf", "Cs", "Co"}
# The combining diacritics of Latin, Greek and Cyrillic letters; marks of other scripts (Devanagari
# vowel signs, Arabic harakat) are letters' parts, not accents, and stay.
_ACCENTS = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")
# Latin letters that carry their "accent" in the letter itself, so decomposition leaves them alone.
_LETTERS = str.maketrans(
    {"ø": "o", "đ": "d", "ð": "d", "ł": "l", "ħ": "h", "ı": "i", "ŧ": "t", "æ": "ae", "œ": "oe", "þ": "th"}
)


def visible(text: str) -> str:
    """Compatibility-normalised text (full-width digits and letters become ASCII) without the
    invisible characters, and without control characters other than whitespace."""
    kept = "".join(
        char
        for char in text
        if unicodedata.category(char) not in _INVISIBLE and (unicodedata.category(char) != "Cc" or char.isspace())
    )
    return unicodedata.normalize("NFKC", kept)


def fold_case(text: str) -> str:
    """Case folded the Unicode way ("Straße" and "STRASSE" meet), kept in NFKC."""
    return unicodedata.normalize("NFKC", text.casefold())


def fold_accents(text: str) -> str:
    """Case and Latin/Greek/Cyrillic diacritics folded: "Zoë Ødegård" and "zoe odegard" meet."""
    decomposed = unicodedata.normalize("NFD", text.casefold())
    return unicodedata.normalize("NFKC", _ACCENTS.sub("", decomposed).translate(_LETTERS))
