"""The young person's own pages, built for a phone: open activities, sign-up, QR check-in, hours, certificates."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tuanwu.people.models import Person

from .. import selectors
from ..forms import CorrectionRequestForm
from ..models import Signup
from ..services import corrections, signups


def _person(request) -> Person:
    person = selectors.own_person(request.user)
    if person is None:
        raise Http404
    return person


@login_required
def my_volunteering(request):
    person = _person(request)
    return render(
        request,
        "volunteering/my.html",
        {
            "person": person,
            "summary": selectors.person_summary(person.pk),
            "signups": selectors.my_signups(person.pk)[:50],
            "entries": selectors.person_entries(person.pk)[:100],
            "certificates": selectors.person_certificates(person),
            "requests": selectors.person_requests(person.pk)[:20],
        },
    )


@login_required
def open_list(request):
    person = _person(request)
    return render(request, "volunteering/open_list.html", {"activities": selectors.open_activities_for(person)})


@login_required
def activity_join(request, pk: int):
    activity = selectors.activity_for_volunteer(request.user, pk)
    return render(
        request,
        "volunteering/activity_join.html",
        {"activity": activity, **selectors.volunteer_activity_summary(request.user, activity)},
    )


@login_required
@require_POST
def signup_create(request, pk: int):
    _person(request)
    activity = selectors.activity_for_volunteer(request.user, pk)
    try:
        signup = signups.signup_create(actor=request.user, activity=activity, note=request.POST.get("note", "")[:200])
    except ValidationError as e:
        messages.error(request, " ".join(e.messages))
    else:
        if signup.status == Signup.Status.WAITLISTED:
            messages.warning(request, _("All places are taken: you are on the waiting list."))
        else:
            messages.success(request, _("Signed up. The organizer will confirm your place."))
    return redirect("volunteering:activity_join", activity.pk)


@login_required
@require_POST
def signup_withdraw(request, pk: int):
    signup = selectors.own_signup_get(request.user, pk)
    try:
        signups.signup_withdraw(actor=request.user, signup=signup)
    except ValidationError as e:
        messages.error(request, " ".join(e.messages))
    else:
        messages.success(request, _("Your sign-up is withdrawn."))
    return redirect("volunteering:activity_join", signup.activity_id)


@login_required
def checkin(request, token: str):
    """The address inside the QR code: any scanner (WeChat, the phone's camera, our scan page) opens it."""
    _person(request)
    activity = selectors.activity_by_checkin(token)
    if activity is None:
        raise Http404
    signup = selectors.own_signup(request.user, activity)
    if request.method == "POST":
        try:
            signup = signups.checkin_scan(actor=request.user, activity=activity)
        except ValidationError as e:
            messages.error(request, " ".join(e.messages))
        else:
            if signup.checked_out_at:
                messages.success(request, _("Checked out. Thank you for your service!"))
            else:
                messages.success(request, _("Checked in. Scan again when you leave."))
        return redirect("volunteering:checkin", token)
    return render(
        request,
        "volunteering/checkin.html",
        {
            "activity": activity,
            "signup": signup,
            "token": token,
            "approved": selectors.signup_approved(signup),
            "offer": selectors.checkin_offer(activity, signup),
        },
    )


@login_required
def scan(request):
    """The camera page: reads the QR code where the browser can, or takes the six-digit code."""
    _person(request)
    code = request.GET.get("code", "").strip()
    if code:
        activity = selectors.activity_by_checkin(code)
        if activity:
            return redirect("volunteering:checkin", activity.checkin_token)
        messages.error(request, _("No activity has the check-in code %(code)s.") % {"code": code[:12]})
    return render(request, "volunteering/scan.html")


@login_required
def entry_request(request, pk: int):
    root = selectors.own_entry_get(request.user, pk)
    form = CorrectionRequestForm(request.POST or None, initial={"hours": root.hours})
    if request.method == "POST" and form.is_valid():
        try:
            corrections.correction_request_create(
                actor=request.user, entry=root, hours=form.cleaned_data["hours"], reason=form.cleaned_data["reason"]
            )
        except ValidationError as e:
            messages.error(request, " ".join(e.messages))
        else:
            messages.success(request, _("Your request was sent to the organizer."))
            return redirect("volunteering:my")
    return render(request, "volunteering/entry_request.html", {"entry": root, "form": form})
