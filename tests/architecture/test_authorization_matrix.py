"""Every route of the URL configuration × every kind of visitor → the answer they must get.

The matrix is the access policy of DESIGN "Who uses it" written out: a route added without a row
here fails `test_every_route_has_a_row`, so nobody can add a page without deciding who may use it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.urls import URLResolver, get_resolver, reverse

from meldpunt.accounts.escrow import escrow_init
from meldpunt.accounts.models import Role
from meldpunt.crypto import Receipt
from meldpunt.intake.models import Attachment, Report
from meldpunt.intake.tokens import REPORTER_COOKIE
from tests.conftest import Staff

pytestmark = pytest.mark.django_db

ACTORS = ("anonymous", "reporter", "handler", "other_handler", "analyst", "supervisor", "admin")
STAFF = ("handler", "other_handler", "analyst", "supervisor", "admin")


def row(method: str, default: int, **answers: int) -> tuple[str, dict[str, int]]:
    return method, {actor: answers.get(actor, default) for actor in ACTORS}


def staff_only(method: str, allowed: dict[str, int], refused: int = 403) -> tuple[str, dict[str, int]]:
    return row(method, refused, anonymous=302, reporter=302, **allowed)


MATRIX: dict[str, tuple[str, dict[str, int]]] = {
    # The reporter's site: open to all; a report only with the receipt's session.
    "intake:landing": row("GET", 200),
    "intake:new": row("GET", 200),
    "intake:return": row("GET", 200),
    "intake:report": row("GET", 302, reporter=200),
    "intake:attachment": row("GET", 302, reporter=200),
    "intake:leave": row("POST", 302),
    # The JSON API: open intake, a report only with the reporter's bearer token.
    "api:openapi-json": row("GET", 200),
    "api:api-root": row("GET", 404),
    "api:submit_report": row("POST", 422),
    "api:open_session": row("POST", 422),
    "api:read_report": row("GET", 401, reporter=200),
    "api:add_message": row("POST", 401, reporter=422),
    # Staff: login for all, the rest by role; report contents only with a grant.
    "accounts:login": row("GET", 200),
    "accounts:logout": row("POST", 302),
    "accounts:home": row("GET", 302),
    "accounts:password": staff_only("GET", {actor: 200 for actor in STAFF}),
    "accounts:language": staff_only("POST", {actor: 302 for actor in STAFF}),
    "accounts:staff_list": staff_only("GET", {"admin": 200}),
    "accounts:staff_edit": staff_only("GET", {"admin": 200}),
    "cases:inbox": staff_only("GET", {"handler": 200, "other_handler": 200}),
    "cases:report": staff_only("GET", {"handler": 200, "other_handler": 404}),
    "cases:triage": staff_only("POST", {"handler": 302, "other_handler": 404}),
    "cases:status": staff_only("POST", {"handler": 400, "other_handler": 404}),
    "cases:reply": staff_only("POST", {"handler": 400, "other_handler": 404}),
    "cases:note": staff_only("POST", {"handler": 400, "other_handler": 404}),
    "cases:attachment": staff_only("GET", {"handler": 200, "other_handler": 404}),
    "cases:referral": staff_only("POST", {"handler": 400, "other_handler": 404}),
    "cases:overview": staff_only("GET", {"supervisor": 200}),
    "cases:supervise": staff_only("GET", {"supervisor": 200}),
    "cases:restore": staff_only("POST", {"supervisor": 302}),
    "cases:audit": staff_only("GET", {"supervisor": 200}),
    "cases:escrow": staff_only("POST", {"supervisor": 302}),
    "correlate:campaigns": staff_only("GET", {"handler": 200, "other_handler": 200, "supervisor": 200, "analyst": 200}),
    "correlate:campaign": staff_only("GET", {"handler": 404, "other_handler": 404, "supervisor": 404, "analyst": 404}),
    "correlate:lookup": staff_only("GET", {"supervisor": 200, "analyst": 200}),
    "correlate:duplicate": staff_only("POST", {"handler": 404, "other_handler": 404}),
    "correlate:confirm": staff_only("POST", {"handler": 404, "other_handler": 404}),
    # The public knowledge base: open to all, pages and read-only API alike (999_999 is no record).
    "knowledge_public:stations": row("GET", 200),
    "knowledge_public:timeline": row("GET", 200),
    "knowledge_public:partnerships": row("GET", 200),
    "knowledge_public:statements": row("GET", 200),
    "knowledge_public:actors": row("GET", 200),
    "knowledge_public:actor": row("GET", 404),
    "api:knowledge_stations": row("GET", 200),
    "api:knowledge_actors": row("GET", 200),
    "api:knowledge_actor": row("GET", 404),
    "api:knowledge_places": row("GET", 200),
    "api:knowledge_place": row("GET", 404),
    "api:knowledge_partnerships": row("GET", 200),
    "api:knowledge_events": row("GET", 200),
    "api:knowledge_statements": row("GET", 200),
    # Insight (DESIGN rule 7): the public dashboard, its downloads and API are controlled figures open to all
    # (a download without ?table= is no table); the staff dashboard for every staff role, exact for supervisors.
    "insight_public:dashboard": row("GET", 200),
    "insight_public:download": row("GET", 404),
    "api:insight_tables": row("GET", 200),
    "insight:dashboard": staff_only("GET", {actor: 200 for actor in STAFF}),
    # Knowledge curation and review (DESIGN: analysts curate): analysts only; number 999999 does not exist.
    **{
        f"knowledge:{name}": staff_only(method, {"analyst": answer})
        for name, method, answer in (
            ("index", "GET", 200),
            ("sources", "GET", 200),
            ("source_new", "GET", 200),
            ("source", "GET", 404),
            ("review", "GET", 200),
            ("candidate", "GET", 404),
            ("candidate_accept", "POST", 404),
            ("candidate_reject", "POST", 404),
            ("contradictions", "GET", 200),
            ("actor_alias", "POST", 404),
            ("actor_identifier", "POST", 404),
            ("place_merge", "POST", 404),
            ("actor_merge", "POST", 404),
            *[
                (f"{kind}_{page}", method, answer)
                for kind in ("place", "actor", "partnership", "event", "statement")
                for page, method, answer in (
                    ("list", "GET", 200),
                    ("new", "GET", 200),
                    ("detail", "GET", 404),
                    ("edit", "GET", 404),
                    ("cite", "POST", 404),
                    ("retire", "POST", 404),
                    ("restore", "POST", 404),
                )
            ],
        )
    },
}


def route_names() -> set[str]:
    names: set[str] = set()

    def walk(patterns: list[Any], namespace: str = "") -> None:
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                walk(pattern.url_patterns, pattern.namespace or namespace)
            elif pattern.name:
                names.add(f"{namespace}:{pattern.name}" if namespace else pattern.name)

    walk(get_resolver().url_patterns)
    return names


def test_every_route_has_a_row() -> None:
    assert route_names() == set(MATRIX)


@pytest.fixture
def world(make_staff: Callable[..., Staff], submit: Callable[..., Receipt]) -> dict[str, Any]:
    from tests.intake.test_nothing_in_clear import jpeg_with_exif

    people = {
        "handler": make_staff("hanna"),
        "other_handler": make_staff("otto", default_recipient=False),
        "analyst": make_staff("ann", role=Role.ANALYST, default_recipient=False),
        "supervisor": make_staff("sam", role=Role.SUPERVISOR, default_recipient=False),
        "admin": make_staff("ada", role=Role.ADMIN, default_recipient=False),
    }
    escrow_init(supervisor=people["supervisor"].user)
    from meldpunt.intake.attachments import clean_attachments

    receipt = submit(attachments=tuple(clean_attachments([("photo.jpg", jpeg_with_exif("x"))])))
    report = Report.objects.get()
    return {
        "people": people,
        "receipt": receipt,
        "kwargs": {
            "report_id": report.pk,
            "attachment_id": Attachment.objects.get().pk,
            "user_id": people["handler"].user.pk,
            "number": 999_999,
        },
    }


def client_for(actor: str, world: dict[str, Any]) -> tuple[Client, dict[str, str]]:
    client = Client()
    headers: dict[str, str] = {}
    if actor == "reporter":
        client.get("/en/return/")
        client.post("/en/return/", {"receipt": world["receipt"].display()})
        headers["HTTP_AUTHORIZATION"] = f"Bearer {client.cookies[REPORTER_COOKIE].value}"
    elif actor in STAFF:
        staff: Staff = world["people"][actor]
        answer = client.post(
            "/staff/login/", {"username": staff.user.username, "password": staff.password, "otp_token": staff.code()}
        )
        assert answer.status_code == 302, actor
    return client, headers


@pytest.mark.parametrize("name", sorted(MATRIX))
def test_route_answers_each_visitor_as_the_policy_says(name: str, world: dict[str, Any]) -> None:
    method, expected = MATRIX[name]
    from django.urls import get_resolver as resolver

    wanted = {key: value for key, value in world["kwargs"].items() if key in _parameters(resolver(), name)}
    url = reverse(name, kwargs=wanted)
    got = {}
    for actor in ACTORS:
        client, headers = client_for(actor, world)
        if method == "GET":
            response = client.get(url, **headers)
        elif name.startswith("api:"):
            response = client.post(url, "{}", content_type="application/json", **headers)
        else:
            response = client.post(url, {}, **headers)
        got[actor] = response.status_code
    assert got == expected


def _parameters(resolver: Any, name: str) -> set[str]:
    namespace, _, short = name.rpartition(":")
    target = resolver.namespace_dict[namespace][1] if namespace else resolver
    possibilities = target.reverse_dict.getlist(short)
    return {param for possibility in possibilities for _pattern, params in possibility[0] for param in params}
