"""The type comes from the first bytes only; names and unknown formats never decide it."""

from __future__ import annotations

import pytest

from meldpunt.intake.attachments import ACCEPTED_TYPES, sniff

from . import samples


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"\xff\xd8\xff\xe0rest", "image/jpeg"),
        (b"\x89PNG\r\n\x1a\nrest", "image/png"),
        (b"GIF89a....", "image/gif"),
        (b"GIF87a....", "image/gif"),
        (b"RIFF\x00\x00\x00\x00WEBPVP8 ", "image/webp"),
        (b"%PDF-1.7\n", "application/pdf"),
        (b"ID3\x04\x00\x00\x00\x00\x00\x00" + samples.mp3_frames(1), "audio/mpeg"),
        (samples.mp3_frames(2), "audio/mpeg"),
        (b"OggS\x00\x02", "audio/ogg"),
        (b"\x00\x00\x00\x18ftypM4A \x00\x00\x00\x00M4A mp42", "audio/mp4"),
        (b"\x00\x00\x00\x14ftypisom\x00\x00\x00\x00mp41", "audio/mp4"),
        (b"RIFF\x00\x00\x00\x00WAVEfmt ", "audio/wav"),
        (b"fLaC\x00\x00\x00\x22", "audio/flac"),
        (b"ID3\x04\x00\x00\x00\x00\x00\x00fLaC", "audio/flac"),
    ],
)
def test_magic_bytes(data: bytes, expected: str) -> None:
    assert sniff(data) == expected


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"just some text that claims to be a photo",
        b"<!DOCTYPE html><html><script>alert(1)</script>",
        b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
        b"MZ\x90\x00\x03\x00\x00\x00",  # Windows executable
        b"\x7fELF\x02\x01\x01",
        b"PK\x03\x04\x14\x00",  # zip, docx, odt, apk
        b"\x00\x00\x00\x18ftypqt  \x00\x00\x00\x00qt  ",  # QuickTime video
        b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1",  # HEIC photos are not accepted (yet)
        b"RIFF\x00\x00\x00\x00AVI LIST",
        b"\xff\xf1\x50\x80",  # raw AAC (ADTS) has layer bits 00
        b"\xff\xfb\xf0\x64",  # MPEG header with the invalid bitrate index 15
    ],
)
def test_unknown_content_is_not_sniffed(data: bytes) -> None:
    assert sniff(data) is None


def test_accepted_types_have_extensions() -> None:
    assert set(ACCEPTED_TYPES) == {
        "image/jpeg",
        "image/png",
        "image/webp",
        "image/gif",
        "application/pdf",
        "audio/mpeg",
        "audio/ogg",
        "audio/mp4",
        "audio/wav",
        "audio/flac",
    }
    assert all(extension.isalnum() for extension in ACCEPTED_TYPES.values())
