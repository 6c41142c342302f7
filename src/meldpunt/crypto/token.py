"""Short-lived bearer tokens for a reporter session.

Protects against server-side traces of a reporter: the server stores no session; the
client holds the payload (e.g. the report key) encrypted and authenticated under a
server secret, with an expiry inside the ciphertext, so a token can be neither read,
altered, forged nor used after it expires.

Token: URL-safe base64, no padding, of ``aead.encrypt(server_key, expiry || payload,
aad=b"meldpunt-token-v1")`` where expiry is 8 bytes big-endian unix seconds.
"""

from __future__ import annotations

import base64
import re
import struct
import time

from . import aead
from .errors import DecryptionError, InvalidToken

__all__ = ["InvalidToken", "issue_token", "open_token"]

_AAD = b"meldpunt-token-v1"
_EXPIRY = struct.Struct(">Q")
_ALPHABET = re.compile(r"[A-Za-z0-9_-]*")


def issue_token(payload: bytes, server_key: bytes, *, ttl_seconds: int, now: float | None = None) -> str:
    """Encrypt `payload` into a token valid `ttl_seconds` from `now` (or the clock)."""
    if ttl_seconds <= 0:
        raise ValueError("ttl_seconds must be positive")
    issued = time.time() if now is None else now
    expiry = int(issued) + ttl_seconds
    blob = aead.encrypt(server_key, _EXPIRY.pack(expiry) + payload, aad=_AAD)
    return base64.urlsafe_b64encode(blob).rstrip(b"=").decode("ascii")


def _decode(token: str) -> bytes:
    # Strict: only the canonical encoding of a blob is accepted, never a variant of it.
    if not _ALPHABET.fullmatch(token) or len(token) % 4 == 1:
        raise InvalidToken("malformed token")
    blob = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
    if base64.urlsafe_b64encode(blob).rstrip(b"=").decode("ascii") != token:
        raise InvalidToken("malformed token")
    return blob


def open_token(token: str, server_key: bytes, *, now: float | None = None) -> bytes:
    """Return the payload; `InvalidToken` if malformed, tampered, foreign or expired."""
    blob = _decode(token)
    try:
        plaintext = aead.decrypt(server_key, blob, aad=_AAD)
    except DecryptionError:
        raise InvalidToken("invalid token") from None
    if len(plaintext) < _EXPIRY.size:
        raise InvalidToken("invalid token")
    (expiry,) = _EXPIRY.unpack(plaintext[: _EXPIRY.size])
    current = time.time() if now is None else now
    if current >= expiry:
        raise InvalidToken("token expired")
    return plaintext[_EXPIRY.size :]
