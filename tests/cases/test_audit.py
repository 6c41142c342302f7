"""The audit log as its writers and readers use it: two growing chains (staff, reporter), what each
entry keeps, and the database refusing to change history. Tampering by someone who gets past the
refusal is in test_audit_tamper.py."""

from __future__ import annotations

import sqlite3
import subprocess
import threading
from collections import Counter
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import closing
from io import StringIO
from pathlib import Path
from typing import Any

import httpx
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import IntegrityError, connection, connections, transaction
from django.utils import timezone

from meldpunt.cases.audit import (
    CHAINS,
    GENESIS_HASH,
    REPORTER_CHAIN,
    STAFF_CHAIN,
    AuditReport,
    audit_record,
    audit_verify,
    chain_for,
    entry_hash,
)
from meldpunt.cases.models import REPORTER_EVENTS, AuditEntry, AuditEvent
from meldpunt.crypto import Receipt
from meldpunt.intake.models import MessageAuthor, Report
from meldpunt.intake.services import message_add, reporter_message_add, reporter_session_open
from tests.conftest import Staff
from tests.support.audit import audit_log_empty, execute
from tests.support.server import BIN, ROOT, prepare, running_server, server_env

pytestmark = pytest.mark.django_db

# One event of each chain, for the tests that run the same scenario on both.
EVENT_OF = {STAFF_CHAIN: AuditEvent.STATUS_CHANGED, REPORTER_CHAIN: AuditEvent.REPORTER_MESSAGE_ADDED}
BOTH_CHAINS = pytest.mark.parametrize("chain", CHAINS)


def record(
    event: AuditEvent = AuditEvent.STATUS_CHANGED,
    actor: Staff | None = None,
    *,
    report_id: int = 7,
    details: dict[str, Any] | None = None,
) -> AuditEntry:
    """One entry, committed with its own (test) transaction; a reporter's event is flagged as one."""
    with transaction.atomic():
        return audit_record(
            event=event,
            actor=actor.user if actor else None,
            report_id=report_id,
            details=details,
            reporter_originated=event in REPORTER_EVENTS,
        )


def seqs(chain: str) -> list[int]:
    return list(AuditEntry.objects.filter(chain=chain).order_by("seq").values_list("seq", flat=True))


def summary(report: AuditReport) -> dict[str, tuple[bool, int, str, str | None, int | None]]:
    return {name: (r.ok, r.entries, r.head_hash, r.problem, r.bad_seq) for name, r in report.chains.items()}


def test_an_empty_log_verifies_with_the_genesis_heads() -> None:
    result = audit_verify()
    assert result.ok
    assert summary(result) == {chain: (True, 0, GENESIS_HASH, None, None) for chain in CHAINS}
    assert (result.staff.chain, result.reporter.chain, result.broken) == (STAFF_CHAIN, REPORTER_CHAIN, ())
    assert audit_verify(expect_heads={STAFF_CHAIN: GENESIS_HASH, REPORTER_CHAIN: GENESIS_HASH}).ok


@pytest.mark.parametrize(
    ("expect_heads", "error"),
    [
        ({"other": GENESIS_HASH}, "no 'other' chain"),
        ({STAFF_CHAIN: "abc"}, "64 lower-case hexadecimal digits; the staff head"),
        ({REPORTER_CHAIN: "A" * 64}, "64 lower-case hexadecimal digits; the reporter head"),
    ],
)
def test_verify_refuses_an_expected_head_it_cannot_use(expect_heads: dict[str, str], error: str) -> None:
    with pytest.raises(ValueError, match=error):
        audit_verify(expect_heads=expect_heads)


@BOTH_CHAINS
def test_each_chain_grows_contiguously_and_verifies(handler: Staff, chain: str) -> None:
    before = audit_verify()  # creating the handler was audited already, in the staff chain
    actor = handler if chain == STAFF_CHAIN else None
    entries = [record(EVENT_OF[chain], actor, details={"step": n}) for n in range(5)]
    assert {e.chain for e in entries} == {chain}
    assert seqs(chain) == list(range(1, before.chains[chain].entries + 6))
    assert [e.prev_hash for e in entries] == [before.chains[chain].head_hash] + [e.entry_hash for e in entries[:-1]]
    result = audit_verify(chunk_size=2)
    assert result.ok
    other = REPORTER_CHAIN if chain == STAFF_CHAIN else STAFF_CHAIN
    assert summary(result) == {
        chain: (True, before.chains[chain].entries + 5, entries[-1].entry_hash, None, None),
        other: (True, before.chains[other].entries, before.chains[other].head_hash, None, None),
    }
    for earlier in entries:
        assert audit_verify(expect_heads={chain: earlier.entry_hash}).ok
    with pytest.raises(ValueError, match="64 lower-case"):
        audit_verify(expect_heads={chain: entries[0].entry_hash.upper()})


def test_staff_and_reporter_entries_interleaved_in_time_form_two_contiguous_chains(handler: Staff) -> None:
    staff_before = audit_verify().staff.entries
    written = []
    for n in range(4):
        written += [
            record(AuditEvent.REPORT_SUBMITTED, report_id=n, details={"language": "en"}),
            record(AuditEvent.REPORT_VIEWED, handler, report_id=n),
            record(AuditEvent.REPORTER_MESSAGE_ADDED, report_id=n),
            record(AuditEvent.NOTE_ADDED, handler, report_id=n),
        ]
    assert seqs(STAFF_CHAIN) == list(range(1, staff_before + 9))
    assert seqs(REPORTER_CHAIN) == list(range(1, 9))
    for chain in CHAINS:
        mine = [e for e in written if e.chain == chain]
        assert all(chain_for(e.event) == chain for e in mine)
        first_prev = GENESIS_HASH if chain == REPORTER_CHAIN else mine[0].prev_hash
        assert [e.prev_hash for e in mine] == [first_prev] + [e.entry_hash for e in mine[:-1]]
    reporter = [e for e in written if e.chain == REPORTER_CHAIN]
    assert all(e.occurred_at is None for e in reporter), "a reporter's entry says nothing finer than its day"
    result = audit_verify(expect_heads={STAFF_CHAIN: written[-1].entry_hash, REPORTER_CHAIN: reporter[-1].entry_hash})
    assert result.ok
    assert (result.staff.entries, result.reporter.entries) == (staff_before + 8, 8)


def test_the_same_fields_in_another_chain_hash_differently() -> None:
    entry = record(AuditEvent.REPORT_SUBMITTED)
    assert entry.chain == REPORTER_CHAIN
    moved = AuditEntry.objects.get(pk=entry.pk)
    assert entry_hash(moved) == entry.entry_hash
    moved.chain = STAFF_CHAIN
    assert entry_hash(moved) != entry.entry_hash


def test_staff_entries_keep_the_actor_and_the_time(handler: Staff) -> None:
    before = timezone.now().replace(microsecond=0)
    entry = record(AuditEvent.GRANT_CREATED, actor=handler, details={"recipient": "adam"})
    stored = AuditEntry.objects.get(pk=entry.pk)
    assert stored.chain == STAFF_CHAIN
    assert (stored.actor_id, stored.actor_username, stored.report_id) == (handler.user.pk, "hanna", 7)
    assert stored.occurred_at is not None
    assert before <= stored.occurred_at <= timezone.now()
    assert stored.occurred_on == timezone.localdate(stored.occurred_at)
    assert stored.details == {"recipient": "adam"}


def test_system_entries_have_no_actor_but_a_time_and_go_in_the_staff_chain() -> None:
    entry = record(AuditEvent.REPORT_EXPIRED, details={"reason": "expired"})
    assert (entry.chain, entry.actor_id, entry.actor_username) == (STAFF_CHAIN, None, "")
    assert entry.occurred_at is not None


def test_a_submission_and_the_reporters_follow_up_keep_only_their_day_in_the_reporter_chain(
    submit: Callable[..., Receipt], handler: Staff
) -> None:
    session = reporter_session_open(receipt_text=submit(language="nl").display())
    reporter_message_add(session=session, text="There is more.")
    submitted, added = AuditEntry.objects.filter(report_id=session.report_id).order_by("seq")
    assert (submitted.event, added.event) == (AuditEvent.REPORT_SUBMITTED, AuditEvent.REPORTER_MESSAGE_ADDED)
    assert [(e.chain, e.seq) for e in (submitted, added)] == [(REPORTER_CHAIN, 1), (REPORTER_CHAIN, 2)]
    assert (submitted.prev_hash, added.prev_hash) == (GENESIS_HASH, submitted.entry_hash)
    for entry in (submitted, added):
        assert (entry.actor_id, entry.actor_username) == (None, "")
        assert entry.occurred_at is None
        assert entry.occurred_on == timezone.localdate()
    assert submitted.details == {"language": "nl", "attachments": 0}
    assert added.details == {"attachments": 0}
    assert seqs(STAFF_CHAIN) == [1], "the handler's account, untouched by the reporter"
    result = audit_verify()
    assert (result.ok, result.reporter.entries, result.reporter.head_hash) == (True, 2, added.entry_hash)


def test_a_handlers_reply_is_recorded_with_its_author(submit: Callable[..., Receipt], handler: Staff) -> None:
    session = reporter_session_open(receipt_text=submit().display())
    message_add(
        report_id=session.report_id,
        report_key=session.report_key,
        author=MessageAuthor.HANDLER,
        text="Thank you.",
        author_user=handler.user,
    )
    reply = AuditEntry.objects.get(event=AuditEvent.HANDLER_MESSAGE_SENT)
    assert reply.chain == STAFF_CHAIN
    assert (reply.actor_id, reply.actor_username, reply.report_id) == (handler.user.pk, "hanna", session.report_id)
    assert reply.occurred_at is not None
    assert reply.details == {"attachments": 0}


@BOTH_CHAINS
def test_the_entry_is_rolled_back_with_the_change_it_records(chain: str) -> None:
    class Refused(Exception):
        pass

    def change_that_fails() -> None:
        with transaction.atomic():
            audit_record(event=EVENT_OF[chain], actor=None, report_id=1, reporter_originated=chain == REPORTER_CHAIN)
            raise Refused

    record(EVENT_OF[chain])
    with pytest.raises(Refused):
        change_that_fails()
    assert list(AuditEntry.objects.values_list("chain", "seq")) == [(chain, 1)]
    assert record(EVENT_OF[chain]).seq == 2


def test_entries_outlive_the_report_they_are_about(submit: Callable[..., Receipt]) -> None:
    submit()
    report_id = Report.objects.get().pk
    Report.objects.all().delete()
    assert AuditEntry.objects.get(event=AuditEvent.REPORT_SUBMITTED).report_id == report_id
    assert audit_verify().ok


@pytest.mark.parametrize(
    ("event", "reporter_originated", "with_actor"),
    [
        (AuditEvent.REPORT_SUBMITTED, False, False),  # a reporter's action recorded with a time of day
        (AuditEvent.REPORTER_MESSAGE_ADDED, False, False),
        (AuditEvent.STATUS_CHANGED, True, False),  # a staff action that would lose its time
        (AuditEvent.REPORT_SUBMITTED, True, True),  # reporters have no account
    ],
)
def test_the_reporter_flag_must_fit_the_event(
    handler: Staff, event: AuditEvent, reporter_originated: bool, with_actor: bool
) -> None:
    count = AuditEntry.objects.count()
    with pytest.raises(ValueError, match="reporter"), transaction.atomic():
        audit_record(
            event=event,
            actor=handler.user if with_actor else None,
            report_id=1,
            reporter_originated=reporter_originated,
        )
    assert AuditEntry.objects.count() == count


@pytest.mark.parametrize(
    ("details", "error"),
    [
        ({"nested": {"a": 1}}, TypeError),
        ({"list": [1, 2]}, TypeError),
        ({"ratio": 0.5}, TypeError),
        ({"text": "x" * 3000}, ValueError),
    ],
)
def test_details_stay_small_and_flat(details: dict[str, Any], error: type[Exception]) -> None:
    with pytest.raises(error), transaction.atomic():
        audit_record(event=AuditEvent.STATUS_CHANGED, actor=None, report_id=1, details=details)


@pytest.mark.django_db(transaction=True)
def test_recording_outside_a_transaction_is_refused() -> None:
    with pytest.raises(RuntimeError, match=r"inside the transaction"):
        audit_record(event=AuditEvent.REPORT_EXPIRED, actor=None, report_id=1)
    with pytest.raises(RuntimeError, match=r"inside the transaction"):
        audit_record(event=AuditEvent.REPORT_SUBMITTED, actor=None, report_id=1, reporter_originated=True)
    assert AuditEntry.objects.count() == 0


def _empty_the_table(entry: AuditEntry) -> None:
    execute("TRUNCATE cases_auditentry" if connection.vendor == "postgresql" else "DELETE FROM cases_auditentry")


@pytest.mark.parametrize(
    "change",
    [
        pytest.param(lambda e: AuditEntry.objects.filter(pk=e.pk).update(details={}), id="orm-update"),
        pytest.param(lambda e: AuditEntry.objects.filter(pk=e.pk).update(chain=STAFF_CHAIN), id="orm-move-chain"),
        pytest.param(lambda e: AuditEntry.objects.filter(pk=e.pk).delete(), id="orm-delete"),
        pytest.param(lambda e: e.save(), id="orm-save"),
        pytest.param(lambda e: e.delete(), id="orm-instance-delete"),
        pytest.param(lambda e: execute("UPDATE cases_auditentry SET event = 13 WHERE seq = 1"), id="sql-update"),
        pytest.param(lambda e: execute("DELETE FROM cases_auditentry WHERE seq = 1"), id="sql-delete"),
        pytest.param(_empty_the_table, id="sql-empty-the-table"),
    ],
)
def test_the_database_refuses_to_change_or_delete_entries(change: Callable[[AuditEntry], object]) -> None:
    staff = record()
    reporter = record(AuditEvent.REPORT_SUBMITTED)
    with pytest.raises(IntegrityError, match="append-only"), transaction.atomic():
        change(reporter)
    assert sorted(AuditEntry.objects.values_list("entry_hash", flat=True)) == sorted(
        [staff.entry_hash, reporter.entry_hash]
    )
    assert audit_verify().ok


def test_verify_command_prints_both_heads() -> None:
    out = StringIO()
    call_command("audit", "verify", stdout=out)
    assert out.getvalue() == (
        f"audit log intact: staff chain 0 entries, head {GENESIS_HASH}; reporter chain 0 entries, head {GENESIS_HASH}\n"
    )
    staff = [record() for _ in range(3)]
    reporter = [record(AuditEvent.REPORT_SUBMITTED, report_id=n) for n in range(2)]
    intact = (
        f"audit log intact: staff chain 3 entries, head {staff[-1].entry_hash}; "
        f"reporter chain 2 entries, head {reporter[-1].entry_hash}\n"
    )
    for expected in (
        [],
        ["--expect-head", staff[1].entry_hash],  # a bare hash is the staff chain's
        ["--expect-head", f"staff:{staff[1].entry_hash}"],
        ["--expect-head", f"reporter:{reporter[0].entry_hash}"],
        ["--expect-head", f"reporter:{reporter[1].entry_hash}", "--expect-head", f"staff:{staff[2].entry_hash}"],
    ):
        out = StringIO()
        call_command("audit", "verify", *expected, stdout=out)
        assert out.getvalue() == intact, expected


def test_verify_command_checks_each_head_against_its_own_chain() -> None:
    staff, reporter = record(), record(AuditEvent.REPORT_SUBMITTED)
    with pytest.raises(CommandError, match="damaged at staff entry 2: the recorded staff head") as failure:
        call_command("audit", "verify", "--expect-head", reporter.entry_hash)  # bare: the staff chain
    assert failure.value.returncode == 1
    with pytest.raises(CommandError, match="damaged at reporter entry 2: the recorded reporter head"):
        call_command("audit", "verify", "--expect-head", f"reporter:{staff.entry_hash}")


@pytest.mark.parametrize(
    ("heads", "error"),
    [
        (["abc"], "64 lower-case hexadecimal digits; the staff head"),
        (["A" * 64], "64 lower-case hexadecimal digits; the staff head"),
        (["g" * 64], "64 lower-case hexadecimal digits; the staff head"),
        (["reporter:abc"], "64 lower-case hexadecimal digits; the reporter head"),
        (["reporter:"], "64 lower-case hexadecimal digits; the reporter head"),
        (["other:" + "0" * 64], "CHAIN one of staff, reporter, not 'other'"),
        (["staff:" + "0" * 64, "0" * 64], "given twice for the staff chain"),
    ],
)
def test_verify_command_refuses_a_malformed_head(heads: list[str], error: str) -> None:
    arguments = [a for head in heads for a in ("--expect-head", head)]
    with pytest.raises(CommandError, match=error) as failure:
        call_command("audit", "verify", *arguments)
    assert failure.value.returncode == 1


def test_verify_command_needs_its_action() -> None:
    with pytest.raises(CommandError, match="required"):
        call_command("audit")


@pytest.fixture
def committed_audit_log(transactional_db: None) -> Iterator[None]:
    """For tests whose entries commit: the flush that ends them is refused while entries remain."""
    yield
    audit_log_empty()


WRITERS, ENTRIES_EACH = 6, 10


def test_concurrent_writers_never_fork_either_chain(committed_audit_log: None) -> None:
    """Half the writers are staff, half are reporters: both chains grow at once, and neither forks."""
    start = threading.Barrier(WRITERS)
    failures: list[Exception] = []

    def writer(number: int) -> None:
        event = AuditEvent.REPORT_VIEWED if number % 2 else AuditEvent.REPORTER_MESSAGE_ADDED
        try:
            start.wait()
            for _ in range(ENTRIES_EACH):
                with transaction.atomic():
                    audit_record(
                        event=event, actor=None, report_id=number, reporter_originated=event in REPORTER_EVENTS
                    )
        except Exception as error:  # reported by the assertion below
            failures.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(WRITERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
    result = audit_verify()
    each = WRITERS // 2 * ENTRIES_EACH
    assert (result.ok, result.staff.entries, result.reporter.entries) == (True, each, each)
    for chain, parity in ((STAFF_CHAIN, 1), (REPORTER_CHAIN, 0)):
        assert seqs(chain) == list(range(1, each + 1))
        written = Counter(AuditEntry.objects.filter(chain=chain).values_list("report_id", flat=True))
        assert written == {n: ENTRIES_EACH for n in range(WRITERS) if n % 2 == parity}


def _meldpunt(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = server_env(home, fast_kdf=True, database_url=None)
    return subprocess.run([str(BIN / "meldpunt"), *args], env=env, capture_output=True, text=True, cwd=ROOT)


def _intact(output: str) -> dict[str, tuple[int, str]]:
    """`audit log intact: staff chain N entries, head H; reporter chain …` as {chain: (N, H)}."""
    heads = {}
    for part in output.removeprefix("audit log intact: ").strip().split("; "):
        chain, _, rest = part.partition(" chain ")
        count, head = rest.split(" entries, head ")
        heads[chain] = (int(count), head)
    return heads


@pytest.mark.slow
def test_the_chains_survive_a_crash_and_the_command_fails_on_tampering(tmp_path: Path) -> None:
    prepare(tmp_path, fast_kdf=True)  # the demo accounts (staff chain) and the demo reports (reporter chain)
    demo = _intact(_meldpunt(tmp_path, "audit", "verify").stdout)
    body = {"language": "en", "narrative": "They called again.", "tactics": ["direct_threat"]}
    with running_server(tmp_path, fast_kdf=True) as server, ThreadPoolExecutor(8) as pool:

        def post(_: int) -> int:
            try:
                return httpx.post(f"{server.base}/api/v1/intake/reports", json=body, timeout=30).status_code
            except httpx.TransportError:
                return 0  # the server is gone: never acknowledged

        assert set(pool.map(post, range(40))) == {201}
        in_flight = [pool.submit(post, n) for n in range(20)]
        server.kill()  # a power cut with submissions in flight
        acknowledged = 40 + sum(future.result() == 201 for future in in_flight)
    intact = _meldpunt(tmp_path, "audit", "verify")
    assert intact.returncode == 0, intact.stderr
    heads = _intact(intact.stdout)
    assert heads[STAFF_CHAIN] == demo[STAFF_CHAIN], "submissions never touch the staff chain"
    demo_reports = demo[REPORTER_CHAIN][0]
    assert demo_reports >= 1
    count, head = heads[REPORTER_CHAIN]
    assert demo_reports + acknowledged <= count <= demo_reports + 60

    database = tmp_path / "meldpunt.sqlite3"
    kept = count - 5
    with closing(sqlite3.connect(database)) as attacker:
        attacker.execute("DROP TRIGGER cases_auditentry_no_delete")
        attacker.execute("DELETE FROM cases_auditentry WHERE chain = 'reporter' AND seq > ?", (kept,))
        attacker.commit()
    assert _meldpunt(tmp_path, "audit", "verify").returncode == 0
    truncated = _meldpunt(
        tmp_path, "audit", "verify", "--expect-head", heads[STAFF_CHAIN][1], "--expect-head", f"reporter:{head}"
    )
    assert truncated.returncode == 1
    assert f"damaged at reporter entry {kept + 1}: the recorded reporter head {head} is not" in truncated.stderr
    assert "staff" not in truncated.stderr

    with closing(sqlite3.connect(database)) as attacker:
        attacker.executescript(
            "DROP TRIGGER cases_auditentry_no_update;"
            "UPDATE cases_auditentry SET details = '{}' WHERE chain = 'reporter' AND seq = 2;"
        )
    changed = _meldpunt(tmp_path, "audit", "verify")
    assert changed.returncode == 1
    assert "audit log damaged at reporter entry 2: reporter entry 2 was changed" in changed.stderr
