"""Scoped reads of history and of the access log."""

from __future__ import annotations

from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q, QuerySet

from tuanwu.accounts.roles import VIEW_ACCESS_LOG, VIEW_HISTORY
from tuanwu.organizations import scope

from .history import HISTORY_SOURCES
from .models import AccessLog, BatchEvent


def access_log_list(user: scope.Viewer) -> QuerySet[AccessLog]:
    """Access log entries about organizations in the user's scope (filtered by AccessLogFilter)."""
    return scope.restrict(AccessLog.objects.all(), user, VIEW_ACCESS_LOG).select_related("actor", "organization")


def batch_event_list(user: scope.Viewer) -> QuerySet[BatchEvent]:
    """Batch events on organizations in the user's scope."""
    return scope.restrict(BatchEvent.objects.all(), user, VIEW_HISTORY).select_related("actor", "organization")


def history_list(user: scope.Viewer, *, model: str = "") -> QuerySet[LogEntry]:
    """Change history of the organizations, people, memberships and posts in the user's scope (of one kind of
    record with model; searched by HistoryFilter)."""
    condition = Q(pk__in=[])
    for name, _label, model_class, field_name in HISTORY_SOURCES:
        if model and model != name:
            continue
        ct = ContentType.objects.get_for_model(model_class)
        ids = model_class._default_manager.filter(scope.org_q(user, VIEW_HISTORY, field_name)).values("pk")
        condition |= Q(content_type=ct, object_id__in=ids)
    return LogEntry.objects.filter(condition).select_related("actor", "content_type").order_by("-timestamp", "-pk")


def history_models() -> list[tuple[str, str]]:
    """The record types one may filter the history page by."""
    return [(name, label) for name, label, _model, _field in HISTORY_SOURCES]
