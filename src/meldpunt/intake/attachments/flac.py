"""Rebuild a FLAC file with STREAMINFO as its only metadata block.

Protects against Vorbis comments, embedded pictures, application blocks, cue sheets and padding
(which may hold leftovers of removed tags), against ID3v2 tags placed before the stream and
ID3v1, APEv2 and Lyrics3 tags after it. Limitation: FLAC frames cannot be counted without decoding
them, so other data appended after the last frame is not found here.
"""

from __future__ import annotations

from typing import Final

from meldpunt.intake.attachments.errors import AttachmentRejected
from meldpunt.intake.attachments.mpeg import skip_id3v2

_STREAMINFO: Final = 0
_STREAMINFO_BYTES: Final = 34
_INVALID_BLOCK: Final = 127
_ID3V1_BYTES: Final = 128
_APE_FOOTER_BYTES: Final = 32
_APE_HAS_HEADER: Final = 0x80000000
_LYRICS3V2_END: Final = b"LYRICS200"
# Far more metadata blocks than a recording has; bounds the work on hostile files.
MAX_BLOCKS: Final = 1_000


def _strip_trailing_tags(audio: bytes) -> bytes:
    """The audio without ID3v1, APEv2 and Lyrics3v2 tags at its end, in any order."""
    while True:
        if len(audio) >= _ID3V1_BYTES and audio[-_ID3V1_BYTES:].startswith(b"TAG"):
            audio = audio[:-_ID3V1_BYTES]
        elif audio[-_APE_FOOTER_BYTES:].startswith(b"APETAGEX"):
            footer = audio[-_APE_FOOTER_BYTES:]
            size = int.from_bytes(footer[12:16], "little")
            if int.from_bytes(footer[20:24], "little") & _APE_HAS_HEADER:
                size += _APE_FOOTER_BYTES
            if not _APE_FOOTER_BYTES <= size <= len(audio):
                raise AttachmentRejected("damaged", "An APE tag is malformed.")
            audio = audio[:-size]
        elif audio.endswith(_LYRICS3V2_END) and audio[-15:-9].isdigit():
            size = int(audio[-15:-9]) + 15
            if size > len(audio):
                raise AttachmentRejected("damaged", "A Lyrics3 tag is malformed.")
            audio = audio[:-size]
        else:
            return audio


def clean_flac(data: bytes) -> bytes:
    """The "fLaC" marker, the STREAMINFO block marked as the last one, then the audio frames."""
    pos = skip_id3v2(data)
    if data[pos : pos + 4] != b"fLaC":
        raise AttachmentRejected("damaged", "The FLAC stream marker is missing.")
    pos += 4
    streaminfo: bytes | None = None
    last, blocks = False, 0
    while not last:
        blocks += 1
        if blocks > MAX_BLOCKS or pos + 4 > len(data):
            raise AttachmentRejected("damaged", "The FLAC metadata is truncated or too long.")
        last, kind = bool(data[pos] & 0x80), data[pos] & 0x7F
        end = pos + 4 + int.from_bytes(data[pos + 1 : pos + 4], "big")
        if kind == _INVALID_BLOCK or end > len(data):
            raise AttachmentRejected("damaged", "A FLAC metadata block is malformed.")
        if kind == _STREAMINFO:
            if streaminfo is not None or end - pos - 4 != _STREAMINFO_BYTES:
                raise AttachmentRejected("damaged", "The FLAC STREAMINFO block is malformed.")
            streaminfo = data[pos + 4 : end]
        pos = end
    # Every frame starts with the 14-bit sync code 0b11111111111110.
    if streaminfo is None or data[pos : pos + 1] != b"\xff" or data[pos + 1 : pos + 2] not in (b"\xf8", b"\xf9"):
        raise AttachmentRejected("damaged", "The FLAC file has no audio frames.")
    header = bytes([0x80 | _STREAMINFO]) + _STREAMINFO_BYTES.to_bytes(3, "big")
    return b"fLaC" + header + streaminfo + _strip_trailing_tags(data[pos:])
