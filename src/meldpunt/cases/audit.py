"""The tamper-evident audit log: appending an entry, and checking that history is still whole.

It protects against a malicious insider or anyone who can write to the database silently changing,
removing or reordering what staff did to reports. Three layers:

- Triggers (migration 0002) refuse UPDATE and DELETE, and TRUNCATE of a non-empty log, so no ordinary
  query, ORM call or slip of a maintenance script rewrites history; getting past them takes deliberate
  schema changes.
- The log holds two independent hash chains. A reporter's own actions (REPORTER_EVENTS) keep only
  their day (DESIGN rule 3) and go in the "reporter" chain; everything staff and the system do keeps
  its time and goes in the "staff" chain. In one chain, a reporter's entry between two timed staff
  entries would say when the reporter acted. Each chain counts `seq` from 1 and starts from
  GENESIS_HASH; each entry carries the SHA-256 of its own fields (its chain's name among them) and of
  the entry before it in its chain. `audit_verify` checks both chains and finds a changed entry, a
  missing one, entries swapped around, an entry in the wrong chain, and a reporter's action stored
  with a time.
- The chains are unkeyed, so someone who rewrites an entry can recompute every hash after it, and
  someone who deletes the newest entries leaves a chain that is whole. Both change or remove the head
  hash. Operators must therefore copy the two head hashes that `meldpunt audit verify` prints to a
  place outside the database and its backups (a log host, a ticket, paper), and pass the latest copies
  back with `--expect-head staff:HASH --expect-head reporter:HASH`: every entry up to those heads is
  then pinned.

Writers of both chains are serialised together (an advisory lock on PostgreSQL, the write lock that
SQLite's IMMEDIATE transactions take at BEGIN), and (`chain`, `seq`) is unique, so two writers can
never fork a chain. An entry is written inside the caller's transaction, so the change and its audit
row commit together or not at all (STYLE 4). Record it as the transaction's last step: on PostgreSQL
the lock is held until commit.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC

from django.db import transaction
from django.db.models import Count, Min
from django.utils import timezone

from meldpunt.accounts.models import User
from meldpunt.cases.models import REPORTER_EVENTS, AuditEntry, AuditEvent

GENESIS_HASH = "0" * 64
STAFF_CHAIN = "staff"
REPORTER_CHAIN = "reporter"
CHAINS = (STAFF_CHAIN, REPORTER_CHAIN)
# "meldaudt" in ASCII: the key of the PostgreSQL advisory lock that only audit writers take.
_LOCK_KEY = 0x6D656C6461756474
_DETAILS_MAX_BYTES = 2048
_HASH = re.compile(r"[0-9a-f]{64}")

Details = dict[str, str | int | bool | None]


def chain_for(event: int) -> str:
    """The chain an event belongs in: a reporter's own actions in the reporter chain, all else in staff."""
    return REPORTER_CHAIN if event in REPORTER_EVENTS else STAFF_CHAIN


@dataclass(frozen=True)
class VerifyResult:
    """What `audit_verify` found in one chain. `entries` and `head_hash` describe the chain up to its
    first problem (or all of it); `bad_seq` is the first entry of this chain that is wrong or missing,
    and `problem` says what, naming the chain."""

    chain: str
    ok: bool
    entries: int
    head_hash: str
    problem: str | None = None
    bad_seq: int | None = None


@dataclass(frozen=True)
class AuditReport:
    """What `audit_verify` found in the whole log: one `VerifyResult` per chain in `chains`, staff
    first. A chain name that is neither staff nor reporter appears there too, always broken."""

    chains: Mapping[str, VerifyResult]

    @property
    def ok(self) -> bool:
        return all(result.ok for result in self.chains.values())

    @property
    def staff(self) -> VerifyResult:
        return self.chains[STAFF_CHAIN]

    @property
    def reporter(self) -> VerifyResult:
        return self.chains[REPORTER_CHAIN]

    @property
    def broken(self) -> tuple[VerifyResult, ...]:
        """The chains with a problem, in the order of `chains`; empty when the log is intact."""
        return tuple(result for result in self.chains.values() if not result.ok)


def _canonical(entry: AuditEntry) -> bytes:
    fields = {
        "chain": entry.chain,
        "seq": entry.seq,
        "event": int(entry.event),
        "actor_id": entry.actor_id,
        "actor_username": entry.actor_username,
        "report_id": entry.report_id,
        "occurred_on": entry.occurred_on.isoformat(),
        "occurred_at": entry.occurred_at.astimezone(UTC).isoformat() if entry.occurred_at else None,
        "details": entry.details,
        "prev_hash": entry.prev_hash,
    }
    return json.dumps(fields, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def entry_hash(entry: AuditEntry) -> str:
    """SHA-256 over every field of the entry except `entry_hash` itself."""
    return hashlib.sha256(_canonical(entry)).hexdigest()


def _checked_details(details: Details | None) -> Details:
    details = dict(details or {})
    for name, value in details.items():
        if not isinstance(name, str) or not (value is None or isinstance(value, str | int | bool)):
            raise TypeError(f"audit details hold names and plain values only, not {name!r}: {type(value)}")
    if len(json.dumps(details, ensure_ascii=False).encode("utf-8")) > _DETAILS_MAX_BYTES:
        raise ValueError("audit details must stay small: they say what changed, never what a report says")
    return details


def _serialise_writers() -> None:
    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        raise RuntimeError(
            "audit_record must run inside the transaction of the change it records (transaction.atomic), "
            "so that the change and its audit entry commit together"
        )
    if connection.vendor == "postgresql":
        # Held until commit. Under READ COMMITTED (Django's default) the read of the last entry that
        # follows sees the previous holder's commit; a stale snapshot would fail on the unique seq.
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_LOCK_KEY])
    elif connection.vendor == "sqlite":
        # BEGIN IMMEDIATE took the database's single write lock when the transaction opened.
        if connection.settings_dict.get("OPTIONS", {}).get("transaction_mode") != "IMMEDIATE":
            raise RuntimeError("the audit log needs SQLite's transaction_mode IMMEDIATE to serialise writers")
    else:
        raise RuntimeError(f"the audit log supports PostgreSQL and SQLite, not {connection.vendor}")


def audit_record(
    *,
    event: AuditEvent,
    actor: User | None,
    report_id: int | None,
    details: Details | None = None,
    reporter_originated: bool = False,
) -> AuditEntry:
    """Append one entry to its chain, inside the caller's transaction.

    `actor` is the staff user who acted, or None for the reporter and for the system (retention).
    A reporter-originated entry keeps only the day (DESIGN rule 3) and goes in the reporter chain;
    every other entry keeps the time and goes in the staff chain.
    """
    if reporter_originated != (event in REPORTER_EVENTS):
        raise ValueError(f"reporter_originated={reporter_originated} does not fit the event {event.name}")
    if reporter_originated and actor is not None:
        raise ValueError("a reporter's action has no staff actor")
    details = _checked_details(details)
    chain = REPORTER_CHAIN if reporter_originated else STAFF_CHAIN
    _serialise_writers()
    last = AuditEntry.objects.filter(chain=chain).order_by("-seq").values_list("seq", "entry_hash").first()
    seq, prev_hash = (last[0] + 1, last[1]) if last else (1, GENESIS_HASH)
    if reporter_originated:
        occurred_at = None
        occurred_on = timezone.localdate()
    else:
        occurred_at = timezone.now().replace(microsecond=0)
        occurred_on = timezone.localdate(occurred_at)
    entry = AuditEntry(
        chain=chain,
        seq=seq,
        event=event,
        actor_id=actor.pk if actor else None,
        actor_username=actor.get_username() if actor else "",
        report_id=report_id,
        occurred_on=occurred_on,
        occurred_at=occurred_at,
        details=details,
        prev_hash=prev_hash,
    )
    entry.entry_hash = entry_hash(entry)
    entry.save(force_insert=True)
    return entry


def _problem(entry: AuditEntry, chain: str, expected_seq: int, prev_hash: str) -> str | None:
    name = f"{chain} entry {entry.seq}"
    if entry.seq != expected_seq:
        return f"{chain} entry {expected_seq} is missing (the next {chain} entry is {entry.seq}): entries were removed"
    if entry.entry_hash != entry_hash(entry):
        return f"{name} was changed: its hash no longer matches its fields"
    if entry.prev_hash != prev_hash:
        return f"{name} does not follow {chain} entry {entry.seq - 1}: entries were removed, reordered or replaced"
    if entry.event not in AuditEvent.values:
        return f"{name} has an unknown event {entry.event}"
    if chain_for(entry.event) != chain:
        return f"{name} records {AuditEvent(entry.event).name}, which belongs in the {chain_for(entry.event)} chain"
    if entry.event in REPORTER_EVENTS and entry.occurred_at is not None:
        return f"{name} records a reporter's action with a time of day, which must never be kept"
    return None


def _verify_chain(chain: str, expect_head: str | None, chunk_size: int) -> VerifyResult:
    verified, head = 0, GENESIS_HASH
    anchored = expect_head in (None, GENESIS_HASH)
    for entry in AuditEntry.objects.filter(chain=chain).order_by("seq").iterator(chunk_size=chunk_size):
        problem = _problem(entry, chain, verified + 1, head)
        if problem:
            return VerifyResult(
                chain, ok=False, entries=verified, head_hash=head, problem=problem, bad_seq=verified + 1
            )
        verified, head = entry.seq, entry.entry_hash
        anchored = anchored or head == expect_head
    if not anchored:
        problem = (
            f"the recorded {chain} head {expect_head} is not in the {chain} chain, which ends at entry {verified}: "
            "newer entries were removed, or the chain was rewritten and its hashes recomputed"
        )
        return VerifyResult(chain, ok=False, entries=verified, head_hash=head, problem=problem, bad_seq=verified + 1)
    return VerifyResult(chain, ok=True, entries=verified, head_hash=head)


def _outside_the_chains() -> list[VerifyResult]:
    """Entries whose chain is neither staff nor reporter: no walk sees them, so they are reported here."""
    stray = (
        AuditEntry.objects.exclude(chain__in=CHAINS)
        .values("chain")
        .annotate(count=Count("seq"), first=Min("seq"))
        .order_by("chain")
    )
    results = []
    for row in stray:
        name, count = row["chain"], row["count"]
        problem = (
            f"an unknown chain {name!r} holds {count} {'entry' if count == 1 else 'entries'}, "
            "outside the staff and reporter chains"
        )
        results.append(
            VerifyResult(name, ok=False, entries=0, head_hash=GENESIS_HASH, problem=problem, bad_seq=row["first"])
        )
    return results


def audit_verify(*, expect_heads: Mapping[str, str] | None = None, chunk_size: int = 2000) -> AuditReport:
    """Walk each chain in order, in constant memory, and report the first problem in each.

    `expect_heads` maps a chain's name to a head hash printed by an earlier verify and kept outside the
    database: that chain must still contain it. Without it, removing a chain's newest entries (or
    rewriting it from some entry on and recomputing the hashes) cannot be told apart from a chain that
    simply ends there.
    """
    expect_heads = dict(expect_heads or {})
    for chain, head in expect_heads.items():
        if chain not in CHAINS:
            raise ValueError(f"the audit log has a staff and a reporter chain, no {chain!r} chain")
        if not _HASH.fullmatch(head):
            raise ValueError(f"a head hash is 64 lower-case hexadecimal digits; the {chain} head is not")
    results = [_verify_chain(chain, expect_heads.get(chain), chunk_size) for chain in CHAINS]
    return AuditReport({result.chain: result for result in results + _outside_the_chains()})
