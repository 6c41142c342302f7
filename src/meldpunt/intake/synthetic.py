"""Seeded synthetic reports, so a demo (`meldpunt demo --synthetic N`) shows a living picture.

Every report made here is marked `synthetic` in the database and labelled on every staff page, so it
is never mistaken for a real account. The same seed and day give the same reports: a demo, a test and
a benchmark see the same picture. Distributions are plausible, not measured: a skew towards the
larger communities and provinces, a rising trend over the last 24 months, most reporters consenting
to statistics, and a pool of shared identifiers per origin state so that campaigns form.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone

from meldpunt.accounts.escrow import escrow_public_key
from meldpunt.accounts.models import Role, User
from meldpunt.cases.audit import audit_record
from meldpunt.cases.models import AuditEvent
from meldpunt.crypto import (
    Receipt,
    new_receipt_salt,
    new_report_key,
    receipt_verifier,
    seal,
    seal_with_receipt_key,
)
from meldpunt.intake.models import KeyGrant, Report, ReportIdentifier
from meldpunt.intake.questionnaire import parse_answers
from meldpunt.intake.sealed import seal_part
from meldpunt.intake.services import blind_index, report_fields_in_clear, report_identifier_rows, report_submit
from meldpunt.vocab import concept

MONTHS = 24
BULK_ABOVE = 5_000
"""Up to this many reports go one by one through `report_submit`; more are written in batches."""
_BATCH = 1_000

# Relative weights; a community or tactic not named here weighs 2 (communities) or 1 (tactics).
_COMMUNITY_WEIGHTS = {
    "chinese": 30,
    "uyghur": 12,
    "iranian": 12,
    "eritrean": 10,
    "turkish": 8,
    "hongkonger": 6,
    "russian": 6,
    "kurdish": 5,
    "moroccan": 5,
    "tibetan": 4,
    "chechen": 3,
    "rwandan": 3,
}
_TACTIC_WEIGHTS = {
    "direct_threat": 10,
    "coercion_by_proxy": 9,
    "digital_harassment": 7,
    "pressure_to_return": 5,
    "physical_intimidation": 5,
    "covert_information_collection": 4,
    "community_infiltration": 4,
    "pressure_to_inform": 4,
    "information_manipulation": 3,
    "spyware_or_hacking": 3,
    "mobility_control": 2,
    "legal_tool_abuse": 2,
    "financial_coercion": 2,
}
# Roughly by population, with reports about events abroad beside them.
_PROVINCE_WEIGHTS = {
    "zuid_holland": 21,
    "noord_holland": 17,
    "noord_brabant": 15,
    "gelderland": 12,
    "utrecht": 8,
    "overijssel": 7,
    "limburg": 6,
    "friesland": 4,
    "groningen": 4,
    "drenthe": 3,
    "flevoland": 3,
    "zeeland": 2,
    "abroad": 6,
}
_LANGUAGE_OF = {"chinese": "zh-hans", "tibetan": "zh-hans", "hongkonger": "zh-hant", "uyghur": "ug"}
_CONSENT_SHARE = 0.85
_CAMPAIGN_SHARE = 0.35


@dataclass(frozen=True)
class SyntheticReport:
    """One report as a reporter would submit it, and what a handler's triage would add."""

    raw: dict[str, Any]
    created_on: date
    province: str


def _month_start(today: date, back: int) -> date:
    months = today.year * 12 + today.month - 1 - back
    return date(months // 12, months % 12 + 1, 1)


def _weighted(rng: random.Random, weights: dict[str, int]) -> str:
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def _campaign_identifier(origin_state: str, number: int) -> dict[str, str]:
    """A shared identifier of campaign `number` of an origin state: the meeting point of its reports."""
    if number % 2:
        return {"kind": "email", "value": f"contact.{origin_state.lower()}{number}@example.org"}
    return {"kind": "wechat", "value": f"servicepoint_{origin_state.lower()}{number}"}


def synthetic_reports(*, count: int, seed: int, today: date) -> list[SyntheticReport]:
    """`count` reports drawn from `seed`; the same arguments always give the same list."""
    rng = random.Random(seed)  # noqa: S311  # seeded on purpose: demo data must be reproducible, never secret
    communities = concept("communities")
    community_weights = {term.id: _COMMUNITY_WEIGHTS.get(term.id, 2) for term in communities.terms}
    tactic_weights = {tid: _TACTIC_WEIGHTS.get(tid, 1) for tid in concept("tactics").ids() if tid != "other"}
    urgencies = concept("urgency").ids()
    month_weights = {str(back): MONTHS - back + 12 for back in range(MONTHS)}  # rising towards today
    campaigns_per_state = max(2, count // 150)
    reports = []
    for number in range(count):
        community = _weighted(rng, community_weights)
        origin_state = str(communities.get(community).extra.get("origin_state", ""))
        month_start = _month_start(today, int(_weighted(rng, month_weights)))
        created_on = min(month_start + timedelta(days=rng.randrange(90)), today)
        tactics: set[str] = set()
        while len(tactics) < rng.choices((1, 2, 3, 4), weights=(35, 35, 20, 10))[0]:
            tactics.add(_weighted(rng, tactic_weights))
        identifiers = []
        if origin_state and rng.random() < _CAMPAIGN_SHARE:
            # Few campaigns are large, many are small: the lower numbers are drawn far more often.
            campaign = min(int(rng.paretovariate(1.2)), campaigns_per_state)
            identifiers.append(_campaign_identifier(origin_state, campaign))
        if rng.random() < 0.4:
            identifiers.append({"kind": "phone", "value": f"+31 6 {rng.randrange(10**8):08d}"})
        raw = {
            "language": _LANGUAGE_OF.get(community, rng.choice(("nl", "en"))),
            "narrative": f"Synthetic demonstration report {number + 1}: generated, not a real account.",
            "incident_month": "" if rng.random() < 0.08 else month_start.strftime("%Y-%m"),
            "tactics": sorted(tactics),
            "community": "" if rng.random() < 0.1 else community,
            "origin_state": origin_state,
            "urgency": rng.choice(urgencies),
            "identifiers": identifiers,
            "consents": {"replies": True, "statistics": rng.random() < _CONSENT_SHARE, "police_help": False},
        }
        province = "" if rng.random() < 0.05 else _weighted(rng, _PROVINCE_WEIGHTS)
        reports.append(SyntheticReport(raw=raw, created_on=created_on, province=province))
    return reports


def _submit_one(report: SyntheticReport, *, today: date) -> None:
    """Through the reporter's own path (encryption, blind index, linking), then marked synthetic.

    The receipt is dropped: nobody is meant to come back to a synthetic report.
    """
    with transaction.atomic():
        receipt = report_submit(answers=parse_answers(report.raw, today=today))
        stored = Report.objects.get(locator_digest=blind_index().locator_digest(receipt.locator))
        stored.synthetic, stored.created_on, stored.province = True, report.created_on, report.province
        stored.save(update_fields=["synthetic", "created_on", "province"])  # a save, so the insight tally follows


def _bulk_batch(batch: Sequence[SyntheticReport], *, today: date, recipients: Sequence[User]) -> None:
    """The rows `report_submit` writes, in batches. A random receipt key stands in for the argon2id
    derivation (the receipt is never shown, so no one could derive it), which is what makes it fast."""
    escrow = escrow_public_key()
    answers = [parse_answers(report.raw, today=today) for report in batch]
    keys = [new_report_key() for _ in batch]
    rows = []
    for report, answer, key in zip(batch, answers, keys, strict=True):
        receipt_key = new_report_key()
        rows.append(
            Report(
                locator_digest=blind_index().locator_digest(Receipt.generate().locator),
                receipt_salt=new_receipt_salt(),
                receipt_verifier=receipt_verifier(receipt_key),
                receipt_sealed_key=seal_with_receipt_key(key, receipt_key),
                escrow_sealed_key=seal(key, escrow) if escrow else None,
                created_on=report.created_on,
                last_activity_on=today,
                payload=b"",
                province=report.province,
                synthetic=True,
                **report_fields_in_clear(answer),
            )
        )
    with transaction.atomic():
        stored = Report.objects.bulk_create(rows)
        for row, answer, key in zip(stored, answers, keys, strict=True):
            row.payload = seal_part(key, row.pk, "payload", answer.to_json())
        Report.objects.bulk_update(stored, ["payload"])
        KeyGrant.objects.bulk_create(
            KeyGrant(report=row, recipient=user, sealed_key=seal(key, bytes(user.public_key)), created_on=today)
            for row, key in zip(stored, keys, strict=True)
            for user in recipients
        )
        ReportIdentifier.objects.bulk_create(
            identifier
            for row, answer in zip(stored, answers, strict=True)
            for identifier in report_identifier_rows(row, answer)
        )
        for row, answer in zip(stored, answers, strict=True):
            audit_record(
                event=AuditEvent.REPORT_SUBMITTED,
                actor=None,
                report_id=row.pk,
                details={"language": answer.language, "attachments": 0},
                reporter_originated=True,
            )


def synthetic_reports_create(*, count: int, seed: int, today: date | None = None) -> int:
    """Store `count` synthetic reports drawn from `seed`; returns how many were stored."""
    from meldpunt.correlate.linking import links_rebuild
    from meldpunt.insight.services import tally_refresh

    day = today or timezone.localdate()
    reports = synthetic_reports(count=count, seed=seed, today=day)
    if count <= BULK_ABOVE:
        for report in reports:
            _submit_one(report, today=day)
        return count
    recipients = list(User.objects.filter(default_recipient=True, is_active=True, role=Role.HANDLER))
    for start in range(0, count, _BATCH):
        _bulk_batch(reports[start : start + _BATCH], today=day, recipients=recipients)
    links_rebuild()  # one pass over the index instead of linking each report on its own
    tally_refresh()  # bulk writes send no signals, so the insight tally is recounted once
    return count
