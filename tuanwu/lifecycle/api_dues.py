"""API of dues: the monthly amount, an organization's ledger and collection rate, my dues, payments, pay bands,
bills of WeChat Pay and Alipay and their lines, and the monthly statement; through the pages' selectors and
services. Money is integer fen."""

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils import timezone
from ninja import File, Query, Schema, Status
from ninja.files import UploadedFile
from ninja.pagination import paginate
from pydantic import Field

from tuanwu.accounts.roles import MANAGE_LIFECYCLE, VIEW_SELF
from tuanwu.core.pagination import ApiPagination
from tuanwu.core.params import Id, Year
from tuanwu.organizations import scope
from tuanwu.sheets.reader import SheetError

from . import dues_rules
from .api import router
from .models.dues import Category, DuesDecision, DuesPayment
from .selectors import dues as selectors
from .services import dues as services

MONTH_PATTERN = r"^(19|20)\d{2}-(0[1-9]|1[0-2])$"  # a month of the years a membership can have
Month = Field(pattern=MONTH_PATTERN, description="YYYY-MM")
OptionalMonth = Field(None, pattern=MONTH_PATTERN, description="YYYY-MM")


def _month(text: str) -> datetime.date:
    return datetime.date.fromisoformat(f"{text}-01")


class AmountQuery(Schema):
    pay_fen: int | None = Field(None, ge=0, le=10**12)
    category: Category = Category.EMPLOYED
    year: Year | None = None


class AmountOut(Schema):
    year: int
    category: str
    amount_fen: int
    amount: str


@router.get("/dues/amount", response=AmountOut, summary="The monthly dues for a pay after tax (fen) or a category")
def dues_amount(request, query: Query[AmountQuery]):
    year = query.year or timezone.localdate().year
    policy = selectors.installation_policy(year)
    fen = dues_rules.monthly_fen(policy, category=query.category, pay_fen=query.pay_fen)
    return {"year": year, "category": query.category, "amount_fen": fen, "amount": dues_rules.fen_text(fen)}


class MonthOut(Schema):
    month: datetime.date
    due_fen: int
    paid_fen: int
    outstanding_fen: int


class LedgerOut(Schema):
    person_id: int
    name: str
    organization_id: int
    has_band: bool
    due_fen: int
    paid_fen: int
    arrears_fen: int
    months_owed: int


class LedgerDetailOut(LedgerOut):
    months: list[MonthOut]


def _ledger(x, *, months: bool = False) -> dict:
    out = {
        "person_id": x.person_id,
        "name": x.name,
        "organization_id": x.organization_id,
        "has_band": x.has_band,
        "due_fen": x.due,
        "paid_fen": x.paid,
        "arrears_fen": x.arrears,
        "months_owed": x.months_owed,
    }
    if months:
        out["months"] = [
            {"month": m.month, "due_fen": m.due, "paid_fen": m.paid, "outstanding_fen": m.outstanding} for m in x.months
        ]
    return out


class RollupOut(Schema):
    organization_id: int
    organization_name: str
    members: int
    due_fen: int
    paid_fen: int
    arrears_fen: int
    collection_rate: Decimal | None


class SummaryOut(Schema):
    organization_id: int
    year: int
    collection_rate: Decimal | None
    arrears_to_date: Decimal
    members: list[LedgerOut]
    organizations: list[RollupOut]


class YearQuery(Schema):
    year: Year | None = None


@router.get("/dues/organizations/{int:org_id}", response=SummaryOut, summary="An organization's dues")
def dues_summary(request, org_id: Id, query: Query[YearQuery]):
    organization = selectors.dues_organization_get(request.user, org_id)
    year = query.year or timezone.localdate().year
    first, last = datetime.date(year, 1, 1), min(datetime.date(year, 12, 1), timezone.localdate().replace(day=1))
    members = (
        selectors.organization_ledgers(organization, first, last) if organization.is_branch and last >= first else []
    )
    summary = selectors.dues_summary(organization, year)
    rows = [] if organization.is_branch else summary["rows"]
    return {
        "organization_id": organization.pk,
        "year": year,
        "collection_rate": summary["rate"],
        "arrears_to_date": summary["arrears"],
        "members": [_ledger(x) for x in members],
        "organizations": [
            {
                "organization_id": r["organization"].pk,
                "organization_name": r["organization"].name,
                "members": r["members"],
                "due_fen": r["due"],
                "paid_fen": r["paid"],
                "arrears_fen": r["arrears"],
                "collection_rate": r["rate"],
            }
            for r in rows
        ],
    }


@router.get("/dues/mine", response=LedgerDetailOut, summary="My dues, month by month")
def dues_mine(request, query: Query[YearQuery]):
    if not scope.has_any(request.user, VIEW_SELF):
        raise Http404
    ledger = selectors.my_ledger(request.user, query.year or timezone.localdate().year)
    if ledger is None:
        raise Http404
    return _ledger(ledger, months=True)


class PaymentOut(Schema):
    id: int
    person_id: int
    organization_id: int
    amount_fen: int
    paid_on: datetime.date
    first_month: datetime.date
    months: int
    channel: str
    transaction_number: str | None


class PaymentQuery(Schema):
    organization: Id | None = None


@router.get("/dues/payments", response=list[PaymentOut], summary="Dues payments in your scope")
@paginate(ApiPagination)
def payment_list(request, filters: Query[PaymentQuery]):
    organization = selectors.dues_organization_get(request.user, filters.organization) if filters.organization else None
    return selectors.payment_list(request.user, organization)


class PaymentIn(Schema):
    person_id: Id
    amount_fen: int = Field(ge=1, le=10**12)
    paid_on: datetime.date
    first_month: str = Month
    months: int = Field(1, ge=1, le=services.MAX_MONTHS)
    channel: DuesPayment.Channel = DuesPayment.Channel.CASH
    transaction_number: str | None = Field(None, max_length=64)
    note: str = Field("", max_length=200)


@router.post("/dues/payments", response={201: PaymentOut}, summary="Record a member's payment for a run of months")
def payment_create(request, data: PaymentIn):
    person = selectors.person_for_dues(request.user, data.person_id, MANAGE_LIFECYCLE)
    payment = services.payment_record(
        actor=request.user,
        person=person,
        amount_fen=data.amount_fen,
        paid_on=data.paid_on,
        first_month=_month(data.first_month),
        months=data.months,
        channel=data.channel,
        transaction_number=data.transaction_number or None,
        note=data.note,
    )
    return Status(201, payment)


class BandIn(Schema):
    person_id: Id
    valid_from: str = Month
    category: Category
    pay_fen: int | None = Field(None, ge=0, le=10**12)


class BandOut(Schema):
    id: int
    person_id: int
    valid_from: datetime.date
    category: str
    pay_fen: int | None
    version: int


@router.post("/dues/bands", response=BandOut, summary="Enter a member's pay band from a month on")
def band_set(request, data: BandIn):
    person = selectors.person_for_dues(request.user, data.person_id, MANAGE_LIFECYCLE)
    return services.pay_band_set(
        actor=request.user,
        person=person,
        valid_from=_month(data.valid_from),
        category=data.category,
        pay_fen=data.pay_fen,
    )


class DecisionIn(Schema):
    person_id: Id
    meeting_id: Id
    kind: DuesDecision.Kind
    amount_fen: int = Field(0, ge=0, le=10**12)
    first_month: str = Month
    last_month: str | None = OptionalMonth
    reason: str = Field(min_length=1, max_length=200)


class DecisionOut(Schema):
    id: int
    person_id: int
    meeting_id: int
    kind: str
    amount_fen: int
    first_month: datetime.date
    last_month: datetime.date | None
    reason: str


@router.post(
    "/dues/decisions", response={201: DecisionOut}, summary="Record a general meeting's exemption or reduction"
)
def decision_create(request, data: DecisionIn):
    from tuanwu.meetings.selectors.meetings import meeting_get

    person = selectors.person_for_dues(request.user, data.person_id, MANAGE_LIFECYCLE)
    decision = services.dues_decision_record(
        actor=request.user,
        person=person,
        meeting=meeting_get(request.user, data.meeting_id),
        kind=data.kind,
        amount_fen=data.amount_fen,
        first_month=_month(data.first_month),
        last_month=_month(data.last_month) if data.last_month else None,
        reason=data.reason,
    )
    return Status(201, decision)


class BillLineOut(Schema):
    id: int
    organization_id: int
    channel: str
    row: int
    transaction_number: str
    paid_at: datetime.datetime
    payer: str
    memo: str
    amount_fen: int
    status: str
    person_id: int | None
    first_month: datetime.date | None
    months: int
    explanation: str
    version: int


class BillOut(Schema):
    channel: str
    lines: list[BillLineOut]
    duplicates: list[dict]


@router.post(
    "/dues/organizations/{int:org_id}/bills",
    response=BillOut,
    summary="Read a WeChat Pay or Alipay bill and propose its matches",
)
def bill_upload(request, org_id: Id, file: File[UploadedFile]):
    organization = selectors.dues_organization_get(request.user, org_id)
    try:
        result = services.bill_reconcile(
            actor=request.user, organization=organization, data=file.read(), filename=file.name or "bill.csv"
        )
    except SheetError as e:
        raise ValidationError(e.message, code=e.code) from None
    return {
        "channel": result.channel,
        "lines": result.lines,
        "duplicates": [{"row": row, "transaction_number": number} for row, number in result.duplicates],
    }


class BillLineQuery(Schema):
    organization: Id | None = None
    status: str | None = None


@router.get("/dues/bill-lines", response=list[BillLineOut], summary="Bill lines in your scope")
@paginate(ApiPagination)
def bill_line_list(request, filters: Query[BillLineQuery]):
    organization = selectors.dues_organization_get(request.user, filters.organization) if filters.organization else None
    qs = selectors.bill_line_list(request.user, organization)
    return qs.filter(status=filters.status) if filters.status else qs


class ConfirmIn(Schema):
    person_id: Id | None = None
    first_month: str | None = OptionalMonth
    months: int | None = Field(None, ge=1, le=services.MAX_MONTHS)
    version: int | None = None


@router.post("/dues/bill-lines/{int:line_id}/confirm", response=PaymentOut, summary="Confirm a bill line as a payment")
def bill_line_confirm(request, line_id: Id, data: ConfirmIn):
    line = selectors.bill_line_get(request.user, line_id, MANAGE_LIFECYCLE)
    person = selectors.person_for_dues(request.user, data.person_id, MANAGE_LIFECYCLE) if data.person_id else None
    return services.bill_line_confirm(
        actor=request.user,
        line=line,
        person=person,
        first_month=_month(data.first_month) if data.first_month else None,
        months=data.months,
        version=data.version,
    )


class SplitOut(Schema):
    branch_id: int
    branch_name: str
    committee_id: int | None
    collected_fen: int
    branch_fen: int
    committee_fen: int
    county_fen: int
    above_fen: int


class StatementOut(Schema):
    organization_id: int
    month: datetime.date
    collected_fen: int
    kept_fen: int
    rows: list[SplitOut]


class MonthQuery(Schema):
    month: str | None = OptionalMonth


@router.get(
    "/dues/organizations/{int:org_id}/statement",
    response=StatementOut,
    summary="The month's collections and their shares up the tree",
)
def statement(request, org_id: Id, query: Query[MonthQuery]):
    organization = selectors.dues_organization_get(request.user, org_id)
    month = _month(query.month) if query.month else timezone.localdate().replace(day=1)
    found = selectors.statement(organization, month)
    return {
        "organization_id": organization.pk,
        "month": found["month"],
        "collected_fen": found["totals"]["collected"],
        "kept_fen": found["kept"],
        "rows": [
            {
                "branch_id": r["branch"].pk,
                "branch_name": r["branch"].name,
                "committee_id": r["committee"].pk if r["committee"] else None,
                "collected_fen": r["collected"],
                "branch_fen": r["split"].branch,
                "committee_fen": r["split"].committee,
                "county_fen": r["split"].county,
                "above_fen": r["split"].above,
            }
            for r in found["rows"]
        ],
    }
