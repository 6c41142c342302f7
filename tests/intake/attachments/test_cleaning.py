"""The public door: limits, type by content, stable rejection codes, memory only, no crashes."""

from __future__ import annotations

import builtins
import hashlib
import os
import tempfile
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from meldpunt.intake.attachments import (
    REJECTION_CODES,
    AttachmentPolicy,
    AttachmentRejected,
    CleanFile,
    clean_attachment,
    clean_attachments,
)

from . import samples

SMALL = AttachmentPolicy(max_file_bytes=2_000, max_total_bytes=3_000, max_files=2)
SAMPLE_BUILDERS: tuple[Callable[[], bytes], ...] = (
    samples.jpeg_with_metadata,
    samples.png_with_metadata,
    samples.gif_with_comment,
    samples.webp_with_metadata,
    samples.pdf_with_metadata,
    samples.mp3_with_tags,
    samples.wav_with_tags,
    samples.flac_with_tags,
    samples.opus_with_tags,
    samples.vorbis_with_tags,
    samples.m4a_with_tags,
)


def test_rejection_codes_are_stable() -> None:
    assert REJECTION_CODES == (
        "too_large",
        "too_many",
        "total_too_large",
        "unknown_type",
        "damaged",
        "decompression_bomb",
        "active_content",
        "empty",
    )


def test_rejections_only_use_known_codes() -> None:
    with pytest.raises(ValueError, match="unknown rejection code"):
        AttachmentRejected("virus")
    assert str(AttachmentRejected("empty")) == "The file is empty."


def _svg_with_script() -> bytes:
    return b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'


@pytest.mark.parametrize(
    ("name", "data", "policy", "code"),
    [
        ("photo.jpg", b"this is plain text, not a photo", None, "unknown_type"),
        ("page.jpg", b"<!doctype html><html><body><script>fetch('//x')</script>", None, "unknown_type"),
        ("logo.svg", _svg_with_script(), None, "unknown_type"),
        ("archive.pdf", samples.zip_archive(), None, "unknown_type"),
        ("letter.docx", samples.zip_archive(), None, "unknown_type"),
        ("setup.jpg", b"MZ\x90\x00" + bytes(200), None, "unknown_type"),
        ("photo.jpg", samples.jpeg_with_metadata(size=(128, 128))[:700], None, "damaged"),
        ("empty.jpg", b"", None, "empty"),
        ("big.pdf", samples.pdf_with_metadata(), SMALL, "too_large"),
    ],
)
def test_rejections(name: str, data: bytes, policy: AttachmentPolicy | None, code: str) -> None:
    with pytest.raises(AttachmentRejected) as caught:
        clean_attachment(data, name, policy=policy or AttachmentPolicy())
    assert caught.value.code == code


def test_file_at_the_size_limit_is_accepted() -> None:
    photo = samples.jpeg_with_metadata()
    assert clean_attachment(photo, "x.jpg", policy=AttachmentPolicy(max_file_bytes=len(photo)))


def test_clean_file_describes_the_cleaned_bytes() -> None:
    cleaned = clean_attachment(samples.png_with_metadata(), "../Schermafbeelding 2024.png")
    assert cleaned.sha256 == hashlib.sha256(cleaned.data).hexdigest()
    assert (cleaned.media_type, cleaned.extension) == ("image/png", "png")
    assert cleaned.filename == "Schermafbeelding 2024.png"


def test_extension_comes_from_the_content() -> None:
    assert clean_attachment(samples.png_with_metadata(), "photo.jpg").filename == "photo.png"


def test_repr_shows_neither_content_nor_name() -> None:
    cleaned = clean_attachment(samples.png_with_metadata(), "Amira-home.png")
    assert "Amira" not in repr(cleaned)
    assert "data=" not in repr(cleaned)


def test_clean_file_is_immutable() -> None:
    cleaned = clean_attachment(samples.png_with_metadata(), "x.png")
    with pytest.raises(AttributeError):
        cleaned.data = b""  # type: ignore[misc]  # assigning to a frozen field is the point


def test_several_files_are_cleaned_in_order() -> None:
    files = [("a.jpg", samples.jpeg_with_metadata()), ("b.mp3", samples.mp3_with_tags())]
    cleaned = clean_attachments(files)
    assert [item.filename for item in cleaned] == ["a.jpg", "b.mp3"]
    assert all(isinstance(item, CleanFile) and samples.MARKER not in item.data for item in cleaned)


@pytest.mark.parametrize(
    ("files", "code"),
    [
        ([("a.png", b"x")] * 3, "too_many"),
        ([("a.bin", bytes(1_600)), ("b.bin", bytes(1_600))], "total_too_large"),
        ([("ok.gif", samples.gif_with_comment()), ("bad.jpg", b"text")], "unknown_type"),
        ([("ok.gif", samples.gif_with_comment()), ("none.jpg", b"")], "empty"),
    ],
)
def test_several_files_all_or_nothing(files: list[tuple[str, bytes]], code: str) -> None:
    with pytest.raises(AttachmentRejected) as caught:
        clean_attachments(files, policy=SMALL)
    assert caught.value.code == code


def test_no_files_is_fine() -> None:
    assert clean_attachments([]) == []


@pytest.fixture
def no_disk_writes(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make any attempt to create or write a file fail the test (DESIGN security rule 4)."""
    real_open = builtins.open
    real_os_open = os.open
    writing = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_APPEND

    def guarded_open(file: Any, mode: str = "r", *args: Any, **kwargs: Any) -> Any:
        if any(flag in mode for flag in "wax+"):
            pytest.fail(f"attempted to open {file!r} for writing")
        return real_open(file, mode, *args, **kwargs)

    def guarded_os_open(path: Any, flags: int, *args: Any, **kwargs: Any) -> int:
        if flags & writing:
            pytest.fail(f"attempted to os.open {path!r} for writing")
        return real_os_open(path, flags, *args, **kwargs)

    def no_temp(*args: Any, **kwargs: Any) -> Any:
        pytest.fail("attempted to create a temporary file")

    monkeypatch.setattr(builtins, "open", guarded_open)
    monkeypatch.setattr(os, "open", guarded_os_open)
    for name in ("mkstemp", "mkdtemp", "NamedTemporaryFile", "TemporaryFile", "SpooledTemporaryFile"):
        monkeypatch.setattr(tempfile, name, no_temp)


@pytest.mark.usefixtures("no_disk_writes")
@pytest.mark.parametrize("build", SAMPLE_BUILDERS)
def test_cleaning_never_touches_the_disk(build: Callable[[], bytes]) -> None:
    data = build()
    assert samples.MARKER not in clean_attachment(data, "x").data


_PREFIXES = (
    b"",
    b"\xff\xd8\xff",
    b"\x89PNG\r\n\x1a\n",
    b"GIF89a",
    b"RIFF\x00\x10\x00\x00WEBP",
    b"%PDF-1.7\n",
    b"ID3\x04\x00\x00\x00\x00\x00\x00",
    samples.MP3_FRAME_HEADER,
    b"OggS\x00",
    b"\x00\x00\x00\x14ftypM4A \x00\x00\x00\x00M4A ",
    b"RIFF\x00\x10\x00\x00WAVE",
    b"fLaC",
)
_FUZZ = settings(deadline=None, max_examples=300, suppress_health_check=[HealthCheck.too_slow])


def _only_rejections(data: bytes) -> None:
    try:
        cleaned = clean_attachment(data, "fuzz")
    except AttachmentRejected as rejected:  # its constructor allows only REJECTION_CODES
        event(rejected.code)
        return
    assert cleaned.data
    event(f"cleaned {cleaned.media_type}")


@_FUZZ
@given(prefix=st.sampled_from(_PREFIXES), rest=st.binary(max_size=2_048))
def test_random_bytes_only_ever_raise_rejections(prefix: bytes, rest: bytes) -> None:
    _only_rejections(prefix + rest)


_VALID = tuple(build() for build in SAMPLE_BUILDERS)
_KEPT_HEADER = 16


@_FUZZ
@given(
    sample=st.sampled_from(_VALID),
    edits=st.lists(st.tuples(st.integers(min_value=0), st.integers(0, 255)), min_size=1, max_size=8),
    keep=st.integers(min_value=_KEPT_HEADER + 1),
)
def test_damaged_real_files_only_ever_raise_rejections(sample: bytes, edits: list[tuple[int, int]], keep: int) -> None:
    """Real files with bytes changed after their magic number, and possibly cut short."""
    data = bytearray(sample[:keep])
    for where, value in edits:
        data[_KEPT_HEADER + where % (len(data) - _KEPT_HEADER)] = value
    _only_rejections(bytes(data))
