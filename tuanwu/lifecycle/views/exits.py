"""Exits: the age-out list with its one-click request, and the lapse candidates and proposals, for the branch,
the committee and the county."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tuanwu.accounts.roles import MANAGE_LIFECYCLE, VIEW_LIFECYCLE
from tuanwu.core.forms import attach_errors
from tuanwu.organizations import scope
from tuanwu.organizations.selectors import organization_picked

from ..forms.exits import DecideForm, DropForm
from ..selectors import exits as selectors
from ..services import exits as services


def _organization(request):
    organization = (
        organization_picked(request, VIEW_LIFECYCLE)
        if (request.GET.get("organization") or request.POST.get("organization"))
        else scope.root_for(request.user, VIEW_LIFECYCLE)
    )
    if organization is None:
        raise Http404
    return organization


def _back(name, organization) -> str:
    return f"{reverse(name)}?organization={organization.pk}"


@login_required
def age_out(request):
    scope.require_any(request.user, VIEW_LIFECYCLE)
    organization = _organization(request)
    rows = selectors.age_out_list(organization, timezone.localdate())
    manageable = {
        r.membership.organization_id
        for r in rows
        if scope.has_perm(request.user, MANAGE_LIFECYCLE, r.membership.organization)
    }
    return render(
        request,
        "lifecycle/exits_age_out.html",
        {"organization": organization, "rows": rows, "manageable": manageable, "ahead": selectors.AGE_OUT_AHEAD_MONTHS},
    )


@login_required
@require_POST
def age_out_request(request, pk: int):
    person = selectors.person_in_scope(request.user, pk, MANAGE_LIFECYCLE)
    try:
        services.age_out_request(actor=request.user, person=person)
    except ValidationError as e:
        messages.error(request, " ".join(e.messages))
    else:
        messages.success(
            request, _("The age-out of %(name)s is sent to the committee above for approval.") % {"name": person.name}
        )
    return redirect(_back("lifecycle:exits_age_out", _organization(request)))


@login_required
def lapse(request):
    scope.require_any(request.user, VIEW_LIFECYCLE)
    organization = _organization(request)
    today = timezone.localdate()
    candidates = selectors.lapse_candidates(organization, today)
    first_month, last_month = selectors.lapse_window(today)
    return render(
        request,
        "lifecycle/exits_lapse.html",
        {
            "organization": organization,
            "candidates": candidates,
            "first_month": first_month,
            "last_month": last_month,
            "proposals": selectors.lapse_proposal_list(request.user, organization)[:200],
            "can_manage": scope.has_perm(request.user, MANAGE_LIFECYCLE, organization),
            "manageable": {
                c.membership.organization_id
                for c in candidates
                if scope.has_perm(request.user, MANAGE_LIFECYCLE, c.membership.organization)
            },
        },
    )


@login_required
@require_POST
def lapse_propose(request):
    person = selectors.person_in_scope(
        request.user, request.POST.get("person") or request.GET.get("person"), MANAGE_LIFECYCLE
    )
    try:
        row = services.lapse_propose(actor=request.user, person=person)
    except ValidationError as e:
        messages.error(request, " ".join(e.messages))
        return redirect(_back("lifecycle:exits_lapse", _organization(request)))
    messages.success(request, _("%(name)s is proposed for lapse; the branch meeting decides.") % {"name": person.name})
    return redirect("lifecycle:lapse_detail", row.pk)


@login_required
def lapse_detail(request, pk: int, decide_form=None, drop_form=None):
    proposal = selectors.lapse_proposal_get(request.user, pk)
    initial = {
        "version": proposal.version,
        "last_org_life_on": proposal.last_attended_on,
    }
    can_manage = proposal.status == proposal.Status.PROPOSED and scope.has_perm(
        request.user, MANAGE_LIFECYCLE, proposal.organization
    )
    return render(
        request,
        "lifecycle/exits_lapse_detail.html",
        {
            "proposal": proposal,
            "can_manage": can_manage,
            "decide_form": decide_form or DecideForm(initial=initial),
            "drop_form": drop_form or DropForm(initial=initial),
        },
        status=422 if (decide_form or drop_form) else 200,
    )


@login_required
@require_POST
def lapse_decide(request, pk: int):
    proposal = selectors.lapse_proposal_get(request.user, pk)
    if not scope.has_perm(request.user, MANAGE_LIFECYCLE, proposal.organization):
        raise PermissionDenied
    form = DecideForm(request.POST)
    if form.is_valid():
        try:
            services.lapse_proposal_decide(actor=request.user, proposal=proposal, **form.cleaned_data)
        except ValidationError as e:
            attach_errors(form, e)
        else:
            messages.success(request, _("The lapse is sent to the committee above for approval."))
            return redirect("lifecycle:lapse_detail", proposal.pk)
    return lapse_detail(request, pk, decide_form=form)


@login_required
@require_POST
def lapse_drop(request, pk: int):
    proposal = selectors.lapse_proposal_get(request.user, pk)
    if not scope.has_perm(request.user, MANAGE_LIFECYCLE, proposal.organization):
        raise PermissionDenied
    form = DropForm(request.POST)
    if form.is_valid():
        try:
            services.lapse_proposal_drop(actor=request.user, proposal=proposal, **form.cleaned_data)
        except ValidationError as e:
            attach_errors(form, e)
        else:
            messages.success(request, _("The lapse proposal is dropped."))
            return redirect("lifecycle:lapse_detail", proposal.pk)
    return lapse_detail(request, pk, drop_form=form)
