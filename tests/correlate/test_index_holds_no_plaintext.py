"""The correlation index never holds an identifier in clear: a scan of the whole database."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.db import connection

from meldpunt.correlate.linking import links_rebuild
from meldpunt.correlate.models import ClusterMember
from meldpunt.crypto import Receipt
from tests.intake.test_nothing_in_clear import database_bytes

pytestmark = pytest.mark.django_db(transaction=True)

PLANTED = [
    {"kind": "phone", "value": "+31 6 8765 4321"},
    {"kind": "email", "value": "station.desk.zeta@example.org"},
    {"kind": "telegram", "value": "@OfficerZetaNL"},
    {"kind": "person_name", "value": "Zhang Zetahua"},
]
CANONICAL = [b"+31687654321", b"31687654321", b"station.desk.zeta", b"officerzetanl", b"zetahua", b"Zetahua"]


def test_no_planted_value_in_the_database(submit: Callable[..., Receipt]) -> None:
    for _ in range(3):
        submit(identifiers=PLANTED)
    links_rebuild()
    assert ClusterMember.objects.count() == 3  # the values were indexed and linked
    connection.close()
    for where, blob in database_bytes().items():
        for needle in CANONICAL + [row["value"].encode() for row in PLANTED]:
            assert needle not in blob, f"{needle!r} in {where}"
