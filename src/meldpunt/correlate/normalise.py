"""Identifier normalisation (pure): equal identifiers must meet on the blind index.

A blind index only matches byte-equal input, so "+31 6 1234 5678", "0031612345678" and "06-12345678"
must all become one string before hashing. One small function per identifier kind.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from urllib.parse import urlsplit

import phonenumbers


def _fold(text: str) -> str:
    """Compatibility forms, case and diacritics folded; whitespace collapsed."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(char for char in text if not unicodedata.combining(char))
    return " ".join(unicodedata.normalize("NFC", text).casefold().split())


def phone(value: str, *, region: str = "NL") -> str:
    text = unicodedata.normalize("NFKC", value)
    if text.startswith("00"):
        text = "+" + text[2:]
    try:
        number = phonenumbers.parse(text, region)
    except phonenumbers.NumberParseException:
        return re.sub(r"\D", "", text)
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def email(value: str) -> str:
    return _fold(value).replace(" ", "")


def handle(value: str) -> str:
    """Messenger handles: "@Name", "t.me/name" and "https://t.me/name" meet."""
    text = _fold(value).replace(" ", "")
    text = re.sub(r"^(https?://)?(www\.)?(t\.me|telegram\.me)/", "", text)
    return text.lstrip("@").rstrip("/")


def messenger_number_or_name(value: str, *, region: str = "NL") -> str:
    """WhatsApp and Signal: a phone number when it reads as one, else a handle."""
    digits = re.sub(r"[\s\-().]", "", unicodedata.normalize("NFKC", value))
    if re.fullmatch(r"\+?\d{6,}", digits):
        return phone(value, region=region)
    return handle(value)


def url(value: str) -> str:
    text = _fold(value).replace(" ", "")
    if "://" not in text:
        text = "https://" + text
    parts = urlsplit(text)
    host = (parts.hostname or "").removeprefix("www.")
    path = parts.path.rstrip("/")
    return host + path + (f"?{parts.query}" if parts.query else "")


def name(value: str) -> str:
    """Names meet regardless of case, accents and word order ("Zhang Guohua" ~ "guohua zhang")."""
    return " ".join(sorted(_fold(re.sub(r"[,.\-_]", " ", value)).split()))


def plate(value: str) -> str:
    return re.sub(r"[^0-9a-z]", "", _fold(value))


NORMALISERS: dict[str, Callable[[str], str]] = {
    "phone": phone,
    "email": email,
    "telegram": handle,
    "wechat": handle,
    "whatsapp": messenger_number_or_name,
    "signal": messenger_number_or_name,
    "social_handle": handle,
    "url": url,
    "person_name": name,
    "organisation_name": name,
    "vehicle_plate": plate,
}


_REGIONAL = {"phone": phone, "whatsapp": messenger_number_or_name, "signal": messenger_number_or_name}


def normalise(kind: str, value: str, *, platform: str = "", region: str = "NL") -> str:
    """The canonical form of one identifier; numbers read with the report's region as a hint,
    social handles carry their platform."""
    if kind in _REGIONAL:
        return _REGIONAL[kind](value, region=region)
    canonical = NORMALISERS[kind](value)
    return f"{_fold(platform)}:{canonical}" if kind == "social_handle" else canonical
