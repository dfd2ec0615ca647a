"""Scoped reads of history and of the access log."""

from __future__ import annotations

from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q, QuerySet

from tuanwu.accounts.roles import VIEW_ACCESS_LOG, VIEW_HISTORY
from tuanwu.organizations import scope

from .models import AccessLog, BatchEvent


def history_for(objects) -> QuerySet[LogEntry]:
    """Change history of the given rows, newest first (the caller has already checked their scope)."""
    q = Q(pk__in=[])
    by_type: dict[int, list[str]] = {}
    for obj in objects:
        ct = ContentType.objects.get_for_model(obj.__class__)
        by_type.setdefault(ct.pk, []).append(str(obj.pk))
    for ct_id, pks in by_type.items():
        q |= Q(content_type_id=ct_id, object_pk__in=pks)
    return LogEntry.objects.filter(q).select_related("actor", "content_type").order_by("-timestamp", "-pk")


def access_log_list(user, *, q: str = "", action: str = "") -> QuerySet[AccessLog]:
    """Access log entries about organizations in the user's scope."""
    qs = scope.restrict(AccessLog.objects.all(), user, VIEW_ACCESS_LOG)
    if action:
        qs = qs.filter(action=action)
    if q:
        qs = qs.filter(Q(subject__icontains=q) | Q(actor__username__icontains=q))
    return qs.select_related("actor", "organization")


def batch_event_list(user) -> QuerySet[BatchEvent]:
    """Batch events on organizations in the user's scope."""
    return scope.restrict(BatchEvent.objects.all(), user, VIEW_HISTORY).select_related(
        "actor", "organization"
    )
