"""The branch's pipeline: the board, an application with its timeline and next step, the general meeting."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tuanwu.accounts.roles import APPROVE_ADMISSION, MANAGE_ADMISSION, VIEW_ADMISSION
from tuanwu.core.forms import attach_errors
from tuanwu.core.params import parse_id
from tuanwu.organizations import scope
from tuanwu.organizations.selectors import organization_picked
from tuanwu.people.selectors import person_for_write

from .. import selectors
from ..filters import ApplicationFilter
from ..forms import (
    ApplicationForm,
    ArchiveForm,
    IntroducersForm,
    MeetingForm,
    PrereviewForm,
    ReasonForm,
    StepForm,
    TrainingForm,
)
from ..services import applications, approvals, meetings
from ..services.steps import require_step
from ..workflow import STEPS, Step
from . import lessons


@login_required
def board(request):
    scope.require_any(request.user, VIEW_ADMISSION)
    # A branch secretary sees their own branch, with its meeting button, without choosing it.
    organization = ApplicationFilter(request.GET, user=request.user).picked or selectors.board_organization(
        request.user
    )
    can_add = scope.has_any(request.user, MANAGE_ADMISSION)
    return render(
        request,
        "admission/board.html",
        {
            "columns": selectors.board(request.user, organization),
            "selected_org": organization,
            "can_add": can_add,
            "can_record_meeting": can_add and organization is not None and organization.is_branch,
        },
    )


@login_required
def application_create(request):
    scope.require_any(request.user, MANAGE_ADMISSION)
    q = request.GET.get("q", "").strip()
    candidates = selectors.applicant_search(request.user, q) if q else []
    person = None
    person_pk = parse_id(request.POST.get("person") or request.GET.get("person"))
    if person_pk is not None:
        person = person_for_write(request.user, person_pk, MANAGE_ADMISSION)
    form = ApplicationForm(request.POST or None, initial={"person": person.pk if person else None})
    if request.method == "POST" and person and form.is_valid():
        try:
            app = applications.application_create(
                actor=request.user,
                person=person,
                applied_on=form.cleaned_data["applied_on"],
                note=form.cleaned_data["note"],
            )
        except ValidationError as e:
            attach_errors(form, e)
        else:
            messages.success(request, _("Application recorded."))
            return redirect("admission:detail", app.pk)
    return render(
        request, "admission/application_form.html", {"form": form, "person": person, "q": q, "candidates": candidates}
    )


def _step_forms(request, app):
    """The forms of the steps this user may take next on this application."""
    user = request.user
    branch_ok = scope.has_perm(user, MANAGE_ADMISSION, app.organization)
    parent = app.organization.parent or app.organization
    above_ok = scope.has_perm(user, APPROVE_ADMISSION, parent)
    initial = {"version": app.version}
    forms = []
    for step, (allowed, _to, by_above) in STEPS.items():
        if app.status not in allowed or not (above_ok if by_above else branch_ok):
            continue
        if step == Step.MEETING:
            continue  # a meeting votes on a batch: its own page
        if step == Step.CEREMONY:
            continue  # ceremonies are recorded for several new members at once
        if step == Step.PREREVIEW and app.prereviewed_on:
            continue
        if step == Step.ARCHIVE and app.archived_on:
            continue
        if step == Step.TRAINING:
            form = TrainingForm(
                initial={
                    **initial,
                    "guides": app.guides,
                    "assessment": app.assessment,
                }
            )
        elif step == Step.PREREVIEW:
            form = PrereviewForm(initial=initial)
        elif step == Step.INTRODUCERS:
            form = IntroducersForm(initial=initial, members=selectors.introducer_choices(app))
        elif step == Step.ARCHIVE:
            form = ArchiveForm(initial=initial)
        else:
            form = StepForm(initial=initial)
        # The approval draws a number and starts a membership: asked to confirm.
        forms.append({"step": step, "label": Step(step).label, "form": form, "confirm": step == Step.APPROVE})
    return forms


@login_required
def application_detail(request, pk: int):
    app = selectors.application_get(request.user, pk)
    if not scope.has_perm(request.user, VIEW_ADMISSION, app.organization):
        return redirect("admission:mine")
    due, _step = selectors.due_date(app)
    return render(
        request,
        "admission/application_detail.html",
        {
            "app": app,
            **lessons.lesson_context(request, app),
            "steps": app.steps.select_related("actor"),
            "step_forms": _step_forms(request, app),
            "missing": selectors.missing_for_next(app),
            "due": due,
            **selectors.application_flags(request.user, app),
            "reason_form": ReasonForm(initial={"version": app.version}),
        },
    )


STEP_SERVICES = {
    Step.INTERVIEW: (StepForm, applications.application_interview),
    Step.ACTIVIST: (StepForm, applications.application_activist),
    Step.TRAINING: (TrainingForm, applications.application_training),
    Step.CANDIDATE: (StepForm, applications.application_candidate),
    Step.PREREVIEW: (PrereviewForm, applications.application_prereview),
    Step.INTRODUCERS: (IntroducersForm, applications.application_introducers),
    Step.APPROVE: (StepForm, approvals.application_approve),
    Step.ARCHIVE: (ArchiveForm, applications.application_archive),
}


@login_required
@require_POST
def application_step(request, pk: int, step: str):
    app = selectors.application_get(request.user, pk, perm=VIEW_ADMISSION)
    if step not in STEP_SERVICES:
        raise Http404
    require_step(request.user, app, step)
    form_class, service = STEP_SERVICES[step]
    kwargs = {"members": selectors.introducer_choices(app)} if form_class is IntroducersForm else {}
    form = form_class(request.POST, request.FILES, **kwargs)
    if not form.is_valid():
        messages.error(request, "; ".join(" ".join(errs) for errs in form.errors.values()))
        return redirect("admission:detail", app.pk)
    data = dict(form.cleaned_data)
    version = data.pop("version", None)
    if step == Step.INTRODUCERS:
        data = {"first": data["first"], "second": data["second"], "on": data["on"]}
    if step == Step.ARCHIVE:
        data.pop("note", None)
    try:
        service(actor=request.user, application=app, version=version, **data)
    except ValidationError as e:
        messages.error(request, " ".join(e.messages))
    else:
        messages.success(request, _("%(step)s recorded.") % {"step": Step(step).label})
    return redirect("admission:detail", app.pk)


@login_required
@require_POST
def application_send_back(request, pk: int):
    return _reasoned(request, pk, applications.application_send_back, _("Sent back one step."))


@login_required
@require_POST
def application_close(request, pk: int):
    return _reasoned(request, pk, applications.application_close, _("Application closed."))


def _reasoned(request, pk, service, done):
    app = selectors.application_get(request.user, pk, perm=VIEW_ADMISSION)
    scope.require(request.user, MANAGE_ADMISSION, app.organization)
    form = ReasonForm(request.POST)
    form.is_valid()
    try:
        service(
            actor=request.user,
            application=app,
            reason=form.cleaned_data.get("reason", ""),
            version=form.cleaned_data.get("version"),
        )
    except ValidationError as e:
        messages.error(request, " ".join(e.messages))
    else:
        messages.success(request, done)
    return redirect("admission:detail", app.pk)


@login_required
def meeting_create(request):
    scope.require_any(request.user, MANAGE_ADMISSION)
    branch = organization_picked(request, MANAGE_ADMISSION)
    if branch is None:
        raise Http404
    form = MeetingForm(
        request.POST or None,
        candidates=selectors.meeting_candidates(request.user, branch),
        initial={"voting_members": selectors.voting_members(branch)},
    )
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            meetings.meeting_hold(
                actor=request.user,
                branch=branch,
                held_on=d["held_on"],
                voting_members=d["voting_members"],
                present=d["present"],
                chair=d["chair"],
                recorder=d["recorder"],
                minutes=d["minutes"],
                votes=form.votes(),
                voting_reason=d["voting_reason"],
            )
        except ValidationError as e:
            attach_errors(form, e)
        else:
            messages.success(request, _("General meeting recorded."))
            return redirect(f"{reverse('admission:board')}?organization={branch.pk}")
    return render(request, "admission/meeting_form.html", {"form": form, "branch": branch})
