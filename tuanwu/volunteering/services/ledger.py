"""The hour ledger: the organizer confirms attendance, which records the hours under the county's policy, and
certifies them; the checks every recorded hour passes (inside the activity, under the daily limit, no overlap)."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import TYPE_CHECKING

from auditlog.context import set_actor
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tuanwu.accounts.roles import MANAGE_VOLUNTEERING
from tuanwu.core.concurrency import versioned_save
from tuanwu.core.errors import field_error
from tuanwu.organizations import scope
from tuanwu.organizations.policy import policy_for
from tuanwu.people.models import Person

from ..models import Activity, HourEntry, Signup, VolunteerPolicy
from ..rules import hours_between
from ..selectors import ledger_intervals

if TYPE_CHECKING:
    from tuanwu.accounts.models import User


def check_no_overlap(
    person: Person, start: datetime.datetime, end: datetime.datetime, exclude_chain: int | None = None
) -> None:
    """Refuse hours that overlap hours already in the person's ledger."""
    local_date = timezone.localtime(start).date()
    for _root, s, e in ledger_intervals(person.pk, local_date, exclude_chain):
        if s < end and e > start:
            raise ValidationError(
                _("%(name)s already has hours recorded from %(from)s to %(to)s, which overlap.")
                % {
                    "name": person.name,
                    "from": timezone.localtime(s).strftime("%Y-%m-%d %H:%M"),
                    "to": timezone.localtime(e).strftime("%H:%M"),
                },
                code="HOURS_OVERLAP",
            )


def check_window(activity: Activity, start: datetime.datetime, end: datetime.datetime) -> None:
    """Refuse hours that end before they start or lie outside the activity's time."""
    if end <= start:
        raise field_error({"confirmed_end": _("The end must be after the start.")}, code="END_BEFORE_START")
    if start < activity.starts_at or end > activity.ends_at:
        raise ValidationError(
            _("Hours must lie within the activity's time, %(from)s to %(to)s.")
            % {
                "from": timezone.localtime(activity.starts_at).strftime("%Y-%m-%d %H:%M"),
                "to": timezone.localtime(activity.ends_at).strftime("%Y-%m-%d %H:%M"),
            },
            code="HOURS_OUTSIDE_WINDOW",
        )


def _check_daily_cap(hours: Decimal, start: datetime.datetime, end: datetime.datetime, policy: VolunteerPolicy) -> None:
    days = (timezone.localtime(end).date() - timezone.localtime(start).date()).days + 1
    if hours > policy.max_hours_per_day * days:
        raise ValidationError(
            _("%(hours)s hours exceed the county's limit of %(max)s hours a day.")
            % {"hours": hours, "max": policy.max_hours_per_day},
            code="HOURS_OVER_DAILY_LIMIT",
        )


def attendance_confirm(
    *,
    actor: User,
    signup: Signup,
    present: bool,
    start: datetime.datetime | None = None,
    end: datetime.datetime | None = None,
) -> Signup:
    """The organizer confirms (or corrects) when a volunteer served, which records their hours; or marks
    them absent. Recorded hours can be re-confirmed until they are certified."""
    with transaction.atomic(), set_actor(actor):
        row = Signup.objects.select_for_update().select_related("activity", "person").get(pk=signup.pk)
        activity = row.activity
        scope.require(actor, MANAGE_VOLUNTEERING, activity.organization)
        if row.status != Signup.Status.APPROVED:
            raise ValidationError(_("Only approved volunteers can be confirmed."), code="SIGNUP_NOT_APPROVED")
        previous = HourEntry.objects.filter(signup=row, corrects__isnull=True).first()
        if previous and previous.status == HourEntry.Status.CERTIFIED:
            raise ValidationError(
                _("These hours are certified; change them with a correction."), code="ENTRY_CERTIFIED"
            )
        if previous:
            previous.delete()
        if not present:
            row.attendance, row.confirmed_start, row.confirmed_end = Signup.Attendance.ABSENT, None, None
        else:
            # Scans are accepted up to CHECKIN_EARLY outside the activity; the hours count only inside it.
            start = start or max(row.checked_in_at or activity.starts_at, activity.starts_at)
            end = end or min(row.checked_out_at or activity.ends_at, activity.ends_at)
            check_window(activity, start, end)
            _record(actor, row, start, end)
            row.attendance, row.confirmed_start, row.confirmed_end = Signup.Attendance.PRESENT, start, end
        versioned_save(row)
    return row


def _record(actor: User, signup: Signup, start: datetime.datetime, end: datetime.datetime) -> HourEntry:
    activity, person = signup.activity, signup.person
    policy = policy_for(VolunteerPolicy, activity.organization, timezone.localtime(start).year)
    hours = hours_between(start, end, policy)
    if hours <= 0:
        raise ValidationError(
            _("%(name)s served less than one counting step (%(step)d minutes).")
            % {"name": person.name, "step": policy.rounding_minutes},
            code="HOURS_TOO_SHORT",
        )
    _check_daily_cap(hours, start, end, policy)
    check_no_overlap(person, start, end)
    entry = HourEntry(
        person=person,
        organization_id=person.organization_id,
        organizer_id=activity.organization_id,
        activity=activity,
        signup=signup,
        source=HourEntry.Source.TASK_FORCE if activity.task_force_id else HourEntry.Source.ACTIVITY,
        category=activity.category,
        content=activity.title[:300],
        service_date=timezone.localtime(start).date(),
        started_at=start,
        ended_at=end,
        hours=hours,
        recorded_by=actor,
    )
    entry.full_clean()
    entry.save()
    return entry


def activity_certify(*, actor: User, activity: Activity) -> int:
    """The organizer certifies every recorded entry of the activity; certified entries never change again."""
    with transaction.atomic(), set_actor(actor):
        row = Activity.objects.select_for_update().get(pk=activity.pk)
        scope.require(actor, MANAGE_VOLUNTEERING, row.organization)
        return HourEntry.objects.filter(activity=row, status=HourEntry.Status.RECORDED).update(
            status=HourEntry.Status.CERTIFIED, certified_by=actor, certified_at=timezone.now()
        )
