"""The insight API: every published table, controlled, described in the OpenAPI schema."""

from __future__ import annotations

import pytest
from django.test import Client

from meldpunt.insight.disclosure import THRESHOLD
from tests.insight.test_aggregates import make_report, publish, random_reports
from tests.insight.test_dashboards import SLUGS

pytestmark = pytest.mark.django_db


def test_api_publishes_every_table_without_small_counts(client: Client) -> None:
    random_reports(80, seed=9)
    publish()
    body = client.get("/api/v1/insight/").json()
    assert body["threshold"] == THRESHOLD
    assert sorted(t["slug"] for t in body["tables"] + body["cross_tables"]) == sorted(SLUGS)
    values = [row["count"] for table in body["tables"] for row in table["rows"]]
    values += [table["total"] for table in body["tables"]]
    for table in body["cross_tables"]:
        values += [cell for row in table["rows"] for cell in (*row["cells"], row["total"])]
        values += [column["count"] for column in table["columns"]] + [table["total"]]
    assert not [value for value in values if value is not None and 0 < value < THRESHOLD]
    assert None in values


def test_api_counts_what_the_public_page_counts(client: Client) -> None:
    for _ in range(10):
        make_report(tactics=["assault"], origin_state="CN")
    publish()
    body = client.get("/api/v1/insight/").json()
    origins = next(t for t in body["tables"] if t["slug"] == "origin_states")
    assert [(row["key"], row["count"]) for row in origins["rows"]] == [("CN", 10)]
    tactics = next(t for t in body["tables"] if t["slug"] == "tactics")
    assert tactics["total"] is None
    assert not tactics["additive"]


def test_api_is_in_the_openapi_schema(client: Client) -> None:
    schema = client.get("/api/v1/openapi.json").json()
    operation = schema["paths"]["/api/v1/insight/"]["get"]
    assert "InsightOut" in str(operation["responses"]["200"])
