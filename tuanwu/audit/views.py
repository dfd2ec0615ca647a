"""Pages of the access log and of batch events."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from tuanwu.accounts.roles import VIEW_ACCESS_LOG, VIEW_HISTORY, VIEW_PERSONAL_DATA
from tuanwu.core.pagination import paginate
from tuanwu.organizations import scope

from . import selectors
from .filters import AccessLogFilter, HistoryFilter
from .history import history_rows
from .models import AccessLog


@login_required
def access_log(request):
    scope.require_any(request.user, VIEW_ACCESS_LOG)
    filters = AccessLogFilter(request.GET)
    page = paginate(request, filters.filter(selectors.access_log_list(request.user)))
    return render(
        request,
        "audit/accesslog_list.html",
        {**filters.values, "page": page, "actions": AccessLog.Action.choices},
    )


@login_required
def history(request):
    scope.require_any(request.user, VIEW_HISTORY)
    filters = HistoryFilter(request.GET)
    page = paginate(request, filters.filter(selectors.history_list(request.user, model=filters.values["model"])))
    return render(
        request,
        "audit/history_list.html",
        {
            "page": page,
            # Personal data in clear only to whom may see it on every record the page can list.
            "rows": history_rows(page, clear_personal=scope.covers(request.user, VIEW_PERSONAL_DATA, VIEW_HISTORY)),
            **filters.values,
            "models": selectors.history_models(),
        },
    )


@login_required
def batch_events(request):
    scope.require_any(request.user, VIEW_HISTORY)
    page = paginate(request, selectors.batch_event_list(request.user))
    return render(request, "audit/batchevent_list.html", {"page": page})
