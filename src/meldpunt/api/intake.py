"""The reporter path as JSON, for other clients: same validation and services as the pages.

The API reads no client address or agent either. A session is a short-lived sealed token carrying
the report key (intake/tokens.py); wrong receipts share the pages' rate limit.
"""

from __future__ import annotations

import base64
import binascii
from dataclasses import asdict
from typing import Any, Literal, get_args

from django.conf import settings
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import override
from ninja import Router, Schema, Status
from ninja.security import HttpBearer
from pydantic import Field

from meldpunt.api.vocab_types import vocab_term
from meldpunt.intake import throttle
from meldpunt.intake.attachments import AttachmentRejected, clean_attachments
from meldpunt.intake.messages import attachment_message, problem_message
from meldpunt.intake.questionnaire import LANGUAGES, MAX_IDENTIFIERS, InvalidAnswers, parse_answers, parse_message
from meldpunt.intake.selectors import report_language, report_open
from meldpunt.intake.services import (
    ReceiptRejected,
    ReporterSession,
    report_submit,
    reporter_message_add,
    reporter_session_open,
)
from meldpunt.intake.tokens import session_from, token_for

router = Router(tags=["intake"])

Language = Literal["nl", "en", "zh-hans", "zh-hant", "ug"]
assert set(LANGUAGES) == set(get_args(Language))  # noqa: S101  # the Literal must follow the questionnaire


class IdentifierIn(Schema):
    kind: vocab_term("identifier_kinds")  # type: ignore[valid-type]  # generated from the vocabulary
    value: str = Field(max_length=300)
    platform: str = Field("", max_length=60)


class ConsentsIn(Schema):
    replies: bool = False
    statistics: bool = False
    police_help: bool = False


class AttachmentIn(Schema):
    filename: str = Field(max_length=255)
    content_base64: str = Field(max_length=14_000_000)


class ReportIn(Schema):
    language: Language
    narrative: str = Field(max_length=20_000)
    incident_month: str = Field("", max_length=7, description="YYYY-MM or YYYY")
    country: str = Field("", max_length=2, description="ISO 3166-1 alpha-2, where it happened")
    municipality: str = Field("", max_length=100)
    targeted: vocab_term("reporter_roles") | None = None  # type: ignore[valid-type]  # generated
    urgency: vocab_term("urgency") | None = None  # type: ignore[valid-type]  # generated
    community: vocab_term("communities") | None = None  # type: ignore[valid-type]  # generated
    origin_state: str = Field("", max_length=2, description="ISO 3166-1 alpha-2 of the state behind it")
    tactics: list[vocab_term("tactics")] = Field(default_factory=list, max_length=30)  # type: ignore[valid-type]
    media: list[vocab_term("media")] = Field(default_factory=list, max_length=10)  # type: ignore[valid-type]
    demands: list[vocab_term("demands")] = Field(default_factory=list, max_length=10)  # type: ignore[valid-type]
    actor_types: list[vocab_term("actor_types")] = Field(default_factory=list, max_length=10)  # type: ignore[valid-type]
    reported_elsewhere: list[vocab_term("reported_elsewhere")] = Field(default_factory=list, max_length=10)  # type: ignore[valid-type]
    identifiers: list[IdentifierIn] = Field(default_factory=list, max_length=MAX_IDENTIFIERS)
    consents: ConsentsIn = Field(default_factory=ConsentsIn)
    attachments: list[AttachmentIn] = Field(default_factory=list, max_length=10)


class ReceiptOut(Schema):
    receipt: str


class Problem(Schema):
    field: str
    code: str
    message: str


class ProblemsOut(Schema):
    detail: list[Problem]


class SessionIn(Schema):
    receipt: str = Field(max_length=100)


class TokenOut(Schema):
    token: str
    expires_in: int


class ErrorOut(Schema):
    detail: str


class AttachmentOut(Schema):
    id: int
    filename: str
    media_type: str
    size: int
    sha256: str


class MessageOut(Schema):
    id: int
    author: str
    created_on: str
    text: str
    attachments: list[AttachmentOut]


class ReportOut(Schema):
    status: str
    language: str
    created_on: str
    answers: dict[str, Any]
    attachments: list[AttachmentOut]
    messages: list[MessageOut]


class MessageIn(Schema):
    text: str = Field("", max_length=20_000)
    attachments: list[AttachmentIn] = Field(default_factory=list, max_length=10)


class ReporterToken(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> ReporterSession | None:
        return session_from(token)


def _decode(attachments: list[AttachmentIn]) -> list[tuple[str, bytes]]:
    try:
        return [(item.filename, base64.b64decode(item.content_base64, validate=True)) for item in attachments]
    except (binascii.Error, ValueError) as error:
        raise AttachmentRejected("damaged", "attachment is not valid base64") from error


def _problems(language: str, problems: list[tuple[str, str, Any]]) -> dict[str, list[dict[str, str]]]:
    with override(language):
        return {"detail": [{"field": f, "code": c, "message": str(m)} for f, c, m in problems]}


@router.post("/reports", response={201: ReceiptOut, 422: ProblemsOut}, auth=None)
def submit_report(request: HttpRequest, payload: ReportIn) -> Status[Any]:
    raw = payload.dict(exclude={"attachments"})
    try:
        answers = parse_answers(raw, today=timezone.localdate())
        files = clean_attachments(_decode(payload.attachments))
    except InvalidAnswers as invalid:
        return Status(
            422, _problems(payload.language, [(p.field, p.code, problem_message(p.code)) for p in invalid.problems])
        )
    except AttachmentRejected as rejected:
        return Status(
            422, _problems(payload.language, [("attachments", rejected.code, attachment_message(rejected.code))])
        )
    receipt = report_submit(answers=answers, attachments=files)
    return Status(201, {"receipt": receipt.display()})


@router.post("/session", response={200: TokenOut, 401: ErrorOut, 429: ErrorOut}, auth=None)
def open_session(request: HttpRequest, payload: SessionIn) -> Any:
    scopes = [throttle.GLOBAL, throttle.session_scope(request.COOKIES.get(settings.CSRF_COOKIE_NAME))]
    wait = throttle.retry_after(scopes)
    if wait is not None:
        return Status(429, {"detail": f"too many attempts; retry after {wait} seconds"})
    try:
        session = reporter_session_open(receipt_text=payload.receipt)
    except ReceiptRejected:
        throttle.record_failure(scopes)
        return Status(401, {"detail": "this receipt does not open a report"})
    return Status(200, {"token": token_for(session), "expires_in": settings.MELDPUNT.reporter_session_seconds})


def _report_out(session: ReporterSession) -> dict[str, Any]:
    opened = report_open(report_id=session.report_id, report_key=session.report_key)
    return {
        "status": opened.status,
        "language": opened.language,
        "created_on": opened.created_on.isoformat(),
        "answers": asdict(opened.answers),
        "attachments": [vars(a) for a in opened.attachments],
        "messages": [
            {**vars(m), "created_on": m.created_on.isoformat(), "attachments": [vars(a) for a in m.attachments]}
            for m in opened.messages
        ],
    }


@router.get("/report", response=ReportOut, auth=ReporterToken())
def read_report(request: HttpRequest) -> dict[str, Any]:
    session: ReporterSession = request.auth  # type: ignore[attr-defined]  # set by ReporterToken
    return _report_out(session)


@router.post("/report/messages", response={201: ReportOut, 422: ProblemsOut}, auth=ReporterToken())
def add_message(request: HttpRequest, payload: MessageIn) -> Status[Any]:
    session: ReporterSession = request.auth  # type: ignore[attr-defined]  # set by ReporterToken
    language = report_language(report_id=session.report_id)
    try:
        files = clean_attachments(_decode(payload.attachments))
        text = parse_message(payload.text, required=not files)
    except InvalidAnswers as invalid:
        return Status(422, _problems(language, [(p.field, p.code, problem_message(p.code)) for p in invalid.problems]))
    except AttachmentRejected as rejected:
        return Status(422, _problems(language, [("attachments", rejected.code, attachment_message(rejected.code))]))
    reporter_message_add(session=session, text=text, attachments=files)
    return Status(201, _report_out(session))
