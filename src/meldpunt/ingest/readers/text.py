"""Plain text: UTF-8 with or without a byte-order mark; line ends are kept as they are in the file."""

from __future__ import annotations


def decode(data: bytes) -> str:
    # newline-preserving decode: offsets must point into the text exactly as stored, CRLF included
    return data.decode("utf-8-sig")


def parse(data: bytes) -> str:
    return decode(data)
