"""A handler's X25519 key pair, the private key wrapped under their password.

Protects against a database copy opening reports: the private key that unseals report
keys is kept only as an AEAD blob under argon2id(password, random salt), so without the
password the copy is useless and each guess costs a full memory-hard derivation
(DESIGN rule 1).

Wrapped blob layout::

    version (1) || time_cost, memory_kib, parallelism (3 x uint32 BE)
                || salt (16) || aead blob

The header is the AEAD's associated data, so altering parameters or salt is detected.
"""

from __future__ import annotations

import secrets
import unicodedata
from dataclasses import dataclass, field

import nacl.public

from . import aead
from ._buffers import as_bytes
from .errors import DecryptionError, WrongPassword
from .kdf import FAST_KDF_FOR_TESTS, SALT_BYTES, STAFF_KDF, KdfParams, derive_key

__all__ = [
    "FAST_KDF_FOR_TESTS",
    "STAFF_KDF",
    "HandlerKeyPair",
    "KdfParams",
    "WrongPassword",
    "unwrap_private_key",
    "wrap_private_key",
]

_VERSION = b"\x01"
_HEADER_BYTES = len(_VERSION) + KdfParams.packed_size() + SALT_BYTES
_PRIVATE_KEY_BYTES = nacl.public.PrivateKey.SIZE


@dataclass(frozen=True)
class HandlerKeyPair:
    """Raw X25519 key bytes; the private half stays out of repr and so out of logs."""

    public_key: bytes
    private_key: bytes = field(repr=False)

    @classmethod
    def generate(cls) -> HandlerKeyPair:
        """Make a new key pair from the OS random source."""
        private = nacl.public.PrivateKey.generate()
        return cls(public_key=bytes(private.public_key), private_key=bytes(private))


def _password_bytes(password: str) -> bytes:
    # NFKC so the same password typed on another keyboard or OS still derives the same
    # key (NIST SP 800-63B 5.1.1.2).
    return unicodedata.normalize("NFKC", password).encode("utf-8")


def wrap_private_key(private_key: bytes, password: str, *, params: KdfParams | None = None) -> bytes:
    """Encrypt a private key under the password, in a blob that says how to unwrap."""
    private_key = as_bytes(private_key, "private_key")
    if len(private_key) != _PRIVATE_KEY_BYTES:
        raise ValueError(f"private key must be {_PRIVATE_KEY_BYTES} bytes")
    if not password:
        raise ValueError("password must not be empty")
    params = params or STAFF_KDF
    salt = secrets.token_bytes(SALT_BYTES)
    header = _VERSION + params.pack() + salt
    wrapping_key = derive_key(_password_bytes(password), salt, params)
    return header + aead.encrypt(wrapping_key, private_key, aad=header)


def unwrap_private_key(blob: bytes, password: str) -> bytes:
    """Recover the key; `WrongPassword` for a wrong password or an altered blob."""
    blob = as_bytes(blob, "blob")
    header = blob[:_HEADER_BYTES]
    if len(header) != _HEADER_BYTES or header[:1] != _VERSION:
        raise WrongPassword("cannot unwrap private key")
    packed = header[1 : 1 + KdfParams.packed_size()]
    salt = header[1 + KdfParams.packed_size() :]
    try:
        params = KdfParams.unpack(packed)
    except ValueError:
        raise WrongPassword("cannot unwrap private key") from None
    wrapping_key = derive_key(_password_bytes(password), salt, params)
    try:
        private_key = aead.decrypt(wrapping_key, blob[_HEADER_BYTES:], aad=header)
    except DecryptionError:
        raise WrongPassword("cannot unwrap private key") from None
    if len(private_key) != _PRIVATE_KEY_BYTES:
        raise WrongPassword("cannot unwrap private key")
    return private_key
