"""The home page: live figures for the user's part of the county."""

from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from . import selectors, todo


@login_required
def home(request):
    summary = selectors.county_summary(request.user)
    charts = {
        "sector": {
            "x": [r["label"] for r in summary["by_sector"]],
            "y": [r["members"] for r in summary["by_sector"]],
        },
        "committee": {
            "x": [r["name"] for r in summary["by_committee"]],
            "y": [r["members"] for r in summary["by_committee"]],
        },
    }
    return render(
        request,
        "dashboards/home.html",
        {
            "summary": summary,
            "charts": charts,
            "work": {f["key"]: f for f in selectors.work_figures(request.user)},
        },
    )


@login_required
def todo_list(request):
    """Everything waiting for the user, on a page of its own (the phone's home of a busy secretary); with
    ?partial=1 only the card, which the home page loads after it has shown its figures."""
    context = {"todos": todo.todos(request.user), "next_steps": todo.my_next_steps(request.user)}
    if request.GET.get("partial") == "1":
        return render(request, "dashboards/_todo.html", context)
    return render(request, "dashboards/todo.html", {**context, "page": True})


@never_cache
@login_required
def todo_counts(request):
    """The menu's badges: {menu entry URL name: count}."""
    return JsonResponse(todo.menu_counts(request.user))
