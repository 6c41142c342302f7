"""An upload handler that keeps files in memory only, and says when a file was too large.

Django's own memory handler silently passes on files above its limit to the next handler (by default
a temp file on disk). A plaintext temp file is what DESIGN rule 4 forbids, and a silently dropped
file is a lost piece of evidence, so this handler keeps every file in memory up to the limit and
records the ones it had to refuse, for the view to report.
"""

from __future__ import annotations

from io import BytesIO
from typing import Any

from django.core.files.uploadedfile import InMemoryUploadedFile
from django.core.files.uploadhandler import FileUploadHandler
from django.http import HttpRequest

from meldpunt.intake.attachments import AttachmentPolicy

POLICY = AttachmentPolicy()


def upload_problems(request: HttpRequest) -> list[str]:
    """Rejection codes (as in AttachmentRejected.code) recorded while the upload was read."""
    problems: list[str] = getattr(request, "meldpunt_upload_problems", [])
    return problems


class BoundedMemoryUploadHandler(FileUploadHandler):
    def __init__(self, request: HttpRequest | None = None) -> None:
        super().__init__(request)
        self.total = 0
        self.buffer: BytesIO | None = None
        self.refused = False
        if request is not None:
            request.meldpunt_upload_problems = []  # type: ignore[attr-defined]  # per-request scratch

    def _refuse(self, code: str) -> None:
        self.refused = True
        self.buffer = None
        if self.request is not None and code not in upload_problems(self.request):
            upload_problems(self.request).append(code)

    def new_file(self, *args: Any, **kwargs: Any) -> None:
        super().new_file(*args, **kwargs)
        self.buffer, self.refused = BytesIO(), False

    def receive_data_chunk(self, raw_data: bytes, start: int) -> None:
        if self.refused or self.buffer is None:
            return None
        self.total += len(raw_data)
        if start + len(raw_data) > POLICY.max_file_bytes:
            self._refuse("too_large")
        elif self.total > POLICY.max_total_bytes:
            self._refuse("total_too_large")
        else:
            self.buffer.write(raw_data)
        return None

    def file_complete(self, file_size: int) -> InMemoryUploadedFile | None:
        if self.refused or self.buffer is None:
            return None
        self.buffer.seek(0)
        return InMemoryUploadedFile(
            file=self.buffer,
            field_name=self.field_name,
            name=self.file_name,
            content_type=self.content_type,
            size=file_size,
            charset=self.charset,
            content_type_extra=self.content_type_extra,
        )
