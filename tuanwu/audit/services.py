"""Writes of the access log and of batch events."""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeAlias

from django.db import transaction

from tuanwu.accounts.models import User

from .models import AccessLog, BatchEvent

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser


# Whoever acted: a signed-in user, the anonymous visitor, or nobody (a command without --as).
Viewer: TypeAlias = "User | AnonymousUser"


def access_log_record(
    *,
    actor: Viewer | None,
    action: str,
    organization,
    fields: list[str],
    person=None,
    subject: str = "",
    rows: int = 1,
    remote_addr: str | None = None,
) -> AccessLog:
    """Record that actor saw or exported personal data; call it in the same transaction as the access."""
    with transaction.atomic():
        return AccessLog.objects.create(
            actor=_recorded(actor),
            action=action,
            organization=organization,
            person=person,
            subject=subject or (str(person) if person else ""),
            fields=",".join(fields),
            rows=rows,
            remote_addr=remote_addr,
        )


def batch_event_record(
    *, actor: Viewer | None, organization, kind: str, description: str, rows: int, file_name: str = ""
) -> BatchEvent:
    """Record one history event for a bulk write that bypassed per-row history."""
    with transaction.atomic():
        return BatchEvent.objects.create(
            actor=_recorded(actor),
            organization=organization,
            kind=kind,
            description=description,
            rows=rows,
            file_name=file_name,
        )


def _recorded(actor: Viewer | None) -> User | None:
    """The user a row names as its actor: nobody for the anonymous visitor or a command run without --as."""
    return actor if isinstance(actor, User) and actor.pk else None
