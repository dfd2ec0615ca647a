"""The committee above and the county: approvals and prereviews waiting, quotas, policy, ceremonies."""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from tuanwu.accounts.roles import APPROVE_ADMISSION, MANAGE_ADMISSION, VIEW_ADMISSION
from tuanwu.audit.policy import county_policy_page
from tuanwu.core.dates import requested_year
from tuanwu.core.forms import attach_errors
from tuanwu.organizations import scope

from .. import selectors
from ..forms import CeremonyForm, PolicyForm, QuotaForm, StepForm
from ..models import AdmissionPolicy
from ..services import ceremonies
from ..services import quotas as quota_services


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
            org = selectors.quota_organization(request.user, form.cleaned_data["organization"])
            try:
                quota_services.quota_set(
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
    return render(
        request,
        "admission/quotas.html",
        {"rows": rows, "year": year, "givable": selectors.quota_givable(request.user), "form": QuotaForm()},
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
    form = CeremonyForm(
        request.POST or None,
        request.FILES or None,
        admitted=selectors.ceremony_candidates(request.user),
        initial={"held_on": timezone.localdate()},
    )
    if request.method == "POST" and form.is_valid():
        apps = list(form.cleaned_data.pop("applications"))
        organization = selectors.ceremony_organization(apps)
        try:
            ceremonies.ceremony_create(
                actor=request.user, organization=organization, applications=apps, **form.cleaned_data
            )
        except ValidationError as e:
            attach_errors(form, e)
        else:
            messages.success(request, _("Ceremony recorded for %(n)d new members.") % {"n": len(apps)})
            return redirect("admission:board")
    return render(
        request,
        "admission/ceremony_form.html",
        {"form": form, "overdue": selectors.ceremony_overdue(request.user)},
    )


@login_required
def oath(request):
    """The oath (入团誓词) for printing at a ceremony."""
    return render(request, "admission/oath.html", {"today": datetime.date.today()})
