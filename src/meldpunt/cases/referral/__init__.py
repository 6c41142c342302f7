"""The police referral package: a PDF about one report and a ZIP with its attachments (pure core).

When a reporter asks for help with a police complaint, a handler generates this package. The PDF
holds a cover, a summary of the questionnaire, the reporter's account verbatim, a timeline, the
identifiers, the attachments with their SHA-256 digests and the chain of custody; the ZIP holds the
PDF, the attachments and `SHA256SUMS`. Plain values in, bytes out: no Django, no database, no
gettext, no files written. Equal input gives byte-identical output.
"""

from meldpunt.cases.referral.archive import build_referral_zip
from meldpunt.cases.referral.document import referral_document
from meldpunt.cases.referral.fonts import FontMissing
from meldpunt.cases.referral.inputs import (
    AttachmentMismatch,
    CustodyEntry,
    ReferralFile,
    ReferralInput,
    check_files,
    vocabulary_labels,
)
from meldpunt.cases.referral.pdf import render_pdf


def build_referral_pdf(data: ReferralInput) -> bytes:
    """The referral PDF; AttachmentMismatch if a file's bytes differ from its recorded digest."""
    check_files(data.files)
    return render_pdf(referral_document(data))


__all__ = [
    "AttachmentMismatch",
    "CustodyEntry",
    "FontMissing",
    "ReferralFile",
    "ReferralInput",
    "build_referral_pdf",
    "build_referral_zip",
    "vocabulary_labels",
]
