"""The argon2id cost to use: the standard one, or a cheap one that only test settings select."""

from __future__ import annotations

from django.conf import settings

from meldpunt.crypto import FAST_KDF_FOR_TESTS, RECEIPT_KDF, STAFF_KDF, KdfParams


def _fast() -> bool:
    return bool(settings.MELDPUNT.fast_kdf_for_tests)


def staff_kdf() -> KdfParams:
    return FAST_KDF_FOR_TESTS if _fast() else STAFF_KDF


def receipt_kdf() -> KdfParams:
    return FAST_KDF_FOR_TESTS if _fast() else RECEIPT_KDF
