"""The rights mechanism's pages: the county's experts, the rights-coverage register with its gaps per school,
the surveys with their results, and the research report draft."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from tuanwu.accounts.roles import MANAGE_VOICE, VIEW_VOICE
from tuanwu.core.dates import requested_year
from tuanwu.core.downloads import attach, file_name
from tuanwu.core.forms import attach_errors
from tuanwu.organizations import scope
from tuanwu.organizations.selectors import organizations_where

from .. import selectors_rights as sel
from .. import services_rights
from ..forms import ExpertForm, RightsDepartmentForm, SurveyForm

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _county_or_404(request):
    county = scope.county_for(request.user, MANAGE_VOICE)
    if county is None:
        raise Http404
    return county


@login_required
def expert_list(request):
    county = _county_or_404(request)
    form = ExpertForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services_rights.expert_save(actor=request.user, **form.cleaned_data)
        except ValidationError as e:
            attach_errors(form, e)
        else:
            messages.success(request, _("Saved."))
            return redirect("voice:expert_list")
    return render(request, "voice/expert_list.html", {"experts": list(sel.expert_list(county)), "form": form})


@login_required
def expert_edit(request, pk: int):
    county = _county_or_404(request)
    expert = get_object_or_404(sel.expert_list(county), pk=pk)
    initial = {k: getattr(expert, k) for k in ("name", "firm", "phone", "topics", "active")}
    form = ExpertForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services_rights.expert_save(actor=request.user, expert=expert, person=expert.person, **form.cleaned_data)
        except ValidationError as e:
            attach_errors(form, e)
        else:
            messages.success(request, _("Saved."))
            return redirect("voice:expert_list")
    return render(request, "voice/expert_edit.html", {"expert": expert, "form": form})


@login_required
def rights_coverage(request):
    if not scope.has_any(request.user, VIEW_VOICE):
        raise Http404
    rows = sel.coverage_for_viewer(request.user)
    manageable = [r.school.pk for r in rows if scope.has_perm(request.user, MANAGE_VOICE, r.school)]
    form = None
    if manageable:
        schools = organizations_where(request.user, MANAGE_VOICE).filter(pk__in=manageable)
        form = RightsDepartmentForm(request.POST or None, schools=schools)
        if request.method == "POST" and form.is_valid():
            try:
                services_rights.rights_department_set(actor=request.user, **form.cleaned_data)
            except ValidationError as e:
                attach_errors(form, e)
            else:
                messages.success(request, _("Saved."))
                return redirect("voice:rights_coverage")
    elif request.method == "POST":
        raise Http404
    totals = {
        "schools": len(rows),
        "departments": sum(1 for r in rows if r.department),
        "branches": sum(r.branches for r in rows),
        "officers": sum(len(r.covered) for r in rows),
    }
    return render(request, "voice/rights_coverage.html", {"rows": rows, "form": form, "totals": totals})


@login_required
def survey_list(request):
    if not scope.has_any(request.user, MANAGE_VOICE):
        raise Http404
    form = SurveyForm(request.POST or None, organizations=organizations_where(request.user, MANAGE_VOICE))
    if request.method == "POST" and form.is_valid():
        try:
            survey = services_rights.survey_create(actor=request.user, **form.cleaned_data)
        except ValidationError as e:
            attach_errors(form, e)
        else:
            return redirect("voice:survey_detail", pk=survey.pk)
    return render(request, "voice/survey_list.html", {"surveys": list(sel.survey_list(request.user)), "form": form})


@login_required
def survey_detail(request, pk: int):
    survey = sel.survey_get(request.user, pk)
    total, results = sel.survey_results(survey)
    link = request.build_absolute_uri(reverse("voice:survey_answer", args=[survey.token]))
    context = {"survey": survey, "total": total, "results": results, "link": link, "year": survey.opens_on.year}
    return render(request, "voice/survey_detail.html", context)


@login_required
def survey_report(request, pk: int):
    """The research report draft (.docx): the year's case figures of the survey's organization and its results."""
    from ..documents import research_report_docx

    survey = sel.survey_get(request.user, pk)
    year = requested_year(request)
    statistics = sel.case_statistics(request.user, survey.organization, year)
    data = research_report_docx(survey, sel.survey_results(survey), statistics, year)
    return attach(HttpResponse(data, content_type=DOCX), file_name(_("Rights research report"), year, ext="docx"))
