"""Pages of programs and honours: projects with their team, steps and service; calls with their entries,
rounds, the judge's scoring page, the result table and its export, the notice, objections and awards."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tuanwu.accounts.roles import MANAGE_PROGRAMS, VIEW_PERSON, VIEW_PROGRAMS
from tuanwu.core.documents import DOCX
from tuanwu.core.downloads import attach, dated_name, file_name
from tuanwu.core.forms import attach_errors
from tuanwu.core.pagination import paginate
from tuanwu.core.verification import document_date
from tuanwu.organizations import scope
from tuanwu.organizations.selectors import organization_for_write, organizations_where
from tuanwu.people.selectors import person_for_write

from . import documents, exports, selectors, services
from .filters import ProjectFilter
from .forms import (
    AnswerForm,
    AssignForm,
    AwardForm,
    CallForm,
    CriterionForm,
    EntryForm,
    MemberForm,
    NoteForm,
    NoticeForm,
    ObjectionForm,
    ProjectForm,
    RoundForm,
    ServiceForm,
    StepForm,
    StyledForm,
)
from .models import Project, ProjectKind
from .rules import TIE_RULE

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _run(request, form, action: Callable[[dict], object], success: str) -> bool:
    """Validate the posted form and call the service; say what went wrong otherwise."""
    if not form.is_valid():
        for errors in form.errors.values():
            messages.error(request, " ".join(errors))
        return False
    try:
        action(form.cleaned_data)
    except ValidationError as e:
        messages.error(request, " ".join(e.messages))
        return False
    messages.success(request, success)
    return True


# Projects -------------------------------------------------------------------------------------------------


@login_required
def project_list(request):
    scope.require_any(request.user, VIEW_PROGRAMS)
    filters = ProjectFilter(request.GET)
    page = paginate(request, filters.filter(selectors.project_list(request.user)))
    return render(
        request,
        "programs/project_list.html",
        {
            "filters": filters.values,
            "page": page,
            "kinds": ProjectKind.choices,
            "stages": Project.Stage.choices,
            "organizations": list(organizations_where(request.user, VIEW_PROGRAMS).filter(depth__lte=3)[:200]),
            "can_manage": scope.has_any(request.user, MANAGE_PROGRAMS),
        },
    )


def _project_form(request, project=None):
    orgs = list(organizations_where(request.user, MANAGE_PROGRAMS)[:500])
    initial = {}
    if project is not None:
        initial = {f: getattr(project, f) for f in ("kind", "title", "starts_on", "ends_on", "place", "plan")}
        initial.update(
            organization=project.organization_id,
            tutor=project.tutor_id,
            budget_yuan=project.budget_fen / 100,
            deliverables=project.deliverables,
        )
    return ProjectForm(request.POST or None, organizations=orgs, initial=initial)


def _tutor(request, pk):
    return person_for_write(request.user, pk, VIEW_PERSON) if pk else None


@login_required
def project_create(request):
    scope.require_any(request.user, MANAGE_PROGRAMS)
    form = _project_form(request)
    if request.method == "POST" and form.is_valid():
        org = organization_for_write(request.user, form.cleaned_data["organization"], MANAGE_PROGRAMS)
        try:
            tutor = _tutor(request, form.cleaned_data["tutor"])
            project = services.project_create(
                actor=request.user, organization=org, tutor=tutor, **form.fields_for_service()
            )
        except ValidationError as e:
            attach_errors(form, e)
        else:
            messages.success(request, _("Project registered."))
            return redirect("programs:project_detail", project.pk)
    return render(request, "programs/project_form.html", {"form": form})


@login_required
def project_edit(request, pk):
    project = selectors.project_get(request.user, pk, MANAGE_PROGRAMS)
    form = _project_form(request, project)
    if request.method == "POST" and form.is_valid():
        try:
            fields = form.fields_for_service()
            fields["tutor"] = _tutor(request, form.cleaned_data["tutor"])
            services.project_update(actor=request.user, project=project, **fields)
        except ValidationError as e:
            attach_errors(form, e)
        else:
            messages.success(request, _("Saved."))
            return redirect("programs:project_detail", project.pk)
    return render(request, "programs/project_form.html", {"form": form, "project": project})


@login_required
def project_detail(request, pk):
    project = selectors.project_get(request.user, pk)
    can_manage = scope.has_perm(request.user, MANAGE_PROGRAMS, project.organization)
    return render(
        request,
        "programs/project_detail.html",
        {
            "project": project,
            **selectors.project_detail(project),
            "can_manage": can_manage,
            "member_form": MemberForm(),
            "step_form": StepForm(),
            "note_form": NoteForm(),
            "service_form": ServiceForm() if project.kind == ProjectKind.SUMMER_PRACTICE else None,
        },
    )


def _project_post(form_class, success, action):
    @login_required
    @require_POST
    def view(request, pk):
        project = selectors.project_get(request.user, pk, MANAGE_PROGRAMS)
        _run(request, form_class(request.POST), lambda d: action(request, project, d), success)
        return redirect("programs:project_detail", project.pk)

    return view


def _member_add(request, project, d):
    person = person_for_write(request.user, d["person"], VIEW_PERSON)
    services.project_member_add(actor=request.user, project=project, person=person, role=d["role"])


project_member_add = _project_post(MemberForm, _("Added to the team."), _member_add)
project_start = _project_post(
    StepForm,
    _("The project is running."),
    lambda r, p, d: services.project_start(actor=r.user, project=p, on=d["on"], note=d["note"]),
)
project_close = _project_post(
    StepForm,
    _("The project is closed."),
    lambda r, p, d: services.project_close(actor=r.user, project=p, on=d["on"], note=d["note"]),
)
project_note = _project_post(
    NoteForm,
    _("Progress recorded."),
    lambda r, p, d: services.progress_note_add(actor=r.user, project=p, written_on=d["written_on"], text=d["text"]),
)
project_service = _project_post(
    ServiceForm,
    _("The team's service is certified in the volunteer ledger."),
    lambda r, p, d: services.project_service_record(
        actor=r.user, project=p, starts_at=d["starts_at"], ends_at=d["ends_at"], category=d["category"]
    ),
)


# Calls ----------------------------------------------------------------------------------------------------


@login_required
def call_list(request):
    scope.require_any(request.user, VIEW_PROGRAMS)
    return render(
        request,
        "programs/call_list.html",
        {
            "page": paginate(request, selectors.call_list(request.user)),
            "can_manage": scope.has_any(request.user, MANAGE_PROGRAMS),
        },
    )


@login_required
def call_create(request):
    scope.require_any(request.user, MANAGE_PROGRAMS)
    orgs = list(organizations_where(request.user, MANAGE_PROGRAMS).filter(depth__lte=2))
    form = CallForm(request.POST or None, organizations=orgs)
    if request.method == "POST" and form.is_valid():
        d = dict(form.cleaned_data)
        org = organization_for_write(request.user, d.pop("organization"), MANAGE_PROGRAMS)
        levels = [(d.pop("level_name"), d.pop("level_cap"))]
        try:
            call = services.call_create(actor=request.user, organization=org, levels=levels, **d)
        except ValidationError as e:
            attach_errors(form, e)
        else:
            messages.success(request, _("Call opened."))
            return redirect("programs:call_detail", call.pk)
    return render(request, "programs/call_form.html", {"form": form})


@login_required
def call_detail(request, pk):
    call = selectors.call_get(request.user, pk)
    can_manage = selectors.may_manage_call(request.user, call)
    entries = selectors.call_entries(request.user, call)
    notice = selectors.notice_of(call)
    own = selectors.project_list(request.user).filter(kind=call.kind)
    recommenders = organizations_where(request.user, MANAGE_PROGRAMS).filter(path__startswith=call.organization.path)
    return render(
        request,
        "programs/call_detail.html",
        {
            "call": call,
            "entries": entries,
            "levels": list(call.levels.all()),
            "rounds": list(call.rounds.all()),
            "notice": notice,
            "can_manage": can_manage,
            "entry_form": EntryForm(projects=own[:200], organizations=recommenders[:200]),
            "round_form": RoundForm(),
            "notice_form": NoticeForm() if can_manage and notice is None else None,
            "objection_form": ObjectionForm(),
            "answer_form": AnswerForm(),
            "award_form": AwardForm(entries=entries, levels=call.levels.all()) if can_manage and notice else None,
            "may_recommend": scope.has_any(request.user, MANAGE_PROGRAMS),
        },
    )


def _call_post(form_class, success, action, perm=MANAGE_PROGRAMS):
    @login_required
    @require_POST
    def view(request, pk):
        call = selectors.call_get(request.user, pk, perm)
        _run(request, form_class(request.POST), lambda d: action(request, call, d), success)
        return redirect("programs:call_detail", call.pk)

    return view


def _entry_create(request, call, d):
    project = selectors.project_get(request.user, d["project"], MANAGE_PROGRAMS)
    org = organization_for_write(request.user, d["recommended_by"], MANAGE_PROGRAMS)
    services.entry_create(actor=request.user, call=call, project=project, recommended_by=org)


def _notice(request, call):
    notice = selectors.notice_of(call)
    if notice is None:
        raise ValidationError(_("Publish the notice first."), code="NO_NOTICE")
    return notice


def _award(request, call, d):
    entry = selectors.entry_get(call, d["entry"])
    level = call.levels.filter(pk=d["level"]).first()
    if level is None:
        raise Http404
    services.award_grant(actor=request.user, entry=entry, level=level)


entry_create = _call_post(EntryForm, _("Recommended."), _entry_create, perm=VIEW_PROGRAMS)
round_create = _call_post(
    RoundForm, _("Round opened."), lambda r, c, d: services.round_create(actor=r.user, call=c, name=d["name"])
)
notice_publish = _call_post(
    NoticeForm,
    _("The notice is published."),
    lambda r, c, d: services.notice_publish(
        actor=r.user, call=c, starts_on=d["starts_on"], days=d["days"], text=d["text"]
    ),
)
objection_record = _call_post(
    ObjectionForm,
    _("Objection recorded."),
    lambda r, c, d: services.objection_record(
        actor=r.user, notice=_notice(r, c), text=d["text"], received_on=d["received_on"]
    ),
)
award_grant = _call_post(AwardForm, _("Award granted."), _award)


@login_required
@require_POST
def objection_answer(request, pk):
    objection = selectors.objection_get(request.user, pk)
    call = objection.notice.call
    _run(
        request,
        AnswerForm(request.POST),
        lambda d: services.objection_answer(
            actor=request.user, objection=objection, answer=d["answer"], answered_on=d["answered_on"]
        ),
        _("Answered."),
    )
    return redirect("programs:call_detail", call.pk)


# Rounds ---------------------------------------------------------------------------------------------------


@login_required
def round_detail(request, pk):
    row = selectors.round_get(request.user, pk)
    sees_call = selectors.call_list(request.user).filter(pk=row.call_id).exists()
    can_manage = selectors.may_manage_call(request.user, row.call)
    criteria = list(row.criteria.all())
    scored = selectors.scored_criteria(row) if can_manage else set()
    entries = selectors.call_entries(request.user, row.call)
    return render(
        request,
        "programs/round_detail.html",
        {
            "round": row,
            "call": row.call,
            "criteria": criteria,
            "progress": selectors.round_progress(row),
            "results": selectors.round_results(row) if sees_call else [],
            "is_judge": selectors.is_judge(request.user, row),
            "can_manage": can_manage,
            "criterion_form": CriterionForm(),
            "assign_form": AssignForm(entries=entries),
            "criterion_rows": [
                {
                    "criterion": c,
                    "locked": c.pk in scored,
                    "form": CriterionForm(
                        initial={"name": c.name, "weight": c.weight, "max_value": c.max_value}, prefix=f"c{c.pk}"
                    ),
                }
                for c in criteria
            ],
            "assignment_rows": [
                dict(
                    line,
                    form=AssignForm(
                        entries=entries,
                        initial={"judge": line["assignment"].judge.username, "entry": line["assignment"].entry_id},
                        prefix=f"a{line['assignment'].pk}",
                    ),
                )
                for line in (selectors.round_assignments(row) if can_manage else [])
            ],
            "tie_rule": _(TIE_RULE),
        },
    )


def _round_post(form_class, success, action):
    @login_required
    @require_POST
    def view(request, pk):
        row = selectors.round_get(request.user, pk)
        scope.require(request.user, MANAGE_PROGRAMS, row.call.organization)
        _run(request, form_class(request.POST), lambda d: action(request, row, d), success)
        return redirect("programs:round_detail", row.pk)

    return view


def _assign(request, row, d):
    judge = selectors.judge_by_username(d["judge"])
    entry = selectors.entry_get(row.call, d["entry"])
    services.judge_assign(actor=request.user, round=row, judge=judge, entry=entry)


criterion_add = _round_post(
    CriterionForm,
    _("Criterion added."),
    lambda r, row, d: services.criterion_add(
        actor=r.user, round=row, name=d["name"], weight=d["weight"], max_value=d["max_value"]
    ),
)
judge_assign = _round_post(AssignForm, _("Judge assigned."), _assign)
round_close = _round_post(
    StyledForm, _("The round is closed."), lambda r, row, d: services.round_close(actor=r.user, round=row)
)


def _round_part_post(get, prefix, form_class, success, action):
    """A change to one criterion or assignment of a round, posted from the round's page."""

    @login_required
    @require_POST
    def view(request, pk):
        part = get(request.user, pk)
        scope.require(request.user, MANAGE_PROGRAMS, part.round.call.organization)
        form = form_class(request.POST, prefix=f"{prefix}{part.pk}") if form_class else StyledForm(request.POST)
        _run(request, form, lambda d: action(request, part, d), success)
        return redirect("programs:round_detail", part.round_id)

    return view


def _reassign(request, assignment, d):
    judge = selectors.judge_by_username(d["judge"])
    entry = selectors.entry_get(assignment.round.call, d["entry"])
    services.judge_assignment_update(actor=request.user, assignment=assignment, judge=judge, entry=entry)


criterion_edit = _round_part_post(
    selectors.criterion_get,
    "c",
    CriterionForm,
    _("Criterion saved."),
    lambda r, c, d: services.criterion_update(
        actor=r.user, criterion=c, name=d["name"], weight=d["weight"], max_value=d["max_value"]
    ),
)
criterion_remove = _round_part_post(
    selectors.criterion_get,
    "c",
    None,
    _("Criterion removed."),
    lambda r, c, d: services.criterion_remove(actor=r.user, criterion=c),
)
assignment_edit = _round_part_post(selectors.assignment_get, "a", AssignForm, _("Assignment saved."), _reassign)
assignment_remove = _round_part_post(
    selectors.assignment_get,
    "a",
    None,
    _("Assignment removed."),
    lambda r, a, d: services.judge_assignment_remove(actor=r.user, assignment=a),
)


@login_required
def round_score(request, pk):
    row = selectors.round_get(request.user, pk)
    if not selectors.is_judge(request.user, row):
        raise Http404
    if request.method == "POST":
        entry = selectors.entry_get(row.call, request.POST.get("entry"))
        values = {}
        for c in row.criteria.all():
            raw = request.POST.get(f"c{c.pk}", "").strip()
            if raw:
                values[c.pk] = raw
        try:
            services.score_save(actor=request.user, round=row, entry=entry, values=values)
        except (ValidationError, ArithmeticError, ValueError) as e:
            messages.error(request, " ".join(getattr(e, "messages", [_("Enter numbers.")])))
        else:
            messages.success(request, _("Scores saved."))
        return redirect("programs:round_score", row.pk)
    return render(
        request,
        "programs/round_score.html",
        {"round": row, "criteria": list(row.criteria.all()), "mine": selectors.my_assignments(request.user, row)},
    )


@login_required
def round_results_xlsx(request, pk):
    row = selectors.round_get(request.user, pk)
    selectors.call_get(request.user, row.call_id)
    data = exports.results_xlsx(row, selectors.round_results(row))
    response = HttpResponse(data, content_type=XLSX)
    return attach(response, dated_name(_("Judging results"), row.call.title, row.name))


# Awards ---------------------------------------------------------------------------------------------------


def _verify_url(request, award) -> str:
    return request.build_absolute_uri(reverse("programs:verify", args=[award.token]))


@login_required
def award_print(request, pk):
    award = selectors.award_get(request.user, pk)
    context = documents.award_context(award, _verify_url(request, award))
    context["pdf"] = documents.pdf_available()
    return render(request, "programs/award_print.html", context)


@login_required
def award_docx(request, pk):
    award = selectors.award_get(request.user, pk)
    data = documents.award_docx(award, _verify_url(request, award))
    response = HttpResponse(data, content_type=DOCX)
    return attach(response, file_name(_("Certificate of honour"), award.number, ext="docx"))


@login_required
def award_pdf(request, pk):
    award = selectors.award_get(request.user, pk)
    if not documents.pdf_available():
        raise Http404
    data = documents.award_pdf(award, _verify_url(request, award))
    response = HttpResponse(data, content_type="application/pdf")
    return attach(response, file_name(_("Certificate of honour"), award.number, ext="pdf"), inline=True)


def verify(request, token: str):
    """Public, no login: the number, the award, the project and its organization, the issuer."""
    award = selectors.award_verify(token)
    return render(
        request,
        "programs/verify.html",
        {
            "number": award.number,
            "level": award.level.name,
            "call": award.call.title,
            "project": award.entry.project.title,
            "organization": award.organization.name,
            "issuer": award.call.organization.full_name or award.call.organization.name,
            "granted_on": document_date(award.granted_on),
        },
    )
