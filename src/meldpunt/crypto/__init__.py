"""Cryptography of Meldpunt, free of Django so it can be reviewed and tested alone.

Protects report content, keys, receipts and identifiers at rest (DESIGN "Security
model" rules 1, 2 and 5). Everything public is re-exported here; callers import from
`meldpunt.crypto`.
"""

from __future__ import annotations

from .aead import REPORT_KEY_BYTES, decrypt, encrypt, new_report_key
from .blind_index import BLIND_INDEX_KEY_BYTES, BlindIndex
from .errors import (
    CryptoError,
    DecryptionError,
    InvalidToken,
    KeyFileError,
    MalformedReceipt,
    WrongPassword,
)
from .handler_keys import (
    FAST_KDF_FOR_TESTS,
    STAFF_KDF,
    HandlerKeyPair,
    KdfParams,
    unwrap_private_key,
    wrap_private_key,
)
from .key_files import load_or_create_key
from .receipts import (
    RECEIPT_KDF,
    Receipt,
    derive_receipt_key,
    dummy_derivation,
    new_receipt_salt,
    open_with_receipt_key,
    receipt_verifier,
    seal_with_receipt_key,
    verify_receipt_key,
)
from .sealing import seal, unseal
from .token import issue_token, open_token

__all__ = [
    "BLIND_INDEX_KEY_BYTES",
    "FAST_KDF_FOR_TESTS",
    "RECEIPT_KDF",
    "REPORT_KEY_BYTES",
    "STAFF_KDF",
    "BlindIndex",
    "CryptoError",
    "DecryptionError",
    "HandlerKeyPair",
    "InvalidToken",
    "KdfParams",
    "KeyFileError",
    "MalformedReceipt",
    "Receipt",
    "WrongPassword",
    "decrypt",
    "derive_receipt_key",
    "dummy_derivation",
    "encrypt",
    "issue_token",
    "load_or_create_key",
    "new_receipt_salt",
    "new_report_key",
    "open_token",
    "open_with_receipt_key",
    "receipt_verifier",
    "seal",
    "seal_with_receipt_key",
    "unseal",
    "unwrap_private_key",
    "verify_receipt_key",
    "wrap_private_key",
]
