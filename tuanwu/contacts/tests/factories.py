"""Cadres with contacts, built straight into the tables for tests of the reads and the compliance figures."""

import datetime

from tests.factories import PersonFactory
from tuanwu.contacts.models import Contact, ContactCadre, ContactLog, FixedOrganization


def cadre(organization, name="周敏", kind="full_time", started_on=datetime.date(2024, 1, 1), person=None):
    person = person or PersonFactory(organization=organization, name=name)
    return ContactCadre.objects.create(person=person, kind=kind, organization=organization, started_on=started_on)


def contacts(cadre, n, field="student", added_on=datetime.date(2024, 1, 1), fixed=0, prefix="青年"):
    """n contacts of one field (the first `fixed` of them fixed youths), in one insert."""
    return Contact.objects.bulk_create(
        Contact(cadre=cadre, name=f"{prefix}{i}", field=field, added_on=added_on, fixed=i < fixed) for i in range(n)
    )


def fix(cadre, organization, since=datetime.date(2024, 1, 1)):
    return FixedOrganization.objects.create(cadre=cadre, organization=organization, since=since)


def log(cadre, contact=None, channel="online", date=datetime.date(2026, 4, 10), fixed_organization=None, **kw):
    return ContactLog.objects.create(
        cadre=cadre, contact=contact, fixed_organization=fixed_organization, channel=channel, date=date, **kw
    )
