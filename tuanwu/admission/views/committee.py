"""The committee above and the county: approvals and prereviews waiting, quotas, policy, ceremonies."""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from tuanwu.accounts.roles import APPROVE_ADMISSION, MANAGE_ADMISSION, VIEW_ADMISSION
from tuanwu.audit.policy import county_policy_page
from tuanwu.core.dates import requested_year
from tuanwu.core.forms import attach_errors
from tuanwu.organizations import scope
from tuanwu.organizations.selectors import organizations_where

from .. import selectors, services
from ..forms import CeremonyForm, PolicyForm, QuotaForm, StepForm
from ..models import AdmissionPolicy, Application


@login_required
def approvals(request):
    scope.require_any(request.user, APPROVE_ADMISSION)
    return render(
        request,
        "admission/approvals.html",
        {
            "approvals": selectors.approvals_waiting(request.user),
            "prereviews": selectors.prereviews_waiting(request.user),
            "quotas": selectors.quota_rows(request.user, timezone.localdate().year),
            "form": StepForm(),
        },
    )


@login_required
def quotas(request):
    scope.require_any(request.user, VIEW_ADMISSION)
    year = requested_year(request)
    rows = selectors.quota_rows(request.user, year)
    form = QuotaForm(request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            org = organizations_where(request.user, VIEW_ADMISSION).filter(pk=form.cleaned_data["organization"]).first()
            if org is None:
                raise Http404
            try:
                services.quota_set(
                    actor=request.user,
                    organization=org,
                    year=year,
                    count=form.cleaned_data["count"],
                    number_from=form.cleaned_data["number_from"],
                    number_to=form.cleaned_data["number_to"],
                )
            except ValidationError as e:
                messages.error(request, " ".join(e.messages))
            else:
                messages.success(request, _("Quota of %(org)s saved.") % {"org": org.name})
                return redirect(f"{request.path}?year={year}")
        else:
            messages.error(request, "; ".join(" ".join(errs) for errs in form.errors.values()))
    # Organizations the user may hand quotas to: the children of the committees they approve for.
    givable = (
        organizations_where(request.user, APPROVE_ADMISSION).filter(depth__lte=3).exclude(kind__in=["branch"])
        if scope.has_any(request.user, APPROVE_ADMISSION)
        else []
    )
    return render(
        request,
        "admission/quotas.html",
        {"rows": rows, "year": year, "givable": list(givable)[:200], "form": QuotaForm()},
    )


@login_required
def policy(request):
    return county_policy_page(
        request,
        model=AdmissionPolicy,
        perm=APPROVE_ADMISSION,
        form_class=PolicyForm,
        template="admission/policy.html",
    )


@login_required
def ceremony_create(request):
    scope.require_any(request.user, MANAGE_ADMISSION)
    admitted = (
        scope.restrict(
            Application.objects.filter(status=Application.Status.ADMITTED, ceremony__isnull=True),
            request.user,
            MANAGE_ADMISSION,
        )
        .select_related("person", "organization")
        .order_by("organization__path", "person__name")
    )
    form = CeremonyForm(
        request.POST or None, request.FILES or None, admitted=admitted, initial={"held_on": timezone.localdate()}
    )
    if request.method == "POST" and form.is_valid():
        apps = list(form.cleaned_data.pop("applications"))
        organization = _common_organization(apps)
        try:
            services.ceremony_create(
                actor=request.user, organization=organization, applications=apps, **form.cleaned_data
            )
        except ValidationError as e:
            attach_errors(form, e)
        else:
            messages.success(request, _("Ceremony recorded for %(n)d new members.") % {"n": len(apps)})
            return redirect("admission:board")
    return render(request, "admission/ceremony_form.html", {"form": form})


def _common_organization(apps):
    """The lowest organization all the new members' branches share (the ceremony's organizer)."""
    paths = [a.organization.path for a in apps]
    common = paths[0]
    for path in paths[1:]:
        while not path.startswith(common):
            common = common[: len(common) - 4]
    return (
        next(a.organization for a in apps if a.organization.path == common)
        if common in paths
        else (apps[0].organization.get_ancestors().filter(path=common).first() or apps[0].organization)
    )


@login_required
def oath(request):
    """The oath (入团誓词) for printing at a ceremony."""
    return render(request, "admission/oath.html", {"today": datetime.date.today()})
