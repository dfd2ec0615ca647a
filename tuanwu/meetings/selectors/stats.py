"""The numbers organizational life gives the plan and the dashboards, for a county (or any organization's
subtree) and a year: theme days held and the share of branches holding one each month, participants, lessons and
lesson hours per member, 团校 graduates, branches by star. Each is counted from the records, in one query or a few."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.db.models import Count, Sum
from django.db.models.functions import ExtractMonth
from django.utils import timezone

from tuanwu.organizations.models import BRANCH_KINDS, Organization
from tuanwu.people.selectors import members_on

from ..models import Attendance, BranchRating, Course, Enrollment, Kind, Meeting

TENTH = Decimal("0.1")
HUNDREDTH = Decimal("0.01")


def _within(organization: Organization) -> dict:
    return {"organization__path__range": organization.subtree_range()}


def _league(organization: Organization, year: int):
    return Meeting.objects.filter(party_branch__isnull=True, held_on__year=year, **_within(organization))


def elapsed_months(year: int, today: datetime.date | None = None) -> int:
    """Months of the year that are over or under way: 12 for a past year, 0 for a future one."""
    today = today or timezone.localdate()
    if year < today.year:
        return 12
    return today.month if year == today.year else 0


def theme_days(organization: Organization, year: int) -> int:
    """Theme days held by the organizations of the subtree in the year (次)."""
    return _league(organization, year).filter(kind=Kind.THEME_DAY).count()


def branches_in(organization: Organization) -> int:
    """Active branches of the subtree today: the base of the theme-day share."""
    return Organization.objects.filter(
        kind__in=sorted(BRANCH_KINDS), status=Organization.Status.ACTIVE, path__range=organization.subtree_range()
    ).count()


def theme_day_share_by_month(organization: Organization, year: int) -> list[Decimal | None]:
    """For each month of the year so far, the share (%) of the subtree's branches that held a theme day."""
    base = branches_in(organization)
    held = dict(
        _league(organization, year)
        .filter(kind=Kind.THEME_DAY, organization__kind__in=sorted(BRANCH_KINDS))
        .annotate(month=ExtractMonth("held_on"))
        .values("month")
        .annotate(n=Count("organization_id", distinct=True))
        .values_list("month", "n")
    )
    return [
        (Decimal(100) * held.get(m, 0) / base).quantize(TENTH) if base else None
        for m in range(1, elapsed_months(year) + 1)
    ]


def theme_day_share(organization: Organization, year: int) -> Decimal | None:
    """The mean over the year's months so far of the share of branches that held a theme day (%)."""
    months = [m for m in theme_day_share_by_month(organization, year) if m is not None]
    return (sum(months, Decimal(0)) / len(months)).quantize(TENTH) if months else None


def participants(organization: Organization, year: int) -> int:
    """Attendances of League meetings of the year: each person present at each meeting (人次)."""
    return Attendance.objects.filter(
        status=Attendance.Status.PRESENT,
        meeting__party_branch__isnull=True,
        meeting__held_on__year=year,
        meeting__organization__path__range=organization.subtree_range(),
    ).count()


def lessons(organization: Organization, year: int) -> int:
    """League lessons held in the year (次)."""
    return _league(organization, year).filter(kind=Kind.LESSON).count()


def lesson_hours_per_member(organization: Organization, year: int) -> Decimal | None:
    """League lesson hours attended in the year (lessons and 团校 / training sessions) ÷ members at the year's end."""
    hours = Attendance.objects.filter(
        status=Attendance.Status.PRESENT,
        meeting__party_branch__isnull=True,
        meeting__kind__in=[Kind.LESSON, Kind.COURSE_SESSION],
        meeting__held_on__year=year,
        meeting__organization__path__range=organization.subtree_range(),
    ).aggregate(total=Sum("hours"))["total"] or Decimal(0)
    day = min(datetime.date(year, 12, 31), timezone.localdate())
    members = members_on(day).filter(organization__path__range=organization.subtree_range()).count()
    return (hours / members).quantize(HUNDREDTH) if members else None


def school_graduates(organization: Organization, year: int) -> int:
    """People who completed a 团校 class organized in the subtree in the year (人)."""
    return Enrollment.objects.filter(
        status=Enrollment.Status.COMPLETED,
        completed_on__year=year,
        course__kind=Course.Kind.LEAGUE_SCHOOL,
        course__organization__path__range=organization.subtree_range(),
    ).count()


def branches_by_band(organization: Organization, year: int) -> dict[str, int]:
    """Branches of the subtree by the star the committee above recorded for the year (reviewed ratings only)."""
    rows = (
        BranchRating.objects.filter(year=year, status=BranchRating.Status.REVIEWED, **_within(organization))
        .values("final_band")
        .annotate(n=Count("pk"))
    )
    return {r["final_band"]: r["n"] for r in rows}


def top_band_branches(organization: Organization, year: int) -> int:
    """Branches rated ★5 or ★4 for the year (个)."""
    bands = branches_by_band(organization, year)
    return bands.get(BranchRating.Band.FIVE, 0) + bands.get(BranchRating.Band.FOUR, 0)


def weak_branches(organization: Organization, year: int) -> int:
    """Branches rated 软弱涣散 for the year (个)."""
    return branches_by_band(organization, year).get(BranchRating.Band.WEAK, 0)


def campaign_meetings(organization: Organization, year: int) -> dict[str, int]:
    """League meetings of the year by campaign tag."""
    rows = (
        _league(organization, year)
        .filter(campaigns__isnull=False)
        .values("campaigns__name")
        .annotate(n=Count("pk", distinct=True))
    )
    return {r["campaigns__name"]: r["n"] for r in rows}


def compliant_branch_share(organization: Organization, year: int) -> Decimal | None:
    """Branches of the subtree that met every requirement of organizational life judged in the year so far, as a
    share (%) of the branches for which anything was decided (county policy sets the frequencies)."""
    from ..rules import committee_compliance

    found = [c.compliant_in(1, 12) for c in committee_compliance(organization, year)]
    decided = [d for d in found if d is not None]
    return (Decimal(100) * sum(decided) / len(decided)).quantize(TENTH) if decided else None


def party_meeting_share(organization: Organization, year: int) -> Decimal | None:
    """The county office's Party branches: periods in which each required meeting (三会一课) was held, as a share (%)
    of the periods judged so far, by the county's policy."""
    from ..models import PartyBranch
    from ..rules import party_compliance

    met = missed = 0
    for branch in PartyBranch.objects.filter(organization__path__range=organization.subtree_range()):
        result = party_compliance(branch, year)
        met, missed = met + result.met, missed + result.missed
    return (Decimal(100) * met / (met + missed)).quantize(TENTH) if met + missed else None
