"""Reporter session tokens: round trip, expiry and tamper detection."""

from __future__ import annotations

import base64
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from meldpunt.crypto import (
    CryptoError,
    InvalidToken,
    encrypt,
    issue_token,
    new_report_key,
    open_token,
)

SERVER_KEY = bytes(range(32))
NOW = 1_750_000_000.0
no_db = settings(database=None)


def issue(payload: bytes = b"report-key", ttl: int = 900) -> str:
    return issue_token(payload, SERVER_KEY, ttl_seconds=ttl, now=NOW)


TOKEN = issue()


def b64(blob: bytes) -> str:
    return base64.urlsafe_b64encode(blob).rstrip(b"=").decode()


def unb64(token: str) -> bytes:
    return base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))


@no_db
@given(payload=st.binary(max_size=512))
def test_round_trip(payload: bytes) -> None:
    token = issue(payload)
    assert re.fullmatch(r"[A-Za-z0-9_-]+", token)
    assert open_token(token, SERVER_KEY, now=NOW) == payload


def test_default_clock_is_used_when_now_is_omitted() -> None:
    token = issue_token(b"p", SERVER_KEY, ttl_seconds=60)
    assert open_token(token, SERVER_KEY) == b"p"


@pytest.mark.parametrize("elapsed", [0, 1, 899, 899.999])
def test_valid_until_expiry(elapsed: float) -> None:
    assert open_token(issue(), SERVER_KEY, now=NOW + elapsed) == b"report-key"


@pytest.mark.parametrize("elapsed", [900, 900.5, 86_400])
def test_expired_tokens_are_rejected(elapsed: float) -> None:
    with pytest.raises(InvalidToken, match="expired"):
        open_token(issue(), SERVER_KEY, now=NOW + elapsed)


def test_expiry_is_inside_the_ciphertext() -> None:
    # A token whose plaintext is too short to hold an expiry never opens.
    token = b64(encrypt(SERVER_KEY, b"short", aad=b"meldpunt-token-v1"))
    with pytest.raises(InvalidToken):
        open_token(token, SERVER_KEY, now=NOW)


def test_wrong_key_is_rejected() -> None:
    with pytest.raises(InvalidToken):
        open_token(issue(), new_report_key(), now=NOW)


def test_blob_encrypted_for_another_purpose_is_rejected() -> None:
    expiry = int(NOW + 60).to_bytes(8, "big")
    token = b64(encrypt(SERVER_KEY, expiry + b"payload", aad=b"something-else"))
    with pytest.raises(InvalidToken):
        open_token(token, SERVER_KEY, now=NOW)


@no_db
@given(data=st.data())
def test_any_flipped_bit_is_detected(data: st.DataObject) -> None:
    blob = bytearray(unb64(issue()))
    index = data.draw(st.integers(0, len(blob) - 1), label="byte")
    blob[index] ^= 1 << data.draw(st.integers(0, 7), label="bit")
    with pytest.raises(InvalidToken):
        open_token(b64(bytes(blob)), SERVER_KEY, now=NOW)


@no_db
@given(data=st.data())
def test_any_changed_character_is_detected(data: st.DataObject) -> None:
    token = TOKEN
    index = data.draw(st.integers(0, len(token) - 1), label="position")
    replacement = data.draw(st.characters(exclude_characters=token[index]), label="replacement")
    with pytest.raises(InvalidToken):
        open_token(token[:index] + replacement + token[index + 1 :], SERVER_KEY, now=NOW)


@no_db
@given(data=st.data())
def test_any_truncation_is_detected(data: st.DataObject) -> None:
    token = issue()
    cut = data.draw(st.integers(0, len(token) - 1), label="length kept")
    with pytest.raises(InvalidToken):
        open_token(token[:cut], SERVER_KEY, now=NOW)


@pytest.mark.parametrize("suffix", ["=", "==", " ", "\n", "A", "+", "/", "é"], ids=repr)
def test_decorated_tokens_are_rejected(suffix: str) -> None:
    with pytest.raises(InvalidToken):
        open_token(issue() + suffix, SERVER_KEY, now=NOW)


@pytest.mark.parametrize("token", ["", "A", "!!!!", "a b c d", "ÄÖÜß"])
def test_malformed_tokens_are_rejected(token: str) -> None:
    with pytest.raises(InvalidToken):
        open_token(token, SERVER_KEY, now=NOW)


def test_non_canonical_encoding_is_rejected() -> None:
    token = issue()
    blob = unb64(token)
    # Set the unused low bits of the last character: decodes to the same bytes.
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
    unused_bits = {2: 4, 3: 2}.get(len(token) % 4)
    if unused_bits is None:
        token = b64(blob + b"\x00")
        blob = unb64(token)
        unused_bits = {2: 4, 3: 2}[len(token) % 4]
    last = alphabet.index(token[-1]) | ((1 << unused_bits) - 1)
    variant = token[:-1] + alphabet[last]
    assert unb64(variant) == blob
    assert variant != token
    with pytest.raises(InvalidToken, match="malformed"):
        open_token(variant, SERVER_KEY, now=NOW)


@pytest.mark.parametrize("ttl", [0, -1])
def test_ttl_must_be_positive(ttl: int) -> None:
    with pytest.raises(ValueError, match="ttl"):
        issue(ttl=ttl)


def test_tokens_for_the_same_payload_differ() -> None:
    assert issue() != issue()


def test_invalid_token_is_a_crypto_error() -> None:
    assert issubclass(InvalidToken, CryptoError)
