"""Report content encryption: round trips, and every kind of tampering is caught."""

from __future__ import annotations

from typing import cast

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from meldpunt.crypto import (
    REPORT_KEY_BYTES,
    CryptoError,
    DecryptionError,
    decrypt,
    encrypt,
    new_report_key,
)

keys = st.binary(min_size=REPORT_KEY_BYTES, max_size=REPORT_KEY_BYTES)
no_db = settings(database=None)


@no_db
@given(key=keys, plaintext=st.binary(), aad=st.binary(max_size=64))
def test_round_trip(key: bytes, plaintext: bytes, aad: bytes) -> None:
    assert decrypt(key, encrypt(key, plaintext, aad=aad), aad=aad) == plaintext


@no_db
@given(plaintext=st.binary(max_size=256), data=st.data())
def test_any_flipped_bit_is_detected(plaintext: bytes, data: st.DataObject) -> None:
    key = new_report_key()
    blob = bytearray(encrypt(key, plaintext))
    index = data.draw(st.integers(0, len(blob) - 1), label="byte")
    blob[index] ^= 1 << data.draw(st.integers(0, 7), label="bit")
    with pytest.raises(DecryptionError):
        decrypt(key, bytes(blob))


@no_db
@given(plaintext=st.binary(max_size=256), data=st.data())
def test_any_truncation_is_detected(plaintext: bytes, data: st.DataObject) -> None:
    key = new_report_key()
    blob = encrypt(key, plaintext)
    cut = data.draw(st.integers(0, len(blob) - 1), label="length kept")
    with pytest.raises(DecryptionError):
        decrypt(key, blob[:cut])


def test_appended_bytes_are_detected() -> None:
    key = new_report_key()
    with pytest.raises(DecryptionError):
        decrypt(key, encrypt(key, b"answer") + b"\x00")


def test_wrong_key_fails() -> None:
    blob = encrypt(new_report_key(), b"answer")
    with pytest.raises(DecryptionError):
        decrypt(new_report_key(), blob)


@pytest.mark.parametrize(
    ("written", "read"),
    [(b"report:1", b"report:2"), (b"report:1", b""), (b"", b"report:1")],
)
def test_wrong_aad_fails(written: bytes, read: bytes) -> None:
    key = new_report_key()
    with pytest.raises(DecryptionError):
        decrypt(key, encrypt(key, b"answer", aad=written), aad=read)


@pytest.mark.parametrize("version", [b"\x00", b"\x02", b"\xff"])
def test_unknown_version_is_rejected(version: bytes) -> None:
    key = new_report_key()
    blob = encrypt(key, b"answer")
    with pytest.raises(DecryptionError):
        decrypt(key, version + blob[1:])


def test_blob_starts_with_version_byte_and_carries_nonce_and_tag() -> None:
    blob = encrypt(new_report_key(), b"abc")
    assert blob[:1] == b"\x01"
    assert len(blob) == 1 + 24 + 3 + 16


@no_db
@given(key=keys, blob=st.binary(max_size=128))
def test_garbage_only_ever_raises_decryption_error(key: bytes, blob: bytes) -> None:
    with pytest.raises(DecryptionError):
        decrypt(key, blob)


def test_decryption_error_is_a_crypto_error() -> None:
    assert issubclass(DecryptionError, CryptoError)


@pytest.mark.parametrize("length", [0, 16, 31, 33, 64])
def test_wrong_key_length_is_a_programming_error(length: int) -> None:
    with pytest.raises(ValueError, match="32 bytes"):
        encrypt(b"k" * length, b"answer")
    with pytest.raises(ValueError, match="32 bytes"):
        decrypt(b"k" * length, b"\x01" + bytes(40))


def test_report_keys_are_never_shared() -> None:
    draws = [new_report_key() for _ in range(10_000)]
    assert all(len(key) == REPORT_KEY_BYTES for key in draws)
    assert len(set(draws)) == len(draws)


def test_same_plaintext_gives_different_ciphertexts() -> None:
    plaintext = b"the same answer in two reports"
    first, second = new_report_key(), new_report_key()
    assert encrypt(first, plaintext) != encrypt(second, plaintext)
    # Even under one key the random nonce keeps ciphertexts apart.
    assert encrypt(first, plaintext) != encrypt(first, plaintext)


def test_buffers_from_the_database_driver_are_accepted() -> None:
    # PostgreSQL bytea can come back as memoryview; valid data must not look tampered.
    key = new_report_key()

    def stored(value: bytes) -> bytes:
        return cast(bytes, memoryview(value))

    blob = encrypt(cast(bytes, bytearray(key)), stored(b"answer"), aad=stored(b"row"))
    assert decrypt(stored(key), stored(blob), aad=stored(b"row")) == b"answer"


def test_integer_key_is_refused_not_turned_into_zero_bytes() -> None:
    with pytest.raises(TypeError, match="key must be bytes"):
        encrypt(32, b"answer")  # type: ignore[arg-type]  # the mistake under test
