"""Writes of the dues ledger: the county's policy, a member's pay band, a branch meeting's exemption or
reduction, payments (one or a branch's batch) with their allocation to months, and the bills of WeChat Pay and
Alipay turned into payments once a person confirms the match."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from auditlog.context import set_actor
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tuanwu.accounts.roles import MANAGE_LIFECYCLE
from tuanwu.audit.services import batch_event_record
from tuanwu.core.concurrency import versioned_save
from tuanwu.core.dates import add_months
from tuanwu.organizations import scope
from tuanwu.organizations.models import Organization
from tuanwu.organizations.policy import policy_set
from tuanwu.people.models import Membership, Person

from .. import dues_rules
from ..models.dues import BillLine, Category, DuesAllocation, DuesDecision, DuesPayment, DuesPolicy, PayBand
from ..selectors import dues as selectors

if TYPE_CHECKING:
    from tuanwu.accounts.models import User

MAX_MONTHS = 24


# The bills' names in the batch-event record (stored text, in the county's language).
BILL_NAMES = {"wechat": "微信支付", "alipay": "支付宝"}


def dues_policy_set(
    *, actor: User, county: Organization, year: int, version: int | None = None, **fields: Any
) -> DuesPolicy:
    """Set the county's dues bands and shares for a year (county administrators of the county itself)."""
    return policy_set(
        DuesPolicy, actor=actor, perm=MANAGE_LIFECYCLE, county=county, year=year, version=version, **fields
    )


def _membership(person: Person) -> Membership:
    membership = Membership.objects.filter(person=person).select_related("organization").first()
    if membership is None:
        raise ValidationError(_("%(name)s is not a League member.") % {"name": person.name}, code="NOT_A_MEMBER")
    return membership


def pay_band_set(
    *,
    actor: User,
    person: Person,
    valid_from: datetime.date,
    category: str,
    pay_fen: int | None = None,
    version: int | None = None,
) -> PayBand:
    """Enter a member's pay band from a month on (once; a later band only when the pay or situation changes)."""
    with transaction.atomic(), set_actor(actor):
        membership = _membership(person)
        scope.require(actor, MANAGE_LIFECYCLE, membership.organization)
        if category not in Category.values:
            raise ValidationError(_("Unknown category %(value)s.") % {"value": category}, code="DUES_CATEGORY")
        if category == Category.EMPLOYED and pay_fen is None:
            raise ValidationError(_("A wage earner's band needs the monthly pay after tax."), code="DUES_PAY_MISSING")
        month = valid_from.replace(day=1)
        band = PayBand.objects.select_for_update().filter(person=person, valid_from=month).first()
        if band is None:
            band, version = PayBand(person=person, valid_from=month), None
        band.organization = membership.organization
        band.category = category
        band.pay_fen = pay_fen if category == Category.EMPLOYED else None
        band.entered_by = actor
        versioned_save(band, expected=version)
    return band


def dues_decision_record(
    *,
    actor: User,
    person: Person,
    meeting: Any,
    kind: str,
    first_month: datetime.date,
    last_month: datetime.date | None = None,
    amount_fen: int = 0,
    reason: str,
) -> DuesDecision:
    """Record a branch general meeting's decision to exempt a member or reduce their dues; only a general meeting
    of the member's own branch, already held, can decide it."""
    from tuanwu.meetings.models import Kind as MeetingKind

    with transaction.atomic(), set_actor(actor):
        membership = _membership(person)
        scope.require(actor, MANAGE_LIFECYCLE, membership.organization)
        if meeting.kind != MeetingKind.GENERAL_MEETING or meeting.organization_id != membership.organization_id:
            raise ValidationError(
                _("Only a general meeting of the member's branch can exempt or reduce dues."),
                code="DUES_DECISION_MEETING",
            )
        if meeting.held_on > timezone.localdate():
            raise ValidationError(_("The meeting has not been held yet."), code="DUES_DECISION_FUTURE")
        if last_month is not None and last_month < first_month:
            raise ValidationError(_("The last month is before the first."), code="DUES_DECISION_MONTHS")
        if kind == DuesDecision.Kind.REDUCED and amount_fen <= 0:
            raise ValidationError(_("A reduction needs the reduced amount."), code="DUES_DECISION_AMOUNT")
        decision = DuesDecision(
            person=person,
            organization=membership.organization,
            meeting=meeting,
            kind=kind,
            amount_fen=amount_fen if kind == DuesDecision.Kind.REDUCED else 0,
            first_month=first_month.replace(day=1),
            last_month=last_month.replace(day=1) if last_month else None,
            reason=reason,
        )
        decision.full_clean()
        decision.save()
    return decision


def _payment_create(
    *,
    actor: User | None,
    membership: Membership,
    amount_fen: int,
    paid_on: datetime.date,
    first_month: datetime.date,
    months: int,
    channel: str,
    transaction_number: str | None,
    note: str,
) -> DuesPayment:
    if amount_fen <= 0:
        raise ValidationError(_("The amount must be more than 0."), code="DUES_AMOUNT")
    if not 1 <= months <= MAX_MONTHS:
        raise ValidationError(_("A payment covers 1 to %(n)d months.") % {"n": MAX_MONTHS}, code="DUES_MONTHS")
    first = first_month.replace(day=1)
    if first < membership.join_date.replace(day=1):
        raise ValidationError(
            _("%(name)s joined in %(month)s: dues start in the month of admission.")
            % {"name": membership.person.name, "month": f"{membership.join_date:%Y-%m}"},
            code="DUES_BEFORE_ADMISSION",
        )
    if transaction_number and DuesPayment.objects.filter(transaction_number=transaction_number).exists():
        raise ValidationError(
            _("Transaction %(number)s was recorded already.") % {"number": transaction_number},
            code="DUES_DUPLICATE_TRANSACTION",
        )
    covered = [add_months(first, i) for i in range(months)]
    ledger = selectors.ledgers([membership], covered[0], covered[-1])[membership.person_id]
    outstanding = {row.month: row.outstanding for row in ledger.months}
    payment = DuesPayment(
        person=membership.person,
        organization=membership.organization,
        amount_fen=amount_fen,
        paid_on=paid_on,
        first_month=first,
        months=months,
        channel=channel,
        transaction_number=transaction_number or None,
        note=note,
        recorded_by=actor,
    )
    payment.full_clean()
    try:
        with transaction.atomic():
            payment.save()
    except IntegrityError:
        raise ValidationError(
            _("Transaction %(number)s was recorded already.") % {"number": transaction_number},
            code="DUES_DUPLICATE_TRANSACTION",
        ) from None
    parts = dues_rules.allocate(amount_fen, covered, outstanding)
    DuesAllocation.objects.bulk_create(
        DuesAllocation(payment=payment, person_id=membership.person_id, month=m, amount_fen=fen)
        for m, fen in parts.items()
    )
    return payment


def payment_record(
    *,
    actor: User,
    person: Person,
    amount_fen: int,
    paid_on: datetime.date,
    first_month: datetime.date,
    months: int = 1,
    channel: str = DuesPayment.Channel.CASH,
    transaction_number: str | None = None,
    note: str = "",
) -> DuesPayment:
    """Record a member's payment for a run of months (monthly, a quarter, a year); it pays each month what it still
    owes in order, and what is left over is voluntary dues of the last month."""
    with transaction.atomic(), set_actor(actor):
        membership = _membership(person)
        scope.require(actor, MANAGE_LIFECYCLE, membership.organization)
        return _payment_create(
            actor=actor,
            membership=membership,
            amount_fen=amount_fen,
            paid_on=paid_on,
            first_month=first_month,
            months=months,
            channel=channel,
            transaction_number=transaction_number,
            note=note,
        )


def payments_bulk(
    *,
    actor: User,
    branch: Organization,
    person_ids: list[int],
    paid_on: datetime.date,
    first_month: datetime.date,
    months: int,
    channel: str = DuesPayment.Channel.CASH,
) -> list[DuesPayment]:
    """Record, for several members of a branch at once, each one's dues for the same months (the amount each owes
    for them): all or none."""
    with transaction.atomic(), set_actor(actor):
        scope.require(actor, MANAGE_LIFECYCLE, branch)
        memberships = list(
            Membership.objects.filter(person_id__in=person_ids, organization=branch).select_related(
                "person", "organization"
            )
        )
        if len(memberships) != len(set(person_ids)):
            raise ValidationError(_("Some of the people are not members of this branch."), code="DUES_NOT_IN_BRANCH")
        first = first_month.replace(day=1)
        last = add_months(first, months - 1)
        owed = selectors.ledgers(memberships, first, last)
        created = []
        for m in memberships:
            amount = owed[m.person_id].arrears
            if amount <= 0:
                continue
            created.append(
                _payment_create(
                    actor=actor,
                    membership=m,
                    amount_fen=amount,
                    paid_on=paid_on,
                    first_month=first,
                    months=months,
                    channel=channel,
                    transaction_number=None,
                    note="",
                )
            )
        batch_event_record(
            actor=actor,
            organization=branch,
            kind="dues_payments",
            description=f"批量登记团费{len(created)}笔",
            rows=len(created),
        )
    return created


@dataclass
class Reconciliation:
    """What one bill file gave: lines proposed (certain, uncertain), lines matched to nobody, duplicates refused."""

    channel: str
    lines: list[BillLine]
    duplicates: list[tuple[int, str]]  # (row, transaction number)
    skipped: int  # expense and non-successful lines

    def count(self, status: str) -> int:
        return sum(1 for line in self.lines if line.status == status)


def bill_reconcile(
    *, actor: User, organization: Organization, data: bytes, filename: str, dry_run: bool = False
) -> Reconciliation:
    """Read a WeChat Pay or Alipay bill and propose, for each income line, the member and months it pays: certain
    when exactly one member's name and the amount fit an open obligation (and the memo does not contradict),
    uncertain when several or only some fit, unmatched otherwise. A line whose transaction number is known already
    is refused as a duplicate. Nothing becomes a payment until confirmed."""
    from ..dues_bills import read_bill
    from ..dues_matching import Matcher

    with transaction.atomic(), set_actor(actor):
        scope.require(actor, MANAGE_LIFECYCLE, organization)
        bill = read_bill(data, filename)
        known = set(
            BillLine.objects.filter(transaction_number__in=[r.transaction_number for r in bill.rows]).values_list(
                "transaction_number", flat=True
            )
        ) | set(
            DuesPayment.objects.filter(transaction_number__in=[r.transaction_number for r in bill.rows]).values_list(
                "transaction_number", flat=True
            )
        )
        duplicates: list[tuple[int, str]] = []
        lines: list[BillLine] = []
        seen: set[str] = set()
        incomes = [r for r in bill.rows if r.income]
        until = max((timezone.localtime(r.paid_at).date() for r in incomes), default=timezone.localdate())
        matcher = Matcher(organization, datetime.date(until.year, 12, 1))
        for row in incomes:
            if row.transaction_number in known or row.transaction_number in seen:
                duplicates.append((row.row, row.transaction_number))
                continue
            seen.add(row.transaction_number)
            proposal = matcher.propose(row, taken=lines)
            lines.append(
                BillLine(
                    organization=organization,
                    channel=bill.channel,
                    filename=filename[:200],
                    row=row.row,
                    transaction_number=row.transaction_number,
                    paid_at=row.paid_at,
                    payer=row.payer[:100],
                    memo=row.memo[:200],
                    amount_fen=row.amount_fen,
                    status=proposal.status,
                    person=proposal.person,
                    first_month=proposal.first_month,
                    months=proposal.months,
                    explanation=proposal.explanation[:300],
                    uploaded_by=actor,
                )
            )
        result = Reconciliation(bill.channel, lines, duplicates, len(bill.rows) - len(incomes))
        if not dry_run:
            for line in lines:
                line.full_clean(validate_unique=False)
            try:
                with transaction.atomic():
                    BillLine.objects.bulk_create(lines)
            except IntegrityError:
                # Another upload of the same lines committed in between.
                raise ValidationError(
                    _("Some of these transactions were recorded meanwhile; read the bill again."),
                    code="DUES_DUPLICATE_TRANSACTION",
                ) from None
            batch_event_record(
                actor=actor,
                organization=organization,
                kind="dues_bill",
                description=f"读取{BILL_NAMES.get(bill.channel, bill.channel)}收款账单",
                rows=len(lines),
                file_name=filename[:200],
            )
    return result


def bill_line_confirm(
    *,
    actor: User,
    line: BillLine,
    person: Person | None = None,
    first_month: datetime.date | None = None,
    months: int | None = None,
    version: int | None = None,
) -> DuesPayment:
    """Turn a bill line into the member's payment: the proposal as it stands, or the member and months a person
    picked for an uncertain or unmatched line."""
    with transaction.atomic(), set_actor(actor):
        line = BillLine.objects.select_for_update().get(pk=line.pk)
        scope.require(actor, MANAGE_LIFECYCLE, line.organization)
        if line.status in (BillLine.Status.CONFIRMED, BillLine.Status.DISMISSED):
            raise ValidationError(_("This bill line was settled already."), code="BILL_LINE_SETTLED")
        person = person or line.person
        first_month = first_month or line.first_month
        if person is None or first_month is None:
            raise ValidationError(_("Pick the member and the first month this payment is for."), code="BILL_LINE_PICK")
        membership = _membership(person)
        if not membership.organization.path.startswith(line.organization.path):
            raise ValidationError(_("The member is outside this organization."), code="BILL_LINE_OUTSIDE")
        scope.require(actor, MANAGE_LIFECYCLE, membership.organization)
        payment = _payment_create(
            actor=actor,
            membership=membership,
            amount_fen=line.amount_fen,
            paid_on=timezone.localtime(line.paid_at).date(),
            first_month=first_month,
            months=months or line.months,
            channel=line.channel,
            transaction_number=line.transaction_number,
            note=line.memo[:200],
        )
        line.person, line.first_month, line.months = person, first_month.replace(day=1), months or line.months
        line.status, line.payment = BillLine.Status.CONFIRMED, payment
        versioned_save(line, expected=version)
    return payment


def bill_lines_confirm_certain(*, actor: User, organization: Organization) -> list[DuesPayment]:
    """Confirm, in one click, every certain match in the organization's subtree that the user may manage."""
    with transaction.atomic(), set_actor(actor):
        scope.require(actor, MANAGE_LIFECYCLE, organization)
        lines = selectors.bill_line_list(actor, organization).filter(status=BillLine.Status.CERTAIN)
        return [bill_line_confirm(actor=actor, line=line) for line in lines]


def bill_line_dismiss(*, actor: User, line: BillLine, version: int | None = None) -> BillLine:
    """Set aside a bill line that is not dues (a gift, a refund): it stays listed as dismissed."""
    with transaction.atomic(), set_actor(actor):
        line = BillLine.objects.select_for_update().get(pk=line.pk)
        scope.require(actor, MANAGE_LIFECYCLE, line.organization)
        if line.status == BillLine.Status.CONFIRMED:
            raise ValidationError(_("This bill line was settled already."), code="BILL_LINE_SETTLED")
        line.status = BillLine.Status.DISMISSED
        versioned_save(line, expected=version)
    return line
