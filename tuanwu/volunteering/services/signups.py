"""Sign-up: the young person signs up or withdraws, the organizer decides, the waiting list moves up; and the
QR check-in that records when a volunteer arrived and left."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from auditlog.context import set_actor
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tuanwu.accounts.roles import MANAGE_VOLUNTEERING
from tuanwu.core.concurrency import versioned_save
from tuanwu.core.errors import field_error
from tuanwu.organizations import scope
from tuanwu.people.models import Person

from ..models import Activity, Signup
from ..selectors import activity_is_full, checkout_opens_at, may_sign_up, own_person
from ..workflow import CHECKIN_EARLY, TAKING_SIGNUPS

if TYPE_CHECKING:
    from tuanwu.accounts.models import User


def linked_person(actor: User) -> Person:
    """The person record of the signed-in account, or a refusal the volunteer can act on."""
    person = own_person(actor)
    if person is None:
        raise ValidationError(
            _("Your account is not linked to a person record; ask your branch secretary."), code="NO_PERSON"
        )
    return person


def signup_create(*, actor: User, activity: Activity, note: str = "") -> Signup:
    """The signed-in young person signs up; when the places are taken they join the waiting list."""
    person = linked_person(actor)
    with transaction.atomic(), set_actor(actor):
        row = Activity.objects.select_for_update().select_related("recruit_organization").get(pk=activity.pk)
        if (
            row.status not in TAKING_SIGNUPS
            or row.ends_at <= timezone.now()
            or row.task_force_id  # a deployment's list is the task force
        ):
            raise ValidationError(_("This activity is not taking sign-ups."), code="SIGNUP_CLOSED")
        if not may_sign_up(row, person):
            raise ValidationError(
                _("This activity recruits from %(org)s only.") % {"org": row.recruit_organization.name},
                code="SIGNUP_OUTSIDE_RECRUITMENT",
            )
        existing = Signup.objects.filter(activity=row, person=person).first()
        status = Signup.Status.WAITLISTED if activity_is_full(row) else Signup.Status.PENDING
        if existing:
            if existing.status not in (Signup.Status.WITHDRAWN, Signup.Status.DECLINED):
                raise ValidationError(_("You have already signed up for this activity."), code="SIGNUP_DUPLICATE")
            existing.status, existing.note, existing.reason = status, note, ""
            existing.decided_by = existing.decided_at = None
            versioned_save(existing)
            return existing
        signup = Signup(activity=row, person=person, organization=person.organization, note=note, status=status)
        versioned_save(signup)
    return signup


def signup_withdraw(*, actor: User, signup: Signup) -> Signup:
    """The volunteer withdraws; a freed place goes to the first on the waiting list."""
    person = linked_person(actor)
    with transaction.atomic(), set_actor(actor):
        row = Signup.objects.select_for_update().select_related("activity").get(pk=signup.pk)
        if row.person_id != person.pk:
            raise PermissionDenied
        if row.status in (Signup.Status.WITHDRAWN, Signup.Status.DECLINED) or row.checked_in_at:
            raise ValidationError(_("This sign-up can no longer be withdrawn."), code="SIGNUP_FINAL")
        freed = row.status == Signup.Status.APPROVED
        row.status = Signup.Status.WITHDRAWN
        versioned_save(row)
        if freed:
            _promote_waiting(row.activity)
    return row


def _promote_waiting(activity: Activity) -> None:
    first = activity.signups.filter(status=Signup.Status.WAITLISTED).order_by("created_at", "pk").first()
    if first:
        first.status = Signup.Status.PENDING
        versioned_save(first)


def signup_decide(*, actor: User, signup: Signup, approve: bool, reason: str = "") -> Signup:
    """The organizer approves a sign-up (within the places) or declines it with a reason."""
    with transaction.atomic(), set_actor(actor):
        row = Signup.objects.select_for_update().get(pk=signup.pk)
        activity = Activity.objects.select_for_update().get(pk=row.activity_id)
        scope.require(actor, MANAGE_VOLUNTEERING, activity.organization)
        if activity.status not in TAKING_SIGNUPS:
            raise ValidationError(_("This activity is not taking sign-ups."), code="SIGNUP_CLOSED")
        if row.status not in (Signup.Status.PENDING, Signup.Status.WAITLISTED, Signup.Status.APPROVED):
            raise ValidationError(_("This sign-up is already closed."), code="SIGNUP_FINAL")
        freed = False
        if approve:
            if row.status == Signup.Status.APPROVED:
                return row
            if activity_is_full(activity):
                raise ValidationError(_("All %(n)d places are taken.") % {"n": activity.capacity}, code="ACTIVITY_FULL")
            row.status = Signup.Status.APPROVED
        else:
            if not reason.strip():
                raise field_error({"reason": _("Give the volunteer a reason.")}, code="REASON_REQUIRED")
            if row.checked_in_at:
                raise ValidationError(_("The volunteer has already checked in."), code="SIGNUP_CHECKED_IN")
            freed = row.status == Signup.Status.APPROVED
            row.status = Signup.Status.DECLINED
        row.reason = reason.strip()
        row.decided_by, row.decided_at = actor, timezone.now()
        versioned_save(row)
        if freed:
            _promote_waiting(activity)
    return row


def _check_checkin_window(activity: Activity, now: datetime.datetime) -> None:
    if now < activity.starts_at - CHECKIN_EARLY or now > activity.ends_at + CHECKIN_EARLY:
        raise ValidationError(
            _("Check-in is open from %(from)s to %(to)s.")
            % {
                "from": timezone.localtime(activity.starts_at - CHECKIN_EARLY).strftime("%Y-%m-%d %H:%M"),
                "to": timezone.localtime(activity.ends_at + CHECKIN_EARLY).strftime("%Y-%m-%d %H:%M"),
            },
            code="CHECKIN_OUTSIDE_WINDOW",
        )


def checkin_scan(*, actor: User, activity: Activity, now: datetime.datetime | None = None) -> Signup:
    """The volunteer scans the activity's code: the first scan checks in, the next one checks out."""
    now = now or timezone.now()
    person = linked_person(actor)
    activity = Activity.objects.get(pk=activity.pk)
    with transaction.atomic(), set_actor(actor):
        row = Signup.objects.select_for_update().filter(activity=activity, person=person).first()
        if row is None or row.status != Signup.Status.APPROVED:
            raise ValidationError(
                _("You are not on this activity's approved list; sign up first or ask the organizer."),
                code="CHECKIN_NOT_APPROVED",
            )
        if activity.status not in TAKING_SIGNUPS:
            raise ValidationError(_("Check-in for this activity is closed."), code="CHECKIN_CLOSED")
        _check_checkin_window(activity, now)
        if row.checked_in_at is None:
            row.checked_in_at = now
        elif row.checked_out_at is None:
            opens = checkout_opens_at(activity, row)
            if opens and now < opens:
                raise ValidationError(
                    _(
                        "You checked in at %(at)s; check-out opens at %(opens)s (county policy: at least "
                        "%(minutes)d minutes between the two scans)."
                    )
                    % {
                        "at": timezone.localtime(row.checked_in_at).strftime("%H:%M"),
                        "opens": timezone.localtime(opens).strftime("%H:%M"),
                        "minutes": (opens - row.checked_in_at).total_seconds() // 60,
                    },
                    code="CHECKOUT_TOO_SOON",
                )
            row.checked_out_at = now
        else:
            raise ValidationError(_("You have already checked in and out."), code="CHECKIN_DONE")
        versioned_save(row)
    return row


def signups_approve(*, actor: User, activity: Activity, ids: list[int]) -> list[Signup]:
    """Approve the ticked sign-ups of one activity at once: all of them or, when one cannot be approved (the
    places are taken, it is no longer waiting), none, with the person named."""
    with transaction.atomic():
        rows = list(
            Signup.objects.filter(activity=activity, pk__in=ids).select_related("person").order_by("created_at", "pk")
        )
        if len(rows) != len(set(ids)):
            raise ValidationError(_("Some ticked sign-ups are not of this activity."), code="SIGNUP_NOT_IN_ACTIVITY")
        done = []
        for row in rows:
            try:
                done.append(signup_decide(actor=actor, signup=row, approve=True))
            except ValidationError as e:
                raise ValidationError(
                    _("%(name)s: %(problem)s Nothing was approved.")
                    % {"name": row.person.name, "problem": " ".join(e.messages)},
                    code=e.error_list[0].code if e.error_list else "SIGNUP_BATCH",
                ) from None
        return done
