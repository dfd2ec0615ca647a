"""Pages of the living work plan: the plan on one page, a task, the import with its preview."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tuanwu.accounts.roles import MANAGE_PLAN
from tuanwu.core.dates import requested_year
from tuanwu.core.downloads import attach, file_name
from tuanwu.core.forms import attach_errors
from tuanwu.core.params import parse_id
from tuanwu.organizations import scope
from tuanwu.organizations.selectors import organizations_where
from tuanwu.people.selectors import full_time_cadres

from . import parser, selectors, services
from .forms import NoteForm, PlanConfirmForm, PlanUploadForm, TargetForm, TaskForm
from .report import report_data, report_docx, report_title

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _can_manage(user, plan) -> bool:
    return plan is not None and scope.has_perm(user, MANAGE_PLAN, plan.organization)


@login_required
def dashboard(request):
    year = requested_year(request)
    plan = selectors.plan_for(request.user, year)
    standings = selectors.plan_standings(request.user, plan) if plan else {}
    can_import = scope.county_for(request.user, MANAGE_PLAN) is not None
    return render(
        request,
        "plan/dashboard.html",
        {
            "plan": plan,
            "year": year,
            "standings": standings,
            "counts": selectors.standing_counts(standings),
            "classes": selectors.STANDING_BADGES,
            "can_import": can_import,
        },
    )


@login_required
def plan_import(request):
    if scope.county_for(request.user, MANAGE_PLAN) is None:
        raise Http404
    form = PlanUploadForm(request.POST or None, request.FILES or None)
    preview = None
    if request.method == "POST" and "confirm" in request.POST:
        confirm = PlanConfirmForm(request.POST)
        try:
            if not confirm.is_valid():  # a tampered preview is refused like a broken rule
                raise ValidationError([e for errors in confirm.errors.as_data().values() for e in errors])
            plan = services.plan_import(
                actor=request.user,
                text=confirm.cleaned_data["text"],
                year=confirm.cleaned_data["year"],
                filename=confirm.cleaned_data["filename"],
                replace=confirm.cleaned_data["replace"],
                dropped=confirm.dropped(),
            )
        except ValidationError as e:
            messages.error(request, " ".join(e.messages))
        else:
            messages.success(
                request,
                _("The %(year)d plan is saved. Confirm each target's metric on its task.") % {"year": plan.year},
            )
            return redirect(f"{reverse('plan:dashboard')}?year={plan.year}")
    elif request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            text = parser.read_document(upload.read(), upload.name)
        except ValueError:
            form.add_error("file", _("The file is neither text nor a Word document."))
        else:
            preview = {
                "plan": parser.parse(text, year=form.cleaned_data["year"]),
                "text": text,
                "year": form.cleaned_data["year"],
                "filename": upload.name,
                "replace": form.cleaned_data["replace"],
            }
    return render(request, "plan/import.html", {"form": form, "preview": preview})


@login_required
def task_detail(request, pk: int):
    task = selectors.task_get(request.user, pk)
    plan = task.area.plan
    can_manage = _can_manage(request.user, plan)
    if request.method == "POST" and can_manage:
        form = TaskForm(
            request.POST,
            instance=task,
            organizations=organizations_where(request.user, MANAGE_PLAN),
            cadres=full_time_cadres(plan.organization),
        )
        if form.is_valid():
            data = {k: v for k, v in form.cleaned_data.items() if k != "version"}
            try:
                services.task_update(actor=request.user, task=task, version=form.cleaned_data.get("version"), **data)
            except ValidationError as e:
                attach_errors(form, e)
            else:
                messages.success(request, _("Task saved."))
                return redirect("plan:task", task.pk)
    else:
        form = (
            TaskForm(
                instance=task,
                organizations=organizations_where(request.user, MANAGE_PLAN),
                cadres=full_time_cadres(plan.organization),
            )
            if can_manage
            else None
        )
    targets = [
        {"standing": selectors.standing(request.user, t, plan.year), "form": TargetForm(instance=t, prefix=f"t{t.pk}")}
        for t in task.targets.all()
    ]
    return render(
        request,
        "plan/task.html",
        {
            "task": task,
            "plan": plan,
            "form": form,
            "targets": targets,
            "notes": task.notes.select_related("author"),
            "milestones": task.milestones.all(),
            "today": timezone.localdate(),
            "note_form": NoteForm(),
            "can_manage": can_manage,
            "can_note": can_manage or (task.owner and scope.has_perm(request.user, MANAGE_PLAN, task.owner)),
            "classes": selectors.STANDING_BADGES,
        },
    )


@login_required
@require_POST
def target_update(request, pk: int):
    target = selectors.target_get(request.user, pk, perm=MANAGE_PLAN)
    task = target.task
    if request.POST.get("delete"):
        services.target_delete(actor=request.user, target=target)
        messages.success(request, _("Target dropped."))
        return redirect("plan:task", task.pk)
    form = TargetForm(request.POST, instance=target, prefix=f"t{target.pk}")
    if form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "version"}
        try:
            services.target_update(actor=request.user, target=target, version=form.cleaned_data.get("version"), **data)
        except ValidationError as e:
            messages.error(request, " ".join(e.messages))
        else:
            messages.success(request, _("Target saved."))
    else:
        messages.error(request, "; ".join(" ".join(v) for v in form.errors.values()))
    return redirect("plan:task", task.pk)


@login_required
@require_POST
def target_confirm(request, pk: int):
    """A person accepts the metric that measures a target."""
    target = selectors.target_get(request.user, pk, perm=MANAGE_PLAN)
    try:
        services.target_binding_confirm(
            actor=request.user, target=target, metric=request.POST.get("metric") or target.metric
        )
    except ValidationError as e:
        messages.error(request, " ".join(e.messages))
    else:
        messages.success(request, _("Metric accepted: the target is scored by it."))
    return redirect("plan:task", target.task_id)


@login_required
@require_POST
def note_add(request, pk: int):
    task = selectors.task_get(request.user, pk)
    plan_org = task.area.plan.organization
    if not scope.has_perm(request.user, MANAGE_PLAN, plan_org):
        scope.require(request.user, MANAGE_PLAN, task.owner or plan_org)
    form = NoteForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, "; ".join(" ".join(v) for v in form.errors.values()))
        return redirect("plan:task", task.pk)
    try:
        services.note_add(actor=request.user, task=task, **form.cleaned_data)
    except ValidationError as e:
        messages.error(request, " ".join(e.messages))
    else:
        messages.success(request, _("Progress recorded."))
    return redirect("plan:task", task.pk)


@login_required
def report(request):
    """The year's summary draft: a print-ready page, or .docx with ?format=docx."""
    year = requested_year(request)
    plan = selectors.plan_for(request.user, year)
    if plan is None:
        raise Http404
    quarter = request.GET.get("quarter", "")
    quarter = int(quarter) if quarter in ("1", "2", "3", "4") else None
    if request.GET.get("format") == "docx":
        response = HttpResponse(report_docx(request.user, plan, quarter=quarter), content_type=DOCX)
        return attach(
            response, file_name(_("Year-end summary draft"), year, f"Q{quarter}" if quarter else "", ext="docx")
        )
    return render(
        request,
        "plan/report.html",
        {
            "plan": plan,
            "title": report_title(plan, quarter),
            "areas": report_data(request.user, plan, quarter=quarter),
            "quarter": quarter,
        },
    )


@login_required
@require_POST
def milestones(request, pk: int):
    """Work the deadline backwards into steps, or mark a step done."""
    task = selectors.task_get(request.user, pk, perm=MANAGE_PLAN)
    try:
        if (milestone_pk := parse_id(request.POST.get("milestone"))) is not None:
            step = task.milestones.filter(pk=milestone_pk).first()
            if step is None:
                raise Http404
            services.milestone_done(
                actor=request.user, milestone=step, done_on=None if step.done_on else timezone.localdate()
            )
        else:
            services.milestones_plan(actor=request.user, task=task)
    except ValidationError as e:
        messages.error(request, " ".join(e.messages))
    return redirect("plan:task", task.pk)
