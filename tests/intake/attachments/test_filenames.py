"""Download names: no paths, no hidden direction tricks, bounded length, extension from content."""

from __future__ import annotations

import pytest

from meldpunt.intake.attachments.filenames import MAX_STEM_CHARS, safe_filename, safe_stem


@pytest.mark.parametrize(
    ("original", "extension", "expected"),
    [
        ("../../etc/passwd.jpg", "jpg", "passwd.jpg"),
        ("C:\\Users\\amira\\Desktop\\bewijs.pdf", "pdf", "bewijs.pdf"),
        ("photo\u202egpj.exe", "png", "photogpj.png"),
        ("\u2066evil\u2069\u200f.pdf", "pdf", "evil.pdf"),
        ("照片.png", "png", "照片.png"),
        ("صورة التهديد.jpg", "jpg", "صورة التهديد.jpg"),
        ("نامه\u200cها.pdf", "pdf", "نامه\u200cها.pdf"),  # Persian zero-width non-joiner is spelling
        ("", "jpg", "attachment.jpg"),
        ("...", "jpg", "attachment.jpg"),
        ("\x00\x1b[31m\x07.png", "png", "[31m.png"),
        ("line\nbreak\r\tname.mp3", "mp3", "line break name.mp3"),
        ('what?*:"<>|.wav', "wav", "what_______.wav"),
        ("CON.pdf", "pdf", "_CON.pdf"),
        ("report.pdf.exe", "pdf", "report.pdf.pdf"),
        ("voice memo", "m4a", "voice memo.m4a"),
        ("Cafe\u0301.jpg", "jpg", "Café.jpg"),  # NFC
    ],
)
def test_safe_filename(original: str, extension: str, expected: str) -> None:
    assert safe_filename(original, extension) == expected


def test_long_names_are_cut() -> None:
    stem = safe_stem("a" * 300 + ".jpg")
    assert stem == "a" * MAX_STEM_CHARS


def test_cut_does_not_leave_trailing_dots_or_spaces() -> None:
    assert safe_stem("a" * (MAX_STEM_CHARS - 1) + " b.jpg") == "a" * (MAX_STEM_CHARS - 1)
