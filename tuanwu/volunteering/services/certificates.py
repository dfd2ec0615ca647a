"""Service certificates: numbered, issued on the person's certified service in a period, as it stands then."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from auditlog.context import set_actor
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tuanwu.accounts.roles import MANAGE_VOLUNTEERING
from tuanwu.core.errors import field_error
from tuanwu.core.verification import new_token
from tuanwu.numbering.services import next_number
from tuanwu.organizations import scope
from tuanwu.organizations.models import Organization
from tuanwu.organizations.selectors import county_of
from tuanwu.people.models import Person

from ..models import Certificate, IssuerSettings, VolunteerNumber
from ..selectors import certificate_last_number, entries_for_certificate

if TYPE_CHECKING:
    from tuanwu.accounts.models import User


def _check_request(period_start: datetime.date, period_end: datetime.date, handler: str) -> None:
    if period_end < period_start:
        raise field_error({"period_end": _("The period must end after it starts.")}, code="PERIOD_ORDER")
    if not (handler or "").strip():
        raise field_error({"handler": _("Name who handled the certificate.")}, code="HANDLER_REQUIRED")


def issuer_settings_save(
    *, actor: User, organization: Organization, person_in_charge: str, contact_phone: str = ""
) -> IssuerSettings:
    """Set what an issuing organization prints on its certificates; its volunteering managers may."""
    person_in_charge, contact_phone = (person_in_charge or "").strip(), (contact_phone or "").strip()
    if not person_in_charge:
        raise field_error(
            {"person_in_charge": _("Name the person in charge of this organization.")},
            code="PERSON_IN_CHARGE_REQUIRED",
        )
    with transaction.atomic(), set_actor(actor):
        scope.require(actor, MANAGE_VOLUNTEERING, organization)
        found = IssuerSettings.objects.select_for_update().filter(organization=organization).first()
        found = found or IssuerSettings(organization=organization)
        found.person_in_charge, found.contact_phone, found.updated_by = person_in_charge, contact_phone, actor
        found.full_clean()
        found.save()
        return found


def _issuer_settings(organization: Organization) -> IssuerSettings:
    found = IssuerSettings.objects.filter(organization=organization).first()
    if found is None or not found.person_in_charge.strip():
        raise ValidationError(
            _(
                "%(org)s has no person in charge: set one in the organization's certificate settings "
                "(person in charge, contact phone) before issuing certificates."
            )
            % {"org": organization.name},
            code="PERSON_IN_CHARGE_MISSING",
        )
    return found


def volunteer_number_for(person: Person, county: Organization) -> str:
    """The person's volunteer number; allocated now from the county's series when the person has none.
    Call it inside the transaction that uses the number."""
    found = VolunteerNumber.objects.filter(person=person).first()
    if found is not None:
        return found.number
    code = county.code or "TW"
    year = timezone.localdate().year
    prefix = f"{code}V{year}"

    def taken(n: int) -> bool:
        return VolunteerNumber.objects.filter(number=f"{prefix}{n:06d}").exists()

    sequence = next_number("volunteer", code, year, taken=taken)
    return VolunteerNumber.objects.create(person=person, county=county, number=f"{prefix}{sequence:06d}").number


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
        settings = _issuer_settings(organization)
        lines, total = entries_for_certificate(person, period_start, period_end)
        if total <= 0:
            raise ValidationError(
                _("%(name)s has no certified hours between %(from)s and %(to)s.")
                % {"name": person.name, "from": period_start.isoformat(), "to": period_end.isoformat()},
                code="NO_CERTIFIED_HOURS",
            )
        today = timezone.localdate()
        county = county_of(organization)
        code = county.code or "TW"
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
            volunteer_number=volunteer_number_for(person, county),
            person_in_charge=settings.person_in_charge,
            contact_phone=settings.contact_phone,
            issued_on=today,
            issued_by=actor,
            token=new_token(),
        )
        certificate.full_clean()
        certificate.save()
        return certificate
