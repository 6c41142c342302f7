"""The referral PDF, read back the way a police system would: text extracted with pypdf.

What pypdf gives back: Dutch, English and Chinese text in reading order, with line breaks where the
PDF wrapped. For Uyghur, fpdf2 maps each shaped (joined) glyph back to the letters it came from, so
pypdf returns the base Arabic letters (U+06xx), not presentation forms; NFKC is applied anyway so a
presentation form would still compare equal. pypdf puts a right-to-left line back into reading
order only while the line has no left-to-right run: on a line that mixes in digits ("2024-يىلى"),
the words come out in another order, punctuation moves and a number may touch the next word
("-يىلى2024"). So a Uyghur line without digits is checked in order, and every other line word by word.
"""

from __future__ import annotations

import io
import re
import unicodedata
from dataclasses import replace
from datetime import UTC, date, datetime
from functools import cache

import pytest
from pypdf import PdfReader

from meldpunt.cases.referral import AttachmentMismatch, CustodyEntry, build_referral_pdf
from meldpunt.cases.referral.wording import label_table
from meldpunt.intake.questionnaire import Identifier
from meldpunt.intake.selectors import MessageView
from tests.cases.referral.factories import REPORTS, STORIES, referral_file, referral_input

SECTIONS = ("summary", "narrative", "timeline", "identifiers", "attachments", "custody")


RUNNING_LINES = re.compile(r"^(Meldpunt · .*|(Page|Pagina) \d+ (of|van) \d+)\s*$")


def extract(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def body(pdf: bytes) -> str:
    """The text without the running header and footer, which interrupt text that flows over pages."""
    return "\n".join(line for line in extract(pdf).splitlines() if not RUNNING_LINES.match(line))


def compact(text: str) -> str:
    """NFKC without any whitespace: wrapping adds line breaks the source did not have."""
    return "".join(unicodedata.normalize("NFKC", text).split())


def words(text: str) -> set[str]:
    """Runs of letters and runs of digits: pypdf may glue a number to a right-to-left word."""
    return set(re.findall(r"[^\W\d_]+|\d+", unicodedata.normalize("NFKC", text)))


REPORT_IDS = [f"{report}-labelled-{labels}" for report, labels in REPORTS]


@cache
def built_pdf(reporter_language: str, language: str) -> bytes:
    return build_referral_pdf(referral_input(reporter_language, language))


@pytest.fixture(params=REPORTS, ids=REPORT_IDS)
def built(request: pytest.FixtureRequest) -> tuple[str, str, bytes, str]:
    reporter_language, language = request.param
    pdf = built_pdf(reporter_language, language)
    return reporter_language, language, pdf, extract(pdf)


def test_the_reporters_account_is_in_the_text_layer(built: tuple[str, str, bytes, str]) -> None:
    reporter_language, _language, _pdf, text = built
    narrative = STORIES[reporter_language].narrative
    if reporter_language == "ug":
        first_line = narrative.split("\n")[0]
        assert compact(first_line) in compact(text)
        assert words(narrative) <= words(text)
    else:
        assert compact(narrative) in compact(text)


def test_messages_and_their_authors_are_in_the_timeline(built: tuple[str, str, bytes, str]) -> None:
    reporter_language, language, _pdf, text = built
    labels = label_table()[language]
    assert words(STORIES[reporter_language].message) <= words(text)
    assert f"2024-06-03 · {labels['timeline_message_reporter']}" in text
    assert f"2024-06-02 · {labels['timeline_message_handler']}" in text
    assert f"2024-05 · {labels['timeline_incident']}" in text
    assert f"{labels['message_attachments']}: 3" in text


def test_report_number_digests_identifiers_and_custody_are_in_the_text(built: tuple[str, str, bytes, str]) -> None:
    reporter_language, language, _pdf, text = built
    data = referral_input(reporter_language, language)
    assert "4711" in text
    for file in data.files:
        assert file.sha256 in text
    for identifier in data.answers.identifiers:
        assert compact(identifier.value) in compact(text)
    assert "Douyin" in text
    for entry in data.custody:
        for value in (str(entry.seq), entry.when, entry.actor, entry.event, entry.details):
            assert compact(value) in compact(text)


def test_headings_are_in_the_package_language_only(built: tuple[str, str, bytes, str]) -> None:
    _reporter_language, language, _pdf, text = built
    other = "en" if language == "nl" else "nl"
    for key in ("title", *SECTIONS):
        assert label_table()[language][key] in text
        assert label_table()[other][key] not in text


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("nl", ("Doorverwijzingspakket", "Bewaarketen", "VERTROUWELIJK", "Pagina 1 van 3", "Pagina 3 van 3")),
        ("en", ("Referral package", "Chain of custody", "CONFIDENTIAL", "Page 1 of 3", "Page 3 of 3")),
    ],
)
def test_dutch_and_english_labels(language: str, expected: tuple[str, ...]) -> None:
    pdf = built_pdf(language, language)
    assert len(PdfReader(io.BytesIO(pdf)).pages) == 3
    text = extract(pdf)
    for label in expected:
        assert label in text


def test_vocabulary_labels_come_from_the_caller() -> None:
    labels = {"tactics.direct_threat": "Bedreiging", "identifier_kinds.phone": "Telefoonnummer"}
    text = extract(build_referral_pdf(referral_input("nl", "nl", labels=labels)))
    assert "Bedreiging" in text
    assert "Telefoonnummer" in text
    assert compact("Relatives or contacts pressured or punished") in compact(text)  # not given: English


def test_equal_input_gives_an_identical_pdf_dated_by_preparation() -> None:
    first = built_pdf("ug", "en")
    assert build_referral_pdf(referral_input("ug", "en")) == first
    metadata = PdfReader(io.BytesIO(first)).metadata
    assert metadata is not None
    assert metadata.creation_date == datetime(2024, 7, 1, tzinfo=UTC)
    assert build_referral_pdf(referral_input("ug", "en", prepared_on=date(2024, 7, 2))) != first


def embedded_fonts(pdf: bytes) -> set[str]:
    return {
        str(font.get_object()["/BaseFont"]).split("+")[-1]
        for page in PdfReader(io.BytesIO(pdf)).pages
        for font in page["/Resources"]["/Font"].values()  # type: ignore[index, union-attr]
    }


FONTS = {
    "en": {"NotoSansSC", "NotoSansSCBold"},
    "nl": {"NotoSansSC", "NotoSansSCBold"},
    "zh-hans": {"NotoSansSC", "NotoSansSCBold"},
    "zh-hant": {"NotoSansTC", "NotoSansTCBold"},
    "ug": {"NotoSansSC", "NotoSansSCBold", "DejaVuSansBook"},
}


def test_each_script_gets_its_font_at_a_real_weight(built: tuple[str, str, bytes, str]) -> None:
    reporter_language, _language, pdf, _text = built
    assert embedded_fonts(pdf) == FONTS[reporter_language]


def test_traditional_reports_fall_back_to_simplified_forms_for_characters_tc_lacks() -> None:
    base = referral_input("zh-hant", "nl")
    data = replace(base, answers=replace(base.answers, narrative="他說：「辩论」。"))  # 辩 is simplified only
    pdf = build_referral_pdf(data)
    assert embedded_fonts(pdf) == {"NotoSansTC", "NotoSansTCBold", "NotoSansSC"}
    assert "辩论" in extract(pdf)


def test_hidden_characters_are_shown_and_markup_is_plain_text() -> None:
    hostile = "Call me\x07 <script>alert(1)</script> a\u202egpj.exe zero\u200bwidth"
    data = referral_input(
        "en",
        "en",
        answers=replace(referral_input().answers, narrative=hostile),
        files=(referral_file("a\u202egpj.exe", b"\xff\xd8\xff" + bytes(100), "image/jpeg"),),
    )
    text = extract(build_referral_pdf(data))
    assert "<script>alert(1)</script>" in text
    assert "[U+0007]" in text
    assert "a[U+202E]gpj.exe" in text
    assert "zero[U+200B]width" in text
    assert "\u202e" not in text


def test_characters_no_font_can_draw_are_written_as_code_points() -> None:
    base = referral_input("en", "en")
    data = replace(base, answers=replace(base.answers, narrative="Tibetan བོད Ge'ez ግዕዝ"))
    text = extract(build_referral_pdf(data))
    assert "Tibetan [U+0F56][U+0F7C][U+0F51] Ge'ez [U+130D][U+12D5][U+12DD]" in text


def test_a_file_that_differs_from_its_digest_is_refused() -> None:
    good = referral_file("photo.png", b"\x89PNG original")
    with pytest.raises(AttachmentMismatch):
        build_referral_pdf(referral_input(files=(replace(good, data=b"\x89PNG tampered!"),)))


def test_large_reports_wrap_and_flow_over_pages() -> None:
    base = referral_input("ug", "nl")
    scripts = ("他又打电话了。", "ئۇ يەنە تېلېفون قىلدى ", "He called again. ")
    messages = tuple(
        MessageView(
            id=index,
            author=("reporter", "handler")[index % 2],
            created_on=date(2024, 6, 1 + index % 28),
            text=scripts[index % 3] * (1 + index % 30),
            attachments=(),
        )
        for index in range(200)
    )
    phones = (Identifier(kind="phone", value=f"+31 6 {index:08d}") for index in range(49))
    identifiers = (*phones, Identifier(kind="url", value="https://example.org/" + "a" * 280))
    unbroken = {"latin": "W" * 20_000, "han": "威" * 5_000, "arabic": "ب" * 5_000}
    narrative = "\n".join(unbroken.values())
    names = [f"photo-{index}.jpg" for index in range(9)] + ["n" * 10_000 + ".jpg"]
    files = tuple(referral_file(name, bytes([index]) * 5_000, "image/jpeg") for index, name in enumerate(names))
    long_details = ("§" * 6_000, "§\n" * 500, "§ " * 3_000)  # unbroken, many short lines, many words
    custody = tuple(
        CustodyEntry(seq=index, when="2024-06-02T09:41:00+02:00", actor="hanna", event="viewed", details=details)
        for index, details in enumerate(long_details)
    )
    data = replace(
        base,
        answers=replace(base.answers, narrative=narrative, identifiers=identifiers),
        messages=messages,
        files=files,
        custody=custody,
    )
    pdf = build_referral_pdf(data)
    reader = PdfReader(io.BytesIO(pdf))
    text = compact(body(pdf))
    assert len(reader.pages) > 20
    assert unbroken["latin"] in text
    assert unbroken["han"] in text
    assert text.count("ب") >= 5_000
    assert text.count("§") == 6_000 + 500 + 3_000  # a cell longer than a page continues in the rows below
    assert all(file.sha256 in text for file in files)
    assert all(compact(identifier.value) in text for identifier in identifiers)
