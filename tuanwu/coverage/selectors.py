"""Every scoped read of the directory, and the figures over it: today's from the directory, a past year's from
its frozen snapshot."""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from django.db.models import Q, QuerySet
from django.utils import timezone

from tuanwu.accounts.roles import MANAGE_COVERAGE, VIEW_COVERAGE
from tuanwu.organizations import scope
from tuanwu.organizations.models import Organization
from tuanwu.organizations.selectors import organizations_as_of
from tuanwu.people.models import CadrePost
from tuanwu.people.selectors import member_counts

from . import rules as r
from .models import CoveragePolicy, SizeBand, Snapshot, Unit, UnitKind, UnitStep

if TYPE_CHECKING:
    from tuanwu.accounts.models import User


def policy_for(county: Organization) -> CoveragePolicy:
    """The county's coverage policy, or the defaults (unsaved) while it has none."""
    return CoveragePolicy.objects.filter(county=county).first() or CoveragePolicy(county=county)


def rules_for(county: Organization) -> r.Rules:
    p = policy_for(county)
    return r.Rules(p.own_branch_members, p.joint_young_employees, p.count_individual, p.density_basis)


def unit_list(user: scope.Viewer) -> QuerySet[Unit]:
    """Directory units in the user's scope (by their township), with what the list shows."""
    return scope.restrict(Unit.objects.all(), user, VIEW_COVERAGE, field="township").select_related(
        "township", "park", "covering_org", "responsible"
    )


def unit_get(user: scope.Viewer, pk: int, perm: str = VIEW_COVERAGE) -> Unit:
    """One unit the user may see, or 404; with perm, also one the user may act on (403 when they only see it)."""
    unit = scope.get_scoped_or_404(
        Unit.objects.select_related("township", "park", "covering_org", "responsible"),
        user,
        VIEW_COVERAGE,
        "township",
        pk=pk,
    )
    if perm != VIEW_COVERAGE:
        scope.require(user, perm, unit.township)
    return unit


def unit_steps(unit: Unit) -> list:
    """The unit's history, oldest first."""
    return list(unit.steps.select_related("actor", "organization").order_by("on", "pk"))


def passing_gate(organization_ids) -> set[int]:
    """The organizations that count (有组织、有团干、有团员): active, with members and a secretary in post."""
    ids = {i for i in organization_ids if i}
    if not ids:
        return set()
    active = set(
        Organization.objects.filter(pk__in=ids, status=Organization.Status.ACTIVE).values_list("pk", flat=True)
    )
    with_members = {k for k, n in member_counts(active).items() if n}
    with_secretary = set(
        CadrePost.objects.filter(organization_id__in=active, post="secretary", until__isnull=True).values_list(
            "organization_id", flat=True
        )
    )
    return active & with_members & with_secretary


def unit_should(rules: r.Rules, unit: Unit) -> str:
    return r.should_establish(
        rules,
        kind=unit.kind,
        operating=unit.operating,
        league_members=unit.league_members,
        young_employees=unit.young_employees,
    )


def unit_priority(rules: r.Rules, unit: Unit) -> int:
    """The hand-set priority, else the computed one."""
    if unit.priority_override is not None:
        return unit.priority_override
    return r.priority(
        rules,
        size_band=unit.size_band,
        employees=unit.employees,
        party_org=unit.party_org,
        league_members=unit.league_members,
        young_employees=unit.young_employees,
    )


def unit_overdue(unit: Unit, rules: r.Rules, today: datetime.date | None = None) -> bool:
    """Past its planned date, still not covered, and the rules ask for an organization."""
    today = today or timezone.localdate()
    return bool(
        unit.planned_on and unit.planned_on < today and unit.status != Unit.Status.COVERED and unit_should(rules, unit)
    )


def unit_rows(units: list[Unit], rules: r.Rules) -> list[dict]:
    """The directory as plain rows (what a snapshot freezes): each unit's segments, whether it should establish
    and whether it is covered by an organization that passes the quality gate."""
    gate = passing_gate(u.covering_org_id for u in units if u.status == Unit.Status.COVERED)
    return [
        {
            "credit_code": u.credit_code,
            "name": u.name,
            "kind": u.kind,
            "status": u.status,
            "operating": u.operating,
            "should": unit_should(rules, u),
            "covered": bool(u.operating and u.status == Unit.Status.COVERED and u.covering_org_id in gate),
            "form": u.league_org_form,
            "covering_org_id": u.covering_org_id,
            "covering_org": u.covering_org.name if u.covering_org is not None else "",
            "park": u.park.name if u.park is not None else "",
            "township": u.township.name,
            "township_id": u.township_id,
            "sector": u.sector,
            "size_band": u.size_band or r.size_band_of(u.employees),
            "young": u.young_employees,
            "members": u.league_members,
        }
        for u in units
    ]


def county_units(county: Organization) -> list[Unit]:
    return list(
        Unit.objects.filter(township__path__range=county.subtree_range()).select_related(
            "township", "park", "covering_org"
        )
    )


def tree_counts(county: Organization, day: datetime.date) -> dict:
    """The tree's organizations as they stood on day, for the county and each committee just below it."""
    standing = organizations_as_of(county, day)
    below = {o.pk: o for o in Organization.objects.filter(parent=county)}
    per = {str(pk): standing.filter(path__range=o.subtree_range()).count() for pk, o in below.items()}
    return {
        "organizations": standing.count(),
        "social_sector_organizations": standing.filter(sector="social_organization").count(),
        "by_committee": per,
    }


def snapshot_latest(county: Organization, year: int) -> Snapshot | None:
    """The latest revision of a year's snapshot."""
    return Snapshot.objects.filter(county=county, year=year).order_by("-revision").first()


def snapshot_list(county: Organization) -> QuerySet[Snapshot]:
    return Snapshot.objects.filter(county=county).select_related("actor").order_by("-year", "-revision")


@dataclass(frozen=True)
class Figures:
    """The directory's figures for a county and year, and where they came from."""

    year: int
    source: str  # "live" or "snapshot"
    rows: list[dict]
    rules: r.Rules
    snapshot: Snapshot | None = None

    def tally(self, by: str | None = None, *, parks_only: bool = False) -> dict[str, r.Tally]:
        return r.tally(self.rows, self.rules, by=by, parks_only=parks_only)

    def total(self, *, parks_only: bool = False) -> r.Tally:
        return self.tally(parks_only=parks_only).get("", r.Tally())

    def density(self) -> r.Density:
        return r.density(self.rows, self.rules.density_basis)


def figures_for(county: Organization, year: int, today: datetime.date | None = None) -> Figures | None:
    """A year's figures: its frozen snapshot when there is one; the live directory for the current year; None
    for a past year never frozen (its state cannot be reproduced)."""
    today = today or timezone.localdate()
    snap = snapshot_latest(county, year)
    if snap is not None:
        frozen = r.Rules(**snap.counts.get("rules", {}), density_basis=snap.density_basis)
        return Figures(year, "snapshot", snap.rows, frozen, snap)
    if year >= today.year:
        live = rules_for(county)
        return Figures(year, "live", unit_rows(county_units(county), live), live)
    return None


def density_growth(county: Organization, year: int, today: datetime.date | None = None) -> Decimal | None:
    """The social sector's density growth from the previous year's end to this year's, in per cent."""
    now, before = figures_for(county, year, today), figures_for(county, year - 1, today)
    if now is None or before is None:
        return None
    return r.growth(now.density().exact, before.density().exact)


def units_responsible(user: User) -> QuerySet[Unit]:
    """The units a cadre is responsible for (their overdue ones are flagged to them)."""
    return Unit.objects.filter(responsible=user).select_related("township")


def county_of(user: scope.Viewer) -> Organization | None:
    """The county whose directory rules apply to what the user sees."""
    root = scope.root_for(user, VIEW_COVERAGE)
    if root is None:
        return None
    return root if root.parent_id is None else Organization.objects.get(path=root.county_path)


def snapshot_due(user: scope.Viewer, today: datetime.date | None = None) -> int | None:
    """The past year the user should freeze now: last year, when the user may freeze the county's directory, the
    directory held units before this year began, and no snapshot of last year exists (its figures cannot be
    reproduced later)."""
    county = county_of(user)
    if county is None or not scope.has_perm(user, MANAGE_COVERAGE, county):
        return None
    year = (today or timezone.localdate()).year - 1
    if snapshot_latest(county, year) is not None:
        return None
    began = timezone.make_aware(datetime.datetime(year + 1, 1, 1))
    if not Unit.objects.filter(township__path__range=county.subtree_range(), created_at__lt=began).exists():
        return None
    return year


@dataclass(frozen=True)
class TrendPoint:
    """Coverage at one month's end: the county's units and those in parks."""

    day: datetime.date
    should: int
    covered: int
    parks_should: int
    parks_covered: int

    @property
    def rate(self) -> Decimal | None:
        return r.share(self.covered, self.should)

    @property
    def parks_rate(self) -> Decimal | None:
        return r.share(self.parks_covered, self.parks_should)


def coverage_trend(county: Organization, year: int, today: datetime.date | None = None) -> list[TrendPoint]:
    """Coverage month by month through a year, from the directory's dated records: at each month's end, the units
    entered by then, operating then (a unit counts until its closing date) and that should establish under
    today's rules, and those covered then by their establishment steps (验收 passed, not failed or dropped back
    since). The month under way ends today and agrees with the board's live figure."""
    today = today or timezone.localdate()
    if year > today.year:
        return []
    rules = rules_for(county)
    units = county_units(county)
    rows = unit_rows(units, rules)
    steps: dict[int, list[tuple[datetime.date, str]]] = defaultdict(list)
    for unit_id, on, kind in (
        UnitStep.objects.filter(unit__township__path__range=county.subtree_range(), kind__in=r.COVERING_STEPS)
        .order_by("on", "pk")
        .values_list("unit_id", "on", "kind")
    ):
        steps[unit_id].append((on, kind))
    points = []
    for day in r.month_ends(year, min(today, datetime.date(year, 12, 31))):
        is_today = day == today
        should = covered = parks_should = parks_covered = 0
        for u, row in zip(units, rows, strict=True):
            since = timezone.localtime(u.created_at).date()
            operating = (u.operating or (u.closed_on is not None and u.closed_on > day)) and (
                u.closed_on is None or u.closed_on > day
            )
            if since > day or not operating:
                continue
            if not row["operating"]:  # closed since: whether it should establish, as if still operating
                row = {
                    **row,
                    "operating": True,
                    "should": r.should_establish(
                        rules,
                        kind=u.kind,
                        operating=True,
                        league_members=u.league_members,
                        young_employees=u.young_employees,
                    ),
                }
            if not r.counts(row, rules):
                continue
            is_covered = (
                row["covered"] if is_today else r.covered_on(steps.get(u.pk, ()), day, since, now=row["covered"])
            )
            should += 1
            covered += is_covered
            if row["park"]:
                parks_should += 1
                parks_covered += is_covered
        points.append(TrendPoint(day, should, covered, parks_should, parks_covered))
    return points


def units_ordered(units, rules: r.Rules, today: datetime.date | None = None) -> list[Unit]:
    """Units with what the list shows (should establish, priority, overdue), larger and easier first."""
    today = today or timezone.localdate()
    out = list(units)
    for u in out:
        u.should = unit_should(rules, u)
        u.priority_value = unit_priority(rules, u)
        u.is_overdue = unit_overdue(u, rules, today)
    out.sort(key=lambda u: (-u.priority_value, u.name, u.pk))
    return out


@dataclass(frozen=True)
class BoardRow:
    label: str
    tally: r.Tally


SEGMENT_LABELS = {"kind": dict(UnitKind.choices), "size_band": dict(SizeBand.choices)}


def board(figures: Figures, by: str) -> list[BoardRow]:
    """One row per segment value (a kind or size band by its label), lowest coverage first (where the work is)."""
    labels = SEGMENT_LABELS.get(by, {})
    rows = [BoardRow(str(labels.get(k, k)) if k else "—", t) for k, t in figures.tally(by).items()]
    rows.sort(key=lambda b: (b.tally.rate if b.tally.rate is not None else Decimal(-1), b.label))
    return rows


def units_blocking(figures: Figures, *, parks_only: bool = False) -> list[dict]:
    """The rows still uncovered behind a figure, by name."""
    blocking = set(figures.total(parks_only=parks_only).blocking)
    statuses = dict(Unit.Status.choices)
    return sorted(
        (
            {**row, "status_label": str(statuses.get(row.get("status", ""), row.get("status", "")))}
            for row in figures.rows
            if row["credit_code"] in blocking
        ),
        key=lambda row: row["name"],
    )


def units_overdue(user: scope.Viewer, today: datetime.date | None = None) -> list[Unit]:
    """The overdue units flagged to a user: those of the committees where they manage coverage, and those they
    are the responsible cadre of."""
    today = today or timezone.localdate()
    q = scope.org_q(user, MANAGE_COVERAGE, "township")
    if getattr(user, "is_authenticated", False):
        q |= Q(responsible_id=user.pk)
    units = list(
        Unit.objects.filter(q, planned_on__lt=today).exclude(status=Unit.Status.COVERED).select_related("township")
    )
    rules: dict[str, r.Rules] = {}
    out = []
    for u in units:
        county_path = u.township.county_path
        if county_path not in rules:
            rules[county_path] = rules_for(Organization.objects.get(path=county_path))
        if unit_overdue(u, rules[county_path], today):
            out.append(u)
    return out
