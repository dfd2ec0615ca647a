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

from .. import selectors, services
from ..filters import ActivityFilter
from ..forms import ActivityForm, AttendanceForm, DecisionForm
from ..models import Activity, Signup
from ..workflow import ACTIVITY_TRANSITIONS
from . import filtered_page

ACTIONS = {
    "publish": services.activity_publish,
    "start": services.activity_start,
    "finish": services.activity_finish,
    "cancel": services.activity_cancel,
    "rotate": services.activity_rotate_code,
    "certify": services.activity_certify,
}


@login_required
def activity_list(request):
    scope.require_any(request.user, VIEW_VOLUNTEERING)
    filters, page = filtered_page(request, ActivityFilter, selectors.activity_list(request.user))
    return render(
        request,
        "volunteering/activity_list.html",
        {
            "filters": filters,
            "page": page,
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
                activity = services.activity_create(actor=request.user, organization=organization, **data)
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
    activity = selectors.activity_get(request.user, pk)
    scope.require(request.user, MANAGE_VOLUNTEERING, activity.organization)
    form = ActivityForm(request.POST or None, instance=activity)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "version"}
        try:
            services.activity_update(
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
    signups = list(selectors.signups_of(activity))
    for s in signups:
        entries = list(s.entries.all())
        s.entry = next((e for e in entries if e.corrects_id is None), None)
    recorded = [s.entry for s in signups if s.entry and s.entry.status == "recorded"]
    counts = {status: sum(1 for s in signups if s.status == status) for status in Signup.Status.values}
    return render(
        request,
        "volunteering/activity_detail.html",
        {
            "activity": activity,
            "signups": signups,
            "counts": counts,
            "can_manage": can_manage,
            "actions": [a for a in ("publish", "start", "finish", "cancel") if _allowed(activity, a)]
            if can_manage
            else [],
            "recorded": len(recorded),
            "recorded_hours": sum(e.hours for e in recorded),
            "full": activity.capacity is not None and counts["approved"] >= activity.capacity,
        },
    )


def _allowed(activity: Activity, action: str) -> bool:
    target = {"publish": "published", "start": "running", "finish": "finished", "cancel": "cancelled"}[action]
    return target in ACTIVITY_TRANSITIONS.get(activity.status, ())


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


def _signup_for_manager(request, pk: int) -> Signup:
    signup = Signup.objects.select_related("activity").filter(pk=pk).first()
    if signup is None:
        raise Http404
    activity = selectors.activity_get(request.user, signup.activity_id)  # 404 outside the organizer's scope
    scope.require(request.user, MANAGE_VOLUNTEERING, activity.organization)
    return signup


@login_required
@require_POST
def signup_decide(request, pk: int):
    signup = _signup_for_manager(request, pk)
    form = DecisionForm(request.POST)
    form.is_valid()
    try:
        services.signup_decide(
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
def attendance_confirm(request, pk: int):
    signup = _signup_for_manager(request, pk)
    form = AttendanceForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Enter the times as YYYY-MM-DD HH:MM."))
    else:
        d = form.cleaned_data
        try:
            services.attendance_confirm(
                actor=request.user, signup=signup, present=d["present"], start=d["start"], end=d["end"]
            )
        except ValidationError as e:
            messages.error(request, f"{signup.person.name}: " + " ".join(e.messages))
    return redirect(reverse("volunteering:activity_detail", args=[signup.activity_id]) + "#signups")


@login_required
def activity_qr(request, pk: int):
    activity = selectors.activity_get(request.user, pk)
    scope.require(request.user, MANAGE_VOLUNTEERING, activity.organization)
    return render(
        request,
        "volunteering/activity_qr.html",
        {"activity": activity, "url": _checkin_url(request, activity)},
    )


@login_required
def activity_qr_svg(request, pk: int):
    activity = selectors.activity_get(request.user, pk)
    scope.require(request.user, MANAGE_VOLUNTEERING, activity.organization)
    out = io.BytesIO()
    segno.make(_checkin_url(request, activity), error="m").save(out, kind="svg", scale=10, border=2)
    response = HttpResponse(out.getvalue(), content_type="image/svg+xml")
    response["Cache-Control"] = "no-store"
    return response


def _checkin_url(request, activity: Activity) -> str:
    return request.build_absolute_uri(reverse("volunteering:checkin", args=[activity.checkin_token]))
