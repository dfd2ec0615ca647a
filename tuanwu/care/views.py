"""The care pages: the register with its filters, a record with its measures, the warmth campaigns with the
people reached, and the assistance projects."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tuanwu.accounts.roles import MANAGE_CARE, VIEW_CARE
from tuanwu.core.forms import attach_errors
from tuanwu.core.pagination import paginate
from tuanwu.organizations import scope
from tuanwu.organizations.selectors import organization_for_write

from . import selectors as sel
from . import services
from .filters import CareRecordFilter
from .forms import (
    CampaignForm,
    CareRecordForm,
    CloseForm,
    DeliveryForm,
    InputForm,
    MeasureForm,
    ProjectForm,
    ResultsForm,
    VisitForm,
    to_fen,
)


def _errors(request, form) -> None:
    messages.error(request, " ".join(m for errs in form.errors.values() for m in errs))


def _done(request, call) -> None:
    try:
        call()
    except ValidationError as e:
        messages.error(request, " ".join(e.messages))
    else:
        messages.success(request, _("Saved."))


@login_required
def record_list(request):
    if not sel.care_register_visible(request.user):
        raise Http404
    filters = CareRecordFilter(request.GET)
    records = filters.filter(sel.care_record_list(request.user))
    return render(
        request,
        "care/record_list.html",
        {
            "filters": filters,
            "page": paginate(request, records),
            "organizations": sel.care_organizations(request.user).filter(depth__lte=3),
            "can_open": scope.has_any(request.user, MANAGE_CARE),
            "can_export": scope.has_any(request.user, VIEW_CARE),
        },
    )


@login_required
def record_create(request):
    scope.require_any(request.user, MANAGE_CARE)
    form = CareRecordForm(
        request.POST or None,
        organizations=sel.care_organizations(request.user, MANAGE_CARE),
        followers=sel.follower_candidates(request.user),
    )
    if request.method == "POST" and form.is_valid():
        d = dict(form.cleaned_data)
        organization = organization_for_write(request.user, d.pop("organization"), MANAGE_CARE)
        follower_pk = d.pop("follower")
        follower = sel.follower_candidates(request.user).filter(pk=follower_pk).first() if follower_pk else None
        person_pk = d.pop("person")
        try:
            person = sel.person_for_care(request.user, person_pk) if person_pk else None
            record = services.care_record_open(
                actor=request.user, organization=organization, follower=follower, person=person, **d
            )
        except Http404:
            form.add_error("person", _("No such person in your scope."))
        except ValidationError as e:
            attach_errors(form, e)
        else:
            messages.success(request, _("Saved."))
            return redirect("care:record_detail", pk=record.pk)
    return render(request, "care/record_form.html", {"form": form})


@login_required
def record_detail(request, pk):
    record = sel.care_record_get(request.user, pk)
    services.care_record_view_record(actor=request.user, record=record, remote_addr=request.META.get("REMOTE_ADDR"))
    can_manage = sel.care_record_can_manage(request.user, record) and record.status == record.Status.OPEN
    return render(
        request,
        "care/record_detail.html",
        {
            "record": record,
            "can_manage": can_manage,
            "measure_form": MeasureForm(),
            "close_form": CloseForm(),
        },
    )


@login_required
@require_POST
def measure_add(request, pk):
    record = sel.care_record_get(request.user, pk)
    form = MeasureForm(request.POST)
    if not form.is_valid():
        _errors(request, form)
        return redirect("care:record_detail", pk=pk)
    d = form.cleaned_data
    case = None
    if d["voice_case"]:
        try:
            case = sel.voice_case_for_care(request.user, d["voice_case"])
        except Http404:
            messages.error(request, _("No such 青年之声 case in your scope."))
            return redirect("care:record_detail", pk=pk)
    _done(
        request,
        lambda: services.care_measure_add(
            actor=request.user,
            record=record,
            kind=d["kind"],
            date=d["date"],
            amount_fen=to_fen(d["amount"]),
            description=d["description"],
            voice_case=case,
        ),
    )
    return redirect("care:record_detail", pk=pk)


@login_required
@require_POST
def record_close(request, pk):
    record = sel.care_record_get(request.user, pk)
    form = CloseForm(request.POST)
    if not form.is_valid():
        _errors(request, form)
        return redirect("care:record_detail", pk=pk)
    d = form.cleaned_data
    _done(
        request,
        lambda: services.care_record_close(
            actor=request.user, record=record, outcome=d["outcome"], closed_on=d["closed_on"]
        ),
    )
    return redirect("care:record_detail", pk=pk)


def _list_with_create(request, form_class, create, rows, template: str, detail: str):
    """A list of the user's campaigns or projects with, for those who manage care, the form to add one."""
    scope.require_any(request.user, VIEW_CARE)
    form = None
    if scope.has_any(request.user, MANAGE_CARE):
        form = form_class(request.POST or None, organizations=sel.care_organizations(request.user, MANAGE_CARE))
    if request.method == "POST":
        if form is None:
            raise Http404
        if form.is_valid():
            d = dict(form.cleaned_data)
            organization = organization_for_write(request.user, d.pop("organization"), MANAGE_CARE)
            try:
                made = create(actor=request.user, organization=organization, **d)
            except ValidationError as e:
                attach_errors(form, e)
            else:
                messages.success(request, _("Saved."))
                return redirect(detail, pk=made.pk)
    return render(request, template, {"page": paginate(request, rows), "form": form})


@login_required
def campaign_list(request):
    return _list_with_create(
        request,
        CampaignForm,
        services.campaign_create,
        sel.campaign_list(request.user),
        "care/campaign_list.html",
        "care:campaign_detail",
    )


@login_required
def campaign_detail(request, pk):
    campaign = sel.campaign_get(request.user, pk)
    can_manage = scope.has_perm(request.user, MANAGE_CARE, campaign.organization)
    form = DeliveryForm(request.POST or None)
    if request.method == "POST":
        scope.require(request.user, MANAGE_CARE, campaign.organization)
        if form.is_valid():
            d = form.cleaned_data
            record = None
            if d["record"]:
                record = sel.care_record_list(request.user).filter(pk=d["record"]).first()
                if record is None:
                    form.add_error("record", _("That care record is not in your register."))
            if not form.errors:
                try:
                    services.campaign_deliver(
                        actor=request.user,
                        campaign=campaign,
                        record=record,
                        name=d["name"],
                        given=d["given"],
                        value_fen=to_fen(d["value"]),
                        delivered_on=d["delivered_on"],
                    )
                except ValidationError as e:
                    attach_errors(form, e)
                else:
                    messages.success(request, _("Saved."))
                    return redirect("care:campaign_detail", pk=pk)
    deliveries = list(campaign.deliveries.all())
    return render(
        request,
        "care/campaign_detail.html",
        {
            "campaign": campaign,
            "deliveries": deliveries,
            "total_fen": sum(d.value_fen for d in deliveries),
            "can_manage": can_manage,
            "form": form,
        },
    )


@login_required
def project_list(request):
    return _list_with_create(
        request,
        ProjectForm,
        services.project_create,
        sel.project_list(request.user),
        "care/project_list.html",
        "care:project_detail",
    )


@login_required
def project_detail(request, pk):
    project = sel.project_get(request.user, pk)
    return render(
        request,
        "care/project_detail.html",
        {
            "project": project,
            "inputs_fen": sum(i.value_fen for i in project.inputs.all()),
            "can_manage": scope.has_perm(request.user, MANAGE_CARE, project.organization),
            "visit_form": VisitForm(),
            "input_form": InputForm(),
            "results_form": ResultsForm(
                initial={"results": project.results, "story_for_publicity": project.story_for_publicity}
            ),
        },
    )


def _project_write(request, pk, form_class, call):
    project = sel.project_get(request.user, pk)
    scope.require(request.user, MANAGE_CARE, project.organization)
    form = form_class(request.POST)
    if form.is_valid():
        _done(request, lambda: call(project, form.cleaned_data))
    else:
        _errors(request, form)
    return redirect("care:project_detail", pk=pk)


@login_required
@require_POST
def project_visit(request, pk):
    return _project_write(
        request,
        pk,
        VisitForm,
        lambda p, d: services.project_visit_add(actor=request.user, project=p, **d),
    )


@login_required
@require_POST
def project_input(request, pk):
    def call(p, d):
        d = dict(d)
        d["value_fen"] = to_fen(d.pop("value"))
        return services.project_input_add(actor=request.user, project=p, **d)

    return _project_write(request, pk, InputForm, call)


@login_required
@require_POST
def project_results(request, pk):
    return _project_write(
        request,
        pk,
        ResultsForm,
        lambda p, d: services.project_results_update(actor=request.user, project=p, **d),
    )
