"""Pages to import a file (check, then confirm), export a list, and follow one's own jobs."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tuanwu.core.downloads import attach, file_name
from tuanwu.core.pagination import paginate
from tuanwu.organizations import scope
from tuanwu.sheets.registry import EXPORTS, IMPORTS
from tuanwu.sheets.writer import template

from . import selectors, services
from .forms import ExportForm, UploadForm

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _import_kind(user, kind):
    spec = IMPORTS.get(kind)
    if spec is None or not scope.has_any(user, spec.permission):
        raise Http404
    return spec


@login_required
def import_start(request, kind: str):
    spec = _import_kind(request.user, kind)
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        job = services.import_start(actor=request.user, kind=kind, upload=form.cleaned_data["file"], dry_run=True)
        return redirect("jobs:detail", pk=job.pk)
    columns = spec.spec().columns
    return render(
        request, "jobs/import_start.html", {"form": form, "kind": kind, "label": spec.label(), "columns": columns}
    )


@login_required
def import_template(request, kind: str):
    spec = _import_kind(request.user, kind)
    response = HttpResponse(template(spec.spec(), spec.example, spec.label()), content_type=XLSX)
    return attach(response, file_name(_("%(kind)s import template") % {"kind": spec.label()}))


@login_required
@require_POST
def import_confirm(request, pk: int):
    job = selectors.job_get(request.user, pk)
    try:
        rows = [int(r) for r in request.POST.getlist("confirm") if r.isdigit()]
        new = services.import_confirm(actor=request.user, job=job, confirm_rows=rows)
    except PermissionDenied:
        messages.error(request, _("Only a check without errors can be imported."))
        return redirect("jobs:detail", pk=job.pk)
    return redirect("jobs:detail", pk=new.pk)


@login_required
@require_POST
def export_start(request, kind: str):
    spec = EXPORTS.get(kind)
    if spec is None or not scope.has_any(request.user, spec.permission):
        raise Http404
    form = ExportForm(request.POST)
    if not form.is_valid():
        errors = "; ".join(f"{form.fields[name].label}: {' '.join(errs)}" for name, errs in form.errors.items())
        return HttpResponseBadRequest(
            _("The export was not started: %(errors)s") % {"errors": errors}, content_type="text/plain; charset=utf-8"
        )
    params = {k: v for k, v in request.POST.items() if k not in ("csrfmiddlewaretoken", "count")}
    job = services.export_start(actor=request.user, kind=kind, params=params, rows_hint=form.cleaned_data["count"] or 0)
    if job.status == job.Status.SUCCEEDED:
        return _file(job)
    return redirect("jobs:detail", pk=job.pk)


@login_required
def job_list(request):
    page = paginate(request, selectors.job_list(request.user))
    return render(request, "jobs/job_list.html", {"page": page})


@login_required
def job_detail(request, pk: int):
    job = selectors.job_get(request.user, pk)
    template_name = "jobs/_job_status.html" if request.htmx else "jobs/job_detail.html"
    errors = job.result.get("errors", [])
    # Beyond the import's error cap only the count per rule is kept.
    more = sorted(job.result.get("more_errors", {}).items(), key=lambda item: -item[1])
    return render(
        request,
        template_name,
        {
            "job": job,
            "errors": errors[:200],
            "error_count": len(errors) + sum(n for _code, n in more),
            "more_errors": more,
            "more_count": sum(n for _code, n in more),
            # Rules broken in the past by rows imported all the same, counted by rule.
            "warnings": sorted(job.result.get("warnings", {}).items(), key=lambda item: -item[1]),
            "label": _kind_label(job),
            # A check that found errors offers the corrected file's upload on the same page.
            "reupload": job.action == job.Action.CHECK and job.kind in IMPORTS,
            "conflicts": [e for e in errors if e.get("confirm")]
            if job.action == job.Action.CHECK and errors and services.confirmable(job)
            else [],
        },
    )


@login_required
def job_download(request, pk: int):
    job = selectors.job_get(request.user, pk)
    if not job.output_file:
        raise Http404
    return _file(job)


def _file(job):
    return FileResponse(job.output_file.open("rb"), as_attachment=True, filename=job.output_name, content_type=XLSX)


def _kind_label(job) -> str:
    registry = EXPORTS if job.action == job.Action.EXPORT else IMPORTS
    spec = registry.get(job.kind)
    return spec.label() if spec else job.kind
