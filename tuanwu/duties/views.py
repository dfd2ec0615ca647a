"""The 履职 pages: terms with their seats and the year's counts, a person's year (printable), the phone form
to record a duty, the member's own page and the year's table as .xlsx."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from tuanwu.accounts.roles import MANAGE_DUTIES, VIEW_DUTIES
from tuanwu.core.dates import requested_year
from tuanwu.core.downloads import attach, dated_name
from tuanwu.core.forms import attach_errors
from tuanwu.organizations import scope
from tuanwu.organizations.selectors import organization_for_write, organizations_where

from . import selectors as sel
from . import services
from .exports import duties_xlsx
from .forms import DutyForm, MandateEndForm, MandateForm, TermEditForm, TermForm
from .models import DutyKind, ProposalStatus
from .workflow import PROPOSAL_TRANSITIONS


@login_required
def term_list(request):
    scope.require_any(request.user, VIEW_DUTIES)
    year = requested_year(request)
    return render(
        request,
        "duties/term_list.html",
        {"terms": sel.term_list(request.user), "year": year, "can_manage": scope.has_any(request.user, MANAGE_DUTIES)},
    )


@login_required
def term_create(request):
    scope.require_any(request.user, MANAGE_DUTIES)
    managed = list(organizations_where(request.user, MANAGE_DUTIES)[:200])
    form = TermForm(request.POST or None, initial={"organization": managed[0].pk if managed else None})
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        organization = organization_for_write(request.user, d.pop("organization"), MANAGE_DUTIES)
        try:
            term = services.term_add(actor=request.user, organization=organization, **d)
        except ValidationError as e:
            attach_errors(form, e)
        else:
            messages.success(request, _("Saved."))
            return redirect("duties:term_detail", pk=term.pk)
    return render(request, "duties/term_form.html", {"form": form, "organizations": managed})


@login_required
def term_edit(request, pk):
    term = sel.term_get(request.user, pk)
    scope.require(request.user, MANAGE_DUTIES, term.organization)
    initial = {"name": term.name, "starts_on": term.starts_on, "ends_on": term.ends_on}
    form = TermEditForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.term_update(actor=request.user, term=term, **form.cleaned_data)
        except ValidationError as e:
            attach_errors(form, e)
        else:
            messages.success(request, _("Saved."))
            return redirect("duties:term_detail", pk=term.pk)
    return render(request, "duties/term_form.html", {"form": form, "term": term})


@login_required
def term_detail(request, pk):
    term = sel.term_get(request.user, pk)
    year = requested_year(request)
    rows = sel.term_summary(request.user, term, year)
    return render(
        request,
        "duties/term_detail.html",
        {
            "term": term,
            "year": year,
            "rows": rows,
            "kinds": DutyKind.choices,
            "idle": sum(1 for r in rows if r.nothing_recorded),
            "can_manage": sel.term_can_manage(request.user, term),
        },
    )


@login_required
def mandate_create(request, pk):
    term = sel.term_get(request.user, pk)
    scope.require(request.user, MANAGE_DUTIES, term.organization)
    form = MandateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        d = dict(form.cleaned_data)
        try:
            person = sel.person_find(request.user, d.pop("person"))
            services.mandate_add(actor=request.user, term=term, person=person, **d)
        except ValidationError as e:
            attach_errors(form, e if hasattr(e, "error_dict") else ValidationError({"person": e}))
        else:
            messages.success(request, _("Saved."))
            return redirect("duties:term_detail", pk=term.pk)
    return render(request, "duties/mandate_form.html", {"form": form, "term": term})


@login_required
@require_POST
def mandate_end(request, pk):
    mandate = sel.mandate_get(request.user, pk, MANAGE_DUTIES)
    form = MandateEndForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(_("Give the last day of the mandate."), code="DATE_REQUIRED")
        services.mandate_end(actor=request.user, mandate=mandate, until_on=form.cleaned_data["until_on"])
    except ValidationError as e:
        messages.error(request, " ".join(e.messages))
    else:
        messages.success(request, _("The mandate has ended."))
    return redirect("duties:term_detail", pk=mandate.term_id)


@login_required
def duty_create(request, pk):
    mandate = sel.mandate_get(request.user, pk)
    own = getattr(request.user, "person_id", None) == mandate.person_id
    if not own:
        scope.require(request.user, MANAGE_DUTIES, mandate.term.organization)
    form = DutyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.duty_record(actor=request.user, mandate=mandate, **form.cleaned_data)
        except ValidationError as e:
            attach_errors(form, e)
        else:
            messages.success(request, _("Duty recorded."))
            return redirect("duties:my" if own else "duties:term_detail", **({} if own else {"pk": mandate.term_id}))
    return render(request, "duties/duty_form.html", {"form": form, "mandate": mandate})


PROPOSAL_STEPS = {
    ProposalStatus.ADOPTED: ("duties:proposal_adopt", gettext_lazy("Adopt")),
    ProposalStatus.HANDLED: ("duties:proposal_handle", gettext_lazy("Mark as handled")),
}


@login_required
def person_year(request, person_id):
    mandates = sel.person_year_mandates(request.user, person_id)
    year = requested_year(request)
    context = _person_context(mandates, year)
    managed = {m.term_id for m in context["mandates"] if sel.term_can_manage(request.user, m.term)}
    for d in context["duties"]:
        d.proposal_steps = []
        if d.kind == DutyKind.PROPOSAL and d.mandate.term_id in managed:
            status = ProposalStatus(d.proposal_status or ProposalStatus.SUBMITTED)
            steps = [PROPOSAL_STEPS[to] for to in sorted(PROPOSAL_TRANSITIONS[status])]
            d.proposal_steps = [(reverse(name, args=[d.pk]), label) for name, label in steps]
    return render(request, "duties/person_year.html", context)


def _proposal_step(service, success):
    @login_required
    @require_POST
    def view(request, pk):
        record = sel.proposal_get(request.user, pk)
        try:
            service(actor=request.user, record=record)
        except ValidationError as e:
            messages.error(request, " ".join(e.messages))
        else:
            messages.success(request, success)
        return redirect("duties:person_year", person_id=record.mandate.person_id)

    return view


proposal_adopt = _proposal_step(services.proposal_adopt, _("The proposal is adopted."))
proposal_handle = _proposal_step(services.proposal_handle, _("The proposal is handled."))


def _person_context(mandates, year):
    mandates = list(mandates)
    summary = sel.person_year_summary(mandates, year)
    return {
        "person": mandates[0].person,
        "mandates": mandates,
        "summary": summary,
        "kinds": DutyKind.choices,
        "duties": sel.person_duties(mandates, year),
        "year": year,
    }


@login_required
def my_duties(request):
    mandates = sel.my_mandates(request.user)
    if not getattr(request.user, "person_id", None):
        raise Http404
    year = requested_year(request)
    context = _person_context(mandates, year) if mandates.exists() else {"mandates": [], "year": year}
    context["mine"] = True
    context["print_url"] = reverse("duties:person_year", args=[request.user.person_id])
    return render(request, "duties/my.html", context)


@login_required
def export(request):
    scope.require_any(request.user, VIEW_DUTIES)
    year = requested_year(request)
    data, _count = duties_xlsx(request.user, year)
    response = HttpResponse(data, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    return attach(response, dated_name(_("Duties of committee members and delegates"), year))
