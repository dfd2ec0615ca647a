"""The 两新 directory of the demo county (tuanwu.coverage): founding dates for the demo's organizations, some
sixty units under the park's working committee, the social organizations' committee and the townships, in every
state of the establishment (listed, surveyed, founded, covered), and last year's frozen snapshot, so the board
shows this year's growth.

Everything goes through the coverage services (the units are few): first the directory as it stood at the end
of last year, frozen; then this year's surveys, foundings and checks. The units' codes are valid unified social
credit codes (GB 32100-2015: registration authority, area, organization code with its check, check character)."""

from __future__ import annotations

import contextlib
import datetime
import random

from django.core.exceptions import ValidationError
from django.utils import timezone
from stdnum.cn import uscc

from tuanwu.coverage.models import CoveragePolicy, OrgForm, SizeBand, Snapshot, SocialSubtype, Unit, UnitKind, UnitStep
from tuanwu.coverage.services import snapshot_take, unit_check, unit_create, unit_found, unit_survey
from tuanwu.organizations.models import BRANCH_KINDS, Kind, Organization, Park, Sector

from .data.tree import PARK_NAME, USCC_AREA
from .plan import _organization_code_check

TRADES = ("农机", "电子", "服装", "食品", "建材", "物流", "电商", "家具", "茶业", "环保", "印务", "汽修")
BRANDS = (
    "鑫隆",
    "华兴",
    "金禾",
    "顺达",
    "众诚",
    "利民",
    "长青",
    "永泰",
    "佳和",
    "嘉禾",
    "宏达",
    "新湖",
    "益丰",
    "同创",
)
SOCIAL_UNITS = (
    ("青禾县青年志愿者协会", SocialSubtype.ASSOCIATION),
    ("青禾县青年创业者协会", SocialSubtype.ASSOCIATION),
    ("青禾县义工联合会", SocialSubtype.ASSOCIATION),
    ("青禾县书画协会", SocialSubtype.ASSOCIATION),
    ("青禾县户外运动协会", SocialSubtype.ASSOCIATION),
    ("青禾县青年电商协会", SocialSubtype.ASSOCIATION),
    ("青禾县阳光社会工作服务中心", SocialSubtype.PRIVATE_NONPROFIT),
    ("青禾县启明星儿童康复中心", SocialSubtype.PRIVATE_NONPROFIT),
    ("青禾县惠民养老服务中心", SocialSubtype.PRIVATE_NONPROFIT),
    ("青禾县新苗教育培训学校", SocialSubtype.PRIVATE_NONPROFIT),
    ("青禾县助学基金会", SocialSubtype.FOUNDATION),
    ("安徽青禾正信律师事务所", SocialSubtype.FIRM),
    ("青禾明诚会计师事务所", SocialSubtype.FIRM),
)
FOUR = {"committee": True, "members": True, "activities": True, "place": True}
SOCIAL_SECTORS = {
    SocialSubtype.ASSOCIATION: "社会团体",
    SocialSubtype.PRIVATE_NONPROFIT: "民办非企业单位",
    SocialSubtype.FOUNDATION: "基金会",
    SocialSubtype.FIRM: "中介组织",
}
# Registration authority and kind of the code's first two characters.
AUTHORITY = {UnitKind.ENTERPRISE: "91", UnitKind.INDIVIDUAL: "92"}
SOCIAL_AUTHORITY = {
    SocialSubtype.ASSOCIATION: "51",
    SocialSubtype.PRIVATE_NONPROFIT: "52",
    SocialSubtype.FOUNDATION: "53",
    SocialSubtype.FIRM: "31",
}


def credit_code(rng: random.Random, prefix: str, taken: set[str]) -> str:
    """A fresh valid unified social credit code with the given authority and kind."""
    while True:
        body = f"{rng.randrange(10**8):08d}"
        first17 = f"{prefix}{USCC_AREA}{body}{_organization_code_check(body)}"
        code = first17 + uscc.calc_check_digit(first17)
        if code not in taken:
            taken.add(code)
            return code


def _date(rng: random.Random, first: datetime.date, last: datetime.date) -> datetime.date:
    return first + datetime.timedelta(days=rng.randint(0, max(0, (last - first).days)))


def _founding_dates(rng, root: Organization, today: datetime.date, new: set[int]) -> int:
    """A founding date for every organization: the county long ago, committees decades back, branches in the
    last twenty years (school classes when the class began), the new 两新 branches this year."""
    orgs = list(Organization.objects.filter(path__startswith=root.path).order_by("path"))
    end_of_last = datetime.date(today.year - 1, 6, 30)
    this_year = datetime.date(today.year, 1, 5)
    for org in orgs:
        if org.pk in new:
            org.founded_on = _date(rng, this_year, max(this_year, today - datetime.timedelta(days=20)))
        elif org.depth == 1:
            org.founded_on = datetime.date(1953, 5, 4)
        elif org.kind not in BRANCH_KINDS:
            org.founded_on = _date(rng, datetime.date(1980, 1, 1), datetime.date(2012, 12, 31))
        elif org.graduates_on is not None:
            org.founded_on = datetime.date(org.graduates_on.year - 3, 9, 1)
        else:
            org.founded_on = _date(rng, datetime.date(2006, 1, 1), end_of_last)
        if org.graduates_on is not None and org.founded_on > today:
            org.founded_on = today
    Organization.objects.bulk_update(orgs, ["founded_on"], batch_size=1000)
    return len(orgs)


def _partners(org: Organization, unit: Unit) -> str:
    """The other units of a joint organization: those named with the organization, else its own unit."""
    others = [name for name in org.unit_name.split("、") if name and name != unit.name]
    return "、".join(others) or org.unit_name or org.name


def _figures(rng, *, young: tuple[int, int], members: tuple[int, int]) -> dict:
    employees = rng.randint(max(8, young[1]), 260)
    young_n = min(employees, rng.randint(*young))
    return {
        "employees": employees,
        "young_employees": young_n,
        "league_members": min(young_n, rng.randint(*members)),
        "size_band": SizeBand.MEDIUM if employees >= 100 else SizeBand.SMALL if employees >= 20 else SizeBand.MICRO,
    }


def build(*, rng: random.Random, root: Organization, admin, today: datetime.date) -> dict:
    """The directory and the founding dates; last year's snapshot; this year's progress."""
    children = list(Organization.objects.filter(parent=root).order_by("path"))
    park_committee = next((o for o in children if o.park_id is not None and o.kind == Kind.WORKING_COMMITTEE), None)
    social_committee = next((o for o in children if o.sector == Sector.SOCIAL_ORGANIZATION), None)
    townships = [o for o in children if o.kind == Kind.COMMITTEE and o.sector in (Sector.RURAL, Sector.URBAN_COMMUNITY)]
    park = Park.objects.filter(name=PARK_NAME).first()
    taken: set[str] = set(Unit.objects.values_list("credit_code", flat=True))
    taken.update(c for c in Organization.objects.exclude(unified_code="").values_list("unified_code", flat=True))
    last_year_end = datetime.date(today.year - 1, 12, 31)
    early = datetime.date(today.year - 1, 3, 1)
    # Each plan: (township, fields, (phase, step)): phase 0 = done last year, 1 = this year; step the state reached.
    plans: list[tuple[Organization, dict, list[tuple[int, str, Organization | None, str]]]] = []

    # The park's companies with a branch: covered (most of them long ago, two this year), the nearly empty one
    # founded but not through the check.
    if park_committee is not None:
        companies = list(
            Organization.objects.filter(parent=park_committee, kind__in=sorted(BRANCH_KINDS)).order_by("path")
        )
        for i, branch in enumerate(companies):
            code = branch.unified_code or credit_code(rng, "91", taken)
            fields = {"name": branch.unit_name, "credit_code": code, "kind": UnitKind.ENTERPRISE, "park": park}
            fields.update(_figures(rng, young=(12, 80), members=(3, 20)))
            fields["sector"] = branch.unit_name.removeprefix("青禾")[2:].removesuffix("有限公司")
            phase = 1 if i in (1, 4) else 0
            steps = [(phase, "survey", None, ""), (phase, "found", branch, OrgForm.OWN)]
            if i != len(companies) - 1:
                steps.append((phase, "check", None, ""))
            plans.append((park_committee, fields, steps))
        # Park companies still without an organization: surveyed, or only listed.
        for i in range(8):
            name = f"青禾{BRANDS[i]}{TRADES[i]}科技有限公司"
            fields = {"name": name, "credit_code": credit_code(rng, "91", taken), "kind": UnitKind.ENTERPRISE}
            fields.update(park=park, sector=TRADES[i], **_figures(rng, young=(0, 40), members=(0, 5)))
            steps = [(i % 2, "survey", None, "")] if i < 5 else []
            plans.append((park_committee, fields, steps))
    # The social organizations: the three covered by the existing branches (one joint), the rest listed.
    if social_committee is not None:
        branches = list(
            Organization.objects.filter(parent=social_committee, kind__in=sorted(BRANCH_KINDS)).order_by("path")
        )
        joint = next((b for b in branches if b.kind == Kind.JOINT_BRANCH), None)
        own = [b for b in branches if b.kind != Kind.JOINT_BRANCH]
        by_name = {b.unit_name: b for b in own}
        for i, (name, subtype) in enumerate(SOCIAL_UNITS):
            fields = {
                "name": name,
                "credit_code": credit_code(rng, SOCIAL_AUTHORITY[subtype], taken),
                "kind": UnitKind.SOCIAL,
                "subtype": subtype,
                "sector": SOCIAL_SECTORS[subtype],
                **_figures(rng, young=(2, 20), members=(0, 6)),
            }
            steps: list[tuple[int, str, Organization | None, str]] = []
            if name in by_name:
                fields["league_members"] = max(3, fields["league_members"])
                fields["young_employees"] = max(fields["young_employees"], fields["league_members"])
                steps = [(0, "survey", None, ""), (0, "found", by_name[name], OrgForm.OWN), (0, "check", None, "")]
            elif joint is not None and name in joint.unit_name:
                steps = [(1, "survey", None, ""), (1, "found", joint, OrgForm.JOINT), (1, "check", None, "")]
            elif i % 3 == 0:
                steps = [(1, "survey", None, "")]
            plans.append((social_committee, fields, steps))
    # The townships: small enterprises and individual businesses, some under a community's joint organization.
    for t, township in enumerate(townships):
        hosts = list(Organization.objects.filter(parent=township, kind__in=sorted(BRANCH_KINDS)).order_by("path")[:3])
        town = township.name.removesuffix("团委")
        for j in range(4):
            n = t * 4 + j
            individual = j == 3
            kind = UnitKind.INDIVIDUAL if individual else UnitKind.ENTERPRISE
            trade = TRADES[n % len(TRADES)]
            name = (
                f"{town}{BRANDS[n % len(BRANDS)]}{trade}店"
                if individual
                else f"青禾县{town}{BRANDS[(n + 5) % len(BRANDS)]}{trade}有限公司"
            )
            fields = {"name": name, "credit_code": credit_code(rng, AUTHORITY[kind], taken), "kind": kind}
            fields.update(sector=trade, **_figures(rng, young=(0, 25), members=(0, 4)))
            if j == 0 and hosts:
                fields["young_employees"] = max(1, fields["young_employees"])
                phase = t % 2
                steps = [
                    (phase, "survey", None, ""),
                    (phase, "found", hosts[0], OrgForm.JOINT),
                    (phase, "check", None, ""),
                ]
            elif j == 1:
                steps = [(t % 2, "survey", None, "")]
            elif j == 2 and t % 3 == 0:
                fields.update(operating=False, closed_on=_date(rng, early, last_year_end))
                steps = []
            else:
                steps = []
            plans.append((township, fields, steps))

    # Organizations founded this year: the branches whose units are established in phase 1, if they have none.
    new = {org.pk for _t, _f, steps in plans for phase, step, org, _ in steps if step == "found" and phase == 1}
    new &= {
        o.pk
        for o in Organization.objects.filter(pk__in=new, kind__in=sorted(BRANCH_KINDS)).exclude(
            parent__sector__in=[Sector.RURAL, Sector.URBAN_COMMUNITY]
        )
    }
    organizations = _founding_dates(rng, root, today, new)
    founded = dict(Organization.objects.filter(path__startswith=root.path).values_list("pk", "founded_on"))

    units = []
    for township, fields, _steps in plans:
        units.append(unit_create(actor=admin, township=township, **fields))
    # The directory was entered when the survey began, not when the demo was built: its monthly trend has a past.
    entered = timezone.make_aware(datetime.datetime.combine(early, datetime.time(9)))
    Unit.objects.filter(pk__in=[u.pk for u in units]).update(created_at=entered)

    def run(phase: int) -> None:
        for unit, (_township, _fields, steps) in zip(units, plans, strict=True):
            for p, step, org, form in steps:
                if p != phase:
                    continue
                if phase == 0:
                    on = _date(rng, early, datetime.date(today.year - 1, 11, 30))
                else:
                    on = _date(rng, datetime.date(today.year, 1, 10), today - datetime.timedelta(days=3))
                unit.refresh_from_db()
                if step == "survey":
                    unit_survey(actor=admin, unit=unit, on=on, note="实地走访摸排。")
                elif step == "found" and org is not None:
                    day = founded.get(org.pk) or on
                    if org.pk not in new and phase == 1:
                        day = on
                    partners = _partners(org, unit) if form == OrgForm.JOINT else ""
                    unit_found(actor=admin, unit=unit, organization=org, form=form, founded_on=day, partners=partners)
                elif step == "check":
                    # An organization without members or a secretary on record fails the gate: it stays founded.
                    with contextlib.suppress(ValidationError):
                        unit_check(actor=admin, unit=unit, checks=FOUR, on=on, note="验收合格。")

    run(0)
    snapshot_take(actor=admin, county=root, year=today.year - 1)
    run(1)
    return {
        "directory_units": len(units),
        "founding_dates": organizations,
        "coverage_snapshots": Snapshot.objects.count(),
    }


def purge() -> dict:
    """Delete the directory and its snapshots (the demo reset); they hold organizations and the park."""
    counts = {"directory_units": Unit.objects.count()}
    UnitStep.objects.all().delete()
    Unit.objects.all().delete()
    counts["coverage_snapshots"], _ = Snapshot.objects.all().delete()
    CoveragePolicy.objects.all().delete()
    return counts
