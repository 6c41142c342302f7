"""Accepting stored bytes in whatever buffer type the database driver hands back.

Protects against a valid blob read as `memoryview` (PostgreSQL bytea through Django's
BinaryField) being reported as tampered, and against `bytes(32)`-style accidents where
an integer silently becomes an all-zero key.
"""

from __future__ import annotations

__all__ = ["as_bytes"]


def as_bytes(value: bytes, name: str) -> bytes:
    """Copy a bytes-like value to `bytes`; refuse anything else with TypeError."""
    if isinstance(value, bytes):
        return value
    if isinstance(value, (bytearray, memoryview)):
        return bytes(value)
    raise TypeError(f"{name} must be bytes, not {type(value).__name__}")
