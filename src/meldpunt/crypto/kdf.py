"""Argon2id derivation from low-entropy secrets (handler passwords, receipt secrets).

Protects against offline guessing: a stolen database only lets an attacker test
guesses at the memory-hard argon2id cost, one salt at a time. Parameters travel with
what they protect, and are bounded, so an altered stored blob cannot make the server
burn unlimited memory or time.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass

import argon2.exceptions
import argon2.low_level

from ._buffers import as_bytes

__all__ = [
    "FAST_KDF_FOR_TESTS",
    "SALT_BYTES",
    "STAFF_KDF",
    "KdfParams",
    "derive_key",
]

SALT_BYTES = 16
_KEY_BYTES = 32
# Ceilings for parameters read back from storage: generous for real use, small enough
# that a tampered blob cannot exhaust the server.
_MAX_TIME_COST = 64
_MAX_MEMORY_KIB = 1024 * 1024  # 1 GiB
_MAX_PARALLELISM = 64
_PACKED = struct.Struct(">III")


@dataclass(frozen=True)
class KdfParams:
    """Argon2id costs; validated on creation so bad ones fail early, not mid-login."""

    time_cost: int
    memory_kib: int
    parallelism: int

    def __post_init__(self) -> None:
        values = (self.time_cost, self.memory_kib, self.parallelism)
        if not all(type(value) is int for value in values):
            raise TypeError("argon2id parameters must be integers")
        if not 1 <= self.parallelism <= _MAX_PARALLELISM:
            raise ValueError("parallelism out of range")
        if not 1 <= self.time_cost <= _MAX_TIME_COST:
            raise ValueError("time_cost out of range")
        # argon2 needs at least 8 KiB per lane.
        if not 8 * self.parallelism <= self.memory_kib <= _MAX_MEMORY_KIB:
            raise ValueError("memory_kib out of range")

    def pack(self) -> bytes:
        """Serialise to a fixed 12 bytes so a stored blob says how it was made."""
        return _PACKED.pack(self.time_cost, self.memory_kib, self.parallelism)

    @classmethod
    def unpack(cls, data: bytes) -> KdfParams:
        """Read what `pack` wrote; ValueError when out of bounds (a tampered blob)."""
        if len(data) != _PACKED.size:
            raise ValueError("packed parameters have the wrong length")
        return cls(*_PACKED.unpack(data))

    @classmethod
    def packed_size(cls) -> int:
        """Length of `pack()` output, for parsers of blobs that embed it."""
        return _PACKED.size


STAFF_KDF = KdfParams(time_cost=3, memory_kib=65536, parallelism=1)
# Deliberately weak: for test suites only, where real costs make property tests crawl.
FAST_KDF_FOR_TESTS = KdfParams(time_cost=1, memory_kib=8, parallelism=1)


def derive_key(secret: bytes, salt: bytes, params: KdfParams) -> bytes:
    """Return 32 argon2id bytes; the salt must be the stored per-secret one."""
    salt = as_bytes(salt, "salt")
    if len(salt) != SALT_BYTES:
        raise ValueError(f"salt must be {SALT_BYTES} bytes")
    try:
        return argon2.low_level.hash_secret_raw(
            secret=secret,
            salt=salt,
            time_cost=params.time_cost,
            memory_cost=params.memory_kib,
            parallelism=params.parallelism,
            hash_len=_KEY_BYTES,
            type=argon2.low_level.Type.ID,
        )
    except argon2.exceptions.HashingError as exc:
        # Only reachable on resource exhaustion, since parameters are validated above.
        raise RuntimeError("argon2id derivation failed") from exc
