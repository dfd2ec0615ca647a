"""Activities: planning, editing, the state changes of the workflow, and the check-in codes."""

from __future__ import annotations

import secrets
from typing import TYPE_CHECKING, Any

from auditlog.context import set_actor
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from tuanwu.accounts.roles import MANAGE_VOLUNTEERING
from tuanwu.core.concurrency import refuse_stale, versioned_save
from tuanwu.core.errors import field_error
from tuanwu.organizations import scope
from tuanwu.organizations.models import Organization

from ..models import Activity
from ..selectors import checkin_code_taken
from ..workflow import ACTIVITY_TRANSITIONS, CLOSED

if TYPE_CHECKING:
    from tuanwu.accounts.models import User

ACTIVITY_FIELDS = (
    "title",
    "category",
    "description",
    "place",
    "starts_at",
    "ends_at",
    "capacity",
    "recruit_organization",
    "open_to_all",
    "requirements",
)


def _new_checkin_keys() -> dict[str, str]:
    while True:
        code = f"{secrets.randbelow(10**6):06d}"
        if not checkin_code_taken(code):
            return {"checkin_token": secrets.token_urlsafe(24)[:32], "checkin_code": code}


def _check_activity(fields: dict[str, Any], organization: Organization) -> None:
    problems = {}
    starts, ends = fields.get("starts_at"), fields.get("ends_at")
    if starts and ends and ends <= starts:
        problems["ends_at"] = _("The activity must end after it starts.")
    recruit = fields.get("recruit_organization")
    if recruit and not recruit.path.startswith(organization.path) and not fields.get("open_to_all"):
        problems["recruit_organization"] = _(
            "Recruit within the organizer's own subtree, or open the activity to every registered young person."
        )
    if problems:
        raise field_error(problems, code="ACTIVITY_INVALID")


def activity_create(*, actor: User, organization: Organization, **fields: Any) -> Activity:
    """Plan an activity of an organization (a draft until published)."""
    fields.setdefault("recruit_organization", organization)
    _check_activity(fields, organization)
    with transaction.atomic(), set_actor(actor):
        scope.require(actor, MANAGE_VOLUNTEERING, organization)
        activity = Activity(organization=organization, **fields, **_new_checkin_keys())
        versioned_save(activity)
    return activity


def activity_update(*, actor: User, activity: Activity, version: int | None = None, **fields: Any) -> Activity:
    """Change an activity's details; its window cannot shrink below hours already recorded."""
    with transaction.atomic(), set_actor(actor):
        row = Activity.objects.select_for_update().get(pk=activity.pk)
        scope.require(actor, MANAGE_VOLUNTEERING, row.organization)
        if row.status in CLOSED:
            raise ValidationError(_("A finished or cancelled activity cannot be changed."), code="ACTIVITY_CLOSED")
        refuse_stale(row, version)
        merged = {name: getattr(row, name) for name in ACTIVITY_FIELDS}
        merged.update(fields)
        _check_activity(merged, row.organization)
        outside = row.entries.filter(Q(started_at__lt=merged["starts_at"]) | Q(ended_at__gt=merged["ends_at"]))
        if outside.exists():
            raise ValidationError(
                _("Hours are already recorded outside the new time window; correct them first."),
                code="WINDOW_EXCLUDES_HOURS",
            )
        for name, value in fields.items():
            setattr(row, name, value)
        versioned_save(row)
    return row


def _transition(actor: User, activity: Activity, to: str) -> Activity:
    with transaction.atomic(), set_actor(actor):
        row = Activity.objects.select_for_update().get(pk=activity.pk)
        scope.require(actor, MANAGE_VOLUNTEERING, row.organization)
        if to not in ACTIVITY_TRANSITIONS.get(row.status, ()):
            raise ValidationError(
                _("An activity that is %(status)s cannot become %(to)s.")
                % {"status": row.get_status_display(), "to": Activity.Status(to).label},
                code="ACTIVITY_TRANSITION",
            )
        if to == Activity.Status.CANCELLED and row.entries.exists():
            raise ValidationError(
                _("Hours are recorded for this activity: finish it instead of cancelling."),
                code="ACTIVITY_HAS_HOURS",
            )
        row.status = to
        versioned_save(row, update_fields=["status", "updated_at"])
    return row


def activity_publish(*, actor: User, activity: Activity) -> Activity:
    """Open the activity for sign-up."""
    return _transition(actor, activity, Activity.Status.PUBLISHED)


def activity_start(*, actor: User, activity: Activity) -> Activity:
    """Mark the activity as running (check-in works from publication on anyway)."""
    return _transition(actor, activity, Activity.Status.RUNNING)


def activity_cancel(*, actor: User, activity: Activity) -> Activity:
    """Call the activity off; only possible before any hours are recorded."""
    return _transition(actor, activity, Activity.Status.CANCELLED)


def activity_finish(*, actor: User, activity: Activity) -> Activity:
    """Close the activity: no more sign-up or check-in; hours can still be confirmed and certified."""
    return _transition(actor, activity, Activity.Status.FINISHED)


def activity_rotate_code(*, actor: User, activity: Activity) -> Activity:
    """Issue a new QR code and check-in code, e.g. after a photo of the old one went round."""
    with transaction.atomic(), set_actor(actor):
        row = Activity.objects.select_for_update().get(pk=activity.pk)
        scope.require(actor, MANAGE_VOLUNTEERING, row.organization)
        for name, value in _new_checkin_keys().items():
            setattr(row, name, value)
        row.save(update_fields=["checkin_token", "checkin_code", "updated_at"])
    return row
