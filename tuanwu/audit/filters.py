"""The one filter of each audit list, shared by the page and the export."""

from __future__ import annotations

from auditlog.models import LogEntry
from django import forms
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from tuanwu.core.forms import TextListFilter

from .models import AccessLog


class AccessLogFilter(TextListFilter):
    q = forms.CharField(label=_("Search"), required=False, strip=False)
    action = forms.CharField(label=_("Action"), required=False)

    def filter(self, qs: QuerySet[AccessLog]) -> QuerySet[AccessLog]:
        """Apply the filters to the scoped access log."""
        data = self.values
        if data["action"]:
            qs = qs.filter(action=data["action"])
        if q := data["q"]:
            qs = qs.filter(Q(subject__icontains=q) | Q(actor__username__icontains=q))
        return qs


class HistoryFilter(TextListFilter):
    # The kind of record narrows the sources history_list reads (model=); the search narrows the entries.
    model = forms.CharField(label=_("Record"), required=False)
    q = forms.CharField(label=_("Search"), required=False, strip=False)

    def filter(self, qs: QuerySet[LogEntry]) -> QuerySet[LogEntry]:
        """Apply the search to the scoped history (of the sources of values["model"])."""
        if q := self.values["q"]:
            qs = qs.filter(Q(object_repr__icontains=q) | Q(actor__username__icontains=q))
        return qs
