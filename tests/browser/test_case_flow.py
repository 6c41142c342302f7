"""The whole life of a case in headless chromium: report, triage, reply, answer, police package."""

from __future__ import annotations

import io
import zipfile
from typing import Any

import pytest
from pypdf import PdfReader

from meldpunt.intake.models import Report
from tests.browser.test_reporter_flow import open_report, staff_login
from tests.conftest import Staff

pytestmark = pytest.mark.django_db(transaction=True)


def test_report_triage_reply_answer_and_referral_package(live_server: Any, browser: Any, handler: Staff) -> None:
    base = live_server.url
    reporter = browser.new_context(java_script_enabled=False).new_page()
    narrative = "派出所的人每天打电话，说我父母会有麻烦。"
    reporter.goto(f"{base}/zh-hans/report/new/")
    reporter.fill("#narrative", narrative)
    reporter.check("input[name=tactics][value=coercion_by_proxy]")
    reporter.check("input[name=consent_police_help]")
    reporter.click("button[name=submit]")
    receipt = reporter.text_content("#receipt").strip()
    report_id = Report.objects.get().pk

    staff = browser.new_context(java_script_enabled=False, accept_downloads=True).new_page()
    staff_login(staff, base, handler)
    assert "unread" in (staff.get_attribute("#inbox tbody tr", "class") or "")
    staff.click(f"a[href$='/reports/{report_id}/']")
    staff.check("#triage input[name=tactics][value=pressure_to_return]")
    staff.select_option("#triage select[name=province]", "zuid_holland")
    staff.click("#triage button[type=submit]")
    assert Report.objects.get().province == "zuid_holland"
    assert Report.objects.get().status == "in_triage"
    staff.fill("#reply", "请告诉我们电话号码。")
    staff.click("form[action$='/reply/'] button[type=submit]")

    open_report(reporter, base, "zh-hans", receipt)
    assert "请告诉我们电话号码。" in reporter.text_content(".message.handler")
    reporter.fill("#text", "号码是 +86 10 5555 0100")
    reporter.click("form[enctype='multipart/form-data'] button[type=submit]")

    staff.reload()
    assert "+86 10 5555 0100" in staff.text_content("#messages")
    with staff.expect_download() as download_info:
        staff.click("#referral button[value=en]")
    package = zipfile.ZipFile(io.BytesIO(download_info.value.path().read_bytes()))
    pdf = PdfReader(io.BytesIO(package.read("referral.pdf")))
    text = "".join(page.extract_text() for page in pdf.pages)
    assert narrative in text.replace("\n", "")
    assert str(report_id) in text
    assert "Police referral" in text or "Referral" in text
