"""Every scoped read of the evaluation and registration: a branch's evaluation, the committee's approvals, the
registrations and the unregistered, a member's own record (the 团员证's stamps), good standing and the figures the
plan measures."""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import QuerySet
from django.http import Http404

from tuanwu.accounts.roles import APPROVE_LIFECYCLE, VIEW_LIFECYCLE
from tuanwu.organizations import scope
from tuanwu.organizations.models import BRANCH_KINDS, Organization
from tuanwu.organizations.policy import policy_for
from tuanwu.people.models import Membership, Person
from tuanwu.people.workflow import ACTIVE_STATES

from ..models.evaluation import Evaluation, EvaluationEntry, Grade, LifecyclePolicy, Registration

TENTH = Decimal("0.1")


def evaluation_list(user: scope.Viewer) -> QuerySet[Evaluation]:
    """Evaluations of the branches in the user's VIEW_LIFECYCLE scope."""
    qs = Evaluation.objects.select_related("organization", "organization__parent")
    return scope.restrict(qs, user, VIEW_LIFECYCLE)


def evaluation_get(user: scope.Viewer, pk: int) -> Evaluation:
    """One evaluation the user may see, else 404."""
    return scope.get_scoped_or_404(evaluation_list(user), user, VIEW_LIFECYCLE, pk=pk)


def entries_of(evaluation: Evaluation) -> QuerySet[EvaluationEntry]:
    return evaluation.entries.select_related("membership__person").order_by("membership__person__name_pinyin", "pk")


def entry_get(user: scope.Viewer, pk: int) -> EvaluationEntry:
    """One evaluation entry the user may see (its branch in scope, or the user's own), else 404."""
    row = (
        EvaluationEntry.objects.select_related("evaluation", "organization", "membership__person").filter(pk=pk).first()
    )
    if row is None:
        raise Http404
    if getattr(user, "person_id", None) == row.membership.person_id or scope.has_perm(
        user, VIEW_LIFECYCLE, row.organization
    ):
        return row
    raise Http404


@dataclass(frozen=True)
class Distribution:
    """The grades of one evaluation (or many), with the cap's numbers."""

    evaluated: int
    counts: dict
    allowed_excellent: int | None = None

    def share(self, grade: str) -> Decimal | None:
        return (Decimal(100) * self.counts.get(grade, 0) / self.evaluated).quantize(TENTH) if self.evaluated else None

    @property
    def rows(self) -> list[tuple[str, str, int, Decimal | None]]:
        return [(g.value, str(g.label), self.counts.get(g.value, 0), self.share(g.value)) for g in Grade]


def distribution(entries, cap_percent: int | None = None) -> Distribution:
    evaluated = [e for e in entries if e.evaluated]
    counts = Counter(e.final_grade for e in evaluated if e.final_grade)
    allowed = len(evaluated) * cap_percent // 100 if cap_percent is not None else None
    return Distribution(len(evaluated), dict(counts), allowed)


def cap_warning(evaluation: Evaluation) -> str:
    """The cap's refusal, said in advance while the grades are still a draft ("" when within the cap)."""
    from django.core.exceptions import ValidationError

    from ..rules_evaluation import check_excellent_cap

    evaluated = [e for e in evaluation.entries.all() if e.evaluated]
    excellent = sum(1 for e in evaluated if e.grade == Grade.EXCELLENT)
    try:
        check_excellent_cap(
            excellent=excellent, evaluated=len(evaluated), policy=policy_of(evaluation.organization, evaluation.year)
        )
    except ValidationError as e:
        return " ".join(e.messages)
    return ""


def policy_of(organization: Organization, year: int) -> LifecyclePolicy:
    return policy_for(LifecyclePolicy, organization, year)


def branches_under(user: scope.Viewer, organization: Organization, year: int) -> list[dict]:
    """The branches of an organization's subtree in the user's scope, each with its evaluation of the year."""
    branches = scope.restrict(
        Organization.objects.filter(
            path__startswith=organization.path, kind__in=BRANCH_KINDS, status=Organization.Status.ACTIVE
        ),
        user,
        VIEW_LIFECYCLE,
        field="",
    ).order_by("path")
    evaluations = {e.organization_id: e for e in Evaluation.objects.filter(organization__in=branches, year=year)}
    return [{"branch": b, "evaluation": evaluations.get(b.pk)} for b in branches]


def approvals_pending(user: scope.Viewer, year: int | None = None) -> QuerySet[Evaluation]:
    """Submitted evaluations of branches whose committee above the user may approve for."""
    qs = Evaluation.objects.filter(status=Evaluation.Status.SUBMITTED).select_related(
        "organization", "organization__parent"
    )
    qs = scope.restrict(qs, user, APPROVE_LIFECYCLE, field="organization__parent")
    if year is not None:
        qs = qs.filter(year=year)
    return qs.order_by("submitted_at", "pk")


def appeals_pending(user: scope.Viewer) -> QuerySet[EvaluationEntry]:
    """Appeals not yet answered, for the committee above the branch."""
    qs = EvaluationEntry.objects.filter(appealed_on__isnull=False, appeal_answered_on__isnull=True).select_related(
        "evaluation", "organization", "membership__person"
    )
    return scope.restrict(qs, user, APPROVE_LIFECYCLE, field="organization__parent").order_by("appealed_on", "pk")


@dataclass
class RegistrationRow:
    membership: Membership
    registration: Registration | None
    grade: str | None

    @property
    def registered(self) -> bool:
        return self.registration is not None and self.registration.status == Registration.Status.REGISTERED

    @property
    def overdue(self) -> bool:
        """A deferral whose deadline has passed without a registration or a recorded outcome."""
        r = self.registration
        return bool(r and r.status == Registration.Status.DEFERRED and r.deferred_until and r.deferred_until < _today())


def _today() -> datetime.date:
    from django.utils import timezone

    return timezone.localdate()


def registration_rows(user: scope.Viewer, organization: Organization, year: int) -> list[RegistrationRow]:
    """Every active member of the organization's subtree in scope, with the year's registration and the grade that
    counts for it (queries: members, registrations, entries)."""
    members = list(
        scope.restrict(
            Membership.objects.filter(organization__path__startswith=organization.path, status__in=ACTIVE_STATES),
            user,
            VIEW_LIFECYCLE,
        )
        .select_related("person", "organization")
        .order_by("organization__path", "person__name_pinyin", "pk")
    )
    ids = [m.pk for m in members]
    registrations = {r.membership_id: r for r in Registration.objects.filter(membership_id__in=ids, year=year)}
    grades: dict[int, tuple[int, str]] = {}
    for e in EvaluationEntry.objects.filter(
        membership_id__in=ids, evaluation__status=Evaluation.Status.APPROVED, evaluation__year__in=(year, year - 1)
    ).select_related("evaluation"):
        if e.evaluated and (e.membership_id not in grades or grades[e.membership_id][0] < e.evaluation.year):
            grades[e.membership_id] = (e.evaluation.year, e.final_grade)
    return [RegistrationRow(m, registrations.get(m.pk), grades[m.pk][1] if m.pk in grades else None) for m in members]


def registration_list(user: scope.Viewer) -> QuerySet[Registration]:
    """Registrations of members in the user's scope."""
    return scope.restrict(
        Registration.objects.select_related("membership__person", "organization"), user, VIEW_LIFECYCLE
    )


def registration_get(user: scope.Viewer, pk: int) -> Registration:
    return scope.get_scoped_or_404(registration_list(user), user, VIEW_LIFECYCLE, pk=pk)


def my_record(person: Person) -> dict:
    """A member's own grades and registration stamps by year: the data of the 团员证."""
    membership = Membership.objects.filter(person=person).select_related("organization").first()
    if membership is None:
        return {"membership": None, "entries": [], "registrations": []}
    entries = list(
        EvaluationEntry.objects.filter(membership=membership)
        .exclude(evaluation__status=Evaluation.Status.DRAFT)
        .select_related("evaluation", "organization")
        .order_by("-evaluation__year")
    )
    registrations = list(
        Registration.objects.filter(membership=membership).select_related("organization").order_by("-year")
    )
    return {"membership": membership, "entries": entries, "registrations": registrations}


def in_good_standing(person: Person, on: datetime.date) -> bool:
    """Registered for the year of on (or for the year before, until that year's registration window closes), not
    graded 不合格 in the latest approved evaluation (a re-evaluation's grade counts) and not under discipline."""
    membership = Membership.objects.filter(person=person, status__in=ACTIVE_STATES).first()
    if membership is None:
        return False
    registered = set(
        Registration.objects.filter(
            membership=membership,
            status=Registration.Status.REGISTERED,
            registered_on__lte=on,
            year__in=(on.year, on.year - 1),
        ).values_list("year", flat=True)
    )
    if on.year not in registered:
        # Last year's registration holds until this year's window closes (all year when the county sets none).
        closes = policy_for(LifecyclePolicy, membership.organization, on.year).registration_closes
        if on.year - 1 not in registered or (closes is not None and on > closes):
            return False
    entry = (
        EvaluationEntry.objects.filter(
            membership=membership, evaluation__status=Evaluation.Status.APPROVED, evaluation__year__lte=on.year
        )
        .order_by("-evaluation__year")
        .first()
    )
    if entry is not None and entry.evaluated and entry.final_grade == Grade.UNQUALIFIED:
        return False
    from .discipline import under_discipline

    return not under_discipline(person, on)


# figures for the plan (tuanwu.plan.metrics)


def registration_rate(county: Organization, year: int) -> Decimal | None:
    """Registered members of the year ÷ active members of the county, in %."""
    members = Membership.objects.filter(organization__path__startswith=county.path, status__in=ACTIVE_STATES)
    total = members.count()
    done = Registration.objects.filter(membership__in=members, year=year, status=Registration.Status.REGISTERED).count()
    return (Decimal(100) * done / total).quantize(TENTH) if total else None


def evaluation_distribution(county: Organization, year: int) -> Distribution:
    """The final grades of the year's approved evaluations in the county."""
    entries = EvaluationEntry.objects.filter(
        organization__path__startswith=county.path, evaluation__year=year, evaluation__status=Evaluation.Status.APPROVED
    ).only("grade", "regrade", "opted_in", "party_member")
    return distribution(list(entries))


def general_meetings_of(evaluation: Evaluation) -> list:
    """The branch's recorded general meetings around the evaluation's year, to link as the evaluating meeting."""
    from tuanwu.meetings.models import Kind, Meeting

    return list(
        Meeting.objects.filter(
            organization=evaluation.organization,
            kind=Kind.GENERAL_MEETING,
            held_on__year__in=(evaluation.year, evaluation.year + 1),
        ).order_by("-held_on")[:50]
    )


def general_meeting_get(user: scope.Viewer, pk: int):
    """A recorded meeting the user may see (the meetings app's own scope), else 404."""
    from tuanwu.meetings.selectors.meetings import meeting_get

    return meeting_get(user, pk)


def membership_get(user: scope.Viewer, pk: int | None) -> Membership:
    """A membership in the user's VIEW_LIFECYCLE scope, else 404."""
    if pk is None:
        raise Http404
    qs = Membership.objects.select_related("person", "organization")
    return scope.get_scoped_or_404(qs, user, VIEW_LIFECYCLE, pk=pk)


def person_get(user: scope.Viewer, pk: int) -> Person:
    """A person in the user's VIEW_LIFECYCLE scope, for their evaluation and registration record; else 404."""
    return scope.get_scoped_or_404(Person.objects.select_related("organization"), user, VIEW_LIFECYCLE, pk=pk)
