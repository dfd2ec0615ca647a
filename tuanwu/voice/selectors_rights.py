"""Scoped reads of the rights mechanism: the county's experts, the rights-coverage register (which schools have a
权益部 and which class branches a 权益委员), the surveys with their results, and the case figures of a research
report."""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Count, QuerySet
from django.db.models.functions import ExtractMonth
from django.utils import timezone

from tuanwu.accounts.roles import MANAGE_VOICE, VIEW_VOICE
from tuanwu.organizations import scope
from tuanwu.organizations.models import BRANCH_KINDS, Organization, Sector

from .models import Case, Expert, RightsDepartment, Survey

# The sectors whose committees are schools with a student union and class branches (primary schools have none).
SCHOOL_SECTORS = (Sector.UNIVERSITY, Sector.VOCATIONAL_SCHOOL, Sector.HIGH_SCHOOL, Sector.MIDDLE_SCHOOL)
RIGHTS_OFFICER = "rights_officer"


def is_school(organization: Organization) -> bool:
    """Whether the organization is a school's League committee (not a branch) of a school sector."""
    return organization.sector in SCHOOL_SECTORS and organization.kind not in BRANCH_KINDS


def expert_list(county: Organization) -> QuerySet[Expert]:
    """The experts the county registered, active first."""
    return Expert.objects.filter(organization=county).select_related("person").order_by("-active", "name", "pk")


@dataclass
class SchoolCoverage:
    school: Organization
    department: RightsDepartment | None
    branches: int = 0
    covered: list[Organization] = field(default_factory=list)
    gaps: list[Organization] = field(default_factory=list)


def _schools(root_paths: list[str]) -> list[Organization]:
    schools = Organization.objects.filter(status=Organization.Status.ACTIVE, sector__in=SCHOOL_SECTORS).exclude(
        kind__in=BRANCH_KINDS
    )
    picked = [o for o in schools.order_by("path") if o.path.startswith(tuple(root_paths))]
    # A school is its top committee: a college's committee inside a university counts with the university.
    tops: list[Organization] = []
    for o in picked:
        if not tops or not o.path.startswith(tops[-1].path):
            tops.append(o)
    return tops


def coverage_register(schools: list[Organization], on: datetime.date | None = None) -> list[SchoolCoverage]:
    """For each school: its rights department, and its class branches with and without a rights officer (a cadre
    post 权益委员 held on the day)."""
    from django.db.models import Q

    from tuanwu.people.models import CadrePost

    on = on or timezone.localdate()
    if not schools:
        return []
    departments = {d.organization_id: d for d in RightsDepartment.objects.filter(organization__in=schools)}
    q = Q(pk__in=[])
    for s in schools:
        q |= Q(path__startswith=s.path)
    branches = list(
        Organization.objects.filter(q, kind__in=BRANCH_KINDS, status=Organization.Status.ACTIVE).order_by("path")
    )
    with_officer = set(
        CadrePost.objects.filter(organization__in=branches, post=RIGHTS_OFFICER, since__lte=on)
        .filter(Q(until__isnull=True) | Q(until__gte=on))
        .values_list("organization_id", flat=True)
    )
    rows = []
    for s in schools:
        row = SchoolCoverage(school=s, department=departments.get(s.pk))
        for b in branches:
            if b.path.startswith(s.path):
                row.branches += 1
                (row.covered if b.pk in with_officer else row.gaps).append(b)
        rows.append(row)
    return rows


def coverage_for_viewer(viewer: scope.Viewer) -> list[SchoolCoverage]:
    """The register of the schools in the viewer's scope."""
    return coverage_register(_schools(scope.root_paths(viewer, VIEW_VOICE)))


def coverage_shares(county: Organization, on: datetime.date | None = None) -> dict[str, tuple[int, int]]:
    """(covered, total) of the county: class branches with a 权益委员, schools with a 权益部."""
    rows = coverage_register(_schools([county.path]), on)
    return {
        "officers": (sum(len(r.covered) for r in rows), sum(r.branches for r in rows)),
        "departments": (sum(1 for r in rows if r.department), len(rows)),
    }


# -- surveys ---------------------------------------------------------------------------------------------------


def survey_list(viewer: scope.Viewer) -> QuerySet[Survey]:
    """The surveys of the organizations the viewer handles cases for, newest first."""
    qs = Survey.objects.select_related("organization").annotate(answers=Count("responses"))
    return scope.restrict(qs, viewer, MANAGE_VOICE).order_by("-opens_on", "-pk")


def survey_get(viewer: scope.Viewer, pk: int) -> Survey:
    """One survey for its owners (who handle cases of its organization), or 404."""
    return scope.get_scoped_or_404(Survey.objects.select_related("organization"), viewer, MANAGE_VOICE, pk=pk)


def survey_by_token(token: str) -> Survey | None:
    """The survey a public link opens, or None."""
    return Survey.objects.filter(token=token).first() if token else None


@dataclass
class QuestionResult:
    number: int
    text: str
    kind: str
    answered: int
    options: list[tuple[str, int, float]]  # option, count, % of the survey's answers
    texts: list[str]


def survey_results(survey: Survey) -> tuple[int, list[QuestionResult]]:
    """The number of answers and, per question, counts and shares per option (of all answers) or the texts."""
    answers = list(survey.responses.values_list("answers", flat=True))
    total = len(answers)
    results = []
    for index, question in enumerate(survey.questions):
        key = str(index)
        given = [a[key] for a in answers if key in a]
        counts: Counter = Counter()
        texts: list[str] = []
        if question["kind"] == Survey.Kind.TEXT:
            texts = [str(t) for t in given]
        else:
            for value in given:
                counts.update(value if isinstance(value, list) else [value])
        options = [
            (o, counts[o], round(100 * counts[o] / total, 1) if total else 0.0) for o in question.get("options", [])
        ]
        results.append(QuestionResult(index + 1, question["text"], question["kind"], len(given), options, texts))
    return total, results


@dataclass
class CaseStatistics:
    total: int
    by_category: list[tuple[str, int]]
    by_subtype: list[tuple[str, int]]
    by_month: list[tuple[int, int]]
    by_organization: list[tuple[str, int]]


def case_statistics(viewer: scope.Viewer, organization: Organization, year: int) -> CaseStatistics:
    """The viewer's cases of the organization's subtree filed in year, counted by category, kind of rights claim,
    month and organization (merged duplicates left out)."""
    low, high = organization.subtree_range()
    qs = (
        scope.restrict(Case.objects.all(), viewer, VIEW_VOICE)
        .filter(organization__path__range=(low, high), filed_at__year=year)
        .exclude(status=Case.Status.MERGED)
    )
    categories, subtypes = dict(Case.Category.choices), dict(Case.Subtype.choices)
    by_category = [
        (str(categories.get(r["category"], r["category"])), r["n"])
        for r in qs.values("category").annotate(n=Count("pk")).order_by("category")
    ]
    by_subtype = [
        (str(subtypes.get(r["subtype"], r["subtype"])), r["n"])
        for r in qs.exclude(subtype="").values("subtype").annotate(n=Count("pk")).order_by("-n", "subtype")
    ]
    months = dict(qs.annotate(m=ExtractMonth("filed_at")).values("m").annotate(n=Count("pk")).values_list("m", "n"))
    by_org = [
        (r["organization__name"], r["n"])
        for r in qs.values("organization__name").annotate(n=Count("pk")).order_by("-n", "organization__name")
    ]
    return CaseStatistics(
        total=sum(n for _, n in by_category),
        by_category=by_category,
        by_subtype=by_subtype,
        by_month=[(m, months.get(m, 0)) for m in range(1, 13)],
        by_organization=by_org,
    )
