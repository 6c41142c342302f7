"""Safe download names for attachments.

Protects against names that traverse paths ("../../etc/passwd"), hide their real extension behind
bidirectional overrides ("photo\u202egpj.exe" shows as "photoexe.jpg"), carry control characters into
headers or logs, or are long enough to break file systems. The extension always comes from the
content, never from the name the reporter's device chose.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Final

MAX_STEM_CHARS: Final = 80
FALLBACK_STEM: Final = "attachment"

# Bidirectional embeddings, overrides, isolates and marks. Zero-width (non-)joiners are kept: they are
# part of correct spelling in Persian and other scripts.
_BIDI_CONTROLS: Final = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c")
_DROPPED_CATEGORIES: Final = frozenset({"Cc", "Zl", "Zp", "Cs", "Co", "Cn"})
# Characters Windows refuses in names; a handler may save the file there.
_RESERVED_CHARS: Final = re.compile(r'[<>:"|?*]')
_WINDOWS_DEVICES: Final = frozenset(
    {"CON", "PRN", "AUX", "NUL"} | {f"{d}{n}" for d in ("COM", "LPT") for n in range(1, 10)}
)


def _keep(char: str) -> bool:
    return char not in _BIDI_CONTROLS and char != "\ufeff" and (unicodedata.category(char) not in _DROPPED_CATEGORIES)


def safe_stem(original: str) -> str:
    """The reporter's name for the file without directories, extension or hidden characters."""
    name = unicodedata.normalize("NFC", original)
    name = re.split(r"[/\\]", name)[-1]
    stem, dot, _extension = name.rpartition(".")
    if not dot or not stem.strip(". "):
        stem = name
    stem = "".join(" " if char.isspace() else char for char in stem if char.isspace() or _keep(char))
    stem = _RESERVED_CHARS.sub("_", stem)
    stem = " ".join(stem.split())
    stem = stem.strip(". ")[:MAX_STEM_CHARS].rstrip(". ")
    if not stem:
        return FALLBACK_STEM
    if stem.upper() in _WINDOWS_DEVICES:
        stem = f"_{stem}"
    return stem


def safe_filename(original: str, extension: str) -> str:
    """`safe_stem` of the original plus the extension decided from the content."""
    return f"{safe_stem(original)}.{extension}"
