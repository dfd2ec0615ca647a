"""Scoped reads of the dues ledger: what each member owes month by month and what was paid toward it, the
arrears of members and organizations, the collection rate, the months fully paid (for the lapse rule), the
monthly statement of what is sent up and returned, and the bill lines waiting for confirmation.

The ledger starts in January of the earliest year for which the county saved a dues policy (the months before
were kept outside TuanWu); with none saved, in January of the current year."""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Case, IntegerField, Q, QuerySet, Sum, Value, When
from django.utils import timezone

from tuanwu.accounts.roles import VIEW_LIFECYCLE
from tuanwu.core.dates import add_months
from tuanwu.organizations import scope
from tuanwu.organizations.models import BRANCH_KINDS, Kind, Organization, subtree_range
from tuanwu.organizations.policy import policy_for
from tuanwu.organizations.selectors import county_of
from tuanwu.people.models import Membership, Person
from tuanwu.people.workflow import ACTIVE_STATES

from .. import dues_rules
from ..models.dues import BillLine, DuesAllocation, DuesDecision, DuesPayment, DuesPolicy, PayBand

TENTH = Decimal("0.1")


@dataclass
class MonthRow:
    month: datetime.date
    due: int
    paid: int
    reason: str

    @property
    def outstanding(self) -> int:
        return max(self.due - self.paid, 0)

    @property
    def voluntary(self) -> int:
        return max(self.paid - self.due, 0)

    @property
    def settled(self) -> bool:
        return self.paid >= self.due and (self.reason != "no_band" or self.paid > 0)


@dataclass
class Ledger:
    """One member's months in a period: the obligation and what was allocated to it."""

    person_id: int
    name: str
    organization_id: int
    months: list[MonthRow] = field(default_factory=list)
    has_band: bool = True

    @property
    def due(self) -> int:
        return sum(m.due for m in self.months)

    @property
    def paid_toward(self) -> int:
        return sum(min(m.paid, m.due) for m in self.months)

    @property
    def paid(self) -> int:
        return sum(m.paid for m in self.months)

    @property
    def arrears(self) -> int:
        return sum(m.outstanding for m in self.months)

    @property
    def months_owed(self) -> int:
        return sum(1 for m in self.months if m.outstanding)


def policy_of(organization: Organization, year: int) -> DuesPolicy:
    """The county's dues policy for a year (the defaults when it saved none)."""
    return policy_for(DuesPolicy, organization, year)


def ledger_start(organization: Organization) -> datetime.date:
    """The first month the county's ledger holds (see the module's docstring)."""
    county = county_of(organization)
    first = DuesPolicy.objects.filter(organization=county).order_by("year").values_list("year", flat=True).first()
    return datetime.date(first or timezone.localdate().year, 1, 1)


def _membership_months(m: Membership, first: datetime.date, last: datetime.date) -> tuple[datetime.date, datetime.date]:
    """The part of first..last (months) in which the membership owed dues: from the admission month to the month
    before it ended."""
    start = max(first, m.join_date.replace(day=1))
    end = last
    if m.status not in ACTIVE_STATES:
        if m.status_changed_on is None:
            return start, add_months(start, -1)
        end = min(end, add_months(m.status_changed_on.replace(day=1), -1))
    return start, end


def ledgers(memberships: Iterable[Membership], first: datetime.date, last: datetime.date) -> dict[int, Ledger]:
    """The ledgers of the members over first..last (first-of-month dates), by person id, in a fixed number of
    queries."""
    rows = list(memberships)
    if not rows:
        return {}
    ids = [m.person_id for m in rows]
    bands: dict[int, list[PayBand]] = defaultdict(list)
    for band in PayBand.objects.filter(person_id__in=ids).order_by("valid_from"):
        bands[band.person_id].append(band)
    decisions: dict[int, list[DuesDecision]] = defaultdict(list)
    for decision in DuesDecision.objects.filter(person_id__in=ids).order_by("first_month", "pk"):
        decisions[decision.person_id].append(decision)
    paid: dict[tuple[int, datetime.date], int] = defaultdict(int)
    for person_id, month, fen in (
        DuesAllocation.objects.filter(person_id__in=ids, month__gte=first, month__lte=last)
        .values("person_id", "month")
        .annotate(fen=Sum("amount_fen"))
        .values_list("person_id", "month", "fen")
    ):
        paid[(person_id, month)] = fen
    county = county_of(rows[0].organization)
    policies = {year: policy_of(county, year) for year in range(first.year, last.year + 1)}
    out: dict[int, Ledger] = {}
    for m in rows:
        start, end = _membership_months(m, first, last)
        ledger = Ledger(m.person_id, m.person.name, m.organization_id, has_band=bool(bands[m.person_id]))
        if start <= end:
            for ob in dues_rules.obligations(
                policies=policies, bands=bands[m.person_id], decisions=decisions[m.person_id], first=start, last=end
            ):
                ledger.months.append(MonthRow(ob.month, ob.fen, paid[(m.person_id, ob.month)], ob.reason))
        out[m.person_id] = ledger
    return out


def _memberships_in(organization: Organization) -> QuerySet[Membership]:
    low, high = subtree_range(organization.path)
    return Membership.objects.filter(organization__path__range=(low, high)).select_related("person", "organization")


def person_ledger(person: Person, first: datetime.date, last: datetime.date) -> Ledger | None:
    """One member's ledger (the caller has checked access to the person)."""
    membership = Membership.objects.filter(person=person).select_related("person", "organization").first()
    if membership is None:
        return None
    return ledgers([membership], first.replace(day=1), last.replace(day=1))[membership.person_id]


def organization_ledgers(organization: Organization, first: datetime.date, last: datetime.date) -> list[Ledger]:
    """The ledgers of every member in the organization's subtree, by branch and name."""
    found = ledgers(_memberships_in(organization), first.replace(day=1), last.replace(day=1))
    return sorted(found.values(), key=lambda led: (led.organization_id, led.name))


def months_paid(
    person_ids: Iterable[int], first_month: datetime.date, last_month: datetime.date
) -> dict[int, set[datetime.date]]:
    """The months (first-of-month dates) between first_month and last_month for which each member owes nothing
    more: fully paid, or owed nothing by a meeting's exemption. A member without a pay band counts a month only
    when something was paid for it. Members without a membership are absent."""
    memberships = Membership.objects.filter(person_id__in=list(person_ids)).select_related("person", "organization")
    found = ledgers(memberships, first_month.replace(day=1), last_month.replace(day=1))
    return {pid: {row.month for row in led.months if row.settled} for pid, led in found.items()}


def arrears_total(organization: Organization, as_of: datetime.date) -> Decimal:
    """Yuan owed and unpaid in the organization's subtree from the ledger's start to as_of's month."""
    led = organization_ledgers(organization, ledger_start(organization), as_of)
    return Decimal(sum(x.arrears for x in led)) / 100


def dues_collection_rate(organization: Organization, year: int) -> Decimal | None:
    """Of the dues owed in the subtree for the months of the year so far, the share paid (%, one decimal); None
    when nothing was owed. Voluntary dues above the obligation do not raise it."""
    today = timezone.localdate()
    last = min(datetime.date(year, 12, 1), today.replace(day=1))
    first = datetime.date(year, 1, 1)
    if last < first:
        return None
    led = organization_ledgers(organization, first, last)
    due = sum(x.due for x in led)
    if not due:
        return None
    return (Decimal(100) * sum(x.paid_toward for x in led) / due).quantize(TENTH)


def _rate(paid: int, due: int) -> Decimal | None:
    return (Decimal(100) * paid / due).quantize(TENTH) if due else None


def dues_summary(organization: Organization, year: int) -> dict:
    """An organization's dues in one pass over its members' ledgers: per child organization the members, what was
    owed and paid for the year's months so far, the arrears and the collection rate; the organization's own rate
    for the year, and its arrears from the ledger's start to today."""
    today = timezone.localdate()
    this_month = today.replace(day=1)
    first, last = datetime.date(year, 1, 1), min(datetime.date(year, 12, 1), this_month)
    start = min(ledger_start(organization), first)
    led = organization_ledgers(organization, start, max(last, this_month))
    children = list(
        Organization.objects.filter(parent=organization, status=Organization.Status.ACTIVE).order_by("path")
    )
    org_paths = dict(Organization.objects.filter(pk__in={x.organization_id for x in led}).values_list("pk", "path"))
    totals: dict[int, dict[str, Any]] = {
        o.pk: {"organization": o, "members": 0, "due": 0, "paid": 0, "arrears": 0} for o in children
    }
    due = paid = arrears = 0
    for x in led:
        year_rows = [m for m in x.months if first <= m.month <= last]
        x_due = sum(m.due for m in year_rows)
        x_paid = sum(min(m.paid, m.due) for m in year_rows)
        due, paid = due + x_due, paid + x_paid
        arrears += sum(m.outstanding for m in x.months if m.month <= this_month)
        path = org_paths[x.organization_id]
        child = next((o for o in children if path.startswith(o.path)), None)
        if child is None or not year_rows:
            continue
        row = totals[child.pk]
        row["members"] += 1
        row["due"] += x_due
        row["paid"] += x_paid
        row["arrears"] += sum(m.outstanding for m in year_rows)
    rows = list(totals.values())
    for row in rows:
        row["rate"] = _rate(row["paid"], row["due"])
    return {"rows": rows, "rate": _rate(paid, due) if last >= first else None, "arrears": Decimal(arrears) / 100}


def rollup(organization: Organization, year: int) -> list[dict]:
    """Per child organization: members, due, paid, arrears and collection rate for the year so far."""
    return dues_summary(organization, year)["rows"]


def dues_organizations(user: scope.Viewer) -> QuerySet[Organization]:
    """The organizations whose dues the user may see."""
    return scope.restrict(Organization.objects.all(), user, VIEW_LIFECYCLE, field="")


def dues_organization_get(user: scope.Viewer, pk: int) -> Organization:
    return scope.get_scoped_or_404(Organization.objects.all(), user, VIEW_LIFECYCLE, field="", pk=pk)


def payment_list(user: scope.Viewer, organization: Organization | None = None) -> QuerySet[DuesPayment]:
    """Payments the user may see, newest first, optionally within an organization's subtree."""
    qs = scope.restrict(DuesPayment.objects.select_related("person", "organization"), user, VIEW_LIFECYCLE)
    if organization is not None:
        qs = qs.filter(organization__path__range=subtree_range(organization.path))
    return qs.order_by("-paid_on", "-pk")


BILL_LINE_ORDER = (
    BillLine.Status.CERTAIN,
    BillLine.Status.UNCERTAIN,
    BillLine.Status.UNMATCHED,
    BillLine.Status.CONFIRMED,
    BillLine.Status.DISMISSED,
)


def bill_line_list(user: scope.Viewer, organization: Organization | None = None) -> QuerySet[BillLine]:
    """Bill lines the user may see: open ones first (certain, uncertain, unmatched), then the settled."""
    qs = scope.restrict(BillLine.objects.select_related("person", "organization"), user, VIEW_LIFECYCLE)
    if organization is not None:
        qs = qs.filter(organization__path__range=subtree_range(organization.path))
    rank = Case(
        *(When(status=status, then=Value(i)) for i, status in enumerate(BILL_LINE_ORDER)),
        default=Value(len(BILL_LINE_ORDER)),
        output_field=IntegerField(),
    )
    return qs.annotate(rank=rank).order_by("rank", "paid_at", "pk")


COMMITTEE_KINDS = frozenset({Kind.COMMITTEE, Kind.WORKING_COMMITTEE, Kind.GENERAL_BRANCH})


def statement(organization: Organization, month: datetime.date) -> dict:
    """The month's statement for an organization: what each branch in its subtree collected (payments made in the
    month), how it is shared by the county's policy (branch, committee, county, above the county), and the totals.
    Every row's parts add up to its collected amount to the fen."""
    month = month.replace(day=1)
    end = add_months(month, 1)
    policy = policy_of(organization, month.year)
    collected = dict(
        DuesPayment.objects.filter(
            organization__path__range=subtree_range(organization.path), paid_on__gte=month, paid_on__lt=end
        )
        .values("organization_id")
        .annotate(fen=Sum("amount_fen"))
        .values_list("organization_id", "fen")
    )
    branches = Organization.objects.filter(pk__in=collected).order_by("path")
    by_path = {
        o.path: o
        for o in Organization.objects.filter(path__in={b.path[:n] for b in branches for n in range(4, len(b.path), 4)})
    }
    rows = []
    totals = {"collected": 0, "branch": 0, "committee": 0, "county": 0, "above": 0}
    for branch in branches:
        committee = None
        for n in range(len(branch.path) - 4, 4, -4):
            parent = by_path.get(branch.path[:n])
            if parent is not None and parent.kind in COMMITTEE_KINDS:
                committee = parent
                break
        fen = collected[branch.pk]
        parts = dues_rules.split(policy, fen, has_committee=committee is not None)
        rows.append({"branch": branch, "committee": committee, "collected": fen, "split": parts})
        totals["collected"] += fen
        for key in ("branch", "committee", "county", "above"):
            totals[key] += getattr(parts, key)
    kept = 0
    if organization.depth == 1:
        kept = totals["county"]
    elif organization.kind in BRANCH_KINDS:
        kept = totals["branch"]
    else:
        kept = sum(r["split"].committee for r in rows if r["committee"] and r["committee"].pk == organization.pk)
    return {"month": month, "policy": policy, "rows": rows, "totals": totals, "kept": kept}


def my_ledger(user: scope.Viewer, year: int) -> Ledger | None:
    """The signed-in member's own ledger for a year so far (their own record, through VIEW_SELF)."""
    person_id = getattr(user, "person_id", None)
    if not person_id:
        return None
    person = Person.objects.filter(pk=person_id).first()
    if person is None:
        return None
    today = timezone.localdate()
    last = min(datetime.date(year, 12, 1), today.replace(day=1))
    return person_ledger(person, datetime.date(year, 1, 1), last)


def person_bands(person: Person) -> QuerySet[PayBand]:
    return PayBand.objects.filter(person=person).order_by("valid_from")


def person_decisions(person: Person) -> QuerySet[DuesDecision]:
    return DuesDecision.objects.filter(person=person).order_by("first_month")


def payments_of(person: Person) -> QuerySet[DuesPayment]:
    return DuesPayment.objects.filter(person=person).order_by("-paid_on", "-pk")


def open_obligation_people(organization: Organization) -> QuerySet[Membership]:
    """Memberships in the subtree that may owe dues (active ones), for matching bill payers."""
    return _memberships_in(organization).filter(Q(status__in=ACTIVE_STATES))


def bill_line_get(user: scope.Viewer, pk: int, perm: str = VIEW_LIFECYCLE) -> BillLine:
    """One bill line in the user's scope for perm, or 404."""
    return scope.get_scoped_or_404(BillLine.objects.select_related("organization", "person"), user, perm, pk=pk)


def members_of(organization: Organization) -> list[Person]:
    """The branch's members who owe dues, by name (for the payment and band forms)."""
    return [m.person for m in open_obligation_people(organization).order_by("person__name", "person_id")]


def person_for_dues(user: scope.Viewer, pk: int, perm: str = VIEW_LIFECYCLE) -> Person:
    """A member whose dues the user may see (or manage, with perm), or 404."""
    return scope.get_scoped_or_404(Person.objects.all(), user, perm, field="membership__organization", pk=pk)


def installation_policy(year: int) -> DuesPolicy:
    """The dues policy of the installation's county for a year (one county per installation), or the defaults."""
    county = Organization.objects.filter(depth=1).order_by("path").first()
    return policy_of(county, year) if county else DuesPolicy(year=year)


def general_meetings_of(user: scope.Viewer, organization: Organization) -> QuerySet:
    """The branch's general meetings the user may see, newest first: the meetings that can exempt or reduce."""
    from tuanwu.meetings.models import Kind as MeetingKind
    from tuanwu.meetings.selectors.meetings import meeting_list

    return meeting_list(user).filter(organization=organization, kind=MeetingKind.GENERAL_MEETING).order_by("-held_on")
