"""The committee above approves an admission: within the quota, with a development number drawn from its
range, and the membership registered from the general meeting's date."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from auditlog.context import set_actor
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tuanwu.core.concurrency import versioned_save
from tuanwu.core.errors import field_error
from tuanwu.numbering.services import SeriesExhausted, next_number
from tuanwu.organizations.models import Organization
from tuanwu.organizations.selectors import county_of
from tuanwu.people.models import Membership
from tuanwu.people.services import membership_admit

from ..models import Application, Quota
from ..selectors import quotas_above
from ..workflow import Step
from .steps import locked, move, record, refuse_if_broken, require_step

if TYPE_CHECKING:
    from tuanwu.accounts.models import User

S = Application.Status


def application_approve(
    *, actor: User, application: Application, on: datetime.date, note: str = "", version: int | None = None
) -> Application:
    """The committee above approves the admission: within the quota, a development number from its range,
    membership from the general meeting's date."""
    if on > timezone.localdate():
        raise field_error({"on": _("The date lies in the future.")}, code="DATE_FUTURE")
    with transaction.atomic(), set_actor(actor):
        row = locked(application)
        require_step(actor, row, Step.APPROVE)
        move(row, Step.APPROVE)
        row.approved_on = on
        row.approved_by = row.organization.parent or row.organization
        if row.person.organization_id != row.organization_id:
            raise ValidationError(
                _("%(name)s is no longer registered with %(branch)s.")
                % {"name": row.person.name, "branch": row.organization.name},
                code="APPLICANT_MOVED",
            )
        assert row.meeting is not None  # the step is taken from VOTED only, after the meeting
        join = row.meeting.held_on
        row.status = S.VOTED  # the quota rule reads the approval as still to come
        # Lock the quota the rule counts against before counting, so that two approvals at once cannot both
        # see the last free place (the lock of _draw_number comes too late for that).
        _quota_locked(row.organization, join.year)
        warnings = [v.message for v in refuse_if_broken(row, Step.APPROVE) if v.warning]
        row.status = S.ADMITTED
        row.development_number = _draw_number(row, join.year)
        versioned_save(row, expected=version)
        membership_admit(actor=actor, person=row.person, join_date=join, development_number=row.development_number)
        record(row, Step.APPROVE, on, actor, "\n".join([note or row.development_number, *warnings]))
    return row


def _quota_locked(organization: Organization, year: int, *, with_range: bool = False) -> Quota | None:
    """The nearest quota at or above the organization for the year, its row locked."""
    return quotas_above(organization, year, with_range=with_range).select_for_update(of=("self",)).first()


def _draw_number(app: Application, year: int) -> str:
    """The next free development number of the year, from the nearest quota's range above the branch (or, with
    no range, after the county's highest), drawn from the one allocator of document numbers: concurrent
    approvals wait for each other's commit and draw different numbers."""
    quota = _quota_locked(app.organization, year, with_range=True)
    used = set(
        Membership.objects.filter(development_number__startswith=str(year)).values_list("development_number", flat=True)
    ) | set(
        Application.objects.filter(development_number__startswith=str(year)).values_list(
            "development_number", flat=True
        )
    )

    def taken(number: int) -> bool:
        return f"{number:012d}" in used

    if quota is not None:
        # A quota's counter from before the allocator, where it had one.
        seed = quota.next_number
        try:
            number = next_number(
                "development",
                f"quota-{quota.pk}",
                year,
                first=int(quota.number_from),
                last=int(quota.number_to),
                start_after=lambda: int(seed) - 1 if seed else 0,
                taken=taken,
            )
        except SeriesExhausted:
            raise ValidationError(
                _("The development numbers of %(org)s (%(from)s–%(to)s) are used up.")
                % {"org": quota.organization.name, "from": quota.number_from, "to": quota.number_to},
                code="NUMBERS_USED_UP",
            ) from None
        return f"{number:012d}"
    highest = max((int(n) for n in used if n and n.isdigit() and len(n) == 12), default=year * 10**8)
    number = next_number(
        "development", f"county-{county_of(app.organization).pk}", year, start_after=lambda: highest, taken=taken
    )
    return f"{number:012d}"
