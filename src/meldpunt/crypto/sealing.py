"""Sealing a report key to a handler's X25519 public key.

Protects against anyone but the intended handler opening a report: the server seals a
report key to a handler without keeping anything that could open it again (anonymous
sealed box, ephemeral sender key), so a database copy without the handler's password
reveals no report key.
"""

from __future__ import annotations

import nacl.exceptions
import nacl.public

from ._buffers import as_bytes
from .errors import DecryptionError

__all__ = ["DecryptionError", "seal", "unseal"]

_KEY_BYTES = nacl.public.PublicKey.SIZE


def seal(secret: bytes, public_key: bytes) -> bytes:
    """Encrypt `secret` so only the holder of the matching private key can read it."""
    secret, public_key = as_bytes(secret, "secret"), as_bytes(public_key, "public_key")
    if len(public_key) != _KEY_BYTES:
        raise ValueError(f"public key must be {_KEY_BYTES} bytes")
    return bytes(nacl.public.SealedBox(nacl.public.PublicKey(public_key)).encrypt(secret))


def unseal(sealed: bytes, private_key: bytes) -> bytes:
    """Open a sealed secret; `DecryptionError` on a wrong key or any alteration."""
    sealed, private_key = as_bytes(sealed, "sealed"), as_bytes(private_key, "private_key")
    if len(private_key) != _KEY_BYTES:
        raise ValueError(f"private key must be {_KEY_BYTES} bytes")
    box = nacl.public.SealedBox(nacl.public.PrivateKey(private_key))
    try:
        return box.decrypt(sealed)
    except nacl.exceptions.CryptoError:
        raise DecryptionError("cannot unseal") from None
