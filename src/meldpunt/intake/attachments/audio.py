"""Clean audio recordings: rebuild each format from its audio alone, then prove it with mutagen.

Protects against tags that name or locate a reporter (ID3v1/v2, APEv2, Lyrics3, Vorbis comments,
FLAC pictures, MP4 atoms including phone GPS positions, RIFF INFO, BWF and ID3 chunks) and against
data appended to make a polyglot. The rebuilding is done by the format modules here; mutagen then
reads the result as an independent check, and a file it cannot read or still finds tags in is
refused rather than passed through.
"""

from __future__ import annotations

from collections.abc import Callable
from io import BytesIO
from typing import Any, Final

from mutagen.apev2 import APENoHeaderError, APEv2
from mutagen.flac import FLAC
from mutagen.id3 import ID3, ID3NoHeaderError
from mutagen.mp3 import MP3
from mutagen.mp4 import MP4
from mutagen.oggopus import OggOpus
from mutagen.oggvorbis import OggVorbis
from mutagen.wave import WAVE

from meldpunt.intake.attachments.errors import AttachmentRejected
from meldpunt.intake.attachments.flac import clean_flac
from meldpunt.intake.attachments.mp4 import clean_mp4
from meldpunt.intake.attachments.mpeg import clean_mpeg
from meldpunt.intake.attachments.ogg import clean_ogg
from meldpunt.intake.attachments.wav import clean_wav

_CLEANERS: Final[dict[str, Callable[[bytes], bytes]]] = {
    "audio/mpeg": clean_mpeg,
    "audio/ogg": clean_ogg,
    "audio/mp4": clean_mp4,
    "audio/wav": clean_wav,
    "audio/flac": clean_flac,
}
_MUTAGEN_TYPES: Final[dict[str, type[Any]]] = {
    "audio/mpeg": MP3,
    "audio/mp4": MP4,
    "audio/wav": WAVE,
    "audio/flac": FLAC,
}
# The first Ogg page's only packet starts after its 27-byte header and lacing table.
_OGG_HEADER_BYTES: Final = 27


def _has_tags(parsed: Any) -> bool:
    tags = parsed.tags
    if getattr(parsed, "pictures", None):
        return True
    if tags is None:
        return False
    # Vorbis comment headers always exist; clean means no comments and no vendor string.
    return len(tags) > 0 or bool(getattr(tags, "vendor", ""))


def _has_id3_or_ape(data: bytes) -> bool:
    """Tags mutagen would find in any file, wherever the format put them."""
    for reader, absent in ((ID3, ID3NoHeaderError), (APEv2, APENoHeaderError)):
        try:
            reader(BytesIO(data))
        except absent:
            continue
        return True
    return False


def _mutagen_type(cleaned: bytes, media_type: str) -> type[Any]:
    if media_type == "audio/ogg":
        first_packet = cleaned[_OGG_HEADER_BYTES + cleaned[_OGG_HEADER_BYTES - 1] :]
        return OggOpus if first_packet.startswith(b"OpusHead") else OggVorbis
    return _MUTAGEN_TYPES[media_type]


def _check_clean(cleaned: bytes, media_type: str) -> None:
    parsed = _mutagen_type(cleaned, media_type)(BytesIO(cleaned))
    if _has_tags(parsed) or _has_id3_or_ape(cleaned):
        raise AttachmentRejected("damaged", "The audio could not be shown to be free of tags.")


def clean_audio(data: bytes, media_type: str) -> bytes:
    """The recording rebuilt without tags, once mutagen confirms none are left."""
    cleaned = _CLEANERS[media_type](data)
    _check_clean(cleaned, media_type)
    return cleaned
