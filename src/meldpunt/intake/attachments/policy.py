"""Limits on what a reporter may upload, in one place so the upload handler and the cleaner agree."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class AttachmentPolicy:
    """Size and count limits; pixel limit guards against images that decompress to gigabytes."""

    max_file_bytes: int = 10 * 1024 * 1024
    max_total_bytes: int = 25 * 1024 * 1024
    max_files: int = 10
    max_image_pixels: int = 40_000_000
