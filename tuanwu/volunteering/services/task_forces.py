"""Task forces (突击队): founding, members joining and leaving, and deployments as activities."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Any

from auditlog.context import set_actor
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tuanwu.accounts.roles import MANAGE_VOLUNTEERING
from tuanwu.core.concurrency import versioned_save
from tuanwu.core.errors import field_error
from tuanwu.organizations import scope
from tuanwu.organizations.models import Organization
from tuanwu.people.models import Person

from ..models import Activity, Signup, TaskForce, TaskForceMember
from ..selectors import task_force_active, task_force_current_members, task_force_has_member
from .activities import activity_create

if TYPE_CHECKING:
    from tuanwu.accounts.models import User


def task_force_create(*, actor: User, organization: Organization, **fields: Any) -> TaskForce:
    """Found a task force of an organization."""
    with transaction.atomic(), set_actor(actor):
        scope.require(actor, MANAGE_VOLUNTEERING, organization)
        team = TaskForce(organization=organization, **fields)
        versioned_save(team)
        if team.leader is not None:
            _member_add(team, team.leader, team.founded_on)
    return team


def _member_add(team: TaskForce, person: Person, joined_on: datetime.date) -> TaskForceMember:
    if task_force_has_member(team, person):
        raise ValidationError(
            _("%(name)s is already in this task force.") % {"name": person.name}, code="ALREADY_MEMBER"
        )
    member = TaskForceMember(task_force=team, person=person, joined_on=joined_on)
    versioned_save(member)
    return member


def _require_active(task_force: TaskForce) -> None:
    if not task_force_active(task_force):
        raise ValidationError(_("The task force is disbanded."), code="TASK_FORCE_DISBANDED")


def task_force_member_add(
    *, actor: User, task_force: TaskForce, person: Person, joined_on: datetime.date
) -> TaskForceMember:
    """Add a person in the organizer's scope to the task force."""
    with transaction.atomic(), set_actor(actor):
        scope.require(actor, MANAGE_VOLUNTEERING, task_force.organization)
        scope.require(actor, MANAGE_VOLUNTEERING, person.organization)
        _require_active(task_force)
        return _member_add(task_force, person, joined_on)


def task_force_member_remove(*, actor: User, member: TaskForceMember, left_on: datetime.date) -> TaskForceMember:
    """A person leaves the task force on a date; their past service stays in the ledger."""
    with transaction.atomic(), set_actor(actor):
        row = TaskForceMember.objects.select_for_update().select_related("task_force__organization").get(pk=member.pk)
        scope.require(actor, MANAGE_VOLUNTEERING, row.task_force.organization)
        if row.left_on:
            raise ValidationError(_("Already left."), code="ALREADY_LEFT")
        if left_on < row.joined_on:
            raise field_error({"left_on": _("Cannot leave before joining.")}, code="LEFT_BEFORE_JOINED")
        row.left_on = left_on
        versioned_save(row)
    return row


def task_force_deploy(*, actor: User, task_force: TaskForce, **fields: Any) -> Activity:
    """Send the task force out: an activity run by its organization with every current member approved, so
    that their confirmed service flows into the ledger like any other."""
    with transaction.atomic(), set_actor(actor):
        scope.require(actor, MANAGE_VOLUNTEERING, task_force.organization)
        _require_active(task_force)
        activity = activity_create(
            actor=actor,
            organization=task_force.organization,
            task_force=task_force,
            status=Activity.Status.RUNNING,
            **fields,
        )
        now = timezone.now()
        Signup.objects.bulk_create(
            [
                Signup(
                    activity=activity,
                    person=m.person,
                    organization_id=m.person.organization_id,
                    status=Signup.Status.APPROVED,
                    decided_by=actor,
                    decided_at=now,
                )
                for m in task_force_current_members(task_force)
            ]
        )
    return activity
