"""Images come back as pixels only: no EXIF, GPS, XMP, ICC, comments or text chunks; bombs refused."""

from __future__ import annotations

from io import BytesIO

import pytest
from PIL import ExifTags, Image

from meldpunt.intake.attachments import AttachmentPolicy, AttachmentRejected, clean_attachment

from . import samples


def _open(data: bytes) -> Image.Image:
    return Image.open(BytesIO(data))


def test_jpeg_loses_gps_camera_xmp_icc_and_comment() -> None:
    original = samples.jpeg_with_metadata()
    with _open(original) as before:  # the sample really carries what we claim to remove
        assert before.getexif().get_ifd(ExifTags.IFD.GPSInfo)
        assert {"xmp", "icc_profile", "comment"} <= set(before.info)

    cleaned = clean_attachment(original, "IMG_0001.JPG")

    assert samples.MARKER not in cleaned.data
    assert (cleaned.media_type, cleaned.extension, cleaned.filename) == ("image/jpeg", "jpg", "IMG_0001.jpg")
    with _open(cleaned.data) as after:
        assert after.format == "JPEG"
        assert len(after.getexif()) == 0
        assert after.getexif().get_ifd(ExifTags.IFD.GPSInfo) == {}
        assert not {"exif", "xmp", "icc_profile", "comment"} & set(after.info)
        assert after.size == (64, 48)
        pixel = after.convert("RGB").getpixel((32, 24))
        assert isinstance(pixel, tuple)
        red, green, blue = pixel
        assert abs(red - 200) < 10
        assert green < 60
        assert blue < 60


def test_jpeg_has_no_app_segments_other_than_jfif() -> None:
    data = clean_attachment(samples.jpeg_with_metadata(), "x.jpg").data
    assert b"Exif\x00\x00" not in data
    assert b"http://ns.adobe.com/xap/1.0/" not in data
    assert b"ICC_PROFILE" not in data


def test_orientation_is_applied_to_the_pixels() -> None:
    cleaned = clean_attachment(samples.jpeg_with_metadata(size=(2, 1), orientation=6), "x.jpg")
    with _open(cleaned.data) as img:
        assert img.size == (1, 2)
        assert ExifTags.Base.Orientation not in img.getexif()


def test_png_loses_text_chunks_and_exif_but_keeps_alpha() -> None:
    cleaned = clean_attachment(samples.png_with_metadata(), "screenshot.png")
    assert samples.MARKER not in cleaned.data
    for chunk in (b"tEXt", b"zTXt", b"iTXt", b"eXIf"):
        assert chunk not in cleaned.data
    with _open(cleaned.data) as img:
        assert img.mode == "RGBA"
        assert img.getpixel((0, 0)) == (10, 20, 30, 128)


def test_gif_loses_comment() -> None:
    cleaned = clean_attachment(samples.gif_with_comment(), "x.gif")
    assert samples.MARKER not in cleaned.data
    assert cleaned.media_type == "image/gif"


def test_animated_gif_keeps_first_frame_only() -> None:
    cleaned = clean_attachment(samples.gif_with_comment(frames=3), "x.gif")
    with _open(cleaned.data) as img:
        assert getattr(img, "n_frames", 1) == 1


def test_webp_loses_exif_and_xmp() -> None:
    cleaned = clean_attachment(samples.webp_with_metadata(), "x.webp")
    assert samples.MARKER not in cleaned.data
    assert b"EXIF" not in cleaned.data
    assert b"XMP " not in cleaned.data
    assert cleaned.media_type == "image/webp"


def test_appended_data_is_dropped() -> None:
    polyglot = samples.jpeg_with_metadata() + b"PK\x03\x04MARKER-ZIP"
    assert samples.MARKER not in clean_attachment(polyglot, "x.jpg").data


def test_decompression_bomb_is_refused_before_decoding() -> None:
    bomb = samples.png_bomb()
    assert len(bomb) < 100_000
    with pytest.raises(AttachmentRejected) as caught:
        clean_attachment(bomb, "bomb.png")
    assert caught.value.code == "decompression_bomb"


def test_pixel_limit_comes_from_the_policy() -> None:
    image = samples.png_with_metadata(size=(100, 100))
    with pytest.raises(AttachmentRejected) as caught:
        clean_attachment(image, "x.png", policy=AttachmentPolicy(max_image_pixels=9_999))
    assert caught.value.code == "decompression_bomb"
    assert clean_attachment(image, "x.png", policy=AttachmentPolicy(max_image_pixels=10_000))


def test_pillow_bomb_limit_is_refused_too(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 100)
    with pytest.raises(AttachmentRejected) as caught:
        clean_attachment(samples.png_with_metadata(size=(20, 10)), "x.png")
    assert caught.value.code == "decompression_bomb"


def test_truncated_jpeg_is_damaged() -> None:
    photo = samples.jpeg_with_metadata(size=(256, 256))
    with pytest.raises(AttachmentRejected) as caught:
        clean_attachment(photo[: len(photo) * 2 // 3], "x.jpg")
    assert caught.value.code == "damaged"


def test_unreadable_exif_does_not_cost_the_photo() -> None:
    photo = samples.jpeg_with_metadata()
    broken = photo.replace(b"Exif\x00\x00MM", b"Exif\x00\x00XX", 1).replace(b"Exif\x00\x00II", b"Exif\x00\x00XX", 1)
    assert broken != photo
    cleaned = clean_attachment(broken, "x.jpg")
    assert samples.MARKER not in cleaned.data
