"""The yearly evaluation and registration pages: the branches' evaluations, a branch's grades and submission, the
committee's approvals, the registrations, the member's own stamps (团员证) and the county policy."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tuanwu.accounts.roles import APPROVE_LIFECYCLE, MANAGE_LIFECYCLE, VIEW_LIFECYCLE
from tuanwu.audit.policy import county_policy_page
from tuanwu.core.dates import requested_year
from tuanwu.core.downloads import attach
from tuanwu.core.params import YEAR_MAX, YEAR_MIN, parse_id
from tuanwu.organizations import scope
from tuanwu.organizations.models import BRANCH_KINDS
from tuanwu.organizations.selectors import organization_picked

from ..exports_evaluation import evaluation_export, registration_export
from ..forms.evaluation import AnswerForm, AppealForm, DeferForm, MeetingForm, PolicyForm, ReevaluateForm, TalkForm
from ..models.evaluation import Evaluation, Grade, LifecyclePolicy, Registration
from ..selectors import evaluation as selectors
from ..services import evaluation as services

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _xlsx(result) -> HttpResponse:
    data, name, _rows = result
    response = HttpResponse(data, content_type=XLSX)
    return attach(response, name)


def _posted_year(request) -> int:
    try:
        return min(max(int(request.POST.get("year") or request.GET.get("year") or ""), YEAR_MIN), YEAR_MAX)
    except ValueError:
        raise Http404 from None


def _picked(request, perm=VIEW_LIFECYCLE):
    organization = (
        organization_picked(request, perm) if request.GET.get("organization") else scope.root_for(request.user, perm)
    )
    if organization is None:
        raise Http404
    return organization


def _fail(request, error: ValidationError) -> None:
    messages.error(request, " ".join(error.messages))


@login_required
def evaluation_list(request):
    scope.require_any(request.user, VIEW_LIFECYCLE)
    year = requested_year(request)
    organization = _picked(request)
    if request.GET.get("format") == "xlsx":
        return _xlsx(evaluation_export(actor=request.user, params={"organization": organization.pk, "year": year}))
    rows = selectors.branches_under(request.user, organization, year)
    for row in rows:
        row["can_open"] = scope.has_perm(request.user, MANAGE_LIFECYCLE, row["branch"])
    return render(
        request,
        "lifecycle/evaluation_list.html",
        {"organization": organization, "year": year, "rows": rows},
    )


@login_required
@require_POST
def evaluation_open(request):
    branch = organization_picked(request, VIEW_LIFECYCLE)
    if branch is None:
        raise Http404
    try:
        evaluation = services.evaluation_open(actor=request.user, branch=branch, year=_posted_year(request))
    except ValidationError as e:
        _fail(request, e)
        return redirect(reverse("lifecycle:evaluations"))
    return redirect("lifecycle:evaluation_detail", evaluation.pk)


def _detail(request, evaluation: Evaluation, posted=None, status=200):
    user = request.user
    entries = list(selectors.entries_of(evaluation))
    policy = selectors.policy_of(evaluation.organization, evaluation.year)
    can_manage = scope.has_perm(user, MANAGE_LIFECYCLE, evaluation.organization)
    above = evaluation.organization.parent
    can_approve = above is not None and scope.has_perm(user, APPROVE_LIFECYCLE, above)
    editable = evaluation.status in services.EDITABLE
    for entry in entries:
        entry.posted_grade = (posted or {}).get(entry.pk, entry.grade)
    return render(
        request,
        "lifecycle/evaluation_detail.html",
        {
            "evaluation": evaluation,
            "entries": entries,
            "policy": policy,
            "distribution": selectors.distribution(entries, policy.excellent_cap),
            "grades": Grade.choices,
            "meetings": selectors.general_meetings_of(evaluation) if can_manage and editable else [],
            "can_edit": can_manage and editable,
            "can_follow_up": can_manage and evaluation.status == Evaluation.Status.APPROVED,
            "can_decide": can_approve and evaluation.status == Evaluation.Status.SUBMITTED,
            "can_answer": can_approve,
            "meeting_form": MeetingForm(
                initial={
                    "meeting_held_on": evaluation.meeting_held_on,
                    "meeting_expected": evaluation.meeting_expected,
                    "meeting_present": evaluation.meeting_present,
                }
            ),
        },
        status=status,
    )


@login_required
def evaluation_detail(request, pk: int):
    return _detail(request, selectors.evaluation_get(request.user, pk))


@login_required
@require_POST
def evaluation_grades(request, pk: int):
    evaluation = selectors.evaluation_get(request.user, pk)
    entries = list(evaluation.entries.all())
    grades = {e.pk: request.POST.get(f"grade_{e.pk}", "") for e in entries if f"grade_{e.pk}" in request.POST}
    notes = {e.pk: request.POST.get(f"self_{e.pk}", "")[:2000] for e in entries if f"self_{e.pk}" in request.POST}
    opted = {e.pk: f"opt_{e.pk}" in request.POST for e in entries if e.party_member}
    try:
        services.evaluation_grades_set(
            actor=request.user,
            evaluation=evaluation,
            grades=grades,
            self_assessments=notes,
            opted_in=opted,
            version=parse_id(request.POST.get("version")),
        )
    except ValidationError as e:
        _fail(request, e)
        return _detail(request, evaluation, posted=grades, status=422)
    messages.success(request, _("Grades saved."))
    warning = selectors.cap_warning(evaluation)
    if warning:
        messages.warning(request, warning)
    return redirect("lifecycle:evaluation_detail", pk)


@login_required
@require_POST
def evaluation_meeting(request, pk: int):
    evaluation = selectors.evaluation_get(request.user, pk)
    form = MeetingForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(str(m) for errors in form.errors.values() for m in errors))
        return redirect("lifecycle:evaluation_detail", pk)
    data = form.cleaned_data
    meeting = selectors.general_meeting_get(request.user, data["meeting"]) if data.get("meeting") else None
    try:
        services.evaluation_meeting_set(
            actor=request.user,
            evaluation=evaluation,
            meeting=meeting,
            held_on=data.get("meeting_held_on"),
            expected=data.get("meeting_expected"),
            present=data.get("meeting_present"),
            version=data.get("version"),
        )
    except ValidationError as e:
        _fail(request, e)
    else:
        messages.success(request, _("Meeting saved."))
    return redirect("lifecycle:evaluation_detail", pk)


def _step(request, pk: int, service, done: str, **kwargs):
    evaluation = selectors.evaluation_get(request.user, pk)
    try:
        service(actor=request.user, evaluation=evaluation, version=parse_id(request.POST.get("version")), **kwargs)
    except ValidationError as e:
        _fail(request, e)
        return _detail(request, evaluation, status=422)
    messages.success(request, done)
    return redirect("lifecycle:evaluation_detail", pk)


@login_required
@require_POST
def evaluation_submit(request, pk: int):
    return _step(request, pk, services.evaluation_submit, _("Submitted to the committee above."))


@login_required
@require_POST
def evaluation_approve(request, pk: int):
    reason = request.POST.get("reason", "")[:1000]
    return _step(request, pk, services.evaluation_approve, _("Evaluation approved."), reason=reason)


@login_required
@require_POST
def evaluation_return(request, pk: int):
    reason = request.POST.get("reason", "")[:1000]
    return _step(request, pk, services.evaluation_return, _("Evaluation returned to the branch."), reason=reason)


def _entry_step(request, pk: int, form_class, call):
    entry = selectors.entry_get(request.user, pk)
    form = form_class(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(str(m) for errors in form.errors.values() for m in errors))
    else:
        try:
            call(entry, form.cleaned_data)
        except ValidationError as e:
            _fail(request, e)
        else:
            messages.success(request, _("Saved."))
    if request.POST.get("next") == "me":
        return redirect("lifecycle:me")
    return redirect("lifecycle:evaluation_detail", entry.evaluation_id)


@login_required
@require_POST
def entry_talk(request, pk: int):
    return _entry_step(
        request,
        pk,
        TalkForm,
        lambda entry, d: services.entry_talk_record(
            actor=request.user, entry=entry, on=d["talk_on"], note=d["talk_note"]
        ),
    )


@login_required
@require_POST
def entry_reevaluate(request, pk: int):
    return _entry_step(
        request,
        pk,
        ReevaluateForm,
        lambda entry, d: services.entry_reevaluate(
            actor=request.user, entry=entry, grade=d["regrade"], on=d["regraded_on"]
        ),
    )


@login_required
@require_POST
def entry_appeal(request, pk: int):
    return _entry_step(
        request,
        pk,
        AppealForm,
        lambda entry, d: services.entry_appeal(actor=request.user, entry=entry, text=d["appeal"]),
    )


@login_required
@require_POST
def entry_answer(request, pk: int):
    return _entry_step(
        request,
        pk,
        AnswerForm,
        lambda entry, d: services.entry_appeal_answer(
            actor=request.user, entry=entry, answer=d["appeal_answer"], regrade=d["regrade"]
        ),
    )


@login_required
def approvals(request):
    scope.require_any(request.user, APPROVE_LIFECYCLE)
    year = requested_year(request) if request.GET.get("year") else None
    return render(
        request,
        "lifecycle/evaluation_approvals.html",
        {
            "evaluations": list(selectors.approvals_pending(request.user, year)),
            "appeals": list(selectors.appeals_pending(request.user)),
            "year": year,
        },
    )


@login_required
def registrations(request):
    scope.require_any(request.user, VIEW_LIFECYCLE)
    year = requested_year(request)
    organization = _picked(request)
    if request.GET.get("format") == "xlsx":
        return _xlsx(registration_export(actor=request.user, params={"organization": organization.pk, "year": year}))
    rows = selectors.registration_rows(request.user, organization, year)
    only_missing = request.GET.get("status") == "unregistered"
    shown = [r for r in rows if not r.registered] if only_missing else rows
    return render(
        request,
        "lifecycle/evaluation_registrations.html",
        {
            "organization": organization,
            "year": year,
            "rows": shown,
            "total": len(rows),
            "registered": sum(1 for r in rows if r.registered),
            "only_missing": only_missing,
            "policy": selectors.policy_of(organization, year),
            "can_manage": scope.has_perm(request.user, MANAGE_LIFECYCLE, organization),
            "can_register_branch": organization.kind in BRANCH_KINDS
            and scope.has_perm(request.user, MANAGE_LIFECYCLE, organization),
            "grades": dict(Grade.choices),
            "statuses": Registration.Status,
        },
    )


def _back_to_registrations(request, organization_id, year):
    return redirect(f"{reverse('lifecycle:registrations')}?organization={organization_id}&year={year}")


@login_required
@require_POST
def registration_register(request):
    membership = selectors.membership_get(
        request.user, parse_id(request.POST.get("membership") or request.GET.get("membership"))
    )
    year = _posted_year(request)
    try:
        services.registration_register(actor=request.user, membership=membership, year=year)
    except ValidationError as e:
        _fail(request, e)
    else:
        messages.success(
            request, _("%(name)s registered for %(year)s.") % {"name": membership.person.name, "year": year}
        )
    return _back_to_registrations(request, request.POST.get("back") or membership.organization_id, year)


@login_required
@require_POST
def registration_register_branch(request):
    branch = organization_picked(request, VIEW_LIFECYCLE)
    if branch is None:
        raise Http404
    year = _posted_year(request)
    try:
        done, refused = services.registration_register_branch(actor=request.user, branch=branch, year=year)
    except ValidationError as e:
        _fail(request, e)
    else:
        messages.success(request, _("%(n)s members registered.") % {"n": len(done)})
        for membership, reason in refused:
            messages.warning(request, f"{membership.person.name}: {reason}")
    return _back_to_registrations(request, branch.pk, year)


@login_required
@require_POST
def registration_defer(request):
    membership = selectors.membership_get(
        request.user, parse_id(request.POST.get("membership") or request.GET.get("membership"))
    )
    year = _posted_year(request)
    form = DeferForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(str(m) for errors in form.errors.values() for m in errors))
    else:
        try:
            services.registration_defer(
                actor=request.user,
                membership=membership,
                year=year,
                reason=form.cleaned_data["reason"],
                months=form.cleaned_data.get("months"),
            )
        except ValidationError as e:
            _fail(request, e)
        else:
            messages.success(request, _("Registration deferred."))
    return _back_to_registrations(request, request.POST.get("back") or membership.organization_id, year)


@login_required
@require_POST
def registration_close(request, pk: int):
    registration = selectors.registration_get(request.user, pk)
    try:
        services.registration_close(
            actor=request.user,
            registration=registration,
            outcome=request.POST.get("outcome", "")[:1000],
            version=parse_id(request.POST.get("version")),
        )
    except ValidationError as e:
        _fail(request, e)
    else:
        messages.success(request, _("Outcome recorded."))
    return _back_to_registrations(request, request.POST.get("back") or registration.organization_id, registration.year)


@login_required
def me(request):
    person = getattr(request.user, "person", None)
    if person is None:
        raise Http404
    record = selectors.my_record(person)
    for entry in record["entries"]:
        entry.can_appeal = not entry.appeal and entry.evaluated and entry.grade
    return render(request, "lifecycle/evaluation_me.html", {"person": person, "own": True, **record})


@login_required
def person_record(request, pk: int):
    """A member's grades and registration history by year, as the branch and the committees above see it."""
    person = selectors.person_get(request.user, pk)
    record = selectors.my_record(person)
    return render(request, "lifecycle/evaluation_me.html", {"person": person, "own": False, **record})


@login_required
def policy(request):
    return county_policy_page(
        request,
        model=LifecyclePolicy,
        perm=MANAGE_LIFECYCLE,
        form_class=PolicyForm,
        template="lifecycle/evaluation_policy.html",
    )
