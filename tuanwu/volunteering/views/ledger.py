"""The hour ledger: entries, corrections, correction requests, a person's hours, and the county policy."""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tuanwu.accounts.roles import MANAGE_VOLUNTEERING, VIEW_VOLUNTEERING
from tuanwu.audit.policy import county_policy_page
from tuanwu.core.forms import attach_errors
from tuanwu.core.pagination import paginate
from tuanwu.organizations import scope
from tuanwu.organizations.selectors import organization_picked
from tuanwu.people.selectors import person_for_write

from .. import selectors
from ..filters import EntryFilter
from ..forms import AnswerForm, CorrectionForm, PolicyForm, StarRecognitionForm
from ..models import VolunteerPolicy
from ..rules import hours_between
from ..services import corrections, stars
from . import filtered_page


@login_required
def entry_list(request):
    scope.require_any(request.user, VIEW_VOLUNTEERING)
    filters, page = filtered_page(request, EntryFilter, selectors.entry_list(request.user))
    return render(
        request,
        "volunteering/entry_list.html",
        {
            "filters": filters,
            "page": page,
            "selected_org": organization_picked(request, VIEW_VOLUNTEERING),
            "can_import": scope.has_any(request.user, MANAGE_VOLUNTEERING),
        },
    )


@login_required
def entry_detail(request, pk: int):
    summary = selectors.entry_summary(request.user, selectors.entry_get(request.user, pk))
    root = summary["entry"]
    form = CorrectionForm(request.POST or None, initial={"hours": summary["total"]})
    if request.method == "POST":
        if not summary["can_correct"]:
            return redirect("volunteering:entry_detail", root.pk)
        if form.is_valid():
            d = form.cleaned_data
            try:
                corrections.entry_correct(
                    actor=request.user, entry=root, hours=d["hours"], reason=d["reason"], start=d["start"], end=d["end"]
                )
            except ValidationError as e:
                attach_errors(form, e)
            else:
                messages.success(request, _("Correction recorded."))
                return redirect("volunteering:entry_detail", root.pk)
    return render(request, "volunteering/entry_detail.html", {**summary, "form": form})


@login_required
def correction_list(request):
    scope.require_any(request.user, MANAGE_VOLUNTEERING)
    page = paginate(request, selectors.correction_requests_open(request.user))
    return render(request, "volunteering/correction_list.html", {"page": page, "form": AnswerForm()})


@login_required
@require_POST
def correction_answer(request, pk: int):
    req = selectors.correction_request_get(request.user, pk)
    form = AnswerForm(request.POST)
    form.is_valid()
    try:
        corrections.correction_request_answer(
            actor=request.user,
            request=req,
            accept=form.cleaned_data.get("accept", False),
            answer=form.cleaned_data.get("answer", ""),
        )
    except ValidationError as e:
        messages.error(request, f"{req.person.name}: " + " ".join(e.messages))
    else:
        messages.success(request, _("Answer sent."))
    return redirect("volunteering:corrections")


@login_required
def person_hours(request, pk: int):
    """A person's hours as their leaders see them (the volunteer's own page is 'my volunteering')."""
    person = selectors.volunteer_get(request.user, pk)
    return render(
        request,
        "volunteering/person_hours.html",
        {
            "person": person,
            "summary": selectors.person_summary(person.pk),
            "entries": selectors.person_entries(person.pk)[:200],
            "can_certify": scope.has_perm(request.user, MANAGE_VOLUNTEERING, person.organization),
        },
    )


@login_required
@require_POST
def star_record(request, pk: int):
    """Record a star level recognized by a named body on a date (those who manage volunteering in scope)."""
    person = person_for_write(request.user, pk, MANAGE_VOLUNTEERING)
    form = StarRecognitionForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(m for errors in form.errors.values() for m in errors))
        return redirect("volunteering:person_hours", person.pk)
    try:
        recognition = stars.star_recognition_record(actor=request.user, person=person, **form.cleaned_data)
    except ValidationError as e:
        messages.error(request, " ".join(e.messages))
    else:
        messages.success(
            request,
            _("Recorded: %(name)s recognized for %(n)d stars by %(body)s.")
            % {"name": person.name, "n": recognition.stars, "body": recognition.body},
        )
    return redirect("volunteering:person_hours", person.pk)


@login_required
def policy(request):
    """The county's rounding policy per year; county administrators change it, with history."""

    def example(current, year):
        start = datetime.datetime(year, 1, 1, 9, 0)
        return {"example": hours_between(start, start + datetime.timedelta(minutes=170), current)}

    return county_policy_page(
        request,
        model=VolunteerPolicy,
        perm=MANAGE_VOLUNTEERING,
        form_class=PolicyForm,
        template="volunteering/policy.html",
        extra=example,
    )
