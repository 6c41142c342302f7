"""PDFs: active content refused anywhere in the graph; pages rebuilt without any metadata."""

from __future__ import annotations

from collections.abc import Callable
from io import BytesIO

import pytest
from PIL import Image
from pypdf import PdfReader
from pypdf.generic import StreamObject

from meldpunt.intake.attachments import AttachmentRejected, clean_attachment, pdfs

from . import samples


def _rejection(data: bytes) -> str:
    with pytest.raises(AttachmentRejected) as caught:
        clean_attachment(data, "x.pdf")
    return caught.value.code


def test_metadata_is_gone_and_pages_stay() -> None:
    original = samples.pdf_with_metadata(pages=3)
    assert original.count(samples.MARKER) >= 6

    cleaned = clean_attachment(original, "statement.pdf")

    assert samples.MARKER not in cleaned.data
    assert b"pypdf" not in cleaned.data  # no /Producer of our own either
    reader = PdfReader(BytesIO(cleaned.data))
    assert len(reader.pages) == 3
    assert reader.metadata is None
    assert "/Metadata" not in reader.trailer["/Root"]
    assert "/Metadata" not in reader.pages[0]
    assert "/PieceInfo" not in reader.pages[0]
    assert cleaned.filename == "statement.pdf"


def test_visible_content_survives() -> None:
    cleaned = clean_attachment(samples.pdf_with_metadata(), "x.pdf")
    page = PdfReader(BytesIO(cleaned.data)).pages[0]
    annotation = page["/Annots"][0].get_object()
    assert annotation["/Contents"] == "visible note"
    assert "/T" not in annotation
    image = page["/Resources"]["/XObject"]["/Im0"].get_object()
    assert isinstance(image, StreamObject)
    with Image.open(BytesIO(image.get_data())) as photo:
        photo.load()
        assert photo.size == (64, 48)
        assert len(photo.getexif()) == 0


@pytest.mark.parametrize(
    "build",
    [
        samples.pdf_open_action_javascript,
        samples.pdf_open_action_launch,
        samples.pdf_page_additional_action,
        samples.pdf_names_javascript,
        samples.pdf_embedded_file,
        samples.pdf_link_submit_form,
        samples.pdf_xfa_form,
    ],
)
def test_active_content_is_refused(build: Callable[[], bytes]) -> None:
    assert _rejection(build()) == "active_content"


def test_cycles_in_the_object_graph_end() -> None:
    assert clean_attachment(samples.pdf_with_cycle(), "x.pdf").media_type == "application/pdf"


def test_walk_budget_refuses_endless_documents(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pdfs, "WALK_BUDGET", 5)
    assert _rejection(samples.pdf_with_metadata()) == "damaged"


def test_password_protected_pdf_cannot_be_inspected() -> None:
    assert _rejection(samples.pdf_encrypted(user_password="secret")) == "damaged"


def test_pdf_encrypted_with_an_empty_password_is_cleaned() -> None:
    cleaned = clean_attachment(samples.pdf_encrypted(user_password=""), "x.pdf")
    reader = PdfReader(BytesIO(cleaned.data))
    assert not reader.is_encrypted
    assert len(reader.pages) == 2


def test_too_many_pages_is_a_bomb() -> None:
    assert _rejection(samples._pdf_bytes(samples.pdf_writer(pages=pdfs.MAX_PAGES + 1))) == "decompression_bomb"


def test_max_pages_is_allowed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pdfs, "MAX_PAGES", 4)
    assert clean_attachment(samples._pdf_bytes(samples.pdf_writer(pages=4)), "x.pdf")
    assert _rejection(samples._pdf_bytes(samples.pdf_writer(pages=5))) == "decompression_bomb"


@pytest.mark.parametrize(
    "data",
    [
        b"%PDF-1.7\n%%EOF",
        b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF",
        samples.pdf_with_metadata()[:400],
    ],
)
def test_unparseable_pdf_is_damaged(data: bytes) -> None:
    assert _rejection(data) == "damaged"
