"""Reporter receipts: the only thing a reporter keeps to return to their report.

Protects against (DESIGN rule 2):

- guessing receipts in bulk: the 12-digit secret is checked with argon2id under a salt
  of each report's own, so one guess can never be tried against every report at once;
- a database copy opening reports: only a verifier and the report key wrapped under a
  subkey of the receipt key are stored, never the receipt or the receipt key;
- timing telling whether a locator exists: `dummy_derivation` costs a real check;
- mistyping in another script: digits of any Unicode script are accepted and
  separators ignored;
- the secret leaking into logs: `repr` of a `Receipt` shows the locator only.
"""

from __future__ import annotations

import hmac
import secrets
import string
import unicodedata
from dataclasses import dataclass

import nacl.encoding
import nacl.hash

from . import aead
from ._buffers import as_bytes
from .errors import DecryptionError, MalformedReceipt
from .kdf import SALT_BYTES, KdfParams, derive_key

__all__ = [
    "LOCATOR_DIGITS",
    "RECEIPT_KDF",
    "SECRET_DIGITS",
    "DecryptionError",
    "MalformedReceipt",
    "Receipt",
    "derive_receipt_key",
    "dummy_derivation",
    "new_receipt_salt",
    "open_with_receipt_key",
    "receipt_verifier",
    "seal_with_receipt_key",
    "verify_receipt_key",
]

LOCATOR_DIGITS = 8
SECRET_DIGITS = 12
_TOTAL_DIGITS = LOCATOR_DIGITS + SECRET_DIGITS
_GROUP = 4
# Longer than this is not a receipt typed by a person; refuse before looking at it.
_MAX_INPUT_CHARS = 200
_RECEIPT_KEY_BYTES = 32

# OWASP's argon2id minimum (m=19 MiB, t=2, p=1): a login stays fast on modest hardware.
RECEIPT_KDF = KdfParams(time_cost=2, memory_kib=19456, parallelism=1)

# blake2b personalisations keep the stored verifier and the wrapping subkey independent.
_VERIFIER_PERSON = b"meldpunt:verify"
_WRAP_PERSON = b"meldpunt:wrapkey"
_WRAP_AAD = b"meldpunt-receipt-wrap-v1"


def _is_ascii_digits(text: str, length: int) -> bool:
    return len(text) == length and all(ch in string.digits for ch in text)


def _random_digits(count: int) -> str:
    return "".join(secrets.choice(string.digits) for _ in range(count))


def _is_ignorable(ch: str) -> bool:
    # Separators (Z*), punctuation such as hyphens and dots (P*), whitespace, and
    # format characters (Cf: bidi marks that right-to-left text slips between digits).
    category = unicodedata.category(ch)
    return category[0] in "ZP" or category == "Cf" or ch.isspace()


@dataclass(frozen=True)
class Receipt:
    """ASCII digits: `locator` finds the report, `secret` proves the holder."""

    locator: str
    secret: str

    def __post_init__(self) -> None:
        if not _is_ascii_digits(self.locator, LOCATOR_DIGITS):
            raise MalformedReceipt(f"locator must be {LOCATOR_DIGITS} ASCII digits")
        if not _is_ascii_digits(self.secret, SECRET_DIGITS):
            raise MalformedReceipt(f"secret must be {SECRET_DIGITS} ASCII digits")

    def __repr__(self) -> str:
        return f"Receipt(locator={self.locator!r}, secret=<hidden>)"

    __str__ = __repr__

    @classmethod
    def generate(cls) -> Receipt:
        """Draw every digit independently from the OS random source."""
        return cls(locator=_random_digits(LOCATOR_DIGITS), secret=_random_digits(SECRET_DIGITS))

    def display(self) -> str:
        """Five groups of four digits, the form shown once to the reporter."""
        digits = self.locator + self.secret
        return " ".join(digits[i : i + _GROUP] for i in range(0, _TOTAL_DIGITS, _GROUP))

    @classmethod
    def parse(cls, text: str) -> Receipt:
        """Read a receipt typed in any script; `MalformedReceipt` unless 20 digits."""
        if len(text) > _MAX_INPUT_CHARS:
            raise MalformedReceipt("receipt text is too long")
        digits: list[str] = []
        for ch in text:
            value = unicodedata.decimal(ch, None)
            if value is not None:
                digits.append(str(value))
            elif not _is_ignorable(ch):
                raise MalformedReceipt("receipt may only hold digits and separators")
        if len(digits) != _TOTAL_DIGITS:
            raise MalformedReceipt(f"a receipt has exactly {_TOTAL_DIGITS} digits")
        joined = "".join(digits)
        return cls(locator=joined[:LOCATOR_DIGITS], secret=joined[LOCATOR_DIGITS:])


def new_receipt_salt() -> bytes:
    """A fresh salt per report, so one guess never tests all reports at once."""
    return secrets.token_bytes(SALT_BYTES)


def derive_receipt_key(secret: str, salt: bytes, *, params: KdfParams = RECEIPT_KDF) -> bytes:
    """The expensive step (argon2id): derive once per submission or login."""
    if not _is_ascii_digits(secret, SECRET_DIGITS):
        raise MalformedReceipt(f"secret must be {SECRET_DIGITS} ASCII digits")
    return derive_key(secret.encode("ascii"), salt, params)


def _subkey(receipt_key: bytes, person: bytes) -> bytes:
    receipt_key = as_bytes(receipt_key, "receipt_key")
    if len(receipt_key) != _RECEIPT_KEY_BYTES:
        raise ValueError(f"receipt key must be {_RECEIPT_KEY_BYTES} bytes")
    return nacl.hash.blake2b(
        b"",
        digest_size=32,
        key=receipt_key,
        person=person,
        encoder=nacl.encoding.RawEncoder,
    )


def receipt_verifier(receipt_key: bytes) -> bytes:
    """Stored to check logins; independent of the subkey that wraps the report key."""
    return _subkey(receipt_key, _VERIFIER_PERSON)


def verify_receipt_key(receipt_key: bytes, verifier: bytes) -> bool:
    """Check a derived key against the stored verifier in constant time."""
    return hmac.compare_digest(receipt_verifier(receipt_key), as_bytes(verifier, "verifier"))


def seal_with_receipt_key(report_key: bytes, receipt_key: bytes) -> bytes:
    """Wrap the report key so that only the receipt holder can open it."""
    return aead.encrypt(_subkey(receipt_key, _WRAP_PERSON), report_key, aad=_WRAP_AAD)


def open_with_receipt_key(sealed: bytes, receipt_key: bytes) -> bytes:
    """Unwrap the report key; `DecryptionError` for a wrong key or altered blob."""
    return aead.decrypt(_subkey(receipt_key, _WRAP_PERSON), sealed, aad=_WRAP_AAD)


def dummy_derivation(params: KdfParams = RECEIPT_KDF) -> None:
    """Spend one real derivation for an unknown locator, so timing tells nothing."""
    derive_receipt_key(_random_digits(SECRET_DIGITS), new_receipt_salt(), params=params)
