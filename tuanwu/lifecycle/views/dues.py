"""Dues pages: my dues (a member's own months), an organization's dues (a branch records payments and bands and
sees its arrears; a committee or the county sees its organizations' collection rate and arrears), the bills of
WeChat Pay and Alipay being reconciled, the monthly statement, and the county's policy."""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tuanwu.accounts.roles import MANAGE_LIFECYCLE, VIEW_LIFECYCLE, VIEW_SELF
from tuanwu.audit.policy import county_policy_page
from tuanwu.core.dates import requested_year
from tuanwu.core.forms import attach_errors
from tuanwu.organizations import scope
from tuanwu.sheets.reader import SheetError

from ..forms.dues import BandForm, BillForm, BulkPaymentForm, DecisionForm, PaymentForm, PolicyForm
from ..models.dues import BillLine, DuesPolicy
from ..selectors import dues as selectors
from ..services import dues as services


def _years() -> list[int]:
    this_year = timezone.localdate().year
    return list(range(this_year, this_year - 6, -1))


def _months(year: int) -> tuple[datetime.date, datetime.date]:
    today = timezone.localdate()
    return datetime.date(year, 1, 1), min(datetime.date(year, 12, 1), today.replace(day=1))


@login_required
def home(request):
    """The menu's entry: the dues of the user's own organization."""
    organization = scope.root_for(request.user, VIEW_LIFECYCLE)
    if organization is None:
        if getattr(request.user, "person_id", None) and scope.has_any(request.user, VIEW_SELF):
            return redirect("lifecycle:dues_mine")
        raise Http404
    return organization_page(request, organization.pk)  # the page itself: no round trip for the menu's entry


@login_required
def mine(request):
    if not scope.has_any(request.user, VIEW_SELF):
        raise Http404
    year = requested_year(request)
    if not getattr(request.user, "person_id", None):
        raise Http404
    ledger = selectors.my_ledger(request.user, year)
    person = request.user.person
    if ledger is None:  # a young person or cadre not on the League roll owes no dues
        return render(request, "lifecycle/dues_mine_none.html", {"year": year})
    return render(
        request,
        "lifecycle/dues_mine.html",
        {
            "year": year,
            "years": _years(),
            "ledger": ledger,
            "bands": selectors.person_bands(person),
            "payments": selectors.payments_of(person)[:50],
        },
    )


def _branch_context(request, organization, year):
    first, last = _months(year)
    people = selectors.members_of(organization)
    can_manage = scope.has_perm(request.user, MANAGE_LIFECYCLE, organization)
    today = timezone.localdate()
    return {
        "ledgers": selectors.organization_ledgers(organization, first, last) if last >= first else [],
        "can_manage": can_manage,
        "payment_form": PaymentForm(people=people, initial={"paid_on": today, "first_month": f"{today:%Y-%m}"}),
        "bulk_form": BulkPaymentForm(people=people, initial={"paid_on": today, "first_month": f"{today:%Y-%m}"}),
        "band_form": BandForm(people=people),
        "decision_form": DecisionForm(
            people=people, meetings=selectors.general_meetings_of(request.user, organization)
        ),
    }


@login_required
def organization(request, pk: int):
    return organization_page(request, pk)


def organization_page(request, pk: int):
    organization = selectors.dues_organization_get(request.user, pk)
    year = requested_year(request)
    context = {"organization": organization, "year": year, "years": _years()}
    if organization.is_branch:
        context.update(_branch_context(request, organization, year))
        return render(request, "lifecycle/dues_branch.html", context)
    context.update(selectors.dues_summary(organization, year))
    return render(request, "lifecycle/dues_rollup.html", context)


def _branch_post(request, pk: int, form_key: str, build_form, write) -> HttpResponse:
    """One of the branch page's forms posted: build it for the branch's members, let write(form, organization)
    call the service and return the success message, and go back to the page; or show the page again with the
    form's errors (the service's ValidationError beside its fields)."""
    organization = selectors.dues_organization_get(request.user, pk)
    scope.require(request.user, MANAGE_LIFECYCLE, organization)
    form = build_form(organization)
    if form.is_valid():
        try:
            message = write(form.cleaned_data, organization)
        except ValidationError as e:
            attach_errors(form, e)
        else:
            messages.success(request, message)
            return redirect("lifecycle:dues_organization", organization.pk)
    context = {"organization": organization, "year": timezone.localdate().year, "years": _years()}
    context.update(_branch_context(request, organization, context["year"]))
    context[form_key] = form
    return render(request, "lifecycle/dues_branch.html", context)


def _person(request, data):
    return selectors.person_for_dues(request.user, data["person"], MANAGE_LIFECYCLE)


@login_required
@require_POST
def payment_create(request, pk: int):
    def write(data, organization):
        services.payment_record(
            actor=request.user,
            person=_person(request, data),
            amount_fen=data["amount"],
            paid_on=data["paid_on"],
            first_month=data["first_month"],
            months=data["months"],
            channel=data["channel"],
        )
        return _("Payment recorded.")

    return _branch_post(
        request, pk, "payment_form", lambda o: PaymentForm(request.POST, people=selectors.members_of(o)), write
    )


@login_required
@require_POST
def payments_bulk(request, pk: int):
    def write(data, organization):
        made = services.payments_bulk(
            actor=request.user,
            branch=organization,
            person_ids=data["people"],
            paid_on=data["paid_on"],
            first_month=data["first_month"],
            months=data["months"],
            channel=data["channel"],
        )
        return _("%(n)d payments recorded.") % {"n": len(made)}

    return _branch_post(
        request, pk, "bulk_form", lambda o: BulkPaymentForm(request.POST, people=selectors.members_of(o)), write
    )


@login_required
@require_POST
def band_set(request, pk: int):
    def write(data, organization):
        services.pay_band_set(
            actor=request.user,
            person=_person(request, data),
            valid_from=data["valid_from"],
            category=data["category"],
            pay_fen=data["pay"],
        )
        return _("Pay band saved.")

    return _branch_post(
        request, pk, "band_form", lambda o: BandForm(request.POST, people=selectors.members_of(o)), write
    )


@login_required
@require_POST
def decision_record(request, pk: int):
    def build(organization):
        meetings = selectors.general_meetings_of(request.user, organization)
        return DecisionForm(request.POST, people=selectors.members_of(organization), meetings=meetings)

    def write(data, organization):
        services.dues_decision_record(
            actor=request.user,
            person=_person(request, data),
            meeting=selectors.general_meetings_of(request.user, organization).get(pk=data["meeting"]),
            kind=data["kind"],
            amount_fen=data["amount"] or 0,
            first_month=data["first_month"],
            last_month=data["last_month"],
            reason=data["reason"],
        )
        return _("Decision recorded.")

    return _branch_post(request, pk, "decision_form", build, write)


@login_required
def bills(request, pk: int):
    organization = selectors.dues_organization_get(request.user, pk)
    can_manage = scope.has_perm(request.user, MANAGE_LIFECYCLE, organization)
    form = BillForm(request.POST or None, request.FILES or None)
    result = None
    if request.method == "POST":
        scope.require(request.user, MANAGE_LIFECYCLE, organization)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                result = services.bill_reconcile(
                    actor=request.user, organization=organization, data=upload.read(), filename=upload.name
                )
            except SheetError as e:
                form.add_error("file", e.message)
            except ValidationError as e:
                attach_errors(form, e)
            else:
                messages.success(
                    request,
                    _("%(n)d payments read, %(d)d duplicates refused.")
                    % {"n": len(result.lines), "d": len(result.duplicates)},
                )
    lines = selectors.bill_line_list(request.user, organization)
    return render(
        request,
        "lifecycle/dues_bills.html",
        {
            "organization": organization,
            "form": form,
            "result": result,
            "can_manage": can_manage,
            "open_lines": [x for x in lines if x.status in ("certain", "uncertain", "unmatched")],
            "settled_lines": [x for x in lines if x.status in ("confirmed", "dismissed")][:100],
            "certain": sum(1 for x in lines if x.status == BillLine.Status.CERTAIN),
            "people": selectors.members_of(organization),
        },
    )


@login_required
@require_POST
def bills_confirm_certain(request, pk: int):
    organization = selectors.dues_organization_get(request.user, pk)
    scope.require(request.user, MANAGE_LIFECYCLE, organization)
    try:
        made = services.bill_lines_confirm_certain(actor=request.user, organization=organization)
    except ValidationError as e:
        messages.error(request, " ".join(e.messages))
    else:
        messages.success(request, _("%(n)d payments confirmed.") % {"n": len(made)})
    return redirect("lifecycle:dues_bills", organization.pk)


@login_required
@require_POST
def bill_line_confirm(request, pk: int):
    line = selectors.bill_line_get(request.user, pk, MANAGE_LIFECYCLE)
    person = None
    if request.POST.get("person"):
        try:
            person = selectors.person_for_dues(request.user, int(request.POST["person"]), MANAGE_LIFECYCLE)
        except ValueError:
            raise Http404 from None
    first_month = None
    if request.POST.get("first_month"):
        try:
            first_month = datetime.date.fromisoformat(request.POST["first_month"][:7] + "-01")
        except ValueError:
            messages.error(request, _("The first month must be YYYY-MM."))
            return redirect("lifecycle:dues_bills", line.organization_id)
    try:
        months = int(request.POST.get("months") or line.months)
        services.bill_line_confirm(
            actor=request.user,
            line=line,
            person=person,
            first_month=first_month,
            months=months,
            version=int(request.POST["version"]) if request.POST.get("version") else None,
        )
    except ValueError:
        messages.error(request, _("The months must be a number."))
    except ValidationError as e:
        messages.error(request, " ".join(e.messages))
    else:
        messages.success(request, _("Payment confirmed."))
    return redirect("lifecycle:dues_bills", line.organization_id)


@login_required
@require_POST
def bill_line_dismiss(request, pk: int):
    line = selectors.bill_line_get(request.user, pk, MANAGE_LIFECYCLE)
    try:
        services.bill_line_dismiss(actor=request.user, line=line)
    except ValidationError as e:
        messages.error(request, " ".join(e.messages))
    return redirect("lifecycle:dues_bills", line.organization_id)


@login_required
def statement(request, pk: int):
    organization = selectors.dues_organization_get(request.user, pk)
    today = timezone.localdate()
    try:
        month = datetime.date.fromisoformat((request.GET.get("month") or f"{today:%Y-%m}")[:7] + "-01")
    except ValueError:
        month = today.replace(day=1)
    return render(
        request,
        "lifecycle/dues_statement.html",
        {"organization": organization, "statement": selectors.statement(organization, month), "month": month},
    )


@login_required
def policy(request):
    return county_policy_page(
        request, model=DuesPolicy, perm=MANAGE_LIFECYCLE, form_class=PolicyForm, template="lifecycle/dues_policy.html"
    )
