"""Sealing report keys to handlers: only the matching private key opens them."""

from __future__ import annotations

from typing import cast

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from meldpunt.crypto import DecryptionError, HandlerKeyPair, new_report_key, seal, unseal

HANDLER = HandlerKeyPair.generate()
no_db = settings(database=None)


@no_db
@given(secret=st.binary(max_size=512))
def test_round_trip(secret: bytes) -> None:
    assert unseal(seal(secret, HANDLER.public_key), HANDLER.private_key) == secret


def test_other_handler_cannot_unseal() -> None:
    sealed = seal(new_report_key(), HANDLER.public_key)
    with pytest.raises(DecryptionError):
        unseal(sealed, HandlerKeyPair.generate().private_key)


@no_db
@given(data=st.data())
def test_any_flipped_bit_is_detected(data: st.DataObject) -> None:
    sealed = bytearray(seal(new_report_key(), HANDLER.public_key))
    index = data.draw(st.integers(0, len(sealed) - 1), label="byte")
    sealed[index] ^= 1 << data.draw(st.integers(0, 7), label="bit")
    with pytest.raises(DecryptionError):
        unseal(bytes(sealed), HANDLER.private_key)


@no_db
@given(data=st.data())
def test_any_truncation_is_detected(data: st.DataObject) -> None:
    sealed = seal(new_report_key(), HANDLER.public_key)
    cut = data.draw(st.integers(0, len(sealed) - 1), label="length kept")
    with pytest.raises(DecryptionError):
        unseal(sealed[:cut], HANDLER.private_key)


def test_sealing_twice_gives_different_blobs() -> None:
    key = new_report_key()
    assert seal(key, HANDLER.public_key) != seal(key, HANDLER.public_key)


@pytest.mark.parametrize("length", [0, 31, 33])
def test_wrong_key_lengths_are_programming_errors(length: int) -> None:
    with pytest.raises(ValueError, match="public key"):
        seal(b"secret", b"k" * length)
    with pytest.raises(ValueError, match="private key"):
        unseal(b"sealed", b"k" * length)


def test_buffers_from_the_database_driver_are_accepted() -> None:
    def stored(value: bytes) -> bytes:
        return cast(bytes, memoryview(value))

    sealed = seal(stored(b"report key"), stored(HANDLER.public_key))
    assert unseal(stored(sealed), stored(HANDLER.private_key)) == b"report key"
