"""Handler key pairs and their password-wrapped private keys."""

from __future__ import annotations

import struct
from dataclasses import astuple
from typing import cast

import nacl.public
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from meldpunt.crypto import (
    FAST_KDF_FOR_TESTS,
    STAFF_KDF,
    CryptoError,
    HandlerKeyPair,
    KdfParams,
    WrongPassword,
    new_report_key,
    seal,
    unseal,
    unwrap_private_key,
    wrap_private_key,
)

PAIR = HandlerKeyPair.generate()
PASSWORD = "correct horse battery staple"
# Byte offsets of the header fields inside a wrapped blob.
VERSION_END, PARAMS_END, SALT_END = 1, 13, 29
MEMORY_FIELD = range(5, 9)
argon2_examples = settings(database=None, max_examples=25, deadline=None)


def wrap(private_key: bytes = PAIR.private_key, password: str = PASSWORD) -> bytes:
    return wrap_private_key(private_key, password, params=FAST_KDF_FOR_TESTS)


def test_generate_gives_a_matching_x25519_pair() -> None:
    pair = HandlerKeyPair.generate()
    assert len(pair.public_key) == len(pair.private_key) == 32
    derived = nacl.public.PrivateKey(pair.private_key).public_key
    assert bytes(derived) == pair.public_key
    assert HandlerKeyPair.generate() != pair


def test_repr_hides_the_private_key() -> None:
    assert repr(PAIR.private_key) not in repr(PAIR)
    assert "private_key" not in repr(PAIR)


@argon2_examples
@given(password=st.text(min_size=1, max_size=40))
def test_round_trip(password: str) -> None:
    assert unwrap_private_key(wrap(password=password), password) == PAIR.private_key


def test_unwrapped_key_opens_what_was_sealed_to_the_handler() -> None:
    report_key = new_report_key()
    sealed = seal(report_key, PAIR.public_key)
    assert unseal(sealed, unwrap_private_key(wrap(), PASSWORD)) == report_key


@pytest.mark.parametrize("attempt", ["", "correct horse battery stapl", "Correct horse battery staple"])
def test_wrong_password_raises(attempt: str) -> None:
    with pytest.raises(WrongPassword):
        unwrap_private_key(wrap(), attempt)


def test_password_is_compared_after_unicode_normalisation() -> None:
    composed, decomposed = "caf\u00e9-geheim", "cafe\u0301-geheim"
    assert unwrap_private_key(wrap(password=composed), decomposed) == PAIR.private_key


@argon2_examples
@given(data=st.data())
def test_any_flipped_bit_outside_memory_cost_is_detected(data: st.DataObject) -> None:
    # Flips in the memory field are tested separately: some would ask for gigabytes.
    blob = bytearray(wrap())
    positions = [i for i in range(len(blob)) if i not in MEMORY_FIELD]
    index = data.draw(st.sampled_from(positions), label="byte")
    blob[index] ^= 1 << data.draw(st.integers(0, 7), label="bit")
    with pytest.raises(WrongPassword):
        unwrap_private_key(bytes(blob), PASSWORD)


@pytest.mark.parametrize("memory_kib", [16, 0, 7, 2**31])
def test_altered_memory_cost_is_detected(memory_kib: int) -> None:
    blob = wrap()
    altered = blob[:5] + struct.pack(">I", memory_kib) + blob[9:]
    with pytest.raises(WrongPassword):
        unwrap_private_key(altered, PASSWORD)


@argon2_examples
@given(data=st.data())
def test_any_truncation_is_detected(data: st.DataObject) -> None:
    blob = wrap()
    cut = data.draw(st.integers(0, len(blob) - 1), label="length kept")
    with pytest.raises(WrongPassword):
        unwrap_private_key(blob[:cut], PASSWORD)


def test_blob_describes_its_own_parameters() -> None:
    blob = wrap_private_key(PAIR.private_key, PASSWORD, params=KdfParams(2, 16, 1))
    assert blob[:VERSION_END] == b"\x01"
    assert KdfParams.unpack(blob[VERSION_END:PARAMS_END]) == KdfParams(2, 16, 1)
    # Unwrapping needs no parameters: they travel with the blob.
    assert unwrap_private_key(blob, PASSWORD) == PAIR.private_key


def test_salt_is_fresh_each_time() -> None:
    first, second = wrap(), wrap()
    assert first[PARAMS_END:SALT_END] != second[PARAMS_END:SALT_END]
    assert first != second


def test_empty_password_is_refused_when_wrapping() -> None:
    with pytest.raises(ValueError, match="password"):
        wrap(password="")


def test_wrong_private_key_length_is_refused() -> None:
    with pytest.raises(ValueError, match="32 bytes"):
        wrap(private_key=b"short")


def test_wrong_password_is_a_crypto_error() -> None:
    assert issubclass(WrongPassword, CryptoError)


def test_kdf_constants() -> None:
    assert astuple(STAFF_KDF) == (3, 65536, 1)
    assert astuple(FAST_KDF_FOR_TESTS) == (1, 8, 1)


@pytest.mark.parametrize(
    ("time_cost", "memory_kib", "parallelism"),
    [(0, 8, 1), (1, 7, 1), (1, 8, 0), (1, 8, 2), (65, 8, 1), (1, 2**21, 1)],
)
def test_out_of_range_kdf_params_are_refused(time_cost: int, memory_kib: int, parallelism: int) -> None:
    with pytest.raises(ValueError, match="out of range"):
        KdfParams(time_cost, memory_kib, parallelism)


def test_non_integer_kdf_params_are_refused() -> None:
    with pytest.raises(TypeError):
        KdfParams(1.5, 8, 1)  # type: ignore[arg-type]  # deliberately wrong type


def test_blob_read_back_as_memoryview_unwraps() -> None:
    assert unwrap_private_key(cast(bytes, memoryview(wrap())), PASSWORD) == PAIR.private_key
