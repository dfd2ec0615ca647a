"""Pages of the access log and of batch events."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from tuanwu.accounts.roles import VIEW_ACCESS_LOG, VIEW_HISTORY
from tuanwu.core.pagination import paginate
from tuanwu.organizations import scope

from . import selectors
from .history import history_rows
from .models import AccessLog


@login_required
def access_log(request):
    scope.require_any(request.user, VIEW_ACCESS_LOG)
    q, action = request.GET.get("q", ""), request.GET.get("action", "")
    page = paginate(request, selectors.access_log_list(request.user, q=q, action=action))
    return render(
        request,
        "audit/accesslog_list.html",
        {"page": page, "q": q, "action": action, "actions": AccessLog.Action.choices},
    )


@login_required
def history(request):
    scope.require_any(request.user, VIEW_HISTORY)
    model, q = request.GET.get("model", ""), request.GET.get("q", "")
    page = paginate(request, selectors.history_list(request.user, model=model, q=q))
    return render(
        request,
        "audit/history_list.html",
        {
            "page": page,
            "rows": history_rows(page),
            "model": model,
            "q": q,
            "models": selectors.history_models(),
        },
    )


@login_required
def batch_events(request):
    scope.require_any(request.user, VIEW_HISTORY)
    page = paginate(request, selectors.batch_event_list(request.user))
    return render(request, "audit/batchevent_list.html", {"page": page})
