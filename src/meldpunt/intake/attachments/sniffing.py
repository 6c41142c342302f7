"""Decide a file's type from its first bytes, never from its name or the browser's claim.

Protects against files renamed to look harmless (an .exe or HTML page called photo.jpg) and against
types that can carry script (SVG, HTML, Office documents, archives): anything not recognised here is
refused. GIF is accepted because messaging apps produce it; like every image it is re-encoded.
"""

from __future__ import annotations

from types import MappingProxyType
from typing import Final

from meldpunt.intake.attachments.mpeg import frame_header, skip_id3v2

# Media type -> extension given to the cleaned file. The only list of accepted types.
ACCEPTED_TYPES: Final = MappingProxyType(
    {
        "image/jpeg": "jpg",
        "image/png": "png",
        "image/webp": "webp",
        "image/gif": "gif",
        "application/pdf": "pdf",
        "audio/mpeg": "mp3",
        "audio/ogg": "ogg",
        "audio/mp4": "m4a",
        "audio/wav": "wav",
        "audio/flac": "flac",
    }
)

# ISO BMFF brands an audio recording may carry: Apple's M4A/M4B, and the generic brands Android
# recorders write. Cleaning refuses any such file that holds a video or other non-sound track.
MP4_AUDIO_BRANDS: Final = frozenset({b"M4A ", b"M4B ", b"isom", b"iso2", b"mp41", b"mp42", b"3gp4", b"3gp5"})

_PREFIXES: Final[tuple[tuple[bytes, str], ...]] = (
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"GIF87a", "image/gif"),
    (b"GIF89a", "image/gif"),
    (b"%PDF-", "application/pdf"),
    (b"OggS\x00", "audio/ogg"),
    (b"fLaC", "audio/flac"),
)


def _mp4_brands(data: bytes) -> set[bytes]:
    size = int.from_bytes(data[0:4], "big")
    if data[4:8] != b"ftyp" or not 16 <= size <= min(len(data), 4096):
        return set()
    return {data[i : i + 4] for i in range(8, size, 4) if i != 12}


def sniff(data: bytes) -> str | None:
    """The accepted media type these bytes start like, or None."""
    for prefix, media_type in _PREFIXES:
        if data.startswith(prefix):
            return media_type
    if data[0:4] == b"RIFF" and data[8:12] in (b"WEBP", b"WAVE"):
        return "image/webp" if data[8:12] == b"WEBP" else "audio/wav"
    if _mp4_brands(data) & MP4_AUDIO_BRANDS:
        return "audio/mp4"
    after_tags = skip_id3v2(data)
    if after_tags and data[after_tags : after_tags + 4] == b"fLaC":
        return "audio/flac"
    if after_tags or frame_header(data, 0) is not None:
        return "audio/mpeg"
    return None
