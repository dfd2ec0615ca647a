"""The handlers' pages: the inbox of the cases in scope, a case with its steps and the forms of the next step,
the county's overview, the holiday tables and the time limits."""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tuanwu.accounts.models import User
from tuanwu.accounts.roles import MANAGE_VOICE, VIEW_VOICE
from tuanwu.audit.policy import county_policy_page
from tuanwu.core.dates import requested_year
from tuanwu.core.forms import attach_errors
from tuanwu.core.ordering import order_list
from tuanwu.core.pagination import paginate
from tuanwu.organizations import scope
from tuanwu.organizations.selectors import organization_picked, organizations_where

from .. import selectors, services, services_cases, services_merge
from ..filters import case_filters
from ..forms import (
    CalendarDayForm,
    ExpertAssignForm,
    HandOutForm,
    HandoverForm,
    HolidayYearForm,
    MergeForm,
    PolicyForm,
    PublishForm,
    TextForm,
    TransferForm,
    WorkOrderForm,
)
from ..models import CalendarDay, Case, HolidayYear, VoicePolicy


def _escalate_lazily() -> None:
    """Listing escalates what fell overdue since the last run, at most every few minutes (the command runs daily)."""
    if cache.add("voice:escalated", 1, 300):
        services_cases.case_escalate_overdue()


CASE_SORTS = {"number": ("number",), "status": ("status",), "due": ("resolution_due",)}


@login_required
def inbox(request):
    if not scope.has_any(request.user, VIEW_VOICE):
        raise Http404
    _escalate_lazily()
    g = request.GET
    cases = selectors.case_list(request.user, **case_filters(request.user, g))
    cases, order = order_list(request, cases, CASE_SORTS)
    page = paginate(request, cases)
    today = timezone.localdate()
    rows = [(case, selectors.is_overdue(case, today)) for case in page]
    return render(
        request,
        "voice/case_list.html",
        {
            "page": page,
            "rows": rows,
            "count": page.paginator.count,
            "order": order,
            "statuses": Case.Status.choices,
            "categories": Case.Category.choices,
            "filters": g,
            "selected_org": organization_picked(request, VIEW_VOICE),
        },
    )


def _handlers_of(case: Case) -> list[User]:
    """Users who may take the case over: holders of MANAGE_VOICE on its organization or above."""
    paths = [case.organization.path[:i] for i in range(4, len(case.organization.path) + 1, 4)]
    users = User.objects.filter(is_active=True, roles__organization__path__in=paths).distinct().order_by("username")
    return [u for u in users if scope.has_perm(u, MANAGE_VOICE, case.organization)]


def _detail(request, case: Case, *, revealed=None, forms=None, status=200):
    flags = selectors.case_flags(request.user, case)
    forms = forms or {}
    context = {
        "case": case,
        "events": list(case.events.all()),
        "attachments": list(case.attachments.all()) if flags.can_handle else [],
        "flags": flags,
        "overdue": selectors.is_overdue(case),
        "contact": revealed or selectors.masked_contact(case),
        "revealed": bool(revealed),
        "reply_form": forms.get("reply") or TextForm(),
        "note_form": forms.get("note") or TextForm(),
        "resolve_form": forms.get("resolve") or TextForm(),
        "followup_form": forms.get("followup") or TextForm(),
        "hand_out_form": HandOutForm(),
        "merge_form": forms.get("merge") or MergeForm(),
        "expert_form": ExpertAssignForm(experts=selectors.experts_for_case(case)) if flags.can_act else None,
        "publish_form": PublishForm(initial={"answer": _last_answer(case)}) if case.consent_publish else None,
        "transfer_form": forms.get("transfer") or TransferForm(county_path=case.organization.county_path),
        "handover_form": forms.get("handover")
        or (HandoverForm(handlers=_handlers_of(case)) if flags.can_act else None),
    }
    return render(request, "voice/case_detail.html", context, status=status)


def _last_answer(case: Case) -> str:
    answers = [e.body for e in case.events.all() if e.kind in ("reply", "resolved")]
    return answers[-1] if answers else ""


@login_required
def work_order(request):
    """A case keyed in from a 12355 or 12345 work order, its clock running from the hotline's receipt."""
    if not scope.has_any(request.user, MANAGE_VOICE):
        raise Http404
    form = WorkOrderForm(request.POST or None, organizations=organizations_where(request.user, MANAGE_VOICE))
    if request.method == "POST" and form.is_valid():
        try:
            case, _code = services_cases.case_from_work_order(actor=request.user, **form.cleaned_data)
        except ValidationError as e:
            attach_errors(form, e)
        else:
            messages.success(request, _("The work order is case %(number)s.") % {"number": case.number})
            return redirect("voice:case_detail", pk=case.pk)
    return render(request, "voice/work_order.html", {"form": form})


@login_required
def case_detail(request, pk: int):
    case = selectors.case_get(request.user, pk)
    services_cases.case_view_record(actor=request.user, case=case, remote_addr=request.META.get("REMOTE_ADDR"))
    return _detail(request, case)


@login_required
def attachment_download(request, pk: int, attachment_pk: int):
    case = selectors.case_get(request.user, pk)
    if not scope.has_perm(request.user, MANAGE_VOICE, case.organization):
        raise Http404
    attachment = get_object_or_404(case.attachments, pk=attachment_pk)
    response = FileResponse(attachment.file.open("rb"), content_type=attachment.content_type)
    response["Content-Disposition"] = f'inline; filename="{attachment.file.name.rsplit("/", 1)[-1]}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
@require_POST
def case_reveal(request, pk: int):
    case = selectors.case_get(request.user, pk)
    revealed = services_cases.case_reveal(actor=request.user, case=case, remote_addr=request.META.get("REMOTE_ADDR"))
    return _detail(request, case, revealed=revealed)


ACTIONS = (
    "take",
    "reply",
    "note",
    "resolve",
    "followup",
    "transfer",
    "handover",
    "hand_out",
    "publish",
    "unpublish",
    "merge",
    "expert",
)


@login_required
@require_POST
def case_act(request, pk: int, action: str):
    case = selectors.case_get(request.user, pk)
    if action not in ACTIONS:
        raise Http404
    if not scope.has_perm(request.user, MANAGE_VOICE, case.organization):
        raise PermissionDenied
    if action == "transfer":
        form = TransferForm(request.POST, county_path=case.organization.county_path)
    elif action == "handover":
        form = HandoverForm(request.POST, handlers=_handlers_of(case))
    elif action == "hand_out":
        form = HandOutForm(request.POST)
    elif action == "publish":
        form = PublishForm(request.POST)
    elif action == "merge":
        form = MergeForm(request.POST)
    elif action == "expert":
        form = ExpertAssignForm(request.POST, experts=selectors.experts_for_case(case))
    else:
        form = TextForm(request.POST)
    try:
        if action == "take":
            services_cases.case_take(actor=request.user, case=case)
        elif action == "unpublish":
            services_cases.case_unpublish(actor=request.user, case=case)
        elif not form.is_valid():
            raise ValidationError(_("Please correct the form."), code="INVALID")
        else:
            data = form.cleaned_data
            if action == "reply":
                services_cases.case_reply(actor=request.user, case=case, body=data["body"])
            elif action == "note":
                services_cases.case_note(actor=request.user, case=case, body=data["body"])
            elif action == "resolve":
                services_cases.case_resolve(actor=request.user, case=case, body=data["body"])
            elif action == "followup":
                services_cases.case_followup(actor=request.user, case=case, body=data["body"])
            elif action == "hand_out":
                services_cases.case_hand_out(actor=request.user, case=case, **data)
            elif action == "publish":
                services_cases.case_publish(actor=request.user, case=case, **data)
            elif action == "merge":
                services_merge.case_merge(actor=request.user, case=case, **data)
            elif action == "expert":
                services_merge.case_expert_assign(actor=request.user, case=case, expert=data["expert"])
            elif action == "transfer":
                services_cases.case_transfer(
                    actor=request.user, case=case, to_organization=data["to_organization"], reason=data["reason"]
                )
                messages.success(request, _("The case was transferred."))
                return redirect("voice:inbox")
            else:
                to_user = get_object_or_404(User, pk=data["to_user"])
                services_cases.case_handover(actor=request.user, case=case, to_user=to_user, reason=data["reason"])
    except ValidationError as e:
        if form.is_bound and action not in ("take", "unpublish"):
            attach_errors(form, e)
        messages.error(request, " ".join(e.messages))
        return redirect("voice:case_detail", pk=case.pk)
    messages.success(request, _("Saved."))
    return redirect("voice:case_detail", pk=case.pk)


@login_required
def overview(request):
    if not scope.has_any(request.user, VIEW_VOICE):
        raise Http404
    _escalate_lazily()
    year = requested_year(request)
    summary = selectors.case_summary(request.user, year=year)
    labels = dict(Case.Category.choices)
    return render(
        request,
        "voice/overview.html",
        {
            "summary": summary,
            "year": year,
            "by_category": [(labels.get(k, k), n) for k, n in sorted(summary.by_category.items())],
        },
    )


def _county_or_404(request):
    county = scope.county_for(request.user, MANAGE_VOICE)
    if county is None:
        raise Http404
    return county


@login_required
def calendar(request):
    _county_or_404(request)
    form = HolidayYearForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            table = services.holiday_year_create(actor=request.user, **form.cleaned_data)
        except ValidationError as e:
            attach_errors(form, e)
        else:
            return redirect("voice:calendar_year", year=table.year)
    years = list(HolidayYear.objects.all())
    return render(request, "voice/calendar.html", {"years": years, "form": form})


@login_required
def calendar_year(request, year: int):
    _county_or_404(request)
    table = get_object_or_404(HolidayYear, year=year)
    form = CalendarDayForm(request.POST or None, initial={"date": datetime.date(year, 1, 1)})
    if request.method == "POST":
        remove = request.POST.get("remove")
        if remove:
            day = get_object_or_404(CalendarDay, table=table, pk=remove)
            services.calendar_day_remove(actor=request.user, day=day)
            messages.success(request, _("Removed."))
            return redirect("voice:calendar_year", year=year)
        if form.is_valid():
            try:
                services.calendar_day_set(actor=request.user, table=table, **form.cleaned_data)
            except ValidationError as e:
                attach_errors(form, e)
            else:
                messages.success(request, _("Saved."))
                return redirect("voice:calendar_year", year=year)
    days = list(table.days.order_by("date"))
    return render(
        request,
        "voice/calendar_year.html",
        {"table": table, "days": days, "form": form, "statutory": sum(1 for d in days if d.statutory)},
    )


@login_required
def policy(request):
    return county_policy_page(
        request, model=VoicePolicy, perm=MANAGE_VOICE, form_class=PolicyForm, template="voice/policy.html"
    )
