"""Two county-wide checks of task 14: the member–youth ratio of graduating classes (合理降低团青比例) and the
completeness of members' files (团员档案规范化核查)."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.translation import gettext as _

from tuanwu.accounts.roles import VIEW_ADMISSION
from tuanwu.organizations import scope
from tuanwu.organizations.models import BRANCH_KINDS, Organization, Sector
from tuanwu.people.models import Person
from tuanwu.people.workflow import ACTIVE_STATES

from . import services
from .models import Application

# A class branch is named after the year its pupils entered: "2024级1班团支部".
COHORT = re.compile(r"(\d{4})\s*级")
SCHOOL_YEARS = 3  # junior and senior high school alike


def graduating_cohort(day: datetime.date) -> int:
    """The entry year of the classes that finish school in the school year containing day (Sept–June)."""
    graduation = day.year if day.month < 9 else day.year + 1
    return graduation - SCHOOL_YEARS


@dataclass
class RatioRow:
    school: Organization
    level: str  # Sector.MIDDLE_SCHOOL or Sector.HIGH_SCHOOL
    cohort: int
    youth: int
    members: int
    cap: int
    classes: list[Organization] = field(default_factory=list)

    @property
    def ratio(self) -> float:
        return self.members / self.youth if self.youth else 0.0

    @property
    def percent(self) -> float:
        return 100 * self.ratio

    @property
    def over(self) -> bool:
        return self.youth > 0 and self.members * 100 > self.cap * self.youth


def graduating_ratios(user, day: datetime.date | None = None) -> list[RatioRow]:
    """Per school in the user's scope, members ÷ young people registered in its graduating classes, against
    the county's cap for junior (30 %) and senior (60 %) high schools."""
    day = day or timezone.localdate()
    cohort = graduating_cohort(day)
    classes = (
        scope.restrict(Organization.objects.all(), user, VIEW_ADMISSION, field="")
        .filter(
            kind__in=BRANCH_KINDS,
            sector__in=[Sector.MIDDLE_SCHOOL, Sector.HIGH_SCHOOL],
            status=Organization.Status.ACTIVE,
            name__contains=f"{cohort}级",
        )
        .order_by("path")
    )
    by_school: dict[int, RatioRow] = {}
    for branch in classes:
        match = COHORT.search(branch.name)
        if not match or int(match.group(1)) != cohort:
            continue
        school = branch.parent or branch
        policy = services.policy_for(branch, day.year)
        cap = policy.ratio_junior if branch.sector == Sector.MIDDLE_SCHOOL else policy.ratio_senior
        row = by_school.setdefault(school.pk, RatioRow(school, branch.sector, cohort, 0, 0, cap))
        row.classes.append(branch)
    for row in by_school.values():
        people = Person.objects.filter(organization__in=row.classes)
        row.youth = people.count()
        row.members = people.filter(membership__status__in=list(ACTIVE_STATES)).count()
    return sorted(by_school.values(), key=lambda r: (-r.ratio, r.school.path))


def class_counts(branch: Organization, day: datetime.date) -> tuple[int, int] | None:
    """(members, young people) of a graduating class branch of a junior or senior high school; None for any
    other branch."""
    if branch.sector not in (Sector.MIDDLE_SCHOOL, Sector.HIGH_SCHOOL):
        return None
    match = COHORT.search(branch.name)
    if not match or int(match.group(1)) != graduating_cohort(day):
        return None
    people = Person.objects.filter(organization=branch)
    return people.filter(membership__status__in=list(ACTIVE_STATES)).count(), people.count()


# File check -----------------------------------------------------------------------------------------------

FILE_ITEMS = (
    ("id_number", lambda p, m, form: bool(p.id_number)),
    ("phone", lambda p, m, form: bool(p.phone)),
    ("education", lambda p, m, form: bool(p.education)),
    ("occupation", lambda p, m, form: bool(p.occupation)),
    ("unit", lambda p, m, form: bool(p.unit)),
    ("join_date", lambda p, m, form: bool(m and m.join_date)),
    (
        "development_number",
        lambda p, m, form: bool(m and (m.development_number or m.join_date < datetime.date(2017, 1, 1))),
    ),
    ("admission_form", lambda p, m, form: form),
)


def file_item_labels() -> dict[str, str]:
    return {
        "id_number": _("ID number"),
        "phone": _("Phone"),
        "education": _("Education"),
        "occupation": _("Occupation"),
        "unit": _("School or workplace"),
        "join_date": _("Join date"),
        "development_number": _("Development number"),
        "admission_form": _("Archived admission form"),
    }


@dataclass
class FileRow:
    person: Person
    missing: list[str]

    @property
    def score(self) -> int:
        return round(100 * (len(FILE_ITEMS) - len(self.missing)) / len(FILE_ITEMS))


def file_check(user, organization: Organization) -> tuple[list[FileRow], list[dict]]:
    """Each member's file in the organization's subtree scored for completeness (the share of the eight items
    present), with the missing items named; and each branch's average."""
    from tuanwu.people.selectors import person_list

    people = (
        person_list(user)
        .filter(organization__path__startswith=organization.path, membership__status__in=list(ACTIVE_STATES))
        .select_related("organization", "membership")
        .order_by("organization__path", "name_initials")
    )
    archived = set(
        Application.objects.filter(
            person__in=people, status=Application.Status.ADMITTED, archived_on__isnull=False
        ).values_list("person_id", flat=True)
    )
    labels = file_item_labels()
    rows = []
    for p in people[:20000]:
        m = getattr(p, "membership", None)
        missing = [labels[name] for name, ok in FILE_ITEMS if not ok(p, m, p.pk in archived)]
        rows.append(FileRow(p, missing))
    branches: dict[int, dict] = {}
    for r in rows:
        b = branches.setdefault(
            r.person.organization_id, {"organization": r.person.organization, "members": 0, "total": 0}
        )
        b["members"] += 1
        b["total"] += r.score
    summary = [dict(b, score=round(b["total"] / b["members"])) for b in branches.values()]
    summary.sort(key=lambda b: (b["score"], b["organization"].path))
    return rows, summary
