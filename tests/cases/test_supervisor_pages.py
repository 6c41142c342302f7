from __future__ import annotations

from collections.abc import Callable

import pytest

from meldpunt.accounts.escrow import escrow_init
from meldpunt.accounts.models import Role
from meldpunt.crypto import Receipt
from meldpunt.intake.models import KeyGrant, Report
from tests.conftest import Staff, logged_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def team(make_staff: Callable[..., Staff]) -> dict[str, Staff]:
    team = {
        "hanna": make_staff("hanna"),
        "otto": make_staff("otto", default_recipient=False),
        "sam": make_staff("sam", role=Role.SUPERVISOR, default_recipient=False),
    }
    escrow_init(supervisor=team["sam"].user)
    return team


def test_overview_shows_metadata_never_content(team: dict[str, Staff], submit: Callable[..., Receipt]) -> None:
    submit(narrative="secret words of the reporter")
    page = logged_in(team["sam"]).get("/staff/cases/overview/").content.decode()
    assert "hanna" in page
    assert "secret words" not in page
    assert "<title>All reports · Meldpunt</title>" in page
    assert 'id="escrow"' in page.split("</title>")[1]


def test_supervisor_assigns_a_report_on_the_page(team: dict[str, Staff], submit: Callable[..., Receipt]) -> None:
    submit(narrative="for otto too")
    report_id = Report.objects.get().pk
    client = logged_in(team["sam"])
    response = client.post(f"/staff/cases/overview/{report_id}/", {"action": "grant", "handler": team["otto"].user.pk})
    assert response.status_code == 302
    assert KeyGrant.objects.filter(recipient=team["otto"].user).exists()
    otto = logged_in(team["otto"])
    assert "for otto too" in otto.get(f"/staff/cases/reports/{report_id}/").content.decode()


def test_audit_page_verifies_both_chains(team: dict[str, Staff], submit: Callable[..., Receipt]) -> None:
    submit()
    page = logged_in(team["sam"]).get("/staff/cases/audit/?verify=1").content.decode()
    assert "Staff chain intact" in page
    assert "Reporter chain intact: 1 entries" in page


def test_demo_data_is_loaded_once(db: None) -> None:
    from io import StringIO

    from django.core.management import call_command

    from meldpunt.accounts.models import User

    call_command("demo", stdout=StringIO())
    call_command("demo", stdout=StringIO())
    assert set(User.objects.values_list("role", flat=True)) == {"handler", "supervisor", "admin", "analyst"}
    assert Report.objects.count() == 3
    assert not Report.objects.filter(escrow_sealed_key=None).exists()
    from meldpunt.correlate.selectors import campaigns

    assert [row.size for row in campaigns()] == [3]  # the demo reports share a number and a WeChat id
