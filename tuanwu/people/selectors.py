"""Every scoped read of people, memberships and cadre posts."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import Case, Count, IntegerField, Prefetch, Q, QuerySet, Value, When
from django.http import Http404
from django.utils import timezone

from tuanwu.accounts.roles import VIEW_PERSON, VIEW_PERSONAL_DATA, VIEW_SELF
from tuanwu.core.dates import add_years
from tuanwu.core.masking import mask_birth_date
from tuanwu.organizations import scope
from tuanwu.organizations.models import Organization

from .choices import CadreKind, CadrePostName
from .models import CadrePost, Membership, MembershipEvent, Person
from .workflow import ACTIVE_STATES, PENDING_STATES


def person_list(user: scope.Viewer) -> QuerySet[Person]:
    """People the user may see, with what a list row shows (no query per row)."""
    current_posts = CadrePost.objects.filter(until__isnull=True).select_related("organization").order_by(post_rank())
    return (
        Person.objects.filter(scope.person_q(user, VIEW_PERSON))
        .select_related("organization", "membership")
        .prefetch_related(Prefetch("posts", queryset=current_posts, to_attr="current_posts"))
    )


def person_get(user: scope.Viewer, pk: int) -> Person:
    """One person the user may see, or 404."""
    person = person_list(user).select_related("organization__parent", "membership").filter(pk=pk).first()
    if person is None:
        raise Http404
    return person


# The largest key the database holds: a bigger id cannot name a row, and must not reach the database.
MAX_ID = 2**63 - 1


def _write_id(value: object) -> int:
    """An id as a write receives it (an int, or digits from a form), or 404 for anything that cannot be one."""
    if isinstance(value, str) and value.strip().isdigit():
        value = int(value.strip())
    if isinstance(value, bool) or not isinstance(value, int) or not 0 < value <= MAX_ID:
        raise Http404
    return value


def people_for_write(
    user: scope.Viewer, pks: Iterable[object], perm: str, *, among: QuerySet[Person] | None = None
) -> dict[int, Person]:
    """The people a write names by id (introducers, attendees, members of a team, a learner's match, a
    certificate's holder…), by id, when the user holds perm on each one's organization (and each is among the
    given people, if any). Otherwise 404, exactly like an id that does not exist: a write tells nothing about
    people outside the scope, not even whether they exist."""
    wanted = {_write_id(pk) for pk in pks}
    qs = (among if among is not None else Person.objects.all()).filter(pk__in=wanted)
    found = {p.pk: p for p in scope.restrict(qs.select_related("organization"), user, perm)}
    if not wanted or set(found) != wanted:
        raise Http404
    return found


def person_for_write(user: scope.Viewer, pk: object, perm: str, *, among: QuerySet[Person] | None = None) -> Person:
    """The one person a write names by id, like people_for_write: 404 when missing or outside the scope."""
    return people_for_write(user, [pk], perm, among=among)[_write_id(pk)]


def cadre_post_get(user: scope.Viewer, pk: int, perm: str = VIEW_PERSON) -> CadrePost:
    """One cadre post on an organization where the user holds perm, or 404."""
    return scope.get_scoped_or_404(CadrePost.objects.select_related("person"), user, perm, pk=pk)


def person_can_reveal(user: scope.Viewer, person: Person) -> bool:
    """Whether the user may see this person's ID number and phone in clear."""
    return Person.objects.filter(scope.person_q(user, VIEW_PERSONAL_DATA), pk=person.pk).exists()


def personal_data_clear(user: scope.Viewer, person: Person) -> bool:
    """Whether the user may see the person's personal data (ID number, phone, birth date) in clear: the same
    rows as person_q(user, VIEW_PERSONAL_DATA), decided from the person's organization without a query."""
    return scope.holds_at(user, VIEW_PERSONAL_DATA, person.organization.path) or _is_self(user, person.pk)


def personal_data_clear_path(user: scope.Viewer, path: str, person_id: int | None = None) -> bool:
    """personal_data_clear for a row read as values (the organization's path and the person's key)."""
    return scope.holds_at(user, VIEW_PERSONAL_DATA, path) or _is_self(user, person_id)


def _is_self(user: scope.Viewer, person_id: int | None) -> bool:
    own = getattr(user, "person_id", None)
    return bool(own) and own == person_id and scope.has_any(user, VIEW_SELF)


def birth_shown(user: scope.Viewer, person: Person) -> str:
    """The birth date as the user may see it: in full with the personal-data right, else the year only."""
    if personal_data_clear(user, person):
        return person.birth_date.isoformat() if person.birth_date else ""
    return mask_birth_date(person.birth_date)


def person_posts(person: Person) -> QuerySet[CadrePost]:
    """All posts a person held or holds, newest first."""
    return person.posts.select_related("organization").order_by("-since", "-pk")


def membership_of(person: Person) -> Membership | None:
    """The person's membership record, if any (free when the selector select_related it)."""
    try:
        return person.membership
    except Membership.DoesNotExist:
        return None


def membership_events(membership: Membership | None) -> list[MembershipEvent]:
    """A membership's steps, oldest first, with who took them (none without a membership)."""
    return list(membership.events.select_related("actor")) if membership else []


def member_counts(organization_ids=None, *, within: Organization | None = None) -> dict[int, int]:
    """Active members per organization (direct, not subtree), in one query."""
    qs = Membership.objects.filter(status__in=ACTIVE_STATES)
    if organization_ids is not None:
        qs = qs.filter(organization_id__in=organization_ids)
    if within is not None:
        qs = qs.filter(organization__path__range=within.subtree_range())
    # COUNT(*), not COUNT(id): the same number (the key is never NULL), without reading each row's key.
    grouped = qs.values_list("organization_id").annotate(n=Count("*")).values_list("organization_id", "n")
    try:
        sql, params = grouped.query.sql_with_params()
    except EmptyResultSet:
        return {}
    # Straight from the cursor: tens of thousands of (organization, count) pairs for a large county.
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return dict(cursor.fetchall())


def member_total(organization: Organization) -> int:
    """Active members in an organization's whole subtree."""
    return Membership.objects.filter(
        status__in=ACTIVE_STATES, organization__path__range=organization.subtree_range()
    ).count()


def members_on(day: datetime.date) -> QuerySet[Membership]:
    """The memberships that stood on day: joined by then, and still active or left only after it."""
    return Membership.objects.filter(join_date__lte=day).filter(
        Q(status__in=ACTIVE_STATES) | Q(status_changed_on__gt=day)
    )


def youths_on(organization: Organization, day: datetime.date) -> QuerySet[Person]:
    """The young people registered in an organization's subtree aged 14 to 28 on day (团青比例's base)."""
    return Person.objects.filter(
        organization__path__range=organization.subtree_range(),
        birth_date__lte=add_years(day, -14),
        birth_date__gt=add_years(day, -29),
    )


def member_youth_counts(organization: Organization, day: datetime.date) -> tuple[int, int]:
    """(members, youths): of the young people aged 14 to 28 in the subtree on day, how many were members."""
    youths = youths_on(organization, day)
    return youths.filter(membership__in=members_on(day)).count(), youths.count()


def committee_sizes(organization_ids=None) -> dict[int, int]:
    """People holding a current post on each organization, in one query."""
    qs = CadrePost.objects.filter(until__isnull=True)
    if organization_ids is not None:
        qs = qs.filter(organization_id__in=organization_ids)
    return dict(
        qs.values_list("organization_id")
        .annotate(n=Count("person_id", distinct=True))
        .values_list("organization_id", "n")
    )


def cadres_of(organization: Organization) -> QuerySet[CadrePost]:
    """Current posts on an organization, secretary first."""
    return (
        CadrePost.objects.filter(organization=organization, until__isnull=True)
        .select_related("person")
        .order_by(post_rank(), "since", "pk")
    )


def post_rank() -> Case:
    """The rank of a post in the order the League lists its cadres: 书记, 副书记, then the 委员 by office."""
    return Case(
        *(When(post=value, then=Value(rank)) for rank, value in enumerate(CadrePostName.values)),
        default=Value(len(CadrePostName.values)),
        output_field=IntegerField(),
    )


def full_time_cadres(organization: Organization) -> QuerySet[Person]:
    """The full-time and seconded cadres in post in an organization's subtree (the people work is given to)."""
    return (
        Person.objects.filter(
            posts__until__isnull=True,
            posts__kind__in=[CadreKind.FULL_TIME, CadreKind.SECONDED],
            organization__path__startswith=organization.path,
        )
        .distinct()
        .order_by("name_initials")
    )


def pending_exits(user: scope.Viewer) -> QuerySet[Membership]:
    """Exit requests waiting for a decision the user may take (on branches below their committees)."""
    from tuanwu.accounts.roles import APPROVE_EXIT

    return (
        Membership.objects.filter(status__in=PENDING_STATES)
        .filter(scope.org_q(user, APPROVE_EXIT, "organization__parent"))
        .select_related("person", "organization")
        .order_by("status_changed_on", "pk")
    )


def birth_range_for_age(lo: int | None, hi: int | None, today: datetime.date | None = None) -> Q:
    """A Q on birth_date for people aged lo..hi (inclusive) today."""
    today = today or timezone.localdate()
    q = Q()
    if lo is not None:
        q &= Q(birth_date__lte=add_years(today, -lo))
    if hi is not None:
        q &= Q(birth_date__gt=add_years(today, -(hi + 1)))
    return q


def with_member_count(organizations: QuerySet) -> QuerySet:
    """Annotate organizations with their active members (direct), in the same query."""
    return organizations.annotate(member_count=Count("memberships", filter=Q(memberships__status__in=ACTIVE_STATES)))
