"""Organizer pages of activities: list, create, edit, state changes, sign-up decisions, attendance, QR code."""

import io

import segno
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tuanwu.accounts.roles import MANAGE_VOLUNTEERING, VIEW_VOLUNTEERING
from tuanwu.core.forms import attach_errors
from tuanwu.organizations import scope
from tuanwu.organizations.selectors import organization_picked

from .. import selectors
from ..filters import ActivityFilter
from ..forms import ActivityForm, AttendanceForm, DecisionForm
from ..models import Activity
from ..services import activities, ledger, signups
from . import filtered_page

ACTIONS = {
    "publish": activities.activity_publish,
    "start": activities.activity_start,
    "finish": activities.activity_finish,
    "cancel": activities.activity_cancel,
    "rotate": activities.activity_rotate_code,
    "certify": ledger.activity_certify,
}


ACTIVITY_SORTS = {
    "title": ("title",),
    "organizer": ("organization__name",),
    "time": ("starts_at",),
    "status": ("status",),
}


@login_required
def activity_list(request):
    scope.require_any(request.user, VIEW_VOLUNTEERING)
    filters, page = filtered_page(request, ActivityFilter, selectors.activity_list(request.user), ACTIVITY_SORTS)
    return render(
        request,
        "volunteering/activity_list.html",
        {
            "filters": filters,
            "page": page,
            "order": page.order,
            "selected_org": organization_picked(request, VIEW_VOLUNTEERING),
            "can_add": scope.has_any(request.user, MANAGE_VOLUNTEERING),
        },
    )


@login_required
def activity_create(request):
    scope.require_any(request.user, MANAGE_VOLUNTEERING)
    organization = organization_picked(request, MANAGE_VOLUNTEERING)
    form = ActivityForm(request.POST or None)
    if request.method == "POST":
        if organization is None:
            form.add_error(None, _("Choose the organizing organization."))
        elif form.is_valid():
            data = {k: v for k, v in form.cleaned_data.items() if k != "version"}
            try:
                activity = activities.activity_create(actor=request.user, organization=organization, **data)
            except ValidationError as e:
                attach_errors(form, e)
            else:
                messages.success(request, _("Activity saved as a draft. Publish it to open sign-up."))
                return redirect("volunteering:activity_detail", activity.pk)
    return render(
        request,
        "volunteering/activity_form.html",
        {"form": form, "organization": organization, "creating": True},
    )


@login_required
def activity_edit(request, pk: int):
    activity = selectors.activity_get(request.user, pk, perm=MANAGE_VOLUNTEERING)
    form = ActivityForm(request.POST or None, instance=activity)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "version"}
        try:
            activities.activity_update(
                actor=request.user, activity=activity, version=form.cleaned_data.get("version"), **data
            )
        except ValidationError as e:
            attach_errors(form, e)
        else:
            messages.success(request, _("Activity saved."))
            return redirect("volunteering:activity_detail", activity.pk)
    return render(
        request,
        "volunteering/activity_form.html",
        {"form": form, "organization": activity.organization, "activity": activity},
    )


@login_required
def activity_detail(request, pk: int):
    activity = selectors.activity_get(request.user, pk)
    can_manage = scope.has_perm(request.user, MANAGE_VOLUNTEERING, activity.organization)
    return render(
        request,
        "volunteering/activity_detail.html",
        {
            "activity": activity,
            **selectors.activity_summary(activity),
            "can_manage": can_manage,
            "can_edit": can_manage and selectors.activity_editable(activity),
            "actions": selectors.activity_actions(activity) if can_manage else [],
        },
    )


@login_required
@require_POST
def activity_action(request, pk: int, action: str):
    activity = selectors.activity_get(request.user, pk)
    service = ACTIONS.get(action)
    if service is None:
        raise Http404
    try:
        result = service(actor=request.user, activity=activity)
    except ValidationError as e:
        messages.error(request, " ".join(e.messages))
    else:
        if action == "certify":
            messages.success(request, _("%(n)d entries certified.") % {"n": result})
        else:
            messages.success(request, _("Done."))
    return redirect("volunteering:activity_detail", activity.pk)


@login_required
@require_POST
def signup_decide(request, pk: int):
    signup = selectors.signup_get(request.user, pk, perm=MANAGE_VOLUNTEERING)
    form = DecisionForm(request.POST)
    form.is_valid()
    try:
        signups.signup_decide(
            actor=request.user,
            signup=signup,
            approve=form.cleaned_data.get("approve", False),
            reason=form.cleaned_data.get("reason", ""),
        )
    except ValidationError as e:
        messages.error(request, " ".join(e.messages))
    return redirect(reverse("volunteering:activity_detail", args=[signup.activity_id]) + "#signups")


@login_required
@require_POST
def signups_approve(request, pk: int):
    """The ticked pending sign-ups of an activity approved at once (all or none)."""
    activity = selectors.activity_get(request.user, pk, perm=MANAGE_VOLUNTEERING)
    ids = [int(i) for i in request.POST.getlist("ids") if i.isdigit()][:1000]
    if not ids:
        messages.error(request, _("Tick the sign-ups to approve."))
    else:
        try:
            done = signups.signups_approve(actor=request.user, activity=activity, ids=ids)
        except ValidationError as e:
            messages.error(request, " ".join(e.messages))
        else:
            messages.success(request, _("%(n)d sign-ups approved.") % {"n": len(done)})
    return redirect(reverse("volunteering:activity_detail", args=[activity.pk]) + "#signups")


@login_required
@require_POST
def attendance_confirm(request, pk: int):
    signup = selectors.signup_get(request.user, pk, perm=MANAGE_VOLUNTEERING)
    form = AttendanceForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Enter the times as YYYY-MM-DD HH:MM."))
    else:
        d = form.cleaned_data
        try:
            ledger.attendance_confirm(
                actor=request.user, signup=signup, present=d["present"], start=d["start"], end=d["end"]
            )
        except ValidationError as e:
            messages.error(request, f"{signup.person.name}: " + " ".join(e.messages))
    return redirect(reverse("volunteering:activity_detail", args=[signup.activity_id]) + "#signups")


@login_required
def activity_qr(request, pk: int):
    activity = selectors.activity_get(request.user, pk, perm=MANAGE_VOLUNTEERING)
    return render(
        request,
        "volunteering/activity_qr.html",
        {"activity": activity, "url": _checkin_url(request, activity)},
    )


@login_required
def activity_qr_svg(request, pk: int):
    activity = selectors.activity_get(request.user, pk, perm=MANAGE_VOLUNTEERING)
    out = io.BytesIO()
    segno.make(_checkin_url(request, activity), error="m").save(out, kind="svg", scale=10, border=2)
    response = HttpResponse(out.getvalue(), content_type="image/svg+xml")
    response["Cache-Control"] = "no-store"
    return response


def _checkin_url(request, activity: Activity) -> str:
    return request.build_absolute_uri(reverse("volunteering:checkin", args=[activity.checkin_token]))
