"""Volunteering in numbers for the county or one organization: hours by month and category, top organizations,
active volunteers and stars."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone

from tuanwu.accounts.roles import VIEW_VOLUNTEERING
from tuanwu.core.dates import requested_year
from tuanwu.organizations import scope
from tuanwu.organizations.selectors import organizations_where

from .. import selectors
from ..models import Category


@login_required
def stats(request, pk: int | None = None):
    scope.require_any(request.user, VIEW_VOLUNTEERING)
    if pk is None:
        roots = scope.visible_roots(request.user)
        organization = next((o for o in roots if scope.has_perm(request.user, VIEW_VOLUNTEERING, o)), None)
        if organization is None:
            raise Http404
    else:
        organization = organizations_where(request.user, VIEW_VOLUNTEERING).filter(pk=pk).first()
        if organization is None:
            raise Http404
    year = requested_year(request)
    months, series = selectors.month_series(selectors.hours_by_month(organization, year))
    labels = dict(Category.choices)
    chart = {
        "months": months,
        "series": [{"name": str(labels.get(k, k)), "values": v} for k, v in sorted(series.items())],
    }
    by_category = sorted(
        ({"category": str(labels.get(k, k)), "hours": sum(v)} for k, v in series.items()), key=lambda r: -r["hours"]
    )
    return render(
        request,
        "volunteering/stats.html",
        {
            "organization": organization,
            "year": year,
            "years": list(range(timezone.localdate().year, timezone.localdate().year - 6, -1)),
            "summary": selectors.organization_summary(organization, year),
            "children": selectors.hours_by_child(organization, year)[:20],
            "by_category": by_category,
            "monthly": [{"month": m, "hours": sum(s[i] for s in series.values())} for i, m in enumerate(months)],
            "chart": chart,
        },
    )
