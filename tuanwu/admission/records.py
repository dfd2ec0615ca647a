"""The county's checks of member development, read-only: the annual audit (违规发展团员年度核查), and the two
checks of task 14, the member–youth ratio of graduating classes (合理降低团青比例) and the completeness of
members' files (团员档案规范化核查)."""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from django.db.models import (
    BooleanField,
    Case,
    Count,
    Exists,
    ExpressionWrapper,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Sum,
    Value,
    When,
)
from django.utils import timezone
from django.utils.translation import gettext as _

from tuanwu.accounts.roles import VIEW_ADMISSION, VIEW_PERSON
from tuanwu.organizations import scope
from tuanwu.organizations.models import BRANCH_KINDS, Organization, Sector
from tuanwu.organizations.policy import policy_for
from tuanwu.people.models import Membership, Person
from tuanwu.people.workflow import ACTIVE_STATES

from . import rules
from .models import AdmissionPolicy, Application
from .selectors import (
    Pairs,
    application_list,
    facts_many,
    graduates_in,
    graduating_cohort,
    proposed_graduation,
)
from .workflow import ORDER

S = Application.Status


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


SCHOOL_CLASS_SECTORS = (Sector.MIDDLE_SCHOOL, Sector.HIGH_SCHOOL)


def _school_classes(user: scope.Viewer) -> QuerySet[Organization]:
    """The active class branches of junior and senior high schools in the user's view of member development."""
    return (
        scope.restrict(Organization.objects.all(), user, VIEW_ADMISSION, field="")
        .filter(kind__in=BRANCH_KINDS, sector__in=SCHOOL_CLASS_SECTORS, status=Organization.Status.ACTIVE)
        .select_related("parent")
        .order_by("path")
    )


def graduating_ratios(user: scope.Viewer, day: datetime.date | None = None) -> list[RatioRow]:
    """Per school in the user's scope, members ÷ young people registered in its graduating classes (the class
    branches whose expected graduation date falls in the school year), against the county's cap for junior
    (30 %) and senior (60 %) high schools. Branches without a date are not counted: see graduation_proposals."""
    day = day or timezone.localdate()
    cohort = graduating_cohort(day)
    by_school: dict[int, RatioRow] = {}
    for branch in _school_classes(user).filter(graduates_in(day)):
        school = branch.parent or branch
        policy = policy_for(AdmissionPolicy, branch, day.year)
        cap = policy.ratio_junior if branch.sector == Sector.MIDDLE_SCHOOL else policy.ratio_senior
        row = by_school.setdefault(school.pk, RatioRow(school, branch.sector, cohort, 0, 0, cap))
        row.classes.append(branch)
    for row in by_school.values():
        people = Person.objects.filter(organization__in=row.classes)
        row.youth = people.count()
        row.members = people.filter(membership__status__in=list(ACTIVE_STATES)).count()
    return sorted(by_school.values(), key=lambda r: (-r.ratio, r.school.path))


@dataclass(frozen=True)
class GraduationProposal:
    branch: Organization
    proposed: datetime.date | None  # from the branch's name, e.g. "2024级"; None when the name tells nothing


def graduation_proposals(user: scope.Viewer, day: datetime.date | None = None) -> list[GraduationProposal]:
    """School class branches in the user's scope without an expected graduation date (待设置), with the date
    their names suggest; the ratio leaves them out until a committee sets one."""
    return [
        GraduationProposal(branch, proposed_graduation(branch))
        for branch in _school_classes(user).filter(graduates_on__isnull=True)
    ]


# File check -----------------------------------------------------------------------------------------------

# Members are read this many at a time, so that a county of any size is checked in bounded memory.
FILE_CHECK_CHUNK = 2000

FILE_ITEMS = (
    "id_number",
    "phone",
    "education",
    "occupation",
    "unit",
    "join_date",
    "development_number",
    "admission_form",
)


def _file_conditions() -> dict[str, Q]:
    """Each item of a member's file, as the condition that it is present (evaluated in the database)."""
    archived = Application.objects.filter(
        person_id=OuterRef("pk"), status=Application.Status.ADMITTED, archived_on__isnull=False
    )
    return {
        "id_number": Q(id_number__isnull=False) & ~Q(id_number=""),
        "phone": ~Q(phone=""),
        "education": ~Q(education=""),
        "occupation": ~Q(occupation=""),
        "unit": ~Q(unit=""),
        "join_date": Q(membership__join_date__isnull=False),
        "development_number": (Q(membership__development_number__isnull=False) & ~Q(membership__development_number=""))
        | Q(membership__join_date__lt=rules.NUMBER_REQUIRED_FROM),
        "admission_form": Q(Exists(archived)),
    }


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
    flags: list[str] = field(default_factory=list)  # rules the member's join broke, flagged on import

    @property
    def score(self) -> int:
        return round(100 * (len(FILE_ITEMS) - len(self.missing)) / len(FILE_ITEMS))


@dataclass
class FileCheck:
    """The file check of an organization's subtree: totals and per-branch averages computed in the database,
    and the members themselves as a query, to be paged or read in chunks."""

    organization: Organization
    members: int
    complete: int
    score: int
    branches: list[dict[str, Any]]
    people: QuerySet[Person]

    def incomplete(self) -> QuerySet[Person]:
        return self.people.filter(**{"file_present__lt": len(FILE_ITEMS)})

    def rows(self, people: Iterable[Person]) -> list[FileRow]:
        return [file_row(p) for p in people]


def file_row(person: Person) -> FileRow:
    """A member read from FileCheck.people, with the items missing from the file named."""
    labels = file_item_labels()
    membership = getattr(person, "membership", None)
    flags = sorted(f.code for f in membership.flags.all()) if membership is not None else []
    return FileRow(person, [labels[name] for name in FILE_ITEMS if not getattr(person, f"file_has_{name}")], flags)


def _score(total: int | None, members: int) -> int:
    return round(100 * (total or 0) / (len(FILE_ITEMS) * members)) if members else 100


def file_check(user: scope.Viewer, organization: Organization) -> FileCheck:
    """Each member's file in the organization's subtree scored for completeness (the share of the eight items
    present), with the missing items named; each branch's average, lowest first; and the totals. Every member
    in scope is counted, however many."""
    conditions = _file_conditions()
    present = sum(
        (Case(When(q, then=Value(1)), default=Value(0), output_field=IntegerField()) for q in conditions.values()),
        Value(0, output_field=IntegerField()),
    )
    members = Person.objects.filter(
        scope.person_q(user, VIEW_PERSON),
        organization__path__startswith=organization.path,
        membership__status__in=list(ACTIVE_STATES),
    )
    totals = members.aggregate(
        members=Count("pk"),
        total=Sum(present),
        complete=Count("pk", filter=Q(*conditions.values())),
    )
    by_branch = list(members.order_by().values("organization_id").annotate(members=Count("pk"), total=Sum(present)))
    organizations = Organization.objects.in_bulk([b["organization_id"] for b in by_branch])
    branches = [
        {
            "organization": organizations[b["organization_id"]],
            "members": b["members"],
            "score": _score(b["total"], b["members"]),
        }
        for b in by_branch
    ]
    branches.sort(key=lambda b: (b["score"], b["organization"].path))
    people = (
        members.select_related("organization", "membership")
        .prefetch_related("membership__flags")
        .annotate(
            file_present=present,
            **{f"file_has_{name}": ExpressionWrapper(q, output_field=BooleanField()) for name, q in conditions.items()},
        )
        .order_by("organization__path", "name_initials", "pk")
    )
    return FileCheck(
        organization,
        totals["members"],
        totals["complete"],
        _score(totals["total"], totals["members"]),
        branches,
        people,
    )


def file_rows(check: FileCheck) -> Iterator[FileRow]:
    """Every member's file, in the check's order, read FILE_CHECK_CHUNK members at a time (keyset paging)."""
    last: tuple[str, str, int] | None = None
    while True:
        chunk = check.people
        if last is not None:
            path, initials, pk = last
            chunk = chunk.filter(
                Q(organization__path__gt=path)
                | Q(organization__path=path, name_initials__gt=initials)
                | Q(organization__path=path, name_initials=initials, pk__gt=pk)
            )
        people = list(chunk[:FILE_CHECK_CHUNK])
        yield from check.rows(people)
        if len(people) < FILE_CHECK_CHUNK:
            return
        tail = people[-1]
        last = (tail.organization.path, tail.name_initials, tail.pk)


# The annual audit -------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class AuditRow:
    person: str
    organization: str
    join_date: datetime.date
    development_number: str
    code: str
    message: str
    severity: str  # rules.VIOLATION or rules.WARNING
    application_id: int | None

    @property
    def warning(self) -> bool:
        return self.severity == rules.WARNING


class _Policies:
    """The county policies the audit applies, read once per county and year."""

    def __init__(self) -> None:
        self.found: dict[tuple[str, int], AdmissionPolicy] = {}

    def of(self, organization: Organization, year: int) -> AdmissionPolicy:
        key = (organization.county_path, year)
        if key not in self.found:
            self.found[key] = policy_for(AdmissionPolicy, organization, year)
        return self.found[key]


def admission_audit(user: scope.Viewer, year: int) -> list[AuditRow]:
    """违规发展团员年度核查: every admission of the year in the user's scope against every rule it can be held to.

    Admissions made in TuanWu are checked against all the rules; members who joined that year without an
    application here (imported from elsewhere) against the rules their data allows: age at joining, the
    development number's format, year and presence, and the missing admission form.
    """
    policies = _Policies()
    apps = list(
        application_list(user)
        .filter(status=S.ADMITTED, meeting__held_on__year=year)
        .select_related("introducer_1", "introducer_2")
        .order_by("organization__path", "person__name")
    )
    return _audit_admissions(apps, policies) + _audit_imported(user, year, {a.person_id for a in apps}, policies)


def _meeting_batches(apps: list[Application]) -> dict[int, Pairs]:
    """Per general meeting of apps, the introducer pairs of every candidacy it voted on."""
    batches: dict[int, Pairs] = {}
    meetings = sorted({app.meeting_id for app in apps if app.meeting_id is not None})
    for i in range(0, len(meetings), 900):
        for meeting_id, first, second in Application.objects.filter(meeting_id__in=meetings[i : i + 900]).values_list(
            "meeting_id", "introducer_1_id", "introducer_2_id"
        ):
            batches.setdefault(meeting_id, []).append((first, second))
    return batches


def _audit_admissions(apps: list[Application], policies: _Policies) -> list[AuditRow]:
    """The year's admissions made in TuanWu against all the rules."""
    by_meeting = _meeting_batches(apps)
    # The quota was checked when approving; counting again now would prove nothing.
    facts = facts_many(apps, batches={app.pk: by_meeting.get(app.meeting_id or 0, []) for app in apps})
    rows = []
    for app in apps:
        assert app.meeting is not None  # the query asked for the meeting's year
        held_on = app.meeting.held_on
        found = rules.check(app, policies.of(app.organization, held_on.year), facts[app.pk], upto=ORDER[-1])
        found += rules.check_number(app.development_number, held_on)
        for v in found:
            rows.append(
                AuditRow(
                    app.person.name,
                    app.organization.name,
                    held_on,
                    app.development_number or "",
                    v.code,
                    v.message,
                    rules.severity(v.code),
                    app.pk,
                )
            )
    return rows


def _audit_imported(user: scope.Viewer, year: int, in_app: set[int], policies: _Policies) -> list[AuditRow]:
    """Members who joined in the year without an application here, against the rules a recorded join is held to
    (rules.check_join), and the rules flagged on their membership when it was imported. Such a member has no
    admission form here by nature: that is the file check's concern, not a broken rule."""
    members = (
        scope.restrict(Membership.objects.filter(join_date__year=year), user, VIEW_ADMISSION)
        .exclude(person_id__in=in_app)
        .exclude(person_id__in=Application.objects.filter(status=S.ADMITTED).values("person_id"))
        .select_related("person", "organization")
        .prefetch_related("flags")
        .order_by("organization__path", "person__name")
    )
    rows = []
    for m in members:
        policy = policies.of(m.organization, year)
        flags = {f.code: f.message for f in m.flags.all()}
        found = [
            (v.code, v.message)
            for v in rules.check_join(
                policy, m.person.birth_date, m.join_date, m.development_number, shared=m.number_shared
            )
        ]
        codes = {code for code, _message in found}
        found += [(code, message) for code, message in flags.items() if code not in codes]
        for code, message in found:
            rows.append(
                AuditRow(
                    m.person.name,
                    m.organization.name,
                    m.join_date,
                    m.development_number or "",
                    code,
                    message,
                    rules.severity(code),
                    None,
                )
            )
    return rows


def audit_summary(rows: list[AuditRow]) -> dict[str, Any]:
    """The audit's totals: findings, members concerned, and findings per rule, the most frequent first."""
    codes = Counter(r.code for r in rows)
    return {
        "total": len(rows),
        "codes": sorted(codes.items(), key=lambda kv: -kv[1]),
        "people": len({(r.person, r.join_date) for r in rows}),
    }


def audit_organization(user: scope.Viewer) -> Organization | None:
    """The organization the county checks open on: the first top of the user's view of member development."""
    return next((o for o in scope.visible_roots(user) if scope.has_perm(user, VIEW_ADMISSION, o)), None)
