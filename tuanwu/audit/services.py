"""Writes of the access log and of batch events."""

from django.db import transaction

from .models import AccessLog, BatchEvent


def access_log_record(
    *,
    actor,
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
            actor=actor if getattr(actor, "pk", None) else None,
            action=action,
            organization=organization,
            person=person,
            subject=subject or (str(person) if person else ""),
            fields=",".join(fields),
            rows=rows,
            remote_addr=remote_addr,
        )


def batch_event_record(
    *, actor, organization, kind: str, description: str, rows: int, file_name: str = ""
) -> BatchEvent:
    """Record one history event for a bulk write that bypassed per-row history."""
    with transaction.atomic():
        return BatchEvent.objects.create(
            actor=actor if getattr(actor, "pk", None) else None,
            organization=organization,
            kind=kind,
            description=description,
            rows=rows,
            file_name=file_name,
        )
