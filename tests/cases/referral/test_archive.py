"""The referral ZIP: what it holds, that SHA256SUMS vouches for it, and that names cannot escape."""

from __future__ import annotations

import hashlib
import io
import shutil
import subprocess
import unicodedata
import zipfile
from dataclasses import replace
from pathlib import Path, PurePosixPath

import pytest

from meldpunt.cases.referral import AttachmentMismatch, build_referral_zip
from tests.cases.referral.factories import referral_file, referral_input

PDF = b"%PDF-1.7\nstand-in for the referral PDF\n%%EOF\n"
# A hostile name, the media type decided from the content at intake, and the name it must get.
HOSTILE_NAMES = [
    ("../../etc/passwd", "application/pdf", "attachments/1-passwd.pdf"),
    ("a\u202egpj.exe", "image/jpeg", "attachments/1-agpj.jpg"),
    ("..\\..\\Windows\\system.ini", "image/png", "attachments/1-system.png"),
    ("/absolute/photo.jpg", "image/jpeg", "attachments/1-photo.jpg"),
    ("CON.jpg", "image/jpeg", "attachments/1-_CON.jpg"),
    ("evil\x00name\n.png", "image/png", "attachments/1-evilname.png"),
    ("...", "audio/mpeg", "attachments/1-attachment.mp3"),
    ("威胁短信.jpg.exe", "image/jpeg", "attachments/1-威胁短信.jpg.jpg"),
    ("notes.html", "text/html", "attachments/1-notes.bin"),
]


def open_zip(data: bytes) -> zipfile.ZipFile:
    return zipfile.ZipFile(io.BytesIO(data))


def test_the_zip_holds_the_pdf_a_manifest_every_attachment_and_the_sums() -> None:
    data = referral_input()
    with open_zip(build_referral_zip(data, PDF)) as archive:
        assert archive.namelist() == [
            "referral.pdf",
            "manifest.txt",
            "attachments/1-screenshot.png",
            "attachments/2-letter.pdf",
            "attachments/3-voicemail.m4a",
            "SHA256SUMS",
        ]
        assert archive.read("referral.pdf") == PDF
        for number, file in enumerate(data.files, start=1):
            assert archive.read(archive.namelist()[1 + number]) == file.data
        assert archive.testzip() is None


def test_sha256sums_verifies_every_other_entry() -> None:
    with open_zip(build_referral_zip(referral_input(), PDF)) as archive:
        listed = {}
        for line in archive.read("SHA256SUMS").decode().splitlines():
            digest, name = line.split("  ", 1)
            listed[name] = digest
        assert set(listed) == set(archive.namelist()) - {"SHA256SUMS"}
        for name, digest in listed.items():
            assert hashlib.sha256(archive.read(name)).hexdigest() == digest


@pytest.mark.skipif(shutil.which("sha256sum") is None, reason="GNU coreutils' sha256sum is not installed")
def test_sha256sum_accepts_the_unpacked_package(tmp_path: Path) -> None:
    with open_zip(build_referral_zip(referral_input("zh-hans"), PDF)) as archive:
        archive.extractall(tmp_path)
    result = subprocess.run(["sha256sum", "-c", "SHA256SUMS"], cwd=tmp_path, capture_output=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_manifest_names_each_file_with_its_digest_and_original_name() -> None:
    data = referral_input(language="nl", files=(referral_file("a\u202egpj.exe", b"\xff\xd8\xff jpeg", "image/jpeg"),))
    with open_zip(build_referral_zip(data, PDF)) as archive:
        manifest = archive.read("manifest.txt").decode()
    assert "attachments/1-agpj.jpg" in manifest
    assert data.files[0].sha256 in manifest
    assert "oorspronkelijke naam: a[U+202E]gpj.exe" in manifest
    assert "\u202e" not in manifest


def test_equal_input_gives_an_identical_zip_with_fixed_dates_and_permissions() -> None:
    first = build_referral_zip(referral_input(), PDF)
    assert build_referral_zip(referral_input(), PDF) == first
    with open_zip(first) as archive:
        for info in archive.infolist():
            assert info.date_time == (2024, 7, 1, 0, 0, 0)
            assert info.create_system == 3
            assert info.external_attr >> 16 == 0o100644


@pytest.mark.parametrize(("filename", "media_type", "stored_as"), HOSTILE_NAMES)
def test_hostile_file_names_are_stored_safely(filename: str, media_type: str, stored_as: str) -> None:
    data = referral_input(files=(referral_file(filename, b"content of the file", media_type),))
    with open_zip(build_referral_zip(data, PDF)) as archive:
        names = archive.namelist()
    assert stored_as in names
    for name in names:
        path = PurePosixPath(name)
        assert not path.is_absolute()
        assert ".." not in path.parts
        assert "\\" not in name
        assert all(unicodedata.category(char)[0] != "C" for char in name)


def test_a_file_that_differs_from_its_digest_is_refused() -> None:
    file = referral_file("photo.png", b"\x89PNG original")
    with pytest.raises(AttachmentMismatch):
        build_referral_zip(referral_input(files=(replace(file, data=b"\x89PNG tampered!"),)), PDF)
