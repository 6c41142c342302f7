"""Segment-level stripping of JPEGs embedded in PDFs."""

from __future__ import annotations

from io import BytesIO

import pytest
from PIL import Image

from meldpunt.intake.attachments.jpeg_segments import JpegStructureError, strip_jpeg_metadata

from . import samples


def _segment(marker: int, payload: bytes) -> bytes:
    return bytes([0xFF, marker]) + (len(payload) + 2).to_bytes(2, "big") + payload


def test_metadata_segments_and_trailing_data_go() -> None:
    stripped = strip_jpeg_metadata(samples.jpeg_with_metadata() + b"MARKER-AFTER-EOI")
    assert samples.MARKER not in stripped
    assert stripped.endswith(b"\xff\xd9")
    with Image.open(BytesIO(stripped)) as img:
        img.load()
        assert img.size == (64, 48)


def test_adobe_segment_stays_for_cmyk_colours() -> None:
    photo = samples.jpeg_with_metadata()
    adobe = _segment(0xEE, b"Adobe\x00\x64\x00\x00\x00\x00\x01")
    stripped = strip_jpeg_metadata(photo[:2] + adobe + photo[2:])
    assert adobe in stripped


def test_segments_in_between_progressive_scans_go() -> None:
    out = BytesIO()
    Image.new("RGB", (32, 32), (1, 2, 3)).save(out, "JPEG", progressive=True)
    progressive = out.getvalue()
    second_scan = progressive.index(b"\xff\xda", progressive.index(b"\xff\xda") + 2)
    with_comment = progressive[:second_scan] + _segment(0xFE, b"MARKER-MID-SCAN") + progressive[second_scan:]
    stripped = strip_jpeg_metadata(with_comment)
    assert samples.MARKER not in stripped
    assert stripped == strip_jpeg_metadata(progressive)


@pytest.mark.parametrize(
    "data",
    [
        b"not a jpeg",
        b"\xff\xd8",
        b"\xff\xd8\xff\xe1\x00\xffshort",
        b"\xff\xd8\x00\x00",
        b"\xff\xd8\xff\xda\x00\x02\x12\x34",  # scan without an end
    ],
)
def test_malformed_structure_raises(data: bytes) -> None:
    with pytest.raises(JpegStructureError):
        strip_jpeg_metadata(data)
