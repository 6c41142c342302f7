"""An attacker who can write to the database turns the triggers off and edits history: each kind of
tampering is found, in the right chain and at the right entry, and leaves the other chain intact. The
triggers come back when the test's transaction rolls back."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import datetime, timedelta
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from meldpunt.cases.audit import CHAINS, GENESIS_HASH, REPORTER_CHAIN, STAFF_CHAIN, audit_verify, entry_hash
from meldpunt.cases.models import AuditEntry, AuditEvent
from tests.cases.test_audit import record
from tests.support.audit import audit_triggers_off

pytestmark = pytest.mark.django_db

ENTRIES = 6
PARKED = 1_000_000  # a seq no real entry has, to step around the unique constraint while swapping
EVENT_OF = {STAFF_CHAIN: AuditEvent.STATUS_CHANGED, REPORTER_CHAIN: AuditEvent.REPORTER_MESSAGE_ADDED}
BOTH_CHAINS = pytest.mark.parametrize("chain", CHAINS)

Chains = dict[str, list[AuditEntry]]


def other(chain: str) -> str:
    return REPORTER_CHAIN if chain == STAFF_CHAIN else STAFF_CHAIN


@pytest.fixture
def chains() -> Iterator[Chains]:
    """Six entries in each chain, written alternately, then the triggers off: from here on the test is
    the attacker."""
    written: Chains = {chain: [] for chain in CHAINS}
    for n in range(ENTRIES):
        for chain in CHAINS:
            written[chain].append(record(EVENT_OF[chain], report_id=n, details={"step": n}))
    result = audit_verify()
    assert (result.ok, result.staff.entries, result.reporter.entries) == (True, ENTRIES, ENTRIES)
    with audit_triggers_off():
        yield written


def update(chain: str, seq: int, /, **fields: Any) -> None:
    """Change one entry's columns in place (the ORM works too once the triggers are off)."""
    assert AuditEntry.objects.filter(chain=chain, seq=seq).update(**fields) == 1


def delete(chain: str, *, seq: int | None = None, after: int | None = None) -> None:
    entries = AuditEntry.objects.filter(chain=chain)
    entries = entries.filter(seq=seq) if seq is not None else entries.filter(seq__gt=after)
    assert entries.delete()[0] > 0


def swap_seqs(chain: str, a: int, b: int) -> None:
    update(chain, a, seq=PARKED)
    update(chain, b, seq=a)
    update(chain, PARKED, seq=b)


def rehash(chain: str, seq: int) -> None:
    """Recompute an entry's own hash, as anyone who read audit.py can."""
    update(chain, seq, entry_hash=entry_hash(AuditEntry.objects.get(chain=chain, seq=seq)))


def swap_and_rehash(chain: str, a: int, b: int) -> None:
    swap_seqs(chain, a, b)
    for seq in (a, b):
        rehash(chain, seq)


def rewrite_from(chain: str, seq: int) -> None:
    """Remove entry `seq` of a chain, then renumber and rehash everything after it: a chain that verifies."""
    delete(chain, seq=seq)
    prev = AuditEntry.objects.get(chain=chain, seq=seq - 1).entry_hash
    for entry in AuditEntry.objects.filter(chain=chain, seq__gt=seq).order_by("seq"):
        old_seq = entry.seq
        entry.seq, entry.prev_hash = old_seq - 1, prev
        prev = entry_hash(entry)
        update(chain, old_seq, seq=entry.seq, prev_hash=entry.prev_hash, entry_hash=prev)


def move(source: str, seq: int, *, relink: bool) -> int:
    """Move entry `seq` of `source` to the end of the other chain; with `relink`, give it that chain's
    head as its predecessor and recompute its hash, so that only its event can give it away."""
    target = other(source)
    last = AuditEntry.objects.filter(chain=target).order_by("-seq").first()
    assert last is not None
    update(source, seq, chain=target, seq=last.seq + 1)
    if relink:
        update(target, last.seq + 1, prev_hash=last.entry_hash)
        rehash(target, last.seq + 1)
    return last.seq + 1


# (id, tampering of one chain, its first bad seq, the problem; {c} is the chain's name)
TAMPERING: list[tuple[str, Callable[[str], None], int, str]] = [
    (
        "details changed",
        lambda c: update(c, 3, details={"step": 99}),
        3,
        "{c} entry 3 was changed",
    ),
    (
        "event changed",
        lambda c: update(c, 2, event=AuditEvent.NOTE_ADDED),
        2,
        "{c} entry 2 was changed",
    ),
    ("actor renamed", lambda c: update(c, 5, actor_username="someone"), 5, "{c} entry 5 was changed"),
    (
        "time moved",
        lambda c: update(c, 4, occurred_at=timezone.now() - timedelta(days=1)),
        4,
        "{c} entry 4 was changed",
    ),
    (
        "day moved",
        lambda c: update(c, 4, occurred_on=timezone.localdate() - timedelta(days=1)),
        4,
        "{c} entry 4 was changed",
    ),
    ("report changed", lambda c: update(c, 1, report_id=99), 1, "{c} entry 1 was changed"),
    ("middle entry deleted", lambda c: delete(c, seq=3), 3, "{c} entry 3 is missing (the next {c} entry is 4)"),
    ("first entry deleted", lambda c: delete(c, seq=1), 1, "{c} entry 1 is missing"),
    ("two entries swapped", lambda c: swap_seqs(c, 2, 3), 2, "{c} entry 2 was changed"),
    ("swapped and rehashed", lambda c: swap_and_rehash(c, 2, 4), 2, "{c} entry 2 does not follow {c} entry 1"),
    ("hash replaced", lambda c: update(c, 6, entry_hash="f" * 64), 6, "{c} entry 6 was changed"),
]


@BOTH_CHAINS
@pytest.mark.parametrize(("tamper", "bad_seq", "problem"), [t[1:] for t in TAMPERING], ids=[t[0] for t in TAMPERING])
def test_tampering_is_found_at_the_right_entry_of_the_right_chain(
    chains: Chains, chain: str, tamper: Callable[[str], None], bad_seq: int, problem: str
) -> None:
    tamper(chain)
    problem = problem.format(c=chain)
    result = audit_verify()
    assert not result.ok
    assert result.broken == (result.chains[chain],)
    broken = result.chains[chain]
    assert (broken.chain, broken.ok, broken.bad_seq, broken.entries) == (chain, False, bad_seq, bad_seq - 1)
    assert broken.problem is not None
    assert broken.problem.startswith(problem)
    assert broken.head_hash == (chains[chain][bad_seq - 2].entry_hash if bad_seq > 1 else GENESIS_HASH)
    intact = result.chains[other(chain)]
    assert (intact.ok, intact.entries, intact.head_hash) == (True, ENTRIES, chains[other(chain)][-1].entry_hash)
    with pytest.raises(CommandError, match=f"^audit log damaged at {chain} entry {bad_seq}: ") as failure:
        call_command("audit", "verify")
    assert str(failure.value).endswith(broken.problem)
    assert failure.value.returncode == 1


def test_tampering_with_both_chains_is_found_in_both(chains: Chains) -> None:
    update(STAFF_CHAIN, 2, details={})
    delete(REPORTER_CHAIN, seq=4)
    result = audit_verify()
    assert [(r.chain, r.bad_seq) for r in result.broken] == [(STAFF_CHAIN, 2), (REPORTER_CHAIN, 4)]
    with pytest.raises(CommandError) as failure:
        call_command("audit", "verify")
    assert str(failure.value).splitlines() == [
        f"audit log damaged at staff entry 2: {result.staff.problem}",
        f"audit log damaged at reporter entry 4: {result.reporter.problem}",
    ]


@BOTH_CHAINS
def test_deleting_the_newest_entries_is_found_only_against_a_recorded_head(chains: Chains, chain: str) -> None:
    recorded = {name: result.head_hash for name, result in audit_verify().chains.items()}
    delete(chain, after=4)
    assert audit_verify().ok, "a shorter chain is whole: only the recorded head can tell"
    assert audit_verify(expect_heads={other(chain): recorded[other(chain)]}).ok, "the other chain's head is there"
    result = audit_verify(expect_heads=recorded)
    assert result.broken == (result.chains[chain],)
    assert (result.chains[chain].bad_seq, result.chains[chain].entries) == (5, 4)
    assert (result.chains[chain].problem or "").startswith(f"the recorded {chain} head {recorded[chain]} is not")
    with pytest.raises(CommandError, match=f"audit log damaged at {chain} entry 5: the recorded {chain} head"):
        call_command("audit", "verify", "--expect-head", f"{chain}:{recorded[chain]}")
    out = StringIO()
    call_command("audit", "verify", "--expect-head", f"{chain}:{chains[chain][2].entry_hash}", stdout=out)
    heads = {chain: chains[chain][3].entry_hash, other(chain): chains[other(chain)][-1].entry_hash}
    entries = {chain: 4, other(chain): ENTRIES}
    assert out.getvalue() == (
        f"audit log intact: staff chain {entries[STAFF_CHAIN]} entries, head {heads[STAFF_CHAIN]}; "
        f"reporter chain {entries[REPORTER_CHAIN]} entries, head {heads[REPORTER_CHAIN]}\n"
    )


@BOTH_CHAINS
def test_a_rewritten_and_rehashed_chain_is_found_only_against_a_recorded_head(chains: Chains, chain: str) -> None:
    recorded = audit_verify().chains[chain].head_hash
    rewrite_from(chain, 3)
    assert audit_verify().ok
    assert audit_verify(expect_heads={chain: chains[chain][1].entry_hash}).ok, (
        "entries before the rewrite are untouched"
    )
    result = audit_verify(expect_heads={chain: recorded})
    assert result.broken == (result.chains[chain],)
    assert result.chains[chain].bad_seq == ENTRIES


@BOTH_CHAINS
def test_an_entry_moved_into_the_other_chain_is_found(chains: Chains, chain: str) -> None:
    """As it is: its hash covers its chain and its seq, and its old chain has a hole."""
    target = other(chain)
    moved_to = move(chain, 3, relink=False)
    result = audit_verify()
    assert [(r.chain, r.bad_seq) for r in result.broken] == sorted(
        [(chain, 3), (target, moved_to)], key=lambda r: CHAINS.index(r[0])
    )
    assert (result.chains[target].problem or "").startswith(f"{target} entry {moved_to} was changed")
    assert (result.chains[chain].problem or "").startswith(f"{chain} entry 3 is missing")


@BOTH_CHAINS
def test_an_entry_moved_relinked_and_rehashed_into_the_other_chain_is_found_by_its_event(
    chains: Chains, chain: str
) -> None:
    """The attacker moves a chain's newest entry and makes it a perfect link of the other chain: only
    its event gives it away there, and only the recorded head shows it is gone from its own chain."""
    target = other(chain)
    recorded = chains[chain][-1].entry_hash
    moved_to = move(chain, ENTRIES, relink=True)
    result = audit_verify()
    assert result.broken == (result.chains[target],)
    assert result.chains[target].bad_seq == moved_to
    assert result.chains[target].problem == (
        f"{target} entry {moved_to} records {EVENT_OF[chain].name}, which belongs in the {chain} chain"
    )
    assert result.chains[chain].entries == ENTRIES - 1
    result = audit_verify(expect_heads={chain: recorded})
    assert [r.chain for r in result.broken] == list(CHAINS)
    with pytest.raises(CommandError, match=f"damaged at {target} entry {moved_to}: {target} entry {moved_to} records"):
        call_command("audit", "verify")


def test_an_entry_moved_out_of_both_chains_is_found() -> None:
    entries = [record(report_id=n) for n in range(3)]
    with audit_triggers_off():
        update(STAFF_CHAIN, 3, chain="elsewhere")
        result = audit_verify()
        assert (result.staff.ok, result.staff.entries, result.reporter.ok) == (True, 2, True)
        assert not result.ok
        stray = result.chains["elsewhere"]
        assert (stray.ok, stray.bad_seq) == (False, 3)
        assert stray.problem == "an unknown chain 'elsewhere' holds 1 entry, outside the staff and reporter chains"
        with pytest.raises(CommandError, match="damaged at elsewhere entry 3: an unknown chain 'elsewhere'"):
            call_command("audit", "verify")
        assert not audit_verify(expect_heads={STAFF_CHAIN: entries[-1].entry_hash}).staff.ok


@pytest.mark.parametrize(
    ("chain", "event", "occurred_at", "problem"),
    [
        (REPORTER_CHAIN, AuditEvent.REPORT_SUBMITTED, timezone.now, "records a reporter's action with a time of day"),
        (
            REPORTER_CHAIN,
            AuditEvent.REPORTER_MESSAGE_ADDED,
            timezone.now,
            "records a reporter's action with a time of day",
        ),
        (STAFF_CHAIN, 99, timezone.now, "has an unknown event 99"),
        (REPORTER_CHAIN, 99, lambda: None, "has an unknown event 99"),
        (
            STAFF_CHAIN,
            AuditEvent.REPORT_SUBMITTED,
            lambda: None,
            "records REPORT_SUBMITTED, which belongs in the reporter chain",
        ),
        (
            STAFF_CHAIN,
            AuditEvent.REPORTER_MESSAGE_ADDED,
            lambda: None,
            "records REPORTER_MESSAGE_ADDED, which belongs in the reporter chain",
        ),
        (
            REPORTER_CHAIN,
            AuditEvent.STATUS_CHANGED,
            timezone.now,
            "records STATUS_CHANGED, which belongs in the staff chain",
        ),
    ],
    ids=[
        "submission with a time",
        "reporter message with a time",
        "unknown event in the staff chain",
        "unknown event in the reporter chain",
        "submission in the staff chain",
        "reporter message in the staff chain",
        "staff action in the reporter chain",
    ],
)
def test_entries_a_writer_got_wrong_are_found(
    chains: Chains, chain: str, event: int, occurred_at: Callable[[], datetime | None], problem: str
) -> None:
    """Not tampering but a buggy writer that bypassed audit_record: the hashes are right, the entry is not."""
    wrong = AuditEntry(
        chain=chain,
        seq=ENTRIES + 1,
        event=event,
        actor_id=None,
        actor_username="",
        report_id=1,
        occurred_on=timezone.localdate(),
        occurred_at=occurred_at(),
        details={},
        prev_hash=chains[chain][-1].entry_hash,
    )
    wrong.entry_hash = entry_hash(wrong)
    wrong.save(force_insert=True)
    result = audit_verify()
    assert result.broken == (result.chains[chain],)
    assert (result.chains[chain].bad_seq, result.chains[chain].entries) == (ENTRIES + 1, ENTRIES)
    assert (result.chains[chain].problem or "").startswith(f"{chain} entry {ENTRIES + 1} {problem}")
