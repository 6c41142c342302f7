from __future__ import annotations

import base64
import io
from typing import Any

import pytest
from django.test import Client
from PIL import Image

from meldpunt.intake.models import Attachment, Report
from tests.conftest import Staff

pytestmark = pytest.mark.django_db

MINIMAL = {
    "language": "zh-hans",
    "narrative": "他们说我的家人会有麻烦。",
    "tactics": ["direct_threat"],
    "identifiers": [{"kind": "phone", "value": "+31 6 1234 5678"}],
    "consents": {"replies": True, "statistics": True, "police_help": False},
}


def post(client: Client, path: str, body: dict[str, Any], token: str | None = None) -> Any:
    headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"} if token else {}
    return client.post(f"/api/v1/intake/{path}", body, content_type="application/json", **headers)


def png_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "red").save(buffer, "PNG")
    return buffer.getvalue()


def test_submit_open_session_read_and_add_message(client: Client, handler: Staff) -> None:
    body = {
        **MINIMAL,
        "attachments": [{"filename": "red.png", "content_base64": base64.b64encode(png_bytes()).decode()}],
    }
    created = post(client, "reports", body)
    assert created.status_code == 201, created.content
    receipt = created.json()["receipt"]
    assert len(receipt.replace(" ", "")) == 20
    assert Attachment.objects.count() == 1

    session = post(client, "session", {"receipt": receipt})
    assert session.status_code == 200
    token = session.json()["token"]

    report = client.get("/api/v1/intake/report", HTTP_AUTHORIZATION=f"Bearer {token}").json()
    assert report["answers"]["narrative"] == MINIMAL["narrative"]
    assert report["attachments"][0]["media_type"] == "image/png"

    added = post(client, "report/messages", {"text": "又打来了"}, token)
    assert added.status_code == 201
    assert [m["text"] for m in added.json()["messages"]] == ["又打来了"]


def test_unknown_vocabulary_terms_are_refused_by_the_schema(client: Client) -> None:
    response = post(client, "reports", {**MINIMAL, "tactics": ["telepathy"]})
    assert response.status_code == 422
    assert Report.objects.count() == 0


def test_problems_come_translated_in_the_reports_language(client: Client) -> None:
    response = post(client, "reports", {**MINIMAL, "narrative": "bad \u202e text"})
    assert response.status_code == 422
    problem = response.json()["detail"][0]
    assert problem["field"] == "narrative"
    assert problem["code"] == "invalid_characters"
    assert "control" not in problem["message"]  # Chinese, not English
    assert Report.objects.count() == 0


def test_bad_base64_attachment_is_refused(client: Client) -> None:
    body = {**MINIMAL, "attachments": [{"filename": "x.png", "content_base64": "not base64!"}]}
    response = post(client, "reports", body)
    assert response.status_code == 422
    assert response.json()["detail"][0]["code"] == "damaged"
    assert Report.objects.count() == 0


def test_wrong_receipt_gets_401_then_429(client: Client) -> None:
    codes = [post(client, "session", {"receipt": "1234 5678 9012 3456 7890"}).status_code for _ in range(7)]
    assert codes[0] == 401
    assert codes[-1] == 429


@pytest.mark.parametrize("token", [None, "garbage", "A" * 80])
def test_report_needs_a_valid_token(client: Client, token: str | None) -> None:
    headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"} if token else {}
    assert client.get("/api/v1/intake/report", **headers).status_code == 401


def test_openapi_schema_lists_intake_routes_and_vocabulary_enums(client: Client) -> None:
    schema = client.get("/api/v1/openapi.json").json()
    assert {
        "/api/v1/intake/reports",
        "/api/v1/intake/session",
        "/api/v1/intake/report",
        "/api/v1/intake/report/messages",
    } <= set(schema["paths"])
    text = str(schema)
    assert "pressure_to_return" in text
    assert "vehicle_plate" in text
