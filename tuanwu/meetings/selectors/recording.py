"""Reads behind recording a meeting: the campaign tags offered, the organizer's last theme day to copy, the Party
branches a user records for, and a meeting's attendance laid out as minutes."""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet

from tuanwu.accounts.roles import MANAGE_MEETING
from tuanwu.organizations import scope
from tuanwu.organizations.models import STEPLEN, Organization

from ..models import Attendance, Campaign, Kind, Meeting, PartyBranch
from ..services.meetings import party_can_manage
from .meetings import meeting_list, party_branches_of


def campaigns_for(organization: Organization, *, keep: tuple[int, ...] = ()) -> QuerySet[Campaign]:
    """The campaign tags in use in the organization's county (and those in keep: the tags a meeting carries
    already, even retired ones)."""

    county = organization.path[:STEPLEN]
    return Campaign.objects.filter(
        Q(organization__path=county) & (Q(active=True) | Q(pk__in=list(keep)))
    ).select_related("organization")


def campaign_list(county: Organization) -> QuerySet[Campaign]:
    """Every campaign tag of a county with the number of meetings that carry it."""
    return Campaign.objects.filter(organization=county).annotate(used=Count("meetings"))


def campaign_get(user: scope.Viewer, pk: int) -> Campaign:
    """A campaign tag of a county the user manages meetings on as the county committee, else 404."""
    return scope.get_scoped_or_404(
        Campaign.objects.filter(organization__depth=1).select_related("organization"), user, MANAGE_MEETING, pk=pk
    )


def meeting_list_page(user: scope.Viewer) -> QuerySet[Meeting]:
    """The meeting list with what its rows show (campaign tags, attendance counts) fetched in one go."""
    return meeting_list(user).prefetch_related("campaigns")


def meeting_with_minutes(meeting: Meeting) -> dict:
    """A meeting's attendance split as minutes show it: present, absent (with reasons), excused."""
    rows = list(
        Attendance.objects.filter(meeting=meeting).select_related("person").order_by("person__name_pinyin", "pk")
    )
    return {
        "present": [a for a in rows if a.status == Attendance.Status.PRESENT],
        "absent": [a for a in rows if a.status == Attendance.Status.ABSENT],
        "excused": [a for a in rows if a.status == Attendance.Status.EXCUSED],
        "attachments": list(meeting.attachments.order_by("pk")),
        "campaign_names": [c.name for c in meeting.campaigns.all()],
    }


def latest_theme_day(user: scope.Viewer, organization: Organization, party_branch: PartyBranch | None = None):
    """The organizer's most recent theme day the user may see, to copy from; None when it held none."""
    if party_branch is not None:
        return None
    return (
        meeting_list(user)
        .filter(organization=organization, party_branch__isnull=True, kind=Kind.THEME_DAY)
        .prefetch_related("campaigns")
        .order_by("-held_on", "-pk")
        .first()
    )


def party_branches_managed(user: scope.Viewer) -> list[PartyBranch]:
    """The Party branches whose meetings the user records (its secretary and deputy, and the county)."""
    return [b for b in party_branches_of(user).select_related("organization") if party_can_manage(user, b)]


def attendance_of(meeting: Meeting) -> dict[int, Attendance]:
    """The attendance rows of a meeting by person, for the edit form."""
    return {a.person_id: a for a in meeting.attendance.all()}
