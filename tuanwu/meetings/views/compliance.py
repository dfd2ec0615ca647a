"""Compliance pages: the branch's home (what is due this month, its last meeting), the committee's grid of its
branches and overdue list, the county's roll-up and campaign totals, and the county's policy."""

import datetime

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from tuanwu.accounts.roles import MANAGE_MEETING
from tuanwu.audit.policy import county_policy_page
from tuanwu.core.dates import requested_year
from tuanwu.organizations import scope

from ..forms.compliance import PolicyForm
from ..models import MeetingPolicy
from ..rules import STATUS_CLASSES, STATUS_LABELS, STATUS_SYMBOLS, branch_compliance, committee_compliance
from ..selectors import compliance as selectors

LEGEND = [(STATUS_CLASSES[key], STATUS_SYMBOLS[key], STATUS_LABELS[key]) for key in STATUS_LABELS]


MONTHS = range(1, 13)


def _years() -> list[int]:
    this_year = timezone.localdate().year
    return list(range(this_year, this_year - 6, -1))


def _record_url(user, organization) -> str | None:
    """The recording page for this branch, when the user may record and the page exists."""
    if not scope.has_perm(user, MANAGE_MEETING, organization):
        return None
    try:
        return f"{reverse('meetings:meeting_create')}?organization={organization.pk}"
    except NoReverseMatch:
        return None


def _date(value, default: datetime.date) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value) if value else default
    except ValueError:
        return default


@login_required
def home(request):
    """The menu's entry: the page of the user's own organization (branch home, committee grid, county roll-up)."""
    organization = selectors.compliance_organization(request.user)
    if organization.is_branch:
        return branch(request, organization.pk)
    if organization.depth == 1:
        return county(request)
    return committee(request, organization.pk)


@login_required
def branch(request, pk: int):
    organization = selectors.compliance_organization(request.user, pk, branch=True)
    year = requested_year(request)
    today = timezone.localdate()
    result = branch_compliance(organization, year)
    return render(
        request,
        "meetings/compliance_branch.html",
        {
            "organization": organization,
            "year": year,
            "years": _years(),
            "result": result,
            "due_now": result.current(today),
            "last": selectors.last_meeting(request.user, organization),
            "record_url": _record_url(request.user, organization),
            "legend": LEGEND,
            "months": MONTHS,
        },
    )


@login_required
def committee(request, pk: int):
    organization = selectors.compliance_organization(request.user, pk, branch=False)
    year = requested_year(request)
    results = committee_compliance(organization, year)
    missed = selectors.compliance_missed(results)
    return render(
        request,
        "meetings/compliance_committee.html",
        {
            "organization": organization,
            "year": year,
            "years": _years(),
            "results": results,
            "rollup": selectors.compliance_rollup(organization, results, granularity="month"),
            "missed": missed,
            "missed_by_branch": selectors.missed_by_branch(missed),
            "grid": selectors.monthly_grid(results),
            "legend": LEGEND,
            "months": MONTHS,
        },
    )


@login_required
def county(request):
    organization = selectors.compliance_county(request.user)
    year = requested_year(request)
    start = _date(request.GET.get("start"), datetime.date(year, 1, 1))
    end = _date(request.GET.get("end"), datetime.date(year, 12, 31))
    results = committee_compliance(organization, year)
    return render(
        request,
        "meetings/compliance_county.html",
        {
            "organization": organization,
            "year": year,
            "years": _years(),
            "start": start,
            "end": end,
            "by_month": selectors.compliance_rollup(organization, results, granularity="month"),
            "by_quarter": selectors.compliance_rollup(organization, results, granularity="quarter"),
            "missed_count": sum(r.missed for r in results),
            "campaigns": selectors.campaign_totals(request.user, organization, start, end),
        },
    )


@login_required
def policy(request):
    return county_policy_page(
        request,
        model=MeetingPolicy,
        perm=MANAGE_MEETING,
        form_class=PolicyForm,
        template="meetings/compliance_policy.html",
    )
