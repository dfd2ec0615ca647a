import datetime

from tuanwu.duties.models import DutyRecord, Mandate, MandateKind, Term


def term(organization, name="共青团青禾县第十五次代表大会", starts_on=datetime.date(2023, 5, 4), **kw):
    return Term.objects.create(organization=organization, name=name, starts_on=starts_on, **kw)


def mandate(term, person, kind=MandateKind.COMMITTEE_MEMBER, from_on=None, **kw):
    return Mandate.objects.create(
        term=term,
        person=person,
        organization=person.organization,
        kind=kind,
        from_on=from_on or term.starts_on,
        **kw,
    )


def duty(mandate, date, kind="meeting_attended", title="全委会", **kw):
    return DutyRecord.objects.create(mandate=mandate, date=date, kind=kind, title=title, **kw)
