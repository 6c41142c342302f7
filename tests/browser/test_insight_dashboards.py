"""The insight dashboards in headless chromium with JavaScript off: one h1, ordered headings, every
chart an image with an accessible name and a data table beside it, nothing fetched elsewhere."""

from __future__ import annotations

from collections.abc import Callable
from itertools import pairwise
from typing import Any

import pytest

from meldpunt.accounts.models import Role
from tests.browser.test_knowledge_public import AUDIT
from tests.conftest import Staff
from tests.insight.test_aggregates import publish, random_reports

pytestmark = pytest.mark.django_db(transaction=True)

CHARTS = """() => [...document.querySelectorAll('svg[role=img].chart')].map(svg => {
  const section = svg.closest('section');
  return {
    name: (document.getElementById(svg.getAttribute('aria-labelledby')) || {}).textContent || '',
    table: section ? section.querySelectorAll('table tbody tr').length : 0,
    width: svg.getBoundingClientRect().width,
  };
})"""


def audit_page(page: Any, url: str) -> list[dict[str, Any]]:
    response = page.goto(url)
    assert response.status == 200, url
    audit = page.evaluate(AUDIT)
    levels = audit["levels"]
    assert levels.count(1) == 1, levels
    assert levels[0] == 1, levels
    assert all(later <= earlier + 1 for earlier, later in pairwise(levels)), levels
    assert audit["unnamed"] == []
    charts: list[dict[str, Any]] = page.evaluate(CHARTS)
    assert charts
    for chart in charts:
        assert chart["name"].strip(), chart
        assert chart["table"] > 0, chart  # the data table beside the chart
        assert chart["width"] > 100, chart  # drawn, not collapsed by a blocked style
    return charts


def test_public_and_staff_dashboards_render_without_javascript(
    live_server: Any, browser: Any, make_staff: Callable[..., Staff]
) -> None:
    random_reports(60, seed=1)
    publish()
    base = live_server.url
    context = browser.new_context(java_script_enabled=False, locale="en-US")
    page = context.new_page()
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    public = audit_page(page, f"{base}/en/insight/")
    assert {
        "Reports received per month, every published period",
        "Reports naming each tactic",
        "Police service stations per country",
    } <= {chart["name"] for chart in public}
    assert all(url.startswith(base) for url in requested), "the page asked another server for something"

    supervisor = make_staff("sam", role=Role.SUPERVISOR, default_recipient=False)
    staff = browser.new_context(java_script_enabled=False, locale="en-US").new_page()
    staff.goto(f"{base}/staff/login/")
    staff.fill("input[name=username]", supervisor.user.username)
    staff.fill("input[name=password]", supervisor.password)
    staff.fill("input[name=otp_token]", supervisor.code())
    staff.click("button[type=submit]")
    staff.wait_for_load_state()
    audit_page(staff, f"{base}/staff/insight/")
    assert "Exact counts" in staff.text_content("main, body")
    context.close()
