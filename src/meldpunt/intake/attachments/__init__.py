"""Attachments from reporters: accepted only by content, cleaned of metadata, in memory only.

Protects reporters, who may be in danger, from their files giving them away: GPS positions and
camera serial numbers in photos, author names and XMP in PDFs, tags in audio recordings. Protects
handlers from malicious files: PDFs with JavaScript, launch actions or embedded files, decompression
bombs, polyglots and types that can carry script (SVG, HTML, Office documents, archives). No file
is ever written to disk, so no plaintext temp file exists (DESIGN security rule 4).

Pure Python with Pillow, pypdf and mutagen; no Django.
"""

from meldpunt.intake.attachments.cleaning import DEFAULT_POLICY, CleanFile, clean_attachment, clean_attachments
from meldpunt.intake.attachments.errors import REJECTION_CODES, AttachmentRejected
from meldpunt.intake.attachments.policy import AttachmentPolicy
from meldpunt.intake.attachments.sniffing import ACCEPTED_TYPES, sniff

__all__ = [
    "ACCEPTED_TYPES",
    "DEFAULT_POLICY",
    "REJECTION_CODES",
    "AttachmentPolicy",
    "AttachmentRejected",
    "CleanFile",
    "clean_attachment",
    "clean_attachments",
    "sniff",
]
