"""Discipline cases: the list and the detail for the branch and the committee above, the branch's decision, the
committee's approval, the member's appeal and its answer."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tuanwu.accounts.roles import MANAGE_LIFECYCLE, VIEW_LIFECYCLE
from tuanwu.core.forms import attach_errors
from tuanwu.core.pagination import paginate
from tuanwu.core.params import parse_id
from tuanwu.organizations import scope

from ..forms.discipline import AnswerForm, AppealForm, CaseForm, ConcludeForm, DecisionForm
from ..models import DisciplineCase, Sanction
from ..selectors import discipline as selectors
from ..services import discipline as services


@login_required
def case_list(request):
    scope.require_any(request.user, VIEW_LIFECYCLE)
    cases = selectors.discipline_case_list(request.user)
    status = request.GET.get("status", "")
    if status:
        cases = cases.filter(status=status) if status in DisciplineCase.Status.values else cases.none()
    return render(
        request,
        "lifecycle/discipline_list.html",
        {
            "page": paginate(request, cases),
            "status": status,
            "statuses": DisciplineCase.Status.choices,
            "can_create": scope.has_any(request.user, MANAGE_LIFECYCLE),
        },
    )


@login_required
def case_create(request):
    scope.require_any(request.user, MANAGE_LIFECYCLE)
    people = list(selectors.sanctionable_members(request.user))
    posts = list(selectors.open_posts_in_scope(request.user))
    form = CaseForm(
        request.POST or None,
        people=people,
        posts=posts,
        initial={"person": parse_id(request.GET.get("person"))},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        person = next(p for p in people if p.pk == data["person"])
        post = next((p for p in posts if p.pk == data["post"]), None)
        try:
            row = services.discipline_case_create(
                actor=request.user,
                person=person,
                sanction=data["sanction"],
                facts=data["facts"],
                decided_on=data["decided_on"],
                statement=data["statement"],
                statement_waived=data["statement_waived"],
                post=post,
                probation_months=data["probation_months"],
            )
        except ValidationError as e:
            attach_errors(form, e)
        else:
            messages.success(request, _("The decision is sent to the committee above for approval."))
            return redirect("lifecycle:discipline_detail", row.pk)
    return render(request, "lifecycle/discipline_form.html", {"form": form, "probation": Sanction.PROBATION})


def _detail(request, case, **forms):
    can_manage = selectors.can_manage(request.user, case)
    can_approve = selectors.can_approve(request.user, case)
    S = DisciplineCase.Status
    initial = {"version": case.version}
    context = {
        "case": case,
        "steps": selectors.discipline_steps(case),
        "decision_form": forms.get("decision") or DecisionForm(initial=initial),
        "appeal_form": forms.get("appeal") or AppealForm(initial=initial),
        "answer_form": forms.get("answer") or AnswerForm(initial=initial),
        "conclude_form": forms.get("conclude") or ConcludeForm(initial=initial),
        "can_decide": can_approve and case.status == S.SUBMITTED,
        "can_appeal": can_manage and case.status in (S.SUBMITTED, S.IN_FORCE) and case.appeal_lodged_on is None,
        "can_answer": can_approve and case.appeal_lodged_on is not None and not case.appeal_result,
        "can_conclude": can_manage and case.status == S.IN_FORCE and case.sanction == Sanction.PROBATION,
    }
    return render(request, "lifecycle/discipline_detail.html", context, status=422 if forms else 200)


@login_required
def case_detail(request, pk: int):
    return _detail(request, selectors.discipline_case_get(request.user, pk))


def _act(request, pk, form_class, key, call, done, allowed):
    case = selectors.discipline_case_get(request.user, pk)
    if not allowed(request.user, case):
        raise PermissionDenied
    form = form_class(request.POST)
    if form.is_valid():
        try:
            call(case, form.cleaned_data)
        except ValidationError as e:
            attach_errors(form, e)
        else:
            messages.success(request, done)
            return redirect("lifecycle:discipline_detail", case.pk)
    return _detail(request, case, **{key: form})


@login_required
@require_POST
def case_decide(request, pk: int):
    def call(case, d):
        if d["decision"] == "approve":
            services.discipline_case_approve(
                actor=request.user, case=case, effective_on=d["effective_on"], note=d["note"], version=d["version"]
            )
        else:
            services.discipline_case_reject(actor=request.user, case=case, note=d["note"], version=d["version"])

    return _act(request, pk, DecisionForm, "decision", call, _("The decision is recorded."), selectors.can_approve)


@login_required
@require_POST
def case_appeal(request, pk: int):
    def call(case, d):
        services.discipline_appeal_lodge(
            actor=request.user, case=case, appeal=d["appeal"], lodged_on=d["lodged_on"], version=d["version"]
        )

    return _act(
        request,
        pk,
        AppealForm,
        "appeal",
        call,
        _("The appeal is recorded; the committee above answers it."),
        selectors.can_manage,
    )


@login_required
@require_POST
def case_answer(request, pk: int):
    def call(case, d):
        services.discipline_appeal_answer(
            actor=request.user, case=case, result=d["result"], answer=d["answer"], version=d["version"]
        )

    return _act(
        request, pk, AnswerForm, "answer", call, _("The answer to the appeal is recorded."), selectors.can_approve
    )


@login_required
@require_POST
def case_conclude(request, pk: int):
    def call(case, d):
        services.discipline_probation_conclude(actor=request.user, case=case, note=d["note"], version=d["version"])

    done = _("The probation has ended; the member's rights are restored.")
    return _act(request, pk, ConcludeForm, "conclude", call, done, selectors.can_manage)
