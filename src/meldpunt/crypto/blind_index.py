"""Keyed blind index for correlating identifiers without storing them (DESIGN rule 5).

Protects against a database copy revealing identifiers or receipt locators: only
HMAC-SHA256 digests under a key kept outside the database are stored, so equal values
still meet on the index but nobody without the key file can test guesses. The kind is
part of the MAC input, so the same value under two kinds (a phone number and a
username, say) never produces the same digest.
"""

from __future__ import annotations

import hashlib
import hmac

from ._buffers import as_bytes
from .errors import MalformedReceipt
from .receipts import LOCATOR_DIGITS

__all__ = ["BLIND_INDEX_KEY_BYTES", "BlindIndex"]

BLIND_INDEX_KEY_BYTES = 32
_SEPARATOR = "\x1f"
_LOCATOR_KIND = "receipt_locator"


class BlindIndex:
    """Computes index digests; holds the key privately and keeps it out of repr."""

    __slots__ = ("_key",)

    def __init__(self, key: bytes) -> None:
        key = as_bytes(key, "key")
        if len(key) < BLIND_INDEX_KEY_BYTES:
            raise ValueError(f"blind index key must be at least {BLIND_INDEX_KEY_BYTES} bytes")
        self._key = key

    def __repr__(self) -> str:
        return "BlindIndex(<key hidden>)"

    def digest(self, kind: str, normalised_value: str) -> str:
        """Hex HMAC of kind and value; normalise first, or equal values won't meet."""
        # A separator inside the kind would let two (kind, value) pairs collide.
        if not kind or _SEPARATOR in kind:
            raise ValueError("kind must be non-empty and must not contain \\x1f")
        message = (kind + _SEPARATOR + normalised_value).encode("utf-8")
        return hmac.new(self._key, message, hashlib.sha256).hexdigest()

    def locator_digest(self, locator: str) -> str:
        """Digest under which a report's receipt locator is stored and looked up."""
        # Refuses e.g. a display form with spaces, which would silently never match.
        if len(locator) != LOCATOR_DIGITS or not locator.isascii() or not locator.isdigit():
            raise MalformedReceipt(f"locator must be {LOCATOR_DIGITS} ASCII digits")
        return self.digest(_LOCATOR_KIND, locator)
