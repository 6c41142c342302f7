"""Keyed blind index: stable, key-dependent and separated by kind."""

from __future__ import annotations

import hashlib
import hmac
import re

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from meldpunt.crypto import BLIND_INDEX_KEY_BYTES, BlindIndex, MalformedReceipt

KEY = bytes(range(32))
INDEX = BlindIndex(KEY)
kinds = st.text(st.characters(exclude_characters="\x1f", exclude_categories=("Cs",)), min_size=1, max_size=20)
no_db = settings(database=None)


def test_digest_is_lowercase_hex_hmac_sha256_of_kind_and_value() -> None:
    message = "name\x1fçağrı yılmaz".encode()
    expected = hmac.new(KEY, message, hashlib.sha256).hexdigest()
    assert INDEX.digest("name", "çağrı yılmaz") == expected
    assert re.fullmatch(r"[0-9a-f]{64}", expected)


@no_db
@given(kind=kinds, value=st.text())
def test_digest_is_stable(kind: str, value: str) -> None:
    assert INDEX.digest(kind, value) == BlindIndex(KEY).digest(kind, value)


@no_db
@given(value=st.text())
def test_digest_depends_on_the_key(value: str) -> None:
    other = BlindIndex(bytes(reversed(KEY)))
    assert INDEX.digest("email", value) != other.digest("email", value)


@no_db
@given(first=kinds, second=kinds, value=st.text())
def test_same_value_under_different_kinds_never_meets(first: str, second: str, value: str) -> None:
    assume(first != second)
    assert INDEX.digest(first, value) != INDEX.digest(second, value)


def test_kind_and_value_boundary_cannot_shift() -> None:
    assert INDEX.digest("ab", "c") != INDEX.digest("a", "bc")
    # A value may hold the separator: the first one always ends the kind.
    assert INDEX.digest("a", "b\x1fc") != INDEX.digest("a", "b")


def test_kind_containing_the_separator_is_refused() -> None:
    with pytest.raises(ValueError, match="kind"):
        INDEX.digest("a\x1fb", "c")
    with pytest.raises(ValueError, match="kind"):
        INDEX.digest("", "value")


def test_values_are_not_normalised_here() -> None:
    # Normalising is the caller's job (one normaliser per identifier kind).
    assert INDEX.digest("email", "A@example.org") != INDEX.digest("email", "a@example.org")


def test_locator_digest_uses_its_own_kind() -> None:
    assert INDEX.locator_digest("12345678") == INDEX.digest("receipt_locator", "12345678")
    assert INDEX.locator_digest("12345678") != INDEX.digest("phone", "12345678")
    assert INDEX.locator_digest("12345678") != INDEX.locator_digest("12345679")


@pytest.mark.parametrize("locator", ["1234 5678", "1234567", "123456789", "１２３４５６７８"])
def test_locator_digest_refuses_unnormalised_locators(locator: str) -> None:
    with pytest.raises(MalformedReceipt):
        INDEX.locator_digest(locator)


@pytest.mark.parametrize("length", [0, 16, BLIND_INDEX_KEY_BYTES - 1])
def test_short_keys_are_refused(length: int) -> None:
    with pytest.raises(ValueError, match="at least 32 bytes"):
        BlindIndex(b"k" * length)


def test_longer_keys_are_accepted() -> None:
    assert BlindIndex(b"k" * 64).digest("phone", "1") != BlindIndex(b"k" * 32).digest("phone", "1")


def test_repr_hides_the_key() -> None:
    assert KEY.hex() not in repr(INDEX)
    assert repr(KEY) not in repr(INDEX)
