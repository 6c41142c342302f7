"""Re-encode images from their pixels alone.

Protects against a photo giving away where and with what it was taken: EXIF (GPS position, camera
make, model and serial number, time), XMP packets, IPTC, maker notes, JPEG COM and APPn segments,
PNG text chunks, GIF comments and the thumbnails inside EXIF, which may show the uncropped original.
Also protects against decompression bombs (a tiny file declaring billions of pixels) and polyglots
(data appended after the image ends), since only decoded pixels are written back.

Choices: the EXIF orientation is applied to the pixels so the picture still looks right. ICC colour
profiles are dropped: their header names a device maker and model and carries a creation date,
and a slight colour shift in wide-gamut photos is acceptable for evidence. Animated GIF, PNG and
WebP keep only their first frame, so later frames can neither hide content nor multiply the pixel
budget. JPEG and lossy WebP are re-encoded at quality 90.
"""

from __future__ import annotations

import contextlib
import warnings
from collections.abc import Iterator
from io import BytesIO
from typing import Any, Final

from PIL import Image, ImageOps, PngImagePlugin

from meldpunt.intake.attachments.errors import AttachmentRejected
from meldpunt.intake.attachments.policy import AttachmentPolicy

_PILLOW_FORMATS: Final = {
    "image/jpeg": "JPEG",
    "image/png": "PNG",
    "image/webp": "WEBP",
    "image/gif": "GIF",
}
_JPEG_MODES: Final = frozenset({"L", "RGB"})
_WEBP_MODES: Final = frozenset({"RGB", "RGBA"})
_IDENTIFYING_INFO: Final = frozenset({"exif", "xmp", "XML:com.adobe.xmp", "icc_profile", "comment"})
QUALITY: Final = 90


@contextlib.contextmanager
def _pillow_warnings() -> Iterator[None]:
    """Pillow's bomb warning becomes an error; its complaints about corrupt EXIF are silenced.

    Pillow's pixel limit is process-wide; the policy's limit is checked per call as well. Note that
    warnings.catch_warnings is process-wide too and not thread-safe; it only makes checks stricter.
    """
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        yield


def _open_first_frame(data: bytes, pillow_format: str, policy: AttachmentPolicy) -> Image.Image:
    """Decode the first frame, refusing before decoding when the declared size is too large."""
    try:
        img = Image.open(BytesIO(data), formats=[pillow_format])
        width, height = img.size
        if width < 1 or height < 1:
            raise AttachmentRejected("damaged", "The image has no pixels.")
        if width * height > policy.max_image_pixels:
            raise AttachmentRejected("decompression_bomb")
        img.load()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise AttachmentRejected("decompression_bomb") from exc
    return img


def _upright(img: Image.Image) -> None:
    """Turn the pixels the way the EXIF orientation says; a photo with unreadable EXIF stays as stored."""
    # Hostile EXIF must not cost the reporter their photo; it is dropped anyway.
    with contextlib.suppress(Exception):
        ImageOps.exif_transpose(img, in_place=True)


def _pixels_only(img: Image.Image) -> Image.Image:
    """A new image holding the same pixels (and palette) and nothing else: no info, no EXIF."""
    clean = Image.new(img.mode, img.size)
    if img.mode in ("P", "PA") and img.palette is not None:
        palette_mode = img.palette.mode
        clean.putpalette(img.getpalette(palette_mode) or [], palette_mode)
    clean.paste(img, (0, 0))
    return clean


def _encode(img: Image.Image, pillow_format: str, options: dict[str, Any]) -> bytes:
    if pillow_format == "JPEG":
        img = img if img.mode in _JPEG_MODES else img.convert("RGB")
        options = {"quality": QUALITY}
    elif pillow_format == "WEBP":
        img = img if img.mode in _WEBP_MODES else img.convert("RGBA")
        options = {"quality": QUALITY, "lossless": options.get("lossless", False)}
    out = BytesIO()
    img.save(out, pillow_format, **options)
    return out.getvalue()


def _check_bare(data: bytes, pillow_format: str) -> None:
    """Fail closed if the encoder wrote back anything identifying."""
    with Image.open(BytesIO(data), formats=[pillow_format]) as img:
        text = img.text if isinstance(img, PngImagePlugin.PngImageFile) else {}
        if _IDENTIFYING_INFO & set(img.info) or len(img.getexif()) or text:
            raise AttachmentRejected("damaged", "Metadata survived re-encoding.")


def _is_lossless_webp(data: bytes) -> bool:
    return data[12:16] == b"VP8L" or (data[12:16] == b"VP8X" and b"VP8L" in data)


def clean_image(data: bytes, media_type: str, policy: AttachmentPolicy) -> bytes:
    """The image re-encoded in its own format from its upright first frame's pixels only."""
    pillow_format = _PILLOW_FORMATS[media_type]
    with _pillow_warnings():
        with _open_first_frame(data, pillow_format, policy) as img:
            _upright(img)
            options: dict[str, Any] = {}
            if img.info.get("transparency") is not None:
                options["transparency"] = img.info["transparency"]
            if pillow_format == "WEBP":
                options["lossless"] = _is_lossless_webp(data)
            clean = _pixels_only(img)
        with clean:
            cleaned = _encode(clean, pillow_format, options)
        _check_bare(cleaned, pillow_format)
    return cleaned
