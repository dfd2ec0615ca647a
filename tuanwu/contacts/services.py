"""Every write of the direct-contact work: cadres registered, contacts added and ended, organizations fixed,
contacts logged, and a departing cadre's contacts handed over to a successor in one step.

A cadre logs and keeps their own contacts; holders of MANAGE_CONTACTS on the cadre's organization may do the
same for them, and alone register cadres and hand them over."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from auditlog.context import set_actor
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from tuanwu.accounts.roles import MANAGE_CONTACTS, VIEW_ORGANIZATION
from tuanwu.organizations import scope
from tuanwu.organizations.policy import policy_for

from .models import Contact, ContactCadre, ContactLog, ContactPolicy, FixedOrganization

if TYPE_CHECKING:
    from tuanwu.accounts.models import User
    from tuanwu.organizations.models import Organization
    from tuanwu.people.models import Person


def _require_manage(actor: User, cadre: ContactCadre) -> None:
    scope.require(actor, MANAGE_CONTACTS, cadre.organization)


def _require_own_or_manage(actor: User, cadre: ContactCadre) -> None:
    """The cadre themselves, or whoever manages the cadre's organization."""
    if getattr(actor, "person_id", None) and actor.person_id == cadre.person_id:
        return
    _require_manage(actor, cadre)


def _require_open(cadre: ContactCadre, on: datetime.date) -> None:
    if cadre.ended_on is not None and cadre.ended_on < on:
        raise ValidationError(
            _("%(name)s stopped this contact work on %(date)s.") % {"name": cadre.person.name, "date": cadre.ended_on},
            code="CADRE_ENDED",
        )


def _policy(cadre: ContactCadre, on: datetime.date) -> ContactPolicy:
    return policy_for(ContactPolicy, cadre.organization, on.year)


def _check_fixed_youths(cadre: ContactCadre, on: datetime.date, adding: int) -> None:
    policy = _policy(cadre, on)
    held = cadre.contacts.filter(ended_on__isnull=True, fixed=True).count()
    if held + adding > policy.fixed_youths:
        raise ValidationError(
            _("County policy for %(year)d fixes %(n)d youths per cadre; %(name)s has %(held)d already.")
            % {"year": policy.year, "n": policy.fixed_youths, "name": cadre.person.name, "held": held},
            code="FIXED_YOUTHS_MAX",
        )


def _check_fixed_orgs(cadre: ContactCadre, on: datetime.date, adding: int) -> None:
    policy = _policy(cadre, on)
    held = cadre.fixed_organizations.filter(until__isnull=True).count()
    if held + adding > policy.fixed_orgs_max:
        raise ValidationError(
            _(
                "County policy for %(year)d fixes at most %(n)d grassroots organizations per cadre; "
                "%(name)s has %(held)d already."
            )
            % {"year": policy.year, "n": policy.fixed_orgs_max, "name": cadre.person.name, "held": held},
            code="FIXED_ORGS_MAX",
        )


def cadre_register(
    *, actor: User, person: Person, kind: str, organization: Organization, started_on: datetime.date
) -> ContactCadre:
    """Register a cadre for direct-contact work with the organization that employs them."""
    with transaction.atomic(), set_actor(actor):
        scope.require(actor, MANAGE_CONTACTS, organization)
        cadre = ContactCadre(person=person, kind=kind, organization=organization, started_on=started_on)
        cadre.full_clean()
        cadre.save()
    return cadre


def contact_add(
    *,
    actor: User,
    cadre: ContactCadre,
    field: str,
    person: Person | None = None,
    name: str = "",
    phone: str = "",
    unit: str = "",
    added_on: datetime.date | None = None,
    fixed: bool = False,
) -> Contact:
    """Add a youth to a cadre's contacts: a person of the registry (name, phone and unit taken from it unless
    given) or a name with minimal data; a fixed youth only within the county's number."""
    added_on = added_on or timezone.localdate()
    with transaction.atomic(), set_actor(actor):
        _require_own_or_manage(actor, cadre)
        _require_open(cadre, added_on)
        if person is not None:
            if cadre.contacts.filter(person=person, ended_on__isnull=True).exists():
                raise ValidationError(
                    _("%(name)s is already one of this cadre's contacts.") % {"name": person.name},
                    code="CONTACT_DUPLICATE",
                )
            name, phone, unit = name or person.name, phone or person.phone, unit or person.unit
        if not name.strip():
            raise ValidationError(_("Give the youth's name or pick them from the registry."), code="CONTACT_NAME")
        if fixed:
            _check_fixed_youths(cadre, added_on, 1)
        contact = Contact(
            cadre=cadre,
            person=person,
            name=name.strip(),
            phone=phone.strip(),
            unit=unit.strip(),
            field=field,
            added_on=added_on,
            fixed=fixed,
        )
        contact.full_clean()
        contact.save()
    return contact


def contact_end(*, actor: User, contact: Contact, on: datetime.date | None = None) -> Contact:
    """End a direct contact (the youth moved away, aged out, asked to stop); its logs stay."""
    on = on or timezone.localdate()
    with transaction.atomic(), set_actor(actor):
        contact = Contact.objects.select_for_update().select_related("cadre__person").get(pk=contact.pk)
        _require_own_or_manage(actor, contact.cadre)
        if contact.ended_on is not None:
            raise ValidationError(_("This contact has ended already."), code="CONTACT_ENDED")
        contact.ended_on = on
        contact.version += 1
        contact.full_clean()
        contact.save()
    return contact


def contact_fix(*, actor: User, contact: Contact, fixed: bool = True) -> Contact:
    """Mark an open contact as one of the cadre's fixed youths (within the county's number), or unmark them."""
    with transaction.atomic(), set_actor(actor):
        contact = Contact.objects.select_for_update().select_related("cadre__person").get(pk=contact.pk)
        _require_own_or_manage(actor, contact.cadre)
        if contact.ended_on is not None:
            raise ValidationError(_("This contact has ended already."), code="CONTACT_ENDED")
        if contact.fixed == fixed:
            return contact
        if fixed:
            _check_fixed_youths(contact.cadre, timezone.localdate(), 1)
        contact.fixed = fixed
        contact.version += 1
        contact.full_clean()
        contact.save()
    return contact


def fixed_organization_add(
    *, actor: User, cadre: ContactCadre, organization: Organization, since: datetime.date | None = None
) -> FixedOrganization:
    """Fix a grassroots organization to a cadre as a contact point, within the county's most per cadre."""
    since = since or timezone.localdate()
    with transaction.atomic(), set_actor(actor):
        _require_own_or_manage(actor, cadre)
        if not scope.has_perm(actor, VIEW_ORGANIZATION, organization):
            raise Http404
        _require_open(cadre, since)
        ContactCadre.objects.select_for_update().filter(pk=cadre.pk).first()  # one fixing at a time per cadre
        if cadre.fixed_organizations.filter(organization=organization, until__isnull=True).exists():
            raise ValidationError(
                _("%(org)s is already fixed to this cadre.") % {"org": organization.name}, code="FIXED_ORG_DUPLICATE"
            )
        _check_fixed_orgs(cadre, since, 1)
        fixed = FixedOrganization(cadre=cadre, organization=organization, since=since)
        fixed.full_clean()
        fixed.save()
    return fixed


def fixed_organization_end(
    *, actor: User, fixed: FixedOrganization, on: datetime.date | None = None
) -> FixedOrganization:
    """Release a fixed contact organization from a cadre."""
    on = on or timezone.localdate()
    with transaction.atomic(), set_actor(actor):
        fixed = FixedOrganization.objects.select_for_update().select_related("cadre__person").get(pk=fixed.pk)
        _require_own_or_manage(actor, fixed.cadre)
        if fixed.until is not None:
            raise ValidationError(_("This organization is no longer fixed to the cadre."), code="FIXED_ORG_ENDED")
        fixed.until = on
        fixed.version += 1
        fixed.full_clean()
        fixed.save()
    return fixed


def contact_log(
    *,
    actor: User,
    cadre: ContactCadre,
    channel: str,
    contact: Contact | None = None,
    fixed_organization: FixedOrganization | None = None,
    date: datetime.date | None = None,
    raised: str = "",
    done: str = "",
    follow_up_due: datetime.date | None = None,
    voice_case=None,
    activity=None,
    found: str = "",
    guidance: str = "",
    support_promised: str = "",
    support_delivered: str = "",
) -> ContactLog:
    """Record one contact: with one of the cadre's own youths, or a visit to one of their fixed organizations;
    the date defaults to today and may not lie in the future."""
    today = timezone.localdate()
    date = date or today
    with transaction.atomic(), set_actor(actor):
        _require_own_or_manage(actor, cadre)
        _require_open(cadre, date)
        if date > today:
            raise ValidationError(_("A contact is logged once it has happened."), code="LOG_IN_FUTURE")
        if follow_up_due is not None and follow_up_due < date:
            raise ValidationError(_("The follow-up falls due after the contact."), code="LOG_FOLLOW_UP_BEFORE")
        if channel == ContactLog.Channel.ORG_VISIT:
            if fixed_organization is None or fixed_organization.cadre_id != cadre.pk:
                raise ValidationError(_("Pick one of the cadre's fixed organizations."), code="LOG_NO_ORGANIZATION")
            if fixed_organization.since > date or (fixed_organization.until and fixed_organization.until < date):
                raise ValidationError(
                    _("The organization was not fixed to the cadre on that day."), code="LOG_NOT_FIXED_THEN"
                )
            contact = None
        else:
            if contact is None or contact.cadre_id != cadre.pk:
                raise ValidationError(_("Pick one of the cadre's contacts."), code="LOG_NO_CONTACT")
            if contact.added_on > date or (contact.ended_on and contact.ended_on < date):
                raise ValidationError(_("The youth was not in contact on that day."), code="LOG_NOT_CONTACT_THEN")
            fixed_organization = None
        entry = ContactLog(
            cadre=cadre,
            contact=contact,
            fixed_organization=fixed_organization,
            date=date,
            channel=channel,
            raised=raised,
            done=done,
            follow_up_due=follow_up_due,
            voice_case=voice_case,
            activity=activity,
            found=found,
            guidance=guidance,
            support_promised=support_promised,
            support_delivered=support_delivered,
            recorded_by=actor,
        )
        entry.full_clean()
        entry.save()
    return entry


def handover(
    *, actor: User, from_cadre: ContactCadre, to_cadre: ContactCadre, on: datetime.date | None = None
) -> dict[str, int]:
    """Hand every open contact and fixed organization of a departing cadre to a successor in one transaction,
    and end the departing cadre's work: each ends with the old cadre on that day and starts with the new one
    (their logs stay where they were made), so nobody is dropped; a youth the successor already has is kept once.
    When the successor would pass the county's numbers of fixed organizations or youths, nothing moves."""
    on = on or timezone.localdate()
    with transaction.atomic(), set_actor(actor):
        locked = {
            c.pk: c
            for c in ContactCadre.objects.select_for_update()
            .select_related("person", "organization")
            .filter(pk__in=[from_cadre.pk, to_cadre.pk])
        }
        from_cadre, to_cadre = locked[from_cadre.pk], locked[to_cadre.pk]
        _require_manage(actor, from_cadre)
        _require_manage(actor, to_cadre)
        if from_cadre.pk == to_cadre.pk:
            raise ValidationError(_("Pick another cadre as the successor."), code="HANDOVER_SAME")
        _require_open(from_cadre, on)
        _require_open(to_cadre, on)
        if to_cadre.started_on > on:
            raise ValidationError(_("The successor starts after the handover day."), code="HANDOVER_BEFORE_START")
        contacts = list(from_cadre.contacts.select_for_update().filter(ended_on__isnull=True).order_by("pk"))
        fixed = list(from_cadre.fixed_organizations.select_for_update().filter(until__isnull=True).order_by("pk"))
        has_people = set(
            to_cadre.contacts.filter(ended_on__isnull=True, person__isnull=False).values_list("person_id", flat=True)
        )
        has_orgs = set(
            to_cadre.fixed_organizations.filter(until__isnull=True).values_list("organization_id", flat=True)
        )
        moving = [c for c in contacts if c.person_id is None or c.person_id not in has_people]
        moving_orgs = [f for f in fixed if f.organization_id not in has_orgs]
        _check_fixed_youths(to_cadre, on, sum(1 for c in moving if c.fixed))
        _check_fixed_orgs(to_cadre, on, len(moving_orgs))
        for c in contacts:
            c.ended_on, c.version = on, c.version + 1
            c.full_clean()
            c.save(update_fields=["ended_on", "version", "updated_at"])
        for c in moving:
            successor = Contact(
                cadre=to_cadre,
                person_id=c.person_id,
                name=c.name,
                phone=c.phone,
                unit=c.unit,
                field=c.field,
                added_on=on,
                fixed=c.fixed,
            )
            successor.full_clean()
            successor.save()
        for f in fixed:
            f.until, f.version = on, f.version + 1
            f.full_clean()
            f.save(update_fields=["until", "version", "updated_at"])
        for f in moving_orgs:
            FixedOrganization(cadre=to_cadre, organization_id=f.organization_id, since=on).save()
        from_cadre.ended_on, from_cadre.version = on, from_cadre.version + 1
        from_cadre.full_clean()
        from_cadre.save(update_fields=["ended_on", "version", "updated_at"])
    return {"contacts": len(moving), "kept": len(contacts) - len(moving), "organizations": len(moving_orgs)}
