"""Service certificates: numbered, issued on the person's certified service in a period, as it stands then."""

from __future__ import annotations

import datetime
import secrets
from typing import TYPE_CHECKING

from auditlog.context import set_actor
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tuanwu.accounts.roles import MANAGE_VOLUNTEERING
from tuanwu.core.errors import field_error
from tuanwu.numbering.services import next_number
from tuanwu.organizations import scope
from tuanwu.organizations.models import Organization
from tuanwu.organizations.selectors import county_of
from tuanwu.people.models import Person

from ..models import Certificate
from ..selectors import certificate_last_number, entries_for_certificate

if TYPE_CHECKING:
    from tuanwu.accounts.models import User


def _check_request(period_start: datetime.date, period_end: datetime.date, handler: str) -> None:
    if period_end < period_start:
        raise field_error({"period_end": _("The period must end after it starts.")}, code="PERIOD_ORDER")
    if not (handler or "").strip():
        raise field_error({"handler": _("Name who handled the certificate.")}, code="HANDLER_REQUIRED")


def certificate_issue(
    *,
    actor: User,
    person: Person,
    organization: Organization,
    period_start: datetime.date,
    period_end: datetime.date,
    handler: str,
) -> Certificate:
    """Issue a numbered certificate of the person's certified service in a period, as it stands now."""
    _check_request(period_start, period_end, handler)
    with transaction.atomic(), set_actor(actor):
        scope.require(actor, MANAGE_VOLUNTEERING, organization)
        scope.require(actor, MANAGE_VOLUNTEERING, person.organization)
        lines, total = entries_for_certificate(person, period_start, period_end)
        if total <= 0:
            raise ValidationError(
                _("%(name)s has no certified hours between %(from)s and %(to)s.")
                % {"name": person.name, "from": period_start.isoformat(), "to": period_end.isoformat()},
                code="NO_CERTIFIED_HOURS",
            )
        today = timezone.localdate()
        code = county_of(organization).code or "TW"
        prefix = f"{code}-{today.year}-"

        def issued_before() -> int:
            last = certificate_last_number(prefix)
            return int(last.rsplit("-", 1)[1]) if last else 0

        # The county's series is locked until this transaction commits: concurrent issues wait, none is refused.
        sequence = next_number("certificate", code, today.year, start_after=issued_before)
        certificate = Certificate(
            number=f"{prefix}{sequence:06d}",
            person=person,
            organization=organization,
            period_start=period_start,
            period_end=period_end,
            hours=total,
            lines=lines,
            handler=handler.strip(),
            issued_on=today,
            issued_by=actor,
            token=secrets.token_urlsafe(24)[:32],
        )
        certificate.full_clean()
        certificate.save()
        return certificate
