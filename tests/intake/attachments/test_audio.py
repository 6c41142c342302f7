"""Audio: tags gone in every accepted format, the audio itself kept, mutagen agrees."""

from __future__ import annotations

from collections.abc import Callable
from io import BytesIO

import pytest
from mutagen.flac import FLAC
from mutagen.mp3 import MP3
from mutagen.mp4 import MP4
from mutagen.oggopus import OggOpus
from mutagen.oggvorbis import OggVorbis
from mutagen.wave import WAVE

from meldpunt.intake.attachments import AttachmentRejected, clean_attachment, sniff

from . import samples


@pytest.mark.parametrize(
    ("build", "media_type", "extension"),
    [
        (samples.mp3_with_tags, "audio/mpeg", "mp3"),
        (samples.wav_with_tags, "audio/wav", "wav"),
        (samples.flac_with_tags, "audio/flac", "flac"),
        (samples.opus_with_tags, "audio/ogg", "ogg"),
        (samples.vorbis_with_tags, "audio/ogg", "ogg"),
        (samples.m4a_with_tags, "audio/mp4", "m4a"),
    ],
)
def test_tags_are_gone(build: Callable[[], bytes], media_type: str, extension: str) -> None:
    original = build()
    assert samples.MARKER in original
    cleaned = clean_attachment(original, "recording")
    assert samples.MARKER not in cleaned.data
    assert (cleaned.media_type, cleaned.extension) == (media_type, extension)
    assert sniff(cleaned.data) == media_type


def test_mp3_keeps_every_frame_and_nothing_else() -> None:
    cleaned = clean_attachment(samples.mp3_with_tags(count=10), "x.mp3").data
    assert cleaned == samples.mp3_frames(10)
    parsed = MP3(BytesIO(cleaned))
    assert parsed.tags is None
    assert parsed.info.sample_rate == 44_100


def test_wav_keeps_format_and_samples() -> None:
    cleaned = clean_attachment(samples.wav_with_tags(), "x.wav").data
    parsed = WAVE(BytesIO(cleaned))
    assert parsed.tags is None
    assert (parsed.info.channels, parsed.info.sample_rate) == (1, 8000)
    assert bytes(range(256)) * 8 in cleaned
    for chunk in (b"LIST", b"bext", b"id3 ", b"ID3 "):
        assert chunk not in cleaned


def test_flac_keeps_only_streaminfo() -> None:
    cleaned = clean_attachment(samples.flac_with_tags(), "x.flac").data
    parsed = FLAC(BytesIO(cleaned))
    assert parsed.tags is None
    assert parsed.pictures == []
    assert [type(block).__name__ for block in parsed.metadata_blocks] == ["StreamInfo"]
    assert parsed.info.sample_rate == 44_100


def test_opus_comment_header_is_empty() -> None:
    cleaned = clean_attachment(samples.opus_with_tags(), "x.opus").data
    parsed = OggOpus(BytesIO(cleaned))
    assert len(parsed.tags) == 0
    assert parsed.tags.vendor == ""
    assert parsed.info.channels == 1
    assert cleaned.count(samples.OPUS_SILENCE) == 20


def test_vorbis_comment_header_is_empty() -> None:
    parsed = OggVorbis(BytesIO(clean_attachment(samples.vorbis_with_tags(), "x.ogg").data))
    assert len(parsed.tags) == 0
    assert parsed.tags.vendor == ""
    assert parsed.info.sample_rate == 44_100


def test_m4a_keeps_its_samples_at_their_offsets() -> None:
    original = samples.m4a_with_tags()
    cleaned = clean_attachment(original, "x.m4a").data
    assert len(cleaned) == len(original)
    mdat = original.index(b"mdat")
    assert cleaned[mdat:] == original[mdat:]
    parsed = MP4(BytesIO(cleaned))
    assert parsed.tags is None
    assert parsed.info.sample_rate == 44_100
    assert b"\xde\xad\xbe\xef" not in cleaned  # creation and modification times


def test_m4a_movie_fragments_are_kept() -> None:
    fragment = samples._box(b"moof", samples._full_box(b"mfhd", 0, b"\x00\x00\x00\x01"))
    cleaned = clean_attachment(samples.m4a_with_tags() + fragment, "x.m4a").data
    assert cleaned.endswith(fragment)


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (samples.m4a_with_tags(handler=b"vide"), "unknown_type"),
        (samples.ogg_two_streams(), "unknown_type"),
        (b"ID3\x04\x00\x00\x00\x00\x00\x10" + bytes(16) + b"<html>not audio</html>", "damaged"),
        (b"RIFF\x24\x00\x00\x00WAVEfmt \x10\x00\x00\x00", "damaged"),
        (b"fLaC\x00\x00\x00\x22" + bytes(34) + b"no frames", "damaged"),
        (b"fLaC\x7f\x00\x00\x00", "damaged"),
        (b"OggS\x00" + bytes(40), "damaged"),
        (b"\x00\x00\x00\x14ftypM4A \x00\x00\x00\x00M4A \xff\xff\xff\xffmoov", "damaged"),
    ],
)
def test_refusals(data: bytes, code: str) -> None:
    with pytest.raises(AttachmentRejected) as caught:
        clean_attachment(data, "x")
    assert caught.value.code == code
