"""County policy: the numbers a county committee sets for a year (rounding of volunteer hours, admission
periods and limits, …). One row per county and year in each app's policy table; a county that set nothing has
the defaults. Every app reads and writes its policy through these two functions."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypeVar

from auditlog.context import set_actor
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _

from tuanwu.core.concurrency import versioned_save

from . import scope
from .models import Organization
from .selectors import county_of

if TYPE_CHECKING:
    from tuanwu.accounts.models import User

P = TypeVar("P", bound=models.Model)


def policy_for(model: type[P], organization: Organization, year: int) -> P:
    """The policy of the organization's county for a year, or the defaults (unsaved) when the county set none."""
    county = county_of(organization)
    return model._default_manager.filter(organization=county, year=year).first() or model(
        organization=county, year=year
    )


def policy_set(
    model: type[P],
    *,
    actor: User,
    perm: str,
    county: Organization,
    year: int,
    version: int | None = None,
    **fields: Any,
) -> P:
    """Set a county's policy for a year: only holders of perm on the county committee itself; every change kept
    in the history, and an edit made on a stale page refused."""
    with transaction.atomic(), set_actor(actor):
        scope.require(actor, perm, county)
        if county.depth != 1:
            raise ValidationError(_("Only the county committee sets the policy."), code="POLICY_NOT_COUNTY")
        # Not get_or_create: it would insert the new row before full_clean() checks it.
        policy = model._default_manager.select_for_update().filter(organization=county, year=year).first()
        if policy is None:
            policy, version = model(organization=county, year=year), None
        for name, value in fields.items():
            setattr(policy, name, value)
        versioned_save(policy, expected=version)
    return policy
