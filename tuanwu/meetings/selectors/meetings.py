"""Scoped reads of meetings: League meetings through the organization tree, the Party branch's only for its own
members and the county."""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.http import Http404

from tuanwu.accounts.roles import VIEW_MEETING, VIEW_PARTY_MEETING
from tuanwu.organizations import scope
from tuanwu.organizations.models import Organization
from tuanwu.people.models import Membership, Person
from tuanwu.people.workflow import ACTIVE_STATES

from ..models import Meeting, PartyBranch, PartyMember


def party_branches_of(user: scope.Viewer) -> QuerySet[PartyBranch]:
    """The Party branches the user may see: those on whose roll the user's person is today, and every one in a
    county where the user holds VIEW_PARTY_MEETING on the county committee."""
    if not getattr(user, "is_authenticated", False):
        return PartyBranch.objects.none()
    q = Q(pk__in=[])
    person_id = getattr(user, "person_id", None)
    if person_id:
        q |= Q(members__person_id=person_id, members__left_on__isnull=True)
    counties = scope.county_paths(user, VIEW_PARTY_MEETING)
    if counties:
        q |= Q(organization__path__in=sorted(counties))
    return PartyBranch.objects.filter(q).distinct()


def meeting_list(user: scope.Viewer) -> QuerySet[Meeting]:
    """Meetings the user may see: League meetings of organizations in their VIEW_MEETING scope, and the meetings
    of the Party branches the user may see."""
    league = scope.restrict(Meeting.objects.filter(party_branch__isnull=True), user, VIEW_MEETING)
    party = Meeting.objects.filter(party_branch__in=party_branches_of(user))
    return (league | party).select_related("organization", "party_branch", "chair", "recorder", "course")


def meeting_get(user: scope.Viewer, pk: int) -> Meeting:
    """One meeting the user may see, else 404 (exactly like a meeting that does not exist)."""
    row = meeting_list(user).filter(pk=pk).first()
    if row is None:
        raise Http404
    return row


def roster_of(organization: Organization) -> QuerySet[Person]:
    """The members on an organization's own roll (active memberships whose branch it is), for pre-ticking."""
    members = Membership.objects.filter(organization=organization, status__in=ACTIVE_STATES)
    return Person.objects.filter(pk__in=members.values("person_id")).order_by("name_pinyin", "pk")


def party_roster_of(branch: PartyBranch) -> QuerySet[Person]:
    """The people on a Party branch's roll today."""
    rows = PartyMember.objects.filter(branch=branch, left_on__isnull=True)
    return Person.objects.filter(pk__in=rows.values("person_id")).order_by("name_pinyin", "pk")
