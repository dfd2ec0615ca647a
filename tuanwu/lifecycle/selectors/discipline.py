"""Reads of discipline cases, scoped; and whether a member is under discipline on a day."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.db.models import Count, Q, QuerySet

from tuanwu.accounts.roles import APPROVE_LIFECYCLE, MANAGE_LIFECYCLE, VIEW_LIFECYCLE
from tuanwu.organizations import scope
from tuanwu.organizations.models import Organization, subtree_range
from tuanwu.people.models import CadrePost, Person
from tuanwu.people.workflow import MembershipStatus

from ..models import DisciplineCase, DisciplineStep, Sanction

S = DisciplineCase.Status


def discipline_case_list(user: scope.Viewer) -> QuerySet[DisciplineCase]:
    """The cases of the branches in the user's scope, newest decision first."""
    return scope.restrict(
        DisciplineCase.objects.select_related("organization", "person", "organization__parent"), user, VIEW_LIFECYCLE
    )


def discipline_case_get(user: scope.Viewer, pk: int) -> DisciplineCase:
    """One case in the user's scope (404 outside it)."""
    return scope.get_scoped_or_404(
        DisciplineCase.objects.select_related("organization__parent", "person", "post"), user, VIEW_LIFECYCLE, pk=pk
    )


def discipline_steps(case: DisciplineCase) -> QuerySet[DisciplineStep]:
    """A case's timeline."""
    return case.steps.select_related("actor")


def _in_force_q(on: datetime.date) -> Q:
    # 留团察看 suspends a member's rights (vote, election, introducing) over its period; an expulsion under way
    # leaves the member on the roll until approved, without good standing.
    probation = Q(
        sanction=Sanction.PROBATION,
        status__in=[S.IN_FORCE, S.CONCLUDED],
        effective_on__lte=on,
        probation_ends_on__gt=on,
    ) & (Q(concluded_on__isnull=True) | Q(concluded_on__gt=on))
    expulsion = Q(sanction=Sanction.EXPULSION, status__in=[S.SUBMITTED, S.IN_FORCE], decided_on__lte=on)
    return probation | expulsion


def people_under_discipline(person_ids: Iterable[int], on: datetime.date) -> set[int]:
    """Of these people, those under discipline on the day (see under_discipline)."""
    ids = sorted(set(person_ids))
    found: set[int] = set()
    for i in range(0, len(ids), 900):
        found.update(
            DisciplineCase.objects.filter(_in_force_q(on), person_id__in=ids[i : i + 900]).values_list(
                "person_id", flat=True
            )
        )
    return found


def under_discipline(person: Person, on: datetime.date) -> bool:
    """Whether the member is under discipline on the day: on probation (留团察看) within its period, or with an
    expulsion decided and not yet revoked or refused. Warnings and a removal from posts are recorded but do not
    suspend the member's rights."""
    return bool(people_under_discipline([person.pk], on))


def open_posts_of(person: Person) -> QuerySet[CadrePost]:
    """The League posts the person holds now (what a removal can remove)."""
    return CadrePost.objects.filter(person=person, until__isnull=True).select_related("organization")


def can_manage(user: scope.Viewer, case: DisciplineCase) -> bool:
    return scope.has_perm(user, MANAGE_LIFECYCLE, case.organization)


def can_approve(user: scope.Viewer, case: DisciplineCase) -> bool:
    parent = case.organization.parent
    return parent is not None and scope.has_perm(user, APPROVE_LIFECYCLE, parent)


def discipline_cases_in_year(organization: Organization, year: int) -> dict[str, int]:
    """Cases approved in the organization's subtree in the year, by sanction (the plan's metric)."""
    rows = (
        DisciplineCase.objects.filter(
            organization__path__range=subtree_range(organization.path),
            effective_on__year=year,
            status__in=[S.IN_FORCE, S.CONCLUDED],
        )
        .values("sanction")
        .annotate(n=Count("pk"))
    )
    return {row["sanction"]: row["n"] for row in rows}


def sanctionable_members(user: scope.Viewer) -> QuerySet[Person]:
    """The members in normal standing of the branches where the user may decide a sanction, by name."""
    return scope.restrict(
        Person.objects.filter(membership__status=MembershipStatus.NORMAL).select_related("organization"),
        user,
        MANAGE_LIFECYCLE,
    ).order_by("organization__path", "name_pinyin")


def open_posts_in_scope(user: scope.Viewer, person_id: int | None = None) -> QuerySet[CadrePost]:
    """The League posts held now by members the user may sanction (what a removal can remove)."""
    posts = CadrePost.objects.filter(until__isnull=True, person__in=sanctionable_members(user)).select_related(
        "person", "organization"
    )
    return posts.filter(person_id=person_id) if person_id else posts


def discipline_case_counts(cases: QuerySet[DisciplineCase]) -> dict[str, int]:
    """The number of cases by status."""
    return {row["status"]: row["n"] for row in cases.order_by().values("status").annotate(n=Count("pk"))}
