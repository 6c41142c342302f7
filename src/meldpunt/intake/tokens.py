"""Reporter sessions as sealed tokens: the report key travels with the client, never stored.

After a valid receipt the server hands out a short-lived token holding the report id and key,
encrypted under a server secret. The server keeps no session row, so a copy of the database holds
no reporter session and no report key; a stolen token stops working when it expires.
"""

from __future__ import annotations

import struct

from django.conf import settings

from meldpunt.crypto import InvalidToken, issue_token, open_token
from meldpunt.intake.models import Report
from meldpunt.intake.services import ReporterSession

REPORTER_COOKIE = "mp_reporter"
_ID = struct.Struct(">Q")


def token_for(session: ReporterSession) -> str:
    return issue_token(
        _ID.pack(session.report_id) + session.report_key,
        settings.MELDPUNT.token_key,
        ttl_seconds=settings.MELDPUNT.reporter_session_seconds,
    )


def session_from(token: str | None) -> ReporterSession | None:
    if not token:
        return None
    try:
        payload = open_token(token, settings.MELDPUNT.token_key)
    except InvalidToken:
        return None
    if len(payload) != _ID.size + 32:
        return None
    report_id = _ID.unpack(payload[: _ID.size])[0]
    if not Report.objects.filter(pk=report_id).exists():
        return None  # deleted by retention since the token was issued
    return ReporterSession(report_id=report_id, report_key=payload[_ID.size :])
