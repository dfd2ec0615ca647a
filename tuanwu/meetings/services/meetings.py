"""Recording a meeting: the one write every page, import and API call goes through."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from auditlog.context import set_actor
from django.db import transaction
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from tuanwu.accounts.roles import MANAGE_MEETING, MANAGE_PARTY_MEETING
from tuanwu.core.errors import field_error
from tuanwu.organizations import scope
from tuanwu.organizations.models import Organization
from tuanwu.people.models import Person

from ..models import LESSON_KINDS, PARTY_KINDS, Attendance, Campaign, Meeting, PartyBranch, PartyMember

if TYPE_CHECKING:
    from tuanwu.accounts.models import User


@dataclass(frozen=True)
class Present:
    """One line of a meeting's attendance as the form, the import or the API gives it."""

    person: Person
    status: str = Attendance.Status.PRESENT
    reason: str = ""
    hours: Decimal | None = None  # None: the meeting's hours when present, 0 otherwise


def party_can_manage(user: User, branch: PartyBranch) -> bool:
    """The Party branch's secretary and deputy on its roll, and the county holding MANAGE_PARTY_MEETING."""
    if scope.has_perm(user, MANAGE_PARTY_MEETING, branch.organization):
        return True
    person_id = getattr(user, "person_id", None)
    return (
        bool(person_id)
        and PartyMember.objects.filter(
            branch=branch,
            person_id=person_id,
            left_on__isnull=True,
            post__in=[PartyMember.Post.SECRETARY, PartyMember.Post.DEPUTY],
        ).exists()
    )


def require_meeting_write(user: User, organization: Organization, party_branch: PartyBranch | None) -> None:
    """Refuse a write on a meeting of this organizer the user may not record: 404 outside what they see."""
    if party_branch is None:
        scope.require(user, MANAGE_MEETING, organization)
    elif not party_can_manage(user, party_branch):
        raise Http404


def _check(meeting: Meeting, attendance: list[Present], *, history: bool) -> None:
    errors: dict[str, str] = {}
    if (meeting.kind in PARTY_KINDS) != (meeting.party_branch_id is not None):
        errors["kind"] = _("Party meetings are recorded by the Party branch, League meetings by a League organization.")
    if not history and meeting.held_on > timezone.localdate():
        errors["held_on"] = _("A meeting is recorded after it took place; %(day)s is in the future.") % {
            "day": meeting.held_on.isoformat()
        }
    if meeting.starts_at and meeting.ends_at and meeting.ends_at <= meeting.starts_at:
        errors["ends_at"] = _("The meeting ends before it starts.")
    if meeting.hours and meeting.kind not in LESSON_KINDS:
        errors["hours"] = _("Only lessons and course sessions give lesson hours.")
    seen: set[int] = set()
    for line in attendance:
        if line.person.pk in seen:
            errors["attendance"] = _("%(name)s is listed twice.") % {"name": line.person.name}
        seen.add(line.person.pk)
        if line.status == Attendance.Status.ABSENT and not line.reason.strip():
            errors["attendance"] = _("The reason %(name)s was absent is needed for the minutes.") % {
                "name": line.person.name
            }
        if line.hours is not None and line.hours < 0:
            errors["attendance"] = _("Lesson hours cannot be negative.")
    if errors:
        raise field_error(errors, code="MEETING_INVALID")


def _attendees_in_scope(meeting: Meeting, attendance: list[Present]) -> None:
    if meeting.party_branch_id is not None:
        on_roll = set(PartyMember.objects.filter(branch_id=meeting.party_branch_id).values_list("person_id", flat=True))
        outside = [line.person.name for line in attendance if line.person.pk not in on_roll]
    else:
        prefix = meeting.organization.path
        paths = dict(
            Person.objects.filter(pk__in=[line.person.pk for line in attendance]).values_list(
                "pk", "organization__path"
            )
        )
        outside = [line.person.name for line in attendance if not paths.get(line.person.pk, "").startswith(prefix)]
    if outside:
        raise field_error(
            {"attendance": _("Not on the organizer's roll: %(names)s.") % {"names": "、".join(outside)}},
            code="ATTENDEE_OUTSIDE",
        )


def _hours(meeting: Meeting, line: Present) -> Decimal:
    if line.status != Attendance.Status.PRESENT:
        return Decimal(0)
    return meeting.hours if line.hours is None else Decimal(line.hours)


def meeting_record(
    *,
    actor: User,
    organization: Organization,
    kind: str,
    held_on: datetime.date,
    topic: str,
    attendance: Iterable[Present] = (),
    campaigns: Iterable[Campaign] = (),
    party_branch: PartyBranch | None = None,
    history: bool = False,
    **fields,
) -> Meeting:
    """Record a meeting that took place with who was expected and who came; a future date is refused unless the
    record is history brought in by an import. Attendees must be on the organizer's roll (its subtree, or the
    Party branch's roll)."""
    lines = list(attendance)
    with transaction.atomic(), set_actor(actor):
        require_meeting_write(actor, organization, party_branch)
        meeting = Meeting(
            organization=organization,
            party_branch=party_branch,
            kind=kind,
            held_on=held_on,
            topic=topic,
            created_by=actor,
            **fields,
        )
        _check(meeting, lines, history=history)
        meeting.full_clean()
        _attendees_in_scope(meeting, lines)
        meeting.save()
        if campaigns:
            meeting.campaigns.set(list(campaigns))
        Attendance.objects.bulk_create(
            [
                Attendance(
                    meeting=meeting,
                    person=line.person,
                    status=line.status,
                    reason=line.reason.strip(),
                    hours=_hours(meeting, line),
                )
                for line in lines
            ]
        )
    return meeting
