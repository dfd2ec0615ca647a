"""Transfer pages: the member's own transfers and start form, the branch's and committee's incoming and
outgoing boxes, a transfer with its steps and actions, the letter out of the county, the county's pending and
lapsed list, and the graduating classes (学社衔接)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tuanwu.accounts.roles import (
    APPROVE_LIFECYCLE,
    MANAGE_LIFECYCLE,
    VIEW_LIFECYCLE,
    VIEW_PERSONAL_DATA,
    VIEW_SELF,
)
from tuanwu.audit.models import AccessLog
from tuanwu.audit.services import access_log_record
from tuanwu.core.dates import requested_year
from tuanwu.core.downloads import attach, dated_name, file_name
from tuanwu.core.forms import attach_errors
from tuanwu.core.params import parse_id
from tuanwu.organizations import scope
from tuanwu.organizations.selectors import organizations_where

from ..forms.transfers import (
    DESTINATION_CHOICES,
    DecisionForm,
    GraduationDateForm,
    ReceiveForm,
    RequestInForm,
    StartForm,
)
from ..models.transfers import Destination, Transfer
from ..selectors import transfers as selectors
from ..services import transfers as services
from ..transfer_exports import graduates_xlsx, letter_context, letter_docx, transfers_xlsx

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _error(request, error: ValidationError) -> None:
    messages.error(request, " ".join(error.messages))


@login_required
def transfer_list(request):
    scope.require_any(request.user, VIEW_LIFECYCLE)
    services.transfers_lapse()
    box = request.GET.get("box") if request.GET.get("box") in selectors.BOXES else "incoming"
    status = request.GET.get("status", "")
    if status and status != "open" and status not in Transfer.Status.values:
        status = "none"
    rows = selectors.transfer_list(request.user, box=box, status="" if status == "none" else status)
    if status == "none":
        rows = rows.none()
    if request.GET.get("format") == "xlsx":
        response = HttpResponse(transfers_xlsx(rows), content_type=XLSX)
        return attach(response, dated_name(_("Transfers")))
    rows = list(rows[:500])
    member_query = request.GET.get("member", "")[:50]
    return render(
        request,
        "lifecycle/transfer_list.html",
        {
            "rows": rows,
            "member_query": member_query,
            "candidates": selectors.transfer_candidates(request.user, member_query),
            "box": box,
            "status": status,
            "statuses": Transfer.Status.choices,
            "can_manage": scope.has_any(request.user, MANAGE_LIFECYCLE),
        },
    )


@login_required
def transfer_county(request):
    county = scope.county_for(request.user, VIEW_LIFECYCLE)
    if county is None:
        raise Http404
    services.transfers_lapse()
    year = requested_year(request)
    pending = list(selectors.transfer_list(request.user, status="open", organization=county)[:500])
    lapsed = list(selectors.transfer_list(request.user, status=Transfer.Status.LAPSED, organization=county, year=year))
    return render(
        request,
        "lifecycle/transfer_county.html",
        {"county": county, "year": year, "pending": pending, "lapsed": lapsed},
    )


@login_required
def transfer_mine(request):
    person = selectors.own_person(request.user)
    if person is None or not scope.has_any(request.user, VIEW_SELF):
        raise Http404
    choices = selectors.destination_choices(person.organization)
    form = StartForm(request.POST or None, choices=choices)
    if request.method == "POST" and form.is_valid():
        try:
            services.transfer_start(
                actor=request.user,
                person=person,
                destination=selectors.destination_get(person.organization, form.cleaned_data["destination"]),
                external_name=form.cleaned_data["external_name"],
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as e:
            attach_errors(form, e)
        else:
            messages.success(request, _("Your transfer request was sent to your branch's committee."))
            return redirect("lifecycle:transfer_mine")
    is_member = hasattr(person, "membership") and person.membership.is_active
    return render(
        request,
        "lifecycle/transfer_mine.html",
        {"person": person, "rows": list(selectors.transfer_mine(request.user)), "form": form, "can_start": is_member},
    )


@login_required
def transfer_new(request, person_id: int):
    person = selectors.transfer_person_get(request.user, person_id)
    form = StartForm(request.POST or None, choices=selectors.destination_choices(person.organization))
    if request.method == "POST" and form.is_valid():
        try:
            transfer = services.transfer_start(
                actor=request.user,
                person=person,
                destination=selectors.destination_get(person.organization, form.cleaned_data["destination"]),
                external_name=form.cleaned_data["external_name"],
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as e:
            attach_errors(form, e)
        else:
            messages.success(request, _("Transfer started."))
            return redirect("lifecycle:transfer_detail", transfer.pk)
    return render(request, "lifecycle/transfer_form.html", {"form": form, "person": person, "mode": "start"})


def _receiving_side(request):
    organization = scope.root_for(request.user, MANAGE_LIFECYCLE)
    picked = parse_id(request.POST.get("organization") or request.GET.get("organization"))
    if picked:
        organization = organizations_where(request.user, MANAGE_LIFECYCLE).filter(pk=picked).first()
    if organization is None:
        raise Http404
    return organization


@login_required
def transfer_request(request):
    destination = _receiving_side(request)
    form = RequestInForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            transfer = services.transfer_request_in(actor=request.user, destination=destination, **form.cleaned_data)
        except ValidationError as e:
            attach_errors(form, e)
        else:
            messages.success(request, _("Transfer requested."))
            return redirect("lifecycle:transfer_detail", transfer.pk)
    return render(
        request, "lifecycle/transfer_form.html", {"form": form, "destination": destination, "mode": "request"}
    )


@login_required
def transfer_receive(request):
    destination = _receiving_side(request)
    form = ReceiveForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            transfer = services.transfer_receive(actor=request.user, destination=destination, **form.cleaned_data)
        except ValidationError as e:
            attach_errors(form, e)
        else:
            messages.success(request, _("Transfer letter recorded; accept it to register the member."))
            return redirect("lifecycle:transfer_detail", transfer.pk)
    return render(
        request, "lifecycle/transfer_form.html", {"form": form, "destination": destination, "mode": "receive"}
    )


@login_required
def transfer_detail(request, pk: int):
    services.transfers_lapse()
    transfer = selectors.transfer_get(request.user, pk)
    actions = selectors.transfer_actions(request.user, transfer)
    branches = list(selectors.assignable_branches(request.user, transfer)) if actions.needs_branch else []
    return render(
        request,
        "lifecycle/transfer_detail.html",
        {"t": transfer, "actions": actions, "branches": branches, "steps": list(transfer.steps.all())},
    )


def _decide(request, pk: int, step: str):
    transfer = selectors.transfer_get(request.user, pk)
    form = DecisionForm(request.POST)
    form.is_valid()
    data = form.cleaned_data
    try:
        if step == "approve":
            services.transfer_approve(
                actor=request.user, transfer=transfer, version=data.get("version"), reason=data.get("reason") or ""
            )
        elif step == "accept":
            branch = (
                selectors.destination_get(transfer.destination, data.get("branch")) if transfer.destination else None
            )
            services.transfer_accept(
                actor=request.user,
                transfer=transfer,
                branch=branch,
                version=data.get("version"),
                reason=data.get("reason") or "",
            )
        else:
            services.transfer_reject(
                actor=request.user, transfer=transfer, version=data.get("version"), reason=data.get("reason") or ""
            )
    except ValidationError as e:
        _error(request, e)
    else:
        messages.success(request, _("Saved."))
    return redirect("lifecycle:transfer_detail", transfer.pk)


@login_required
@require_POST
def transfer_approve(request, pk: int):
    return _decide(request, pk, "approve")


@login_required
@require_POST
def transfer_accept(request, pk: int):
    return _decide(request, pk, "accept")


@login_required
@require_POST
def transfer_reject(request, pk: int):
    return _decide(request, pk, "reject")


@login_required
def transfer_letter(request, pk: int):
    transfer = selectors.transfer_get(request.user, pk)
    if not selectors.transfer_actions(request.user, transfer).letter:
        raise Http404
    reveal = bool(transfer.origin and scope.has_perm(request.user, VIEW_PERSONAL_DATA, transfer.origin))
    ctx = letter_context(transfer, reveal=reveal)
    if reveal and transfer.person:
        access_log_record(
            actor=request.user,
            action=AccessLog.Action.EXPORT if request.GET.get("format") == "docx" else AccessLog.Action.VIEW,
            organization=transfer.origin,
            fields=["id_number"],
            person=transfer.person,
            subject=_("Transfer letter %(number)s") % {"number": transfer.letter_number},
        )
    if request.GET.get("format") == "docx":
        response = HttpResponse(letter_docx(ctx), content_type=DOCX)
        return attach(response, file_name(_("Transfer letter"), transfer.letter_number, ext="docx"))
    return render(request, "lifecycle/transfer_letter.html", {"t": transfer, "letter": ctx})


# Graduating classes


@login_required
def graduation_list(request):
    scope.require_any(request.user, VIEW_LIFECYCLE)
    year = requested_year(request)
    classes = list(selectors.graduating_class_list(request.user, year=year))
    rows = [(gc, selectors.graduating_class_summary(gc)) for gc in classes]
    unmarked = list(selectors.school_branches(request.user).filter(graduating_class__isnull=True)[:200])
    return render(
        request,
        "lifecycle/transfer_graduation_list.html",
        {"year": year, "rows": rows, "unmarked": unmarked, "form": GraduationDateForm()},
    )


@login_required
@require_POST
def graduation_set(request, organization_id: int):
    branch = selectors.school_branches(request.user).filter(pk=organization_id).first()
    if branch is None:
        scope.require_any(request.user, APPROVE_LIFECYCLE)
        raise Http404
    form = GraduationDateForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the expected graduation date as YYYY-MM-DD."))
        return redirect("lifecycle:graduation_list")
    try:
        gc = services.graduating_class_set(
            actor=request.user, organization=branch, expected_on=form.cleaned_data["expected_on"]
        )
    except ValidationError as e:
        _error(request, e)
        return redirect("lifecycle:graduation_list")
    return redirect("lifecycle:graduation_detail", gc.pk)


@login_required
def graduation_detail(request, pk: int):
    gc = selectors.graduating_class_get(request.user, pk)
    can_send = scope.has_perm(request.user, APPROVE_LIFECYCLE, gc.organization)
    pending = selectors.class_members(gc) if can_send else []
    if request.method == "POST":
        if not can_send:
            raise Http404
        plans = _plans(request, gc, pending)
        try:
            sent = services.graduating_class_send(actor=request.user, graduating_class=gc, plans=plans)
        except ValidationError as e:
            _error(request, e)
        else:
            messages.success(request, _("%(n)d graduates sent.") % {"n": len(sent)})
            return redirect("lifecycle:graduation_detail", gc.pk)
    if request.GET.get("format") == "xlsx":
        response = HttpResponse(
            graduates_xlsx(selectors.class_graduates(gc), selectors.graduating_class_summary(gc)), content_type=XLSX
        )
        return attach(response, file_name(_("Graduates"), gc.organization.name))
    return render(
        request,
        "lifecycle/transfer_graduation_detail.html",
        {
            "gc": gc,
            "summary": selectors.graduating_class_summary(gc),
            "graduates": list(selectors.class_graduates(gc)),
            "pending": pending,
            "can_send": can_send,
            "destinations": DESTINATION_CHOICES,
            "organizations": selectors.destination_choices(gc.organization),
        },
    )


def _plans(request, gc, pending) -> list[services.GraduatePlan]:
    """One plan per member whose destination was chosen on the page (the others stay to be sent later)."""
    plans = []
    for person in pending:
        kind = request.POST.get(f"d{person.pk}", "")
        if kind not in Destination.values:
            continue
        plans.append(
            services.GraduatePlan(
                person=person,
                destination=kind,
                organization=selectors.destination_get(gc.organization, parse_id(request.POST.get(f"o{person.pk}"))),
                external_name=request.POST.get(f"e{person.pk}", "")[:200],
            )
        )
    return plans


@login_required
def policy(request):
    """The county's transfer rules for a year (days to answer, the graduates' season), with their history."""
    from tuanwu.audit.policy import county_policy_page

    from ..forms.transfers import TransferPolicyForm
    from ..models import TransferPolicy

    return county_policy_page(
        request,
        model=TransferPolicy,
        perm=MANAGE_LIFECYCLE,
        form_class=TransferPolicyForm,
        template="lifecycle/transfer_policy.html",
    )
