"""Reporter receipts: generation, display, parsing in any script, and key derivation."""

from __future__ import annotations

import re
from dataclasses import astuple
from typing import cast

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from meldpunt.crypto import (
    FAST_KDF_FOR_TESTS,
    RECEIPT_KDF,
    CryptoError,
    DecryptionError,
    KdfParams,
    MalformedReceipt,
    Receipt,
    derive_receipt_key,
    dummy_derivation,
    new_receipt_salt,
    new_report_key,
    open_with_receipt_key,
    receipt_verifier,
    seal_with_receipt_key,
    verify_receipt_key,
)
from meldpunt.crypto.kdf import derive_key

RECEIPT = Receipt(locator="12345678", secret="901234567890")
DISPLAYED = "1234 5678 9012 3456 7890"
# Zero of each script's digit block; digit d is chr(zero + d).
SCRIPT_ZEROS = {
    "full-width": 0xFF10,
    "arabic-indic": 0x0660,
    "extended-arabic-indic": 0x06F0,
    "devanagari": 0x0966,
    "bengali": 0x09E6,
    "thai": 0x0E50,
    "myanmar": 0x1040,
}
SEPARATORS = [" ", "-", ".", "\u00a0", "\t", "\n", "\u2009", "\u2011", "\u200f", "\u200e"]
no_db = settings(database=None)
argon2_examples = settings(database=None, max_examples=20, deadline=None)
receipts = st.builds(
    Receipt,
    locator=st.text("0123456789", min_size=8, max_size=8),
    secret=st.text("0123456789", min_size=12, max_size=12),
)


def render(text: str, zero: int) -> str:
    return "".join(chr(zero + int(ch)) if ch.isdigit() else ch for ch in text)


def test_generate_gives_ascii_digits_of_the_right_lengths() -> None:
    receipt = Receipt.generate()
    assert re.fullmatch(r"[0-9]{8}", receipt.locator)
    assert re.fullmatch(r"[0-9]{12}", receipt.secret)


def test_generated_receipts_differ() -> None:
    drawn = {Receipt.generate().display() for _ in range(1000)}
    assert len(drawn) == 1000


def test_display_is_five_groups_of_four() -> None:
    assert RECEIPT.display() == DISPLAYED
    assert re.fullmatch(r"[0-9]{4}( [0-9]{4}){4}", Receipt.generate().display())


@no_db
@given(receipt=receipts)
def test_parse_reads_back_display(receipt: Receipt) -> None:
    assert Receipt.parse(receipt.display()) == receipt


@pytest.mark.parametrize("zero", SCRIPT_ZEROS.values(), ids=SCRIPT_ZEROS.keys())
def test_parse_accepts_digits_of_other_scripts(zero: int) -> None:
    assert Receipt.parse(render(DISPLAYED, zero)) == RECEIPT


def test_parse_accepts_mixed_scripts() -> None:
    text = render("1234 5678", 0xFF10) + " " + render("9012 3456", 0x0660) + " 7890"
    assert Receipt.parse(text) == RECEIPT


@pytest.mark.parametrize(
    "text",
    [
        "12345678901234567890",
        "1234-5678-9012-3456-7890",
        "1234.5678.9012.3456.7890",
        "  1234 5678\t9012\n3456 7890  ",
        "1234\u00a05678\u20099012\u202f3456\u30007890",
        "\u200f1234 5678 9012 3456 7890\u200f",
        "1234\u200b5678\u200b9012\u200b3456\u200b7890",
        "1234 \u2013 5678 \u2014 9012 / 3456 , 7890",
    ],
)
def test_parse_ignores_separators_and_whitespace(text: str) -> None:
    assert Receipt.parse(text) == RECEIPT


@no_db
@given(
    receipt=receipts,
    zero=st.sampled_from([0x30, *SCRIPT_ZEROS.values()]),
    gaps=st.lists(st.text(SEPARATORS, max_size=3), min_size=21, max_size=21),
)
def test_parse_accepts_any_rendering(receipt: Receipt, zero: int, gaps: list[str]) -> None:
    digits = render(receipt.locator + receipt.secret, zero)
    text = "".join(gap + digit for gap, digit in zip(gaps, digits, strict=False))
    assert Receipt.parse(text + gaps[-1]) == receipt


@pytest.mark.parametrize(
    "text",
    [
        "1234 5678 9012 3456 789",
        "1234 5678 9012 3456 78901",
        "",
        "    ",
        "abcd efgh ijkl mnop qrst",
        "1234 5678 9012 3456 789O",
        "1234 5678 9012 3456 7890 x",
        "1234 5678 9012 3456 789\u00b2",
        "1234 5678 9012 3456 789\u2167",
        "1234 5678 9012 3456 7890" + " " * 300,
    ],
)
def test_parse_rejects_malformed(text: str) -> None:
    with pytest.raises(MalformedReceipt):
        Receipt.parse(text)


@pytest.mark.parametrize(
    ("locator", "secret"),
    [("1234567", "901234567890"), ("12345678", "90123456789"), ("1234567a", "0" * 12)],
)
def test_constructor_rejects_wrong_shapes(locator: str, secret: str) -> None:
    with pytest.raises(MalformedReceipt):
        Receipt(locator=locator, secret=secret)


def test_constructor_requires_ascii_digits() -> None:
    with pytest.raises(MalformedReceipt):
        Receipt(locator=render("12345678", 0xFF10), secret="901234567890")


def test_repr_and_str_hide_the_secret() -> None:
    for shown in (repr(RECEIPT), str(RECEIPT), f"{RECEIPT}", f"{RECEIPT!r}"):
        assert RECEIPT.secret not in shown
        assert RECEIPT.locator in shown


def test_malformed_receipt_is_a_crypto_error() -> None:
    assert issubclass(MalformedReceipt, CryptoError)


def test_receipt_kdf_is_the_owasp_minimum() -> None:
    assert astuple(RECEIPT_KDF) == (2, 19456, 1)


def test_receipt_salts_are_16_fresh_bytes() -> None:
    salts = {new_receipt_salt() for _ in range(1000)}
    assert len(salts) == 1000
    assert {len(salt) for salt in salts} == {16}


def derive(secret: str = RECEIPT.secret, salt: bytes = b"s" * 16) -> bytes:
    return derive_receipt_key(secret, salt, params=FAST_KDF_FOR_TESTS)


def test_derivation_is_deterministic_and_32_bytes() -> None:
    assert derive() == derive()
    assert len(derive()) == 32


def test_derivation_depends_on_secret_salt_and_params() -> None:
    assert derive() != derive(secret="901234567891")
    assert derive() != derive(salt=b"t" * 16)
    slower = derive_receipt_key(RECEIPT.secret, b"s" * 16, params=KdfParams(2, 8, 1))
    assert derive() != slower


@pytest.mark.parametrize("secret", [DISPLAYED, "90123456789", "９０１２３４５６７８９０"])
def test_derivation_requires_the_normalised_secret(secret: str) -> None:
    with pytest.raises(MalformedReceipt):
        derive(secret=secret)


def test_derivation_requires_a_16_byte_salt() -> None:
    with pytest.raises(ValueError, match="salt"):
        derive(salt=b"short")


@argon2_examples
@given(receipt=receipts)
def test_verifier_accepts_the_right_key_only(receipt: Receipt) -> None:
    salt = new_receipt_salt()
    key = derive(receipt.secret, salt)
    verifier = receipt_verifier(key)
    assert len(verifier) == 32
    assert verify_receipt_key(key, verifier)
    other = Receipt.generate().secret
    if other != receipt.secret:
        assert not verify_receipt_key(derive(other, salt), verifier)


def test_verifier_is_not_the_key() -> None:
    key = derive()
    assert receipt_verifier(key) != key
    assert receipt_verifier(key) == receipt_verifier(key)


def test_verify_rejects_a_verifier_of_the_wrong_length() -> None:
    key = derive()
    assert not verify_receipt_key(key, receipt_verifier(key)[:16])


def test_seal_and_open_with_receipt_key() -> None:
    report_key = new_report_key()
    sealed = seal_with_receipt_key(report_key, derive())
    assert open_with_receipt_key(sealed, derive()) == report_key
    # The verifier, stored beside the sealed key, must not open it.
    with pytest.raises(DecryptionError):
        open_with_receipt_key(sealed, receipt_verifier(derive()))


def test_open_with_wrong_receipt_key_fails() -> None:
    sealed = seal_with_receipt_key(new_report_key(), derive())
    with pytest.raises(DecryptionError):
        open_with_receipt_key(sealed, derive(secret="000000000000"))


@no_db
@given(data=st.data())
def test_any_flipped_bit_in_sealed_key_is_detected(data: st.DataObject) -> None:
    key = derive()
    sealed = bytearray(seal_with_receipt_key(new_report_key(), key))
    index = data.draw(st.integers(0, len(sealed) - 1), label="byte")
    sealed[index] ^= 1 << data.draw(st.integers(0, 7), label="bit")
    with pytest.raises(DecryptionError):
        open_with_receipt_key(bytes(sealed), key)


def test_receipt_seal_is_not_a_plain_aead_under_the_receipt_key() -> None:
    from meldpunt.crypto import decrypt

    key = derive()
    with pytest.raises(DecryptionError):
        decrypt(key, seal_with_receipt_key(new_report_key(), key))


def test_dummy_derivation_does_one_real_derivation(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    calls: list[tuple[bytes, bytes, KdfParams]] = []

    def counting(secret: bytes, salt: bytes, params: KdfParams) -> bytes:
        calls.append((secret, salt, params))
        return derive_key(secret, salt, params)

    monkeypatch.setattr("meldpunt.crypto.receipts.derive_key", counting)
    dummy_derivation(FAST_KDF_FOR_TESTS)
    dummy_derivation(FAST_KDF_FOR_TESTS)
    assert len(calls) == 2
    (secret, salt, params), (_, other_salt, _) = calls
    assert params == FAST_KDF_FOR_TESTS
    assert len(secret) == 12
    assert secret.isdigit()
    assert len(salt) == 16
    assert salt != other_salt


def test_dummy_derivation_defaults_to_the_real_cost() -> None:
    assert dummy_derivation.__defaults__ == (RECEIPT_KDF,)


def test_stored_values_read_back_as_memoryview_work() -> None:
    def stored(value: bytes) -> bytes:
        return cast(bytes, memoryview(value))

    salt = new_receipt_salt()
    key = derive(salt=salt)
    assert derive(salt=stored(salt)) == key
    assert verify_receipt_key(key, stored(receipt_verifier(key)))
    report_key = new_report_key()
    sealed = seal_with_receipt_key(report_key, key)
    assert open_with_receipt_key(stored(sealed), key) == report_key
