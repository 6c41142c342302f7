"""`meldpunt audit verify [--expect-head CHAIN:HASH ...]`: check that the audit log's two hash chains
are whole.

Prints the head hash of the staff and of the reporter chain on success. Keep both outside the database
and pass the latest ones back with `--expect-head staff:HASH --expect-head reporter:HASH`: only then
is the removal of a chain's newest entries detected (see meldpunt.cases.audit). A bare HASH is the
staff chain's head.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from meldpunt.cases.audit import CHAINS, STAFF_CHAIN, audit_verify


def _expected_heads(values: list[str]) -> dict[str, str]:
    heads: dict[str, str] = {}
    for value in values:
        chain, _, head = value.rpartition(":")
        chain = chain or STAFF_CHAIN
        if chain not in CHAINS:
            raise CommandError(f"--expect-head takes CHAIN:HASH with CHAIN one of {', '.join(CHAINS)}, not {chain!r}")
        if chain in heads:
            raise CommandError(f"--expect-head is given twice for the {chain} chain")
        heads[chain] = head
    return heads


class Command(BaseCommand):
    help = "Audit log tools. `verify` checks both hash chains: exit 0 when intact, 1 with the problem otherwise."

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True, metavar="{verify}")
        verify = actions.add_parser("verify", help="check every entry and print the head hash of each chain")
        verify.add_argument(
            "--expect-head",
            action="append",
            default=[],
            metavar="[CHAIN:]HASH",
            help=(
                "a chain's head hash printed by an earlier verify and kept outside the database; it must still "
                f"be in that chain. CHAIN is {' or '.join(CHAINS)} ({STAFF_CHAIN} when left out); repeat for each chain"
            ),
        )

    def handle(self, *args: Any, action: str, expect_head: list[str], **options: Any) -> None:
        try:
            report = audit_verify(expect_heads=_expected_heads(expect_head))
        except ValueError as error:
            raise CommandError(str(error)) from error
        if not report.ok:
            raise CommandError(
                "\n".join(f"audit log damaged at {r.chain} entry {r.bad_seq}: {r.problem}" for r in report.broken)
            )
        chains = "; ".join(f"{r.chain} chain {r.entries} entries, head {r.head_hash}" for r in report.chains.values())
        self.stdout.write(f"audit log intact: {chains}")
