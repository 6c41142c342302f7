"""`meldpunt demo`: a demo handler and a few demo reports, so a first `make serve` shows something.

`--synthetic N` adds N seeded synthetic reports (intake/synthetic.py) for a living insight picture.

Safe to run again: it creates what is missing and says how to log in. The demo handler's TOTP secret
is fixed and printed on purpose; never run this against a production database.
"""

from __future__ import annotations

import os
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from meldpunt.accounts.escrow import escrow_init, escrow_public_key
from meldpunt.accounts.models import Role, User
from meldpunt.accounts.services import staff_user_create
from meldpunt.insight.services import periods_due, snapshot_publish
from meldpunt.intake.models import Report
from meldpunt.intake.questionnaire import parse_answers
from meldpunt.intake.services import report_submit
from meldpunt.intake.synthetic import synthetic_reports_create
from meldpunt.knowledge.demo import demo_knowledge_load

DEMO_USERNAME = "handler"
# One account per role, all with the demo password and the same demo authenticator secret.
DEMO_ACCOUNTS = {
    DEMO_USERNAME: Role.HANDLER,
    "supervisor": Role.SUPERVISOR,
    "admin": Role.ADMIN,
    "analyst": Role.ANALYST,
}
DEMO_PASSWORD = "meldpunt-demo-handler"  # noqa: S105  # a published demo credential
DEMO_TOTP_HEX = "3132333435363738393031323334353637383930"  # the RFC 6238 test secret

DEMO_REPORTS: list[dict[str, Any]] = [
    {
        "language": "en",
        "narrative": "Since March I get a call every day from the same number. The caller says he is from the "
        "police in my home town and that my parents will have problems unless I come back.",
        "incident_month": "2026-03",
        "tactics": ["direct_threat", "pressure_to_return", "coercion_by_proxy"],
        "media": ["phone"],
        "demands": ["return"],
        "identifiers": [{"kind": "phone", "value": "+86 10 5555 0100"}],
        "origin_state": "CN",
        "community": "chinese",
        "consents": {"replies": True, "statistics": True, "police_help": False},
    },
    {
        "language": "nl",
        "narrative": "Mijn vereniging wordt benaderd door iemand die namens een 'servicestation' zegt te werken "
        "en een ledenlijst wil hebben.",
        "incident_month": "2026-05",
        "tactics": ["community_infiltration", "covert_information_collection"],
        "media": ["in_person"],
        "identifiers": [{"kind": "wechat", "value": "servicepoint_nl"}],
        "consents": {"replies": True, "statistics": True, "police_help": True},
    },
    {
        "language": "zh-hans",
        "narrative": "有人用同一个号码打电话给我，说我在国内的家人会有麻烦，还在微信上加我。",
        "incident_month": "2026-06",
        "tactics": ["coercion_by_proxy", "direct_threat"],
        "media": ["phone", "messenger"],
        "identifiers": [
            {"kind": "phone", "value": "0086 10 5555 0100"},
            {"kind": "wechat", "value": "ServicePoint_NL"},
        ],
        "origin_state": "CN",
        "consents": {"replies": True, "statistics": True, "police_help": False},
    },
]


class Command(BaseCommand):
    help = "Create the demo handler and demo reports (idempotent); --code prints the current TOTP code."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--code", action="store_true", help="print the demo handler's current code")
        parser.add_argument(
            "--synthetic", type=int, default=0, metavar="N", help="create N synthetic reports unless some exist"
        )
        parser.add_argument("--seed", type=int, default=2026, help="seed of the synthetic reports (default 2026)")

    def handle(self, *args: Any, code: bool = False, synthetic: int = 0, seed: int = 2026, **options: Any) -> None:
        if code:
            device = TOTPDevice.objects.get(user__username=DEMO_USERNAME)
            self.stdout.write(f"{totp(device.bin_key):06d}")
            return
        for username, role in DEMO_ACCOUNTS.items():
            if not User.objects.filter(username=username).exists():
                staff_user_create(
                    username=username,
                    password=DEMO_PASSWORD,
                    role=role,
                    default_recipient=role == Role.HANDLER,
                    totp_key_hex=DEMO_TOTP_HEX,
                )
        if escrow_public_key() is None:
            escrow_init(supervisor=User.objects.get(username="supervisor"))
        if not Report.objects.exists():
            for raw in DEMO_REPORTS:
                receipt = report_submit(answers=parse_answers(raw, today=timezone.localdate()))
                self.stdout.write(f"demo report in {raw['language']}: receipt {receipt.display()}")
        if synthetic > 0 and Report.objects.filter(synthetic=True).exists():
            self.stdout.write("synthetic reports: present already, none added")
        elif synthetic > 0:
            made = synthetic_reports_create(count=synthetic, seed=seed)
            self.stdout.write(f"synthetic reports: {made} added (seed {seed}), labelled synthetic on staff pages")
        self.stdout.write(f"demo knowledge base: {demo_knowledge_load()} record(s) added")
        for period in periods_due().periods:  # the public figures are those of closed periods, never live
            self.stdout.write(f"public figures: {snapshot_publish(period=period)} published")
        base = f"http://{os.environ.get('MELDPUNT_BIND', '127.0.0.1:8000')}"
        self.stdout.write(
            f"\nMeldpunt is starting on {base}/\n"
            f"  reporter site: {base}/en/\n"
            f"  staff login:   {base}/staff/login/\n"
            f"    username {DEMO_USERNAME} (or supervisor, admin, analyst), password {DEMO_PASSWORD}\n"
            "    code: run `.venv/bin/meldpunt demo --code` (or add the RFC 6238 test secret "
            "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ to an authenticator app)\n"
        )
