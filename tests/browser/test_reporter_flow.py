"""The whole reporter path in headless chromium with JavaScript off, as Tor Browser "Safest" runs it."""

from __future__ import annotations

from typing import Any

import pytest

from meldpunt.intake.models import Report
from tests.conftest import Staff

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def page(browser: Any) -> Any:
    context = browser.new_context(java_script_enabled=False, locale="en-US")
    yield context.new_page()
    context.close()


def submit_report(page: Any, base: str, lang: str, narrative: str) -> str:
    page.goto(f"{base}/{lang}/")
    page.click("a[href$='/report/new/']")
    page.fill("#narrative", narrative)
    page.check("input[name=tactics][value=pressure_to_return]")
    page.select_option("select[name=identifier-0-kind]", "phone")
    page.fill("input[name=identifier-0-value]", "+86 10 5555 0100")
    page.click("button[name=more_rows]")  # a round trip without script: answers kept, rows added
    assert page.input_value("#narrative") == narrative
    page.select_option("select[name=identifier-4-kind]", "wechat")
    page.fill("input[name=identifier-4-value]", "station_officer_88")
    page.click("button[name=submit]")
    receipt = page.text_content("#receipt").strip()
    assert len(receipt.replace(" ", "")) == 20
    return receipt


def open_report(page: Any, base: str, lang: str, receipt: str) -> None:
    page.goto(f"{base}/{lang}/return/")
    page.fill("input#receipt", receipt)
    page.click("form[action$='/return/'] button[type=submit]")
    page.wait_for_url(f"**/{lang}/report/")


def staff_login(page: Any, base: str, staff: Staff) -> None:
    page.goto(f"{base}/staff/login/")
    page.fill("input[name=username]", staff.user.username)
    page.fill("input[name=password]", staff.password)
    page.fill("input[name=otp_token]", staff.code())
    page.click("button[type=submit]")
    page.wait_for_url("**/staff/cases/")


def test_simplified_chinese_report_reply_and_follow_up(
    live_server: Any, page: Any, browser: Any, handler: Staff
) -> None:
    base = live_server.url
    narrative = "他们每天从同一个号码给我打电话，要我回国。"
    receipt = submit_report(page, base, "zh-hans", narrative)
    assert page.get_attribute("html", "lang") == "zh-hans"
    assert page.context.cookies()
    assert {c["name"] for c in page.context.cookies()} == {"mp_csrf"}

    open_report(page, base, "zh-hans", receipt)
    assert page.text_content("#narrative").strip() == narrative

    staff = browser.new_context(java_script_enabled=False).new_page()
    staff_login(staff, base, handler)
    staff.click(f"a[href$='/reports/{Report.objects.get().pk}/']")
    assert staff.text_content("#narrative").strip() == narrative
    assert "station_officer_88" in staff.text_content("#identifiers")
    staff.fill("#reply", "我们已收到您的举报。")
    staff.click("form[action$='/reply/'] button[type=submit]")

    page.reload()
    assert "我们已收到您的举报。" in page.text_content(".message.handler")
    page.fill("#text", "昨天他们又打电话了。")
    page.click("form[enctype='multipart/form-data'] button[type=submit]")
    assert "昨天他们又打电话了。" in page.locator(".message.reporter").last.text_content()

    staff.reload()
    assert "昨天他们又打电话了。" in staff.text_content("body")
    staff.context.close()


def test_uyghur_pages_run_right_to_left_and_the_receipt_reads_back(live_server: Any, page: Any) -> None:
    base = live_server.url
    narrative = "ئۇلار ئائىلەمدىكىلەرگە تەھدىت سالدى"
    receipt = submit_report(page, base, "ug", narrative)
    assert page.get_attribute("html", "dir") == "rtl"
    assert page.get_attribute("html", "lang") == "ug"
    assert page.evaluate("getComputedStyle(document.body).direction") == "rtl"
    open_report(page, base, "ug", receipt)
    assert page.text_content("#narrative").strip() == narrative
    assert page.get_attribute("html", "dir") == "rtl"


def test_quick_exit_is_a_plain_link_without_javascript(live_server: Any, page: Any) -> None:
    page.goto(f"{live_server.url}/en/report/new/")
    link = page.locator("#quick-exit")
    assert link.get_attribute("href").startswith("https://")
    assert "noreferrer" in link.get_attribute("rel")


def test_report_text_runs_no_script_in_the_staff_pages(live_server: Any, browser: Any, handler: Staff) -> None:
    from django.utils import timezone

    from meldpunt.intake.questionnaire import parse_answers
    from meldpunt.intake.services import report_submit
    from tests.conftest import answers_raw

    hostile = (
        '<script>window.__pwned = 1</script><img src=x onerror="window.__pwned = 2">'
        '<a id="js" href="javascript:window.__pwned = 3">click</a> \u202e evil'
    )
    # The bidi override is refused at intake; the rest must arrive and stay inert.
    answers = parse_answers(answers_raw(narrative=hostile.replace("\u202e", "")), today=timezone.localdate())
    report_submit(answers=answers)
    context = browser.new_context(java_script_enabled=True)
    staff = context.new_page()
    dialogs: list[str] = []
    staff.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    staff_login(staff, live_server.url, handler)
    staff.goto(f"{live_server.url}/staff/cases/reports/{Report.objects.get().pk}/")
    assert "<script>" in staff.text_content("#narrative")
    assert staff.evaluate("window.__pwned === undefined")
    assert staff.locator("#narrative a").count() == 0
    assert dialogs == []
    context.close()
