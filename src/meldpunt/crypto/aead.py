"""Authenticated symmetric encryption of report content.

Protects against reading or silently altering report answers, messages and attachments
at rest (DESIGN rule 1): every blob is XChaCha20-Poly1305 under the report's own random
key, with a fresh random 24-byte nonce, so a copy of the database without keys reveals
nothing and any change to a stored blob is detected instead of decrypting to something
else.

Blob layout: ``version (1) || nonce (24) || ciphertext || tag (16)``. The version byte
is authenticated too (it is part of the associated data).
"""

from __future__ import annotations

import nacl.bindings
import nacl.exceptions
import nacl.utils

from ._buffers import as_bytes
from .errors import DecryptionError

__all__ = [
    "REPORT_KEY_BYTES",
    "DecryptionError",
    "decrypt",
    "encrypt",
    "new_report_key",
]

REPORT_KEY_BYTES = 32
_VERSION = b"\x01"
_NONCE_BYTES = nacl.bindings.crypto_aead_xchacha20poly1305_ietf_NPUBBYTES
_TAG_BYTES = nacl.bindings.crypto_aead_xchacha20poly1305_ietf_ABYTES
_OVERHEAD = len(_VERSION) + _NONCE_BYTES + _TAG_BYTES


def new_report_key() -> bytes:
    """Return a fresh random key, so that no two reports ever share one."""
    return nacl.utils.random(REPORT_KEY_BYTES)


def _checked_key(key: bytes) -> bytes:
    key = as_bytes(key, "key")
    # A wrong-length key is a programming or configuration error: fail loudly.
    if len(key) != REPORT_KEY_BYTES:
        raise ValueError(f"key must be {REPORT_KEY_BYTES} bytes")
    return key


def encrypt(key: bytes, plaintext: bytes, *, aad: bytes = b"") -> bytes:
    """Encrypt under a random nonce; `aad` binds the blob to its context (a row id)."""
    key = _checked_key(key)
    plaintext, aad = as_bytes(plaintext, "plaintext"), as_bytes(aad, "aad")
    nonce = nacl.utils.random(_NONCE_BYTES)
    sealed = nacl.bindings.crypto_aead_xchacha20poly1305_ietf_encrypt(plaintext, _VERSION + aad, nonce, key)
    return _VERSION + nonce + sealed


def decrypt(key: bytes, blob: bytes, *, aad: bytes = b"") -> bytes:
    """Decrypt a blob from `encrypt`; any failure is one `DecryptionError`."""
    key = _checked_key(key)
    blob, aad = as_bytes(blob, "blob"), as_bytes(aad, "aad")
    if len(blob) < _OVERHEAD or blob[:1] != _VERSION:
        raise DecryptionError("cannot decrypt")
    nonce = blob[1 : 1 + _NONCE_BYTES]
    sealed = blob[1 + _NONCE_BYTES :]
    try:
        return nacl.bindings.crypto_aead_xchacha20poly1305_ietf_decrypt(sealed, _VERSION + aad, nonce, key)
    except nacl.exceptions.CryptoError:
        raise DecryptionError("cannot decrypt") from None
