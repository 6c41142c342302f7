"""The escrow key: how a supervisor assigns reports and restores a handler's access.

Protects against two failures of a design where only recipients hold report keys: a report nobody
else can ever be given, and a handler's forgotten password losing every report granted to them.
Every report key is also sealed to the escrow public key. The escrow private key is sealed to each
supervisor's own key pair, so only a supervisor who has logged in (password and TOTP) can use it,
and only through the grant services, each use written to the audit log. The pages never show a
supervisor a report's content; technically, whoever holds the escrow key could decrypt reports, as
with GlobaLeaks' key escrow: this is the trade-off that makes assignment and recovery possible.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from meldpunt.accounts.models import EscrowKey, EscrowShare, Role, User
from meldpunt.crypto import DecryptionError, HandlerKeyPair, seal, unseal


class EscrowUnavailable(Exception):
    """No escrow key yet, or this user holds no share of it."""


def escrow_public_key() -> bytes | None:
    key = EscrowKey.objects.filter(pk=1).first()
    return bytes(key.public_key) if key else None


def escrow_init(*, supervisor: User) -> None:
    """Create the escrow key pair and give the first supervisor a share; refuses to run twice."""
    if supervisor.role != Role.SUPERVISOR:
        raise EscrowUnavailable("the escrow key is shared only with supervisors")
    pair = HandlerKeyPair.generate()
    with transaction.atomic():
        if EscrowKey.objects.exists():
            raise EscrowUnavailable("the escrow key exists already; share it instead")
        EscrowKey.objects.create(pk=1, public_key=pair.public_key, created_on=timezone.localdate())
        EscrowShare.objects.create(
            supervisor=supervisor,
            sealed_private_key=seal(pair.private_key, bytes(supervisor.public_key)),
            created_on=timezone.localdate(),
        )


def escrow_private_key(*, supervisor: User, private_key: bytes) -> bytes:
    share = EscrowShare.objects.filter(supervisor=supervisor, supervisor__role=Role.SUPERVISOR).first()
    if share is None:
        raise EscrowUnavailable("this account holds no share of the escrow key")
    try:
        return unseal(bytes(share.sealed_private_key), private_key)
    except DecryptionError as error:
        raise EscrowUnavailable("this account's escrow share was sealed to an earlier key pair") from error


def escrow_share(*, supervisor: User, private_key: bytes, to: User) -> None:
    """A supervisor gives another supervisor a share (after a reset, the share must be given anew)."""
    if to.role != Role.SUPERVISOR:
        raise EscrowUnavailable("the escrow key is shared only with supervisors")
    from meldpunt.cases.audit import audit_record
    from meldpunt.cases.models import AuditEvent

    escrow = escrow_private_key(supervisor=supervisor, private_key=private_key)
    with transaction.atomic():
        EscrowShare.objects.update_or_create(
            supervisor=to,
            defaults={"sealed_private_key": seal(escrow, bytes(to.public_key)), "created_on": timezone.localdate()},
        )
        audit_record(
            event=AuditEvent.ACCOUNT_UPDATED,
            actor=supervisor,
            report_id=None,
            details={"username": to.username, "change": "escrow share"},
        )
