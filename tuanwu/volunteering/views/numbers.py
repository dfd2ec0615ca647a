"""Volunteering in numbers for the county or one organization: hours by month and category, top organizations,
active volunteers and stars."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone

from tuanwu.accounts.roles import VIEW_VOLUNTEERING
from tuanwu.core.dates import requested_year
from tuanwu.organizations import scope

from .. import selectors


@login_required
def stats(request, pk: int | None = None):
    scope.require_any(request.user, VIEW_VOLUNTEERING)
    organization = selectors.stats_organization(request.user, pk)
    year = requested_year(request)
    return render(
        request,
        "volunteering/stats.html",
        {
            "organization": organization,
            "year": year,
            "years": list(range(timezone.localdate().year, timezone.localdate().year - 6, -1)),
            "summary": selectors.organization_summary(organization, year),
            "children": selectors.hours_by_child(organization, year)[:20],
            **selectors.hours_charts(organization, year),
        },
    )
