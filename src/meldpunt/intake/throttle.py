"""Rate limits on receipt attempts, per client session and for the whole site.

Protects against brute-forcing receipts. A per-session limit stops a careless client; the global
limit with growing back-off stops a distributed guesser that drops its cookies. Buckets are named by
a hash of the session cookie or "global": no address, agent or receipt is ever kept.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from meldpunt.intake.models import ThrottleBucket

GLOBAL = "global"


@dataclass(frozen=True)
class Limit:
    failures: int
    window: timedelta


def session_scope(cookie_value: str | None) -> str:
    """The bucket of one client session; clients without a cookie share one bucket."""
    if not cookie_value:
        return "session:none"
    return "session:" + hashlib.sha256(cookie_value.encode()).hexdigest()[:40]


def _limit(scope: str) -> Limit:
    conf = settings.MELDPUNT
    if scope == GLOBAL:
        return Limit(conf.throttle_global_failures, timedelta(seconds=conf.throttle_global_window_seconds))
    return Limit(conf.throttle_session_failures, timedelta(seconds=conf.throttle_session_window_seconds))


def retry_after(scopes: Iterable[str], *, now: datetime | None = None) -> int | None:
    """Seconds to wait when any of the scopes is blocked, else None."""
    now = now or timezone.now()
    blocked = ThrottleBucket.objects.filter(scope__in=list(scopes), blocked_until__gt=now)
    waits = [math.ceil((bucket.blocked_until - now).total_seconds()) for bucket in blocked if bucket.blocked_until]
    return max(waits) if waits else None


def record_failure(scopes: Iterable[str], *, now: datetime | None = None) -> None:
    """Count one failed attempt in each scope; a full window blocks it, longer at each repeat."""
    now = now or timezone.now()
    max_backoff = settings.MELDPUNT.throttle_max_backoff_seconds
    with transaction.atomic():
        # Buckets that are neither counting nor blocking hold nothing worth keeping.
        quiet_since = now - timedelta(seconds=max_backoff)
        ThrottleBucket.objects.filter(window_started__lt=quiet_since).exclude(blocked_until__gt=quiet_since).delete()
        for scope in scopes:
            limit = _limit(scope)
            bucket, _created = ThrottleBucket.objects.select_for_update().get_or_create(
                scope=scope, defaults={"window_started": now}
            )
            if bucket.blocked_until and now - bucket.blocked_until > timedelta(seconds=max_backoff):
                bucket.strikes = 0  # quiet for a whole back-off period: forgive earlier strikes
            if now - bucket.window_started > limit.window:
                bucket.window_started, bucket.failures = now, 0
            bucket.failures += 1
            if bucket.failures >= limit.failures:
                bucket.strikes += 1
                backoff = min(max_backoff, int(limit.window.total_seconds()) * 2 ** (bucket.strikes - 1))
                bucket.blocked_until = now + timedelta(seconds=backoff)
                bucket.window_started, bucket.failures = now, 0
            bucket.save()
