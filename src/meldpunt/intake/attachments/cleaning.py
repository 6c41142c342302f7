"""The one door for attachments: size and count limits, type by content, then the type's cleaner.

Protects against oversized uploads, files whose content is not an accepted type whatever their
name says, and every parser failure on hostile input: anything unexpected while cleaning becomes
a "damaged" rejection, so no file leaves here uncleaned. Everything happens on bytes in memory;
nothing is written to disk (DESIGN security rule 4).
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Final

from meldpunt.intake.attachments.audio import clean_audio
from meldpunt.intake.attachments.errors import AttachmentRejected
from meldpunt.intake.attachments.filenames import safe_filename
from meldpunt.intake.attachments.images import clean_image
from meldpunt.intake.attachments.pdfs import clean_pdf
from meldpunt.intake.attachments.policy import AttachmentPolicy
from meldpunt.intake.attachments.sniffing import ACCEPTED_TYPES, sniff

DEFAULT_POLICY: Final = AttachmentPolicy()


@dataclass(frozen=True)
class CleanFile:
    """A cleaned attachment; `sha256` is of the cleaned bytes. Content and name stay out of repr()."""

    data: bytes = field(repr=False)
    media_type: str
    extension: str
    filename: str = field(repr=False)
    sha256: str


def _clean_by_type(data: bytes, media_type: str, policy: AttachmentPolicy) -> bytes:
    if media_type.startswith("image/"):
        return clean_image(data, media_type, policy)
    if media_type == "application/pdf":
        return clean_pdf(data)
    return clean_audio(data, media_type)


def clean_attachment(data: bytes, filename: str, *, policy: AttachmentPolicy = DEFAULT_POLICY) -> CleanFile:
    """The file without metadata, or AttachmentRejected saying why it cannot be accepted."""
    if not data:
        raise AttachmentRejected("empty")
    if len(data) > policy.max_file_bytes:
        raise AttachmentRejected("too_large")
    media_type = sniff(data)
    if media_type is None:
        raise AttachmentRejected("unknown_type")
    try:
        cleaned = _clean_by_type(data, media_type, policy)
    except AttachmentRejected:
        raise
    except Exception as exc:  # Pillow, pypdf and mutagen fail on hostile input in many ways.
        raise AttachmentRejected("damaged") from exc
    if sniff(cleaned) != media_type:
        raise AttachmentRejected("damaged", "The cleaned file is no longer of its original type.")
    extension = ACCEPTED_TYPES[media_type]
    return CleanFile(
        data=cleaned,
        media_type=media_type,
        extension=extension,
        filename=safe_filename(filename, extension),
        sha256=hashlib.sha256(cleaned).hexdigest(),
    )


def clean_attachments(
    files: Sequence[tuple[str, bytes]], *, policy: AttachmentPolicy = DEFAULT_POLICY
) -> list[CleanFile]:
    """All files cleaned, or AttachmentRejected for the first that cannot be: none are kept then."""
    if len(files) > policy.max_files:
        raise AttachmentRejected("too_many")
    if sum(len(data) for _name, data in files) > policy.max_total_bytes:
        raise AttachmentRejected("total_too_large")
    return [clean_attachment(data, name, policy=policy) for name, data in files]
