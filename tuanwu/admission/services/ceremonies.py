"""Admission ceremonies (入团仪式), each for one or several new members."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from auditlog.context import set_actor
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from tuanwu.accounts.roles import MANAGE_ADMISSION
from tuanwu.core.concurrency import versioned_save
from tuanwu.organizations import scope
from tuanwu.organizations.models import Organization

from ..models import Application, Ceremony
from ..workflow import Step
from .steps import locked, move, record, require_step

if TYPE_CHECKING:
    from tuanwu.accounts.models import User


def application_ceremony(*, actor: User, ceremony: Ceremony, applications: list[Application]) -> Ceremony:
    """Link admitted members to the ceremony where they took the oath."""
    with transaction.atomic(), set_actor(actor):
        for app in applications:
            row = locked(app)
            require_step(actor, row, Step.CEREMONY)
            move(row, Step.CEREMONY)
            if row.approved_on and ceremony.held_on < row.approved_on:
                raise ValidationError(
                    _("The ceremony on %(day)s is before %(name)s's approval.")
                    % {"day": ceremony.held_on.isoformat(), "name": row.person.name},
                    code="DATES_NOT_INCREASING",
                )
            row.ceremony = ceremony
            versioned_save(row)
            record(row, Step.CEREMONY, ceremony.held_on, actor, ceremony.place)
    return ceremony


def ceremony_create(
    *, actor: User, organization: Organization, applications: list[Application], **fields: Any
) -> Ceremony:
    """Record an admission ceremony for one or several new members."""
    with transaction.atomic(), set_actor(actor):
        scope.require(actor, MANAGE_ADMISSION, organization)
        ceremony = Ceremony(organization=organization, **fields)
        ceremony.full_clean()
        ceremony.save()
        application_ceremony(actor=actor, ceremony=ceremony, applications=applications)
    return ceremony
