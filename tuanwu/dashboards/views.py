"""The home page: live figures for the user's part of the county."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from . import selectors


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
        {"summary": summary, "charts": charts, "work": {f["key"]: f for f in selectors.work_figures(request.user)}},
    )
