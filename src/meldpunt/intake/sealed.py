"""Encrypting and opening a report's parts with its key; `aad` binds each blob to its place.

Binding ciphertext to the report and the column it belongs in means a database writer cannot swap an
attachment or message from one report into another without decryption failing.
"""

from __future__ import annotations

import json
from typing import Any

from meldpunt.crypto import decrypt, encrypt


def _aad(report_id: int, part: str) -> bytes:
    return f"meldpunt:report:{report_id}:{part}".encode()


def seal_part(key: bytes, report_id: int, part: str, plaintext: bytes) -> bytes:
    return encrypt(key, plaintext, aad=_aad(report_id, part))


def open_part(key: bytes, report_id: int, part: str, blob: bytes) -> bytes:
    return decrypt(key, blob, aad=_aad(report_id, part))


def seal_json(key: bytes, report_id: int, part: str, value: dict[str, Any]) -> bytes:
    return seal_part(key, report_id, part, json.dumps(value, ensure_ascii=False).encode())


def open_json(key: bytes, report_id: int, part: str, blob: bytes) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(open_part(key, report_id, part, blob))
    return loaded
