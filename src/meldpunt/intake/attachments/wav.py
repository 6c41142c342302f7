"""Rebuild a WAV file from its format and sample chunks.

Protects against RIFF INFO lists (artist, comment, software, creation date), Broadcast WAV "bext"
chunks (originator, date and time of recording), iXML, embedded ID3 chunks, cue and marker
chunks, and anything appended after the samples: only "fmt ", "fact" and "data" are written back.
"""

from __future__ import annotations

from typing import Final

from meldpunt.intake.attachments.errors import AttachmentRejected

_KEPT: Final = (b"fmt ", b"fact", b"data")
_MIN_FMT_BYTES: Final = 16


def _chunk(kind: bytes, payload: bytes) -> bytes:
    padding = b"\x00" if len(payload) % 2 else b""
    return kind + len(payload).to_bytes(4, "little") + payload + padding


def clean_wav(data: bytes) -> bytes:
    """A RIFF/WAVE file holding only the first fmt, fact and data chunks, in that order."""
    if data[0:4] != b"RIFF" or data[8:12] != b"WAVE":
        raise AttachmentRejected("damaged", "The WAV file has no RIFF/WAVE header.")
    found: dict[bytes, bytes] = {}
    pos = 12
    while pos + 8 <= len(data):
        kind = data[pos : pos + 4]
        end = pos + 8 + int.from_bytes(data[pos + 4 : pos + 8], "little")
        if end > len(data):
            if b"data" in found:
                break  # a broken chunk after the samples is dropped with the rest
            raise AttachmentRejected("damaged", "A WAV chunk runs past the end of the file.")
        if kind in _KEPT and kind not in found:
            found[kind] = data[pos + 8 : end]
        pos = end + (end - pos) % 2
    if len(found.get(b"fmt ", b"")) < _MIN_FMT_BYTES or b"data" not in found:
        raise AttachmentRejected("damaged", "The WAV file lacks its format or samples.")
    body = b"WAVE" + b"".join(_chunk(kind, found[kind]) for kind in _KEPT if kind in found)
    return b"RIFF" + len(body).to_bytes(4, "little") + body
