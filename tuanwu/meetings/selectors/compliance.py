"""Compliance read up the tree: the share of branches compliant per committee and for the county per month or
quarter, the branches that missed a meeting with their secretaries, and the campaign totals."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from tuanwu.accounts.roles import VIEW_MEETING
from tuanwu.core.params import parse_id
from tuanwu.organizations import scope
from tuanwu.organizations.models import BRANCH_KINDS, Organization
from tuanwu.people.choices import CadrePostName
from tuanwu.people.models import CadrePost

from ..models import Attendance, Campaign, Meeting
from ..rules import MISSED, BranchCompliance, Cell, share_of

GRANULARITIES = ("month", "quarter", "term", "year")


@dataclass(frozen=True)
class Period:
    """A reporting period of a year: months first..last."""

    key: str
    label: str
    first: int
    last: int


def reporting_periods(granularity: str) -> list[Period]:
    """The periods of a year at a granularity: months, quarters, terms (the two half-years) or the year."""
    if granularity == "quarter":
        return [Period(f"Q{q}", _("Q%(n)d") % {"n": q}, 3 * q - 2, 3 * q) for q in range(1, 5)]
    if granularity == "term":
        return [Period("H1", _("First half"), 1, 6), Period("H2", _("Second half"), 7, 12)]
    if granularity == "year":
        return [Period("Y", _("Whole year"), 1, 12)]
    return [Period(f"M{m}", _("Month %(n)d") % {"n": m}, m, m) for m in range(1, 13)]


def compliance_organization(user: scope.Viewer, pk: object = None, *, branch: bool | None = None) -> Organization:
    """The organization whose compliance a page shows: pk when the user may see its meetings, else the user's own
    root; branch=True accepts only a branch, branch=False only an organization above branches. 404 otherwise."""
    scope.require_any(user, VIEW_MEETING)
    qs = scope.restrict(Organization.objects.all(), user, VIEW_MEETING, field="")
    if branch is True:
        qs = qs.filter(kind__in=sorted(BRANCH_KINDS))
    elif branch is False:
        qs = qs.exclude(kind__in=sorted(BRANCH_KINDS))
    if pk is None:
        root = scope.root_for(user, VIEW_MEETING)
        if root is None:
            raise Http404
        pk = root.pk
    found = parse_id(pk)
    row = qs.filter(pk=found).first() if found else None
    if row is None:
        raise Http404
    return row


def compliance_county(user: scope.Viewer) -> Organization:
    """The county committee whose roll-up the user may read (VIEW_MEETING held on the county itself), else 404."""
    county = scope.county_for(user, VIEW_MEETING)
    if county is None:
        raise Http404
    return county


def last_meeting(user: scope.Viewer, organization: Organization) -> Meeting | None:
    """The latest League meeting the organization held that the user may see."""
    qs = scope.restrict(
        Meeting.objects.filter(organization=organization, party_branch__isnull=True), user, VIEW_MEETING
    )
    return qs.order_by("-held_on", "-pk").first()


@dataclass
class RollupRow:
    """One organization of the roll-up: its branches counted, and per period the branches compliant of those
    whose compliance was decided."""

    organization: Organization
    branches: int = 0
    counts: list[list[int]] = field(default_factory=list)  # per period: [compliant, decided]

    @property
    def shares(self) -> list[Decimal | None]:
        return [share_of(c, d - c) for c, d in self.counts]


@dataclass
class Rollup:
    periods: list[Period]
    rows: list[RollupRow]
    total: RollupRow


def compliance_rollup(
    organization: Organization, results: list[BranchCompliance], *, granularity: str = "month"
) -> Rollup:
    """Share of branches compliant per period, for each organization directly below organization and in total
    (a branch is compliant in a period when it met all it owed there and missed nothing; one with nothing
    decided counts neither way)."""
    periods = reporting_periods(granularity)
    children = list(Organization.objects.filter(parent=organization).order_by("path"))
    rows = [RollupRow(child, counts=[[0, 0] for _p in periods]) for child in children]
    total = RollupRow(organization, counts=[[0, 0] for _p in periods])
    for result in results:
        if not isinstance(result.organization, Organization):
            continue
        path = result.organization.path
        targets = [total] + [r for r in rows if path.startswith(r.organization.path)]
        for target in targets:
            target.branches += 1
        for i, period in enumerate(periods):
            state = result.compliant_in(period.first, period.last)
            if state is None:
                continue
            for target in targets:
                target.counts[i][0] += state
                target.counts[i][1] += 1
    return Rollup(periods, [r for r in rows if r.branches], total)


@dataclass
class MissedRow:
    """A branch that missed a meeting it owed, with the cell that says which and why, and its secretaries."""

    branch: Organization
    cell: Cell
    requirement: str
    secretaries: list[str]


def secretaries_of(branch_ids: list[int]) -> dict[int, list[str]]:
    """The names of the current secretaries of these organizations, in one query."""
    out: dict[int, list[str]] = {}
    rows = (
        CadrePost.objects.filter(organization_id__in=branch_ids, post=CadrePostName.SECRETARY, until__isnull=True)
        .order_by("since", "pk")
        .values_list("organization_id", "person__name")
    )
    for org_id, name in rows:
        out.setdefault(org_id, []).append(name)
    return out


def compliance_missed(results: list[BranchCompliance], *, first: int = 1, last: int = 12) -> list[MissedRow]:
    """Every missed cell judged in months first..last, branch by branch in tree order, with its secretaries."""
    labels = {}
    found: list[tuple[BranchCompliance, Cell]] = []
    for result in results:
        for row in result.rows:
            labels[row.key] = row.label
        found += [(result, c) for c in result.cells_ending_in(first, last) if c.status == MISSED]
    if not found:
        return []
    names = secretaries_of(sorted({r.organization.pk for r, _c in found}))
    return [
        MissedRow(result.organization, cell, labels[cell.requirement], names.get(result.organization.pk, []))
        for result, cell in found
        if isinstance(result.organization, Organization)
    ]


@dataclass(frozen=True)
class BranchMissed:
    """One branch's missed meetings, for the committee's overdue list: who to call and what they owe."""

    branch: Organization
    secretaries: list[str]
    items: list[str]  # "支部大会 2025-01–2025-03", in the order judged

    @property
    def count(self) -> int:
        return len(self.items)


def missed_by_branch(missed: list[MissedRow]) -> list[BranchMissed]:
    """The missed cells grouped by branch, the branches that missed most first (then in tree order)."""
    grouped: dict[int, BranchMissed] = {}
    for row in missed:
        entry = grouped.get(row.branch.pk)
        if entry is None:
            entry = grouped[row.branch.pk] = BranchMissed(row.branch, row.secretaries, [])
        entry.items.append(f"{row.requirement} {row.cell.period}")
    order = {pk: i for i, pk in enumerate(grouped)}
    return sorted(grouped.values(), key=lambda b: (-b.count, order[b.branch.pk]))


@dataclass(frozen=True)
class BranchMonths:
    """A branch's compliance month by month (True met, False missed, None nothing judged), for the grid."""

    result: BranchCompliance
    months: list[bool | None]


def monthly_grid(results: list[BranchCompliance]) -> list[BranchMonths]:
    return [BranchMonths(r, [r.compliant_in(m, m) for m in range(1, 13)]) for r in results]


@dataclass(frozen=True)
class CampaignTotal:
    campaign: Campaign
    meetings: int
    participations: int
    people: int


def campaign_totals(
    user: scope.Viewer, county: Organization, start: datetime.date, end: datetime.date
) -> list[CampaignTotal]:
    """Per campaign of the county: the League meetings in the user's scope held from start to end that carry it,
    the attendances present at them and the distinct people present, in two queries."""
    campaigns = list(Campaign.objects.filter(organization=county).order_by("position", "name"))
    meetings: QuerySet[Meeting] = scope.restrict(
        Meeting.objects.filter(party_branch__isnull=True, held_on__range=(start, end)), user, VIEW_MEETING
    )
    present = Q(attendance__status=Attendance.Status.PRESENT)
    grouped = {
        row[0]: row[1:]
        for row in meetings.filter(campaigns__organization=county)
        .values_list("campaigns")
        .annotate(
            n=Count("pk", distinct=True),
            p=Count("attendance", filter=present),
            d=Count("attendance__person", filter=present, distinct=True),
        )
        .order_by()
    }
    return [CampaignTotal(c, *grouped.get(c.pk, (0, 0, 0))) for c in campaigns]
