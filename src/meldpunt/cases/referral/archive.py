"""The ZIP that travels with the referral PDF: the PDF, the attachments and their digests.

Protects the police's copy against names that escape the folder they unpack into
("../../etc/passwd"), hide their real extension ("a\u202egpj.exe") or clash with devices on Windows:
every attachment is stored under a number and a safe name whose extension follows the content type
checked at intake, never the reporter's name. `SHA256SUMS` lets anyone check, with
`sha256sum -c SHA256SUMS`, that nothing changed since Meldpunt made the package. Entries carry a
fixed date and fixed permissions, so equal input gives a byte-identical ZIP.
"""

from __future__ import annotations

import hashlib
import zipfile
from io import BytesIO
from typing import Final

from meldpunt.cases.referral.inputs import ReferralFile, ReferralInput, check_files
from meldpunt.cases.referral.visible_text import visible
from meldpunt.cases.referral.wording import Wording
from meldpunt.intake.attachments.filenames import safe_filename
from meldpunt.intake.attachments.sniffing import ACCEPTED_TYPES

PDF_NAME: Final = "referral.pdf"
MANIFEST_NAME: Final = "manifest.txt"
SUMS_NAME: Final = "SHA256SUMS"
UNKNOWN_TYPE_EXTENSION: Final = "bin"
_FILE_MODE: Final = 0o100644  # a regular file, rw-r--r--
_UNIX: Final = 3  # "made by" system, so unzip applies the mode above


def stored_name(number: int, file: ReferralFile) -> str:
    """Attachment `number` (counting from 1) under a safe name with the extension of its type."""
    extension = ACCEPTED_TYPES.get(file.media_type, UNKNOWN_TYPE_EXTENSION)
    return f"{number}-{safe_filename(file.filename, extension)}"


def attachment_path(number: int, file: ReferralFile) -> str:
    return f"attachments/{stored_name(number, file)}"


def _manifest(data: ReferralInput, pdf: bytes) -> bytes:
    say = Wording(data.language, data.labels)
    lines = [
        f"Meldpunt · {say['title']}",
        f"{say['report_number']}: {data.report_number}",
        f"{say['prepared_by']}: {visible(data.prepared_by)}",
        f"{say['prepared_on']}: {data.prepared_on.isoformat()}",
        "",
        f"{PDF_NAME}  {say.size(len(pdf))}",
    ]
    for number, file in enumerate(data.files, start=1):
        lines += [
            "",
            attachment_path(number, file),
            f"  {say['column_media_type']}: {visible(file.media_type)}",
            f"  {say['column_size']}: {say.size(file.size)}",
            f"  {say['column_sha256']}: {file.sha256.lower()}",
            f"  {say['original_name']}: {visible(file.filename)}",
        ]
    lines += ["", say["contents_note"], ""]
    return "\n".join(lines).encode()


def _sums(entries: list[tuple[str, bytes]]) -> bytes:
    # Two spaces: sha256sum's text-mode line, which `sha256sum -c` reads on every platform.
    return "".join(f"{hashlib.sha256(content).hexdigest()}  {name}\n" for name, content in entries).encode()


def build_referral_zip(data: ReferralInput, pdf: bytes) -> bytes:
    """The package's ZIP: referral.pdf, manifest.txt, attachments/<n>-<name>, and SHA256SUMS of them all."""
    check_files(data.files)
    entries = [(PDF_NAME, pdf)]
    entries += [(attachment_path(number, file), file.data) for number, file in enumerate(data.files, start=1)]
    entries.insert(1, (MANIFEST_NAME, _manifest(data, pdf)))
    entries.append((SUMS_NAME, _sums(entries)))
    when = (data.prepared_on.year, data.prepared_on.month, data.prepared_on.day, 0, 0, 0)
    out = BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, content in entries:
            info = zipfile.ZipInfo(name, date_time=when)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = _UNIX
            info.external_attr = _FILE_MODE << 16
            archive.writestr(info, content, compresslevel=9)
    return out.getvalue()
