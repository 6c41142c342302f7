"""Exceptions of the crypto layer.

Protects against leaking library internals: callers catch one family (`CryptoError`)
and never learn which primitive failed, and no PyNaCl or argon2 exception (whose
messages can hint at what went wrong) reaches a view or a log.
"""

from __future__ import annotations

__all__ = [
    "CryptoError",
    "DecryptionError",
    "InvalidToken",
    "KeyFileError",
    "MalformedReceipt",
    "WrongPassword",
]


class CryptoError(Exception):
    """Base of every failure this package reports on purpose."""


class DecryptionError(CryptoError):
    """Ciphertext altered, truncated, of unknown version, or wrong key or aad.

    One error for all causes, so no caller can become an oracle for which one.
    """


class WrongPassword(CryptoError):
    """A wrapped handler key could not be opened: wrong password or an altered blob."""


class MalformedReceipt(CryptoError):
    """Typed receipt text does not hold exactly the digits a receipt has."""


class KeyFileError(CryptoError):
    """A key file outside the database is unsafe to use (permissions, length, type)."""


class InvalidToken(CryptoError):
    """A bearer token is malformed, tampered with, under another key or expired."""
