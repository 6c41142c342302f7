"""Meldpunt's own settings as one typed value (settings.MELDPUNT), so every use is checked."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class MeldpuntConfig:
    blind_index_key: bytes
    token_key: bytes
    quick_exit_url: str = "https://www.weeronline.nl/"
    reporter_session_seconds: int = 30 * 60
    # A report is deleted this many days after its last activity, unless a supervisor extends it.
    retention_days: int = 365
    # Handlers are alerted when a report joins a campaign of at least this many reports.
    campaign_alert_size: int = 5
    # Cheap argon2id parameters; only the test settings turn this on.
    fast_kdf_for_tests: bool = False
    throttle_session_failures: int = 5
    throttle_session_window_seconds: int = 15 * 60
    throttle_global_failures: int = 100
    throttle_global_window_seconds: int = 60
    throttle_max_backoff_seconds: int = 15 * 60

    def __repr__(self) -> str:
        return "MeldpuntConfig(keys hidden)"
