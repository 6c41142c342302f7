"""Referral inputs for the tests: one report per language of the questionnaire, built from plain values."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from meldpunt.cases.referral import CustodyEntry, ReferralFile, ReferralInput, vocabulary_labels
from meldpunt.intake.questionnaire import Consents, Identifier, ReportAnswers
from meldpunt.intake.selectors import AttachmentView, MessageView


@dataclass(frozen=True)
class Story:
    """What a reporter wrote, in their language, and the names they gave."""

    narrative: str
    message: str
    person_name: str


# Uyghur: the first line has no digits or punctuation, so it must come out of the PDF word for word.
STORIES = {
    "en": Story(
        narrative="A man called me every day from the same number.\nHe said my parents would suffer if I protested.",
        message="He called again this morning and knew my new address.",
        person_name="Wang Xiaoming",
    ),
    "nl": Story(
        narrative="Een man belde mij elke dag vanaf hetzelfde nummer.\nHij zei dat mijn ouders zouden lijden.",
        message="Vanochtend belde hij opnieuw en hij kende mijn nieuwe adres.",
        person_name="Jan de Vries",
    ),
    "zh-hans": Story(
        narrative="一个男人每天从同一个号码给我打电话。\n他说如果我继续抗议，我在国内的父母会受苦。",
        message="今天早上他又打电话来，还知道我的新地址。",
        person_name="王小明",
    ),
    "zh-hant": Story(
        narrative="一個男人每天從同一個號碼給我打電話。\n他說如果我繼續抗議，我在國內的父母會受苦。",
        message="今天早上他又打電話來，還知道我的新地址。",
        person_name="陳大文",
    ),
    "ug": Story(
        narrative=(
            "بىر ئادەم ھەر كۈنى ماڭا تېلېفون قىلىپ تەھدىت سالدى\n"
            "ئۇ ماڭا ئەگەر نامايىشقا قاتناشسام، ئاتا-ئانامنىڭ جازالىنىدىغانلىقىنى ئېيتتى. بۇ 2024-يىلى 5-ئايدا بولدى."
        ),
        message="ئۇ بۈگۈن ئەتىگەن يەنە تېلېفون قىلدى ۋە يېڭى ئادرېسىمنى بىلىدىكەن.",
        person_name="ئابدۇرېھىم تۇرسۇن",
    ),
}

# (language of the report, language of the package's labels): each script, each label language.
REPORTS = [("en", "en"), ("nl", "nl"), ("zh-hans", "en"), ("zh-hant", "nl"), ("ug", "en")]


def referral_file(filename: str, data: bytes, media_type: str = "image/png") -> ReferralFile:
    return ReferralFile(
        filename=filename, media_type=media_type, sha256=hashlib.sha256(data).hexdigest(), size=len(data), data=data
    )


def attachment_view(file: ReferralFile, view_id: int) -> AttachmentView:
    return AttachmentView(
        id=view_id, filename=file.filename, media_type=file.media_type, size=file.size, sha256=file.sha256
    )


def referral_input(reporter_language: str = "en", language: str = "en", **overrides: Any) -> ReferralInput:
    story = STORIES[reporter_language]
    files = (
        referral_file("screenshot.png", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4),
        referral_file("letter.pdf", b"%PDF-1.7\n" + b"threatening letter\n" * 50, "application/pdf"),
        referral_file("voicemail.m4a", b"\x00\x00\x00\x18ftypM4A " + bytes(500), "audio/mp4"),
    )
    answers = ReportAnswers(
        language=reporter_language,
        narrative=story.narrative,
        incident_month="2024-05",
        country="NL",
        municipality="Utrecht",
        targeted="target",
        urgency="within_a_week",
        community="uyghur" if reporter_language == "ug" else "chinese",
        origin_state="CN",
        tactics=("direct_threat", "coercion_by_proxy"),
        media=("phone",),
        demands=("stop_activism",),
        identifiers=(
            Identifier(kind="phone", value="+31 6 1234 5678"),
            Identifier(kind="wechat", value="wxid_k8r2p0s9"),
            Identifier(kind="social_handle", value="@embassy_friend_nl", platform="Douyin"),
            Identifier(kind="person_name", value=story.person_name),
        ),
        consents=Consents(replies=True, statistics=True, police_help=True),
    )
    messages = (
        MessageView(
            id=11,
            author="reporter",
            created_on=date(2024, 6, 3),
            text=story.message,
            attachments=(attachment_view(files[2], 3),),
        ),
        MessageView(
            id=12, author="handler", created_on=date(2024, 6, 2), text="Thank you; we can help you.", attachments=()
        ),
    )
    custody = (
        CustodyEntry(seq=1, when="2024-06-01", actor="system", event="report_submitted", details="3 attachments"),
        CustodyEntry(seq=2, when="2024-06-02T09:41:00+02:00", actor="hanna", event="report_opened", details=""),
        CustodyEntry(seq=3, when="2024-07-01T14:05:00+02:00", actor="hanna", event="referral_prepared", details="v1"),
    )
    data = ReferralInput(
        report_number=4711,
        language=language,  # type: ignore[arg-type]
        reporter_language=reporter_language,
        received_on=date(2024, 6, 1),
        status="referred_to_police",
        answers=answers,
        messages=messages,
        files=files,
        custody=custody,
        prepared_by="Hanna de Vries",
        prepared_on=date(2024, 7, 1),
        labels=vocabulary_labels(str),
    )
    return replace(data, **overrides)
