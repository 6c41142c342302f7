"""What text a reporter may send: protects handlers' screens and the records from hidden characters.

Bidi override and isolate controls can make "exe.jpg" read as "gpj.exe" or reorder a phone number in
a handler's view; other control characters hide text or break exports. They are refused, with a
clear error, rather than silently dropped, so what is stored is exactly what the reporter saw.
"""

from __future__ import annotations

import unicodedata

BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_ALLOWED_CONTROLS = frozenset("\n\t")


def forbidden_characters(text: str) -> list[str]:
    """The characters of `text` that may not be stored (empty when the text is acceptable)."""
    found = []
    for char in text:
        if char in _ALLOWED_CONTROLS:
            continue
        category = unicodedata.category(char)
        if char in BIDI_CONTROLS or category in {"Cc", "Cs", "Co", "Cn"}:
            found.append(char)
    return found


def normalise_text(text: str) -> str:
    """NFC with Windows and old Mac line ends folded, so equal texts are stored equally."""
    return unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
